package turn

// The question screen: the question, the story picker with the cue
// card's key, the timer settings, Start and Next, and the microphone's
// state.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/ui/widgets"
)

// QuestionOptions are what the question screen shows.
type QuestionOptions struct {
	// Keys are the window's key handlers, for the buttons to pass keys on.
	Keys *widgets.Keys
	// Question is the question's text.
	Question string
	// Settings describes the timer settings of the take.
	Settings string
	// Mic is the microphone's status line.
	Mic string
	// MicBlocked is set when no microphone can be used: Start is off and
	// Check again (C) is offered.
	MicBlocked bool
	// Notice is a line about the last take ("" for none).
	Notice string
	// Picker is the story picker, nil when there is no library to hold
	// stories.
	Picker *StoryPicker
	// Cue is the chosen story's cue card, shown under Start when CueShown
	// is set and a story is chosen.
	Cue      *CueCard
	CueShown bool
}

// QuestionHandlers are what the question screen asks of the window.
type QuestionHandlers struct {
	// Show puts the screen's content on the window.
	Show func(fyne.CanvasObject)
	// Start starts the take (Space, Start).
	Start func()
	// Next asks for another question (N).
	Next func()
	// Guide opens the guide (G).
	Guide func()
	// CheckMic looks for a microphone again (C).
	CheckMic func()
	// ToggleCue shows or hides the cue card (K).
	ToggleCue func()
}

// Question is the question screen of the practice turn. All methods must
// be called on the Fyne goroutine.
type Question struct {
	widgets.ScreenBase
	o       QuestionOptions
	h       QuestionHandlers
	start   *widgets.Button
	content fyne.CanvasObject
}

// NewQuestion builds the question screen; Show puts it on show.
func NewQuestion(o QuestionOptions, h QuestionHandlers) *Question {
	return &Question{o: o, h: h}
}

// QuestionCard shows a question in large wrapped text on a card.
func QuestionCard(text string) fyne.CanvasObject {
	return widget.NewCard("", "", widgets.Wrapped(text, fyne.TextAlignLeading, theme.SizeNameHeadingText, false))
}

func (q *Question) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(q.o.Keys, label, imp, tapped)
}

// Show builds the screen and puts it on show.
func (q *Question) Show() {
	o := q.o
	q.start = q.button("Start (Space)", widget.HighImportance, q.h.Start)
	if o.MicBlocked {
		q.start.Disable()
	}
	next := q.button("Next question (N)", widget.MediumImportance, q.h.Next)
	guide := q.button("How to answer (G)", widget.MediumImportance, q.h.Guide)
	body := container.NewVBox(
		layout.NewSpacer(),
		widget.NewLabel("Practice question"),
		QuestionCard(o.Question),
		q.storyRow(),
	)
	body.Add(widgets.Wrapped(o.Settings, fyne.TextAlignCenter, theme.SizeNameText, false))
	body.Add(widgets.Centered(q.start, next, guide))
	body.Add(widgets.Wrapped(o.Mic, fyne.TextAlignCenter, theme.SizeNameText, false))
	if o.MicBlocked {
		body.Add(widgets.Centered(q.button("Check again (C)", widget.MediumImportance, q.h.CheckMic)))
	}
	if o.Notice != "" {
		body.Add(widgets.Wrapped(o.Notice, fyne.TextAlignCenter, theme.SizeNameText, false))
	}
	// The cue card under Start, so a long one never pushes Start out of
	// the window; it scrolls with the screen.
	if q.cueShown() {
		body.Add(widget.NewCard("", "", o.Cue.Content()))
	}
	body.Add(layout.NewSpacer())
	q.content = container.NewVScroll(body)
	q.h.Show(q.content)
}

// cueShown tells whether the cue card is on show: asked for, with a
// story chosen.
func (q *Question) cueShown() bool {
	return q.o.CueShown && q.o.Picker != nil && q.o.Picker.Selected() != nil && q.o.Cue != nil
}

// storyRow is the story picker with the cue card's key.
func (q *Question) storyRow() fyne.CanvasObject {
	p := q.o.Picker
	if p == nil {
		return layout.NewSpacer()
	}
	label := "Show cue card (K)"
	if q.o.CueShown {
		label = "Hide cue card (K)"
	}
	toggle := q.button(label, widget.MediumImportance, q.h.ToggleCue)
	if p.Selected() == nil {
		// Say why it is off, on the button itself.
		toggle.SetText("Cue card: choose a story")
		toggle.Disable()
	}
	return container.NewBorder(nil, nil, widget.NewLabel("Story"), toggle, p.Content())
}

// Content is the screen last shown (nil before Show).
func (q *Question) Content() fyne.CanvasObject { return q.content }

// StartButton is the Start button (nil before Show).
func (q *Question) StartButton() *widgets.Button { return q.start }

// TypedKey: Space starts the take. Escape is used, to do nothing: the
// question screen is where Escape leads back to.
func (q *Question) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeySpace:
		q.h.Start()
	case fyne.KeyEscape:
	default:
		return false
	}
	return true
}

// TypedRune: N asks for another question, C looks for a microphone
// again, G opens the guide and K shows or hides the cue card.
func (q *Question) TypedRune(r rune) bool {
	switch r {
	case 'n', 'N':
		q.h.Next()
	case 'c', 'C':
		q.h.CheckMic()
	case 'g', 'G':
		q.h.Guide()
	case 'k', 'K':
		q.h.ToggleCue()
	default:
		return false
	}
	return true
}
