package review

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"failforward/audio"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// memAudio plays takes from memory on fake players.
type memAudio struct{ players []*fake.Player }

func (a *memAudio) OpenPlayer(samples []int16, rate int) (audio.Player, error) {
	p := fake.NewPlayer(samples, rate)
	a.players = append(a.players, p)
	return p, nil
}

// TestViewStandsAlone drives the review screen on a window of its own,
// with a take stored as the app stores it: it plays, edits and saves the
// parts, and hands the window what is the window's (a new question, a
// retake), as it does inside the app.
func TestViewStandsAlone(t *testing.T) {
	w := uitest.ViewWindow(t)
	lib := uitest.OpenLibrary(t)
	samples, parts := uitest.Story()
	take := uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0,
		Dur: float64(len(samples)) / uitest.Rate, Parts: parts, Audio: samples})
	tagged, err := practice.NewParts(take.Duration, take.Parts)
	if err != nil {
		t.Fatal(err)
	}
	var v *View
	keys := widgets.Keys{Key: func(ev *fyne.KeyEvent) { v.TypedKey(ev) }, Rune: func(r rune) { v.TypedRune(r) }}
	a := &memAudio{}
	next, retake := 0, 0
	v = New(Options{Library: lib, Audio: a, Window: w, Keys: &keys, Limit: 2 * time.Minute}, Handlers{
		Show:   func(o fyne.CanvasObject) { uitest.Route(w, v, o) },
		Retake: func() { retake++ },
		Next:   func() { next++ },
		Nav:    func(fyne.Shortcut) bool { return false },
		Guide:  func(practice.Check) {},
	}, take, tagged, nil, nil)
	v.Open(lib.AudioPath(take.ID))
	v.Show()
	defer v.Close()

	if text := uitest.ShownText(w); !strings.Contains(text, uitest.Questions[0].Text) || !strings.Contains(text, "Your answer: 0:32 of 2:00") {
		t.Errorf("the screen shows %q, want the question and the answer's length", text)
	}
	if len(a.players) != 1 {
		t.Fatalf("%d players opened, want 1", len(a.players))
	}
	p := a.players[0]
	uitest.Hit(w, fyne.KeySpace)
	if !p.Playing() || v.w.play.Text != "Pause (Space)" {
		t.Errorf("after Space: playing %v, button %q", p.Playing(), v.w.play.Text)
	}
	uitest.Hit(w, fyne.KeySpace)

	w.Canvas().OnTypedRune()(']')
	if v.sel != 0 {
		t.Fatalf("] selected part %d, want the first", v.sel)
	}
	uitest.Hit(w, fyne.KeyDelete)
	saved := func() int {
		t.Helper()
		got, err := lib.Load(take.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(got.Parts)
	}
	if v.parts.Len() != 4 || saved() != 4 {
		t.Errorf("after Delete: %d parts, %d saved; want 4 and 4", v.parts.Len(), saved())
	}
	shortcut(t, v, &fyne.ShortcutUndo{})
	if v.parts.Len() != 5 || saved() != 5 {
		t.Errorf("after Undo: %d parts, %d saved; want 5 and 5", v.parts.Len(), saved())
	}

	w.Canvas().OnTypedRune()('n')
	shortcut(t, v, uitest.Ctrl(fyne.KeyR))
	if next != 1 || retake != 1 {
		t.Errorf("N and Ctrl+R asked the window for %d new questions and %d retakes, want 1 and 1", next, retake)
	}
	v.Close()
	if !p.Closed() {
		t.Error("Close left the player open")
	}
}

// shortcut sends s to v as the window does, once it is sure v registers
// it (the test canvas takes no shortcuts of its own).
func shortcut(t *testing.T, v *View, s fyne.Shortcut) {
	t.Helper()
	for _, reg := range v.Shortcuts() {
		if reg.ShortcutName() == s.ShortcutName() {
			if !v.TypedShortcut(s) {
				t.Errorf("%s was not used", s.ShortcutName())
			}
			return
		}
	}
	t.Fatalf("shortcut %s is not registered", s.ShortcutName())
}
