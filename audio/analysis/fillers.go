package analysis

import (
	"math"
	"slices"
)

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
	// fillSmooth is the half-width, in frames, of the average the
	// intensity is taken over for fillRange (5 frames: 50 ms).
	fillSmooth = 2
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
	// fillBand is how far, dB, the level above speechLow may stand over
	// the vowel band's (speechLow to speechHigh Hz) in a creaky filled
	// pause: a vowel or a hum has most of its energy below 1.5 kHz, a
	// breath or a hiss above it.
	fillBand = 6.0
	// fillBlock is the length, in frames, of the blocks of a filled pause
	// that must each keep their energy in the vowel band (50 ms).
	fillBlock = 5
	// creakShape is the largest mean distance of a creaky filled pause's
	// spectrum, over 30 ms, from its mean over the whole stretch.
	creakShape = 0.2
	// creakMean is the weight of a new frame in the running mean of the
	// sound a creaky filled pause holds (about 50 ms).
	creakMean = 0.2
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
	f.findCreakyFillers()
}

// findCreakyFillers adds the filled pauses of a creaky voice: its pulses
// come too slowly and irregularly for a pitch, but the vowel it holds
// keeps one spectrum, frame after frame.
func (f *frames) findCreakyFillers() {
	n := len(f.speech)
	var extra [][2]int
	for k := 0; k < n; {
		if !f.speech[k] || !f.sounding[k] {
			k++
			continue
		}
		// Each frame is compared with the sound held so far (a running
		// mean over about 50 ms), as noise and uneven pulses make
		// neighbouring frames of a creaky vowel differ more than the vowel.
		e, last := k+1, k
		held := toF64(f.shape[k])
		for e < n && f.speech[e] && e-last <= fillGlitch+1 {
			if d := distF64(held, f.shape[e]); d < fillShape {
				last = e
				for j := range held {
					held[j] += (float64(f.shape[e][j]) - held[j]) * creakMean
				}
			}
			e++
		}
		a, b := k, last+1
		k = b
		if b-a < fillMin || b-a > fillMax || f.silenceBefore(a) < fillQuiet {
			continue
		}
		if f.creakyFiller(a, b) && !overlaps(f.fillers, a, b) {
			extra = append(extra, [2]int{a, b})
		}
	}
	if len(extra) > 0 {
		f.fillers = append(f.fillers, extra...)
		slices.SortFunc(f.fillers, func(x, y [2]int) int { return x[0] - y[0] })
	}
}

// creakyFiller reports whether the stretch a..b holds one sound without a
// pitch to follow: few frames with a clear pitch and most beyond even a
// quasi-periodic one (the pulses of creak are uneven), energy mostly in the
// vowel band, a spectrum that stays put and no syllable beat.
func (f *frames) creakyFiller(a, b int) bool {
	s := f.smoothIntensity()
	lo, hi := math.Inf(1), math.Inf(-1)
	clear, creak := 0, 0
	var band float64
	var mean [shapeN]float64
	for k := a; k < b; k++ {
		if k >= a+fillEdge && k < b-fillEdge {
			lo, hi = min(lo, float64(s[k])), max(hi, float64(s[k]))
		}
		if f.voiced[k] {
			clear++
		}
		if f.aper[k] >= creakAper {
			creak++
		}
		band += float64(f.wide[k] - f.intensity[k])
		for j, v := range f.shape[k] {
			mean[j] += float64(v) / float64(b-a)
		}
	}
	if 2*clear >= b-a || 2*creak < b-a || band/float64(b-a) > fillBand || hi-lo > fillRange {
		return false
	}
	// A 10 ms frame of creak holds one or two uneven pulses: the spectrum
	// is judged over 30 ms, against the stretch's mean.
	var spread float64
	for k := a; k < b; k++ {
		var m [shapeN]float64
		i0, i1 := max(a, k-1), min(b-1, k+1)
		for i := i0; i <= i1; i++ {
			for j, v := range f.shape[i] {
				m[j] += float64(v) / float64(i1-i0+1)
			}
		}
		var d float64
		for j := range m {
			d += (m[j] - mean[j]) * (m[j] - mean[j])
		}
		spread += math.Sqrt(d)
	}
	return spread/float64(b-a) <= creakShape
}

// toF64 converts a frame's spectral shape to float64.
func toF64(s [shapeN]float32) [shapeN]float64 {
	var out [shapeN]float64
	for j, v := range s {
		out[j] = float64(v)
	}
	return out
}

// distF64 is shapeDist between a running mean and a frame's shape.
func distF64(a [shapeN]float64, b [shapeN]float32) float64 {
	var d float64
	for j := range a {
		x := a[j] - float64(b[j])
		d += x * x
	}
	return math.Sqrt(d)
}

// overlaps reports whether a..b overlaps one of the frame ranges rs.
func overlaps(rs [][2]int, a, b int) bool {
	for _, r := range rs {
		if r[0] < b && a < r[1] {
			return true
		}
	}
	return false
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
	return sd <= fillSpread && drift <= fillDrift && shape/float64(nShape) <= fillMeanShape && hi-lo <= fillRange &&
		f.vowelThroughout(a, b)
}

// vowelThroughout reports whether every 50 ms of the stretch a..b keeps its
// energy in the vowel band (the level above speechLow at most fillBand over
// the band's). A hesitation holds a vowel or a hum to its end; a word drawn
// out on one pitch ends in its consonant, and a voiced fricative ("here's",
// "is", "was") carries the voice into a hiss that the pitch follows.
func (f *frames) vowelThroughout(a, b int) bool {
	for k := a; k < b; k += fillBlock {
		e := min(b, k+fillBlock)
		var band float64
		for j := k; j < e; j++ {
			band += float64(f.wide[j] - f.intensity[j])
		}
		if band > fillBand*float64(e-k) {
			return false
		}
	}
	return true
}

// smoothIntensity returns the intensity contour averaged over 50 ms, on
// which a filled pause's beat is judged, computing it once.
func (f *frames) smoothIntensity() []float32 {
	if f.smooth == nil {
		f.smooth = smoothDB(f.intensity, fillSmooth)
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
