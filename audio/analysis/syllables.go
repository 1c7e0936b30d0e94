package analysis

import (
	"math"
	"slices"
)

// Tuning of syllable-nucleus detection.
const (
	// minDip is how far, in dB, the intensity must fall between two peaks
	// for both to count as syllable nuclei.
	minDip = 2.0
	// nucleusRange is how far below the loud syllables a nucleus may be,
	// dB (loud: the 99th percentile of the speech within ±5 s).
	nucleusRange = 25.0
	// intensitySmooth is the half-width, in frames, of the smoothing of the
	// intensity contour (5 frames: 50 ms).
	intensitySmooth = 2
	// quasiNear is how many of the five frames around a nucleus must be
	// quasi-periodic when none is clearly voiced.
	quasiNear = 2
	// creakNear is how many of the five frames around a nucleus must hold
	// a creaky vowel when none is voiced even quasi-periodically.
	creakNear = 4
	// quasiSNR is the level, dB over the noise floor, above which a
	// quasi-periodic nucleus needs a pitch in the creak register: noise
	// makes a voice irregular only when it is near the voice's level.
	quasiSNR = 20.0
	// fryBelow is how far under the speaker's median pitch, semitones,
	// the creak register begins.
	fryBelow = 4.0
)

// findNuclei fills f.nuclei with the syllable nuclei: peaks of the smoothed
// band-limited intensity that lie in speech, are no more than nucleusRange
// below the loud syllables around them, are separated from the neighbouring
// peak by a dip of at least minDip on both sides, and are voiced.
func (f *frames) findNuclei() {
	s := f.smoothIntensity()
	n := len(s)
	loud := f.loudIntensity(s)

	// Candidate peaks: local maxima inside speech above the range.
	var peaks []int
	for k := 1; k+1 < n; k++ {
		if !f.speech[k] || s[k] <= s[k-1] || s[k] < s[k+1] {
			continue
		}
		if float64(s[k]) < float64(loud[k])-nucleusRange {
			continue
		}
		peaks = append(peaks, k)
	}

	// A peak counts when the intensity dips by minDip between it and the
	// next peak (or the end of the take after the last one).
	var kept []int
	for i, p := range peaks {
		next := n
		if i+1 < len(peaks) {
			next = peaks[i+1] + 1
		}
		if s[p]-slices.Min(s[p:next]) >= minDip {
			kept = append(kept, p)
		}
	}
	f.nuclei = f.nuclei[:0]
	var ps []float32
	for k, v := range f.voiced {
		if v {
			ps = append(ps, f.pitch[k])
		}
	}
	fry := float32(0) // the top of the creak register: below the speaker's voice
	if len(ps) > 0 {
		fry = nth(ps, len(ps)/2) * float32(math.Pow(2, -fryBelow/12))
	}
	for _, p := range kept {
		if f.voicedNear(p, s[p]-f.floor[p] < quasiSNR, fry) {
			f.nuclei = append(f.nuclei, p)
		}
	}
}

// voicedNear reports whether the voice is heard at frame k: a neighbour
// (or k) is voiced, or, for a creaky voice, at least quasiNear frames within
// two of k are quasi-periodic (a single one is as likely noise), or at least
// creakNear of them hold a vowel whose pulses are too uneven for any pitch:
// most of their energy in the vowel band (a fricative's and a breath's lies
// above it) and a spectrum that changes from frame to frame no more than a
// held vowel's (noise and consonants move).
func (f *frames) voicedNear(k int, noisy bool, fry float32) bool {
	q, c, v := 0, 0, 0
	var qp []float32
	for j := max(0, k-2); j <= min(len(f.voiced)-1, k+2); j++ {
		if f.voiced[j] && j >= k-1 && j <= k+1 {
			return true
		}
		if f.voiced[j] {
			v++
		}
		if f.quasi[j] {
			q++
			qp = append(qp, f.pitch[j])
		}
		if f.speech[j] && j > 0 && f.aper[j] >= creakAper && f.wide[j]-f.intensity[j] <= fillBand && shapeDist(f.shape[j-1], f.shape[j]) < fillMeanShape {
			c++
		}
	}
	if q >= quasiNear && !noisy && v == 0 {
		// Clear of the noise, a voice is periodic unless it creaks, low
		// under the speaker's usual pitch: an irregular peak there is
		// the edge of a syllable or a noise, not a vowel.
		if nth(qp, len(qp)/2) > fry {
			q = 0
		}
	}
	return q >= quasiNear || c >= creakNear
}

// loudIntensity returns, for every frame, the 99th percentile of the speech
// intensity within ±5 s (minDB where there is no speech).
func (f *frames) loudIntensity(s []float32) []float32 {
	n := len(s)
	nc := (n + chunk - 1) / chunk
	hi := make([]float32, nc)
	buf := make([]float32, 0, chunk)
	for c := range nc {
		buf = buf[:0]
		for k := c * chunk; k < min(n, (c+1)*chunk); k++ {
			if f.speech[k] {
				buf = append(buf, s[k])
			}
		}
		hi[c] = minDB
		if len(buf) > 0 {
			hi[c] = nth(buf, (len(buf)*99)/100)
		}
	}
	w := floorWindow / chunk
	out := make([]float32, n)
	for c := range nc {
		pk := hi[c]
		for j := max(0, c-w); j <= min(nc-1, c+w); j++ {
			pk = max(pk, hi[j])
		}
		for k := c * chunk; k < min(n, (c+1)*chunk); k++ {
			out[k] = pk
		}
	}
	return out
}
