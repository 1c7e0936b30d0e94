// Package library is the Library screen and its compare screen: every
// take, newest first, filtered by question and story, opened for review,
// recovered, deleted, or compared with the earlier take of the same
// question part by part, with A/B playback. It reaches the window only
// through Handlers and CompareHandlers and never imports ui or another
// screen package. Everything runs on the Fyne goroutine, but for the
// measuring of takes, which runs in its own goroutine per take.
package library

import (
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Handlers are what the library screen asks of the window.
type Handlers struct {
	Open    func(id string)   // open the take on the review screen
	Compare func(a, b string) // two takes of the same question: a the earlier, b the later
	Back    func()            // Esc / "Back to practice (Esc)"
	// Recover rescues a take a crash left unfinished and opens it on the
	// review screen; nil leaves unfinished takes to the start-up offer.
	Recover func(id string) error
}

// View is the library screen: every take, newest first, with its
// date, question, length against its limit, the parts tagged, the
// self-rating and the first line of its notes. Takes can be filtered by
// question and by story, opened on the review screen, compared with the
// earlier take of the same question, and deleted (after a confirmation
// naming the take). Damaged and unfinished takes are listed with their
// reason and what to do; unfinished ones can be recovered (Enter), both
// can be deleted.
//
// The list is virtualized (widget.List), so only the rows on show are
// built: a library of thousands of takes opens as fast as a small one.
//
// All methods must be called on the Fyne goroutine. It starts no
// goroutines.
type View struct {
	widgets.ScreenBase

	lib  *practice.Library
	win  fyne.Window
	h    Handlers
	keys widgets.Keys

	all     []practice.Take   // every take, newest first
	shown   []practice.Take   // those that pass the filters
	texts   map[string]string // question ID -> text, from the takes that know it
	stories []practice.Story
	titles  map[string]string // story ID -> title
	sel     int               // index in shown; -1 for none

	// The filters: question ID and story ID, "" for all. The options of
	// the drop-downs map to them.
	question, story string
	qOptions        map[string]string // option label -> question ID
	sOptions        map[string]string // option label -> story ID
	listErr         error             // the library folder could not be read
	storiesErr      error             // stories.json could not be read

	heading  *widget.Label
	qSelect  *widgets.Select
	sSelect  *widgets.Select
	list     *widgets.List
	empty    *widget.Label // in place of the list when nothing is shown
	status   *widget.Label // about the selected take, or what just happened
	open     *widgets.Button
	compare  *widgets.Button
	del      *widgets.Button
	body     fyne.CanvasObject
	confirm  *dialog.ConfirmDialog // the delete question on show, nil for none
	deleting string                // the take the confirmation is about
	note     string                // what the last action did; cleared on a move
	dateW    float32               // the width of the rows' first column
}

// New builds the library screen over lib and lists its takes.
// win hosts the delete confirmation.
func New(lib *practice.Library, win fyne.Window, h Handlers) *View {
	v := &View{lib: lib, win: win, h: h, sel: -1}
	v.keys = widgets.Keys{
		Key:  func(ev *fyne.KeyEvent) { v.TypedKey(ev) },
		Rune: func(r rune) { v.TypedRune(r) },
	}
	v.heading = widget.NewLabelWithStyle("Your takes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.qSelect = widgets.NewSelect(&v.keys, nil, nil)
	v.sSelect = widgets.NewSelect(&v.keys, nil, nil)
	v.list = widgets.NewList(&v.keys, false, func() int { return len(v.shown) }, v.newRow, v.updateRow)
	v.list.OnSelect = func(id widget.ListItemID) {
		if id != v.sel {
			v.sel = id
			v.note = ""
			v.updateActions()
		}
	}
	v.empty = widgets.Wrapped("", fyne.TextAlignCenter, theme.SizeNameText, false)
	v.status = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.open = widgets.NewButton(&v.keys, "Open (Enter)", widget.HighImportance, v.openSelected)
	v.compare = widgets.NewButton(&v.keys, "Compare with earlier take (C)", widget.MediumImportance, v.compareSelected)
	v.del = widgets.NewButton(&v.keys, "Delete (Del)", widget.MediumImportance, v.askDelete)
	v.del.Icon = theme.DeleteIcon()
	back := widgets.NewButton(&v.keys, "Back to practice (Esc)", widget.MediumImportance, v.Back)

	filters := container.NewGridWithColumns(2, v.qSelect, v.sSelect)
	top := container.NewVBox(v.heading, filters)
	actions := container.NewHBox(back, layout.NewSpacer(), v.del, v.compare, v.open)
	v.body = container.NewBorder(top, container.NewVBox(v.status, actions), nil, nil,
		container.NewStack(v.list, container.NewCenter(v.empty)))
	v.Reload()
	return v
}

// Content returns the screen's content, for the window's page.
func (v *View) Content() fyne.CanvasObject { return v.body }

// Reload lists the takes again (after a take was recorded or deleted) and
// keeps the selected take selected when it is still shown.
func (v *View) Reload() {
	keep := ""
	if v.sel >= 0 && v.sel < len(v.shown) {
		keep = v.shown[v.sel].ID
	}
	v.all, v.listErr = v.lib.List()
	v.stories, v.storiesErr = v.lib.Stories()
	v.texts = map[string]string{}
	for _, t := range v.all {
		if t.QuestionText != "" {
			if _, ok := v.texts[t.QuestionID]; !ok { // newest first: the latest wording
				v.texts[t.QuestionID] = t.QuestionText
			}
		}
	}
	v.titles = map[string]string{}
	for _, s := range v.stories {
		v.titles[s.ID] = s.Title
	}
	v.fillFilters()
	v.applyFilters(keep)
}

// fillFilters sets the drop-downs' options from the takes and stories,
// keeping the chosen filters when they still exist.
func (v *View) fillFilters() {
	qLabels, qMap := widgets.QuestionOptions(v.all, v.texts)
	v.qOptions = qMap
	if _, ok := v.texts[v.question]; !ok && !widgets.HasQuestion(v.all, v.question) {
		v.question = ""
	}
	v.qSelect.Reset(qLabels, widgets.OptionFor(qMap, v.question, widgets.AllQuestions), func(s string) {
		v.question = v.qOptions[s]
		v.note = ""
		v.applyFilters("")
	})

	sLabels, sMap := widgets.StoryOptions(v.stories)
	v.sOptions = sMap
	if _, ok := v.titles[v.story]; !ok {
		v.story = ""
	}
	v.sSelect.Reset(sLabels, widgets.OptionFor(sMap, v.story, widgets.AllStories), func(s string) {
		v.story = v.sOptions[s]
		v.note = ""
		v.applyFilters("")
	})
	if len(v.stories) == 0 {
		v.sSelect.Disable()
	} else {
		v.sSelect.Enable()
	}
}

// applyFilters shows the takes that pass the filters and selects keep (a
// take ID), or the first take when keep is not shown.
func (v *View) applyFilters(keep string) {
	v.shown = v.shown[:0]
	for _, t := range v.all {
		if v.question != "" && t.QuestionID != v.question {
			continue
		}
		if v.story != "" && t.StoryID != v.story {
			continue
		}
		v.shown = append(v.shown, t)
	}
	v.sel = -1
	if len(v.shown) > 0 {
		v.sel = 0
		for i, t := range v.shown {
			if t.ID == keep {
				v.sel = i
				break
			}
		}
	}
	v.heading.SetText(v.headingText())
	v.empty.SetText(v.emptyText())
	widgets.SetVisible(v.empty, len(v.shown) == 0)
	widgets.SetVisible(v.list, len(v.shown) > 0)
	v.list.UnselectAll()
	v.list.Refresh()
	if v.sel >= 0 {
		v.list.Select(v.sel)
		if v.list.Size().Height == 0 {
			// Not laid out yet: Select scrolled as if the list had no
			// height at all.
			v.list.ScrollToOffset(0)
		}
	}
	v.updateActions()
}

func (v *View) headingText() string {
	switch n := len(v.all); {
	case n == 0:
		return "Your takes"
	case len(v.shown) == n:
		return fmt.Sprintf("Your takes (%d)", n)
	default:
		return fmt.Sprintf("Your takes (%d of %d shown)", len(v.shown), n)
	}
}

// emptyText says why no take is shown and what to do.
func (v *View) emptyText() string {
	switch {
	case v.listErr != nil:
		return fmt.Sprintf("The library folder could not be read (%v). Check that it exists and that you may open it, then come back to this screen.", v.listErr)
	case len(v.all) == 0:
		return "No takes yet. Press Esc to go back and answer your first question — your takes appear here."
	case len(v.shown) == 0:
		return "No takes match these filters. Choose “All questions” and “All stories” to see every take."
	}
	return ""
}

// Selected returns the selected take.
func (v *View) Selected() (practice.Take, bool) {
	if v.sel < 0 || v.sel >= len(v.shown) {
		return practice.Take{}, false
	}
	return v.shown[v.sel], true
}

// earlier returns the take of the same question recorded before t that
// can be opened, the one compared with t.
func (v *View) earlier(t practice.Take) (practice.Take, bool) {
	for i, o := range v.all {
		if o.ID != t.ID {
			continue
		}
		for _, e := range v.all[i+1:] {
			if e.Status == practice.OK && e.QuestionID == t.QuestionID {
				return e, true
			}
		}
		break
	}
	return practice.Take{}, false
}

// updateActions enables the buttons that apply to the selected take and
// says what can be done with it.
func (v *View) updateActions() {
	t, ok := v.Selected()
	canOpen := ok && t.Status == practice.OK
	canRecover := ok && t.Status == practice.Unfinished && v.h.Recover != nil
	_, canCompare := v.earlier(t)
	canCompare = canCompare && canOpen
	label := "Open (Enter)"
	if canRecover {
		label = "Recover (Enter)"
	}
	if v.open.Text != label {
		v.open.SetText(label)
	}
	widgets.SetEnabled(v.open, canOpen || canRecover)
	widgets.SetEnabled(v.compare, canCompare)
	widgets.SetEnabled(v.del, ok)
	msg := v.note
	switch {
	case msg != "":
	case v.storiesErr != nil:
		msg = fmt.Sprintf("Your stories could not be read (%v), so the story filter is off. The takes are all here.", v.storiesErr)
	case !ok:
	case canRecover:
		msg = "This take did not finish. Enter recovers what was recorded and opens it; Del deletes it."
	case t.Status != practice.OK:
		msg = "This take cannot be opened. " + badNextStep(t, v.h.Recover != nil)
	case !canCompare:
		msg = "Enter opens the take on the review screen. Answer this question again to compare two takes."
	default:
		msg = "Enter opens the take on the review screen; C compares it with your earlier take of the same question."
	}
	v.status.SetText(msg)
}

// recoverFailed says why a take could not be recovered and what to do.
func recoverFailed(err error) string {
	if errors.Is(err, practice.ErrNoAudio) {
		return "That take holds no audio, so there is nothing to recover. Delete it (Del) to tidy up."
	}
	return fmt.Sprintf("The take could not be recovered (%v). It is still marked unfinished; delete it (Del), or try again later.", err)
}

// badNextStep is the plain next step for a take that cannot be opened;
// canRecover tells whether the screen recovers unfinished takes.
func badNextStep(t practice.Take, canRecover bool) string {
	switch {
	case t.Status == practice.Unfinished && canRecover:
		return "Recover it (Enter), or delete it (Del)."
	case t.Status == practice.Unfinished:
		return "Start Fail Forward again to recover it, or delete it (Del)."
	case errors.Is(t.Err, practice.ErrNewerSchema):
		return "Open it with the newer version of Fail Forward, or delete it here (Del)."
	}
	return "Delete it (Del), or put back its take.json from a backup."
}

// problemText is the row's line for a take that cannot be opened: its
// state and reason.
func problemText(t practice.Take) string {
	word := "Damaged"
	if t.Status == practice.Unfinished {
		word = "Unfinished"
	}
	reason := t.Problem
	if reason == "" {
		reason = "it could not be read"
	}
	return word + ": " + reason
}

// move selects the take delta rows away (clamped).
func (v *View) move(delta int) {
	if len(v.shown) == 0 {
		return
	}
	i := max(0, min(len(v.shown)-1, v.sel+delta))
	v.SelectRow(i)
}

// SelectRow selects row i of the list.
func (v *View) SelectRow(i int) {
	if i < 0 || i >= len(v.shown) {
		return
	}
	if i != v.sel {
		v.note = ""
	}
	v.list.Select(i) // calls OnSelected
	if v.sel != i {
		v.sel = i
		v.updateActions()
	}
}

func (v *View) openSelected() {
	t, ok := v.Selected()
	if !ok {
		return
	}
	if t.Status == practice.Unfinished && v.h.Recover != nil {
		if err := v.h.Recover(t.ID); err != nil {
			v.Say(recoverFailed(err))
		}
		return
	}
	if t.Status != practice.OK {
		v.Say("This take cannot be opened. " + badNextStep(t, v.h.Recover != nil))
		return
	}
	if v.h.Open != nil {
		v.h.Open(t.ID)
	}
}

func (v *View) compareSelected() {
	t, ok := v.Selected()
	if !ok {
		return
	}
	if t.Status != practice.OK {
		v.Say("This take cannot be opened, so it cannot be compared. " + badNextStep(t, v.h.Recover != nil))
		return
	}
	e, ok := v.earlier(t)
	if !ok {
		v.Say("There is no earlier take of this question to compare with. Answer it again, then compare the two.")
		return
	}
	if v.h.Compare != nil {
		v.h.Compare(e.ID, t.ID)
	}
}

// Say shows msg under the list until the selection moves.
func (v *View) Say(msg string) {
	v.note = msg
	v.updateActions()
}

func (v *View) Back() {
	if v.h.Back != nil {
		v.h.Back()
	}
}

// takeName names a take for the delete question: its date and question.
func (v *View) takeName(t practice.Take) string {
	return fmt.Sprintf("%s, “%s”", widgets.Date(t.Started), widgets.Shorten(widgets.QuestionText(t, v.texts), 80))
}

// askDelete asks whether to delete the selected take, naming it.
func (v *View) askDelete() {
	t, ok := v.Selected()
	if !ok || v.confirm != nil {
		return
	}
	msg := "The take of " + v.takeName(t) + " and its recording will be deleted from your library. This cannot be undone."
	d := dialog.NewConfirm("Delete this take?", msg, func(yes bool) {
		v.confirm = nil
		id := v.deleting
		v.deleting = ""
		if yes {
			v.deleteTake(id)
		}
	}, v.win)
	// Enter keeps the take, as Escape does: on this screen Enter means
	// Open, so a quick Delete, Enter must never delete.
	d.SetConfirmText("Delete (D)")
	d.SetDismissText("Keep it (Enter)")
	d.SetConfirmImportance(widget.DangerImportance)
	v.confirm, v.deleting = d, t.ID
	d.Show()
}

// deleteTake removes the take's folder and lists the library again, with
// the next take selected.
func (v *View) deleteTake(id string) {
	row := v.sel
	if err := v.lib.Remove(id); err != nil {
		v.Reload()
		v.Say(fmt.Sprintf("The take could not be deleted (%v). Check that the library folder can be changed, then try again.", err))
		return
	}
	v.Reload()
	if len(v.shown) > 0 {
		v.SelectRow(max(0, min(row, len(v.shown)-1)))
	}
	v.Say("The take is deleted.")
}

// TypedKey handles the screen's keys: Up and Down (Page Up, Page Down,
// Home, End) move the selection, Enter opens, Delete (or Backspace) asks
// to delete, Esc goes back. While the delete question is open, D
// deletes, and Enter and Esc keep the take. It reports whether the key
// was used.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	if v.confirm != nil {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			v.confirm.Dismiss()
		default:
			return false
		}
		return true
	}
	switch ev.Name {
	case fyne.KeyUp:
		v.move(-1)
	case fyne.KeyDown:
		v.move(1)
	case fyne.KeyPageUp:
		v.move(-10)
	case fyne.KeyPageDown:
		v.move(10)
	case fyne.KeyHome:
		v.move(-len(v.shown))
	case fyne.KeyEnd:
		v.move(len(v.shown))
	case fyne.KeyReturn, fyne.KeyEnter:
		v.openSelected()
	case fyne.KeyDelete, fyne.KeyBackspace: // Mac keyboards' Delete is Backspace
		v.askDelete()
	case fyne.KeyEscape:
		v.Back()
	default:
		return false
	}
	return true
}

