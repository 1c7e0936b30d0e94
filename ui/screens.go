package ui

import (
	"image/color"
	"math"
	"runtime"
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

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/guide"
	"failforward/ui/review"
	"failforward/ui/timeline"
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

// questionCard shows the question in large wrapped text on a card.
func questionCard(text string) fyne.CanvasObject {
	return widget.NewCard("", "", widgets.Wrapped(text, fyne.TextAlignLeading, theme.SizeNameHeadingText, false))
}

func (c *coach) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(&c.keys, label, imp, tapped)
}

// meterRow is the labelled live level meter.
func (c *coach) meterRow(lead fyne.CanvasObject) fyne.CanvasObject {
	c.w.meter = widgets.NewLevelMeter()
	return container.NewBorder(nil, nil, lead, nil, c.w.meter)
}

func (c *coach) showQuestion() {
	c.screen = screenQuestion
	c.w = liveWidgets{}
	label := widget.NewLabel("Practice question")
	c.w.start = c.button("Start (Space)", widget.HighImportance, c.start)
	if c.micBlocked {
		c.w.start.Disable()
	}
	next := c.button("Next question (N)", widget.MediumImportance, c.nextQuestion)
	guide := c.button("How to answer (G)", widget.MediumImportance, func() { c.goTo(screenGuide) })
	body := container.NewVBox(
		layout.NewSpacer(),
		label,
		questionCard(c.q.Text),
		c.storyRow(),
	)
	body.Add(widgets.Wrapped(settingsLine(c.cfg), fyne.TextAlignCenter, theme.SizeNameText, false))
	body.Add(widgets.Centered(c.w.start, next, guide))
	body.Add(widgets.Wrapped(c.micMsg, fyne.TextAlignCenter, theme.SizeNameText, false))
	if c.micBlocked {
		body.Add(widgets.Centered(c.button("Check again (C)", widget.MediumImportance, c.checkMic)))
	}
	if c.notice != "" {
		body.Add(widgets.Wrapped(c.notice, fyne.TextAlignCenter, theme.SizeNameText, false))
	}
	// The cue card under Start, so a long one never pushes Start out of
	// the window; it scrolls with the screen.
	if card := c.cueCardObject(); card != nil {
		body.Add(widget.NewCard("", "", card))
	}
	body.Add(layout.NewSpacer())
	c.setPage(container.NewVScroll(body), widgets.MaxColumn)
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
		questionCard(c.q.Text),
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
	c.w.wave.SetBands(bandsOf(c.live.parts, -1))
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
	c.w.wave.SetBands(bandsOf(c.live.parts, -1))
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

// showReview builds the review screen: the take's timeline with its parts,
// playback and editing controls, and the insights panel beside it (below
// it in a narrow window), each part scrolling on its own.
func (c *coach) showReview() {
	c.w = liveWidgets{}
	r := &c.review
	top := c.reviewHeading()
	c.reviewWave()
	transport, tools, export := c.reviewControls()
	c.w.status = widgets.Wrapped(reviewHint, fyne.TextAlignLeading, theme.SizeNameText, false)
	c.setStatus(r.status)
	c.w.insightsBtn = c.button("How it went (I)", widget.MediumImportance, c.toggleInsights)
	leave := container.NewHBox(export, c.w.insightsBtn, layout.NewSpacer(),
		c.button("Retake (Ctrl+R)", widget.MediumImportance, c.retake),
		c.button("New question (N)", widget.MediumImportance, c.nextQuestion))

	main := container.New(&reviewMainLayout{}, container.NewVScroll(top), c.w.wave,
		container.NewVBox(transport, tools,
			container.New(&hintFloor{ghost: widgets.Wrapped(reviewHint, fyne.TextAlignLeading, theme.SizeNameText, false)}, c.w.status),
			leave))
	panel, back, side := c.reviewSide()
	c.w.layout = &reviewLayout{main: container.NewVScroll(main), side: side, panel: panel,
		toggle: c.w.insightsBtn, back: back, showSide: r.showInsights}
	c.setPage(container.New(c.w.layout, c.w.layout.main, side), widgets.WideColumn)
	c.showParts()
	c.tickReview()
}

// reviewHeading is the top of the review screen: the question, the
// answer's length against its limit, the feedback and any notes.
func (c *coach) reviewHeading() *fyne.Container {
	r := &c.review
	t := r.take
	summary := "Your answer: " + clock(t.Duration) + " of " + timer.Format(c.cfg.Limit)
	if t.LimitS > 0 {
		summary = "Your answer: " + clock(t.Duration) + " of " + clock(t.LimitS)
	}
	question := t.QuestionText
	if question == "" {
		question = c.q.Text
	}
	top := container.NewVBox(
		widgets.Wrapped(question, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false),
		widgets.Wrapped(summary, fyne.TextAlignLeading, theme.SizeNameHeadingText, true),
	)
	if !strings.HasPrefix(t.Stopped, "error") {
		top.Add(widgets.Wrapped(feedback(t, c.cfg), fyne.TextAlignLeading, theme.SizeNameText, false))
	}
	for _, n := range r.notes {
		top.Add(widgets.Wrapped(n, fyne.TextAlignLeading, theme.SizeNameText, false))
	}

	return top
}

// reviewWave makes the review's timeline, with the take's peaks and parts
// and the window's handlers.
func (c *coach) reviewWave() {
	r := &c.review
	t := r.take
	c.w.wave = timeline.NewWaveform()
	c.w.wave.SetPeaks(r.pyr)
	c.w.wave.SetDuration(t.Duration)
	c.w.wave.SetFollow(true)
	if r.report != nil {
		c.w.wave.SetGhosts(review.GhostTimes(*r.report))
	}
	c.w.wave.OnTapped = c.seekAt
	c.w.wave.OnBandTapped = c.bandTapped
	c.w.wave.OnDragBoundary = c.dragBoundary
	c.w.wave.OnSelectRange = c.rangeSelected
	c.w.wave.OnDragEnd = c.dragEnded
}

// reviewControls makes the playback row (play, seek bar, position,
// speed), the row of part and editing tools, and the export button.
func (c *coach) reviewControls() (transport, tools, export fyne.CanvasObject) {
	r := &c.review
	c.w.play = c.button("Play (Space)", widget.HighImportance, c.togglePlay)
	c.w.seek = widgets.NewSeekBar(c.seekTo)
	c.w.position = widget.NewLabel(c.positionText(0))
	labels := make([]string, len(speeds))
	for i, s := range speeds {
		labels[i] = speedLabel(s)
	}
	c.w.speed = widgets.NewSelect(&c.keys, labels, nil)
	c.w.speed.SetSelected(speedLabel(r.want))
	c.w.speed.OnChanged = func(s string) {
		if v, err := strconv.ParseFloat(strings.TrimSuffix(s, "x"), 64); err == nil {
			c.setSpeed(v)
		}
	}
	prev := c.button("[ Part", widget.MediumImportance, func() { c.stepPart(-1) })
	next := c.button("Part ]", widget.MediumImportance, func() { c.stepPart(1) })
	c.w.playPart = c.button("Play part (P)", widget.MediumImportance, c.playPart)
	c.w.loop = c.button(loopLabel(r.loop), widget.MediumImportance, c.toggleLoop)
	if c.player == nil {
		for _, w := range []fyne.Disableable{c.w.play, c.w.speed, prev, next, c.w.playPart, c.w.loop} {
			w.Disable()
		}
		c.w.seek.SetDisabled(true)
	}
	// The button keeps the width of its longer label, so the bar beside it
	// does not jump between Play and Pause.
	playBox := container.NewGridWrap(c.button("Pause (Space)", widget.HighImportance, nil).MinSize(), c.w.play)

	c.w.undo = c.iconButton("", theme.ContentUndoIcon(), c.undo)
	c.w.redo = c.iconButton("", theme.ContentRedoIcon(), c.redo)
	c.w.split = c.iconButton("Split (X)", theme.ContentCutIcon(), c.split)
	c.w.del = c.iconButton("", theme.DeleteIcon(), c.deleteSelected)
	export = c.iconButton("Export labels (E)", theme.DocumentSaveIcon(), c.exportLabels)
	transport = container.NewBorder(nil, nil, playBox,
		container.NewHBox(c.w.position, widget.NewLabel("Speed"), c.w.speed), c.w.seek)
	tools = container.NewHBox(prev, next, c.w.playPart, c.w.loop, layout.NewSpacer(),
		c.w.undo, c.w.redo, c.w.split, c.w.del)

	return transport, tools, export
}

// reviewSide makes the side of the review: the insights panel and the
// self-review in tabs, with the way back to the timeline for a narrow
// window.
func (c *coach) reviewSide() (panel fyne.CanvasObject, back *widgets.Button, side fyne.CanvasObject) {
	r := &c.review
	t := r.take
	// The insights panel's place: beside the timeline in a wide window;
	// in a narrow one it takes the timeline's place while "How it went"
	// is on.
	panel = container.NewStack()
	if r.insights != nil {
		panel = r.insights.CanvasObject()
	}
	back = c.button("Back to the timeline (I)", widget.MediumImportance, c.toggleInsights)
	if r.check == nil {
		r.check = review.NewChecklist(t, c.reviewChanged, &c.keys, c.navFromField, func(k practice.Check) { c.showGuide(guide.CheckSection(k)) })
	}
	r.tabs = container.NewAppTabs(
		container.NewTabItem("How it went", panel),
		container.NewTabItem("Your review (V)", container.NewVScroll(r.check.Content())))
	if r.showChecklist {
		r.tabs.SelectIndex(1)
	}
	r.tabs.OnSelected = func(ti *container.TabItem) { r.showChecklist = r.tabs.SelectedIndex() == 1 }
	side = container.NewBorder(container.NewHBox(back), nil, nil, nil, r.tabs)
	return panel, back, side
}

// reviewMainLayout stacks the review's heading (a scroll of the question,
// summary and notes), the timeline and the controls. The controls keep
// their height and the timeline its minimum; the heading gets what it
// needs up to what is left (at least topFloor), and scrolls beyond that,
// so the controls stay on screen in a small window however many notes
// the take has.
type reviewMainLayout struct{}

// topFloor is the least height of the review's heading.
const topFloor = 90

func (reviewMainLayout) parts(objs []fyne.CanvasObject) (top *container.Scroll, wave, bottom fyne.CanvasObject) {
	return objs[0].(*container.Scroll), objs[1], objs[2]
}

func (l reviewMainLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top, wave, bottom := l.parts(objs)
	pad := theme.Padding()
	bh := bottom.MinSize().Height
	left := size.Height - bh - wave.MinSize().Height - 2*pad
	th := min(top.Content.MinSize().Height, max(left, topFloor))
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	wave.Move(fyne.NewPos(0, th+pad))
	wave.Resize(fyne.NewSize(size.Width, max(size.Height-th-bh-2*pad, wave.MinSize().Height)))
	bottom.Move(fyne.NewPos(0, size.Height-bh))
	bottom.Resize(fyne.NewSize(size.Width, bh))
}

func (l reviewMainLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, wave, bottom := l.parts(objs)
	w := max(top.Content.MinSize().Width, wave.MinSize().Width, bottom.MinSize().Width)
	h := min(top.Content.MinSize().Height, topFloor) + wave.MinSize().Height + bottom.MinSize().Height + 2*theme.Padding()
	return fyne.NewSize(w, h)
}

// hintFloor keeps the review's status line at least as tall as the hint
// it starts with, at the width it has: a shorter message (a part
// selected) then leaves the timeline where it is instead of making it
// jump by a line.
type hintFloor struct{ ghost *widget.Label }

func (l *hintFloor) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *hintFloor) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
		if w := o.Size().Width; w > 0 && l.ghost.Size().Width != w {
			l.ghost.Resize(fyne.NewSize(w, l.ghost.MinSize().Height))
		}
	}
	if l.ghost.Size().Width > 0 {
		s.Height = max(s.Height, l.ghost.MinSize().Height)
	}
	return s
}

