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
	// intensitySpread is the standard deviation, in frames, of the
	// Gaussian that smooths the intensity contour: √2 frames (14 ms), the
	// spread of a 50 ms rectangular window. A rectangle's side lobes let
	// the pulses of the voice through (as one more or one fewer falls
	// inside it, the level ripples by a dB and more), so the pulses of a
	// creaky voice, 15 to 30 ms apart, made peaks 30 to 60 ms apart,
	// closer than any two syllables.
	intensitySpread = math.Sqrt2
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
	// faintSNR is the level, dB over the noise floor, under which a
	// creaky nucleus need not hold its spectrum from frame to frame:
	// there the noise brings a tenth of the power or more, and its own
	// spectrum, which jumps, moves the frame's.
	faintSNR = 10.0
	// flatTop is how far under a peak, dB, the frames of its top lie.
	flatTop = 0.25
)

// findNuclei fills f.nuclei with the syllable nuclei: peaks of the smoothed
// band-limited intensity that lie in speech, are no more than nucleusRange
// below the loud syllables around them, are separated from the neighbouring
// peak by a dip of at least minDip on both sides, and are voiced.
func (f *frames) findNuclei() {
	s := smoothGauss(f.intensity, intensitySpread)
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
		if f.voicedTop(s, p, fry) {
			f.nuclei = append(f.nuclei, p)
		}
	}
}

// voicedTop reports whether the voice is heard at the peak p of the
// contour s or at a frame of its top (within flatTop dB of it): on a flat
// top, which frame is highest is a matter of hundredths of a dB, and a
// copy of the take at another sample rate may pick its neighbour.
func (f *frames) voicedTop(s []float32, p int, fry float32) bool {
	snr := s[p] - f.floor[p]
	for j := p; j >= 0 && s[j] >= s[p]-flatTop; j-- {
		if f.voicedNear(j, snr, fry) {
			return true
		}
	}
	for j := p + 1; j < len(s) && s[j] >= s[p]-flatTop; j++ {
		if f.voicedNear(j, snr, fry) {
			return true
		}
	}
	return false
}

// voicedNear reports whether the voice is heard at frame k, whose level
// stands snr dB over the noise floor: a neighbour (or k) is voiced, or, for
// a creaky voice, at least quasiNear frames within two of k are
// quasi-periodic (a single one is as likely noise), or at least creakNear
// of them hold a vowel whose pulses are too uneven for any pitch. Such a
// vowel has most of its energy in the vowel band (a fricative's and a
// breath's lies above it), a spectrum that changes from frame to frame no
// more than a held vowel's (noise and consonants move) unless the noise is
// near its level (under faintSNR), and a level weakMargin over the floor,
// as a periodic frame needs to sound.
func (f *frames) voicedNear(k int, snr, fry float32) bool {
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
		if f.speech[j] && j > 0 && f.aper[j] >= creakAper && f.wide[j]-f.intensity[j] <= fillBand &&
			(snr < faintSNR || shapeDist(f.shape[j-1], f.shape[j]) < fillMeanShape) {
			c++
		}
	}
	if q >= quasiNear && snr >= quasiSNR && v == 0 {
		// Clear of the noise, a voice is periodic unless it creaks, low
		// under the speaker's usual pitch: an irregular peak there is
		// the edge of a syllable or a noise, not a vowel.
		if nth(qp, len(qp)/2) > fry {
			q = 0
		}
	}
	if snr < weakMargin {
		c = 0
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
