// Package stories is the story notebook: the user's failure stories in
// STAR form, each a title and a note per part, saved in the library and
// shown as cue cards while practising. It reaches the window only
// through Handlers and never imports ui or another screen package.
// Everything runs on the Fyne goroutine.
package stories

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/widgets"
)

// storiesIntro is the coach's note over an empty notebook.
const storiesIntro = "Write down a few real work failures you could talk about. " +
	"Then build each into a short story: what happened, what you did, how it turned out, and what you learned. " +
	"Keep each note to a few words: when you practise, the story becomes your cue card."

// storyHints are the one-line hints under each part of the editor.
var storyHints = [practice.NumKinds]string{
	"Where and when, in a sentence or two: keep the setup short",
	"What you were responsible for",
	"What you did: most of the story goes here; say “I”, not “we”",
	"How it turned out, honestly, even when it went badly",
	"What you learned and do differently now: close on it",
}

// storyRows is how many lines each part's entry shows; the Action, the
// heart of the story, gets more.
var storyRows = [practice.NumKinds]int{2, 2, 3, 2, 2}

// storyListWidth is the width of the list of stories.
const storyListWidth = 260

// maxLinkedShown is how many linked takes the editor lists.
const maxLinkedShown = 20

// Handlers are what the story notebook asks of the window.
type Handlers struct {
	// Back leaves the notebook (after any unsaved changes were saved or
	// discarded).
	Back func()
	// Practise goes to the question screen with the story chosen for
	// the cue card.
	Practise func(storyID string)
	// Nav takes the window's screen shortcuts (Ctrl+1 to Ctrl+6) that a
	// text field received; it reports whether s was one. May be nil.
	Nav func(s fyne.Shortcut) bool
}

// View is the story notebook: the stories on the left, the one
// being written on the right, as a title and five STAR notes, with the
// takes that tell it. Saving is explicit (Ctrl+S); leaving with unsaved
// changes asks first.
type View struct {
	widgets.ScreenBase

	lib *practice.Library
	win fyne.Window
	h   Handlers

	stories []practice.Story
	readErr error                      // Stories failed: nothing may be saved
	takes   map[string][]practice.Take // finished takes by story ID, newest first
	takeErr error                      // List failed
	cur     int                        // index in stories of the story in the editor; -1: a new one
	saved   practice.Story             // the editor's story as last opened or saved

	keys   widgets.Keys
	intro  *widget.Label
	list   *widgets.List
	none   *widget.Label // in place of the list when there are no stories
	title  *widgets.Entry
	notes  [practice.NumKinds]*widgets.Entry
	linked *fyne.Container
	status *widget.Label
	save   *widgets.Button
	del    *widgets.Button
	prac   *widgets.Button
	root   fyne.CanvasObject
	form   *widgets.Scroll // the title and notes

	quiet  bool               // the list selection is being set by code
	asking *widgets.KeyDialog // the question on show, nil for none
}

// New builds the notebook for the library's stories, with the
// first story open (or a new one when there are none). Keys: see
// typedKey, typedRune and typedShortcut.
func New(lib *practice.Library, win fyne.Window, h Handlers) *View {
	v := &View{lib: lib, win: win, h: h, cur: -1}
	v.keys = widgets.WindowKeys(win)
	v.build()
	v.reload()
	if len(v.stories) > 0 {
		v.open(0)
	} else {
		v.openNew()
	}
	return v
}

