package analysis

import (
	"fmt"
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
	return swellFrames(3, snr)
}

// swellFrames is syllableFrames with the level between the swells base dB
// over the noise floor.
func swellFrames(base, snr float32) *frames {
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
		f.intensity[k] = floor + base + (snr-base)*float32(math.Max(0, math.Cos(math.Pi*d/40)))
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
// jumps from frame to frame as noise does, is no syllable, unless it stands
// so near the noise that the noise's own spectrum moves it; and a swell
// under weakMargin over the floor is none either.
func TestCreakyNuclei(t *testing.T) {
	for _, tc := range []struct {
		name      string
		base, snr float32
		band      float32 // level above speechLow over the vowel band's, dB
		jumpy     bool
		want      int
	}{
		{"creaky vowel", 3, 15, 2, false, 1},
		{"fricative", 3, 15, 10, false, 0},
		{"noise", 3, 15, 2, true, 0},
		{"faint creaky vowel in a noise that moves its spectrum", 3, 8, 2, true, 1},
		{"faint fricative", 3, 8, 10, true, 0},
		{"ripple of the noise floor", 1, 3.5, 2, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := swellFrames(tc.base, tc.snr)
			creakAll(f, tc.band)
			for k := range f.intensity {
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

// creakAll makes every frame of f a creaky one: no pitch, aperiodicity
// 0.6, the level above speechLow band dB over the vowel band's and a steady
// spectrum.
func creakAll(f *frames, band float32) {
	for k := range f.intensity {
		f.voiced[k], f.quasi[k] = false, false
		f.pitch[k], f.aper[k] = 0, 0.6
		f.wide[k] = f.intensity[k] + band
		f.shape[k] = [shapeN]float32{0.6, 0.2, -0.2, -0.4, 0.1, 0.3}
	}
}

// TestCreakPulsesAreOneSyllable: a creaky voice's pulses come 20 to 40 ms
// apart, so only one 10 ms frame in two, three or four holds one, and a
// 50 ms rectangular window holds one pulse more or one fewer from frame to
// frame, its level a dB or two apart: peaks two to four frames apart, which
// the nuclei once counted as syllables. Each creaky vowel is one syllable.
func TestCreakPulsesAreOneSyllable(t *testing.T) {
	const ring = 6 // dB the vowel rings down between two pulses
	for _, period := range []int{2, 3, 4} {
		t.Run(fmt.Sprintf("a pulse every %d frames", period), func(t *testing.T) {
			f := swellFrames(3, 30)
			creakAll(f, 2)
			for k := range f.intensity {
				if k%period != 0 && f.intensity[k] > f.floor[k]+ring {
					// Between the pulses the vowel rings down.
					f.intensity[k] -= ring
					f.wide[k] -= ring
				}
			}
			f.findNuclei()
			if len(f.nuclei) != 3 {
				t.Errorf("%d nuclei at frames %v, want one in each of the 3 swells", len(f.nuclei), f.nuclei)
			}
		})
	}
}

// TestVoiceOnAFlatTop: on a flat top the highest frame is a matter of
// hundredths of a dB; the voice heard two frames along the top, within
// flatTop of the peak, makes the peak voiced, and the voice as far along a
// slope does not.
func TestVoiceOnAFlatTop(t *testing.T) {
	for _, tc := range []struct {
		name string
		next float32 // the level of the frames after the peak, under it, dB
		want bool
	}{
		{"flat top", 0.1, true},
		{"slope", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := syllableFrames(15)
			for k := range f.voiced {
				f.voiced[k], f.quasi[k], f.aper[k] = false, false, 0.8
				f.wide[k] = f.intensity[k] + 10 // no creaky vowel either
			}
			f.voiced[13], f.quasi[13], f.aper[13] = true, true, 0.1
			s := make([]float32, 20)
			for k := range s {
				s[k] = -60
			}
			s[10] = -40
			for k := 11; k <= 13; k++ {
				s[k] = -40 - tc.next*float32(k-10)/3
			}
			if got := f.voicedTop(s, 10, 0); got != tc.want {
				t.Errorf("voiced at the peak: %v, want %v (top %v)", got, tc.want, s[9:15])
			}
		})
	}
}
