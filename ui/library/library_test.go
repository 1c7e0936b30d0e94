package library

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// libCalls records what the library screen asked of the window.
type libCalls struct {
	opened     []string
	compared   [][2]string
	back       int
	recovered  []string
	recoverErr error // what Recover returns
}

func (c *libCalls) handlers() Handlers {
	return Handlers{
		Open:    func(id string) { c.opened = append(c.opened, id) },
		Compare: func(a, b string) { c.compared = append(c.compared, [2]string{a, b}) },
		Back:    func() { c.back++ },
		Recover: func(id string) error {
			c.recovered = append(c.recovered, id)
			return c.recoverErr
		},
	}
}

// newTestLibraryView shows the library screen of lib in a 960x640 test
// window.
func newTestLibraryView(t *testing.T, lib *practice.Library) (*View, fyne.Window, *libCalls) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.SetPadded(false)
	calls := &libCalls{}
	v := New(lib, w, calls.handlers())
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(960, 640))
	widgets.Relayout(w.Content())
	return v, w, calls
}

// libRows returns the rows the list shows, by the take they show.
func libRows(w fyne.Window) map[int]*libRow {
	rows := map[int]*libRow{}
	uitest.WalkObjects(w.Content(), func(o fyne.CanvasObject) {
		if r, ok := o.(*libRow); ok && r.Visible() && r.id >= 0 {
			rows[r.id] = r
		}
	})
	return rows
}

func TestLibraryEmpty(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	v, w, calls := newTestLibraryView(t, lib)
	test.AssertRendersToMarkup(t, "library_empty.xml", w.Canvas())

	want := "No takes yet. Press Esc to go back and answer your first question — your takes appear here."
	if got := uitest.ShownText(w); !strings.Contains(got, want) {
		t.Errorf("empty library shows %q, want it to contain %q", got, want)
	}
	for _, b := range []*widgets.Button{v.open, v.compare, v.del} {
		if !b.Disabled() {
			t.Errorf("button %q is enabled with no takes", b.Text)
		}
	}
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyDelete, fyne.KeyDown} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	v.TypedRune('c')
	if len(calls.opened)+len(calls.compared) != 0 || v.confirm != nil {
		t.Errorf("keys on an empty library: opened %v, compared %v, confirm %v; want nothing", calls.opened, calls.compared, v.confirm != nil)
	}
	if !v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) || calls.back != 1 {
		t.Errorf("Esc: back called %d times, want 1", calls.back)
	}
}

func TestLibraryOneTake(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	take := uitest.AddTake(t, lib, uitest.TakeSpec{
		Q: uitest.Questions[0], At: uitest.T0, Dur: 108.4,
		Parts:  uitest.StarParts(108.4, practice.Result),
		Review: uitest.Reviewed(4, 5, "\n  Lead with the lesson next time.  \nAnd breathe."),
	})
	v, w, calls := newTestLibraryView(t, lib)
	test.AssertRendersToMarkup(t, "library_one.xml", w.Canvas())
	test.AssertRendersToImage(t, "library_one.png", w.Canvas())

	got := uitest.ShownText(w)
	for _, want := range []string{
		"Your takes (1)",
		"Mon 2 Nov 2026, 09:30",
		"1:48 of 2:00",
		uitest.Questions[0].Text,
		"Note: Lead with the lesson next time.",
		"S T A – L",
		"4/5",
		"Back to practice (Esc)", "Open (Enter)", "Compare with earlier take (C)", "Delete (Del)",
		"Answer this question again to compare two takes.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("library does not show %q; it shows:\n%s", want, got)
		}
	}
	if strings.Contains(got, "And breathe") {
		t.Errorf("library shows the note's second line: %s", got)
	}
	if v.compare.Disabled() == false {
		t.Error("Compare is enabled with a single take")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(calls.opened, []string{take.ID}) {
		t.Errorf("Enter opened %v, want [%s]", calls.opened, take.ID)
	}
	v.TypedRune('C')
	if len(calls.compared) != 0 {
		t.Errorf("C with no earlier take compared %v", calls.compared)
	}
	if want := "There is no earlier take of this question"; !strings.Contains(v.status.Text, want) {
		t.Errorf("after C the status says %q, want it to contain %q", v.status.Text, want)
	}
}

