package analysis

import (
	"math"
	"slices"
	"testing"
)

// syllableFrames returns frames of speech with three swells of the vowel-band
// intensity (at frames 50, 150 and 250, peaking snr dB over the noise floor)
// over a noise floor at -70 dBFS. Around the first swell the voice is clearly periodic
// at 120 Hz; around the second and third only quasi-periodic (aperiodicity
// 0.4), at 120 Hz and at 80 Hz.
func syllableFrames(snr float32) *frames {
	const floor = -70
	const n = 300
	f := &frames{minPitch: 60, maxPitch: 500}
	f.intensity = make([]float32, n)
	f.wide = make([]float32, n)
	f.pitch = make([]float32, n)
	f.aper = make([]float32, n)
	f.shape = make([][shapeN]float32, n)
	f.floor = make([]float32, n)
	f.speech = make([]bool, n)
	f.voiced = make([]bool, n)
	f.quasi = make([]bool, n)
	for k := range n {
		c := (k/100)*100 + 50
		d := float64(k - c)
		f.intensity[k] = floor + 3 + (snr-3)*float32(math.Max(0, math.Cos(math.Pi*d/40)))
		f.wide[k] = f.intensity[k] + 1
		f.floor[k] = floor
		f.speech[k] = true
		f.aper[k] = 0.8
		if math.Abs(d) <= 10 {
			f.pitch[k] = []float32{120, 120, 80}[k/100]
			f.aper[k] = []float32{0.1, 0.4, 0.4}[k/100]
			f.voiced[k] = k < 100
			f.quasi[k] = true
		}
	}
	return f
}

// TestQuasiPeriodicNucleiNeedNoiseOrCreak: a swell whose voice is only
// quasi-periodic counts as a syllable where noise near its level can make a
// voice irregular, or where its pitch lies in the creak register under the
// speaker's voice; far above the noise at the speaker's own pitch it is the
// edge of a syllable or a noise burst (the static of a radio link), not a
// vowel.
func TestQuasiPeriodicNucleiNeedNoiseOrCreak(t *testing.T) {
	for _, tc := range []struct {
		name string
		snr  float32
		want []int
	}{
		{"far above the noise", 35, []int{50, 250}},
		{"near the noise", 15, []int{50, 150, 250}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := syllableFrames(tc.snr)
			f.findNuclei()
			if !slices.Equal(f.nuclei, tc.want) {
				t.Errorf("nuclei at frames %v, want %v", f.nuclei, tc.want)
			}
		})
	}
}
