package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// NewMessageWindow returns a small window that says one thing and offers to
// close: used when the practice window cannot open, for example because the
// library is already open in another Fail Forward window. Closing it quits.
func NewMessageWindow(a fyne.App, title, message string) fyne.Window {
	w := a.NewWindow("Fail Forward")
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(message)
	body.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Close", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(head, container.NewHBox(layout.NewSpacer(), quit), nil, nil, body)))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape || e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
			a.Quit()
		}
	})
	w.Resize(fyne.NewSize(520, 200))
	return w
}
