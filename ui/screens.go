package ui

import (
	"image/color"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/review"
	"failforward/ui/timeline"
	"failforward/ui/turn"
	"failforward/ui/widgets"
)

// Sizes of the screens.
const (
	minWidth, minHeight = 720, 520
	thinkClockSize      = 96
	answerClockSize     = 112
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

// meterRow is the labelled live level meter.
func (c *coach) meterRow(lead fyne.CanvasObject) fyne.CanvasObject {
	c.w.meter = widgets.NewLevelMeter()
	return container.NewBorder(nil, nil, lead, nil, c.w.meter)
}

// showQuestion shows the question screen (package turn).
func (c *coach) showQuestion() {
	c.screen = screenQuestion
	c.w = liveWidgets{}
	if c.opt.Library != nil {
		c.ensurePicker()
	}
	c.question = turn.NewQuestion(turn.QuestionOptions{
		Keys:       &c.keys,
		Question:   c.q.Text,
		Settings:   settingsLine(c.cfg),
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
	c.question.Show()
	c.w.start = c.question.StartButton()
}

// cueSide is the cue card in a column of its own beside a practice screen,
// or nil when it is hidden.
func (c *coach) cueSide() fyne.CanvasObject {
	card := c.cueCardObject()
	if card == nil {
		return nil
	}
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(cueColumn, 0))
	c.w.cueScroll = container.NewVScroll(widget.NewCard("", "", card))
	return container.NewStack(floor, c.w.cueScroll)
}

// followCue scrolls the cue card beside the answer to the note of part
// k, the one just tagged, so the cues needed late in an answer (Result,
// Lesson) come into view without a key or the mouse.
func (c *coach) followCue(k practice.Kind) {
	sc := c.w.cueScroll
	if sc == nil || c.cue == nil {
		return
	}
	row := c.cue.Row(k)
	if row == nil {
		return
	}
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(row).Y - drv.AbsolutePositionForObject(sc.Content).Y
	sc.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding())))
}

// cueColumn is the width of the cue card beside the think and answer
// screens.
const cueColumn = 300

func (c *coach) showThink() {
	c.w = liveWidgets{}
	c.w.clock = widgets.NewBigText(timer.FormatRemaining(c.cfg.Think), thinkClockSize)
	mic := widget.NewLabel("Microphone")
	body := container.NewVBox(
		layout.NewSpacer(),
		turn.QuestionCard(c.q.Text),
		widgets.Wrapped("Think time", fyne.TextAlignCenter, theme.SizeNameSubHeadingText, true),
		c.w.clock,
		widgets.Wrapped("Space: start answering now", fyne.TextAlignCenter, theme.SizeNameText, false),
		widgets.Centered(c.button("Cancel (Esc)", widget.MediumImportance, func() { c.cancelTake(nil) })),
		layout.NewSpacer(),
		c.meterRow(mic),
		widgets.Wrapped("Recording starts when the answer time starts.", fyne.TextAlignCenter, theme.SizeNameCaptionText, false),
	)
	if side := c.cueSide(); side != nil {
		c.setPage(container.NewBorder(nil, nil, nil, side, body), widgets.WideColumn)
		return
	}
	c.setPage(body, widgets.MaxColumn)
}

func (c *coach) updateThink(st timer.State, snap recorder.Snapshot) {
	c.w.clock.Set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	c.w.meter.SetLevel(snap.Level)
}

func (c *coach) showAnswer() {
	c.w = liveWidgets{}
	c.w.clock = widgets.NewBigText(timer.FormatRemaining(c.cfg.Limit), answerClockSize)
	c.w.band = widgets.NewPhaseBand()
	c.w.band.Set(timer.Speak, "Keep going")
	c.w.progress = widget.NewProgressBar()
	// The time in words beside the bar rather than on it: Fyne writes it
	// in white, 2:1 on the bar's light track in the light theme.
	c.w.progress.TextFormatter = func() string { return "" }
	c.w.elapsed = widget.NewLabel(c.elapsedText())
	c.w.recording = widgets.NewRecordingDot()
	c.w.recording.Set("Recording 0:00")
	// The waveform fills from left to right across the answer limit.
	c.w.wave = timeline.NewWaveform()
	c.w.wave.SetDuration(c.cfg.Limit.Seconds())
	c.w.wave.SetPeaks(c.rec.Peaks())
	c.w.wave.SetBands(review.Bands(c.live.parts, -1))
	c.w.tagLine = widgets.Wrapped(c.live.note, fyne.TextAlignCenter, theme.SizeNameText, false)
	c.w.silence = widgets.Wrapped(audio.SilenceMessage(runtime.GOOS), fyne.TextAlignLeading, theme.SizeNameText, true)
	c.w.silence.Hidden = !c.live.silence
	c.w.tagLine.Hidden = c.live.silence
	c.w.stop = c.button("Stop (Space)", widget.HighImportance, c.stop)
	stop := container.NewHBox(
		c.button("Cancel (Esc)", widget.MediumImportance, func() { c.cancelTake(nil) }),
		c.w.stop)

	// The clock beside the phase band and progress, so the waveform gets
	// the height a small window has left.
	timing := container.NewBorder(nil, nil, c.w.clock, nil,
		container.NewVBox(layout.NewSpacer(), c.w.band,
			container.NewBorder(nil, nil, nil, c.w.elapsed, c.w.progress), layout.NewSpacer()))
	c.w.meter = widgets.NewLevelMeter()
	bottom := container.NewVBox(
		c.w.tagLine,
		c.w.silence,
		container.NewBorder(nil, nil, c.w.recording, stop, c.w.meter),
	)
	body := container.NewBorder(
		container.NewVBox(widgets.Wrapped(c.q.Text, fyne.TextAlignCenter, theme.SizeNameSubHeadingText, false), timing),
		bottom, nil, c.cueSide(),
		c.w.wave,
	)
	c.setPage(body, widgets.WideColumn)
}

func (c *coach) updateAnswer(st timer.State, snap recorder.Snapshot) {
	if st.Overtime > 0 {
		c.w.clock.Set("+"+timer.Format(st.Overtime), theme.ColorNameError)
	} else {
		c.w.clock.Set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	}
	c.w.band.Set(st.Phase, phaseText(st))
	c.w.answerElapsed = st.Elapsed
	c.w.progress.SetValue(st.Fraction)
	if text := c.elapsedText(); c.w.elapsed.Text != text {
		c.w.elapsed.SetText(text)
	}
	c.w.recording.Set("Recording " + timer.Format(framesDur(snap.Frames, snap.SampleRate)))
	c.w.meter.SetLevel(snap.Level)
	// The live parts grow with the recording; SetBands also shows the new
	// audio.
	c.growLive(snap.Frames, snap.SampleRate)
	c.w.wave.SetBands(review.Bands(c.live.parts, -1))
	if snap.DigitalSilence && !c.live.silence {
		// In place of the tagging hint: with a silent input there is
		// nothing to tag yet.
		c.live.silence = true
		c.w.silence.Show()
		c.w.tagLine.Hide()
		widgets.Relayout(c.win.Content())
	}
}

// elapsedText is the answer time so far against the limit: "0:05 of 2:00".
func (c *coach) elapsedText() string {
	return timer.Format(c.w.answerElapsed) + " of " + timer.Format(c.cfg.Limit)
}

func framesDur(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(frames) / float64(rate) * float64(time.Second))
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

// The question screen is a Screen, though the window keeps it off the
// places' routing (c.nav stays nil on the practice turn).
var _ Screen = (*turn.Question)(nil)
