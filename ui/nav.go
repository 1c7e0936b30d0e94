package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/cue"
	"failforward/audio/takefile"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/guide"
	"failforward/ui/library"
	"failforward/ui/review"
	"failforward/ui/settings"
	"failforward/ui/stories"
	"failforward/ui/turn"
)

// navRowLayout lays out the navigation bar: the screen's name, the
// "Ctrl+" label and the place buttons, the buttons at the right. When the
// window is too narrow for all, the label is left out and the name
// shortened; the buttons always keep their size.
type navRowLayout struct{}

func (navRowLayout) buttons(objs []fyne.CanvasObject) (w, h float32) {
	for i, o := range objs[2:] {
		m := o.MinSize()
		if i > 0 {
			w += theme.Padding()
		}
		w += m.Width
		h = max(h, m.Height)
	}
	return w, h
}

func (l navRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	title, ctrl := objs[0], objs[1]
	bw, h := l.buttons(objs)
	x := size.Width - bw
	for _, o := range objs[2:] {
		m := o.MinSize()
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(m.Width, h))
		x += m.Width + theme.Padding()
	}
	left := size.Width - bw - theme.Padding()
	cw := ctrl.MinSize().Width
	full := title.MinSize().Width
	if lb, ok := title.(*widget.Label); ok {
		full = fyne.MeasureText(lb.Text, theme.TextSize(), lb.TextStyle).Width + 2*theme.InnerPadding()
	}
	if left-cw-theme.Padding() < full {
		ctrl.Hide()
	} else {
		ctrl.Show()
		left -= cw
		ctrl.Move(fyne.NewPos(left, 0))
		ctrl.Resize(fyne.NewSize(cw, size.Height))
		left -= theme.Padding()
	}
	title.Move(fyne.NewPos(0, 0))
	title.Resize(fyne.NewSize(max(0, left), size.Height))
}

func (l navRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	bw, h := l.buttons(objs)
	t := objs[0].MinSize()
	return fyne.NewSize(t.Width+theme.Padding()+bw, max(h, t.Height, objs[1].MinSize().Height))
}

// recording tells whether a take is under way; no other screen opens then.
func (c *coach) recording() bool {
	return c.screen == screenThink || c.screen == screenAnswer
}

// backToPractice shows the question screen.
func (c *coach) backToPractice() {
	c.leaveNav()
	if c.screen == screenReview {
		c.leaveReview()
	}
	c.notice = ""
	if c.picker != nil {
		c.picker.Reload()
		c.cue.Set(c.picker.Selected())
	}
	c.showQuestion()
}

// settingsScreen builds the settings screen.
func (c *coach) settingsScreen() Screen {
	v := settings.New(c.app, c.win, c.settings, c.devices(), settings.Handlers{
		Back:        c.backToPractice,
		Applied:     c.applySettings,
		MoveLibrary: c.moveLibrary,
		Nav:         c.navFromField,
		Listen:      c.listenCues,
		Welcome: func() {
			c.switchTo(screenQuestion)
			c.showWelcomeAt(1)
		},
	})
	if c.opt.Library != nil {
		v.ShowInUse(c.opt.Library.Dir)
	}
	return v
}

// openFromLibrary opens a take of the library on the review screen.
func (c *coach) openFromLibrary(id string) {
	c.leaveNav()
	c.screen = screenQuestion // reviewTake refuses only while recording
	if err := c.reviewTake(id); err != nil {
		c.showLibrary()
		shown[*library.View](c).Say(fmt.Sprintf("That take could not be opened (%v). Its files are still in your library.", err))
	}
}

// recoverFromLibrary recovers a take a crash left unfinished, chosen on
// the library screen, and opens it on the review screen. An error leaves
// the take as it was and the library on show.
func (c *coach) recoverFromLibrary(id string) error {
	if c.recording() {
		return errors.New("a take is being recorded; stop it first")
	}
	if _, err := c.opt.Library.Recover(id, takefile.Repair); err != nil {
		return err
	}
	c.openFromLibrary(id)
	return nil
}