// TypedRune handles C, compare with the earlier take, and D, the delete
// question's answer.
func (v *View) TypedRune(r rune) bool {
	if v.confirm != nil {
		if r == 'd' || r == 'D' {
			v.confirm.Confirm()
			return true
		}
		return false
	}
	switch r {
	case 'c', 'C':
		v.compareSelected()
		return true
	}
	return false
}

// takeLength is a take's length against its limit: "1:48 of 2:00".
func takeLength(t practice.Take) string {
	if t.LimitS > 0 {
		return widgets.Clock(t.Duration) + " of " + widgets.Clock(t.LimitS)
	}
	return widgets.Clock(t.Duration)
}

// firstLine returns the first non-empty line of s, trimmed.
func firstLine(s string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if l := strings.TrimSpace(line); l != "" {
			return l
		}
	}
	return ""
}

// libRow is one take in the list, in three columns: when and how long;
// the question and the note (or, for a take that cannot be opened, what
// is wrong and what to do); the parts tagged and the self-rating. A tap
// selects it, a double tap opens it.
type libRow struct {
	widget.BaseWidget

	v  *View
	id widget.ListItemID

	date, length     *widget.Label
	question, detail *widget.Label
	warn             *widget.Icon
	parts            *partChips
	stars            *ratingStars
	right            *fyne.Container
	qline            *fyne.Container // the question, after the warning icon
	box              *fyne.Container
}

