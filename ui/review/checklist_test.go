package review

import (
	"maps"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// newTestChecklist shows the Checklist of take in a 420x700 test window
// and records what it hands on.
func newTestChecklist(t *testing.T, take practice.Take) (*Checklist, fyne.Window, *[]practice.SelfReview) {
	t.Helper()
	var got []practice.SelfReview
	c := NewChecklist(take, func(r practice.SelfReview) { got = append(got, r) }, nil, nil, nil)
	c.now = func() time.Time { return uitest.T0 }
	w := test.NewTempWindow(t, c.Content())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(420, 700))
	widgets.Relayout(w.Content())
	return c, w, &got
}

func TestReviewChecklistGoldens(t *testing.T) {
	tests := []struct {
		name   string
		review practice.SelfReview
		want   []string
	}{
		{"empty", practice.SelfReview{}, []string{"Your review", "0 of 7", "How ready did it feel?", "What to keep, what to change next time"}},
		{"filled", uitest.Reviewed(4, 4, "Open with the lesson.\nFewer details on the setup."), []string{"4 of 7", "Open with the lesson."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			c, w, got := newTestChecklist(t, practice.Take{ID: "20261102-093000-q01", Review: tt.review})
			test.AssertRendersToMarkup(t, "checklist_"+tt.name+".xml", w.Canvas())
			if tt.name == "filled" {
				test.AssertRendersToImage(t, "checklist_filled.png", w.Canvas())
			}
			shown := uitest.ShownText(w)
			for _, k := range practice.Checks() {
				if !strings.Contains(shown, k.Label()) {
					t.Errorf("checklist does not show %q", k.Label())
				}
			}
			for _, s := range tt.want {
				if !strings.Contains(shown, s) {
					t.Errorf("checklist does not show %q; it shows:\n%s", s, shown)
				}
			}
			if len(*got) != 0 {
				t.Errorf("showing a review handed on %d changes, want none", len(*got))
			}
			if r := c.review(); r.Rating != tt.review.Rating || r.Notes != tt.review.Notes || !maps.Equal(r.Checked, tt.review.Checked) {
				t.Errorf("review() = %+v, want %+v", r, tt.review)
			}
		})
	}
}

func TestReviewChecklistChanges(t *testing.T) {
	test.NewTempApp(t)
	c, _, got := newTestChecklist(t, practice.Take{ID: "20261102-093000-q01"})

	test.Tap(c.checks[3]) // "I said what I learned"
	test.Tap(c.checks[0])
	c.rating.SetSelected("4")
	test.Type(c.notes, "Shorter setup")
	test.Tap(c.checks[0]) // untick

	if n := len(*got); n != 4+len("Shorter setup") {
		t.Fatalf("%d changes handed on, want one per tick, rating and key (%d)", n, 4+len("Shorter setup"))
	}
	last := (*got)[len(*got)-1]
	want := practice.SelfReview{
		Checked: map[practice.Check]bool{practice.CheckLesson: true},
		Rating:  4,
		Notes:   "Shorter setup",
		Updated: uitest.T0,
	}
	if !maps.Equal(last.Checked, want.Checked) || last.Rating != want.Rating || last.Notes != want.Notes || !last.Updated.Equal(want.Updated) {
		t.Errorf("last review = %+v, want %+v", last, want)
	}
	if err := last.Validate(); err != nil {
		t.Errorf("handed on a review that does not validate: %v", err)
	}
	if got, want := c.progress.Text, "1 of 7"; got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
	// "Not rated" clears it.
	c.rating.SetSelected(notRated)
	if r := (*got)[len(*got)-1]; r.Rating != 0 {
		t.Errorf("cleared rating handed on as %d, want 0", r.Rating)
	}

	// The review saves and loads back with the take.
	lib := uitest.OpenLibrary(t)
	take := uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0, Dur: 60, Review: last})
	back, err := lib.Load(take.ID)
	if err != nil {
		t.Fatal(err)
	}
	c.set(back)
	if r := c.review(); !maps.Equal(r.Checked, want.Checked) || r.Notes != want.Notes || r.Rating != 4 {
		t.Errorf("after a save and load the Checklist shows %+v, want %+v", r, want)
	}
	if got, want := c.progress.Text, "1 of 7"; got != want {
		t.Errorf("progress after set = %q, want %q", got, want)
	}
}

func TestReviewChecklistNotesTooLong(t *testing.T) {
	test.NewTempApp(t)
	c, _, got := newTestChecklist(t, practice.Take{ID: "20261102-093000-q01"})
	c.notes.SetText(strings.Repeat("a", maxNotes))
	n := len(*got)
	c.notes.SetText(strings.Repeat("a", maxNotes+1))
	if len(*got) != n {
		t.Errorf("notes over %d characters were handed on", maxNotes)
	}
	if !c.problem.Visible() || !strings.Contains(c.problem.Text, "up to 10000 characters") {
		t.Errorf("no message about the notes' length; problem %q (visible %v)", c.problem.Text, c.problem.Visible())
	}
	c.notes.SetText("short")
	if c.problem.Visible() {
		t.Error("the message stays after the notes were shortened")
	}
}
