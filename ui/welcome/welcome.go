// Package welcome is the first-start welcome, in three steps: what the
// app does, a microphone check (the input's level watched for speech,
// silence and clipping, and a three-second test recording played back),
// and the part keys. The window builds it with Options and Handlers and
// drives it as its other screens (it is a ui.Screen); the window frames
// what it shows and marks the welcome seen when it is finished or
// skipped. CheckMicrophone runs the same check without a window.
package welcome

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/ui/prefs"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// PrefSeen is the preference set once the welcome was finished or
// skipped: it does not open by itself again.
const PrefSeen = "welcome.seen"

// FirstStart tells whether the welcome should open by itself: p holds
// none of the settings' values and the welcome was never finished or
// skipped.
func FirstStart(p fyne.Preferences) bool {
	return !p.BoolWithFallback(PrefSeen, false) && !prefs.AnySaved(p)
}

// MarkSeen records in p that the welcome was finished or skipped.
func MarkSeen(p fyne.Preferences) { p.SetBool(PrefSeen, true) }

// Audio is what the welcome listens with: the window's audio.
type Audio interface {
	// OpenInput opens and starts the microphone. The error wraps
	// audio.ErrNoInput when the system has no input device.
	OpenInput() (recorder.Source, error)
}

// Options are what the welcome needs from the window.
type Options struct {
	Audio Audio
	// Keys are the window's key handlers, for the buttons to pass keys on.
	Keys *widgets.Keys
	// Now is the clock (the window's, injected by tests).
	Now func() time.Time
	// Inputs lists the input devices to choose from; nil for none beyond
	// the system default.
	Inputs func() []string
	// Input is the input device in use ("" for the system default).
	Input string
	// Play opens playback of the WAV at path, the test recording; the
	// error wraps audio.ErrNoOutput when there is no output device.
	Play func(path string) (audio.Player, error)
	// Model are the parts of the guide's model answer, drawn on the last
	// step.
	Model []practice.Part
	// Step is the step to open at (0 is the first; 1 the microphone
	// check).
	Step int
}

// Handlers are what the welcome asks of the window.
type Handlers struct {
	// Show puts the welcome's content on the window; it runs at each
	// step.
	Show func(fyne.CanvasObject)
	// Done ends the welcome, finished or skipped: the window shows
	// practice.
	Done func()
	// Guide ends the welcome on the guide.
	Guide func()
	// Input saves and applies the input device chosen in the check ("" for
	// the system default).
	Input func(string)
}

// The microphone check's thresholds.
const (
	// speechFor is how long the level must stay above the noise floor for
	// "We hear you".
	speechFor = 300 * time.Millisecond
	// speechOverFloor is how far above the noise floor (RMS, dB) speech
	// is; speechMinDB the quietest RMS taken for speech (dBFS).
	speechOverFloor = 12.0
	speechMinDB     = -40.0
	// speechCapDB is the highest threshold, so that a voice from the
	// first moment (the floor measured on speech) still counts.
	speechCapDB = -30.0
	// silenceAfter is how long the check listens before it gives the
	// silence advice.
	silenceAfter = 4 * time.Second
	// testLength is the test recording's length.
	testLength = 3 * time.Second
)

// Messages of the microphone check.
const (
	msgCheckPrompt    = "Say a sentence out loud, for example: \"Two years ago I missed a deadline that mattered.\""
	msgCheckListening = "Listening…"
	msgCheckNoSound   = "We hear only silence: the microphone sends no sound at all."
	msgCheckHeard     = "We hear you. Your microphone works."
	msgCheckQuiet     = "We hear only silence so far. Move closer to the microphone or speak a little louder."
	msgCheckClipping  = "Your voice is too loud for the microphone and distorts. Move back a little or turn the input level down."
	msgCheckNoMic     = "No microphone was found. Plug one in or turn it on, then press C to check again. You can go on without one and check later: Settings (Ctrl+6) or Check again (C) on the practice screen."
)

// micCheck is the welcome's microphone check: the input open through a
// recorder as for a take (nothing written until the test recording), the
// level watched for speech, silence and clipping.
type micCheck struct {
	src      recorder.Source
	rec      *recorder.Recorder
	err      error     // why the input could not be opened
	started  time.Time // when listening began
	floor    float64   // the quietest RMS seen, dBFS: the noise floor
	measured bool      // floor holds a level
	above    time.Duration
	lastTick time.Time
	heard    bool // speech was detected
	anyLevel bool // some sample was not zero
	clipped  bool

	testPath  string    // the test recording, while it exists
	testUntil time.Time // the test recording ends; zero when none
	player    audio.Player
}