func (v *View) newRow() fyne.CanvasObject {
	r := &libRow{v: v, id: -1}
	r.date = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.length = widget.NewLabel("")
	r.question = widget.NewLabel("")
	r.question.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.warn = widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	r.parts = newPartChips()
	r.stars = newRatingStars()

	tight := func(objs ...fyne.CanvasObject) *fyne.Container {
		return container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), objs...)
	}
	// The first column is as wide as the widest date, so the columns line
	// up from row to row.
	if v.dateW == 0 {
		v.dateW = widestDate() + 2*theme.InnerPadding()
	}
	left := container.NewStack(fixedWidth(v.dateW), tight(r.date, r.length))
	r.right = tight(r.parts, r.stars)
	r.qline = container.NewBorder(nil, nil, r.warn, nil, r.question)
	middle := tight(r.qline, r.detail)
	r.box = container.NewBorder(nil, nil, left, r.right, middle)
	r.ExtendBaseWidget(r)
	return r
}

// widestDate is the width of the widest date widgets.Date gives, in bold.
func widestDate() float32 {
	var w float32
	for d := range 7 {
		for m := range 12 {
			t := time.Date(2026, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
			// The widest day and time digits, on each weekday.
			day := fmt.Sprintf("%s 28 %s 2028, 20:08", time.Weekday(d).String()[:3], t.Format("Jan"))
			w = max(w, fyne.MeasureText(day, theme.TextSize(), fyne.TextStyle{Bold: true}).Width)
		}
	}
	return w
}

// fixedWidth is an invisible object that keeps a column at least w wide.
func fixedWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

func (v *View) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*libRow)
	r.id = id
	if id < 0 || id >= len(v.shown) {
		return
	}
	t := v.shown[id]
	r.date.SetText(widgets.Date(t.Started))
	if t.Status != practice.OK {
		r.length.SetText(widgets.Shorten(widgets.QuestionText(t, v.texts), 30))
		r.question.SetText(problemText(t))
		r.question.TextStyle = fyne.TextStyle{Bold: true}
		r.detail.SetText(badNextStep(t, v.h.Recover != nil))
		r.setBad(true)
		return
	}
	r.setBad(false)
	r.length.SetText(takeLength(t))
	r.question.TextStyle = fyne.TextStyle{}
	r.question.SetText(widgets.QuestionText(t, v.texts))
	var detail []string
	if title := v.titles[t.StoryID]; title != "" {
		detail = append(detail, "Story: "+title)
	}
	if n := firstLine(t.Review.Notes); n != "" {
		detail = append(detail, "Note: "+n)
	}
	r.detail.SetText(strings.Join(detail, " · "))
	r.parts.set(t.Parts)
	r.stars.set(t.Review.Rating)
}

