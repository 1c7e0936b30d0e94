package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/turn"
	"failforward/ui/widgets"
)

// offScreen lists the buttons on show that do not lie wholly inside the
// window, or inside the visible part of the scroll holding them: a
// button there cannot be seen or reached by the mouse without
// scrolling. Without inScrolls, buttons in scrolls are left out (the
// forms of the notebook and settings: scrolling is their point).
func (h *harness) offScreen(inScrolls bool) []string {
	size := h.c.win.Canvas().Size()
	drv := fyne.CurrentApp().Driver()
	var out []string
	var walk func(o fyne.CanvasObject, lo, hi fyne.Position)
	walk = func(o fyne.CanvasObject, lo, hi fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *container.Scroll:
			if !inScrolls {
				return
			}
			p := drv.AbsolutePositionForObject(v)
			s := v.Size()
			walk(v.Content, fyne.NewPos(max(lo.X, p.X), max(lo.Y, p.Y)),
				fyne.NewPos(min(hi.X, p.X+s.Width), min(hi.Y, p.Y+s.Height)))
			return
		case *widgets.Button:
			p := drv.AbsolutePositionForObject(v)
			s := v.Size()
			if p.X < lo.X-0.5 || p.Y < lo.Y-0.5 || p.X+s.Width > hi.X+0.5 || p.Y+s.Height > hi.Y+0.5 {
				out = append(out, fmt.Sprintf("%q at %v size %v", v.Text, p, s))
			}
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c, lo, hi)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c, lo, hi)
			}
		}
	}
	walk(h.c.win.Content(), fyne.NewPos(0, 0), fyne.NewPos(size.Width, size.Height))
	return out
}

// TestEveryScreenFits opens every screen at 800x600, the default
// 960x640, 1920x1080 and 2560x1440, and checks that no button is cut off by the window's
// edge, nor (on the practice screens, the library and progress) hidden in
// a scroll.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 960, Height: 640}, {Width: 1920, Height: 1080}, {Width: 2560, Height: 1440}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			h := newHarness(t, timer.Config{Think: 5 * time.Second, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
			h.c.win.Resize(size)
			check := func(name string, inScrolls bool) {
				t.Helper()
				h.c.tick()
				widgets.Relayout(h.c.win.Content())
				if got := h.c.win.Canvas().Size(); got.Width > size.Width+0.5 || got.Height > size.Height+0.5 {
					t.Errorf("%s: the window grew to %v", name, got)
				}
				if bad := h.offScreen(inScrolls); len(bad) > 0 {
					t.Errorf("%s at %v: buttons off the window: %v", name, size, bad)
				}
				// FF_UI_SHOTS=1 keeps a picture of each screen at each size
				// under testdata/failed, to look at.
				if os.Getenv("FF_UI_SHOTS") != "" {
					uitest.SaveShot(t, fmt.Sprintf("screen_%s_%vx%v.png", strings.ReplaceAll(name, " ", "_"), size.Width, size.Height), h.c.win.Canvas().Capture())
				}
			}
			check("question", true)
			h.space()
			check("think", true)
			h.space()
			h.feed(5)
			h.advance(time.Second)
			check("answer", true)
			h.space()
			h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
			check("review", true)
			// A take with notes (a silent microphone, lost blocks) has a
			// taller heading; the controls stay in view all the same.
			h.c.rv.AddNotes(audio.SilenceMessage("linux"), turn.DroppedNote(3))
			h.c.rv.Show()
			check("review with notes", true)
			for _, p := range barPlaces()[1:] {
				h.shortcut(uitest.Ctrl(p.key))
				check(p.name, p.id == screenLibrary || p.id == screenProgress)
			}
		})
	}
}

// longStory is a story with a long note for every part.
func longStory() practice.Story {
	note := strings.Repeat("A few words more than a cue card should hold, ", 4)
	return practice.Story{Title: "The migration that slipped", Situation: note, Task: note, Action: note, Result: note, Lesson: note}
}

// TestCueCardKeepsStartInView: a cue card with five long notes leaves
// Start on screen at 800x600 and 960x640, and while answering the card
// shows the part being tagged.
func TestCueCardKeepsStartInView(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 960, Height: 640}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			h := newHarness(t, timer.Config{Think: 5 * time.Second, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
			st, err := h.lib.SaveStory(longStory())
			if err != nil {
				t.Fatal(err)
			}
			h.c.win.Resize(size)
			h.c.practiseStory(st.ID)
			widgets.Relayout(h.c.win.Content())
			if !h.c.cueShown {
				t.Fatal("the cue card is not shown")
			}
			if bad := h.offScreen(true); len(bad) > 0 {
				t.Errorf("question with the cue card: buttons out of view: %v", bad)
			}
			h.space()
			h.space()
			h.feed(5)
			for _, r := range "stl" {
				h.advance(time.Second)
				h.char(r)
				k, _ := practice.KindForKey(string(r))
				row := h.c.cue.Row(k)
				if row == nil {
					t.Fatalf("no cue row for the %s", k)
				}
				if !h.inView(row) {
					t.Errorf("after %c the cue card's %s row is out of view", r, k)
				}
			}
		})
	}
}

// inView tells whether o lies wholly inside the visible part of every
// scroll holding it and inside the window.
func (h *harness) inView(o fyne.CanvasObject) bool { return uitest.InView(h.c.win, o) }

// TestSelectingKeepsLayout: selecting a band, and dropping the selection,
// changes the status line's words but not the timeline's place or size.
func TestSelectingKeepsLayout(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 960, Height: 640}, {Width: 1920, Height: 1080}} {
		h := newHarness(t, timer.DefaultConfig())
		h.c.win.Resize(size)
		h.tagged(60, practice.Part{Kind: practice.Task, Start: 1, End: 4})
		h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
		widgets.Relayout(h.c.win.Content())
		pos, sz := h.wave().Position(), h.wave().Size()
		h.tapBand(0)
		if p, s := h.wave().Position(), h.wave().Size(); p != pos || s != sz {
			t.Errorf("%v: selecting a band moved the timeline from %v %v to %v %v", size, pos, sz, p, s)
		}
		h.key(fyne.KeyEscape)
		if p, s := h.wave().Position(), h.wave().Size(); p != pos || s != sz {
			t.Errorf("%v: Escape moved the timeline from %v %v to %v %v", size, pos, sz, p, s)
		}
	}
}
