package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/timer"
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
		case *keyButton:
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

// TestEveryScreenFits opens every screen at 800x600, the default 960x640
// and 1920x1080, and checks that no button is cut off by the window's
// edge, nor (on the practice screens, the library and progress) hidden in
// a scroll.
func TestEveryScreenFits(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 960, Height: 640}, {Width: 1920, Height: 1080}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			h := newHarness(t, timer.Config{Think: 5 * time.Second, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
			h.c.win.Resize(size)
			check := func(name string, inScrolls bool) {
				t.Helper()
				h.c.tick()
				relayout(h.c.win.Content())
				if got := h.c.win.Canvas().Size(); got.Width > size.Width+0.5 || got.Height > size.Height+0.5 {
					t.Errorf("%s: the window grew to %v", name, got)
				}
				if bad := h.offScreen(inScrolls); len(bad) > 0 {
					t.Errorf("%s at %v: buttons off the window: %v", name, size, bad)
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
			h.waitFor("the analysis", func() bool { return h.c.review.measure == nil })
			check("review", true)
			// A take with notes (a silent microphone, lost blocks) has a
			// taller heading; the controls stay in view all the same.
			h.c.review.notes = append(h.c.review.notes, audio.SilenceMessage("linux"), droppedNote(3))
			h.c.showReview()
			check("review with notes", true)
			for _, p := range places[1:] {
				h.shortcut(ctrl(p.key))
				check(p.label, p.to == screenLibrary || p.to == screenProgress)
			}
		})
	}
}