// setBad shows the warning icon in place of the parts and rating, or the
// other way round, and lays the row out again when that changed.
func (r *libRow) setBad(bad bool) {
	if r.warn.Visible() == bad && r.right.Visible() == !bad {
		return
	}
	r.warn.Hidden = !bad
	r.right.Hidden = bad
	r.qline.Refresh()
	r.box.Refresh()
}

func (r *libRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.box) }

// Tapped selects the take.
func (r *libRow) Tapped(*fyne.PointEvent) { r.v.SelectRow(r.id) }

// DoubleTapped opens the take.
func (r *libRow) DoubleTapped(*fyne.PointEvent) {
	r.v.SelectRow(r.id)
	r.v.openSelected()
}

// partChips shows which parts of a take are tagged: the letters S T A R
// L on chips of the parts' timeline colours, a dash on an empty chip for a
// part not tagged, so the letters say it without the colours.
type partChips struct {
	widget.BaseWidget

	has [practice.NumKinds]bool
}

func newPartChips() *partChips {
	p := &partChips{}
	p.ExtendBaseWidget(p)
	return p
}

// set shows the kinds found in parts.
func (p *partChips) set(parts []practice.Part) {
	var has [practice.NumKinds]bool
	for _, q := range parts {
		if q.Kind.Valid() {
			has[q.Kind] = true
		}
	}
	if has == p.has {
		return
	}
	p.has = has
	p.Refresh()
}

