package practice

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestBalanceRows(t *testing.T) {
	// 100 s of story: S 20, T 10, A 60, R 10 (two parts), then a Lesson.
	parts := mk(t, "S0-20 T20-30 A30-90 R90-95 R95-100 L105-115")
	r := Balance(parts, 120, 120)
	want := []BalanceRow{
		{Situation, 20, 1, 0.20, 0.20, "about 20%"},
		{Task, 10, 1, 0.10, 0.10, "about 10%"},
		{Action, 60, 1, 0.60, 0.60, "about 60%"},
		{Result, 10, 2, 0.10, 0.10, "about 10%"},
		{Lesson, 10, 1, 0.10, 0, "a short close"},
	}
	if !slices.EqualFunc(r.Rows, want, func(a, b BalanceRow) bool {
		return a.Kind == b.Kind && a.Seconds == b.Seconds && a.Parts == b.Parts &&
			math.Abs(a.Share-b.Share) < 1e-12 && a.Guide == b.Guide && a.GuideText == b.GuideText
	}) {
		t.Errorf("rows = %+v\nwant %+v", r.Rows, want)
	}
	if r.Story != 100 || r.Tagged != 110 || r.Untagged != 10 || r.Duration != 120 || r.Limit != 120 {
		t.Errorf("Story %v, Tagged %v, Untagged %v, Duration %v, Limit %v; want 100, 110, 10, 120, 120",
			r.Story, r.Tagged, r.Untagged, r.Duration, r.Limit)
	}
	if len(r.Findings) != 0 {
		t.Errorf("a balanced answer within time has findings: %+v", r.Findings)
	}
	var sum float64
	for _, g := range []float64{GuideSituation, GuideTask, GuideAction, GuideResult} {
		sum += g
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("story guides add up to %v, want 1", sum)
	}
}

func TestBalanceFindings(t *testing.T) {
	for _, tt := range []struct {
		name       string
		parts      string
		dur, limit float64
		want       []string // codes
		texts      []string // substrings of the texts, same order
	}{
		{"nothing tagged", "", 60, 120, []string{FindingNothingTagged}, []string{"Nothing is tagged yet."}},
		{"nothing tagged and long", "", 130, 120, []string{FindingNothingTagged, FindingOverLimit}, []string{"", "The answer ran 2:10, 10 seconds past the 2:00 limit."}},
		{"no lesson", "S0-20 T20-30 A30-90 R90-100", 100, 120, []string{FindingNoLesson}, []string{"No Lesson is tagged yet."}},
		{"no result", "S0-20 T20-30 A30-100 L100-110", 110, 120, []string{FindingNoResult}, []string{"No Result is tagged yet."}},
		{"long setup", "S0-30 T30-40 A40-90 R90-100 L100-105", 105, 120, []string{FindingLongSetup},
			[]string{"Situation and Task take 40% of the story; aim for 35% or less."}},
		{"setup at 35% is fine", "S0-25 T25-35 A35-90 R90-100 L100-105", 105, 120, nil, nil},
		{"setup at 35.4% shows as 35%", "S0-25.4 T25.4-35.4 A35.4-90 R90-100 L100-105", 105, 120, nil, nil},
		{"setup at 35.6% shows as 36%", "S0-25.6 T25.6-35.6 A35.6-90 R90-100 L100-105", 105, 120, []string{FindingLongSetup}, []string{"take 36%"}},
		{"short action", "S0-30 T30-40 A40-60 R60-100 L100-105", 105, 120, []string{FindingLongSetup, FindingShortAction},
			[]string{"40%", "Action takes 20% of the story; aim for about 60%, and at least 40%."}},
		{"action at 40% is fine", "S0-20 T20-30 A30-70 R70-100 L100-105", 105, 120, nil, nil},
		{"over the limit", "S0-20 T20-30 A30-90 R90-100 L100-134.9", 134.9, 120, []string{FindingOverLimit},
			[]string{"The answer ran 2:14, 14 seconds past the 2:00 limit."}},
		{"a second over", "S0-20 T20-30 A30-90 R90-100 L100-121", 121, 120, []string{FindingOverLimit}, []string{"1 second past"}},
		{"minutes over", "S0-20 T20-30 A30-90 R90-100 L100-215", 215, 120, []string{FindingOverLimit}, []string{"ran 3:35, 1:35 past the 2:00 limit"}},
		{"stopped at the limit", "S0-20 T20-30 A30-90 R90-100 L100-120.6", 120.6, 120, nil, nil},
		{"no limit", "S0-20 T20-30 A30-90 R90-100 L100-500", 500, 0, nil, nil},
		{"only a lesson", "L0-10", 10, 120, []string{FindingNoResult}, []string{"No Result"}},
		{"everything", "S0-50 T50-60 A60-65", 200, 120,
			[]string{FindingNoLesson, FindingNoResult, FindingLongSetup, FindingShortAction, FindingOverLimit}, nil},
	} {
		r := Balance(mk(t, tt.parts), tt.dur, tt.limit)
		var codes []string
		for _, f := range r.Findings {
			codes = append(codes, f.Code)
			if f.Text == "" || f.Why == "" {
				t.Errorf("%s: finding %s lacks a text or a reason", tt.name, f.Code)
			}
		}
		if !slices.Equal(codes, tt.want) {
			t.Errorf("%s: findings %v, want %v", tt.name, codes, tt.want)
			continue
		}
		for i, sub := range tt.texts {
			if !strings.Contains(r.Findings[i].Text, sub) {
				t.Errorf("%s: finding %s says %q, want it to contain %q", tt.name, codes[i], r.Findings[i].Text, sub)
			}
		}
	}
}

// TestFindingVoice checks every finding reads as a calm coach: one
// sentence of why, no blame words, no shouting.
func TestFindingVoice(t *testing.T) {
	all := Balance(mk(t, "S0-50 T50-60 A60-65"), 200, 120).Findings
	all = append(all, Balance(nil, 10, 120).Findings...)
	if len(all) != 6 {
		t.Fatalf("got %d findings, want all 6 kinds", len(all))
	}
	for _, f := range all {
		for _, s := range []string{f.Text, f.Why} {
			low := strings.ToLower(s)
			for _, bad := range []string{"you failed", "wrong", "bad", "poor", "should have", "must", "!", "never", "too "} {
				if strings.Contains(low, bad) {
					t.Errorf("%s: %q says %q", f.Code, s, bad)
				}
			}
			if !strings.HasSuffix(s, ".") || s[0] < 'A' || s[0] > 'Z' {
				t.Errorf("%s: %q is not one plain sentence", f.Code, s)
			}
		}
		if n := strings.Count(f.Why, ". "); n > 0 {
			t.Errorf("%s: the reason %q has more than one sentence", f.Code, f.Why)
		}
	}
}
