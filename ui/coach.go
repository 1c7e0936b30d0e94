package ui

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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

// screen is the step of the practice loop the window shows.
type screen int

const (
	screenQuestion screen = iota
	screenThink
	screenAnswer
	screenReview
	// The screens beyond the practice loop (see nav.go).
	screenLibrary
	screenCompare
	screenProgress
	screenStories
	screenQuestions
	screenSettings
	screenGuide
	// The first-start welcome (package welcome).
	screenWelcome
)

// Reasons stored in practice.Take.Stopped.
const (
	stoppedUser  = "user"
	stoppedLimit = "limit"
)

// errInputEnded stands in for a source that ended without saying why.
var errInputEnded = errors.New("the input stream ended")

// coach is the window's state machine. Every field is used only on the Fyne
// main goroutine.
type coach struct {
	app      fyne.App
	win      fyne.Window
	opt      Options
	settings practice.Settings // as saved; the flags of this run may differ
	cfg      timer.Config
	now      func() time.Time
	reaction time.Duration // see Options.ReactionCompensation
	keys     widgets.Keys
	ticker   *ticker // nil in tests that tick by hand
	closed   bool

	bag        *practice.Bag
	q          practice.Question
	noQuestion bool
	screen     screen

	// question screen
	micBlocked bool   // Start waits for a successful microphone check
	micMsg     string // microphone status line
	notice     string // a message about the last attempt (errors)

	// take in progress (think and answer screens)
	cd     *timer.Countdown
	src    recorder.Source
	rec    *recorder.Recorder
	device string
	take   practice.Take
	// armedAfter is how long after the answer began the recorder was
	// armed (the microphone opening when there is no think time).
	armedAfter time.Duration
	live       liveState
	stopping   bool // Stop was pressed: the next tick saves the take

	// rv is the review screen, the last one shown (nil before the
	// first); closed once left.
	rv *review.View

	help     dialog.Dialog
	helpOpen bool
	// asking is the Discard-or-Keep question about the take being
	// recorded, nil when none is on show.
	asking *widgets.KeyDialog

	nav       Screen
	picker    *turn.StoryPicker // the story for the next take; nil until first shown
	cue       *turn.CueCard
	question  *turn.Question // the question screen, the last one shown
	cueShown  bool           // the cue card is on the practice screens
	cuePlayer Player         // the time cue playing, nil for none
	cueUntil  time.Time      // when the cue player is closed at the latest
	lastPhase timer.Phase    // the countdown's phase at the last tick

	w       liveWidgets
	laidOut fyne.Size // the window size the screen was last laid out for
}

// liveState is the tagging of the take being recorded.
type liveState struct {
	// parts are in seconds from armAt, the moment the recorder was
	// armed; the take's first sample was captured within about a block
	// of it. finishTake moves them onto the recording's own time once
	// the recorder says when its first sample was captured.
	parts   *practice.Parts
	armAt   time.Time
	silence bool   // the silence message was shown for this take
	note    string // the line under the waveform
}

// liveWidgets holds the widgets of the screen on show that the ticker updates.
type liveWidgets struct {
	start         *widgets.Button
	stop          *widgets.Button // answer: Stop, "Saving…" once pressed
	clock         *widgets.BigText
	band          *widgets.PhaseBand
	progress      *widget.ProgressBar
	meter         *widgets.LevelMeter
	recording     *widgets.RecordingDot
	elapsed       *widget.Label // answer: the time so far, beside the bar
	answerElapsed time.Duration

	wave      *timeline.Waveform
	tagLine   *widget.Label     // answer: the keys hint, then the last mark
	silence   *widget.Label     // answer: the silent-microphone message
	cueScroll *container.Scroll // think and answer: the cue card beside
}

