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

// TestCreakyNuclei: a swell whose pulses are too uneven for any pitch
// (aperiodicity 0.6 all through) counts as a syllable when it holds a vowel:
// most of its energy in the vowel band and a spectrum that stays put. The
// same swell with a fricative's energy above the band, or a spectrum that
// jumps from frame to frame as noise does, is no syllable.
func TestCreakyNuclei(t *testing.T) {
	for _, tc := range []struct {
		name  string
		band  float32 // level above speechLow over the vowel band's, dB
		jumpy bool
		want  int
	}{
		{"creaky vowel", 2, false, 1},
		{"fricative", 10, false, 0},
		{"noise", 2, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := syllableFrames(15)
			for k := range f.intensity {
				f.voiced[k], f.quasi[k] = false, false
				f.pitch[k], f.aper[k] = 0, 0.6
				f.wide[k] = f.intensity[k] + tc.band
				f.shape[k] = [shapeN]float32{0.6, 0.2, -0.2, -0.4, 0.1, 0.3}
				if tc.jumpy && k%2 == 1 {
					f.shape[k] = [shapeN]float32{0.9, 0.7, 0.5, 0.3, 0.2, 0.1}
				}
			}
			f.findNuclei()
			if got := len(f.nuclei); got != 3*tc.want {
				t.Errorf("%d nuclei at frames %v, want %d", got, f.nuclei, 3*tc.want)
			}
		})
	}
}
