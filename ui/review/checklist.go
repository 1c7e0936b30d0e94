// Package review is the review screen (View): the finished take on its
// timeline, playback by part and at other speeds, editing of the parts,
// and its panels, the insights ("How it went": balance, suggested parts,
// speech) and the self-review checklist. The window builds a View with
// Options and Handlers for each take it opens. view.go holds the type and
// the keys, build.go the layout of the screen and the self-review's
// saving, playback.go and speed.go playback, edit.go the parts' editing,
// measure.go the analysis behind the insights, access.go what the
// window's tests read. It never imports ui or a screen package.
// Everything runs on the Fyne goroutine.
package review

import (
	"fmt"
	"maps"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/widgets"
)

// maxNotes is the longest notes practice.SelfReview accepts, in
// characters.
const maxNotes = 10000

// notRated is the self-rating's choice for no rating.
const notRated = "Not rated"

// ratingOptions are the choices of the self-rating: none, or 1 to 5.
var ratingOptions = []string{notRated, "1", "2", "3", "4", "5"}

// Checklist is the review screen's self-review: the seven checks of
// practice.Checks, a rating from 1 to 5 and notes. Every change is handed
// to onChange with the whole review, for the window to save with the
// take. It has no single-key shortcuts (the review screen uses the
// letters and digits); Tab reaches every control, and Space ticks a
// check or picks a rating.
//
// All methods must be called on the Fyne goroutine. It starts no
// goroutines.
type Checklist struct {
	onChange func(practice.SelfReview)
	now      func() time.Time

	rev      practice.SelfReview
	setting  bool // set is filling the controls: no onChange
	checks   []*widgets.Check
	links    []*widgets.Button // "Why?" beside each check: the guide's section on it
	rating   *widgets.Select
	notes    *widgets.Entry
	progress *widget.Label
	problem  *widget.Label // why the last change could not be kept
	box      *fyne.Container
}

// NewChecklist returns the Checklist showing take's review. onChange may
// be nil. keysIn are the window's keys: the boxes and the rating pass on every
// key they do not use, and the notes pass on Escape and, through nav, the
// window's screen shortcuts (k and nav may be nil). When openGuide is not
// nil, each check has a "Why?" link beside it that calls openGuide with the
// check, for the window to show the guide's section explaining it.
func NewChecklist(take practice.Take, onChange func(practice.SelfReview), keysIn *widgets.Keys, nav func(fyne.Shortcut) bool, openGuide func(practice.Check)) *Checklist {
	c := &Checklist{onChange: onChange, now: time.Now}
	title := widget.NewLabelWithStyle("Your review", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	c.progress = widget.NewLabel("")
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, title, c.progress), widgets.Note("Listen back, then tick what your answer did.")}
	for _, k := range practice.Checks() {
		ch := widgets.NewCheck(keysIn, k.Label())
		ch.OnChanged = func(on bool) { c.checkChanged(k, on) }
		c.checks = append(c.checks, ch)
		if openGuide == nil {
			objs = append(objs, ch)
			continue
		}
		link := widgets.NewButton(keysIn, "Why?", widget.LowImportance, func() { openGuide(k) })
		c.links = append(c.links, link)
		objs = append(objs, container.NewBorder(nil, nil, nil, link, ch))
	}
	c.rating = widgets.NewSelect(keysIn, ratingOptions, c.ratingChanged)
	objs = append(objs,
		widgets.Bold("How ready did it feel?"),
		container.NewHBox(c.rating),
		widgets.Note("1 is a first rough try, 5 is ready for the interview."),
		widgets.Bold("Notes"),
	)
	c.notes = widgets.NewEntry(&widgets.Keys{Key: keysIn.TypedKey, Shortcut: nav}, true)
	c.notes.SetPlaceHolder("What to keep, what to change next time")
	c.notes.Wrapping = fyne.TextWrapWord
	c.notes.SetMinRowsVisible(4)
	c.notes.OnChanged = c.notesChanged
	c.problem = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	c.problem.Hide()
	objs = append(objs, c.notes, c.problem)
	c.box = container.NewVBox(objs...)
	c.set(take)
	return c
}

// Content is the checklist, for the review screen.
func (c *Checklist) Content() fyne.CanvasObject { return c.box }

// set shows take's review, without calling onChange.
func (c *Checklist) set(take practice.Take) {
	c.setting = true
	defer func() { c.setting = false }()
	c.rev = take.Review
	c.rev.Checked = maps.Clone(take.Review.Checked)
	for i, k := range practice.Checks() {
		c.checks[i].SetChecked(c.rev.Checked[k])
	}
	if c.rev.Rating >= 1 && c.rev.Rating <= 5 {
		c.rating.SetSelected(strconv.Itoa(c.rev.Rating))
	} else {
		c.rating.SetSelected(notRated)
	}
	c.notes.SetText(c.rev.Notes)
	c.problem.Hide()
	c.updateProgress()
}

// review returns the review as shown.
func (c *Checklist) review() practice.SelfReview {
	r := c.rev
	r.Checked = maps.Clone(c.rev.Checked)
	return r
}

// progressText is how many checks are ticked: "4 of 7".
func progressText(done int) string {
	return fmt.Sprintf("%d of %d", done, len(practice.Checks()))
}

func (c *Checklist) updateProgress() {
	done := 0
	for _, on := range c.rev.Checked {
		if on {
			done++
		}
	}
	c.progress.SetText(progressText(done))
}

func (c *Checklist) checkChanged(k practice.Check, on bool) {
	if c.setting {
		return
	}
	if on {
		if c.rev.Checked == nil {
			c.rev.Checked = map[practice.Check]bool{}
		}
		c.rev.Checked[k] = true
	} else {
		delete(c.rev.Checked, k)
		if len(c.rev.Checked) == 0 {
			c.rev.Checked = nil
		}
	}
	c.updateProgress()
	c.changed()
}

func (c *Checklist) ratingChanged(s string) {
	if c.setting {
		return
	}
	c.rev.Rating, _ = strconv.Atoi(s) // notRated is 0
	c.changed()
}

func (c *Checklist) notesChanged(s string) {
	if c.setting {
		return
	}
	if n := len([]rune(s)); n > maxNotes {
		c.problem.SetText(fmt.Sprintf("Notes can be up to %d characters; these have %d, so the last change is not saved. Shorten them to save again.", maxNotes, n))
		c.problem.Show()
		return
	}
	c.rev.Notes = s
	c.changed()
}

// changed stamps the review and hands it on, if it can be saved.
func (c *Checklist) changed() {
	c.rev.Updated = c.now()
	if err := c.rev.Validate(); err != nil {
		c.problem.SetText(fmt.Sprintf("This change cannot be saved (%v). Undo it to save your review again.", err))
		c.problem.Show()
		return
	}
	c.problem.Hide()
	if c.onChange != nil {
		c.onChange(c.review())
	}
}

// FocusFirst gives the keyboard focus to the first check, on win.
func (c *Checklist) FocusFirst(win fyne.Window) {
	if len(c.checks) > 0 {
		win.Canvas().Focus(c.checks[0])
	}
}

// Links are the checks' "Why?" links, in order (none without a guide).
func (c *Checklist) Links() []*widgets.Button { return c.links }

// Notes is the field of the notes.
func (c *Checklist) Notes() *widgets.Entry { return c.notes }

// Checks are the check boxes, in the order of practice.Checks.
func (c *Checklist) Checks() []*widgets.Check { return c.checks }

// Rating is the list of the self-rating.
func (c *Checklist) Rating() *widgets.Select { return c.rating }