func TestLibraryMany(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	takes := uitest.ManyTakes(t, lib, 200)
	v, w, calls := newTestLibraryView(t, lib)
	test.AssertRendersToMarkup(t, "library_200.xml", w.Canvas())

	if got, want := len(v.shown), 200; got != want {
		t.Fatalf("library lists %d takes, want %d", got, want)
	}
	// Newest first.
	if got, want := v.shown[0].ID, takes[199].ID; got != want {
		t.Errorf("first row is %s, want the newest take %s", got, want)
	}
	// Virtualized: far fewer rows built than takes.
	if n := len(libRows(w)); n == 0 || n > 20 {
		t.Errorf("%d rows built for 200 takes, want a screenful (1 to 20)", n)
	}

	// Down twice, Up once: the second row. Enter opens it.
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		if !v.TypedKey(&fyne.KeyEvent{Name: k}) {
			t.Errorf("key %s not handled", k)
		}
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := []string{takes[198].ID}; !slices.Equal(calls.opened, want) {
		t.Errorf("Enter opened %v, want %v", calls.opened, want)
	}
	// C compares it with the earlier take of the same question, three
	// takes back (three questions in turn).
	v.TypedRune('c')
	if want := [][2]string{{takes[195].ID, takes[198].ID}}; !slices.Equal(calls.compared, want) {
		t.Errorf("C compared %v, want %v", calls.compared, want)
	}
	// End selects the oldest, which has nothing earlier to compare with.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if got, ok := v.Selected(); !ok || got.ID != takes[0].ID {
		t.Errorf("after End the selected take is %s, want the oldest %s", got.ID, takes[0].ID)
	}
	if !v.compare.Disabled() {
		t.Error("Compare is enabled on the oldest take")
	}
	// The row of the oldest take is on show after End.
	if _, ok := libRows(w)[199]; !ok {
		t.Error("the list did not scroll to the oldest take")
	}
}

func TestLibraryDoubleTapOpens(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	takes := uitest.ManyTakes(t, lib, 3)
	v, w, calls := newTestLibraryView(t, lib)
	row := libRows(w)[2]
	if row == nil {
		t.Fatal("no row for the third take")
	}
	test.Tap(row)
	if got, _ := v.Selected(); got.ID != takes[0].ID {
		t.Errorf("a tap selected %s, want %s", got.ID, takes[0].ID)
	}
	if len(calls.opened) != 0 {
		t.Errorf("a single tap opened %v", calls.opened)
	}
	test.DoubleTap(libRows(w)[1])
	if want := []string{takes[1].ID}; !slices.Equal(calls.opened, want) {
		t.Errorf("double tap opened %v, want %v", calls.opened, want)
	}
}