// compareTakes opens the compare screen on two takes of the library.
func (c *coach) compareTakes(a, b string) {
	ta, errA := c.opt.Library.Load(a)
	tb, errB := c.opt.Library.Load(b)
	if err := errors.Join(errA, errB); err != nil {
		if lv := shown[*library.View](c); lv != nil {
			lv.Say(fmt.Sprintf("Those takes could not be compared (%v).", err))
		}
		return
	}
	lv := shown[*library.View](c) // back to it as it was: filters and selection kept
	c.leaveNav()
	v := library.NewCompare(c.opt.Library, ta, tb, c.openFilePlayer, c.win, library.CompareHandlers{Back: func() {
		c.leaveNav()
		if lv == nil {
			c.showLibrary()
			return
		}
		lv.Reload()
		c.showScreen(screenLibrary, lv)
	}})
	c.showScreen(screenCompare, v)
}

// practiseStory goes to the question screen with the story's cue card
// chosen (and shown).
func (c *coach) practiseStory(id string) {
	c.leaveNav()
	if c.opt.Library == nil {
		c.showQuestion()
		return
	}
	c.ensurePicker()
	c.picker.Reload()
	c.picker.Choose(id)
	c.cue.Set(c.picker.Selected())
	c.cueShown = c.picker.Selected() != nil
	c.showQuestion()
}

// ensurePicker builds the story picker and cue card of the practice
// screens the first time they are needed.
func (c *coach) ensurePicker() {
	if c.picker != nil {
		return
	}
	c.cue = turn.NewCueCard()
	c.picker = turn.NewStoryPicker(c.opt.Library, func(s *practice.Story) {
		c.cue.Set(s)
		if c.screen == screenQuestion {
			c.showQuestion()
		}
	})
	c.picker.Select().Keys = &c.keys // Space, F1 and the letters after it was used
}

// cueCardObject is the cue card for the practice screens, or nil when it is
// hidden or no story is chosen.
func (c *coach) cueCardObject() fyne.CanvasObject {
	if !c.cueShown || c.picker == nil || c.picker.Selected() == nil {
		return nil
	}
	return c.cue.Content()
}

// toggleCue shows or hides the chosen story's cue card on the practice
// screens.
func (c *coach) toggleCue() {
	if c.picker == nil || c.picker.Selected() == nil {
		return
	}
	c.cueShown = !c.cueShown
	switch c.screen {
	case screenQuestion:
		c.showQuestion()
	case screenThink, screenAnswer:
		c.turn.SetCueCard(c.cueCardObject())
	}
}

// storyID is the story chosen for the next take, "" for none.
func (c *coach) storyID() string {
	if c.picker == nil {
		return ""
	}
	if s := c.picker.Selected(); s != nil {
		return s.ID
	}
	return ""
}

// setQuestions replaces the questions the shuffle bag picks from.
func (c *coach) setQuestions(enabled []practice.Question) {
	c.bag = practice.NewBag(enabled, c.opt.Rand)
	c.noQuestion = len(enabled) == 0
	if !c.noQuestion {
		c.q = c.bag.Next()
	}
}

// applySettings puts saved settings into effect for the next take.
func (c *coach) applySettings(s practice.Settings) {
	c.settings = s
	c.cfg = TimerConfig(s)
	c.reaction = s.Reaction
	if c.opt.OnSettings != nil {
		c.opt.OnSettings(s)
	}
}

// moveLibrary moves the takes to dst; it runs on the settings screen's
// goroutine.
func (c *coach) moveLibrary(dst string, progress func(done, total int)) error {
	if c.opt.MoveLibrary == nil {
		return errors.New("ui: moving the library is not available")
	}
	lib, err := c.opt.MoveLibrary(dst, progress)
	if lib != nil {
		fyne.DoAndWait(func() {
			c.opt.Library = lib
			c.settings.LibraryDir = lib.Dir
			// The stories moved with the takes.
			c.picker, c.cue, c.cueShown = nil, nil, false
			c.ensurePicker()
		})
	}
	return err
}

// devices lists the sound devices for the settings screen.
func (c *coach) devices() settings.DeviceLister {
	if c.opt.Devices != nil {
		return c.opt.Devices
	}
	return noDevices{}
}

