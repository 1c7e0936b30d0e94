package ui

// The window's side of the take under way (turn.Take): starting it from
// the question screen, and where it goes when it ends.

import (
	"failforward/audio/peaks"
	"failforward/practice"
	"failforward/ui/turn"
)

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
	c.turn = turn.NewTake(turn.TakeOptions{
		Library:  c.opt.Library,
		Source:   src,
		Now:      c.now,
		Pressed:  pressed,
		Keys:     &c.keys,
		Window:   c.win,
		Timer:    c.cfg,
		Question: c.q,
		Reaction: c.reaction,
		StoryID:  c.storyID(),
		Cue:      c.cue,
		CueCard:  c.cueCardObject(),
	}, turn.TakeHandlers{
		Show:         c.setPage,
		Answering:    func() { c.screen = screenAnswer },
		PhaseChanged: c.playCue,
		Finished:     c.takeFinished,
		Ended:        c.takeEnded,
		ToggleCue:    c.toggleCue,
	})
	c.screen = screenThink
	c.nav = c.turn // the question screen has nothing to close
	c.turn.Show()
	c.tick()
}

// takeFinished opens the review of the take just recorded.
func (c *coach) takeFinished(take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string, audioPath string) {
	c.turn, c.nav = nil, nil
	c.enterReview(take, parts, pyr, notes, audioPath)
}

// takeEnded goes back to the question screen after a take that left
// nothing to review, with notice saying why.
func (c *coach) takeEnded(notice string) {
	c.turn, c.nav = nil, nil
	c.notice = notice
	c.showQuestion()
}

// cancelTake leaves the take under way as Escape does, then runs then
// (may be nil): see turn.Take.Leave.
func (c *coach) cancelTake(then func()) {
	if c.turn != nil {
		c.turn.Leave(then)
	}
}

// asking tells whether the take's Discard-or-Keep question is open: it
// takes every key then.
func (c *coach) asking() bool { return c.turn != nil && c.turn.Asking() }

// The take is the screen on show while it runs.
var _ Screen = (*turn.Take)(nil)
