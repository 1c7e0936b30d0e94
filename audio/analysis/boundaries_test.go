package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// plannedAnswer builds the pause layout of an answer whose five parts last
// parts seconds each: a long pause before every part after the first, short
// pauses every shortEvery seconds inside the parts. It returns the report
// and the true part starts (the ends of the long pauses).
func plannedAnswer(lead float64, parts [5]float64, long, short, shortEvery float64) (Report, []float64) {
	r := Report{FirstWord: lead, Pauses: []Pause{}}
	t := lead
	var starts []float64
	for i, d := range parts {
		if i > 0 {
			r.Pauses = append(r.Pauses, Pause{t, t + long})
			t += long
			starts = append(starts, t)
		}
		end := t + d
		for p := t + shortEvery; p+short < end-1; p += shortEvery {
			r.Pauses = append(r.Pauses, Pause{p, p + short})
		}
		t = end
	}
	r.SpeechEnd = t
	r.Duration = t + 1
	return r, starts
}

func TestSuggestBoundariesFindsTheLongPauses(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		parts                   [5]float64
		long, short, shortEvery float64
	}{
		{"as the guidance, 90 s", [5]float64{16, 8, 49, 8, 9}, 1.5, 0.4, 3.5},
		{"long situation", [5]float64{28, 6, 40, 10, 6}, 1.5, 0.45, 3},
		{"short action", [5]float64{20, 12, 30, 12, 10}, 2, 0.5, 4},
		{"30 s answer", [5]float64{6, 3, 15, 3, 3}, 1.2, 0.35, 2.5},
		{"two minutes", [5]float64{22, 11, 70, 10, 7}, 1.3, 0.6, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, want := plannedAnswer(0.8, tc.parts, tc.long, tc.short, tc.shortEvery)
			got := SuggestBoundaries(r, DefaultWeights)
			if len(got) != 4 {
				t.Fatalf("got %d boundaries %v, want 4", len(got), got)
			}
			for i := range want {
				if math.Abs(got[i]-want[i]) > 0.5 {
					t.Errorf("boundary %d at %.2f s, want %.2f ± 0.5 (all: got %v, want %v)", i, got[i], want[i], got, want)
				}
			}
		})
	}
}

func TestSuggestBoundariesWithoutPauses(t *testing.T) {
	r := Report{Duration: 62, FirstWord: 2, SpeechEnd: 62, Pauses: []Pause{}}
	got := SuggestBoundaries(r, DefaultWeights)
	// Targets: cumulative shares 0.18, 0.27, 0.81, 0.90 of the 60 s span.
	want := []float64{2 + 10.8, 2 + 16.2, 2 + 48.6, 2 + 54}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 0.01 {
			t.Errorf("boundary %d at %.2f s, want %.2f (no pauses: the target share)", i, got[i], want[i])
		}
	}
	// No speech at all: the targets divide the whole take.
	got = SuggestBoundaries(Report{Duration: 10}, Weights{1, 1, 1, 1, 1})
	if !slices.Equal(got, []float64{2, 4, 6, 8}) {
		t.Errorf("equal weights over 10 s without speech: got %v, want [2 4 6 8]", got)
	}
}

// TestSuggestBoundariesAlwaysAscending tries many random pause layouts.
func TestSuggestBoundariesAlwaysAscending(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		dur := 2 + rng.Float64()*200
		r := Report{Duration: dur, Pauses: []Pause{}}
		r.FirstWord = rng.Float64() * dur / 4
		r.SpeechEnd = r.FirstWord + rng.Float64()*(dur-r.FirstWord)
		for t := r.FirstWord + rng.Float64()*3; t < r.SpeechEnd; t += 0.5 + rng.Float64()*6 {
			l := 0.3 + rng.ExpFloat64()
			if t+l > r.SpeechEnd {
				break
			}
			r.Pauses = append(r.Pauses, Pause{t, t + l})
			t += l
		}
		got := SuggestBoundaries(r, DefaultWeights)
		if len(got) != 4 {
			t.Fatalf("case %d: %d boundaries", i, len(got))
		}
		for k := range got {
			if got[k] < 0 || got[k] > dur || (k > 0 && got[k] <= got[k-1]) {
				t.Fatalf("case %d (%.1f s, speech %.1f–%.1f, %d pauses): boundaries %v not ascending inside the take",
					i, dur, r.FirstWord, r.SpeechEnd, len(r.Pauses), got)
			}
		}
	}
}

