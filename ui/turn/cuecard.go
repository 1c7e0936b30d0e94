// Package turn is the practice turn: the question screen (Question,
// built with QuestionOptions and QuestionHandlers; question.go), the take
// under way (Take, built with TakeOptions and TakeHandlers): its think
// and answer screens (think.go, answer.go), the recorder and countdown it
// owns, the live tagging and the finished take's assembly (live.go), the
// Discard-or-Keep question and how a take ends (take.go), and the panels
// of the turn: the story picker and the cue card of the chosen story
// (cuecard.go). It never imports ui or a screen package; the window
// hears of a take's end through TakeHandlers (Finished with the saved
// take, or Ended with a line for the question screen).
//
// Everything runs on the Fyne main goroutine: the window calls the
// screens' methods and Tick there, and every handler is called there.
// The recorder's own goroutine is reached only through its Snapshot,
// Done and Peaks, which are safe from any goroutine.
package turn

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// cueMaxRunes is the longest note a cue card shows; a longer one is cut
// with an ellipsis. A cue is a reminder to glance at, not a script.
const cueMaxRunes = 140

// cueBadgeSize is the side of the square part letter on a cue card.
const cueBadgeSize = 30

// CueCard shows one story's title and its STAR notes compactly, in text
// large enough to read at a glance while answering. Each note sits beside
// its part letter (S T A R L) on the part's timeline colour, so the letter,
// not the colour, names the part. Empty notes are left out.
type CueCard struct {
	box   *fyne.Container
	title *widget.Label
	rows  *fyne.Container
	empty *widget.Label

	story  *practice.Story
	byKind map[practice.Kind]fyne.CanvasObject // the rows on show, by part
}

// Row is the card's row for the part k, nil when the story has no note
// for it.
func (c *CueCard) Row(k practice.Kind) fyne.CanvasObject { return c.byKind[k] }

// NewCueCard returns an empty, hidden cue card; set shows a story on it.
func NewCueCard() *CueCard {
	c := &CueCard{
		title: widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameSubHeadingText, true),
		rows:  container.NewVBox(),
		empty: widgets.Wrapped("No notes yet. Add them to this story in the story notebook.", fyne.TextAlignLeading, theme.SizeNameText, false),
	}
	c.box = container.NewVBox(c.title, c.rows, c.empty)
	c.box.Hide()
	return c
}

// Content is the card's canvas object, to place on a screen.
func (c *CueCard) Content() fyne.CanvasObject { return c.box }

// Set shows story s on the card; nil hides the card.
func (c *CueCard) Set(s *practice.Story) {
	if s == nil {
		c.story = nil
		c.box.Hide()
		return
	}
	cp := *s
	c.story = &cp
	c.title.SetText(cp.Title)
	c.rows.RemoveAll()
	c.byKind = map[practice.Kind]fyne.CanvasObject{}
	for _, k := range practice.Kinds() {
		note := cueText(cp.Note(k))
		if note == "" {
			continue
		}
		text := widgets.Wrapped(note, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false)
		row := container.NewBorder(nil, nil, container.NewVBox(badgeAt(partBadge(k)), layout.NewSpacer()), nil, text)
		c.byKind[k] = row
		c.rows.Add(row)
	}
	c.empty.Hidden = len(c.rows.Objects) > 0
	c.box.Show()
	c.box.Refresh()
}

// cueText is a note as the cue card shows it: on one line, at most
// cueMaxRunes long.
func cueText(note string) string {
	s := strings.Join(strings.Fields(note), " ")
	if utf8.RuneCountInString(s) <= cueMaxRunes {
		return s
	}
	r := []rune(s)[:cueMaxRunes-1]
	return strings.TrimSpace(string(r)) + "…"
}

// badgeAt lines a badge up with the first line of a note beside it.
func badgeAt(b fyne.CanvasObject) fyne.CanvasObject {
	size := theme.Size(theme.SizeNameSubHeadingText)
	line := fyne.MeasureText("S", size, fyne.TextStyle{}).Height
	top := max(0, theme.Size(theme.SizeNameInnerPadding)+line/2-cueBadgeSize/2)
	return container.New(layout.NewCustomPaddedLayout(top, 0, 0, 0), b)
}

