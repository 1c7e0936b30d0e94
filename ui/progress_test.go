package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
)

// newTestProgressView shows the progress screen of lib in a 960x640 test
// window.
func newTestProgressView(t *testing.T, lib *practice.Library) (*progressView, fyne.Window, *int) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.SetPadded(false)
	back := new(int)
	v := newProgressView(lib, w, progressHandlers{Back: func() { *back++ }})
	w.SetContent(v.content())
	w.Resize(fyne.NewSize(960, 640))
	relayout(w.Content())
	return v, w, back
}

func TestProgressEmpty(t *testing.T) {
	test.NewTempApp(t)
	lib := openTestLibrary(t)
	v, w, back := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_empty.xml", w.Canvas())
	if want := "No takes yet. Press Esc to go back and answer a question"; !strings.Contains(shownText(w), want) {
		t.Errorf("empty progress screen shows %q, want %q", shownText(w), want)
	}
	if !v.chart.Hidden {
		t.Error("the chart is shown with no takes")
	}
	v.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *back != 1 {
		t.Errorf("Esc: Back called %d times, want 1", *back)
	}
}

func TestProgressOneTake(t *testing.T) {
	test.NewTempApp(t)
	lib := openTestLibrary(t)
	addTake(t, lib, libSpec{q: testQuestions[0], at: libT0, dur: 95, parts: starParts(95), review: reviewed(3, 2, "")})
	v, w, _ := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_one.xml", w.Canvas())
	got := shownText(w)
	for _, want := range []string{
		"One take so far. Answer again — the chart starts with your second take",
		"1 take on 2 Nov 2026. Within the limit: 1 of 1. Lesson tagged: 1 of 1. Average rating: 3.0 of 5 (1 rated).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("progress screen does not show %q; it shows:\n%s", want, got)
		}
	}
	if !v.chart.Hidden {
		t.Error("the chart is shown for a single take")
	}
}

func TestProgressMany(t *testing.T) {
	test.NewTempApp(t)
	lib := openTestLibrary(t)
	takes := manyTakes(t, lib, 200)
	damagedTakes(t, lib) // not charted
	v, w, _ := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_200.xml", w.Canvas())
	test.AssertRendersToImage(t, "progress_200.png", w.Canvas())

	if got := len(v.chart.points); got != progressPage {
		t.Fatalf("chart shows %d takes, want a page of %d", got, progressPage)
	}
	// The newest page, oldest first: the last point is the newest take.
	last := v.chart.points[progressPage-1]
	if newest := takes[199]; last.length != newest.Duration || !strings.HasPrefix(last.day, newest.Started.Format("2 Jan")) {
		t.Errorf("last point %+v, want the newest take (%v s on %s)", last, newest.Duration, newest.Started.Format("2 Jan"))
	}
	if !strings.Contains(shownText(w), "200 takes from 2 Nov 2026 to") || !strings.Contains(shownText(w), "The chart shows takes 171 to 200") {
		t.Errorf("summary: %s", v.summary.Text)
	}
	if v.older.Disabled() || !v.newer.Disabled() {
		t.Errorf("on the newest page: Older enabled %v, Newer enabled %v; want Older only", !v.older.Disabled(), !v.newer.Disabled())
	}
	// Left pages back to the oldest, and no further.
	for range 10 {
		v.typedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	}
	if v.end != progressPage {
		t.Errorf("after paging left: end = %d, want %d", v.end, progressPage)
	}
	if first := v.chart.points[0]; first.length != takes[0].Duration {
		t.Errorf("first point on the oldest page has length %v, want %v", first.length, takes[0].Duration)
	}
	if !v.older.Disabled() || v.newer.Disabled() {
		t.Error("on the oldest page Older should be off and Newer on")
	}
	v.typedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if v.end != 2*progressPage {
		t.Errorf("after Right: end = %d, want %d", v.end, 2*progressPage)
	}

	// Filter by question: a third of the takes.
	v.qSelect.SetSelected(testQuestions[1].Text)
	if got, want := len(v.shown), 67; got != want {
		t.Errorf("filtered: %d takes, want %d", got, want)
	}
	for _, tk := range v.shown {
		if tk.QuestionID != testQuestions[1].ID {
			t.Fatalf("filtered chart holds a take of %s", tk.QuestionID)
		}
	}
}

func TestProgressPoints(t *testing.T) {
	at := libT0.Add(3 * 24 * time.Hour)
	takes := []practice.Take{
		{Started: at, Duration: 100, LimitS: 120, Parts: starParts(100), Review: practice.SelfReview{Rating: 4}},
		{Started: at, Duration: 50, LimitS: 0, Parts: starParts(50, practice.Lesson)},
		{Started: at, Duration: 70, LimitS: 60},
		// A story tagged but no Action: a gap, not 0 %.
		{Started: at.Add(24 * time.Hour), Duration: 60, LimitS: 120, Parts: starParts(60, practice.Action)},
	}
	got := progressPoints(takes)
	want := []progressPoint{
		// Action: 50% of the take, 50/85 of the story.
		{day: "5 Nov", length: 100, limit: 120, action: 50.0 / 85, lesson: true, rating: 4},
		{day: "5 Nov #2", length: 50, limit: 0, action: 0.5 / 0.85, lesson: false},
		{day: "5 Nov #3", length: 70, limit: 60, action: -1, lesson: false},
		{day: "6 Nov", length: 60, limit: 120, action: -1, lesson: true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d points, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.day != w.day || g.length != w.length || g.limit != w.limit || g.lesson != w.lesson || g.rating != w.rating || math.Abs(g.action-w.action) > 1e-3 {
			t.Errorf("point %d = %+v, want %+v", i, g, w)
		}
	}
}
