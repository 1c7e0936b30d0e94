// Package guide is the Guide screen: why the failure question is asked,
// what a good answer does, the five STAR parts, the common traps and a
// model answer, in large text. The self-review links to its sections. It
// reaches the window only through Handlers and never imports ui or
// another screen package. Everything runs on the Fyne goroutine.
package guide

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Section names one section of the guide screen; the self-review
// checklist links to them.
type Section string

// The sections of the guide, in the order shown.
const (
	Why   Section = "why"
	Good  Section = "good"
	Parts Section = "parts"
	Traps Section = "traps"
	Model Section = "model"
)

// guideTitles are the sections' headings, in order; the digit keys 1 to 5
// jump to them.
var guideTitles = []struct {
	id    Section
	title string
}{
	{Why, "Why they ask"},
	{Good, "What a good answer does"},
	{Parts, "The five parts"},
	{Traps, "Common traps"},
	{Model, "A model answer"},
}

// CheckSection is the guide section that explains each item of the
// self-review checklist.
func CheckSection(k practice.Check) Section {
	switch k {
	case practice.CheckTrue, practice.CheckWork, practice.CheckPositive:
		return Good
	case practice.CheckOwned:
		return Traps
	case practice.CheckLesson, practice.CheckSTAR:
		return Parts
	case practice.CheckBrief:
		return Model
	}
	return Why
}

// guideText is the guide's body text, section by section: short lines,
// read at a glance.
var guideText = map[Section][]string{
	Why: {
		"They want to see whether you take sensible risks.",
		"Whether you notice your own mistakes,",
		"own them rather than blame others,",
		"and learn from them.",
		"Nobody is perfect. \"I have no failures\" sounds evasive.",
	},
	Good: {
		"A true story, from work only.",
		"Relevant to the job you want.",
		"Short and to the point: about two minutes.",
		"Never negative: not about the team, the boss or the company.",
	},
	Parts: {
		"S  Situation: where and when, in a sentence or two.",
		"T  Task: what was yours to do.",
		"A  Action: what you did, or failed to do. Most of the time goes here.",
		"R  Result: what happened, in plain facts.",
		"L  Lesson: what you learned, said quickly,",
		"    and what you do differently since.",
	},
}

// trapFixes are the common traps, each with its fix in one line.
var trapFixes = [][2]string{
	{"The disguised boast", "\"I work too hard\" is not a failure. Pick a real one."},
	{"Blaming others", "Say what you did or failed to do. Own it."},
	{"A long backstory", "Set the scene in two sentences, then act."},
	{"No lesson", "End with what you learned and what you do now."},
	{"A personal story", "Keep it to work."},
	{"A failure with no consequence", "Choose one that mattered, and say what it cost."},
}

// modelPart is one part of the model answer: what is said and for how
// long.
type modelPart struct {
	kind    practice.Kind
	seconds float64
	text    string
}

// modelAnswer is the guide's example answer, part by part.
var modelAnswer = []modelPart{
	{practice.Situation, 15, "Two years ago I led the launch of a new checkout page for our online shop. The date was fixed with marketing."},
	{practice.Task, 8, "My job was to plan the testing and say when it was ready to go live."},
	{practice.Action, 47, "To keep the date, I cut the load test short and did not ask the payments team to try the new flow under real traffic. On launch day checkout slowed right down. I rolled the page back within the hour, told my manager and the payments team at once what I had skipped, and led the fix."},
	{practice.Result, 10, "We lost about an hour of orders. The page went live again a week later and has run without trouble since."},
	{practice.Lesson, 12, "I learned that a date is never a reason to skip the check that protects customers. Since then the load test is in my plan from day one, and I say early when a date puts it at risk."},
}

// ModelParts are the model answer's parts on its own timeline, in
// seconds from its start.
func ModelParts() []practice.Part {
	var out []practice.Part
	t := 0.0
	for _, p := range modelAnswer {
		out = append(out, practice.Part{Kind: p.kind, Start: t, End: t + p.seconds})
		t += p.seconds
	}
	return out
}

// Handlers are what the guide's buttons and keys do.
type Handlers struct {
	Back     func() // Escape: where the guide was opened from
	Practise func() // Space, "Practise now (Space)"
}

// View is the guide to the failure question: why it is asked, what
// a good answer does, the five parts, the traps and a model answer. It
// scrolls with Up, Down, Page Up, Page Down, Home and End; 1 to 5 jump to
// a section; Space goes to practice.
//
// All methods must be called on the Fyne goroutine.
type View struct {
	widgets.ScreenBase

	h        Handlers
	scroll   *container.Scroll
	box      *fyne.Container
	sections map[Section]fyne.CanvasObject
	practise *widgets.Button
	body     fyne.CanvasObject
}

// Text sizes of the guide: larger than the other screens', to be read from
// a step back.
const (
	guideHeadingSize = theme.SizeNameHeadingText
	guideBodySize    = theme.SizeNameSubHeadingText
)

// guideColumn is the widest the guide's text grows, so lines stay short.
const guideColumn = 760

