package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyButton is a button that keeps the window's keyboard shortcuts working
// while it has keyboard focus (after Tab). Fyne delivers keys to the
// focused widget instead of the canvas: Return activates the button
// itself, every other key goes on to the window's handlers, Space too, so
// Space does the screen's main action whatever button has the focus. In a
// dialog (space set) Space activates the button, as Return does.
type keyButton struct {
	widget.Button

	keys    *keys
	space   bool // Space activates the button (dialogs) instead of going on
	focused bool // has the keyboard focus: the ring shows
}

// CreateRenderer draws the button with a focus ring.
func (b *keyButton) CreateRenderer() fyne.WidgetRenderer {
	return &ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), ring: newFocusRing(),
		th: b.Theme, focused: func() bool { return b.focused }}
}

// FocusGained shows the focus ring.
func (b *keyButton) FocusGained() {
	b.focused = true
	b.Button.FocusGained()
}

// FocusLost hides the focus ring.
func (b *keyButton) FocusLost() {
	b.focused = false
	b.Button.FocusLost()
}

func newKeyButton(k *keys, label string, imp widget.Importance, tapped func()) *keyButton {
	b := &keyButton{keys: k}
	b.Text = label
	b.Importance = imp
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey activates the button on Return (and Space in a dialog) and
// forwards the rest.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || (b.space && ev.Name == fyne.KeySpace):
		b.Tapped(nil)
	default:
		if b.keys != nil && b.keys.key != nil {
			b.keys.key(ev)
		}
	}
}

// TypedRune forwards shortcut characters to the window.
func (b *keyButton) TypedRune(r rune) {
	if b.keys != nil && b.keys.char != nil {
		b.keys.char(r)
	}
}

// keys holds the window-level key handlers that focused widgets forward to.
type keys struct {
	key  func(*fyne.KeyEvent)
	char func(rune)
}

// keySelect is a drop-down list that, like keyButton, keeps the window's
// keys working after it was clicked (which gives it the keyboard focus):
// Up and Down open its list, every other key goes to the window, so Space
// still plays and pauses.
type keySelect struct {
	widget.Select

	keys    *keys
	focused bool // has the keyboard focus: the ring shows
}

// CreateRenderer draws the list with a focus ring.
func (s *keySelect) CreateRenderer() fyne.WidgetRenderer {
	return &ringRenderer{WidgetRenderer: s.Select.CreateRenderer(), ring: newFocusRing(),
		th: s.Theme, focused: func() bool { return s.focused }}
}

// FocusGained shows the focus ring.
func (s *keySelect) FocusGained() {
	s.focused = true
	s.Select.FocusGained()
}

// FocusLost hides the focus ring.
func (s *keySelect) FocusLost() {
	s.focused = false
	s.Select.FocusLost()
}

func newKeySelect(k *keys, options []string, changed func(string)) *keySelect {
	s := &keySelect{keys: k}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// reset gives the list new options with chosen selected, without calling
// the old OnChanged, and then makes changed its OnChanged.
func (s *keySelect) reset(options []string, chosen string, changed func(string)) {
	s.OnChanged = nil
	s.Options = options
	s.SetSelected(chosen)
	s.OnChanged = changed
}

// TypedKey opens the list on Up and Down and forwards the rest.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown:
		s.Select.TypedKey(ev)
	default:
		if s.keys != nil && s.keys.key != nil {
			s.keys.key(ev)
		}
	}
}

// TypedRune forwards shortcut characters to the window.
func (s *keySelect) TypedRune(r rune) {
	if s.keys != nil && s.keys.char != nil {
		s.keys.char(r)
	}
}

// keyCheck is a check box that, like keyButton, passes every key but
// Space on to the window.
type keyCheck struct {
	widget.Check

	keys    *keys
	focused bool // has the keyboard focus: the ring shows
}

// CreateRenderer draws the box with a focus ring.
func (c *keyCheck) CreateRenderer() fyne.WidgetRenderer {
	return &ringRenderer{WidgetRenderer: c.Check.CreateRenderer(), ring: newFocusRing(),
		th: c.Theme, focused: func() bool { return c.focused }}
}

// FocusGained shows the focus ring.
func (c *keyCheck) FocusGained() {
	c.focused = true
	c.Check.FocusGained()
}

// FocusLost hides the focus ring.
func (c *keyCheck) FocusLost() {
	c.focused = false
	c.Check.FocusLost()
}

func newKeyCheck(k *keys, label string) *keyCheck {
	c := &keyCheck{keys: k}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey forwards the key to the window; Space arrives as a character
// too, and toggles the box there.
func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		return
	}
	if c.keys != nil && c.keys.key != nil {
		c.keys.key(ev)
	}
}

// TypedRune toggles on Space and forwards other characters.
func (c *keyCheck) TypedRune(r rune) {
	if r == ' ' {
		c.Check.TypedRune(r)
		return
	}
	if c.keys != nil && c.keys.char != nil {
		c.keys.char(r)
	}
}
