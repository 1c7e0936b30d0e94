package ui

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/recorder"
	"failforward/timer"
)

// Sizes of the screens.
const (
	minWidth, minHeight = 720, 520
	maxColumn           = 820 // widest the content column grows
	pagePad             = 24
	thinkClockSize      = 96
	answerClockSize     = 112
)

// columnLayout centres its objects in a column no wider than max.
type columnLayout struct{ max float32 }

func (l columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.max)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// setPage replaces the window content with body, framed by the page
// padding and the keys hint at the bottom.
func (c *coach) setPage(body fyne.CanvasObject) {
	hint := widget.NewLabelWithStyle("F1 or ?: all keys", fyne.TextAlignTrailing, fyne.TextStyle{})
	hint.SizeName = theme.SizeNameCaptionText
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(minWidth, minHeight))
	page := container.New(layout.NewCustomPaddedLayout(pagePad, pagePad/2, pagePad, pagePad),
		container.NewBorder(nil, hint, nil, nil,
			container.New(columnLayout{max: maxColumn}, body)))
	content := container.NewStack(floor, page)
	c.win.SetContent(content)
	relayout(content)
}

// relayout lays out every container again, top down. Wrapped labels learn
// their width in the first layout and only then report their real height,
// so a second pass gives them the room they need from the first frame.
func relayout(o fyne.CanvasObject) {
	box, ok := o.(*fyne.Container)
	if !ok {
		return
	}
	if box.Layout != nil {
		box.Layout.Layout(box.Objects, box.Size())
	}
	for _, child := range box.Objects {
		relayout(child)
	}
}

// wrapped returns a word-wrapped label.
func wrapped(text string, align fyne.TextAlign, size fyne.ThemeSizeName, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: bold})
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = size
	return l
}

// questionCard shows the question in large wrapped text on a card.
func questionCard(text string) fyne.CanvasObject {
	return widget.NewCard("", "", wrapped(text, fyne.TextAlignLeading, theme.SizeNameHeadingText, false))
}

func centered(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(container.NewHBox(objs...))
}

func (c *coach) button(label string, imp widget.Importance, tapped func()) *keyButton {
	return newKeyButton(&c.keys, label, imp, tapped)
}

// meterRow is the labelled live level meter.
func (c *coach) meterRow(lead fyne.CanvasObject) fyne.CanvasObject {
	c.w.meter = newLevelMeter()
	return container.NewBorder(nil, nil, lead, nil, c.w.meter)
}

func (c *coach) showQuestion() {
	c.screen = screenQuestion
	c.w = widgets{}
	label := widget.NewLabel("Practice question")
	c.w.start = c.button("Start (Space)", widget.HighImportance, c.start)
	if c.micBlocked {
		c.w.start.Disable()
	}
	next := c.button("Next question (N)", widget.MediumImportance, c.nextQuestion)
	body := container.NewVBox(
		layout.NewSpacer(),
		label,
		questionCard(c.q.Text),
		wrapped(settingsLine(c.cfg), fyne.TextAlignCenter, theme.SizeNameText, false),
		centered(c.w.start, next),
	)
	body.Add(wrapped(c.micMsg, fyne.TextAlignCenter, theme.SizeNameText, false))
	if c.micBlocked {
		body.Add(centered(c.button("Check again (C)", widget.MediumImportance, c.checkMic)))
	}
	if c.notice != "" {
		body.Add(wrapped(c.notice, fyne.TextAlignCenter, theme.SizeNameText, false))
	}
	body.Add(layout.NewSpacer())
	c.setPage(body)
}

func (c *coach) showThink() {
	c.w = widgets{}
	c.w.clock = newBigText(timer.FormatRemaining(c.cfg.Think), thinkClockSize)
	mic := widget.NewLabel("Microphone")
	body := container.NewVBox(
		layout.NewSpacer(),
		questionCard(c.q.Text),
		wrapped("Think time", fyne.TextAlignCenter, theme.SizeNameSubHeadingText, true),
		c.w.clock,
		wrapped("Space: start answering now", fyne.TextAlignCenter, theme.SizeNameText, false),
		layout.NewSpacer(),
		c.meterRow(mic),
		wrapped("Recording starts when the answer time starts.", fyne.TextAlignCenter, theme.SizeNameCaptionText, false),
	)
	c.setPage(body)
}

func (c *coach) updateThink(st timer.State, snap recorder.Snapshot) {
	c.w.clock.set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	c.w.meter.setLevel(snap.Level)
}