// toggleInsights shows the insights panel in place of the timeline, or the
// timeline again, in a window too narrow for both.
func (c *coach) toggleInsights() {
	if c.screen != screenReview || c.w.layout == nil || c.w.layout.wide {
		return
	}
	c.review.showInsights = !c.review.showInsights
	c.w.layout.showSide = c.review.showInsights
	c.win.Content().Refresh()
	widgets.Relayout(c.win.Content())
}

func (c *coach) iconButton(label string, icon fyne.Resource, tapped func()) *widgets.Button {
	b := c.button(label, widget.MediumImportance, tapped)
	b.Icon = icon
	return b
}

// reviewLayout places the review's timeline (main) and insights (side)
// side by side when the window is wide enough for both, the insights
// taking sideShare of the width. In a narrower window it shows one of
// them at a time, with a button to switch, so a small window never has to
// grow wider than its minimum.
type reviewLayout struct {
	main, side   fyne.CanvasObject
	panel        fyne.CanvasObject // the insights inside side
	toggle, back *widgets.Button   // switch between them when narrow
	wide         bool
	showSide     bool // narrow: the insights are on show
}

// The insights get sideShare of a wide review screen, and at least
// sideMin (or what they ask for, when more).
const (
	sideShare = 0.32
	sideMin   = 340
)

