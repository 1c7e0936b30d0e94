package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/practice"
	"failforward/timer"
	"failforward/ui/guide"
	"failforward/ui/internal/uitest"
)

// TestGuideGoldens shows the guide in both themes: its top, and its
// model answer with the balance.
func TestGuideGoldens(t *testing.T) {
	for _, th := range []practice.Theme{practice.ThemeLight, practice.ThemeDark} {
		t.Run(string(th), func(t *testing.T) {
			h := newHarness(t, timer.DefaultConfig())
			applyTheme(t, th)
			h.shortcut(uitest.Ctrl(fyne.Key7))
			if h.c.screen != screenGuide {
				t.Fatalf("Ctrl+7: screen = %d, want the guide", h.c.screen)
			}
			h.golden("guide_" + string(th) + ".xml")
			test.AssertRendersToImage(t, "guide_"+string(th)+".png", h.c.win.Canvas())
			for _, s := range []string{"Guide", "Why they ask", "Nobody is perfect."} {
				if !h.shows(s) {
					t.Errorf("the guide does not show %q", s)
				}
			}
			h.char('5')
			test.AssertRendersToImage(t, "guide_model_"+string(th)+".png", h.c.win.Canvas())
			for _, s := range []string{"A model answer", "Its balance", "(aim ~60%)", "Practise now (Space)"} {
				if !h.shows(s) {
					t.Errorf("the model answer does not show %q", s)
				}
			}
		})
	}
}

// TestGuideKeyboard uses the guide with keys only: G and Ctrl+7 open it,
// the arrows, Page Down, Home and End scroll, 1 to 5 jump to a section,
// Space practises and Escape goes back.
func TestGuideKeyboard(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.char('g')
	if h.c.screen != screenGuide {
		t.Fatalf("G on the question: screen = %d, want the guide", h.c.screen)
	}
	v := shown[*guide.View](h.c)
	if v.Offset() != 0 {
		t.Errorf("the guide opens scrolled to %v, want the top", v.Offset())
	}
	h.key(fyne.KeyDown)
	down := v.Offset()
	if down <= 0 {
		t.Errorf("Down: offset %v, want below the top", down)
	}
	h.key(fyne.KeyPageDown)
	if v.Offset() <= down {
		t.Errorf("Page Down: offset %v, want more than %v", v.Offset(), down)
	}
	h.key(fyne.KeyEnd)
	end := v.Offset()
	if _, want, _ := v.SectionY(guide.Why); end != want || end <= 0 {
		t.Errorf("End: offset %v, want %v", end, want)
	}
	h.key(fyne.KeyUp)
	if v.Offset() >= end {
		t.Errorf("Up at the end: offset %v, want less than %v", v.Offset(), end)
	}
	h.key(fyne.KeyHome)
	if v.Offset() != 0 {
		t.Errorf("Home: offset %v, want 0", v.Offset())
	}
	for i, s := range guide.Sections() {
		h.char(rune('1' + i))
		y, _, _ := v.SectionY(s)
		if want := min(y, end); v.Offset() != want {
			t.Errorf("%d: offset %v, want %v (%s)", i+1, v.Offset(), want, s)
		}
	}
	h.key(fyne.KeyEscape)
	if h.c.screen != screenQuestion {
		t.Fatalf("Escape on the guide: screen = %d, want the question", h.c.screen)
	}
	h.shortcut(uitest.Ctrl(fyne.Key7))
	if h.c.screen != screenGuide {
		t.Fatalf("Ctrl+7: screen = %d, want the guide", h.c.screen)
	}
	// Space practises with a button focused, as everywhere.
	h.c.win.Canvas().FocusNext()
	if h.c.win.Canvas().Focused() == nil {
		t.Fatal("Tab focused nothing on the guide")
	}
	h.c.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if h.c.screen != screenQuestion {
		t.Fatalf("Space on the guide: screen = %d, want the question", h.c.screen)
	}
	if h.c.asking() || h.c.recording() {
		t.Error("Space on the guide started a take; it should only go to the question")
	}
}

// TestGuideChecklistLinks: every item of the self-review checklist has a
// link, and each lands on an existing section of the guide, with that
// section's heading at the top (or the guide scrolled to its end).
func TestGuideChecklistLinks(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	checks := practice.Checks()
	for i, k := range checks {
		if i > 0 {
			h.shortcut(uitest.Ctrl(fyne.Key1))
		}
		h.recordTake()
		h.char('v')
		links := h.c.rv.Checklist().Links()
		if len(links) != len(checks) {
			t.Fatalf("the checklist has %d links, want one per check (%d)", len(links), len(checks))
		}
		test.Tap(links[i])
		if h.c.screen != screenGuide {
			t.Fatalf("link of %q: screen = %d, want the guide", k.Label(), h.c.screen)
		}
		v := shown[*guide.View](h.c)
		y, end, ok := v.SectionY(guide.CheckSection(k))
		if !ok {
			t.Fatalf("link of %q goes to section %q, which the guide does not have", k.Label(), guide.CheckSection(k))
		}
		if want := min(y, end); v.Offset() != want {
			t.Errorf("link of %q: guide at %v, want %v (section %q)", k.Label(), v.Offset(), want, guide.CheckSection(k))
		}
		// Escape goes back to the take reviewed.
		id := h.c.rv.Take().ID
		h.key(fyne.KeyEscape)
		if h.c.screen != screenReview || h.c.rv.Take().ID != id {
			t.Fatalf("Escape on the guide opened from a review: screen %d, take %q; want the review of %q", h.c.screen, h.c.rv.Take().ID, id)
		}
	}
}