func (c *coach) showAnswer() {
	c.w = widgets{}
	c.w.clock = newBigText(timer.FormatRemaining(c.cfg.Limit), answerClockSize)
	c.w.band = newPhaseBand()
	c.w.band.text = "Keep going"
	c.w.progress = widget.NewProgressBar()
	c.w.progress.TextFormatter = func() string {
		return timer.Format(c.w.answerElapsed) + " of " + timer.Format(c.cfg.Limit)
	}
	c.w.recording = newRecordingDot()
	c.w.recording.text = "Recording 0:00"
	stop := c.button("Stop (Space)", widget.HighImportance, c.stop)
	body := container.NewBorder(
		wrapped(c.q.Text, fyne.TextAlignCenter, theme.SizeNameSubHeadingText, false),
		container.New(layout.NewCustomPaddedVBoxLayout(pagePad/2), c.meterRow(c.w.recording), centered(stop)),
		nil, nil,
		container.NewVBox(layout.NewSpacer(), c.w.clock, c.w.band, c.w.progress, layout.NewSpacer()),
	)
	c.setPage(body)
}

func (c *coach) updateAnswer(st timer.State, snap recorder.Snapshot) {
	if st.Overtime > 0 {
		c.w.clock.set("+"+timer.Format(st.Overtime), theme.ColorNameError)
	} else {
		c.w.clock.set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	}
	c.w.band.set(st.Phase, phaseText(st))
	c.w.answerElapsed = st.Elapsed
	c.w.progress.SetValue(st.Fraction)
	c.w.recording.set("Recording " + timer.Format(framesDur(snap.Frames, snap.SampleRate)))
	c.w.meter.setLevel(snap.Level)
}

func (c *coach) showReview() {
	c.w = widgets{}
	t := c.review.take
	got := time.Duration(t.Duration * float64(time.Second))
	summary := "Your answer: " + timer.Format(got) + " of " + timer.Format(c.cfg.Limit)
	body := container.NewVBox(
		layout.NewSpacer(),
		wrapped(c.q.Text, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false),
		wrapped(summary, fyne.TextAlignLeading, theme.SizeNameHeadingText, true),
	)
	if !strings.HasPrefix(t.Stopped, "error") {
		body.Add(wrapped(feedback(t, c.cfg), fyne.TextAlignLeading, theme.SizeNameText, false))
	}
	for _, n := range c.review.notes {
		body.Add(wrapped(n, fyne.TextAlignLeading, theme.SizeNameText, false))
	}

	c.w.play = c.button("Play (Space)", widget.HighImportance, c.togglePlay)
	c.w.seek = newSeekBar(c.seekTo)
	c.w.position = widget.NewLabel(c.positionText(0, c.review.frames))
	if c.player == nil {
		c.w.play.Disable()
		c.w.seek.disabled = true
		c.w.position.SetText("0:00 / " + timer.Format(got))
	}
	// The button keeps the width of its longer label, so the bar beside it
	// does not jump between Play and Pause.
	playBox := container.NewGridWrap(c.button("Pause (Space)", widget.HighImportance, nil).MinSize(), c.w.play)
	body.Add(container.NewBorder(nil, nil, playBox, c.w.position, c.w.seek))
	body.Add(centered(
		c.button("Retake (R)", widget.MediumImportance, c.retake),
		c.button("New question (N)", widget.MediumImportance, c.nextQuestion),
	))
	body.Add(layout.NewSpacer())
	c.setPage(body)
	c.tickReview()
}

// helpKeys are the rows of the help sheet.
var helpKeys = [...][2]string{
	{"Space", "Start · Start answering now · Stop · Play or pause"},
	{"N", "Next question"},
	{"R", "Retake the same question"},
	{"C", "Check the microphone again"},
	{"Left / Right", "Back or forward 5 seconds when reviewing"},
	{"F1 or ?", "Show this help"},
	{"Escape", "Close this help"},
}

func (c *coach) toggleHelp() {
	if c.helpOpen {
		c.hideHelp()
		return
	}
	rows := container.New(layout.NewFormLayout())
	for _, k := range helpKeys {
		rows.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		rows.Add(widget.NewLabel(k[1]))
	}
	d := dialog.NewCustomWithoutButtons("Keys", rows, c.win)
	d.SetButtons([]fyne.CanvasObject{c.button("Close (Esc)", widget.MediumImportance, c.hideHelp)})
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