func TestLibraryDamagedAndUnfinished(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	good := uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[1], At: uitest.T0, Dur: 75, Parts: uitest.StarParts(75)})
	damaged, unfinished := uitest.DamagedTakes(t, lib)
	v, w, calls := newTestLibraryView(t, lib)
	test.AssertRendersToMarkup(t, "library_damaged.xml", w.Canvas())

	got := uitest.ShownText(w)
	for _, want := range []string{
		"Unfinished: no take.json", "Recover it (Enter), or delete it (Del).",
		"Damaged: take.json is cut short", "Delete it (Del), or put back its take.json from a backup.",
		// The question of the damaged take is known from the good take.
		"Tell me about a project that did not go the way you planned.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("library does not show %q; it shows:\n%s", want, got)
		}
	}
	// Newest first: unfinished (5 Nov), damaged (4 Nov), good (2 Nov).
	var ids []string
	for _, tk := range v.shown {
		ids = append(ids, tk.ID)
	}
	if want := []string{unfinished, damaged, good.ID}; !slices.Equal(ids, want) {
		t.Fatalf("rows %v, want %v", ids, want)
	}
	// The unfinished take can be recovered; when that fails, the status
	// says why and what to do.
	v.SelectRow(0)
	if v.open.Disabled() || v.open.Text != "Recover (Enter)" || !v.compare.Disabled() || v.del.Disabled() {
		t.Errorf("unfinished row: button %q enabled %v, compare enabled %v, delete enabled %v; want Recover and Delete",
			v.open.Text, !v.open.Disabled(), !v.compare.Disabled(), !v.del.Disabled())
	}
	calls.recoverErr = fmt.Errorf("practice: recover take %s: %w (no answer.wav)", unfinished, practice.ErrNoAudio)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(calls.recovered, []string{unfinished}) {
		t.Errorf("Enter on the unfinished take recovered %v, want [%s]", calls.recovered, unfinished)
	}
	if !strings.Contains(v.status.Text, "holds no audio, so there is nothing to recover") {
		t.Errorf("after a failed recovery the status says %q", v.status.Text)
	}
	// The damaged one cannot be opened or compared, but can be deleted.
	v.SelectRow(1)
	if !v.open.Disabled() || v.open.Text != "Open (Enter)" || !v.compare.Disabled() || v.del.Disabled() {
		t.Errorf("damaged row: open enabled %v, compare enabled %v, delete enabled %v; want only delete",
			!v.open.Disabled(), !v.compare.Disabled(), !v.del.Disabled())
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	v.TypedRune('c')
	if !strings.HasPrefix(v.status.Text, "This take cannot be opened") {
		t.Errorf("damaged row: after Enter the status says %q", v.status.Text)
	}
	if len(calls.opened)+len(calls.compared) != 0 || len(calls.recovered) != 1 {
		t.Errorf("a bad take was opened %v, compared %v or recovered %v", calls.opened, calls.compared, calls.recovered)
	}
	v.SelectRow(1)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	v.TypedRune('d')
	if _, err := os.Stat(filepath.Join(lib.Dir, damaged)); !os.IsNotExist(err) {
		t.Errorf("the damaged take's folder is still there after deleting it (%v)", err)
	}
}

func TestLibraryDeleteAsksAndRemoves(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	takes := uitest.ManyTakes(t, lib, 3)
	v, w, _ := newTestLibraryView(t, lib)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the second newest
	target := takes[1]

	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if v.confirm == nil || w.Canvas().Overlays().Top() == nil {
		t.Fatal("Delete did not ask first")
	}
	test.AssertRendersToMarkup(t, "library_delete.xml", w.Canvas())
	asked := uitest.ShownText(w)
	for _, want := range []string{"Delete this take?", widgets.Date(target.Started), target.QuestionText, "Delete (D)", "Keep it (Enter)"} {
		if !strings.Contains(asked, want) {
			t.Errorf("the question does not name %q; it says:\n%s", want, asked)
		}
	}

	// Esc keeps it.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if v.confirm != nil || w.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the question")
	}
	if _, err := os.Stat(filepath.Join(lib.Dir, target.ID)); err != nil {
		t.Fatalf("the take is gone after Keep it: %v", err)
	}

	// Enter keeps it too: on this screen Enter means Open.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.confirm != nil {
		t.Error("Enter did not close the question")
	}
	if _, err := os.Stat(filepath.Join(lib.Dir, target.ID)); err != nil {
		t.Fatalf("Enter in the delete question deleted the take: %v", err)
	}

	// The dialog's Delete button removes the folder, audio and sidecar.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	btn := uitest.FindButton(w.Canvas().Overlays().Top(), "Delete (D)")
	if btn == nil {
		t.Fatal("no Delete button on the question")
	}
	test.Tap(btn)
	if _, err := os.Stat(filepath.Join(lib.Dir, target.ID)); !os.IsNotExist(err) {
		t.Errorf("the take's folder still exists after Delete (%v)", err)
	}
	if got, want := len(v.shown), 2; got != want {
		t.Errorf("%d takes listed after deleting one of 3, want %d", got, want)
	}
	if got, _ := v.Selected(); got.ID != takes[0].ID {
		t.Errorf("after deleting, %s is selected; want the next one, %s", got.ID, takes[0].ID)
	}
	if want := "The take is deleted."; v.status.Text != want {
		t.Errorf("status = %q, want %q", v.status.Text, want)
	}
	if strings.Contains(uitest.ShownText(w), widgets.Date(target.Started)) {
		t.Error("the deleted take is still shown")
	}
}

