package stories

import (
	"runtime"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// smallForm is the notebook on a window as small as the app allows,
// laid out as the window lays it out.
func smallForm(t *testing.T) *storiesFixture {
	t.Helper()
	f := newStoriesFixture(t, nil)
	f.win.Resize(fyne.NewSize(800, 520))
	widgets.Relayout(f.win.Content())
	return f
}

// TestStoryFormScrolls: in a small window the wheel over a note scrolls
// the story form (the note's own scroll used to swallow it), and a note
// that gets the focus by Tab comes into view.
func TestStoryFormScrolls(t *testing.T) {
	f := smallForm(t)
	v := f.v
	if v.form.Offset.Y != 0 {
		t.Fatalf("the form starts scrolled to %v", v.form.Offset.Y)
	}
	sit := v.notes[practice.Situation]
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(sit)
	test.Scroll(f.win.Canvas(), p.AddXY(sit.Size().Width/2, sit.Size().Height/2), 0, -60)
	if v.form.Offset.Y <= 0 {
		t.Errorf("the wheel over the Situation note left the form at %v", v.form.Offset.Y)
	}
	v.form.ScrollToOffset(fyne.NewPos(0, 0))
	lesson := v.notes[practice.Lesson]
	if uitest.InView(f.win, lesson) {
		t.Fatal("the Lesson note is in view already: the window is too tall for this test")
	}
	f.win.Canvas().Focus(lesson)
	if !uitest.InView(f.win, lesson) {
		t.Errorf("the focused Lesson note is out of view (form at %v)", v.form.Offset.Y)
	}
}

// TestStoryFormWheelScaled: one notch of the wheel moves the story form
// widgets.WheelScale times Fyne's 25 px (which made a long form crawl),
// over a label and over a note alike.
func TestStoryFormWheelScaled(t *testing.T) {
	f := smallForm(t)
	v := f.v
	if runtime.GOOS != "darwin" && widgets.WheelScale < 3 {
		t.Errorf("WheelScale = %v, want at least 3 where Fyne scrolls 25 px a notch", widgets.WheelScale)
	}
	const notch = 25 // Fyne's desktop driver, Linux and Windows
	want := notch * widgets.WheelScale
	editor := v.form.Content.(*fyne.Container).Objects[0].(*fyne.Container)
	title := editor.Objects[0] // the label "Title"
	for _, over := range []fyne.CanvasObject{title, v.notes[practice.Situation]} {
		v.form.ScrollToOffset(fyne.NewPos(0, 0))
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(over)
		test.Scroll(f.win.Canvas(), p.AddXY(over.Size().Width/2, over.Size().Height/2), 0, -notch)
		if got := v.form.Offset.Y; got != want {
			t.Errorf("a notch over %T moved the form to %v, want %v", over, got, want)
		}
	}
}
