package analysis

import (
	"math"
	"slices"
)

// Tuning of speech detection.
const (
	// floorWindow is how far (in frames, either side) the noise floor looks
	// for the quietest stretch: ±5 s. It follows a change of background
	// noise within that time, and needs a quiet moment in any 10 s.
	floorWindow = 5 * frameRate
	// chunk is the number of frames summarised by one percentile (1 s).
	chunk = frameRate
	// floorMargin is how far above the noise floor speech must rise, dB.
	floorMargin = 9.0
	// speechRange is how far below the loud parts of speech the threshold
	// may go when the noise floor is far lower, dB.
	speechRange = 35.0
	// voicedAper is the largest YIN aperiodicity of a voiced frame.
	voicedAper = 0.3
	// minVoicedFrames is how many voiced frames a burst of sound needs to
	// count as speech rather than a breath or a click.
	minVoicedFrames = 3
	// minSpeechFrames is the shortest burst of sound counted as speech.
	minSpeechFrames = 5
)

// frames holds the per-frame figures of a take.
type frames struct {
	level     []float32 // full-band level, dBFS
	clips     []int32   // clipped samples
	intensity []float32 // band-limited (60 Hz to 0.4 of the pitch rate) level, dBFS
	pitch     []float32 // YIN estimate, Hz (0: silent frame)
	aper      []float32 // YIN aperiodicity, 0 (periodic) to 1

	threshold []float32 // speech threshold, dBFS
	floor     []float32 // noise floor, dBFS
	speech    []bool    // frame is inside speech (short gaps included)
	voiced    []bool    // speech frame with a trusted pitch
	nuclei    []int     // frames of the syllable nuclei, ascending

	minPitch, maxPitch float64
}

// trim makes every per-frame slice n long, padding with silence.
func (f *frames) trim(n int) {
	fix := func(s []float32, pad float32) []float32 {
		for len(s) < n {
			s = append(s, pad)
		}
		return s[:n]
	}
	f.intensity = fix(f.intensity, minDB)
	f.pitch = fix(f.pitch, 0)
	f.aper = fix(f.aper, 1)
}

// seconds converts a frame index to a time in seconds.
func seconds(k int) float64 { return float64(k) / frameRate }

// smoothDB averages a dB contour over 2r+1 frames in the power domain.
func smoothDB(in []float32, r int) []float32 {
	out := make([]float32, len(in))
	pow := make([]float64, len(in)+1) // prefix sums of power
	for i, v := range in {
		pow[i+1] = pow[i] + math.Pow(10, float64(v)/10)
	}
	for i := range in {
		a, b := max(0, i-r), min(len(in), i+r+1)
		m := (pow[b] - pow[a]) / float64(b-a)
		if m <= 0 {
			out[i] = minDB
			continue
		}
		out[i] = float32(max(minDB, 10*math.Log10(m)))
	}
	return out
}

// thresholds computes the adaptive noise floor and the speech threshold of
// every frame from the smoothed level lv. The floor is the lowest 10th
// percentile of any second within ±5 s; the loud reference is the highest
// 95th percentile there. A frame is speech when it is floorMargin above the
// floor, or within speechRange of the loud reference if that is higher.
func (f *frames) thresholds(lv []float32) {
	n := len(lv)
	nc := (n + chunk - 1) / chunk
	lo := make([]float32, nc)
	hi := make([]float32, nc)
	buf := make([]float32, 0, chunk)
	for c := range nc {
		buf = append(buf[:0], lv[c*chunk:min(n, (c+1)*chunk)]...)
		slices.Sort(buf)
		lo[c] = buf[len(buf)/10]
		hi[c] = buf[(len(buf)*95)/100]
	}
	w := floorWindow / chunk
	f.floor = make([]float32, n)
	f.threshold = make([]float32, n)
	for c := range nc {
		fl, pk := lo[c], hi[c]
		for j := max(0, c-w); j <= min(nc-1, c+w); j++ {
			fl = min(fl, lo[j])
			pk = max(pk, hi[j])
		}
		thr := max(fl+floorMargin, pk-speechRange)
		for k := c * chunk; k < min(n, (c+1)*chunk); k++ {
			f.floor[k] = fl
			f.threshold[k] = thr
		}
	}
}

// detectSpeech fills speech and voiced: frames above threshold form bursts;
// bursts without voicing far from any voiced burst are dropped, and gaps
// shorter than minPause frames inside speech are filled.
func (f *frames) detectSpeech(minPause int) {
	lv := f.level
	f.thresholds(lv)
	n := len(lv)
	f.speech = make([]bool, n)
	f.voiced = make([]bool, n)
	periodic := func(k int) bool {
		p := float64(f.pitch[k])
		return f.aper[k] < voicedAper && p >= f.minPitch && p <= f.maxPitch
	}
	// Bursts of frames above threshold. A voiced burst is speech; an
	// unvoiced one (a consonant's release, a breath, a click) only when it
	// lies within a pause's length of a voiced one.
	type burst struct {
		a, b  int
		voice bool
	}
	var bursts []burst
	for k := 0; k < n; {
		if lv[k] < f.threshold[k] {
			k++
			continue
		}
		e := k
		voiced := 0
		for e < n && lv[e] >= f.threshold[e] {
			if periodic(e) {
				voiced++
			}
			e++
		}
		bursts = append(bursts, burst{k, e, e-k >= minSpeechFrames && voiced >= minVoicedFrames})
		k = e
	}
	for i, u := range bursts {
		keep := u.voice
		for j := i - 1; !keep && j >= 0 && u.a-bursts[j].b < minPause; j-- {
			keep = bursts[j].voice
		}
		for j := i + 1; !keep && j < len(bursts) && bursts[j].a-u.b < minPause; j++ {
			keep = bursts[j].voice
		}
		if keep {
			for j := u.a; j < u.b; j++ {
				f.speech[j] = true
			}
		}
	}
	// Fill gaps shorter than a pause.
	last := -1 // last speech frame seen
	for k := 0; k < n; k++ {
		if !f.speech[k] {
			continue
		}
		if last >= 0 && k-last-1 > 0 && k-last-1 < minPause {
			for j := last + 1; j < k; j++ {
				f.speech[j] = true
			}
		}
		last = k
	}
	for k := range n {
		f.voiced[k] = f.speech[k] && periodic(k)
	}
}

// runs returns the [start, end) frame ranges where speech is true.
func (f *frames) runs() [][2]int {
	var out [][2]int
	for k := 0; k < len(f.speech); {
		if !f.speech[k] {
			k++
			continue
		}
		e := k
		for e < len(f.speech) && f.speech[e] {
			e++
		}
		out = append(out, [2]int{k, e})
		k = e
	}
	return out
}
