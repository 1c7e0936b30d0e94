package analysis

import (
	"math"
	"testing"
)

func TestLoudnessOfKnownLevels(t *testing.T) {
	const rate = 16000
	// cat joins tone blocks with 0.4 s silences, as a speaker's pauses
	// would: the noise floor needs a quiet moment in any 10 s.
	cat := func(parts ...[]int16) []int16 {
		var s []int16
		for i, p := range parts {
			if i > 0 {
				s = append(s, silence(rate, 0.4)...)
			}
			s = append(s, p...)
		}
		return s
	}
	mean := func(dbs ...float64) float64 {
		var p float64
		for _, d := range dbs {
			p += math.Pow(10, d/10)
		}
		return 10 * math.Log10(p/float64(len(dbs)))
	}
	for _, tc := range []struct {
		name       string
		s          []int16
		level, sd  float64
		tolL, tolS float64
	}{
		{"steady -20 dBFS", padded(rate, tone(rate, 200, 3, -20)), -20, 0, 0.1, 0.1},
		{"steady -35 dBFS", padded(rate, tone(rate, 150, 3, -35)), -35, 0, 0.1, 0.1},
		{"steady -6 dBFS", padded(rate, tone(rate, 300, 3, -6)), -6, 0, 0.1, 0.1},
		// Equal time at two levels 12 dB apart: power mean, and a spread of
		// 6 dB.
		{"-12 and -24 dBFS", padded(rate, cat(
			tone(rate, 200, 3, -12), tone(rate, 200, 3, -24),
			tone(rate, 200, 3, -12), tone(rate, 200, 3, -24))), mean(-12, -24), 6, 0.1, 0.6},
		{"-18 and -22 dBFS", padded(rate, cat(
			tone(rate, 200, 3, -18), tone(rate, 200, 3, -22),
			tone(rate, 200, 3, -18), tone(rate, 200, 3, -22))), mean(-18, -22), 2, 0.1, 0.3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Analyze(tc.s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(r.Loudness-tc.level) > tc.tolL {
				t.Errorf("loudness %.2f dBFS, want %.2f", r.Loudness, tc.level)
			}
			if math.Abs(r.LoudnessSD-tc.sd) > tc.tolS {
				t.Errorf("loudness spread %.2f dB, want %.2f ± %.1f", r.LoudnessSD, tc.sd, tc.tolS)
			}
			if r.Clipped != 0 {
				t.Errorf("%d clipped samples in a clean signal", r.Clipped)
			}
		})
	}
}

func TestQuietRecordingWarning(t *testing.T) {
	for _, tc := range []struct {
		db   float64
		want Severity
	}{{-45, Warning}, {-41, Warning}, {-39, Info}, {-20, Info}} {
		r, err := Analyze(padded(16000, tone(16000, 150, 2, tc.db)), 16000, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := Severity(-1)
		for _, f := range r.Findings() {
			if f.Kind == KindLoudness {
				got = f.Severity
			}
		}
		if got != tc.want {
			t.Errorf("speech at %.0f dBFS: loudness finding %v, want %v", tc.db, got, tc.want)
		}
	}
}

func TestClippedSamples(t *testing.T) {
	const rate = 16000
	// A tone driven 6 dB past full scale: count the clipped samples as the
	// generator made them.
	hot := make([]int16, rate*2)
	var want int64
	for i := range hot {
		v := 2 * 32768 * math.Sin(2*math.Pi*220*float64(i)/rate)
		hot[i] = clamp16(v)
		if v >= math.MaxInt16 || v <= math.MinInt16 {
			want++
		}
	}
	// Single full-scale samples at known places in a quiet tone.
	spikes := tone(rate, 300, 2, -30)
	for i, at := range []int{100, 5000, 5001, 17000, 31999} {
		if i%2 == 0 {
			spikes[at] = math.MaxInt16
		} else {
			spikes[at] = math.MinInt16
		}
	}
	for _, tc := range []struct {
		name string
		s    []int16
		want int64
	}{
		{"overdriven tone", hot, want},
		{"five spikes", spikes, 5},
		{"clean tone at -1 dBFS peak", tone(rate, 440, 1, -1-3.0103), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Analyze(padded(rate, tc.s), rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Clipped != tc.want {
				t.Errorf("clipped samples %d, want %d", r.Clipped, tc.want)
			}
			warned := false
			for _, f := range r.Findings() {
				warned = warned || (f.Kind == KindClipping && f.Severity == Warning)
			}
			if warned != (tc.want > 0) {
				t.Errorf("clipping warning given: %v, want %v", warned, tc.want > 0)
			}
		})
	}
	if want < rate/2 {
		t.Fatalf("test signal clipped only %d samples", want)
	}
	// Segment counts only the clips inside its range: spikes at samples
	// 100..5001 lie in the first 0.5 s of the tone (padding adds 0.5 s).
	r, err := Analyze(padded(rate, spikes), rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from, to float64
		want     int64
	}{{0, 0.9, 3}, {0.9, 2.0, 1}, {2.0, 3.0, 1}, {0, 3, 5}} {
		if got := r.Segment(tc.from, tc.to).Clipped; got != tc.want {
			t.Errorf("Segment(%.1f, %.1f).Clipped = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}
