package progress

import (
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// newTestProgressView shows the progress screen of lib in a 960x640 test
// window.
func newTestProgressView(t *testing.T, lib *practice.Library) (*View, fyne.Window, *int) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.SetPadded(false)
	back := new(int)
	v := New(lib, w, Handlers{Back: func() { *back++ }})
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(960, 640))
	widgets.Relayout(w.Content())
	return v, w, back
}

func TestProgressEmpty(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	v, w, back := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_empty.xml", w.Canvas())
	if want := "No takes yet. Press Esc to go back and answer a question"; !strings.Contains(uitest.ShownText(w), want) {
		t.Errorf("empty progress screen shows %q, want %q", uitest.ShownText(w), want)
	}
	if !v.chart.Hidden {
		t.Error("the chart is shown with no takes")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *back != 1 {
		t.Errorf("Esc: Back called %d times, want 1", *back)
	}
}

func TestProgressOneTake(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0, Dur: 95, Parts: uitest.StarParts(95), Review: uitest.Reviewed(3, 2, "")})
	v, w, _ := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_one.xml", w.Canvas())
	got := uitest.ShownText(w)
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
	lib := uitest.OpenLibrary(t)
	takes := uitest.ManyTakes(t, lib, 200)
	uitest.DamagedTakes(t, lib) // not charted
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
	if !strings.Contains(uitest.ShownText(w), "200 takes from 2 Nov 2026 to") || !strings.Contains(uitest.ShownText(w), "The chart shows takes 171 to 200") {
		t.Errorf("summary: %s", v.summary.Text)
	}
	if v.older.Disabled() || !v.newer.Disabled() {
		t.Errorf("on the newest page: Older enabled %v, Newer enabled %v; want Older only", !v.older.Disabled(), !v.newer.Disabled())
	}
	// Left pages back to the oldest, and no further.
	for range 10 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
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
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if v.end != 2*progressPage {
		t.Errorf("after Right: end = %d, want %d", v.end, 2*progressPage)
	}

	// Filter by question: a third of the takes.
	v.qSelect.SetSelected(uitest.Questions[1].Text)
	if got, want := len(v.shown), 67; got != want {
		t.Errorf("filtered: %d takes, want %d", got, want)
	}
	for _, tk := range v.shown {
		if tk.QuestionID != uitest.Questions[1].ID {
			t.Fatalf("filtered chart holds a take of %s", tk.QuestionID)
		}
	}
}

func TestProgressPoints(t *testing.T) {
	at := uitest.T0.Add(3 * 24 * time.Hour)
	takes := []practice.Take{
		{Started: at, Duration: 100, LimitS: 120, Parts: uitest.StarParts(100), Review: practice.SelfReview{Rating: 4}},
		{Started: at, Duration: 50, LimitS: 0, Parts: uitest.StarParts(50, practice.Lesson)},
		{Started: at, Duration: 70, LimitS: 60},
		// A story tagged but no Action: a gap, not 0 %.
		{Started: at.Add(24 * time.Hour), Duration: 60, LimitS: 120, Parts: uitest.StarParts(60, practice.Action)},
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

// measuredTake stores a take of q at at whose take.json holds the given
// filled-pause rate, as the review keeps it; rate < 0 leaves it unmeasured.
func measuredTake(t *testing.T, lib *practice.Library, q practice.Question, at time.Time, rate float64) {
	t.Helper()
	tk := uitest.AddTake(t, lib, uitest.TakeSpec{Q: q, At: at, Dur: 90, Parts: uitest.StarParts(90)})
	if rate < 0 {
		return
	}
	tk.Measures = &practice.Measures{FilledPauses: int(rate * 1.5), FilledPausesPerMin: rate}
	if err := lib.Save(tk); err != nil {
		t.Fatal(err)
	}
}

// TestProgressHesitation shows how often the newest take hesitated aloud
// and the change since the previous take of the same question, from the
// figures kept in take.json, and says so when a take is not measured yet.
func TestProgressHesitation(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	day := 24 * time.Hour
	measuredTake(t, lib, uitest.Questions[0], uitest.T0, -1)
	measuredTake(t, lib, uitest.Questions[0], uitest.T0.Add(day), 3.5)
	measuredTake(t, lib, uitest.Questions[1], uitest.T0.Add(2*day), 6)
	measuredTake(t, lib, uitest.Questions[0], uitest.T0.Add(3*day), 2)
	v, w, _ := newTestProgressView(t, lib)
	test.AssertRendersToMarkup(t, "progress_hesitation.xml", w.Canvas())
	// The newest take is of the first question: compared with that
	// question's previous take, not with the other question's.
	if want := "Um and uh: 2.0 a minute in the newest take, 1.5 fewer than in the previous take of this question (3.5)."; !strings.Contains(uitest.ShownText(w), want) {
		t.Errorf("progress screen does not show %q; it shows:\n%s", want, uitest.ShownText(w))
	}
	v.qSelect.SetSelected(uitest.Questions[1].Text)
	if want := "Um and uh: 6.0 a minute in the newest take."; !strings.Contains(v.summary.Text, want) {
		t.Errorf("one take of the question: summary %q, want %q", v.summary.Text, want)
	}

	for _, c := range []struct {
		rates []float64 // of successive takes of one question; -1: not measured
		want  string
	}{
		{[]float64{-1, -1}, ""},
		{[]float64{2, -1}, "Um and uh: the newest take here is not measured yet; open it in the review to measure it."},
		{[]float64{-1, 2.25}, "Um and uh: 2.3 a minute in the newest take; the previous take of this question is not measured yet."},
		{[]float64{1, 2.5}, "Um and uh: 2.5 a minute in the newest take, 1.5 more than in the previous take of this question (1.0)."},
		{[]float64{4, 4.01}, "Um and uh: 4.0 a minute in the newest take, as in the previous take of this question."},
	} {
		var takes []practice.Take
		for i, r := range c.rates {
			tk := practice.Take{QuestionID: "q01", Started: uitest.T0.Add(time.Duration(i) * day)}
			if r >= 0 {
				tk.Measures = &practice.Measures{FilledPausesPerMin: r}
			}
			takes = append(takes, tk)
		}
		if got := hesitationText(takes, takes); got != c.want {
			t.Errorf("rates %v: %q, want %q", c.rates, got, c.want)
		}
	}
}
