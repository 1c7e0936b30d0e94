package widgets

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// focus is the focus state of a control drawn with a ring.
type focus struct{ focused bool }

// HasFocus reports whether the control has the keyboard focus (and its
// ring shows).
func (f *focus) HasFocus() bool { return f.focused }

// set records whether the control has the focus, which shows or hides its
// ring, and tells w, the Fyne widget it wraps. The wrappers still name
// FocusGained and FocusLost themselves: Go will not choose between two
// embedded types' methods of the same name, so each is one call here.
func (f *focus) set(w fyne.Focusable, focused bool) {
	f.focused = focused
	if focused {
		w.FocusGained()
	} else {
		w.FocusLost()
	}
}

// Button is a button that keeps the window's keyboard shortcuts working
// while it has keyboard focus (after Tab): Return activates the button
// itself, every other key goes on to Keys, Space too, so Space does the
// screen's main action whatever button has the focus. With Space set (in
// a dialog) Space activates the button, as Return does.
type Button struct {
	widget.Button
	focus

	Keys  *Keys
	Space bool // Space activates the button (dialogs) instead of going on
}

// NewButton returns a button labelled label that runs tapped.
func NewButton(k *Keys, label string, imp widget.Importance, tapped func()) *Button {
	b := &Button{Keys: k}
	b.Text = label
	b.Importance = imp
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the button with a focus ring.
func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	return NewRingRenderer(b.Button.CreateRenderer(), b.Theme, b.HasFocus)
}

// FocusGained shows the focus ring.
func (b *Button) FocusGained() { b.set(&b.Button, true) }

// FocusLost hides the focus ring.
func (b *Button) FocusLost() { b.set(&b.Button, false) }

// TypedKey activates the button on Return (and Space in a dialog) and
// forwards the rest.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter || (b.Space && ev.Name == fyne.KeySpace) {
		b.Tapped(nil)
		return
	}
	b.Keys.TypedKey(ev)
}

// TypedRune forwards characters to Keys.
func (b *Button) TypedRune(r rune) { b.Keys.TypedRune(r) }

// Select is a drop-down list that keeps the window's keys working after
// it was clicked (which gives it the keyboard focus): Up and Down open
// its list, every other key goes to Keys, so Space still plays and
// pauses.
type Select struct {
	widget.Select
	focus

	Keys *Keys
}

// NewSelect returns a list of options that calls changed on a choice.
func NewSelect(k *Keys, options []string, changed func(string)) *Select {
	s := &Select{Keys: k}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer draws the list with a focus ring.
func (s *Select) CreateRenderer() fyne.WidgetRenderer {
	return NewRingRenderer(s.Select.CreateRenderer(), s.Theme, s.HasFocus)
}

// FocusGained shows the focus ring.
func (s *Select) FocusGained() { s.set(&s.Select, true) }

// FocusLost hides the focus ring.
func (s *Select) FocusLost() { s.set(&s.Select, false) }

// Reset gives the list new options with chosen selected, without calling
// the old OnChanged, and then makes changed its OnChanged.
func (s *Select) Reset(options []string, chosen string, changed func(string)) {
	s.OnChanged = nil
	s.Options = options
	s.SetSelected(chosen)
	s.OnChanged = changed
}

// TypedKey opens the list on Up and Down and forwards the rest.
func (s *Select) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown:
		s.Select.TypedKey(ev)
	default:
		s.Keys.TypedKey(ev)
	}
}

// TypedRune forwards characters to Keys.
func (s *Select) TypedRune(r rune) { s.Keys.TypedRune(r) }

// Check is a check box that passes every key but Space on to Keys.
type Check struct {
	widget.Check
	focus

	Keys *Keys
}

