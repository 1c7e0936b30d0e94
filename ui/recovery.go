package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/takefile"
	"failforward/practice"
	"failforward/timer"
)

// recoveryText is what the user is told about one unfinished take.
func recoveryText(u practice.UnfinishedTake) string {
	when := u.Take.Started.Local().Format("Mon 2 Jan at 15:04")
	q := u.Take.QuestionText
	if q == "" {
		q = "a practice question"
	} else {
		q = "“" + q + "”"
	}
	length := "no audio was saved"
	if u.About > 0 {
		length = "about " + timer.Format(u.About) + " of audio was saved"
	}
	return fmt.Sprintf("Fail Forward stopped while you were answering %s on %s; %s.\n\n"+
		"Recover keeps the recording (and any parts you tagged) in your library. "+
		"Discard deletes it for good.", q, when, length)
}

// offerRecovery asks, one take at a time, whether to recover or discard each
// take left unfinished by a crash. Nothing is changed without an answer:
// closing the dialog with "Decide later" leaves the take as it is, to be
// offered again at the next start. recovered runs for each take recovered.
func offerRecovery(win fyne.Window, lib *practice.Library, list []practice.UnfinishedTake, recovered func(id string)) {
	if len(list) == 0 {
		return
	}
	u, rest := list[0], list[1:]
	next := func() { offerRecovery(win, lib, rest, recovered) }
	title := "A take did not finish"
	if len(list) > 1 {
		title = fmt.Sprintf("A take did not finish (%d to look at)", len(list))
	}
	recoverIt := func() {
		_, err := lib.Recover(u.Take.ID, takefile.Repair)
		if errors.Is(err, practice.ErrNotUnfinished) {
			next() // recovered or deleted meanwhile (from the library)
			return
		}
		if err != nil {
			msg := fmt.Sprintf("The take could not be recovered (%v). It stays in your library, marked unfinished: try again or delete it there (Ctrl+2).", err)
			if errors.Is(err, practice.ErrNoAudio) {
				msg = "That take holds no audio, so there is nothing to recover. You can delete it in your library (Ctrl+2)."
			}
			d := dialog.NewInformation("Recovery", msg, win)
			d.SetOnClosed(next)
			d.Show()
			return
		}
		if recovered != nil {
			recovered(u.Take.ID)
		}
		next()
	}
	discard := func() {
		dialog.ShowConfirm("Discard this take?", "The recording and its details will be deleted. This cannot be undone.",
			func(yes bool) {
				if !yes {
					offerRecovery(win, lib, list, recovered) // ask again
					return
				}
				err := lib.Discard(u.Take.ID)
				if errors.Is(err, practice.ErrNotUnfinished) {
					next() // recovered or deleted meanwhile (from the library)
					return
				}
				if err != nil {
					d := dialog.NewInformation("Discard", fmt.Sprintf("The take could not be deleted (%v).", err), win)
					d.SetOnClosed(next)
					d.Show()
					return
				}
				next()
			}, win)
	}
	text := widget.NewLabel(recoveryText(u))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(title, text, win)
	recoverBtn := widget.NewButton("Recover", func() { d.Hide(); recoverIt() })
	recoverBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButton("Decide later", func() { d.Hide(); next() }),
		widget.NewButton("Discard…", func() { d.Hide(); discard() }),
		recoverBtn,
	})
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}