// View is the first-start welcome, in three steps: what the app does, a
// microphone check, and the part keys. Escape skips it at any step.
//
// All methods must be called on the Fyne goroutine.
type View struct {
	widgets.ScreenBase
	o       Options
	h       Handlers
	step    int
	check   *micCheck
	status  *widget.Label
	test    *widget.Label
	meter   *widgets.LevelMeter
	content fyne.CanvasObject
}

// Steps is the number of steps.
const Steps = 3

// New builds the welcome at o.Step; Show puts it on show.
func New(o Options, h Handlers) *View {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Inputs == nil {
		o.Inputs = func() []string { return nil }
	}
	return &View{o: o, h: h, step: min(max(o.Step, 0), Steps-1)}
}

// Content is the step on show (nil before Show).
func (v *View) Content() fyne.CanvasObject { return v.content }

// Step is the step on show, 0 for the first.
func (v *View) Step() int { return v.step }

// Status is what the microphone check says ("" off its step).
func (v *View) Status() string {
	if v.status == nil {
		return ""
	}
	return v.status.Text
}

// TestLine is the line about the test recording.
func (v *View) TestLine() string {
	if v.test == nil {
		return ""
	}
	return v.test.Text
}

// TestPath is the test recording's file while it exists, else "".
func (v *View) TestPath() string {
	if v.check == nil {
		return ""
	}
	return v.check.testPath
}

// Recorded is how many frames the check's recorder has taken in.
func (v *View) Recorded() int64 {
	if v.check == nil || v.check.rec == nil {
		return 0
	}
	return int64(v.check.rec.Snapshot().Frames)
}

// Close stops the microphone, the test recording and its playback.
func (v *View) Close() { v.stopCheck() }

// button is a button that passes the window's keys on.
func (v *View) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(v.o.Keys, label, imp, tapped)
}

// Show builds the current step and puts it on show.
func (v *View) Show() {
	var body *fyne.Container
	title := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameHeadingText
		return l
	}
	line := func(s string) *widget.Label {
		return widgets.Wrapped(s, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false)
	}
	stepText := widget.NewLabel(fmt.Sprintf("Step %d of %d · Escape skips", v.step+1, Steps))
	skip := v.button("Skip (Esc)", widget.LowImportance, v.h.Done)
	var buttons []fyne.CanvasObject
	if v.step > 0 {
		buttons = append(buttons, v.button("Back (Left)", widget.MediumImportance, v.back))
	}
	switch v.step {
	case 0:
		v.stopCheck()
		body = container.NewVBox(title("Welcome to Fail Forward"),
			line("Fail Forward helps you rehearse one hard interview question: \"What was your biggest failure?\""),
			line("It gives you time to think, records your answer under a countdown, and lets you mark its parts and listen back."),
			line("A few takes a day make your answer shorter, clearer and calmer."),
			widgets.Wrapped("Your recordings stay on this computer. Nothing is sent anywhere.", fyne.TextAlignLeading, theme.SizeNameSubHeadingText, true),
		)
		buttons = append(buttons, v.button("Next (Space)", widget.HighImportance, v.next))
	case 1:
		v.startCheck()
		v.meter = widgets.NewLevelMeter()
		v.status = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameSubHeadingText, true)
		v.test = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
		body = container.NewVBox(title("Check your microphone"), v.deviceRow())
		if v.check.err == nil {
			body.Add(container.NewBorder(nil, nil, widget.NewLabel("Level"), nil, v.meter))
			body.Add(line(msgCheckPrompt))
		}
		body.Add(v.status)
		body.Add(v.test)
		if v.check.err != nil {
			buttons = append(buttons, v.button("Check again (C)", widget.MediumImportance, v.recheck))
		} else {
			buttons = append(buttons, v.button("Test recording, 3 s (T)", widget.MediumImportance, v.startTest))
		}
		buttons = append(buttons, v.button("Next (Space)", widget.HighImportance, v.next))
		v.update()
	default:
		v.stopCheck()
		body = container.NewVBox(title("Mark the parts as you speak"),
			line("A good answer has five parts. While you answer, press a key as each one starts:"),
			sampleTimeline(v.o.Model),
			line("S Situation · T Task · A Action · R Result · L Lesson"),
			line("Marks are easy to move afterwards, when you listen back."),
			line("How to answer, with a model answer: the Guide (G here, Ctrl+7 anywhere)."),
		)
		buttons = append(buttons, v.button("Read the guide (G)", widget.MediumImportance, v.guide),
			v.button("Start practising (Space)", widget.HighImportance, v.next))
	}
	body.Add(layout.NewSpacer())
	row := container.NewHBox(append([]fyne.CanvasObject{skip, layout.NewSpacer()}, buttons...)...)
	v.content = container.NewBorder(stepText, row, nil, nil, container.NewVScroll(body))
	v.h.Show(v.content)
}