func TestLibraryDeleteLastTake(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	take := uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0, Dur: 90})
	v, w, _ := newTestLibraryView(t, lib)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	v.TypedRune('d')
	if _, err := os.Stat(filepath.Join(lib.Dir, take.ID)); !os.IsNotExist(err) {
		t.Fatalf("the take's folder still exists after Delete (%v)", err)
	}
	if v.list.Visible() || !v.empty.Visible() {
		t.Errorf("with the last take deleted: list visible %v, empty message visible %v", v.list.Visible(), v.empty.Visible())
	}
	if want := "No takes yet."; !strings.Contains(uitest.ShownText(w), want) {
		t.Errorf("after deleting the last take the screen shows %q, want %q", uitest.ShownText(w), want)
	}
	if !v.open.Disabled() || !v.del.Disabled() {
		t.Error("Open or Delete stays enabled with no takes")
	}
}

func TestLibraryFilters(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	story, err := lib.SaveStory(practice.Story{Title: "The missed launch"})
	if err != nil {
		t.Fatalf("SaveStory: %v", err)
	}
	takes := uitest.ManyTakes(t, lib, 9) // q01, q02, q03 in turn
	for _, i := range []int{2, 5} {
		if err := lib.LinkStory(takes[i].ID, story.ID); err != nil {
			t.Fatalf("LinkStory: %v", err)
		}
	}
	v, w, _ := newTestLibraryView(t, lib)
	if got, want := v.qSelect.Options, []string{widgets.AllQuestions, uitest.Questions[2].Text, uitest.Questions[1].Text, widgets.Shorten(uitest.Questions[0].Text, 70)}; !slices.Equal(got, want) {
		t.Errorf("question filter options = %q, want %q", got, want)
	}

	v.qSelect.SetSelected(uitest.Questions[1].Text)
	var ids []string
	for _, tk := range v.shown {
		ids = append(ids, tk.ID)
	}
	if want := []string{takes[7].ID, takes[4].ID, takes[1].ID}; !slices.Equal(ids, want) {
		t.Errorf("filtered by question: %v, want %v", ids, want)
	}
	if want := "Your takes (3 of 9 shown)"; v.heading.Text != want {
		t.Errorf("heading = %q, want %q", v.heading.Text, want)
	}

	// Both filters: no take of q02 is linked to the story.
	v.sSelect.SetSelected("The missed launch")
	if len(v.shown) != 0 || !strings.Contains(uitest.ShownText(w), "No takes match these filters.") {
		t.Errorf("with both filters %d takes shown, want none and a message", len(v.shown))
	}
	v.qSelect.SetSelected(widgets.AllQuestions)
	ids = ids[:0]
	for _, tk := range v.shown {
		ids = append(ids, tk.ID)
	}
	if want := []string{takes[5].ID, takes[2].ID}; !slices.Equal(ids, want) {
		t.Errorf("filtered by story: %v, want %v", ids, want)
	}
	if !strings.Contains(uitest.ShownText(w), "Story: The missed launch") {
		t.Error("the rows do not name their story")
	}

	// Filters survive a reload.
	uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0.Add(1000 * time.Hour), Dur: 80, Story: story.ID})
	v.Reload()
	if got := len(v.shown); got != 3 {
		t.Errorf("after reload with a new linked take: %d shown, want 3", got)
	}
}

// BenchmarkLibraryView1000 builds the library screen over 1,000 takes and
// renders it in a 960x640 window: reading the library, building the view
// and drawing the first screenful.
func BenchmarkLibraryView1000(b *testing.B) {
	test.NewTempApp(b)
	lib := uitest.OpenLibrary(b)
	uitest.ManyTakes(b, lib, 1000)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(960, 640))
	b.ResetTimer()
	for range b.N {
		v := New(lib, w, Handlers{})
		w.SetContent(v.Content())
		w.Canvas().Capture()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/take")
}
