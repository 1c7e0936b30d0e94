package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// padded surrounds s with half a second of silence, so that the analysis
// has a noise floor to tell the sound from.
func padded(rate int, s []int16) []int16 {
	return append(append(silence(rate, 0.5), s...), silence(rate, 0.5)...)
}

func TestPitchOfTones(t *testing.T) {
	for _, rate := range []int{8000, 16000, 22050, 44100, 48000} {
		for _, f := range []float64{65, 98, 147, 220, 330, 440, 490} {
			t.Run(fmt.Sprintf("%dHz_%.0fHz", rate, f), func(t *testing.T) {
				r, err := Analyze(padded(rate, tone(rate, f, 1.5, -20)), rate, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if e := math.Abs(r.PitchMedian-f) / f; e > 0.02 {
					t.Errorf("pitch %.2f Hz, want %.0f ± 2%%", r.PitchMedian, f)
				}
				if r.PitchSD > 0.1 {
					t.Errorf("pitch spread %.2f semitones for a steady tone, want under 0.1", r.PitchSD)
				}
			})
		}
	}
}

// voiceLike returns sec seconds of a harmonic sound (8 harmonics falling by
// 6 dB/octave) whose pitch glides sinusoidally by ±depth semitones around f0
// at 0.5 Hz. The spread of its pitch in semitones is depth/√2.
func voiceLike(rate int, f0, depth, sec float64) []int16 {
	s := make([]int16, int(sec*float64(rate)))
	phase := 0.0
	for i := range s {
		tm := float64(i) / float64(rate)
		f := f0 * math.Pow(2, depth*math.Sin(2*math.Pi*0.5*tm)/12)
		phase += 2 * math.Pi * f / float64(rate)
		var v float64
		for h := 1; h <= 8 && float64(h)*f < float64(rate)/2; h++ {
			v += math.Sin(float64(h)*phase) / float64(h)
		}
		s[i] = clamp16(v * 5000)
	}
	return s
}

func TestPitchSpreadOfAGlide(t *testing.T) {
	for _, tc := range []struct {
		f0, depth float64
	}{
		{110, 0}, {110, 1.5}, {110, 4}, {220, 2.83}, {180, 6},
	} {
		t.Run(fmt.Sprintf("%.0fHz±%.1fst", tc.f0, tc.depth), func(t *testing.T) {
			const rate = 16000
			r, err := Analyze(padded(rate, voiceLike(rate, tc.f0, tc.depth, 4)), rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if e := math.Abs(r.PitchMedian-tc.f0) / tc.f0; e > 0.02 {
				t.Errorf("median pitch %.2f Hz, want %.0f ± 2%%", r.PitchMedian, tc.f0)
			}
			want := tc.depth / math.Sqrt2
			if math.Abs(r.PitchSD-want) > 0.15 {
				t.Errorf("pitch spread %.2f semitones, want %.2f", r.PitchSD, want)
			}
			monotone := false
			for _, f := range r.Findings() {
				if f.Kind == KindPitch {
					monotone = f.Severity == Tip
				}
			}
			if monotone != (want < MonotoneSemitones) {
				t.Errorf("monotone tip given: %v; want %v for a spread of %.2f", monotone, want < MonotoneSemitones, want)
			}
		})
	}
}

// refPitch is the reference pitch tracker: YIN computed directly from its
// definition on the samples at their own rate (no decimation, no shared lag
// sums), 40 ms windows every 10 ms, 60–500 Hz, threshold 0.1. It returns the
// median of the frames it finds clearly periodic.
func refPitch(s []int16, rate int) float64 {
	w := rate * 40 / 1000
	minLag, maxLag := rate/500, rate/60+1
	var found []float64
	d := make([]float64, maxLag+2)
	for start := 0; start+w+maxLag+1 < len(s); start += rate / 100 {
		var energy float64
		for _, v := range s[start : start+w] {
			energy += float64(v) * float64(v)
		}
		if energy/float64(w) < 1e-4*32768*32768 { // below -40 dBFS
			continue
		}
		cum := 0.0
		best := -1
		cm := make([]float64, maxLag+2)
		for tau := 1; tau <= maxLag+1; tau++ {
			var sum float64
			for j := start; j < start+w; j++ {
				x := float64(s[j]) - float64(s[j+tau])
				sum += x * x
			}
			d[tau] = sum
			cum += sum
			cm[tau] = sum * float64(tau) / cum
		}
		for tau := minLag; tau <= maxLag; tau++ {
			if cm[tau] < 0.1 {
				for tau+1 <= maxLag && cm[tau+1] < cm[tau] {
					tau++
				}
				best = tau
				break
			}
		}
		if best < 0 {
			continue
		}
		a, b, c := d[best-1], d[best], d[best+1]
		period := float64(best)
		if den := a - 2*b + c; den > 0 {
			period += (a - c) / (2 * den)
		}
		found = append(found, float64(rate)/period)
	}
	if len(found) == 0 {
		return 0
	}
	slices.Sort(found)
	return found[len(found)/2]
}

func TestRefPitchOnTones(t *testing.T) {
	for _, f := range []float64{80, 200, 450} {
		if got := refPitch(padded(16000, tone(16000, f, 0.5, -20)), 16000); math.Abs(got-f)/f > 0.005 {
			t.Errorf("reference pitch of a %.0f Hz tone: %.2f Hz", f, got)
		}
	}
}

// TestPitchOfSyntheticVoices: espeak-ng voices at set pitches, flat (SSML
// prosody range 0) and with their normal intonation; the median pitch must be
// within 2% of the reference tracker's, and rise with the pitch setting.
func TestPitchOfSyntheticVoices(t *testing.T) {
	const rate = 22050
	text := "I was leading the team when the release failed on a friday"
	prev := 0.0
	for _, tc := range []struct {
		pitch string
		flat  bool
	}{
		{"25", true}, {"50", true}, {"75", true}, {"99", true},
		{"20", false}, {"60", false}, {"90", false},
	} {
		name := "p" + tc.pitch
		args := []string{"-p", tc.pitch}
		say := text
		if tc.flat {
			name += "_flat"
			args = append(args, "-m")
			say = `<speak><prosody range="0">` + text + `</prosody></speak>`
		} else {
			prev = 0
		}
		t.Run(name, func(t *testing.T) {
			s := speak(t, rate, say, args...)
			want := refPitch(s, rate)
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("median %.2f Hz, reference %.2f Hz, spread %.2f semitones", r.PitchMedian, want, r.PitchSD)
			if want == 0 || math.Abs(r.PitchMedian-want)/want > 0.02 {
				t.Errorf("median pitch %.2f Hz, reference %.2f Hz: want within 2%%", r.PitchMedian, want)
			}
			if r.PitchMedian <= prev {
				t.Errorf("median pitch %.2f Hz at -p %s, not above %.2f Hz at the lower setting", r.PitchMedian, tc.pitch, prev)
			}
			if tc.flat && r.PitchSD >= MonotoneSemitones {
				t.Errorf("flat voice: spread %.2f semitones, want under %.0f (monotone)", r.PitchSD, MonotoneSemitones)
			}
			prev = r.PitchMedian
		})
	}
}

// yinDirect is the reference for pitchStage: the same YIN decision computed
// frame by frame straight from the definition of the difference function,
// over the pitch-rate signal y.
func yinDirect(p *pitchStage, y []float64, k int64) (pitch, aper float64) {
	ws := max(0, k-1)
	s, e := p.blockStart(ws), p.blockStart(k+2)
	at := func(i int64) float64 {
		if i < int64(len(y)) {
			return y[i]
		}
		return 0
	}
	d := make([]float64, p.maxLag+1)
	cm := make([]float64, p.maxLag+1)
	var e0 float64
	for j := s; j < e; j++ {
		e0 += at(j) * at(j)
	}
	if e0 <= 0 {
		return 0, 1
	}
	cum := 0.0
	for tau := 1; tau <= p.maxLag; tau++ {
		for j := s; j < e; j++ {
			x := at(j) - at(j+int64(tau))
			d[tau] += x * x
		}
		cum += d[tau]
		cm[tau] = 1
		if cum > 0 {
			cm[tau] = d[tau] * float64(tau) / cum
		}
	}
	best := -1
	for tau := p.minLag; tau <= p.maxLag && best < 0; tau++ {
		if cm[tau] < yinThreshold {
			for tau+1 <= p.maxLag && cm[tau+1] < cm[tau] {
				tau++
			}
			best = tau
		}
	}
	if best < 0 {
		best = p.minLag
		for tau := p.minLag + 1; tau <= p.maxLag; tau++ {
			if cm[tau] < cm[best] {
				best = tau
			}
		}
	}
	period := float64(best)
	if best > 1 && best < p.maxLag {
		a, b, c := d[best-1], d[best], d[best+1]
		if den := a - 2*b + c; den > 0 {
			period += (a - c) / (2 * den)
		}
	}
	return p.pr / period, cm[best]
}

// TestPitchStageMatchesDirectYIN checks the shared-lag-sum YIN against the
// direct one, frame by frame, on a noisy gliding voice with silent gaps, at a
// pitch rate whose frames are not a whole number of samples.
func TestPitchStageMatchesDirectYIN(t *testing.T) {
	for _, tc := range []struct{ rate, dec int }{{16000, 4}, {44100, 10}, {22050, 4}} {
		t.Run(fmt.Sprint(tc.rate), func(t *testing.T) {
			pr := float64(tc.rate) / float64(tc.dec)
			var p pitchStage
			p.init(tc.rate, tc.dec, pr, Options{}.withDefaults())
			rng := rand.New(rand.NewPCG(1, 2))
			v := voiceLike(int(pr), 140, 5, 1.2)
			y := make([]float64, len(v))
			for i := range y {
				y[i] = float64(v[i]) + rng.NormFloat64()*300
				if i > len(y)/3 && i < len(y)/2 {
					y[i] = 0 // a silent gap
				}
			}
			// Push in uneven pieces, running the stage in between.
			for i := 0; i < len(y); {
				n := min(len(y)-i, 1+rng.IntN(97))
				for _, x := range y[i : i+n] {
					p.push(x, x)
				}
				p.run(false)
				i += n
			}
			p.run(true)
			frames := int64(len(y)-1)*int64(tc.dec*frameRate)/int64(tc.rate) + 1
			if int64(len(p.pitch)) < frames {
				t.Fatalf("%d pitch frames, want at least %d", len(p.pitch), frames)
			}
			for k := range frames {
				wp, wa := yinDirect(&p, y, k)
				gp, ga := float64(p.pitch[k]), float64(p.aper[k])
				if math.Abs(gp-wp) > 1e-3*max(1, wp) || math.Abs(ga-wa) > 1e-4 {
					t.Fatalf("frame %d: pitch %.4f Hz aperiodicity %.5f, direct YIN %.4f Hz %.5f", k, gp, ga, wp, wa)
				}
			}
		})
	}
}