// sideWidth is the insights' width in a window width wide, and whether
// the timeline fits beside them.
func (l *reviewLayout) sideWidth(width float32) (float32, bool) {
	sw := max(float32(math.Round(float64(width*sideShare))), sideMin, l.panel.MinSize().Width)
	return sw, width-sw >= l.main.MinSize().Width
}

func (l *reviewLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	sw, wide := l.sideWidth(size.Width - pad)
	l.wide = wide
	l.toggle.Hidden = wide
	l.back.Hidden = wide
	switch {
	case wide:
		l.main.Move(fyne.NewPos(0, 0))
		l.main.Resize(fyne.NewSize(size.Width-sw-pad, size.Height))
		l.side.Move(fyne.NewPos(size.Width-sw, 0))
		l.side.Resize(fyne.NewSize(sw, size.Height))
		l.main.Show()
		l.side.Show()
	case l.showSide:
		l.side.Move(fyne.NewPos(0, 0))
		l.side.Resize(size)
		l.side.Show()
		l.main.Hide()
	default:
		l.main.Move(fyne.NewPos(0, 0))
		l.main.Resize(size)
		l.main.Show()
		l.side.Hide()
	}
}

// MinSize is that of the wider of the two, shown one at a time.
func (l *reviewLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return l.main.MinSize().Max(l.side.MinSize())
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
