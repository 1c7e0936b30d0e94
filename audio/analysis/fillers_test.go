package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
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

// creak returns sec seconds of a creaky schwa: glottal pulses at irregular
// intervals of 8 to 20 ms (vocal fry, too uneven for a pitch),
// each ringing the two resonances of a schwa (F1 500 Hz, F2 1500 Hz), and
// breath noise at noise times their level, with 30 ms ramps, at level db
// (dBFS peak).
func creak(rate int, sec, db, noise float64, seed uint64) []int16 {
	rng := rand.New(rand.NewPCG(seed, 2))
	n := int(sec * float64(rate))
	v := make([]float64, n)
	for t0 := 0.0; t0 < sec; t0 += 0.008 + 0.012*rng.Float64() {
		i0 := int(t0 * float64(rate))
		a := 0.6 + 0.4*rng.Float64() // the pulses differ in strength too
		for i := i0; i < min(n, i0+int(0.02*float64(rate))); i++ {
			tm := float64(i-i0) / float64(rate)
			v[i] += a * (math.Exp(-math.Pi*80*tm)*math.Sin(2*math.Pi*500*tm) +
				0.5*math.Exp(-math.Pi*100*tm)*math.Sin(2*math.Pi*1500*tm))
		}
	}
	// A creaky voice is breathy too: air leaks through the glottis
	// between the pulses.
	// Its noise is low-passed at about 800 Hz, at noise times the
	// pulses' RMS level.
	w := make([]float64, n)
	c := 1 - math.Exp(-2*math.Pi*800/float64(rate))
	var lp, ev, ew float64
	for i := range w {
		lp += (rng.NormFloat64() - lp) * c
		w[i] = lp
		ev += v[i] * v[i]
		ew += lp * lp
	}
	for i := range v {
		v[i] += noise * math.Sqrt(ev/ew) * w[i]
	}
	var peak float64
	for _, x := range v {
		peak = math.Max(peak, math.Abs(x))
	}
	amp := math.Pow(10, db/20) * 32767
	ramp := int(0.03 * float64(rate))
	s := make([]int16, n)
	for i := range s {
		e := math.Min(1, math.Min(float64(i), float64(n-1-i))/float64(ramp))
		s[i] = clamp16(v[i] / peak * amp * e)
	}
	return s
}

// breath returns sec seconds of an in-breath: noise above 1 kHz, with the
// same ramps as creak, at level db (dBFS RMS).
func breath(rate int, sec, db float64, seed uint64) []int16 {
	s := silence(rate, sec)
	addNoise(s, db, seed)
	bandLimit(s, rate, 1000, 0.45*float64(rate))
	ramp := int(0.03 * float64(rate))
	for i := range s {
		e := math.Min(1, math.Min(float64(i), float64(len(s)-1-i))/float64(ramp))
		s[i] = int16(float64(s[i]) * e)
	}
	return s
}

// TestCreakyFilledPause puts a creaky "uh" after a silence between spoken
// phrases, where the pitch cannot follow it: its unchanging spectrum
// must carry it. An in-breath after the next silence, as steady but
// without a voice, is not a filled pause.
func TestCreakyFilledPause(t *testing.T) {
	for _, rate := range []int{16000, 48000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			s := silence(rate, 0.5)
			s = append(s, trimSilence(speak(t, rate, phrases[0]))...)
			s = append(s, silence(rate, 0.4)...)
			start := float64(len(s)) / float64(rate)
			s = append(s, creak(rate, 0.45, -16, 1, 7)...)
			want := Pause{start, float64(len(s)) / float64(rate)}
			s = append(s, silence(rate, 0.1)...)
			s = append(s, trimSilence(speak(t, rate, phrases[1]))...)
			s = append(s, silence(rate, 0.4)...)
			s = append(s, breath(rate, 0.4, -30, 9)...)
			s = append(s, silence(rate, 0.1)...)
			s = append(s, trimSilence(speak(t, rate, phrases[2]))...)
			s = append(s, silence(rate, 0.5)...)
			addNoise(s, -60, 5)
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.FilledPauses) != 1 {
				t.Fatalf("found %d filled pauses %v, want the creaky one at %.2f–%.2f s", len(r.FilledPauses), r.FilledPauses, want.Start, want.End)
			}
			if p := r.FilledPauses[0]; math.Abs(p.Start-want.Start) > 0.1 || math.Abs(p.End-want.End) > 0.1 {
				t.Errorf("filled pause at %.2f–%.2f s, want %.2f–%.2f ± 0.1", p.Start, p.End, want.Start, want.End)
			}
		})
	}
}

// drawnOutWord returns a held vowel on one pitch, as hum makes, whose last
// 150 ms turn into a voiced fricative: hiss above 1 kHz swelling to 10 dB
// over the vowel while the voice goes on ("here's", "was" drawn out).
func drawnOutWord(rate int, f0, sec, db float64) []int16 {
	s := hum(rate, f0, sec, db)
	n := len(s)
	hiss := breath(rate, sec, db, 21)
	var ev, eh float64
	for i := range s {
		ev += float64(s[i]) * float64(s[i])
		eh += float64(hiss[i]) * float64(hiss[i])
	}
	g := math.Sqrt(ev/eh) * math.Pow(10, 10.0/20)
	ramp := int(0.15 * float64(rate))
	for i := n - ramp; i < n; i++ {
		x := float64(i-(n-ramp)) / float64(ramp)
		s[i] = clamp16(float64(s[i]) + g*x*x*float64(hiss[i]))
	}
	return s
}

// TestWordEndingInAFricativeIsNotAFilledPause: after a silence, a vowel held
// on one pitch that ends in a voiced fricative is a word drawn out, not a
// hesitation; the same vowel without the fricative is one.
func TestWordEndingInAFricativeIsNotAFilledPause(t *testing.T) {
	for _, rate := range []int{16000, 48000} {
		for _, word := range []bool{true, false} {
			t.Run(fmt.Sprintf("%d/word=%v", rate, word), func(t *testing.T) {
				s := silence(rate, 0.5)
				s = append(s, trimSilence(speak(t, rate, phrases[0]))...)
				s = append(s, silence(rate, 0.4)...)
				if word {
					s = append(s, drawnOutWord(rate, 110, 0.5, -14)...)
				} else {
					s = append(s, hum(rate, 110, 0.5, -14)...)
				}
				s = append(s, silence(rate, 0.1)...)
				s = append(s, trimSilence(speak(t, rate, phrases[1]))...)
				s = append(s, silence(rate, 0.5)...)
				addNoise(s, -60, 5)
				r, err := Analyze(s, rate, Options{})
				if err != nil {
					t.Fatal(err)
				}
				want := 1
				if word {
					want = 0
				}
				if len(r.FilledPauses) != want {
					t.Errorf("found %d filled pauses %v, want %d", len(r.FilledPauses), r.FilledPauses, want)
				}
			})
		}
	}
}