// partBadge is a part's letter on the part's colour, as on the timeline.
func partBadge(k practice.Kind) fyne.CanvasObject {
	i := int(k)
	bg := canvas.NewRectangle(timeline.PartColor(i))
	bg.CornerRadius = 4
	bg.SetMinSize(fyne.NewSquareSize(cueBadgeSize))
	letter := canvas.NewText(k.Letter(), k.Ink())
	letter.TextStyle = fyne.TextStyle{Bold: true}
	letter.TextSize = theme.Size(theme.SizeNameSubHeadingText)
	letter.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, container.NewCenter(letter))
}

// noStory is the story picker's first option.
const noStory = "No story"

// StoryPicker is a drop-down on the question screen to choose the story
// the next take tells: "No story" then the notebook's stories by title.
// The story chosen goes on the cue card and is linked to the take.
type StoryPicker struct {
	lib    *practice.Library
	onPick func(s *practice.Story)

	sel     *widgets.Select // passes the window's keys on after it was used
	stories []practice.Story
	err     error // why the stories could not be read, nil when they could
	picked  string
	quiet   bool // the selection is being set by code: do not call onPick
}

// NewStoryPicker returns a picker showing the library's stories, set to
// "No story". onPick runs when the user picks an option (with the story,
// or nil for "No story"), and on reload and choose; not while building.
func NewStoryPicker(lib *practice.Library, onPick func(s *practice.Story)) *StoryPicker {
	p := &StoryPicker{lib: lib}
	p.sel = widgets.NewSelect(nil, nil, p.changed)
	p.Reload()
	p.onPick = onPick // Set after the first reload: no call while building
	return p
}

// Content is the picker's canvas object.
func (p *StoryPicker) Content() fyne.CanvasObject { return p.sel }

// Reload reads the stories again, keeping the story picked if it still
// exists (with its new title or notes) and falling back to "No story" if
// it was deleted; onPick runs in both cases, so a cue card stays current.
func (p *StoryPicker) Reload() {
	p.stories, p.err = p.lib.Stories()
	opts := make([]string, 0, len(p.stories)+1)
	opts = append(opts, noStory)
	seen := map[string]int{}
	for _, s := range p.stories {
		opts = append(opts, optionTitle(s.Title, seen))
	}
	p.sel.Options = opts
	if p.err != nil {
		p.sel.PlaceHolder = "Stories could not be read"
	}
	p.Choose(p.picked)
}

// optionTitle is a story's title as a list option, numbered when another
// story already has it, so every option is unique.
func optionTitle(title string, seen map[string]int) string {
	key := strings.ToLower(title)
	seen[key]++
	if n := seen[key]; n > 1 {
		return title + " (" + strconv.Itoa(n) + ")"
	}
	return title
}

// Choose picks the story with id ("" for none, or an id no longer in the
// notebook) and reports it through onPick.
func (p *StoryPicker) Choose(id string) {
	i := p.index(id)
	if i < 0 {
		id = ""
	}
	p.picked = id
	p.quiet = true
	p.sel.SetSelectedIndex(i + 1)
	p.quiet = false
	if p.onPick != nil {
		p.onPick(p.Selected())
	}
}

// step moves the choice to the next (dir 1) or previous (dir -1) option,
// wrapping around, for a key.
func (p *StoryPicker) step(dir int) {
	n := len(p.stories) + 1
	i := (p.index(p.picked) + 1 + dir + n) % n
	id := ""
	if i > 0 {
		id = p.stories[i-1].ID
	}
	p.Choose(id)
}

// Selected is a copy of the story picked, nil for none.
func (p *StoryPicker) Selected() *practice.Story {
	if i := p.index(p.picked); i >= 0 {
		s := p.stories[i]
		return &s
	}
	return nil
}

func (p *StoryPicker) index(id string) int { return practice.StoryIndex(p.stories, id) }

func (p *StoryPicker) changed(string) {
	if p.quiet {
		return
	}
	i := p.sel.SelectedIndex() - 1
	p.picked = ""
	if i >= 0 && i < len(p.stories) {
		p.picked = p.stories[i].ID
	}
	if p.onPick != nil {
		p.onPick(p.Selected())
	}
}

// Select is the picker's drop-down list, for the window to route keys
// from it and to focus it.
func (p *StoryPicker) Select() *widgets.Select { return p.sel }
