package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/audio/wavfile"
	"failforward/practice"
	"failforward/timer"
)

// screen is the step of the practice loop the window shows.
type screen int

const (
	screenQuestion screen = iota
	screenThink
	screenAnswer
	screenReview
)

// Reasons stored in practice.Take.Stopped.
const (
	stoppedUser  = "user"
	stoppedLimit = "limit"
)

// errInputEnded stands in for a source that ended without saying why.
var errInputEnded = errors.New("the input stream ended")

// seekStep is how far the arrow keys move the playhead.
const seekStep = 5 * time.Second

// coach is the window's state machine. Every field is used only on the Fyne
// main goroutine.
type coach struct {
	win    fyne.Window
	opt    Options
	cfg    timer.Config
	now    func() time.Time
	keys   keys
	ticker *ticker // nil in tests that tick by hand
	closed bool

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

	// review
	review reviewState
	player Player
	rate   int

	help     dialog.Dialog
	helpOpen bool

	w widgets
}

// reviewState is what the review screen reports about the finished take.
type reviewState struct {
	take   practice.Take
	notes  []string // plain sentences: errors, drops, playback problems
	frames int64
}

// widgets holds the widgets of the screen on show that the ticker updates.
type widgets struct {
	start, play   *keyButton
	clock         *bigText
	band          *phaseBand
	progress      *widget.ProgressBar
	meter         *levelMeter
	recording     *recordingDot
	seek          *seekBar
	position      *widget.Label
	answerElapsed time.Duration
}

// newCoach builds the window and shows the first question. It starts no
// goroutines; New adds the ticker.
func newCoach(a fyne.App, opt Options) *coach {
	c := &coach{opt: opt, now: opt.Now}
	if c.now == nil {
		c.now = time.Now
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

	c.keys = keys{key: c.typedKey, char: c.typedRune}
	c.win = a.NewWindow("Fail Forward")
	c.win.Canvas().SetOnTypedKey(c.typedKey)
	c.win.Canvas().SetOnTypedRune(c.typedRune)
	c.win.SetOnClosed(c.shutdown)
	c.win.Resize(fyne.NewSize(960, 640))
	c.showQuestion()
	return c
}

// shutdown runs when the window closes: it stops the ticker, saves a take
// in progress and releases the audio devices.
func (c *coach) shutdown() {
	if c.closed {
		return
	}
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
	c.closePlayer()
}

// typedKey handles named keys for the whole window.
func (c *coach) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyF1:
		c.toggleHelp()
		return
	case fyne.KeyEscape:
		c.hideHelp()
		return
	}
	if c.helpOpen {
		return
	}
	switch ev.Name {
	case fyne.KeySpace:
		c.space()
	case fyne.KeyLeft:
		c.seekBy(-seekStep)
	case fyne.KeyRight:
		c.seekBy(seekStep)
	}
}

// typedRune handles character shortcuts. Space arrives here too (after the
// key event) and is ignored: it is handled once, in typedKey.
func (c *coach) typedRune(r rune) {
	if r == '?' {
		c.toggleHelp()
		return
	}
	if c.helpOpen {
		return
	}
	switch r {
	case 'n', 'N':
		c.nextQuestion()
	case 'r', 'R':
		c.retake()
	case 'c', 'C':
		if c.screen == screenQuestion {
			c.checkMic()
		}
	}
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
	case screenReview:
		c.togglePlay()
	}
}

