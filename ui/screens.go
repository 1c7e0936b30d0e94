package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/ui/turn"
	"failforward/ui/widgets"
)

// Sizes of the screens.
const (
	minWidth, minHeight = 720, 520
)

// setPage replaces the window content with body in a column no wider than
// maxW, framed by the page padding and the keys hint at the bottom.
func (c *coach) setPage(body fyne.CanvasObject, maxW float32) {
	hint := widget.NewLabelWithStyle("F1 or ?: all keys", fyne.TextAlignTrailing, fyne.TextStyle{})
	hint.SizeName = theme.SizeNameCaptionText
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(minWidth, minHeight))
	if !c.recording() && c.screen != screenWelcome {
		body = container.NewBorder(c.navBar(), nil, nil, nil, body)
	}
	page := container.New(layout.NewCustomPaddedLayout(widgets.PagePad, widgets.PagePad/2, widgets.PagePad, widgets.PagePad),
		container.NewBorder(nil, hint, nil, nil,
			container.New(widgets.Column{Max: maxW}, body)))
	content := container.NewStack(floor, page)
	c.win.SetContent(content)
	widgets.Relayout(content)
}

func (c *coach) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(&c.keys, label, imp, tapped)
}

// showQuestion shows the question screen (package turn).
func (c *coach) showQuestion() {
	c.screen = screenQuestion
	if c.opt.Library != nil {
		c.ensurePicker()
	}
	c.question = turn.NewQuestion(turn.QuestionOptions{
		Keys:       &c.keys,
		Question:   c.q.Text,
		Settings:   turn.SettingsLine(c.cfg),
		Mic:        c.micMsg,
		MicBlocked: c.micBlocked,
		Notice:     c.notice,
		Picker:     c.picker,
		Cue:        c.cue,
		CueShown:   c.cueShown,
	}, turn.QuestionHandlers{
		Show:      func(o fyne.CanvasObject) { c.setPage(o, widgets.MaxColumn) },
		Start:     c.start,
		Next:      c.nextQuestion,
		Guide:     func() { c.goTo(screenGuide) },
		CheckMic:  c.checkMic,
		ToggleCue: c.toggleCue,
	})
	c.nav = c.question
	c.question.Show()
}

func (c *coach) toggleHelp() {
	if c.helpOpen {
		c.hideHelp()
		return
	}
	// One form for all sections, so the keys line up; a section's title
	// sits over the descriptions.
	sheet := container.New(layout.NewFormLayout())
	for _, sec := range helpSections() {
		sheet.Add(layout.NewSpacer())
		sheet.Add(widget.NewLabelWithStyle(sec.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, k := range sec.rows {
			sheet.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
			sheet.Add(widget.NewLabel(k[1]))
		}
	}
	// The sheet scrolls, so it fits the smallest window.
	scroll := container.NewVScroll(sheet)
	size := c.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(min(640, size.Width-2*widgets.PagePad-40), min(560, size.Height-2*widgets.PagePad-120)))
	d := dialog.NewCustomWithoutButtons("Keys", scroll, c.win)
	welcome := c.button("Welcome and microphone check", widget.LowImportance, func() {
		c.hideHelp()
		c.showWelcome()
	})
	if c.recording() {
		welcome.Disable() // not during a take
	}
	d.SetButtons([]fyne.CanvasObject{welcome, c.button("Close (Esc)", widget.MediumImportance, c.hideHelp)})
	d.SetOnClosed(func() {
		c.helpOpen = false
		c.help = nil
	})
	c.help = d
	c.helpOpen = true
	d.Show()
}

func (c *coach) hideHelp() {
	if c.help != nil {
		c.help.Hide()
	}
}

// The question screen is the screen on show on the practice screen.
var _ Screen = (*turn.Question)(nil)