// partLetter is what the chip of part kind k says: its letter when the
// part is tagged, a dash when not.
func partLetter(k int, has bool) string {
	if has {
		return practice.Kind(k).Letter()
	}
	return "–"
}

func (p *partChips) CreateRenderer() fyne.WidgetRenderer {
	r := &partChipsRenderer{p: p}
	for k := range r.bg {
		r.text[k].TextStyle = fyne.TextStyle{Bold: true}
		r.text[k].Alignment = fyne.TextAlignCenter
		r.Objs = append(r.Objs, &r.bg[k], &r.text[k])
	}
	r.update()
	return r
}

type partChipsRenderer struct {
	widgets.BaseRenderer

	p    *partChips
	bg   [practice.NumKinds]canvas.Rectangle
	text [practice.NumKinds]canvas.Text
}

func (r *partChipsRenderer) update() {
	th := r.p.Theme()
	v := widgets.ThemeVariant(fyne.CurrentApp())
	for k := range r.bg {
		bg, text := &r.bg[k], &r.text[k]
		bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
		text.TextSize = th.Size(theme.SizeNameText)
		text.Text = partLetter(k, r.p.has[k])
		if r.p.has[k] {
			bg.FillColor = timeline.PartColor(k)
			bg.StrokeWidth = 0
			text.Color = widgets.ReadableOn(bg.FillColor)
		} else {
			bg.FillColor = color.Transparent
			bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
			bg.StrokeWidth = 1
			text.Color = th.Color(theme.ColorNameForeground, v)
		}
	}
}