// deviceRow is the list of inputs to choose from, "System default" first;
// a choice is saved to Settings at once.
func (v *View) deviceRow() fyne.CanvasObject {
	opts := append([]string{prefs.SystemDefault}, v.o.Inputs()...)
	sel := widgets.NewSelect(v.o.Keys, opts, nil)
	cur := v.o.Input
	if cur == "" {
		cur = prefs.SystemDefault
	}
	sel.SetSelected(cur)
	sel.OnChanged = func(s string) {
		if s == prefs.SystemDefault {
			s = ""
		}
		if s == v.o.Input {
			return
		}
		v.o.Input = s
		v.h.Input(s)
		v.recheck()
	}
	return container.NewBorder(nil, nil, widget.NewLabel("Microphone"), nil, sel)
}

// next goes to the next step, or to practice after the last.
func (v *View) next() {
	if v.step+1 >= Steps {
		v.h.Done()
		return
	}
	v.step++
	v.Show()
}

// back goes to the step before.
func (v *View) back() {
	if v.step > 0 {
		v.step--
		v.Show()
	}
}

// guide ends the welcome on the guide.
func (v *View) guide() { v.h.Guide() }

// TypedKey: Space goes on, Left back, Right on; Escape skips.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		v.h.Done()
	case fyne.KeySpace, fyne.KeyRight:
		v.next()
	case fyne.KeyLeft:
		v.back()
	default:
		return false
	}
	return true
}

// TypedRune: C checks again and T records a test on the microphone step,
// G opens the guide on the last.
func (v *View) TypedRune(r rune) bool {
	switch {
	case v.step == 1 && (r == 'c' || r == 'C'):
		v.recheck()
	case v.step == 1 && (r == 't' || r == 'T'):
		v.startTest()
	case v.step == 2 && (r == 'g' || r == 'G'):
		v.guide()
	default:
		return false
	}
	return true
}

// startCheck opens the microphone for the check, if it is not open.
func (v *View) startCheck() {
	if v.check != nil {
		return
	}
	now := v.o.Now()
	v.check = &micCheck{started: now, lastTick: now}
	src, err := v.o.Audio.OpenInput()
	if err != nil {
		v.check.err = err
		return
	}
	v.check.src = src
	v.check.rec = recorder.New(src)
}

// stopCheck closes the microphone, the test recording and its player.
func (v *View) stopCheck() {
	m := v.check
	if m == nil {
		return
	}
	if m.player != nil {
		_ = m.player.Close()
	}
	if m.rec != nil {
		if m.testPath != "" && !m.testUntil.IsZero() {
			_, _ = m.rec.Stop()
		}
		_ = m.rec.Close()
	}
	if m.testPath != "" {
		_ = os.RemoveAll(filepath.Dir(m.testPath))
	}
	v.check = nil
}

// recheck opens the microphone again.
func (v *View) recheck() {
	if v.step != 1 {
		return
	}
	v.stopCheck()
	v.Show()
}

// startTest records three seconds into a temporary file, to play back.
func (v *View) startTest() {
	m := v.check
	if v.step != 1 || m == nil || m.rec == nil || !m.testUntil.IsZero() {
		return
	}
	if m.player != nil {
		_ = m.player.Close()
		m.player = nil
	}
	if m.testPath != "" {
		_ = os.RemoveAll(filepath.Dir(m.testPath))
		m.testPath = ""
	}
	dir, err := os.MkdirTemp("", "failforward-check-")
	if err != nil {
		v.test.SetText(fmt.Sprintf("The test recording could not start (%v). The check above still tells whether we hear you.", err))
		return
	}
	m.testPath = filepath.Join(dir, "check.wav")
	if err := m.rec.Arm(m.testPath); err != nil {
		v.test.SetText(fmt.Sprintf("The test recording could not start (%v). The check above still tells whether we hear you.", err))
		return
	}
	m.testUntil = v.o.Now().Add(testLength)
	v.test.SetText("Recording 3 seconds: speak now.")
}

// Tick follows the level and the test recording.
func (v *View) Tick() {
	now := v.o.Now()
	m := v.check
	if v.step != 1 || m == nil || m.rec == nil {
		return
	}
	snap := m.rec.Snapshot()
	v.meter.SetLevel(snap.Level)
	m.observe(snap, now)
	if !m.testUntil.IsZero() && !now.Before(m.testUntil) {
		v.endTest()
	}
	v.update()
}

