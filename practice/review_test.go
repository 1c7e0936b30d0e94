package practice

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// withClock makes timeNow return at for the rest of the test.
func withClock(t *testing.T, at time.Time) {
	t.Helper()
	old := timeNow
	timeNow = func() time.Time { return at }
	t.Cleanup(func() { timeNow = old })
}

func TestChecks(t *testing.T) {
	want := []struct {
		c     Check
		label string
	}{
		{CheckTrue, "The story is true and relevant to the job"},
		{CheckWork, "It is a work failure"},
		{CheckOwned, "I owned it (no blame on others)"},
		{CheckLesson, "I said what I learned"},
		{CheckBrief, "Quick and to the point"},
		{CheckPositive, "Stayed positive"},
		{CheckSTAR, "The STAR order was clear"},
	}
	got := Checks()
	if len(got) != len(want) {
		t.Fatalf("Checks() = %v, want %d checks", got, len(want))
	}
	for i, w := range want {
		if got[i] != w.c {
			t.Errorf("Checks()[%d] = %q, want %q", i, got[i], w.c)
		}
		if l := got[i].Label(); l != w.label {
			t.Errorf("%q.Label() = %q, want %q", got[i], l, w.label)
		}
		if !got[i].Valid() {
			t.Errorf("%q.Valid() = false, want true", got[i])
		}
	}
	if c := Check("mood"); c.Valid() || c.Label() != "mood" {
		t.Errorf("Check(mood): Valid = %v, Label = %q; want false, \"mood\"", c.Valid(), c.Label())
	}
	got[0] = "changed"
	if Checks()[0] != CheckTrue {
		t.Errorf("Checks returns a shared slice")
	}
}

func TestSelfReviewValidate(t *testing.T) {
	tests := []struct {
		name string
		r    SelfReview
		want string // substring of the error, "" for valid
	}{
		{"zero", SelfReview{}, ""},
		{"full", SelfReview{Checked: map[Check]bool{CheckTrue: true, CheckSTAR: false}, Rating: 5, Notes: "Good pace."}, ""},
		{"rating 1", SelfReview{Rating: 1}, ""},
		{"rating 6", SelfReview{Rating: 6}, "rating 6 is out of range: choose 1 to 5, or 0 for not rated"},
		{"rating -1", SelfReview{Rating: -1}, "rating -1 is out of range"},
		{"unknown check", SelfReview{Checked: map[Check]bool{CheckOwned: true, "mood": true}}, `unknown check "mood"`},
		{"unknown check unticked", SelfReview{Checked: map[Check]bool{"zz": false}}, `unknown check "zz"`},
		{"notes at the limit", SelfReview{Notes: strings.Repeat("é", MaxReviewNotes)}, ""},
		{"notes too long", SelfReview{Notes: strings.Repeat("a", MaxReviewNotes+1)}, "notes are 10001 characters long: keep them to 10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if tt.want == "" {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tt.want)
			}
			if !errors.Is(err, ErrReview) || !strings.HasPrefix(err.Error(), "practice: review: ") {
				t.Errorf("Validate() = %q, want the prefix \"practice: review: \" and ErrReview wrapped", err)
			}
		})
	}
}

func TestSelfReviewDoneAndWith(t *testing.T) {
	var r SelfReview
	if got := r.Done(); got != 0 {
		t.Errorf("zero review: Done() = %d, want 0", got)
	}
	if !r.IsZero() {
		t.Errorf("zero review: IsZero() = false")
	}
	r1 := r.With(CheckOwned, true).With(CheckLesson, true).With(CheckBrief, true)
	if got := r1.Done(); got != 3 {
		t.Errorf("three ticked: Done() = %d, want 3", got)
	}
	r2 := r1.With(CheckLesson, false)
	if got := r2.Done(); got != 2 {
		t.Errorf("one unticked: Done() = %d, want 2", got)
	}
	if got := r1.Done(); got != 3 {
		t.Errorf("With changed the original: Done() = %d, want 3", got)
	}
	if _, ok := r2.Checked[CheckLesson]; ok {
		t.Errorf("unticked check is kept in the map: %v", r2.Checked)
	}
	r3 := r2.With(CheckOwned, false).With(CheckBrief, false)
	if r3.Checked != nil || !r3.IsZero() {
		t.Errorf("all unticked: Checked = %v, IsZero = %v; want nil, true", r3.Checked, r3.IsZero())
	}
	// Unknown and unticked checks do not count.
	odd := SelfReview{Checked: map[Check]bool{"mood": true, CheckWork: false, CheckTrue: true}}
	if got := odd.Done(); got != 1 {
		t.Errorf("Done() = %d, want 1 for %v", got, odd.Checked)
	}
	if (SelfReview{Rating: 2}).IsZero() || (SelfReview{Notes: "x"}).IsZero() {
		t.Errorf("a rated or noted review IsZero")
	}
}