// New builds the guide. k are the window's keys, which its
// buttons pass keys on to.
func New(k *widgets.Keys, h Handlers) *View {
	v := &View{h: h, sections: map[Section]fyne.CanvasObject{}}
	index := container.NewHBox()
	for i, s := range guideTitles {
		id := s.id
		index.Add(widgets.NewButton(k, fmt.Sprintf("%d %s", i+1, s.title), widget.LowImportance, func() { v.Show(id) }))
	}
	v.box = container.NewVBox()
	for _, s := range guideTitles {
		head := widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = guideHeadingSize
		v.sections[s.id] = head
		v.box.Add(head)
		switch s.id {
		case Traps:
			v.box.Add(guideTrapList())
		case Model:
			v.box.Add(guideModelAnswer())
		default:
			for _, line := range guideText[s.id] {
				v.box.Add(widgets.Wrapped(line, fyne.TextAlignLeading, guideBodySize, false))
			}
		}
	}
	v.practise = widgets.NewButton(k, "Practise now (Space)", widget.HighImportance, func() {
		if v.h.Practise != nil {
			v.h.Practise()
		}
	})
	v.box.Add(container.NewPadded(widgets.Centered(v.practise)))
	v.scroll = container.NewVScroll(container.New(widgets.Column{Max: guideColumn}, v.box))
	hint := widgets.Wrapped("Up and Down scroll · 1 to 5 jump to a part · Space to practise · Escape goes back", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.body = container.NewBorder(container.NewVBox(container.NewHScroll(index), hint), nil, nil, nil, v.scroll)
	return v
}

// guideTrapList is each trap in bold with its fix under it.
func guideTrapList() fyne.CanvasObject {
	box := container.NewVBox()
	for _, t := range trapFixes {
		name := widget.NewLabelWithStyle(t[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.SizeName = guideBodySize
		fix := widgets.Wrapped("Fix: "+t[1], fyne.TextAlignLeading, guideBodySize, false)
		box.Add(container.NewVBox(name, fix))
	}
	return box
}

// guideModelAnswer is the model answer's balance, drawn as the review's
// balance panel draws a take's with the aim beside each share, then the
// answer part by part with each part's letter chip and time.
func guideModelAnswer() fyne.CanvasObject {
	parts := ModelParts()
	total := parts[len(parts)-1].End
	box := container.NewVBox(widgets.Wrapped(fmt.Sprintf("The question: \"What was your biggest failure?\" The answer takes %s.", widgets.MinSec(total)),
		fyne.TextAlignLeading, guideBodySize, false))
	bal := practice.Balance(parts, total, 0)
	box.Add(widgets.Heading("Its balance", theme.SizeNameSubHeadingText))
	box.Add(widgets.Note("Shares are of the story: Situation, Task, Action and Result together. The aim is in brackets."))
	for _, row := range bal.Rows {
		box.Add(widgets.BalanceRow(row))
	}
	box.Add(widgets.Heading("Word for word", theme.SizeNameSubHeadingText))
	for _, p := range modelAnswer {
		k := int(p.kind)
		name := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s", timeline.PartName(k), widgets.MinSec(p.seconds)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := widgets.Wrapped(p.text, fyne.TextAlignLeading, guideBodySize, false)
		box.Add(container.NewBorder(nil, nil, container.NewVBox(widgets.NewPartChip(k)), nil, container.NewVBox(name, text)))
	}
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(0, theme.Padding()))
	box.Add(floor)
	return box
}

// Content is the screen's body.
func (v *View) Content() fyne.CanvasObject { return v.body }

// Show scrolls the guide so that section's heading is at the top.
func (v *View) Show(s Section) {
	head, ok := v.sections[s]
	if !ok {
		return
	}
	y := head.Position().Y
	v.scrollTo(y)
}

// scrollTo scrolls to y, kept within the content.
func (v *View) scrollTo(y float32) {
	maxY := max(0, v.scroll.Content.MinSize().Height-v.scroll.Size().Height)
	v.scroll.ScrollToOffset(fyne.NewPos(0, min(max(0, y), maxY)))
}

// Offset is how far the guide is scrolled.
func (v *View) Offset() float32 { return v.scroll.Offset.Y }

// TypedKey scrolls, practises on Space and goes back on Escape; it
// reports whether it used the key.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	step := float32(3 * theme.TextSize())
	page := max(step, v.scroll.Size().Height-step)
	switch ev.Name {
	case fyne.KeyEscape:
		if v.h.Back == nil {
			return false
		}
		v.h.Back()
	case fyne.KeySpace:
		if v.h.Practise != nil {
			v.h.Practise()
		}
	case fyne.KeyDown:
		v.scrollTo(v.Offset() + step)
	case fyne.KeyUp:
		v.scrollTo(v.Offset() - step)
	case fyne.KeyPageDown:
		v.scrollTo(v.Offset() + page)
	case fyne.KeyPageUp:
		v.scrollTo(v.Offset() - page)
	case fyne.KeyHome:
		v.scrollTo(0)
	case fyne.KeyEnd:
		v.scrollTo(v.scroll.Content.MinSize().Height)
	default:
		return false
	}
	return true
}

// TypedRune jumps to a section with 1 to 5.
func (v *View) TypedRune(r rune) bool {
	if i := int(r - '1'); i >= 0 && i < len(guideTitles) {
		v.Show(guideTitles[i].id)
		return true
	}
	return false
}

// SectionY is where section s starts in the scrolled content, and End
// the furthest the guide scrolls; ok is false for a section it lacks.
func (v *View) SectionY(s Section) (y, end float32, ok bool) {
	head, ok := v.sections[s]
	if !ok {
		return 0, 0, false
	}
	return head.Position().Y, v.scroll.Content.MinSize().Height - v.scroll.Size().Height, true
}

// Sections are the guide's sections in order; the digit keys 1 to 5 jump
// to them.
func Sections() []Section {
	out := make([]Section, len(guideTitles))
	for i, t := range guideTitles {
		out[i] = t.id
	}
	return out
}
