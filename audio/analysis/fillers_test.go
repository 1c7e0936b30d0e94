package analysis

import (
	"fmt"
	"math"
	"testing"
)

// hum returns sec seconds of a held vowel: the harmonics of a steady f0
// shaped by two fixed resonances (F1 500 Hz, F2 1500 Hz, a schwa), with a
// soft 30 ms onset and offset, at level db (dBFS peak).
func hum(rate int, f0, sec, db float64) []int16 {
	n := int(sec * float64(rate))
	s := make([]int16, n)
	amp := math.Pow(10, db/20) * 32767
	res := func(f, fc, bw float64) float64 { // resonance gain
		return 1 / math.Sqrt(math.Pow(1-(f/fc)*(f/fc), 2)+math.Pow(f*bw/(fc*fc), 2))
	}
	var gains []float64
	for h := 1; float64(h)*f0 < math.Min(4000, float64(rate)/2); h++ {
		f := float64(h) * f0
		gains = append(gains, res(f, 500, 80)*res(f, 1500, 100)/float64(h))
	}
	var peak float64
	v := make([]float64, n)
	for i := range v {
		tm := float64(i) / float64(rate)
		for h, g := range gains {
			v[i] += g * math.Sin(2*math.Pi*float64(h+1)*f0*tm)
		}
		peak = math.Max(peak, math.Abs(v[i]))
	}
	ramp := int(0.03 * float64(rate))
	for i := range s {
		e := math.Min(1, math.Min(float64(i), float64(n-1-i))/float64(ramp))
		s[i] = clamp16(v[i] / peak * amp * e)
	}
	return s
}

// TestFilledPausesOfASpokenAnswer puts held "uh" sounds, each after a short
// silence, between phrases spoken by espeak-ng: each must be found where it
// is, and the words themselves must not count as filled pauses.
func TestFilledPausesOfASpokenAnswer(t *testing.T) {
	for _, rate := range []int{16000, 44100} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			s := silence(rate, 0.5)
			var want []Pause
			for i, p := range phrases[:4] {
				s = append(s, trimSilence(speak(t, rate, p))...)
				if i < 3 {
					s = append(s, silence(rate, 0.4)...)
					if i != 1 { // one gap without a hesitation
						start := float64(len(s)) / float64(rate)
						s = append(s, hum(rate, 110+10*float64(i), 0.3+0.15*float64(i), -14)...)
						want = append(want, Pause{start, float64(len(s)) / float64(rate)})
						s = append(s, silence(rate, 0.1)...)
					}
				}
			}
			s = append(s, silence(rate, 0.5)...)
			addNoise(s, -60, 5)
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.FilledPauses) != len(want) {
				t.Fatalf("found %d filled pauses %v, want %d at %v", len(r.FilledPauses), r.FilledPauses, len(want), want)
			}
			for i, p := range r.FilledPauses {
				if math.Abs(p.Start-want[i].Start) > 0.1 || math.Abs(p.End-want[i].End) > 0.1 {
					t.Errorf("filled pause %d at %.2f–%.2f s, want %.2f–%.2f ± 0.1", i, p.Start, p.End, want[i].Start, want[i].End)
				}
			}
			if r.FilledPausesPerMin <= 0 {
				t.Errorf("filled_pauses_per_min %.2f, want the count over the speaking span", r.FilledPausesPerMin)
			}
			found := false
			for _, f := range r.Findings() {
				found = found || f.Kind == KindFillers
			}
			if !found {
				t.Error("no finding about the filled pauses")
			}
		})
	}
}

// TestNoFilledPausesInFluentSpeech checks that fluent synthetic speech, its
// held vowels included, has none.
func TestNoFilledPausesInFluentSpeech(t *testing.T) {
	const rate = 16000
	s, _ := spokenAnswer(t, rate, []float64{0.3, 0.8, 0.5, 1.1, 0.4}, 0.5, 0.5)
	addNoise(s, -55, 8)
	r, err := Analyze(s, rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.FilledPauses) != 0 {
		t.Errorf("found filled pauses %v in fluent speech, want none", r.FilledPauses)
	}
}