// nextQuestion moves to a new question from the question or review screen.
// During a take it does nothing, so a stray key never ends an answer.
func (c *coach) nextQuestion() {
	if c.screen != screenQuestion && c.screen != screenReview {
		return
	}
	c.closePlayer()
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
	c.closePlayer()
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

// stop ends the answer early at the user's request.
func (c *coach) stop() {
	if c.screen != screenAnswer {
		return
	}
	c.cd.Stop(c.now())
	c.finishTake(stoppedUser, nil)
}

// tick advances the countdown and refreshes the live widgets. The ticker
// calls it about 30 times a second; tests call it directly.
func (c *coach) tick() {
	if c.closed {
		return
	}
	switch c.screen {
	case screenThink, screenAnswer:
		c.tickTake()
	case screenReview:
		c.tickReview()
	}
}

func (c *coach) tickTake() {
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
	if err == nil {
		c.armedAfter = c.now().Sub(started)
		err = c.rec.Arm(c.opt.Library.AudioPath(take.ID))
	}
	if err != nil {
		c.dropRecorder()
		c.notice = fmt.Sprintf("The recording could not start (%v). Check that the takes folder can be written, then press Start again.", err)
		c.showQuestion()
		return false
	}
	c.take = take
	c.screen = screenAnswer
	c.showAnswer()
	return true
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
	if res.SampleRate > 0 {
		take.Duration = float64(res.Frames) / float64(res.SampleRate)
	}
	take.SampleRate = res.SampleRate
	take.Device = c.device
	take.ThinkS = c.cfg.Think.Seconds()
	take.LimitS = c.cfg.Limit.Seconds()
	take.Strict = c.cfg.Strict
	take.Dropped = res.Dropped
	take.Stopped = reason
	if res.Frames > 0 {
		take.StartDelayMS = float64((c.armedAfter + res.FirstSample).Microseconds()) / 1000
	}
	if res.Dropped > 0 {
		notes = append(notes, droppedNote(res.Dropped))
	}
	if err := c.opt.Library.Save(take); err != nil {
		notes = append(notes, fmt.Sprintf("The take details could not be saved (%v). The recording itself is in the takes folder.", err))
	}
	_ = c.rec.Close() // the take is finished; a close error changes nothing on disk
	c.rec = nil
	c.src = nil
	c.cd = nil
	c.review = reviewState{take: take, notes: notes, frames: res.Frames}
	c.screen = screenReview
	if c.closed {
		return
	}
	c.openPlayer(res.Path)
	c.showReview()
}

// failureNote explains a take that ended early: the microphone failing, or
// the file not being written.
func (c *coach) failureNote(err error) string {
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

// openPlayer loads the take for playback. Review works without it; any
// problem becomes a note.
func (c *coach) openPlayer(path string) {
	c.closePlayer()
	if path == "" {
		return
	}
	samples, info, err := wavfile.ReadMono(path)
	if err != nil {
		c.review.notes = append(c.review.notes, fmt.Sprintf("The recording could not be read for playback (%v).", err))
		return
	}
	if len(samples) == 0 {
		c.review.notes = append(c.review.notes, "The recording is empty, so there is nothing to play.")
		return
	}
	p, err := c.opt.Audio.OpenPlayer(samples, info.SampleRate)
	switch {
	case errors.Is(err, audio.ErrNoOutput):
		c.review.notes = append(c.review.notes, "No speakers or headphones found, so playback is off. Your answer is saved; connect an output device to listen later.")
		return
	case err != nil:
		c.review.notes = append(c.review.notes, fmt.Sprintf("Playback could not start (%v). Your answer is saved.", err))
		return
	}
	c.player, c.rate = p, info.SampleRate
}

func (c *coach) closePlayer() {
	if c.player != nil {
		_ = c.player.Close() // playback only; nothing to save
		c.player = nil
	}
}

// togglePlay plays or pauses; at the end it plays again from the start.
func (c *coach) togglePlay() {
	p := c.player
	if p == nil {
		return
	}
	if p.Playing() {
		p.Pause()
	} else {
		if p.Position() >= p.Len() {
			p.SeekFrame(0)
		}
		p.Play()
	}
	c.tickReview()
}

// seekTo moves playback to a fraction of the take.
func (c *coach) seekTo(ratio float64) {
	if c.player == nil {
		return
	}
	c.player.SeekFrame(int64(ratio * float64(c.player.Len())))
	c.tickReview()
}

// seekBy moves playback by d (negative: back) on the review screen.
func (c *coach) seekBy(d time.Duration) {
	if c.screen != screenReview || c.player == nil {
		return
	}
	pos := c.player.Position() + int64(d.Seconds()*float64(c.rate))
	pos = max(0, min(pos, c.player.Len()))
	c.player.SeekFrame(pos)
	c.tickReview()
}

func (c *coach) tickReview() {
	p := c.player
	if p == nil || c.w.play == nil {
		return
	}
	if err := p.Err(); err != nil {
		c.closePlayer()
		c.review.notes = append(c.review.notes, fmt.Sprintf("Playback stopped (%v). Your answer is still saved.", err))
		c.showReview()
		return
	}
	pos, n := p.Position(), p.Len()
	if n > 0 {
		c.w.seek.setValue(float64(pos) / float64(n))
	}
	c.w.position.SetText(c.positionText(pos, n))
	label := "Play (Space)"
	if p.Playing() {
		label = "Pause (Space)"
	}
	if c.w.play.Text != label {
		c.w.play.SetText(label)
	}
}

func (c *coach) positionText(pos, n int64) string {
	if c.rate <= 0 {
		return "0:00 / 0:00"
	}
	return timer.Format(framesDur(pos, c.rate)) + " / " + timer.Format(framesDur(n, c.rate))
}

func framesDur(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(frames) / float64(rate) * float64(time.Second))
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
	d := time.Duration(t.Duration * float64(time.Second))
	limit := time.Duration(t.LimitS * float64(time.Second))
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