func (v *View) build() {
	v.intro = widgets.Wrapped(storiesIntro, fyne.TextAlignLeading, theme.SizeNameText, false)
	v.status = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.status.Hide()

	v.list = widgets.NewList(&v.keys, true,
		func() int { return len(v.stories) },
		func() fyne.CanvasObject {
			t := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			t.Truncation = fyne.TextTruncateEllipsis
			n := widget.NewLabel("")
			n.SizeName = theme.SizeNameCaptionText
			return container.NewVBox(t, n)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			s := v.stories[i]
			box.Objects[0].(*widget.Label).SetText(s.Title)
			box.Objects[1].(*widget.Label).SetText(takesCount(len(v.takes[s.ID])))
		})
	v.list.OnSelect = v.listSelected
	v.none = widgets.Wrapped("No stories yet.", fyne.TextAlignLeading, theme.SizeNameText, false)
	newBtn := widgets.NewButton(&v.keys, "New story (Ctrl+N)", widget.MediumImportance, v.newStory)
	nav := widgets.Wrapped("Ctrl+Up / Ctrl+Down: previous or next story", fyne.TextAlignLeading, theme.SizeNameCaptionText, false)
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(storyListWidth, 0))
	left := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Your stories", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), newBtn),
		nav, nil, nil,
		container.NewStack(floor, v.list, v.none))

	editor := container.NewVBox()
	entryKeys := &widgets.Keys{Key: func(ev *fyne.KeyEvent) { v.TypedKey(ev) }, Shortcut: v.TypedShortcut}
	v.title = widgets.NewEntry(entryKeys, false)
	v.title.SetPlaceHolder("A few words you will recognise, e.g. “The launch I rushed”")
	editor.Add(widget.NewLabelWithStyle("Title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	editor.Add(v.title)
	v.title.OnFocus = v.showField
	for _, k := range practice.Kinds() {
		e := widgets.NewEntry(entryKeys, true)
		e.SetMinRowsVisible(storyRows[k])
		e.OnFocus = v.showField
		v.notes[k] = e
		head := widget.NewLabelWithStyle(k.String(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		hint := widgets.Wrapped(storyHints[k], fyne.TextAlignLeading, theme.SizeNameCaptionText, false)
		editor.Add(container.NewBorder(nil, nil, head, nil, hint))
		// The wheel over a note scrolls the form, as over the rest of it.
		editor.Add(container.NewStack(e, widgets.NewWheelPass(func(ev *fyne.ScrollEvent) { v.form.Scrolled(ev) })))
	}
	v.linked = container.NewVBox()
	editor.Add(widget.NewLabelWithStyle("Takes that tell this story", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	editor.Add(v.linked)

	v.save = widgets.NewButton(&v.keys, "Save (Ctrl+S)", widget.HighImportance, func() { v.saveStory() })
	v.del = widgets.NewButton(&v.keys, "Delete… (Ctrl+D)", widget.MediumImportance, v.deleteStory)
	v.prac = widgets.NewButton(&v.keys, "Practise this story (Ctrl+P)", widget.MediumImportance, v.practise)
	back := widgets.NewButton(&v.keys, "Back (Esc)", widget.MediumImportance, v.back)
	bottom := container.NewVBox(v.status,
		container.NewHBox(back, layout.NewSpacer(), v.del, v.prac, v.save))

	// Room on the right for the scroll bar, so it never covers the entries.
	pad := theme.Padding()
	v.form = widgets.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, 3*pad), editor))
	v.root = container.NewBorder(v.intro, bottom, left, nil,
		container.New(layout.NewCustomPaddedLayout(0, 0, 2*pad, 0), v.form))
}

// showField scrolls the form so that the field e, which has just got the
// keyboard focus (by Tab), is in view.
func (v *View) showField(e *widgets.Entry) {
	if v.form == nil || v.form.Content == nil {
		return
	}
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(e).Y - drv.AbsolutePositionForObject(v.form.Content).Y
	h, view := e.Size().Height, v.form.Size().Height
	off := v.form.Offset.Y
	switch {
	case y < off:
		off = y
	case y+h > off+view:
		off = y + h - view
	default:
		return
	}
	v.form.ScrollToOffset(fyne.NewPos(0, off))
}

// Content is the notebook's canvas object, to place on the window.
func (v *View) Content() fyne.CanvasObject { return v.root }

// Focus puts the keyboard focus in the title, once the view is on the
// window.
func (v *View) Focus() { v.win.Canvas().Focus(v.title) }

// takesCount says how many takes tell a story.
func takesCount(n int) string {
	switch n {
	case 0:
		return "No takes yet"
	case 1:
		return "1 take"
	}
	return fmt.Sprintf("%d takes", n)
}

// reload reads the stories and the takes linked to them, and shows them.
func (v *View) reload() {
	v.stories, v.readErr = v.lib.Stories()
	v.takes, v.takeErr = nil, nil
	all, err := v.lib.List()
	if err != nil {
		v.takeErr = err
	}
	v.takes = map[string][]practice.Take{}
	for _, t := range all {
		if t.Status == practice.OK && t.StoryID != "" {
			v.takes[t.StoryID] = append(v.takes[t.StoryID], t)
		}
	}
	empty := len(v.stories) == 0
	v.intro.Hidden = !empty && v.readErr == nil
	if v.readErr != nil {
		v.intro.SetText("Your stories could not be read, so the notebook cannot be changed for now. " +
			widgets.UserError(v.readErr) + " Then open the notebook again.")
	}
	v.none.Hidden = !empty
	v.list.Hidden = empty
	v.list.Refresh()
}

// index is the position of the story with id in stories, -1 for none.
func (v *View) index(id string) int { return practice.StoryIndex(v.stories, id) }

// open shows story i in the editor.
func (v *View) open(i int) {
	v.cur = i
	v.load(v.stories[i])
	v.selectRow(i)
}

// openNew shows an empty story in the editor.
func (v *View) openNew() {
	v.cur = -1
	v.load(practice.Story{})
	v.selectRow(-1)
}

// load puts s in the editor as its saved state. Entries whose text is
// already s's are left alone, so saving does not move the cursor.
func (v *View) load(s practice.Story) {
	v.saved = s
	setText(v.title, s.Title)
	for _, k := range practice.Kinds() {
		setText(v.notes[k], s.Note(k))
	}
	v.showLinked()
	widgets.SetEnabled(v.del, s.ID != "")
	widgets.SetEnabled(v.prac, s.ID != "")
	widgets.SetEnabled(v.save, v.readErr == nil)
}

func setText(e *widgets.Entry, text string) {
	if e.Text != text {
		e.SetText(text)
	}
}

// showLinked lists the takes linked to the story in the editor.
func (v *View) showLinked() {
	v.linked.RemoveAll()
	add := func(text string) {
		v.linked.Add(widgets.Wrapped(text, fyne.TextAlignLeading, theme.SizeNameText, false))
	}
	switch ts := v.takes[v.saved.ID]; {
	case v.takeErr != nil:
		add(fmt.Sprintf("Your takes could not be listed (%v).", v.takeErr))
	case v.saved.ID == "" || len(ts) == 0:
		add("None yet. Pick this story on the question screen before you answer, and its takes show up here.")
	default:
		for i, t := range ts {
			if i == maxLinkedShown {
				add(fmt.Sprintf("and %d older", len(ts)-maxLinkedShown))
				break
			}
			add(takeLine(t))
		}
	}
	v.linked.Refresh()
}

// takeLine is one linked take: when it was recorded, how long it is and
// the question it answered.
func takeLine(t practice.Take) string {
	q := t.QuestionText
	if q == "" {
		q = t.QuestionID
	}
	return t.Started.Local().Format("Mon 2 Jan 2006, 15:04") + " · " + widgets.Clock(t.Duration) + " · " + q
}

// edited is the story as the editor shows it now.
func (v *View) edited() practice.Story {
	s := v.saved
	s.Title = v.title.Text
	for _, k := range practice.Kinds() {
		s.SetNote(k, v.notes[k].Text)
	}
	return s
}

// Dirty reports whether the editor holds changes not saved.
func (v *View) Dirty() bool {
	e := v.edited()
	if e.Title != v.saved.Title {
		return true
	}
	for _, k := range practice.Kinds() {
		if e.Note(k) != v.saved.Note(k) {
			return true
		}
	}
	return false
}

// setStatus shows what the last action did, or why it was not done.
func (v *View) setStatus(text string) {
	v.status.SetText(text)
	v.status.Hidden = text == ""
	v.status.Refresh()
}

// saveStory saves the editor's story and reports whether it was saved.
func (v *View) saveStory() bool {
	if v.readErr != nil {
		v.setStatus("Nothing can be saved while your stories cannot be read. Copy your text somewhere safe for now.")
		return false
	}
	s := v.edited()
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" {
		v.setStatus("Give the story a short title first, so you can find it again.")
		v.win.Canvas().Focus(v.title)
		return false
	}
	saved, err := v.lib.SaveStory(s)
	if err != nil {
		v.setStatus("The story could not be saved. " + widgets.UserError(err) + " Your text is still here: try again, or copy it somewhere safe.")
		return false
	}
	v.reload()
	if i := v.index(saved.ID); i >= 0 {
		v.cur = i
		v.load(v.stories[i])
		v.selectRow(i)
	}
	v.setStatus("Saved “" + saved.Title + "”.")
	return true
}

// selectRow selects row i of the list (none for -1) without asking about
// unsaved changes.
func (v *View) selectRow(i int) {
	v.quiet = true
	defer func() { v.quiet = false }()
	if i < 0 {
		v.list.UnselectAll()
		return
	}
	v.list.Select(i)
}

// listSelected runs when the user picks a story in the list.
func (v *View) listSelected(i widget.ListItemID) {
	if v.quiet || i == v.cur {
		return
	}
	v.leave(v.opener(v.stories[i].ID), func() { v.selectRow(v.cur) })
}

// opener returns a function that opens the story with id, wherever
// saving the one before has moved it in the list.
func (v *View) opener(id string) func() {
	return func() {
		if i := v.index(id); i >= 0 {
			v.open(i)
		}
	}
}

// step opens the previous (dir -1) or next (dir 1) story.
func (v *View) step(dir int) {
	if len(v.stories) == 0 {
		return
	}
	i := v.cur + dir
	if v.cur < 0 {
		i = 0
		if dir < 0 {
			i = len(v.stories) - 1
		}
	}
	if i < 0 || i >= len(v.stories) {
		return
	}
	v.leave(v.opener(v.stories[i].ID), nil)
}

func (v *View) newStory() {
	v.leave(func() {
		v.openNew()
		v.setStatus("")
		v.win.Canvas().Focus(v.title)
	}, nil)
}

func (v *View) back() {
	v.leave(func() {
		if v.h.Back != nil {
			v.h.Back()
		}
	}, nil)
}

// leave runs then once the editor's changes are saved or discarded: at
// once when there are none, else after asking. stay runs when the user
// keeps editing (may be nil).
func (v *View) leave(then, stay func()) {
	if !v.Dirty() {
		then()
		return
	}
	name := v.saved.Title
	if name == "" {
		name = strings.TrimSpace(v.title.Text)
	}
	if name == "" {
		name = "this story"
	} else {
		name = "“" + name + "”"
	}
	v.ask("Save your changes?", "You changed "+name+" since it was last saved.", []widgets.KeyChoice{
		{Label: "Keep editing (Esc)", Keys: []fyne.KeyName{fyne.KeyEscape}, Fn: stay},
		{Label: "Discard changes (D)", Runes: "dD", Fn: func() { v.load(v.saved); then() }},
		{Label: "Save (S)", Runes: "sS", Imp: widget.HighImportance, Fn: func() {
			if v.saveStory() {
				then()
			} else if stay != nil {
				stay()
			}
		}},
	})
}

// deleteStory asks, then deletes the story in the editor.
func (v *View) deleteStory() {
	s := v.saved
	if s.ID == "" {
		v.setStatus("This story is not saved yet, so there is nothing to delete. New story (Ctrl+N) clears the editor.")
		return
	}
	msg := "Its notes are deleted for good."
	if n := len(v.takes[s.ID]); n > 0 {
		if n == 1 {
			msg += " Its 1 take stays in your library, no longer linked to a story."
		} else {
			msg += fmt.Sprintf(" Its %d takes stay in your library, no longer linked to a story.", n)
		}
	}
	v.ask("Delete “"+s.Title+"”?", msg, []widgets.KeyChoice{
		{Label: "Keep it (Esc)", Keys: []fyne.KeyName{fyne.KeyEscape}},
		{Label: "Delete (D)", Runes: "dD", Imp: widget.DangerImportance, Fn: func() {
			if err := v.lib.DeleteStory(s.ID); err != nil {
				v.setStatus("The story could not be deleted. " + widgets.UserError(err) + " It is unchanged; try again.")
				return
			}
			at := v.cur
			v.reload()
			switch {
			case len(v.stories) == 0:
				v.openNew()
			default:
				v.open(min(max(at, 0), len(v.stories)-1))
			}
			v.setStatus("Deleted “" + s.Title + "”.")
		}},
	})
}

// practise goes to the question screen with the story in the editor,
// saving or discarding changes first.
func (v *View) practise() {
	if v.saved.ID == "" && !v.Dirty() {
		v.setStatus("Write the story and save it first; then you can practise telling it.")
		return
	}
	v.leave(func() {
		if v.saved.ID == "" {
			return // a new story whose changes were discarded
		}
		if v.h.Practise != nil {
			v.h.Practise(v.saved.ID)
		}
	}, nil)
}

// TypedKey handles the named keys of the notebook: Escape answers "keep
// editing" to a question on show, or goes back. It reports whether it
// used the key.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	if v.asking != nil {
		return v.asking.TypedKey(ev)
	}
	if ev.Name == fyne.KeyEscape {
		v.back()
		return true
	}
	return false
}

