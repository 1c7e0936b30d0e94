package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// KeyChoice is one answer of a KeyDialog: its button label, the letters
// (runes) or named keys that choose it, and what it does (may be nil).
type KeyChoice struct {
	Label string
	Runes string
	Keys  []fyne.KeyName
	Imp   widget.Importance
	Fn    func()
}

// KeyDialog is a question with a few answers, each with a key shown on
// its button. The view that shows it passes keys on to it while it is
// open.
type KeyDialog struct {
	d       *dialog.CustomDialog
	choices []KeyChoice
	done    bool
}

// ShowKeyDialog shows the question; closed runs when it closes, before
// the choice's function.
func ShowKeyDialog(win fyne.Window, k *Keys, title, msg string, choices []KeyChoice, closed func()) *KeyDialog {
	kd := &KeyDialog{choices: choices}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	kd.d = dialog.NewCustomWithoutButtons(title, container.New(WrapAt{DialogTextWidth}, text), win)
	var buttons []fyne.CanvasObject
	for i := range choices {
		c := choices[i]
		b := NewButton(k, c.Label, c.Imp, func() { kd.choose(i) })
		b.Space = true
		buttons = append(buttons, b)
	}
	kd.d.SetButtons(buttons)
	kd.d.SetOnClosed(func() {
		kd.done = true
		if closed != nil {
			closed()
		}
	})
	kd.d.Show()
	return kd
}

// choose closes the dialog and runs choice i.
func (kd *KeyDialog) choose(i int) {
	if kd.done {
		return
	}
	kd.d.Hide() // runs the closed hook
	kd.done = true
	if fn := kd.choices[i].Fn; fn != nil {
		fn()
	}
}

// TypedKey chooses the answer of the key; the dialog takes every key
// while it is open, so it always reports the key used.
func (kd *KeyDialog) TypedKey(ev *fyne.KeyEvent) bool {
	for i, c := range kd.choices {
		for _, k := range c.Keys {
			if k == ev.Name {
				kd.choose(i)
				return true
			}
		}
	}
	return true // the dialog takes every key while it is open
}

// TypedRune chooses the answer of the letter; like TypedKey it takes
// every character.
func (kd *KeyDialog) TypedRune(r rune) bool {
	for i, c := range kd.choices {
		if strings.ContainsRune(c.Runes, r) {
			kd.choose(i)
			return true
		}
	}
	return true
}

// Dismiss closes the dialog without an answer: no choice runs (the closed
// hook of ShowKeyDialog does, as on every close).
func (kd *KeyDialog) Dismiss() {
	if kd.done {
		return
	}
	kd.done = true
	kd.d.Hide()
}
