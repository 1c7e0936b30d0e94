package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keys are the handlers a focused control passes on what it does not use
// itself. Fyne gives keys to the focused widget instead of the canvas, so
// without them a click on a button would silence the screen's shortcuts.
// Every wrapper in this package routes the same way: its own keys first,
// the rest to Keys. Any field may be nil, and so may a *Keys.
type Keys struct {
	// Key gets the named keys (arrows, Escape, F1...).
	Key func(*fyne.KeyEvent)
	// Rune gets the characters.
	Rune func(rune)
	// Shortcut gets the first say on a shortcut typed into an entry; it
	// reports whether it used it.
	Shortcut func(fyne.Shortcut) bool
}

// TypedKey passes ev to Key.
func (k *Keys) TypedKey(ev *fyne.KeyEvent) {
	if k != nil && k.Key != nil {
		k.Key(ev)
	}
}

// TypedRune passes r to Rune.
func (k *Keys) TypedRune(r rune) {
	if k != nil && k.Rune != nil {
		k.Rune(r)
	}
}

// TypedShortcut passes s to Shortcut and reports whether it was used.
func (k *Keys) TypedShortcut(s fyne.Shortcut) bool {
	return k != nil && k.Shortcut != nil && k.Shortcut(s)
}

// WindowKeys forwards the keys a focused control does not use to the
// window's own handlers, as the window would have had them.
func WindowKeys(win fyne.Window) Keys {
	return Keys{
		Key: func(ev *fyne.KeyEvent) {
			if f := win.Canvas().OnTypedKey(); f != nil {
				f(ev)
			}
		},
		Rune: func(r rune) {
			if f := win.Canvas().OnTypedRune(); f != nil {
				f(r)
			}
		},
	}
}

// CtrlShortcut tells the key of a Ctrl (or Cmd) shortcut and whether Shift
// was held too.
func CtrlShortcut(s fyne.Shortcut) (key fyne.KeyName, shift, ok bool) {
	cs, isCustom := s.(*desktop.CustomShortcut)
	if !isCustom {
		return "", false, false
	}
	mod := cs.Modifier &^ fyne.KeyModifierShift
	if mod != fyne.KeyModifierControl && mod != fyne.KeyModifierSuper {
		return "", false, false
	}
	return cs.KeyName, cs.Modifier&fyne.KeyModifierShift != 0, true
}

// ScreenShortcut is a screen's TypedShortcut when it has Ctrl (or Cmd)
// shortcuts of its own and may ask questions in a KeyDialog: nav, the
// window's navigation, comes first; then, while no dialog is on show
// (asking is nil), a Ctrl or Cmd shortcut goes to handle with its key and
// whether Shift was held. It reports whether the shortcut was used.
func ScreenShortcut(s fyne.Shortcut, nav func(fyne.Shortcut) bool, asking *KeyDialog, handle func(key fyne.KeyName, shift bool) bool) bool {
	if nav != nil && nav(s) {
		return true
	}
	key, shift, ok := CtrlShortcut(s)
	if !ok || asking != nil {
		return false
	}
	return handle(key, shift)
}

// DialogRune gives r to asking, the KeyDialog on show, and reports
// whether it used it; with none on show (nil) the screen uses no letter:
// they belong to the text being written.
func DialogRune(asking *KeyDialog, r rune) bool {
	if asking != nil {
		return asking.TypedRune(r)
	}
	return false
}

// CtrlShortcuts are Ctrl+key and Cmd+key (with Shift too when shift) for
// each key.
func CtrlShortcuts(shift bool, names ...fyne.KeyName) []fyne.Shortcut {
	var extra fyne.KeyModifier
	if shift {
		extra = fyne.KeyModifierShift
	}
	var out []fyne.Shortcut
	for _, n := range names {
		out = append(out,
			&desktop.CustomShortcut{KeyName: n, Modifier: fyne.KeyModifierControl | extra},
			&desktop.CustomShortcut{KeyName: n, Modifier: fyne.KeyModifierSuper | extra})
	}
	return out
}

// ScreenBase gives a screen the parts of the window's Screen interface
// it has nothing to do for: it takes no focus, has no shortcuts, does
// nothing on a tick, may be left at once and has nothing to close. A
// screen embeds it and defines the rest.
type ScreenBase struct{}

// Focus does nothing.
func (ScreenBase) Focus() {}

// TypedShortcut uses no shortcut.
func (ScreenBase) TypedShortcut(fyne.Shortcut) bool { return false }

// Shortcuts are none.
func (ScreenBase) Shortcuts() []fyne.Shortcut { return nil }

// Tick does nothing.
func (ScreenBase) Tick() {}

// Leave lets the screen go at once.
func (ScreenBase) Leave(then func()) { then() }

// Close does nothing.
func (ScreenBase) Close() {}
