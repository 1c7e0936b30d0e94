package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/review"
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

	// turn is the take under way (think and answer screens), nil when
	// none is.
	turn *turn.Take

	// rv is the review screen, the last one shown (nil before the
	// first); closed once left.
	rv *review.View

	help      dialog.Dialog
	helpOpen  bool
	nav       Screen            // the screen on show; nil only between two and once closed
	picker    *turn.StoryPicker // the story for the next take; nil until first shown
	cue       *turn.CueCard
	question  *turn.Question // the question screen, the last one shown
	cueShown  bool           // the cue card is on the practice screens
	cuePlayer Player         // the time cue playing, nil for none
	cueUntil  time.Time      // when the cue player is closed at the latest

	laidOut fyne.Size // the window size the screen was last laid out for
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
	c.stopCue()
	if c.ticker != nil {
		c.ticker.stop() // first: no new tick is scheduled; a queued one sees closed
	}
	c.closed = true
	if t := c.turn; t != nil {
		// Before leaveNav, which would close it too, now that the window
		// is closed: an answer is saved and its review is not shown.
		t.Close()
		c.turn = nil
		if c.screen == screenThink {
			c.screen = screenQuestion
		}
	}
	c.leaveNav() // closing the window on the welcome is not finishing it
	c.leaveReview()
}

// typedKey handles named keys for the whole window. Letters, digits and
// punctuation are handled as characters, in typedRune.
func (c *coach) typedKey(ev *fyne.KeyEvent) {
	if c.asking() {
		c.turn.TypedKey(ev)
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
			c.navKey(ev) // while recording, the take asks or cancels
		}
		return
	}
	if c.helpOpen {
		return
	}
	if c.onNavScreen() {
		c.navKey(ev)
	}
}

// typedRune handles character shortcuts. Space arrives here too (after the
// key event) and is ignored: it is handled once, in typedKey.
func (c *coach) typedRune(r rune) {
	if c.asking() {
		c.turn.TypedRune(r)
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
	if c.helpOpen || c.asking() {
		return
	}
	c.navShortcut(s)
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

// tick advances the countdown and refreshes the screen on show. The
// ticker calls it about 30 times a second; tests call it directly.
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
	if c.nav != nil {
		c.nav.Tick()
	}
}
