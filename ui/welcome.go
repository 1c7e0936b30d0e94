package ui

// The window's side of the first-start welcome (package welcome): opening
// it, and marking it seen once it is finished or skipped.

import (
	"fyne.io/fyne/v2"

	"failforward/ui/guide"
	"failforward/ui/review"
	"failforward/ui/welcome"
)

// FirstStart reports whether the welcome should open by itself: no
// setting has been saved yet and the welcome was never finished or
// skipped.
func FirstStart(a fyne.App) bool { return welcome.FirstStart(a.Preferences()) }

// CheckMicrophone runs the welcome's microphone check on a's input
// without a window and returns what the check would say (see
// welcome.CheckMicrophone).
func CheckMicrophone(a Audio) string { return welcome.CheckMicrophone(a) }

// showWelcome opens the welcome at its first step.
func (c *coach) showWelcome() { c.showWelcomeAt(0) }

// showWelcomeAt opens the welcome at step (0 is the first).
func (c *coach) showWelcomeAt(step int) {
	if c.recording() {
		return
	}
	c.leaveNav()
	if c.screen == screenReview {
		c.leaveReview()
	}
	v := welcome.New(welcome.Options{
		Audio:  c.opt.Audio,
		Keys:   &c.keys,
		Now:    c.now,
		Inputs: func() []string { return c.devices().Inputs() },
		Input:  c.settings.InputDevice,
		Step:   step,
		Play:   func(path string) (Player, error) { return review.OpenFile(c.opt.Audio, path) },
		Model:  guide.ModelParts(),
	}, welcome.Handlers{
		Show: func(o fyne.CanvasObject) { c.setPage(o, placeOf(screenWelcome).width) },
		Done: c.leaveWelcome,
		Guide: func() {
			c.closeWelcome()
			c.showGuide("")
		},
		Input: func(dev string) {
			st := c.settings
			st.InputDevice = dev
			SaveSettings(c.app, st)
			c.applySettings(st)
		},
	})
	c.screen = screenWelcome
	c.nav = v // driven as the screens of places are
	v.Show()
}

// closeWelcome closes the welcome if it is on show, stopping its
// microphone and playback, and marks it seen; it does not change the
// screen.
func (c *coach) closeWelcome() {
	v := shown[*welcome.View](c)
	if v == nil {
		return
	}
	c.leaveNav()
	welcome.MarkSeen(c.app.Preferences())
}

// leaveWelcome ends the welcome (finished or skipped) and shows the
// practice screen.
func (c *coach) leaveWelcome() {
	c.closeWelcome()
	c.showQuestion()
}

// The welcome is driven as the other screens are.
var _ Screen = (*welcome.View)(nil)
