// Package questions is the Questions screen: the built-in questions and
// the user's own, each turned on or off, added, edited, imported and
// exported. It reaches the window only through Handlers and never imports
// ui or another screen package. Everything runs on the Fyne goroutine.
package questions

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/widgets"
)

// maxImportSize is the largest question file the bank imports.
const maxImportSize = 1 << 20

// maxImportLines is how many bad lines an import error lists.
const maxImportLines = 8

// Handlers are what the question bank manager asks of the window.
type Handlers struct {
	// Back leaves the manager.
	Back func()
	// Changed runs after each change is saved, with the questions now
	// turned on, for the shuffle bag.
	Changed func(enabled []practice.Question)
	// Nav takes the window's screen shortcuts (Ctrl+1 to Ctrl+6) that a
	// text field received; it reports whether s was one. May be nil.
	Nav func(s fyne.Shortcut) bool
}

// View lists every question, built-in and the user's own,
// each with a box to turn it on or off. The user adds and edits their own
// questions, and imports and exports lists of them. Each change is saved
// at once.
type View struct {
	widgets.ScreenBase

	lib     *practice.Library
	builtin []practice.Question
	win     fyne.Window
	h       Handlers

	bank    practice.QuestionBank
	readErr error // Bank failed: nothing may be changed
	all     []practice.Question
	off     map[string]bool
	sel     int    // the selected row, -1 for none
	editing string // the ID of the question being edited, "" when adding

	keys    widgets.Keys
	entry   *widgets.Entry
	entryLb *widget.Label
	add     *widgets.Button
	cancel  *widgets.Button
	list    *widgets.List
	toggle  *widgets.Button
	edit    *widgets.Button
	status  *widget.Label
	root    fyne.CanvasObject
	asking  *widgets.KeyDialog
}

// New builds the manager for the library's question bank
// over the built-in questions.
func New(lib *practice.Library, builtin []practice.Question, win fyne.Window, h Handlers) *View {
	v := &View{lib: lib, builtin: builtin, win: win, h: h, sel: -1}
	v.keys = widgets.WindowKeys(win)
	v.build()
	v.reload()
	return v
}

func (v *View) build() {
	intro := widgets.Wrapped("Tick the questions you want to be asked. Add your own, for example ones from a job advert, "+
		"or import a list: a .txt file with one question per line, or a .json file.",
		fyne.TextAlignLeading, theme.SizeNameText, false)
	v.entryLb = widget.NewLabelWithStyle("New question (Ctrl+N)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.entry = widgets.NewEntry(&widgets.Keys{Key: func(ev *fyne.KeyEvent) { v.TypedKey(ev) }, Shortcut: v.TypedShortcut}, false)
	v.entry.SetPlaceHolder("Type a question, then press Enter")
	v.entry.OnSubmitted = func(string) { v.submit() }
	v.add = widgets.NewButton(&v.keys, "Add (Enter)", widget.HighImportance, v.submit)
	v.cancel = widgets.NewButton(&v.keys, "Cancel (Esc)", widget.MediumImportance, v.cancelEdit)
	v.cancel.Hide()
	entryRow := container.NewBorder(nil, nil, nil, container.NewHBox(v.cancel, v.add), v.entry)

	v.list = widgets.NewList(&v.keys, true,
		func() int { return len(v.all) },
		func() fyne.CanvasObject {
			check := widget.NewCheck("", nil)
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			mark := widget.NewLabel("built-in") // the longer marker sets the width
			mark.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, check, mark, text)
		},
		v.updateRow)
	v.list.OnSelect = func(i widget.ListItemID) { v.selectRow(i) }

	v.toggle = widgets.NewButton(&v.keys, "Turn off (Ctrl+T)", widget.MediumImportance, v.toggleSelected)
	v.edit = widgets.NewButton(&v.keys, "Edit (Ctrl+E)", widget.MediumImportance, v.editSelected)
	importBtn := widgets.NewButton(&v.keys, "Import… (Ctrl+O)", widget.MediumImportance, v.importFile)
	exportBtn := widgets.NewButton(&v.keys, "Export… (Ctrl+Shift+S)", widget.MediumImportance, v.exportFile)
	back := widgets.NewButton(&v.keys, "Back (Esc)", widget.MediumImportance, v.back)
	v.status = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.status.Hide()

	top := container.NewVBox(intro, v.entryLb, entryRow)
	bottom := container.NewVBox(
		container.NewHBox(v.toggle, v.edit, layout.NewSpacer(), importBtn, exportBtn),
		widgets.Wrapped("Ctrl+Up / Ctrl+Down: previous or next question", fyne.TextAlignLeading, theme.SizeNameCaptionText, false),
		v.status,
		container.NewHBox(back))
	v.root = container.NewBorder(top, bottom, nil, nil, v.list)
}