// chip is the side of one letter's square; gap the space between them.
func (r *partChipsRenderer) chip() (side, gap float32) {
	th := r.p.Theme()
	return th.Size(theme.SizeNameText) + th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNamePadding) / 2
}

func (r *partChipsRenderer) Layout(size fyne.Size) {
	s, gap := r.chip()
	y := (size.Height - s) / 2
	n := float32(practice.NumKinds)
	x0 := size.Width - r.p.Theme().Size(theme.SizeNameInnerPadding) - (n*s + (n-1)*gap)
	for k := range r.bg {
		pos := fyne.NewPos(x0+float32(k)*(s+gap), y)
		r.bg[k].Move(pos)
		r.bg[k].Resize(fyne.NewSquareSize(s))
		r.text[k].Move(pos)
		r.text[k].Resize(fyne.NewSquareSize(s))
	}
}

// MinSize is as tall as a label, so the chips line up with the text
// beside them.
func (r *partChipsRenderer) MinSize() fyne.Size {
	s, gap := r.chip()
	n := float32(practice.NumKinds)
	return fyne.NewSize(n*s+(n-1)*gap+r.p.Theme().Size(theme.SizeNameInnerPadding), lineHeight(r.p.Theme()))
}

// lineHeight is the height of a one-line label in theme th.
func lineHeight(th fyne.Theme) float32 {
	return fyne.MeasureText("Mg", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height + 2*th.Size(theme.SizeNameInnerPadding)
}

func (r *partChipsRenderer) Refresh() {
	r.update()
	r.Layout(r.p.Size())
	for _, o := range r.Objs {
		o.Refresh()
	}
}

// starIcon is a five-pointed star, drawn in the text colour.
var starIcon = theme.NewThemedResource(fyne.NewStaticResource("star.svg", []byte(
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2l3.09 6.26L22 9.27l-5 4.87 1.18 6.88L12 17.77l-6.18 3.25L7 14.14 2 9.27l6.91-1.01z"/></svg>`)))

// ratingStars shows a self-rating as that many stars and the number,
// "4/5", or "Not rated".
type ratingStars struct {
	widget.BaseWidget

	rating int
}

func newRatingStars() *ratingStars {
	s := &ratingStars{}
	s.ExtendBaseWidget(s)
	return s
}

func (s *ratingStars) set(rating int) {
	if s.rating == rating {
		return
	}
	s.rating = rating
	s.Refresh()
}

// ratingText is the rating in words: "4/5" or "Not rated".
func ratingText(rating int) string {
	if rating < 1 || rating > 5 {
		return "Not rated"
	}
	return strconv.Itoa(rating) + "/5"
}

func (s *ratingStars) CreateRenderer() fyne.WidgetRenderer {
	r := &ratingStarsRenderer{s: s}
	for i := range r.stars {
		r.stars[i] = canvas.NewImageFromResource(starIcon)
		r.stars[i].FillMode = canvas.ImageFillContain
		r.Objs = append(r.Objs, r.stars[i])
	}
	r.Objs = append(r.Objs, &r.text)
	r.update()
	return r
}

type ratingStarsRenderer struct {
	widgets.BaseRenderer

	s     *ratingStars
	stars [5]*canvas.Image
	text  canvas.Text
}

func (r *ratingStarsRenderer) update() {
	th := r.s.Theme()
	r.text.Text = ratingText(r.s.rating)
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.Color = th.Color(theme.ColorNameForeground, widgets.ThemeVariant(fyne.CurrentApp()))
	for i, st := range r.stars {
		st.Hidden = i >= r.s.rating
	}
}

func (r *ratingStarsRenderer) star() float32 { return r.s.Theme().Size(theme.SizeNameText) }

func (r *ratingStarsRenderer) Layout(size fyne.Size) {
	s := r.star()
	tw := r.text.MinSize().Width
	x := size.Width - tw - r.s.Theme().Size(theme.SizeNameInnerPadding)
	r.text.Move(fyne.NewPos(x, 0))
	r.text.Resize(fyne.NewSize(tw, size.Height))
	gap := r.s.Theme().Size(theme.SizeNamePadding) / 2
	for i := min(r.s.rating, 5) - 1; i >= 0; i-- {
		x -= gap + s
		r.stars[i].Move(fyne.NewPos(x, (size.Height-s)/2))
		r.stars[i].Resize(fyne.NewSquareSize(s))
	}
}

// MinSize has room for five stars and "Not rated", so the column keeps
// its width whatever the rating.
func (r *ratingStarsRenderer) MinSize() fyne.Size {
	s := r.star()
	gap := r.s.Theme().Size(theme.SizeNamePadding) / 2
	text := fyne.MeasureText("Not rated", r.text.TextSize, r.text.TextStyle)
	return fyne.NewSize(5*(s+gap)+text.Width+r.s.Theme().Size(theme.SizeNameInnerPadding), lineHeight(r.s.Theme()))
}

func (r *ratingStarsRenderer) Refresh() {
	r.update()
	r.Layout(r.s.Size())
	for _, o := range r.Objs {
		o.Refresh()
	}
}

// Shown are the takes listed, newest first.
func (v *View) Shown() []practice.Take { return v.shown }