// newCoach builds the window and shows the first question. It starts no
// goroutines; New adds the ticker.
func newCoach(a fyne.App, opt Options) *coach {
	c := &coach{app: a, opt: opt, now: opt.Now}
	c.settings = practice.DefaultSettings()
	if opt.Settings != nil {
		c.settings = *opt.Settings
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.reaction = opt.ReactionCompensation
	switch {
	case c.reaction == 0:
		c.reaction = practice.DefaultReaction
	case c.reaction < 0:
		c.reaction = 0
	}
	c.cfg = opt.Timer
	if c.cfg == (timer.Config{}) {
		c.cfg = timer.DefaultConfig()
	} else if err := c.cfg.Validate(); err != nil {
		c.notice = fmt.Sprintf("The timer settings could not be used (%v), so the defaults apply.", err)
		c.cfg = timer.DefaultConfig()
	}
	qs := opt.Questions
	if qs == nil {
		qs = practice.Questions()
	}
	c.bag = practice.NewBag(qs, opt.Rand) // nil: randomly seeded
	if len(qs) == 0 {
		c.noQuestion = true
		c.q = practice.Question{Text: "What was your biggest failure?"}
	} else {
		c.q = c.bag.Next()
	}
	c.micMsg = msgMicIdle

	c.keys = widgets.Keys{Key: c.typedKey, Rune: c.typedRune}
	c.win = a.NewWindow("Fail Forward")
	c.win.Canvas().SetOnTypedKey(c.typedKey)
	c.win.Canvas().SetOnTypedRune(c.typedRune)
	c.addShortcuts()
	c.win.SetOnClosed(c.shutdown)
	c.win.SetCloseIntercept(c.closeRequested)
	c.win.Resize(fyne.NewSize(960, 640))
	c.showQuestion()
	if opt.Welcome {
		c.showWelcome()
	}
	return c
}

// shutdown runs when the window closes: it stops the ticker, saves a take
// in progress and releases the audio devices.
func (c *coach) shutdown() {
	if c.closed {
		return
	}
	c.leaveNav() // closing the window on the welcome is not finishing it
	c.stopCue()
	if c.ticker != nil {
		c.ticker.stop() // first: no new tick is scheduled; a queued one sees closed
	}
	c.closed = true
	switch c.screen {
	case screenAnswer:
		c.finishTake(stoppedUser, nil)
	case screenThink:
		c.dropRecorder()
	}
	c.leaveReview()
}

// typedKey handles named keys for the whole window. Letters, digits and
// punctuation are handled as characters, in typedRune.
func (c *coach) typedKey(ev *fyne.KeyEvent) {
	if c.asking != nil {
		c.asking.TypedKey(ev)
		return
	}
	switch ev.Name {
	case fyne.KeyF1:
		c.toggleHelp()
		return
	case fyne.KeyEscape:
		switch {
		case c.helpOpen:
			c.hideHelp()
		case c.onNavScreen():
			c.navKey(ev)
		case c.recording():
			c.cancelTake(nil)
		}
		return
	}
	if c.helpOpen {
		return
	}
	if c.onNavScreen() {
		c.navKey(ev)
		return
	}
	if c.screen == screenQuestion && c.question != nil && c.question.TypedKey(ev) {
		return
	}
	if ev.Name == fyne.KeySpace {
		c.space()
	}
}

// typedRune handles character shortcuts. Space arrives here too (after the
// key event) and is ignored: it is handled once, in typedKey.
func (c *coach) typedRune(r rune) {
	if c.asking != nil {
		c.asking.TypedRune(r)
		return
	}
	if r == '?' {
		c.toggleHelp()
		return
	}
	if c.helpOpen {
		return
	}
	if c.onNavScreen() {
		c.navRune(r)
		return
	}
	if c.screen == screenQuestion && c.question != nil && c.question.TypedRune(r) {
		return
	}
	if r == 'k' || r == 'K' {
		c.toggleCue()
		return
	}
	if k, ok := practice.KindForKey(string(r)); ok && c.screen == screenAnswer {
		c.markLive(k)
		return
	}
}

// shortcuts are the window's keyboard shortcuts: Ctrl+1 to Ctrl+7 for
// the places of the navigation bar and the places' own (see places).
func (c *coach) shortcuts() []fyne.Shortcut {
	out := navShortcuts()
	for _, p := range places {
		out = append(out, p.shortcuts...)
	}
	return out
}

// addShortcuts registers the shortcuts with the window.
func (c *coach) addShortcuts() {
	for _, s := range c.shortcuts() {
		c.win.Canvas().AddShortcut(s, c.typedShortcut)
	}
}

// typedShortcut runs a shortcut of the window.
func (c *coach) typedShortcut(s fyne.Shortcut) {
	if c.helpOpen || c.asking != nil {
		return
	}
	c.navShortcut(s)
}

// space is the one key for the main action of each screen.
func (c *coach) space() {
	switch c.screen {
	case screenQuestion:
		c.start()
	case screenThink:
		c.cd.SkipThink(c.now())
		c.tick()
	case screenAnswer:
		c.stop()
	}
}

// nextQuestion moves to a new question from the question or review screen.
// During a take it does nothing, so a stray key never ends an answer.
func (c *coach) nextQuestion() {
	if c.screen != screenQuestion && c.screen != screenReview {
		return
	}
	c.leaveReview()
	if !c.noQuestion {
		c.q = c.bag.Next()
	}
	c.notice = ""
	c.showQuestion()
}

// retake starts the same question again from the review screen.
func (c *coach) retake() {
	if c.screen != screenReview {
		return
	}
	c.leaveReview()
	c.notice = ""
	c.screen = screenQuestion
	c.showQuestion()
	c.start()
}

const (
	msgMicIdle  = "The microphone turns on when you press Start."
	msgMicFound = "Microphone found. Press Space to start."
	msgNoMic    = "No microphone found. Plug one in or check your sound settings, then press Check again."
)

// micProblem turns an OpenInput error into the status line.
func micProblem(err error) string {
	if errors.Is(err, audio.ErrNoInput) {
		return msgNoMic
	}
	return fmt.Sprintf("The microphone could not be opened (%v). Close other apps that may be using it, check that this app may use the microphone, then press Check again.", err)
}

// checkMic opens and closes the input to see whether a microphone works.
func (c *coach) checkMic() {
	src, err := c.opt.Audio.OpenInput()
	if err != nil {
		c.micBlocked = true
		c.micMsg = micProblem(err)
	} else {
		_ = src.Close() // only a check; nothing was recorded
		c.micBlocked = false
		c.micMsg = msgMicFound
	}
	c.showQuestion()
}

// start opens the microphone and begins the think time (or the answer, with
// no think time). On failure it stays on the question screen and says why.
func (c *coach) start() {
	if c.screen != screenQuestion || c.micBlocked {
		return
	}
	c.stopCue() // the last take's "time's up" must not reach this one
	// The turn starts at the key press, not when the microphone is open:
	// with no think time the user starts talking now.
	pressed := c.now()
	src, err := c.opt.Audio.OpenInput()
	if err != nil {
		c.micBlocked = true
		c.micMsg = micProblem(err)
		c.showQuestion()
		return
	}
	c.notice = ""
	c.micMsg = msgMicIdle
	c.device = deviceName(src)
	c.src = src
	c.rec = recorder.New(src)
	c.cd = timer.New(c.cfg)
	c.cd.Start(pressed)
	c.screen = screenThink
	c.showThink()
	c.tick()
}

// deviceName returns the input device's name when the source can tell.
func deviceName(src recorder.Source) string {
	if n, ok := src.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// stop ends the answer early at the user's request. The recording stops
// at once; saving it and opening the review (closing the microphone,
// opening the speakers: up to a second) happen at the next tick, so the
// window first shows that the take is being saved.
func (c *coach) stop() {
	if c.screen != screenAnswer || c.stopping {
		return
	}
	c.cd.Stop(c.now())
	c.stopping = true
	if b := c.w.stop; b != nil {
		b.SetText("Saving…")
		b.Disable()
	}
	c.setLiveNote("Stopped. Saving your answer and opening it for review…")
}

// stopNow ends the answer and opens the review at once.
func (c *coach) stopNow() {
	if c.screen != screenAnswer {
		return
	}
	c.cd.Stop(c.now())
	c.finishTake(stoppedUser, nil)
}

// cancelTake leaves the take under way, then runs then (may be nil). In
// the think time nothing was recorded: the turn ends at once and no take
// folder is left. While answering it asks whether to keep what was said
// so far (the default: saved as Stop saves it, then reviewed unless then
// goes elsewhere) or to discard it (the take's folder is deleted).
func (c *coach) cancelTake(then func()) {
	switch c.screen {
	case screenThink:
		c.dropRecorder()
		c.notice = "The take was cancelled before recording started; nothing was saved."
		c.showQuestion()
		if then != nil {
			then()
		}
	case screenAnswer:
		if c.asking != nil || c.stopping {
			return // asking already, or being saved
		}
		keep := func() {
			c.stopNow()
			if then != nil && c.screen == screenReview {
				then()
			}
		}
		discard := func() {
			c.discardTake()
			if then != nil {
				then()
			}
		}
		c.asking = widgets.ShowKeyDialog(c.win, &c.keys, "Keep this take?",
			"Recording goes on while you choose. Keep saves what you said so far, as Stop does; Discard deletes this take.",
			[]widgets.KeyChoice{
				{Label: "Discard (D)", Runes: "dD", Keys: []fyne.KeyName{fyne.KeyDelete}, Imp: widget.DangerImportance, Fn: discard},
				{Label: "Keep (Enter)", Runes: "kK", Keys: []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape}, Imp: widget.HighImportance, Fn: keep},
			}, func() { c.asking = nil })
	}
}

// closeAsking closes the Discard-or-Keep question without an answer: the
// take ended on its own first.
func (c *coach) closeAsking() {
	if kd := c.asking; kd != nil {
		c.asking = nil
		kd.Dismiss()
	}
}

// discardTake stops the recording and deletes the take's folder, at the
// user's request, and returns to the question.
func (c *coach) discardTake() {
	if c.screen != screenAnswer {
		return
	}
	c.cd.Stop(c.now())
	_, _ = c.rec.Stop() // the take is being thrown away
	_ = c.rec.Close()
	c.rec = nil
	c.live = liveState{}
	c.notice = "The take was discarded; nothing of it was kept."
	if err := c.opt.Library.Remove(c.take.ID); err != nil {
		c.notice = fmt.Sprintf("The take could not be deleted (%v). It is in your library, where you can delete it.", err)
	}
	c.take = practice.Take{}
	c.src = nil
	c.cd = nil
	c.screen = screenQuestion
	c.showQuestion()
}

// tick advances the countdown and refreshes the live widgets. The ticker
// calls it about 30 times a second; tests call it directly.
func (c *coach) tick() {
	if c.closed {
		return
	}
	// After the window was resized, wrapped lines may need another
	// height: lay the screen out again once.
	if size := c.win.Canvas().Size(); size != c.laidOut {
		c.laidOut = size
		widgets.Relayout(c.win.Content())
	}
	c.tickCue()
	switch c.screen {
	case screenThink, screenAnswer:
		c.tickTake()
	default:
		if c.nav != nil {
			c.nav.Tick()
		}
	}
}

func (c *coach) tickTake() {
	if c.stopping {
		c.finishTake(stoppedUser, nil)
		return
	}
	st := c.cd.Update(c.now())
	snap := c.rec.Snapshot()
	if snap.Err == nil {
		select {
		case <-c.rec.Done():
			snap.Err = errInputEnded
		default:
		}
	}
	if c.screen == screenThink {
		if snap.Err != nil {
			c.dropRecorder()
			c.notice = fmt.Sprintf("The microphone stopped sending sound (%v). Check the device, then press Start again.", snap.Err)
			c.showQuestion()
			return
		}
		if !st.AnswerStarted {
			c.updateThink(st, snap)
			return
		}
		if !c.beginAnswer() {
			return
		}
	}
	if snap.Err != nil {
		c.cd.Stop(c.now())
		c.finishTake("", snap.Err)
		return
	}
	c.updateAnswer(st, snap)
	if st.Phase != c.lastPhase {
		c.lastPhase = st.Phase
		c.playCue(st)
	}
	if st.Finished {
		c.finishTake(stoppedLimit, nil)
	}
}

// beginAnswer creates the take folder and arms the recorder, so the first
// sample written is the start of the answer. On failure it returns to the
// question screen with a message and reports false.
func (c *coach) beginAnswer() bool {
	started := c.cd.AnswerStart()
	take, _, err := c.opt.Library.NewTake(c.q, started)
	var armAt time.Time
	if err == nil {
		armAt = c.now()
		c.armedAfter = armAt.Sub(started)
		err = c.rec.Arm(c.opt.Library.AudioPath(take.ID))
	}
	if err != nil {
		c.dropRecorder()
		c.notice = fmt.Sprintf("The recording could not start (%v). Check that the takes folder can be written, then press Start again.", err)
		c.showQuestion()
		return false
	}
	take.SampleRate = c.src.SampleRate()
	take.Device = c.device
	take.ThinkS = c.cfg.Think.Seconds()
	take.LimitS = c.cfg.Limit.Seconds()
	take.Strict = c.cfg.Strict
	take.StoryID = c.storyID()
	c.take = take
	c.lastPhase = timer.Speak
	parts, _ := practice.NewParts(0, nil) // 0 is a valid duration
	c.live = liveState{parts: parts, armAt: armAt, note: tagHint}
	c.screen = screenAnswer
	// Saved at once so that a crash keeps the take's question and
	// settings. A folder that cannot be written is reported when the
	// take ends, by the final Save.
	_ = c.saveLive()
	c.showAnswer()
	return true
}

// tagHint is the line under the live waveform before the first mark.
const tagHint = "Press S T A R L (or 1 to 5) as you start each part: Situation, Task, Action, Result, Lesson."

// liveTime is how far into the recording the answer is now, in seconds
// from the moment the recorder was armed.
func (c *coach) liveTime() float64 {
	return max(0, c.now().Sub(c.live.armAt).Seconds())
}

// growLive stretches the live tagging to the time recorded so far: the
// clock's, or the audio's when that is ahead.
func (c *coach) growLive(frames int64, rate int) {
	d := c.liveTime()
	if rate > 0 {
		d = max(d, float64(frames)/float64(rate))
	}
	if d > c.live.parts.Duration() {
		_ = c.live.parts.SetDuration(d) // d is finite and positive
	}
}

// markLive marks the start of a part of kind k while recording: the key
// came a reaction time after the speaker began the part.
func (c *coach) markLive(k practice.Kind) {
	if c.screen != screenAnswer || c.live.parts == nil {
		return
	}
	now := c.liveTime()
	snap := c.rec.Snapshot()
	c.growLive(snap.Frames, snap.SampleRate)
	at := practice.MarkTime(now, c.reaction)
	// A key held down repeats: a part of the same kind running already
	// keeps going rather than being cut into pieces.
	if i, ok := c.live.parts.Find(at); ok && c.live.parts.At(i).Kind == k {
		c.setLiveNote(fmt.Sprintf("The %s is running since %s. Press the next part's letter when you start it.", k, widgets.Clock(c.live.parts.At(i).Start)))
		return
	}
	if _, err := c.live.parts.MarkStart(k, at); err != nil {
		c.setLiveNote(fmt.Sprintf("That key was not marked (%s). Keep going; you can fix the parts afterwards.", review.EditProblem(err)))
		return
	}
	c.w.wave.SetBands(review.Bands(c.live.parts, -1))
	c.followCue(k)
	note := fmt.Sprintf("%s from %s. Next part? Press its letter when you start it.", k, timer.Format(secDur(at)))
	if err := c.saveLive(); err != nil {
		note = fmt.Sprintf("%s from %s. (The parts could not be saved yet: %v. They are kept and saved when you stop.)", k, timer.Format(secDur(at)), err)
	}
	c.setLiveNote(note)
}

func (c *coach) setLiveNote(text string) {
	c.live.note = text
	if c.w.tagLine != nil {
		c.w.tagLine.SetText(text)
	}
}

// saveLive saves the take as being recorded, with the parts tagged so far,
// so that a crash keeps them.
func (c *coach) saveLive() error {
	t := c.take
	t.Duration = c.live.parts.Duration()
	t.Parts = c.live.parts.List()
	return c.opt.Library.SaveRecording(t)
}

// dropRecorder closes the recorder of a take that never started recording.
func (c *coach) dropRecorder() {
	if c.rec != nil {
		_ = c.rec.Close() // nothing was recorded, so nothing is lost
		c.rec = nil
	}
	c.src = nil
	c.cd = nil
	c.screen = screenQuestion
}

// finishTake stops the recording, saves the take and shows the review.
// reason is stoppedUser or stoppedLimit; with a non-nil streamErr the take
// ended because the input failed.
func (c *coach) finishTake(reason string, streamErr error) {
	c.closeAsking()
	c.stopping = false
	res, stopErr := c.rec.Stop()
	var notes []string
	if streamErr == nil && stopErr != nil && !errors.Is(stopErr, recorder.ErrNotRecording) {
		streamErr = stopErr
	}
	if streamErr != nil {
		reason = "error: " + streamErr.Error()
		notes = append(notes, c.failureNote(streamErr))
	}
	take := c.take
	take.Duration = 0
	if res.SampleRate > 0 {
		take.Duration = float64(res.Frames) / float64(res.SampleRate)
	}
	take.SampleRate = res.SampleRate
	take.Dropped = res.Dropped
	take.Stopped = reason
	if res.Frames > 0 {
		take.StartDelayMS = float64((c.armedAfter + res.FirstSample).Microseconds()) / 1000
	}
	parts, err := finalParts(c.live.parts, take.Duration, res.FirstSample)
	if parts == nil {
		parts, _ = practice.NewParts(0, nil) // 0 is a valid duration
	}
	if err != nil {
		notes = append(notes, fmt.Sprintf("The parts you tagged could not be kept (%v). Tag them again on the waveform.", err))
	}
	take.Parts = parts.List()
	if res.Dropped > 0 {
		notes = append(notes, droppedNote(res.Dropped))
	}
	snap := c.rec.Snapshot()
	if c.live.silence || snap.DigitalSilence {
		notes = append(notes, audio.SilenceMessage(runtime.GOOS))
	}
	if err := c.opt.Library.Save(take); err != nil {
		notes = append(notes, fmt.Sprintf("The take details could not be saved (%v). The recording itself is in the takes folder.", err))
	}
	pyr := c.rec.Peaks()
	_ = c.rec.Close() // the take is finished; a close error changes nothing on disk
	c.rec = nil
	c.src = nil
	c.cd = nil
	c.live = liveState{}
	c.enterReview(take, parts, pyr, notes, res.Path)
}

// finalParts moves the parts tagged while recording (in seconds from the
// moment the recorder was armed) onto the recording's time: its first
// sample was captured firstSample after that moment. Parts cut off at the
// ends go; a part still running at the end runs to the end of the take.
// With no live tagging it returns an empty tagging.
func finalParts(live *practice.Parts, duration float64, firstSample time.Duration) (*practice.Parts, error) {
	empty, err := practice.NewParts(max(duration, 0), nil)
	if err != nil {
		return nil, err
	}
	if live == nil || live.Len() == 0 {
		return empty, nil
	}
	shift := -firstSample.Seconds()
	liveEnd := live.Duration()
	var list []practice.Part
	for _, p := range live.List() {
		s := min(max(p.Start+shift, 0), duration)
		e := min(max(p.End+shift, 0), duration)
		if p.End >= liveEnd {
			e = duration
		}
		if e-s >= practice.MinLen {
			list = append(list, practice.Part{Kind: p.Kind, Start: s, End: e})
		}
	}
	parts, err := practice.NewParts(duration, list)
	if err != nil {
		return empty, err
	}
	return parts, nil
}

// failureNote explains a take that ended early: the microphone failing, or
// the file not being written.
func (c *coach) failureNote(err error) string {
	if errors.Is(err, syscall.ENOSPC) {
		return "The disk is full, so recording stopped. Your answer up to that point is saved. Free some space, then try again."
	}
	srcErr := c.src.Err()
	if errors.Is(err, errInputEnded) || (srcErr != nil && errors.Is(err, srcErr)) {
		return fmt.Sprintf("The microphone stopped sending sound (%v). Your answer up to that point is saved. Check the device, then try again.", err)
	}
	return fmt.Sprintf("Saving the recording failed (%v). Your answer up to that point is kept. Check that the disk has free space, then try again.", err)
}

func droppedNote(n uint64) string {
	if n == 1 {
		return "1 block of sound was lost between the microphone and the disk, so the recording has a short gap. Closing busy apps can help."
	}
	return fmt.Sprintf("%d blocks of sound were lost between the microphone and the disk, so the recording has short gaps. Closing busy apps can help.", n)
}

// settingsLine describes the timer settings of a run.
func settingsLine(cfg timer.Config) string {
	var b strings.Builder
	if cfg.Think > 0 {
		b.WriteString("Think " + timer.Format(cfg.Think))
	} else {
		b.WriteString("No think time")
	}
	b.WriteString(" · Answer limit " + timer.Format(cfg.Limit))
	if cfg.Strict {
		b.WriteString(" · Stops at the limit")
	} else {
		b.WriteString(" · Overtime allowed")
	}
	return b.String()
}

// phaseText is the band text for an answer phase.
func phaseText(st timer.State) string {
	switch st.Phase {
	case timer.Green:
		return "Green · you can wrap up from here"
	case timer.Yellow:
		return "Yellow · time to land the lesson"
	case timer.Red:
		if st.Overtime > 0 {
			return "Red · overtime, finish your thought"
		}
		return "Red · at the limit"
	case timer.Done:
		return "Done"
	default:
		return "Keep going"
	}
}

// feedback is one encouraging sentence about the length of the answer.
func feedback(t practice.Take, cfg timer.Config) string {
	d := secDur(t.Duration)
	limit := secDur(t.LimitS)
	green := time.Duration(float64(limit) * cfg.Green)
	switch {
	case t.Stopped == stoppedLimit:
		return "The limit ended this one. Next time, start landing the lesson when the band turns yellow."
	case d > limit:
		return fmt.Sprintf("You went %s over the limit. Try landing the lesson when the band turns yellow.", timer.Format(d-limit))
	case d < green:
		return "A short answer. Listen back: does it say what happened, what you did and what you learned?"
	default:
		return "Within the limit. Listen back for the lesson: is it clear and specific?"
	}
}

// secDur converts seconds to a Duration.
func secDur(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