// Content is the manager's canvas object, to place on the window.
func (v *View) Content() fyne.CanvasObject { return v.root }

// Focus puts the keyboard focus in the new question entry, once the view
// is on the window.
func (v *View) Focus() { v.win.Canvas().Focus(v.entry) }

// reload reads the bank and shows it.
func (v *View) reload() {
	v.bank, v.readErr = v.lib.Bank()
	if v.readErr != nil {
		v.bank = practice.QuestionBank{}
		v.setStatus("Your question list could not be read, so the built-in questions are used and nothing can be changed here. " +
			widgets.UserError(v.readErr) + " Then come back.")
	}
	v.show()
}

// show lists the bank as it is now.
func (v *View) show() {
	v.all = v.bank.All(v.builtin)
	v.off = map[string]bool{}
	for _, id := range v.bank.Disabled {
		v.off[id] = true
	}
	if v.sel >= len(v.all) {
		v.sel = len(v.all) - 1
	}
	v.list.Refresh()
	v.showSelected()
}

func (v *View) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	q := v.all[i]
	// NewBorder puts the centre first, then the sides.
	text := row.Objects[0].(*widget.Label)
	check := row.Objects[1].(*widget.Check)
	mark := row.Objects[2].(*widget.Label)
	check.OnChanged = nil // setting the tick is not a change by the user
	check.SetChecked(!v.off[q.ID])
	check.OnChanged = func(on bool) { v.setOn(q.ID, on) }
	text.SetText(q.Text)
	if v.bank.IsCustom(q.ID) {
		mark.SetText("yours")
	} else {
		mark.SetText("built-in")
	}
}

// selectRow makes row i the one the buttons and keys act on.
func (v *View) selectRow(i int) {
	v.sel = i
	v.showSelected()
}

// showSelected updates the buttons for the selected question.
func (v *View) showSelected() {
	ok := v.sel >= 0 && v.sel < len(v.all)
	widgets.SetEnabled(v.toggle, ok && v.readErr == nil)
	widgets.SetEnabled(v.edit, ok && v.readErr == nil && v.bank.IsCustom(v.all[v.sel].ID))
	if ok && v.off[v.all[v.sel].ID] {
		v.toggle.SetText("Turn on (Ctrl+T)")
	} else {
		v.toggle.SetText("Turn off (Ctrl+T)")
	}
}

// step selects the previous (dir -1) or next (dir 1) question.
func (v *View) step(dir int) {
	if len(v.all) == 0 {
		return
	}
	i := v.sel + dir
	if v.sel < 0 {
		i = 0
	}
	i = min(max(i, 0), len(v.all)-1)
	v.list.Select(i)
	v.list.ScrollTo(i)
}

func (v *View) setStatus(text string) {
	v.status.SetText(text)
	v.status.Hidden = text == ""
	v.status.Refresh()
}

// commit saves b as the bank and, once saved, shows it, says done and
// reports the questions turned on. On failure nothing changes and the
// error says why.
func (v *View) commit(b practice.QuestionBank, done string) error {
	if v.readErr != nil {
		return errors.New("nothing can be changed while your question list cannot be read; move or repair questions.json in the library folder first")
	}
	if err := v.lib.SaveBank(b); err != nil {
		return err
	}
	v.bank = b
	v.show()
	v.setStatus(done)
	if v.h.Changed != nil {
		v.h.Changed(b.Enabled(v.builtin))
	}
	return nil
}

// failed says that a change was not made, and why.
func (v *View) failed(err error) {
	v.setStatus("The change was not saved. " + widgets.UserError(err) + " Your list is as it was.")
}

// clone copies the bank, so a change that fails leaves the shown one as
// it was.
func (v *View) clone() practice.QuestionBank {
	return practice.QuestionBank{
		Custom:   append([]practice.Question(nil), v.bank.Custom...),
		Disabled: append([]string(nil), v.bank.Disabled...),
	}
}

// setOn turns question id on or off, keeping at least one on.
func (v *View) setOn(id string, on bool) {
	if !on && !v.off[id] && len(v.bank.Enabled(v.builtin)) <= 1 {
		v.setStatus("At least one question has to stay on, so there is always something to practise. Turn another one on first.")
		v.list.Refresh() // puts the tick back
		return
	}
	b := v.clone()
	b.SetEnabled(id, on)
	done := "Turned off “" + v.text(id) + "”: you will not be asked it."
	if on {
		done = "Turned on: “" + v.text(id) + "” is back in the mix."
	}
	if err := v.commit(b, done); err != nil {
		v.failed(err)
		v.list.Refresh() // puts the tick back
	}
}