func TestTakeReviewRoundTrip(t *testing.T) {
	l := openLib(t)
	tk := fullTake(t, l, q07, start)
	updated := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	withClock(t, updated)

	review := SelfReview{
		Checked: map[Check]bool{CheckTrue: true, CheckOwned: true, CheckSTAR: false},
		Rating:  4,
		Notes:   "  Shorter setup next time; the lesson came out clearly.\n",
	}
	saved, err := l.SaveReview(tk.ID, review)
	if err != nil {
		t.Fatalf("SaveReview: %v", err)
	}
	got, err := l.Load(tk.ID)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := SelfReview{
		Checked: map[Check]bool{CheckTrue: true, CheckOwned: true},
		Rating:  4,
		Notes:   "Shorter setup next time; the lesson came out clearly.",
		Updated: updated,
	}
	if !reflect.DeepEqual(got.Review.Checked, want.Checked) || got.Review.Rating != want.Rating ||
		got.Review.Notes != want.Notes || !got.Review.Updated.Equal(want.Updated) {
		t.Errorf("loaded review = %+v\nwant %+v", got.Review, want)
	}
	if !reflect.DeepEqual(saved.Review.Checked, want.Checked) {
		t.Errorf("SaveReview returned checks %v, want %v", saved.Review.Checked, want.Checked)
	}
	if got.Review.Done() != 2 {
		t.Errorf("Done() = %d, want 2", got.Review.Done())
	}
	if got.Duration != tk.Duration || got.StoryID != "" {
		t.Errorf("other fields changed: %+v", got)
	}

	// Saved with the documented keys.
	data, err := os.ReadFile(filepath.Join(l.Dir, tk.ID, SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Review map[string]json.RawMessage `json:"review"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"checked", "rating", "notes", "updated"} {
		if _, ok := raw.Review[k]; !ok {
			t.Errorf("take.json review has no %q key: %s", k, data)
		}
	}

	// A direct Save of a take with a review and a story round-trips too.
	got.StoryID = "s20261124-223000"
	got.Review.Rating = 2
	if err := l.Save(got); err != nil {
		t.Fatal(err)
	}
	again, err := l.Load(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.StoryID != got.StoryID || again.Review.Rating != 2 || again.Review.Done() != 2 {
		t.Errorf("after Save: StoryID %q, rating %d, done %d; want %q, 2, 2", again.StoryID, again.Review.Rating, again.Review.Done(), got.StoryID)
	}
}

func TestSaveReviewRefuses(t *testing.T) {
	l := openLib(t)
	tk := fullTake(t, l, q07, start)
	before, err := os.ReadFile(filepath.Join(l.Dir, tk.ID, SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.SaveReview(tk.ID, SelfReview{Rating: 9}); !errors.Is(err, ErrReview) {
		t.Errorf("SaveReview with rating 9 = %v, want ErrReview", err)
	}
	if _, err := l.SaveReview(tk.ID, SelfReview{Checked: map[Check]bool{"mood": true}}); !errors.Is(err, ErrReview) {
		t.Errorf("SaveReview with an unknown check = %v, want ErrReview", err)
	}
	after, err := os.ReadFile(filepath.Join(l.Dir, tk.ID, SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Errorf("a refused review changed take.json")
	}
	if _, err := l.SaveReview("20261124-201530-q99", SelfReview{Rating: 3}); err == nil {
		t.Errorf("SaveReview of a missing take succeeded")
	}
}

func TestLoadDamagedReview(t *testing.T) {
	withReview := func(review string) string {
		return strings.Replace(validJSON, `"schema": 1,`, `"schema": 1, "review": `+review+`,`, 1)
	}
	tests := []struct {
		name, review, problem string
	}{
		{"review not an object", `"great"`, "field review is a JSON string, want an object"},
		{"review a list", `[1]`, "field review is a JSON array, want an object"},
		{"checked a list", `{"checked": ["owned"]}`, "field review.checked is a JSON array, want an object"},
		{"check not a bool", `{"checked": {"owned": "yes"}}`, "field review.checked is a JSON string, want true or false"},
		{"rating a string", `{"rating": "5"}`, "field review.rating is a JSON string, want a whole number"},
		{"rating a fraction", `{"rating": 4.5}`, "field review.rating is a JSON number 4.5, want a whole number"},
		{"rating too high", `{"rating": 6}`, "field review: rating 6 is out of range"},
		{"rating negative", `{"rating": -2}`, "field review: rating -2 is out of range"},
		{"unknown check", `{"checked": {"owned": true, "lucky": true}}`, `field review: unknown check "lucky"`},
		{"notes a number", `{"notes": 3}`, "field review.notes is a JSON number, want a string"},
		{"notes too long", `{"notes": "` + strings.Repeat("x", MaxReviewNotes+1) + `"}`, "field review: notes are 10001 characters long"},
		{"bad updated", `{"updated": "last week"}`, "field review.updated is not a valid time"},
		{"story id a number", `{}, "story_id": 7`, "field story_id is a JSON number, want a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			tk, _, err := l.NewTake(q07, start)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(withReview(tt.review)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = l.Load(tk.ID)
			var te *TakeError
			if !errors.Is(err, ErrDamaged) || !errors.As(err, &te) {
				t.Fatalf("Load = %v, want a *TakeError wrapping ErrDamaged", err)
			}
			if !strings.Contains(te.Reason, tt.problem) {
				t.Errorf("reason = %q, want it to contain %q", te.Reason, tt.problem)
			}
			// List shows it as damaged, with the same reason.
			takes, err := l.List()
			if err != nil || len(takes) != 1 || takes[0].Status != Damaged || takes[0].Problem != te.Reason {
				t.Errorf("List = %+v, %v; want one Damaged take with problem %q", takes, err, te.Reason)
			}
		})
	}

	// A good review and a null one load.
	for _, review := range []string{`{"checked": {"owned": true}, "rating": 3, "notes": "ok", "updated": "2026-11-25T09:00:00Z"}`, `null`, `{}`} {
		l := openLib(t)
		tk, _, err := l.NewTake(q07, start)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(withReview(review)), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Load(tk.ID); err != nil {
			t.Errorf("review %s: Load = %v, want no error", review, err)
		}
	}
}
