package analysis

import "math"

// Tuning of filled-pause detection. A filled pause ("um", "uh", "er") is
// the sound of thinking aloud: the voice holds one vowel (or a vowel and a
// hum) on a level pitch, without the rise and fall of intensity that
// syllables make, for a fifth of a second or more. Words move: the pitch
// glides, the spectrum changes with every sound, and the intensity dips
// between syllables several times a second.
const (
	// fillStep is the largest pitch change between two frames of a
	// filled pause, semitones (10 ms apart).
	fillStep = 0.7
	// fillShape is the largest spectral change between two frames of a
	// filled pause (Euclidean distance of their normalised
	// autocorrelations at shapeLags).
	fillShape = 0.35
	// fillMin and fillMax bound the length of a filled pause, frames.
	fillMin, fillMax = 20, 150
	// fillSpread is the largest spread of the pitch over a filled pause,
	// semitones, and fillDrift the largest pitch change from its first
	// quarter to its last.
	fillSpread, fillDrift = 1.0, 2.0
	// fillMeanShape is the largest mean spectral change per frame.
	fillMeanShape = 0.16
	// fillRange is the largest rise and fall of the intensity inside a
	// filled pause, dB: more is the modulation of syllables.
	fillRange = 10.5
	// fillQuiet is the shortest silence, in frames, before a filled pause:
	// people stop to think, then hesitate aloud before they go on (200 ms).
	// A word drawn out on a level pitch at the end of a phrase comes before
	// a silence instead, so it is not taken for one.
	fillQuiet = 20
	// fillNear is how soon, in frames, after that silence the steady sound
	// must begin (200 ms: its onset may come first).
	fillNear = 20
	// fillEdge is how many frames at either end of a filled pause are left
	// out of its intensity range (30 ms).
	fillEdge = 3
	// fillGlitch is how many frames in a row a steady stretch may lose its
	// pitch (a creaky pulse, a tracking error) and go on.
	fillGlitch = 2
)

// findFillers fills f.fillers with the filled pauses, as [start, end) frame
// ranges.
func (f *frames) findFillers() {
	f.fillers = f.fillers[:0]
	n := len(f.speech)
	steady := func(a, b int) bool {
		if !f.quasi[a] || !f.quasi[b] {
			return false
		}
		st := 12 * math.Log2(float64(f.pitch[b])/float64(f.pitch[a]))
		return math.Abs(st) < fillStep*float64(b-a) && shapeDist(f.shape[a], f.shape[b]) < fillShape
	}
	samePitch := func(a, b int) bool {
		st := 12 * math.Log2(float64(f.pitch[b])/float64(f.pitch[a]))
		return f.quasi[a] && f.quasi[b] && math.Abs(st) < fillStep*float64(b-a)
	}
	// Steady stretches, joined across glitches of up to fillGlitch frames.
	var runs [][2]int
	for k := 0; k < n; {
		if !f.quasi[k] {
			k++
			continue
		}
		e, last := k+1, k
		for e < n && e-last <= fillGlitch+1 {
			if steady(last, e) {
				last = e
			}
			e++
		}
		end := last + 1
		// "um" turns from a vowel to a hum on the same pitch: the spectrum
		// jumps once, the pitch does not.
		if m := len(runs); m > 0 && k-runs[m-1][1] <= fillGlitch && samePitch(runs[m-1][1]-1, k) {
			runs[m-1][1] = end
		} else {
			runs = append(runs, [2]int{k, end})
		}
		k = end
	}
	for _, r := range runs {
		if r[1]-r[0] >= fillMin && r[1]-r[0] <= fillMax && f.filledPause(r[0], r[1]) &&
			f.silenceBefore(r[0]) >= fillQuiet {
			f.fillers = append(f.fillers, r)
		}
	}
}

// filledPause reports whether the steady stretch a..b sounds like a filled
// pause as a whole: a level pitch, an unchanging spectrum and no syllable
// beat.
func (f *frames) filledPause(a, b int) bool {
	var st []float64
	ref := 0.0
	var shape float64
	var nShape int
	lo, hi := math.Inf(1), math.Inf(-1)
	s := f.smoothIntensity()
	prev := -1
	for k := a; k < b; k++ {
		if k >= a+fillEdge && k < b-fillEdge {
			// The beat is looked for inside: the voice's onset and
			// release rise and fall whatever the sound.
			lo, hi = min(lo, float64(s[k])), max(hi, float64(s[k]))
		}
		if !f.quasi[k] {
			continue
		}
		if ref == 0 {
			ref = float64(f.pitch[k])
		}
		st = append(st, 12*math.Log2(float64(f.pitch[k])/ref))
		if prev >= 0 {
			shape += shapeDist(f.shape[prev], f.shape[k])
			nShape++
		}
		prev = k
	}
	if len(st) < fillMin*3/4 || nShape == 0 {
		return false
	}
	var m, m2 float64
	for _, v := range st {
		m += v
		m2 += v * v
	}
	m /= float64(len(st))
	sd := math.Sqrt(max(0, m2/float64(len(st))-m*m))
	q := max(1, len(st)/4)
	var first, lastQ float64
	for i := range q {
		first += st[i]
		lastQ += st[len(st)-1-i]
	}
	drift := math.Abs(lastQ-first) / float64(q)
	return sd <= fillSpread && drift <= fillDrift && shape/float64(nShape) <= fillMeanShape && hi-lo <= fillRange
}

// smoothIntensity returns the intensity contour smoothed as for the
// syllable nuclei, computing it once.
func (f *frames) smoothIntensity() []float32 {
	if f.smooth == nil {
		f.smooth = smoothDB(f.intensity, intensitySmooth)
	}
	return f.smooth
}

// shapeDist is the distance between two frames' spectral shapes.
func shapeDist(a, b [shapeN]float32) float64 {
	var d float64
	for j := range a {
		x := float64(a[j] - b[j])
		d += x * x
	}
	return math.Sqrt(d)
}

// silenceBefore returns the length, in frames, of the longest silence (frames
// that do not sound) ending within fillNear frames before frame a; the start
// of the take counts as a long silence.
func (f *frames) silenceBefore(a int) int {
	best := 0
	for k := a - 1; k >= max(-1, a-1-fillNear); k-- {
		if k < 0 {
			return fillMax
		}
		if f.sounding[k] {
			continue
		}
		l := 0
		for j := k; j >= 0 && !f.sounding[j]; j-- {
			l++
		}
		if k-l < 0 {
			return fillMax
		}
		best = max(best, l)
		k -= l
	}
	return best
}
