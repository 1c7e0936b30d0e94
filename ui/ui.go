// Package ui is the Fyne user interface of Fail Forward: one window that
// moves through the question, think, answer and review screens, with a
// live level meter, a large countdown, a waveform on which the STAR parts
// are tagged while recording (keys S T A R L) and edited afterwards, and
// playback of the take by part and at other speeds.
//
// ui is the window's shell: the Screen interface, the table of places
// (places.go) that the navigation bar, Ctrl+1 to Ctrl+7, the help sheet
// and the window's shortcuts read, the help sheet and the page frame
// (screens.go), the ticker, and the wiring of the practice turn: starting
// a take (take.go) and opening it on the review (review.go). The screens
// are packages of their own:
//
//   - ui/library: the library of takes, and the compare screen;
//   - ui/progress: the chart of the takes over time;
//   - ui/stories: the story notebook;
//   - ui/questions: the question bank;
//   - ui/settings: the settings;
//   - ui/guide: the guide to the question;
//   - ui/review: the review screen (timeline, playback, editing of the
//     parts) with its panels (insights, self-review);
//   - ui/welcome: the first-start welcome and its microphone check
//     (welcome.go opens it and marks it seen);
//   - ui/turn: the practice turn: the question screen, the take under
//     way (turn.Take: the recorder and countdown it owns, the think and
//     answer screens, live tagging, the Discard-or-Keep question, the
//     finished take handed back through its handlers), and the turn's
//     panels (story picker, cue card).
//
// What they share: ui/widgets (key-forwarding controls, text and layout
// helpers, small widgets), ui/timeline (the waveform timeline), ui/prefs
// (saved settings and the theme); ui/internal/uitest helps their tests.
//
// Imports point one way: ui imports the screen and shared packages; a
// screen package imports the shared ones, never ui nor another screen
// (it reaches the window through the handler struct it is given); the
// shared packages import no screen and not ui. No package here opens WAV
// files: a take's recording comes through audio/takefile and audio/peaks.
// internal/layers checks this. Adding a screen is a package and a row in places.
//
// All state of the window lives on the Fyne main goroutine: key and button
// handlers run there, and the window's ticker goroutine only schedules
// ticks onto it with fyne.Do. Slow work (stretching a take for another
// playback speed) runs on a goroutine of its own that hands its result
// back through a channel the ticks read.
package ui

import (
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
)

// Player plays one take (audio.Player, declared there so the device
// adapters need not import ui).
type Player = audio.Player

// Audio opens the sound devices for the window.
type Audio interface {
	// OpenInput opens and starts the microphone. The error wraps
	// audio.ErrNoInput when the system has no input device.
	OpenInput() (recorder.Source, error)
	// OpenPlayer prepares playback of mono samples at rate. The error wraps
	// audio.ErrNoOutput when the system has no output device.
	OpenPlayer(samples []int16, rate int) (Player, error)
}

// StreamAudio is an Audio that can also play a take straight from its
// file, reading ahead of the playhead, so that reviewing a take of any
// length needs little memory. The review screen streams when Options.Audio
// is one, and otherwise reads the whole take into memory to play it.
type StreamAudio interface {
	Audio
	// OpenStream prepares playback of src at rate. It takes src over: the
	// Player closes it (when it is an io.Closer), and so does OpenStream
	// when it fails. The error wraps audio.ErrNoOutput when the system has
	// no output device.
	OpenStream(src audio.FrameSource, rate int) (Player, error)
}

// Options configure the window.
type Options struct {
	// Library stores the takes; required.
	Library *practice.Library
	// Timer sets think time, limit and phases. The zero Config means
	// timer.DefaultConfig(); an invalid one is replaced by the default
	// and the question screen says so.
	Timer timer.Config
	// Audio opens the microphone and the speakers; required.
	Audio Audio
	// Questions is the question bank; nil means practice.Questions().
	Questions []practice.Question
	// Rand picks the questions; nil means a randomly seeded source.
	Rand *rand.Rand
	// Now is the clock that drives the countdown and times the part keys;
	// nil means time.Now.
	Now func() time.Time
	// ReactionCompensation is how long before a part key is pressed while
	// recording the part is taken to start: people press the key a
	// moment after they start speaking the part. Zero means
	// practice.DefaultReaction (250 ms); a negative value means none.
	ReactionCompensation time.Duration
	// Unfinished are takes a crash left behind (practice.Library.Unfinished);
	// the window offers each for recovery or discarding when it opens.
	Unfinished []practice.UnfinishedTake
	// Settings are the user's saved settings, shown on the settings
	// screen; nil means practice.DefaultSettings(). The timer, reaction
	// and device options above are what this run uses (the command line
	// may override the saved settings for one run).
	Settings *practice.Settings
	// OnSettings is called on the Fyne goroutine when the user saved new
	// settings (they already apply to the window): main reopens devices
	// by the new names. May be nil.
	OnSettings func(practice.Settings)
	// MoveLibrary moves the takes to the folder dst and returns the library
	// there (also when it fails part-way after some takes moved; nil when
	// nothing moved). It runs on a goroutine of the settings screen and
	// calls progress after each take. Nil turns moving off.
	MoveLibrary func(dst string, progress func(done, total int)) (*practice.Library, error)
	// Devices lists the sound devices for the settings screen; nil offers
	// only the system defaults.
	Devices DeviceLister
	// Welcome opens the first-start welcome over the practice screen
	// (main sets it when FirstStart says so).
	Welcome bool
}

// DeviceLister lists the names of the sound devices.
type DeviceLister interface {
	Inputs() []string
	Outputs() []string
}

// tickInterval is how often the window updates countdown, meter and
// playhead (about 30 times a second).
const tickInterval = time.Second / 30

// New builds the main window, titled "Fail Forward", and starts its ticker.
// The ticker goroutine runs until the window is closed; closing the window
// also ends a take in progress (saving it) and releases the audio devices.
// The caller shows the window (ShowAndRun).
func New(a fyne.App, opt Options) fyne.Window {
	c := newCoach(a, opt)
	c.offerRecovery()
	// At most one tick is queued at a time, so a busy main goroutine never
	// builds up a backlog.
	var pending atomic.Bool
	c.ticker = startTicker(tickInterval, func() {
		if pending.CompareAndSwap(false, true) {
			fyne.Do(func() {
				pending.Store(false)
				c.tick()
			})
		}
	})
	return c.win
}

// offerRecovery asks about the takes a crash left unfinished; a recovered
// take opens on the review screen.
func (c *coach) offerRecovery() {
	offerRecovery(c.win, c.opt.Library, c.opt.Unfinished, func(id string) {
		if c.recording() {
			return // it waits in the library, recovered
		}
		c.leaveNav()
		if err := c.reviewTake(id); err != nil {
			dialog.ShowError(fmt.Errorf("the recovered take is in your library but could not be opened: %w", err), c.win)
		}
	})
}

// ticker calls a function at a fixed interval from its own goroutine. The
// goroutine starts in startTicker and ends in stop.
type ticker struct {
	quit chan struct{}
	done chan struct{}
}

func startTicker(every time.Duration, fn func()) *ticker {
	t := &ticker{quit: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(t.done)
		tk := time.NewTicker(every)
		defer tk.Stop()
		for {
			select {
			case <-t.quit:
				return
			case <-tk.C:
				fn()
			}
		}
	}()
	return t
}

// stop ends the goroutine and waits for it, so no call of fn is running or
// still to come when it returns. Call it once.
func (t *ticker) stop() {
	close(t.quit)
	<-t.done
}