// observe takes in the input's level at now: the noise floor, how long
// the level has stayed above it, whether any sound came and whether it
// clips.
func (m *micCheck) observe(snap recorder.Snapshot, now time.Time) {
	dt := now.Sub(m.lastTick)
	m.lastTick = now
	l := snap.Level
	if l.Peak > audio.MinDB {
		m.anyLevel = true
		if !m.measured || l.RMS < m.floor {
			m.floor, m.measured = l.RMS, true
		}
	}
	if m.measured && l.RMS >= max(speechMinDB, min(m.floor+speechOverFloor, speechCapDB)) {
		m.above += dt
	} else {
		m.above = 0
	}
	if m.above >= speechFor {
		m.heard = true
	}
	m.clipped = l.Clipped
	if snap.Err != nil && m.err == nil {
		m.err = snap.Err
	}
}

// verdict is what the check says at now.
func (m *micCheck) verdict(now time.Time) string {
	switch {
	case m.err != nil && errors.Is(m.err, audio.ErrNoInput):
		return msgCheckNoMic
	case m.err != nil:
		return fmt.Sprintf("The microphone could not be opened (%v). Close other apps that may be using it, check that this app may use the microphone, then press C to check again. You can go on without it.", m.err)
	case m.clipped:
		return msgCheckClipping
	case m.heard:
		return msgCheckHeard
	case now.Sub(m.started) >= silenceAfter:
		if !m.anyLevel {
			return msgCheckNoSound + " " + audio.PermissionHint(runtime.GOOS)
		}
		return msgCheckQuiet
	}
	return msgCheckListening
}

// CheckMicrophone runs the welcome's microphone check on a's input
// without a window: it listens until it hears speech or clipping, or for
// as long as the check waits before it calls the input silent, and
// returns what the check would say.
func CheckMicrophone(a Audio) string {
	now := time.Now()
	m := &micCheck{started: now, lastTick: now}
	src, err := a.OpenInput()
	if err != nil {
		m.err = err
		return m.verdict(now)
	}
	rec := recorder.New(src)
	defer func() { _ = rec.Close() }()
	for {
		time.Sleep(time.Second / 30) // as often as the window ticks
		now = time.Now()
		m.observe(rec.Snapshot(), now)
		if m.heard || m.clipped || m.err != nil || now.Sub(m.started) >= silenceAfter {
			return m.verdict(now)
		}
	}
}

// endTest stops the test recording and plays it back.
func (v *View) endTest() {
	m := v.check
	m.testUntil = time.Time{}
	if _, err := m.rec.Stop(); err != nil {
		v.test.SetText(fmt.Sprintf("The test recording could not be saved (%v). Press T to try again.", err))
		return
	}
	p, err := v.o.Play(m.testPath)
	if err != nil {
		msg := fmt.Sprintf("The test recording could not be played (%v).", err)
		if errors.Is(err, audio.ErrNoOutput) {
			msg = "No speakers or headphones were found to play the test recording back. Connect some and press T to try again."
		}
		v.test.SetText(msg)
		return
	}
	m.player = p
	p.Play()
	v.test.SetText("Playing your 3 seconds back. Did it sound clear? Press T to record again.")
}

// update shows what the check found.
func (v *View) update() {
	m := v.check
	if m == nil || v.status == nil {
		return
	}
	text := m.verdict(v.o.Now())
	if v.status.Text != text {
		v.status.SetText(text)
	}
}

// sampleTimeline is a small drawing of an answer's parts: a band for each
// of parts (S T A R L of the model answer), as long as it, lettered.
func sampleTimeline(parts []practice.Part) fyne.CanvasObject {
	if len(parts) == 0 {
		return layout.NewSpacer()
	}
	total := parts[len(parts)-1].End
	var objs []fyne.CanvasObject
	var weights []float64
	for _, p := range parts {
		fill := timeline.PartColor(int(p.Kind))
		bg := canvas.NewRectangle(fill)
		bg.CornerRadius = 4
		txt := canvas.NewText(p.Kind.Letter(), widgets.ReadableOn(fill))
		txt.TextStyle.Bold = true
		txt.TextSize = theme.TextSubHeadingSize()
		txt.Alignment = fyne.TextAlignCenter
		objs = append(objs, container.NewStack(bg, container.NewCenter(txt)))
		weights = append(weights, p.Len()/total)
	}
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(0, 44))
	in := theme.InnerPadding() // in line with the text of the labels around it
	return container.New(layout.NewCustomPaddedLayout(0, 0, in, in),
		container.NewStack(floor, container.New(shareLayout{weights: weights}, objs...)))
}

// shareLayout lays its objects side by side, each taking its weight's
// share of the width.
type shareLayout struct{ weights []float64 }

func (l shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := float32(2)
	x := float32(0)
	room := size.Width - pad*float32(len(objs)-1)
	for i, o := range objs {
		w := room * float32(l.weights[i])
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l shareLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*24, h)
}