func (v *View) text(id string) string {
	for _, q := range v.all {
		if q.ID == id {
			return q.Text
		}
	}
	return id
}

func (v *View) toggleSelected() {
	if v.sel < 0 || v.sel >= len(v.all) {
		v.setStatus("Select a question first (Ctrl+Up / Ctrl+Down, or click it).")
		return
	}
	id := v.all[v.sel].ID
	v.setOn(id, v.off[id])
}

// submit adds the question typed, or saves the one being edited.
func (v *View) submit() {
	text := strings.TrimSpace(v.entry.Text)
	if text == "" {
		v.setStatus("Type the question first, then press Enter.")
		v.win.Canvas().Focus(v.entry)
		return
	}
	b := v.clone()
	if v.editing != "" {
		if err := b.Edit(v.editing, text); err != nil {
			v.setStatus(widgets.UserError(err) + " Change the text and press Enter again, or Esc to cancel.")
			return
		}
		if err := v.commit(b, "Saved your change."); err != nil {
			v.failed(err)
			return
		}
		v.endEdit()
		return
	}
	q, err := b.Add(text, v.builtin)
	if err != nil {
		v.setStatus(widgets.UserError(err) + " Change the text and press Enter again.")
		return
	}
	// The quoted question ends in its own full stop or question mark,
	// so the sentence does not end on the quote.
	if err := v.commit(b, "Added “"+q.Text+"” to your questions."); err != nil {
		v.failed(err)
		return
	}
	v.entry.SetText("")
	// The status line just took some of the list's height: lay out first,
	// then scroll, or the new last row ends up under the status.
	widgets.Relayout(v.win.Content())
	for i, x := range v.all {
		if x.ID == q.ID {
			v.list.Select(i)
			v.list.ScrollTo(i)
		}
	}
}

// editSelected puts the selected question, if it is one of the user's own,
// in the entry to edit.
func (v *View) editSelected() {
	if v.sel < 0 || v.sel >= len(v.all) {
		v.setStatus("Select one of your own questions first (Ctrl+Up / Ctrl+Down, or click it).")
		return
	}
	q := v.all[v.sel]
	if !v.bank.IsCustom(q.ID) {
		v.setStatus("Built-in questions cannot be edited, but you can turn one off and add your own wording.")
		return
	}
	v.editing = q.ID
	v.entryLb.SetText("Edit your question (Enter saves, Esc cancels)")
	v.add.SetText("Save (Enter)")
	v.cancel.Show()
	v.entry.SetText(q.Text)
	v.win.Canvas().Focus(v.entry)
}

// cancelEdit leaves the entry as it was before editing began.
func (v *View) cancelEdit() {
	if v.editing == "" {
		return
	}
	v.endEdit()
	v.setStatus("Nothing changed.")
}

func (v *View) endEdit() {
	v.editing = ""
	v.entryLb.SetText("New question (Ctrl+N)")
	v.add.SetText("Add (Enter)")
	v.cancel.Hide()
	v.entry.SetText("")
}

func (v *View) back() {
	if v.h.Back != nil {
		v.h.Back()
	}
}

// importData reads questions from a file's bytes (name's extension picks
// the format, .txt or .json) and adds those not in the bank yet. A file
// with a bad line changes nothing; the error names the lines.
func (v *View) importData(data []byte, name string) error {
	if v.readErr != nil {
		return errors.New("nothing can be added while your question list cannot be read; move or repair questions.json in the library folder first")
	}
	qs, err := practice.ImportQuestions(data, name)
	if err != nil {
		return err
	}
	b := v.clone()
	added, skipped, err := b.Import(qs, v.builtin)
	if err != nil {
		return err
	}
	if added == 0 {
		v.setStatus(fmt.Sprintf("All %s in %s are already in your list; nothing changed.", questionsCount(skipped), name))
		return nil
	}
	msg := fmt.Sprintf("Imported %s from %s.", questionsCount(added), name)
	if skipped > 0 {
		if skipped == 1 {
			msg += " 1 was already in your list."
		} else {
			msg += fmt.Sprintf(" %d were already in your list.", skipped)
		}
	}
	return v.commit(b, msg)
}

func questionsCount(n int) string {
	if n == 1 {
		return "1 question"
	}
	return fmt.Sprintf("%d questions", n)
}

// exportData is every question in the list in the format name's
// extension asks for: JSON for .json, plain text otherwise.
func (v *View) exportData(name string) ([]byte, error) {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return practice.ExportQuestionsJSON(v.all)
	}
	return practice.ExportQuestionsText(v.all), nil
}