// noDevices lists nothing: only the system defaults are offered.
type noDevices struct{}

func (noDevices) Inputs() []string  { return nil }
func (noDevices) Outputs() []string { return nil }

// navFromField takes a screen shortcut a text field received.
func (c *coach) navFromField(s fyne.Shortcut) bool {
	to, ok := navTarget(s)
	if ok {
		c.goTo(to)
	}
	return ok
}

// playCue plays the time cue for a phase change to the output, never into
// the take. A cue that cannot be played is skipped: the screen shows the
// time anyway.
func (c *coach) playCue(st timer.State) {
	if c.settings.Cues == practice.CuesNone || c.settings.Cues == "" {
		return
	}
	if st.Phase == timer.Done && !st.Finished {
		return
	}
	left := st.Remaining
	if st.Overtime > 0 {
		left = -st.Overtime
	}
	samples, err := cue.Samples(c.settings.Cues, st.Phase, left, cueRate)
	if err != nil || len(samples) == 0 {
		return
	}
	_ = c.startCue(samples)
}

// cueRate is the sample rate the cues are made and played at.
const cueRate = 48000

// listenCues plays the three cues of a take under s one after another, for
// the settings screen's Listen.
func (c *coach) listenCues(s practice.Settings) error {
	samples, err := cue.Preview(s, cueRate)
	if err != nil || len(samples) == 0 {
		return err
	}
	return c.startCue(samples)
}

// startCue plays samples at cueRate to the output in place of any cue
// still playing; tickCue closes the player once they have played.
func (c *coach) startCue(samples []int16) error {
	c.stopCue()
	p, err := c.opt.Audio.OpenPlayer(samples, cueRate)
	if err != nil {
		return err
	}
	c.cuePlayer = p
	c.cueUntil = c.now().Add(time.Duration(len(samples))*time.Second/cueRate + time.Second)
	p.Play()
	return nil
}

// stopCue ends the cue player.
func (c *coach) stopCue() {
	if c.cuePlayer != nil {
		_ = c.cuePlayer.Close()
		c.cuePlayer = nil
	}
}

// tickCue closes the cue player once its cue has played.
func (c *coach) tickCue() {
	if c.cuePlayer != nil && (!c.cuePlayer.Playing() || c.now().After(c.cueUntil)) {
		c.stopCue()
	}
}

// openFilePlayer opens playback of a WAV file for the compare screen,
// streaming it from the file when the audio can.
func (c *coach) openFilePlayer(path string) (Player, error) {
	return review.OpenFile(c.opt.Audio, path)
}

// windowHolder is a Screen that may hold the window open: the settings
// while the library moves.
type windowHolder interface {
	HoldsWindow() bool
}

// closeRequested runs when the user closes the window. A library move
// under way keeps it open (the takes would be split between two folders
// until the next move), and unsaved story notes are asked about first.
func (c *coach) closeRequested() {
	if h, ok := c.nav.(windowHolder); ok && h.HoldsWindow() {
		dialog.ShowInformation("Your takes are being moved",
			"Fail Forward can close when the move has finished. Nothing is lost if you wait a moment.", c.win)
		return
	}
	if v := shown[*stories.View](c); v != nil {
		v.Leave(c.win.Close) // asks first about unsaved notes
		return
	}
	c.win.Close()
}

// showGuide opens the guide screen, at section s ("" for the top).
func (c *coach) showGuide(s guide.Section) {
	if c.screen != screenGuide {
		c.leaveNav()
		v := c.guideScreen()
		if c.screen == screenReview {
			c.leaveReview()
		}
		c.showScreen(screenGuide, v)
	}
	if s != "" {
		shown[*guide.View](c).Show(s)
	}
}

// guideScreen builds the guide screen. From a review (its checklist's
// links), Escape goes back to that take.
func (c *coach) guideScreen() Screen {
	back := c.backToPractice
	if c.screen == screenReview {
		id := c.rv.Take().ID
		back = func() { c.openFromLibrary(id) }
	}
	return guide.New(&c.keys, guide.Handlers{Back: back, Practise: func() { c.goTo(screenQuestion) }})
}