// TypedRune handles the letters that answer a question on show (S, D).
// Without one, it uses no letter: they belong to the text being written.
func (v *View) TypedRune(r rune) bool { return widgets.DialogRune(v.asking, r) }

// TypedShortcut handles Ctrl+S (save), Ctrl+N (new), Ctrl+D (delete),
// Ctrl+P (practise) and Ctrl+Up / Ctrl+Down (previous or next story), Cmd
// in place of Ctrl on macOS. It reports whether it used the shortcut.
func (v *View) TypedShortcut(s fyne.Shortcut) bool {
	return widgets.ScreenShortcut(s, v.h.Nav, v.asking, v.shortcut)
}

// shortcut handles Ctrl+key for TypedShortcut; the notebook has no
// Ctrl+Shift shortcuts.
func (v *View) shortcut(key fyne.KeyName, shift bool) bool {
	if shift {
		return false
	}
	switch key {
	case fyne.KeyS:
		v.saveStory()
	case fyne.KeyN:
		v.newStory()
	case fyne.KeyD:
		v.deleteStory()
	case fyne.KeyP:
		v.practise()
	case fyne.KeyUp:
		v.step(-1)
	case fyne.KeyDown:
		v.step(1)
	default:
		return false
	}
	return true
}

// Shortcuts are the notebook's shortcuts, for the window to register.
func (v *View) Shortcuts() []fyne.Shortcut { return Shortcuts }

// Shortcuts are Ctrl+S, N, D, P, Up and Down.
var Shortcuts = widgets.CtrlShortcuts(false, fyne.KeyS, fyne.KeyN, fyne.KeyD, fyne.KeyP, fyne.KeyUp, fyne.KeyDown)

// Leave asks first when the story has unsaved changes.
func (v *View) Leave(then func()) {
	if v.Dirty() {
		v.leave(then, func() {})
		return
	}
	then()
}

// ask shows a question with a button per choice, each answered by its key
// too. Any answer closes the dialog.
func (v *View) ask(title, msg string, choices []widgets.KeyChoice) {
	v.asking = widgets.ShowKeyDialog(v.win, &v.keys, title, msg, choices, func() { v.asking = nil })
}