// NewCheck returns a check box labelled label.
func NewCheck(k *Keys, label string) *Check {
	c := &Check{Keys: k}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the box with a focus ring.
func (c *Check) CreateRenderer() fyne.WidgetRenderer {
	return NewRingRenderer(c.Check.CreateRenderer(), c.Theme, c.HasFocus)
}

// FocusGained shows the focus ring.
func (c *Check) FocusGained() { c.set(&c.Check, true) }

// FocusLost hides the focus ring.
func (c *Check) FocusLost() { c.set(&c.Check, false) }

// TypedKey forwards the key; Space arrives as a character too, and
// toggles the box there.
func (c *Check) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		return
	}
	c.Keys.TypedKey(ev)
}

// TypedRune toggles on Space and forwards other characters.
func (c *Check) TypedRune(r rune) {
	if r == ' ' {
		c.Check.TypedRune(r)
		return
	}
	c.Keys.TypedRune(r)
}

// List is a list that keeps the window's keys working once it has the
// focus. With Moves set, Up, Down and Space move and select in the list;
// every other key (all of them without Moves) goes to Keys. It remembers
// its selection (widget.List keeps it private): set OnSelect, not
// OnSelected.
type List struct {
	widget.List

	Keys     *Keys
	Moves    bool
	OnSelect func(widget.ListItemID) // may be nil

	selected int // the selected row, -1 for none
}

// NewList returns a list of length() rows made by create and filled by
// update.
func NewList(k *Keys, moves bool, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *List {
	l := &List{Keys: k, Moves: moves, selected: -1}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.OnSelected = func(id widget.ListItemID) {
		l.selected = id
		if l.OnSelect != nil {
			l.OnSelect(id)
		}
	}
	l.OnUnselected = func(id widget.ListItemID) {
		if l.selected == id {
			l.selected = -1
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// Selected is the selected row, -1 for none.
func (l *List) Selected() int { return l.selected }

// TypedKey moves in the list on Up and Down and selects on Space (with
// Moves), and forwards the rest.
func (l *List) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeySpace:
		if l.Moves {
			l.List.TypedKey(ev)
			return
		}
	}
	l.Keys.TypedKey(ev)
}

// TypedRune forwards characters to Keys.
func (l *List) TypedRune(r rune) { l.Keys.TypedRune(r) }

// Entry is a text entry that gives Keys the first say on shortcuts
// (Ctrl+S and the like) and passes Escape, and the keys in Pass, to Keys
// instead of typing them: Fyne gives them to the focused entry, which
// would drop them. Tab moves on to the next field, also in an entry of
// several lines, so the keyboard alone can go through a form.
type Entry struct {
	widget.Entry

	Keys    *Keys
	Pass    []fyne.KeyName // named keys besides Escape that go to Keys
	OnFocus func(*Entry)   // may be nil; runs when it gets the focus
}

// NewEntry returns an entry of one line, or of several (Wrapped) when
// multi is set.
func NewEntry(k *Keys, multi bool) *Entry {
	e := &Entry{Keys: k}
	e.MultiLine = multi
	if multi {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained runs OnFocus, which may bring the field into view.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocus != nil {
		e.OnFocus(e)
	}
}

// AcceptsTab is false: Tab moves on to the next field.
func (e *Entry) AcceptsTab() bool { return false }

// TypedShortcut gives Keys the first say on a shortcut.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if e.Keys.TypedShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey passes Escape and the keys in Pass to Keys and types the rest.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape || slices.Contains(e.Pass, ev.Name) {
		e.Keys.TypedKey(ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// WheelPass lies over a multi-line entry and hands the mouse wheel to the
// form around it: the entry's own scroll would otherwise take every wheel
// event over it and, with nothing to scroll, drop it. It takes nothing
// else (taps, the cursor) from the entry under it.
type WheelPass struct {
	widget.BaseWidget

	scrolled func(*fyne.ScrollEvent)
}

// NewWheelPass returns a WheelPass that hands the wheel to scrolled.
func NewWheelPass(scrolled func(*fyne.ScrollEvent)) *WheelPass {
	w := &WheelPass{scrolled: scrolled}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled passes the wheel on.
func (w *WheelPass) Scrolled(ev *fyne.ScrollEvent) { w.scrolled(ev) }

// CreateRenderer draws nothing.
func (w *WheelPass) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
