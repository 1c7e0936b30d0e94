package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// addHumAndRumble adds mains hum (50 Hz and its odd harmonics, the first at
// humDB dBFS) and rumble (noise below about 40 Hz at rumbleDB) to s.
func addHumAndRumble(s []int16, rate int, humDB, rumbleDB float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	hum := math.Pow(10, humDB/20) * 32767 * math.Sqrt2
	// Rumble: white noise through two one-pole low-passes at 20 Hz,
	// scaled afterwards to its level.
	a := math.Exp(-2 * math.Pi * 20 / float64(rate))
	r := make([]float64, len(s))
	var y1, y2, sum float64
	for i := range r {
		y1 = a*y1 + (1-a)*rng.NormFloat64()
		y2 = a*y2 + (1-a)*y1
		r[i] = y2
		sum += y2 * y2
	}
	g := math.Pow(10, rumbleDB/20) * 32767 / math.Sqrt(sum/float64(len(r)))
	for i := range s {
		tm := float64(i) / float64(rate)
		h := hum * (math.Sin(2*math.Pi*50*tm) + 0.02*math.Sin(2*math.Pi*150*tm) + 0.01*math.Sin(2*math.Pi*250*tm))
		s[i] = clamp16(float64(s[i]) + h + g*r[i])
	}
}

// bandLimit passes s through a telephone or radio channel: Butterworth
// high-pass at lo and low-pass at hi Hz, two sections each.
func bandLimit(s []int16, rate int, lo, hi float64) {
	fs := float64(rate)
	fl := []biquad{highpass(lo, fs), highpass(lo, fs), lowpass2(hi, fs), lowpass2(hi, fs)}
	for i, v := range s {
		x := float64(v)
		for j := range fl {
			x = fl[j].step(x)
		}
		s[i] = clamp16(x)
	}
}

// TestPausesUnderHumAndRumble: mains hum and low rumble well above the
// speech's own quiet parts must not fill the pauses.
func TestPausesUnderHumAndRumble(t *testing.T) {
	gaps := []float64{0.3, 0.45, 0.7, 1.0, 2.0}
	for _, rate := range []int{16000, 48000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			s, want := spokenAnswer(t, rate, gaps, 0.8, 0.6)
			addNoise(s, -60, 3)
			addHumAndRumble(s, rate, -40, -20, 4)
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPauses(t, r.Pauses, want, degradedTol)
		})
	}
}

// degradedTol is how far, in seconds, a pause's edges may move when the
// channel hides a word's faint release (a stop's burst under the hum, a
// fricative above the radio's band): the onset tolerance of the comparison
// with word alignments.
const degradedTol = 0.15

// TestPausesOnTelephoneAndRadio: speech through a telephone channel (300 Hz
// to 3.4 kHz) at 8 kHz, and through a narrow radio channel with hiss, has
// the same pauses.
func TestPausesOnTelephoneAndRadio(t *testing.T) {
	gaps := []float64{0.3, 0.45, 0.7, 1.0, 2.0}
	for _, tc := range []struct {
		name          string
		rate          int
		lo, hi, noise float64
	}{
		{"telephone 8 kHz", 8000, 300, 3400, -60},
		{"radio 16 kHz", 16000, 400, 2800, -45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, want := spokenAnswer(t, tc.rate, gaps, 0.8, 0.6)
			bandLimit(s, tc.rate, tc.lo, tc.hi)
			addNoise(s, tc.noise, 5)
			r, err := Analyze(s, tc.rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPauses(t, r.Pauses, want, degradedTol)
			if r.Syllables == 0 {
				t.Error("no syllables counted")
			}
		})
	}
}

// TestPausesUnderSwellingRumble: in every pause a low rumble above 100 Hz
// (traffic, a lorry passing) swells and fades, while the floor between the
// swells is quiet. The swells are not a voice trailing off: the
// background's own rise, measured deep inside the silences, raises the bar
// for following a weak voice, so every pause is still found.
func TestPausesUnderSwellingRumble(t *testing.T) {
	for _, rate := range []int{16000, 48000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			gaps := []float64{0.6, 0.8, 1.0, 0.7}
			s, want := spokenAnswer(t, rate, gaps, 0.8, 0.6)
			// A quiet voice, its loud parts about 30 dB over the floor; the
			// rumble (about -56 dBFS from 120 to 300 Hz at any rate)
			// swells a few dB over the floor in the middle of each pause.
			for i := range s {
				s[i] = int16(float64(s[i]) * 0.3)
			}
			addNoise(s, -60, 3)
			for i, p := range want {
				a, b := int(p.Start*float64(rate)), int(p.End*float64(rate))
				r := silence(rate, float64(b-a)/float64(rate))
				addNoise(r, -40+10*math.Log10(float64(rate)/16000), uint64(20+i))
				bandLimit(r, rate, 120, 300)
				for j := range r {
					e := math.Sin(math.Pi * float64(j) / float64(len(r)))
					s[a+j] = clamp16(float64(s[a+j]) + e*float64(r[j]))
				}
			}
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPauses(t, r.Pauses, want, 0.1)
		})
	}
}