// TestSuggestedPartsOfASpokenAnswer runs the whole analysis on an answer
// spoken by espeak-ng: sentences 0.4 s apart, parts 1.6 s apart.
func TestSuggestedPartsOfASpokenAnswer(t *testing.T) {
	const rate = 16000
	parts := [][]string{
		{"last spring I ran the launch of our billing system", "we had moved every customer to new invoices"},
		{"my job was to make sure nobody was charged twice"},
		{"I wrote a check that compared old and new totals", "it found a rounding bug in the tax code",
			"I paused the launch and told my manager", "we fixed the bug with the finance team",
			"then we tested with a copy of real accounts"},
		{"we launched one week late with no wrong bills"},
		{"now I ask for a dry run before every launch"},
	}
	s := silence(rate, 0.7)
	var want []float64
	for i, part := range parts {
		if i > 0 {
			s = append(s, silence(rate, 1.6)...)
			want = append(want, float64(len(s))/rate)
		}
		for j, sentence := range part {
			if j > 0 {
				s = append(s, silence(rate, 0.4)...)
			}
			s = append(s, trimSilence(speak(t, rate, sentence))...)
		}
	}
	s = append(s, silence(rate, 0.7)...)
	addNoise(s, -55, 11)
	r, err := Analyze(s, rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := r.SuggestedBoundaries
	if len(got) != 4 {
		t.Fatalf("suggested %v, want 4 boundaries", got)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 0.5 {
			t.Errorf("boundary %d at %.2f s, want %.2f ± 0.5 (got %v, want %v)", i, got[i], want[i], got, want)
		}
	}
	// Per-part figures: every part has speech and a pace; the action part
	// holds the four pauses between its sentences.
	bounds := append(append([]float64{0}, got...), r.Duration)
	for i := range 5 {
		st := r.Segment(bounds[i], bounds[i+1])
		if !st.Measured || st.Speech <= 0 || st.SyllablesPerS <= 0 || st.PitchMedian <= 0 {
			t.Errorf("part %d: %+v, want speech, pace and pitch", i, st)
		}
		if want := len(parts[i]) - 1 + btoi(i < 4); st.Pauses != want {
			t.Errorf("part %d: %d pauses, want %d", i, st.Pauses, want)
		}
	}
	_ = fmt.Sprint()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestSuggestBoundariesSitInPauses gives answers whose parts are far from
// the guidance's shares: whenever there are at least four pauses, every
// boundary must sit inside a different pause, in order, and of several
// pauses near a target the longer one wins.
func TestSuggestBoundariesSitInPauses(t *testing.T) {
	for _, tc := range []struct {
		name        string
		dur, s0, s1 float64
		pauses      []Pause
		want        []int // the pause each boundary sits in
	}{
		{
			// The layout from the report of the problem: 4.5, 8.3, 15.5
			// and 19.8 s, 1.0, 1.4, 0.9 and 2.0 s long.
			name: "four clear pauses, 26.7 s", dur: 26.7, s0: 0.6, s1: 26.2,
			pauses: []Pause{{4.5, 5.5}, {8.3, 9.7}, {15.5, 16.4}, {19.8, 21.8}},
			want:   []int{0, 1, 2, 3},
		},
		{
			name: "long situation, short action", dur: 60, s0: 1, s1: 59,
			pauses: []Pause{{30, 31.2}, {36, 37}, {44, 45.5}, {52, 53}},
			want:   []int{0, 1, 2, 3},
		},
		{
			name: "everything at the start", dur: 40, s0: 0.5, s1: 39.5,
			pauses: []Pause{{3, 3.8}, {5, 6}, {7, 7.5}, {9, 10}},
			want:   []int{0, 1, 2, 3},
		},
		{
			name: "everything at the end", dur: 40, s0: 0.5, s1: 39.5,
			pauses: []Pause{{30, 30.8}, {33, 34}, {36, 36.5}, {38, 39}},
			want:   []int{0, 1, 2, 3},
		},
		{
			name: "longer pauses win over short ones near the targets", dur: 62, s0: 1, s1: 61,
			pauses: []Pause{{10, 12}, {13, 13.3}, {15, 15.35}, {16.5, 18.5}, {45, 45.35}, {48, 50}, {55, 55.4}, {56, 58}},
			want:   []int{0, 3, 5, 7},
		},
		{
			name: "more pauses than parts, uneven lengths", dur: 90, s0: 2, s1: 88,
			pauses: []Pause{{6, 6.4}, {20, 21.5}, {24, 24.4}, {31, 32.8}, {50, 50.5}, {70, 71.6}, {80, 80.4}, {83, 85}},
			want:   []int{1, 3, 5, 7},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Report{Duration: tc.dur, FirstWord: tc.s0, SpeechEnd: tc.s1, Pauses: tc.pauses}
			got := SuggestBoundaries(r, DefaultWeights)
			for k, b := range got {
				p := tc.pauses[tc.want[k]]
				if b < p.Start || b > p.End {
					t.Errorf("boundary %d at %.2f s, want it inside the pause %.2f–%.2f s (all: %v)", k, b, p.Start, p.End, got)
				}
			}
		})
	}
}
