package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// got records what reached a Keys.
type got struct {
	keys      []fyne.KeyName
	runes     []rune
	shortcuts int
}

func (g *got) handlers(useShortcut bool) *Keys {
	return &Keys{
		Key:  func(ev *fyne.KeyEvent) { g.keys = append(g.keys, ev.Name) },
		Rune: func(r rune) { g.runes = append(g.runes, r) },
		Shortcut: func(fyne.Shortcut) bool {
			g.shortcuts++
			return useShortcut
		},
	}
}

// TestWrappersForward: every wrapper keeps its own keys and passes the
// rest to its Keys, the same way.
func TestWrappersForward(t *testing.T) {
	test.NewTempApp(t)
	key := func(n fyne.KeyName) *fyne.KeyEvent { return &fyne.KeyEvent{Name: n} }

	var g got
	tapped := 0
	b := NewButton(g.handlers(false), "OK", widget.MediumImportance, func() { tapped++ })
	b.TypedKey(key(fyne.KeyReturn))
	b.TypedKey(key(fyne.KeySpace))
	b.TypedKey(key(fyne.KeyEscape))
	b.TypedRune('n')
	if tapped != 1 || len(g.keys) != 2 || g.keys[0] != fyne.KeySpace || string(g.runes) != "n" {
		t.Errorf("button: tapped %d, forwarded keys %v runes %q; want 1 tap, [Space Escape], \"n\"", tapped, g.keys, string(g.runes))
	}
	b.Space = true
	b.TypedKey(key(fyne.KeySpace))
	if tapped != 2 {
		t.Errorf("dialog button: Space tapped %d times in all, want 2", tapped)
	}

	g = got{}
	c := NewCheck(g.handlers(false), "Lesson")
	c.TypedKey(key(fyne.KeySpace))
	c.TypedRune(' ')
	c.TypedKey(key(fyne.KeyDown))
	c.TypedRune('x')
	if !c.Checked || len(g.keys) != 1 || string(g.runes) != "x" {
		t.Errorf("check: checked %v, forwarded %v %q; want checked, [Down], \"x\"", c.Checked, g.keys, string(g.runes))
	}

	g = got{}
	l := NewList(g.handlers(false), true, func() int { return 3 },
		func() fyne.CanvasObject { return widget.NewLabel("") }, func(widget.ListItemID, fyne.CanvasObject) {})
	test.NewTempWindow(t, l)
	l.TypedKey(key(fyne.KeyDown))
	l.TypedKey(key(fyne.KeySpace))
	l.TypedKey(key(fyne.KeyEscape))
	if l.Selected() < 0 || len(g.keys) != 1 || g.keys[0] != fyne.KeyEscape {
		t.Errorf("moving list: selected %d, forwarded %v; want a row selected (Down, Space), [Escape]", l.Selected(), g.keys)
	}
	l.Moves = false
	l.TypedKey(key(fyne.KeyDown))
	if len(g.keys) != 2 || g.keys[1] != fyne.KeyDown {
		t.Errorf("list without Moves: forwarded %v, want Down passed on", g.keys)
	}

	g = got{}
	e := NewEntry(g.handlers(true), false)
	e.Pass = []fyne.KeyName{fyne.KeyF1}
	test.Type(e, "ab")
	e.TypedKey(key(fyne.KeyEscape))
	e.TypedKey(key(fyne.KeyF1))
	e.TypedKey(key(fyne.KeyBackspace))
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.Text != "a" || len(g.keys) != 2 || g.shortcuts != 1 {
		t.Errorf("entry: text %q, forwarded %v, %d shortcuts; want \"a\", [Escape F1], 1", e.Text, g.keys, g.shortcuts)
	}
}

// TestEntryTabLeaves: the driver moves the focus on Tab only when the
// focused widget does not take Tab itself; a field of several lines must
// not, or the keyboard alone could never reach the next field.
func TestEntryTabLeaves(t *testing.T) {
	e := NewEntry(nil, true)
	if e.AcceptsTab() {
		t.Error("a multi-line entry takes Tab; want Tab to move to the next field")
	}
	var plain widget.Entry
	plain.MultiLine = true
	if !plain.AcceptsTab() {
		t.Skip("Fyne's multi-line Entry no longer takes Tab; the override is not needed")
	}
}