// importFile asks for a question file and imports it.
func (v *View) importFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showImportError("the file", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		defer r.Close()
		name := r.URI().Name()
		data, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
		if err != nil {
			v.showImportError(name, err)
			return
		}
		if len(data) > maxImportSize {
			v.showImportError(name, fmt.Errorf("the file is larger than %d KB, too large for a question list", maxImportSize>>10))
			return
		}
		if err := v.importData(data, name); err != nil {
			v.showImportError(name, err)
		}
	}, v.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".json"}))
	d.Show()
}

// showImportError tells why a file was not imported, line by line.
func (v *View) showImportError(name string, err error) {
	lines := widgets.ErrorLines(err)
	msg := "Nothing was imported from " + name + ", and your list is unchanged."
	if len(lines) > 0 {
		shown := lines
		if len(shown) > maxImportLines {
			shown = shown[:maxImportLines]
		}
		msg += " Fix this in the file and import it again:\n\n" + strings.Join(shown, "\n")
		if n := len(lines) - len(shown); n > 0 {
			msg += fmt.Sprintf("\n… and %d more", n)
		}
	}
	v.asking = widgets.ShowKeyDialog(v.win, &v.keys, "Import", msg, []widgets.KeyChoice{
		{Label: "OK (Enter)", Keys: []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape}, Imp: widget.HighImportance},
	}, func() { v.asking = nil })
}

// exportFile asks where to save the list and writes it there.
func (v *View) exportFile() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.setStatus(fmt.Sprintf("The list could not be exported (%v). Try another folder.", err))
			return
		}
		if w == nil {
			return // cancelled
		}
		name := w.URI().Name()
		data, err := v.exportData(name)
		if err == nil {
			_, err = w.Write(data)
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			v.setStatus(fmt.Sprintf("The list could not be exported to %s (%v). Try another folder.", name, err))
			return
		}
		v.setStatus(fmt.Sprintf("Exported %s to %s.", questionsCount(len(v.all)), name))
	}, v.win)
	d.SetFileName("questions.txt")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".json"}))
	d.Show()
}

// TypedKey handles the manager's named keys: Up and Down select (when the
// list or nothing has the focus), Escape cancels an edit or goes back. It
// reports whether it used the key.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	if v.asking != nil {
		return v.asking.TypedKey(ev)
	}
	switch ev.Name {
	case fyne.KeyEscape:
		if v.editing != "" {
			v.cancelEdit()
		} else {
			v.back()
		}
	case fyne.KeyUp:
		v.step(-1)
	case fyne.KeyDown:
		v.step(1)
	default:
		return false
	}
	return true
}

// TypedRune answers a dialog on show; the manager has no letter keys of
// its own.
func (v *View) TypedRune(r rune) bool { return widgets.DialogRune(v.asking, r) }

// TypedShortcut handles Ctrl+N (new question), Ctrl+T (turn on or off),
// Ctrl+E (edit), Ctrl+O (import), Ctrl+Shift+S (export) and Ctrl+Up /
// Ctrl+Down (previous or next question); Cmd in place of Ctrl on macOS.
func (v *View) TypedShortcut(s fyne.Shortcut) bool {
	return widgets.ScreenShortcut(s, v.h.Nav, v.asking, v.shortcut)
}

// shortcut handles Ctrl+key (with Shift when shift) for TypedShortcut.
func (v *View) shortcut(key fyne.KeyName, shift bool) bool {
	switch {
	case shift && key == fyne.KeyS:
		v.exportFile()
	case shift:
		return false
	case key == fyne.KeyN:
		v.cancelEdit()
		v.win.Canvas().Focus(v.entry)
	case key == fyne.KeyT:
		v.toggleSelected()
	case key == fyne.KeyE:
		v.editSelected()
	case key == fyne.KeyO:
		v.importFile()
	case key == fyne.KeyUp:
		v.step(-1)
	case key == fyne.KeyDown:
		v.step(1)
	default:
		return false
	}
	return true
}

// Shortcuts are the manager's shortcuts, for the window to register.
func (v *View) Shortcuts() []fyne.Shortcut { return Shortcuts }

// Shortcuts are Ctrl+N, T, E, O, Up, Down and Ctrl+Shift+S.
var Shortcuts = append(widgets.CtrlShortcuts(false, fyne.KeyN, fyne.KeyT, fyne.KeyE, fyne.KeyO, fyne.KeyUp, fyne.KeyDown),
	widgets.CtrlShortcuts(true, fyne.KeyS)...)
