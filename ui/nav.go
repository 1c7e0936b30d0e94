package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/cue"
	"failforward/audio/wavfile"
	"failforward/practice"
	"failforward/timer"
)

// navState holds the screens beyond the practice loop. At most one of
// them is on show; the others are nil.
type navState struct {
	library  *libraryView
	compare  *compareView
	progress *progressView
	stories  *storiesView
	bank     *questionBankView
	settings *settingsView
	guide    *guideView
}

// place is one screen reachable from the navigation bar.
type place struct {
	label string
	key   fyne.KeyName // with Ctrl (Cmd on macOS)
	to    screen
}

// places are the screens of the navigation bar, in order; Ctrl+1 is the
// practice screen.
var places = []place{
	{"Practice", fyne.Key1, screenQuestion},
	{"Library", fyne.Key2, screenLibrary},
	{"Progress", fyne.Key3, screenProgress},
	{"Stories", fyne.Key4, screenStories},
	{"Questions", fyne.Key5, screenQuestions},
	{"Settings", fyne.Key6, screenSettings},
	{"Guide", fyne.Key7, screenGuide},
}

// navShortcuts are Ctrl+1 to Ctrl+7 (and Cmd on macOS) for the places.
func navShortcuts() []fyne.Shortcut {
	var out []fyne.Shortcut
	for _, p := range places {
		for _, m := range []fyne.KeyModifier{fyne.KeyModifierControl, fyne.KeyModifierSuper} {
			out = append(out, &desktop.CustomShortcut{KeyName: p.key, Modifier: m})
		}
	}
	return out
}

// navTarget tells the place a shortcut goes to.
func navTarget(s fyne.Shortcut) (screen, bool) {
	key, shift, ok := ctrlShortcut(s)
	if !ok || shift {
		return 0, false
	}
	for _, p := range places {
		if p.key == key {
			return p.to, true
		}
	}
	return 0, false
}

// screenNames name the screens outside a take in the navigation bar.
var screenNames = map[screen]string{
	screenQuestion:  "Practice",
	screenReview:    "Review",
	screenLibrary:   "Library",
	screenCompare:   "Compare",
	screenProgress:  "Progress",
	screenStories:   "Stories",
	screenQuestions: "Questions",
	screenSettings:  "Settings",
	screenGuide:     "Guide",
}

// navPlace is the place of the navigation bar a screen belongs to: the
// review to Practice, the compare screen to the Library.
func navPlace(s screen) screen {
	switch s {
	case screenReview:
		return screenQuestion
	case screenCompare:
		return screenLibrary
	}
	return s
}

// navBar is the row on top of every screen outside a take: the name of
// the screen on show, and a button for each place with its key (Ctrl+1
// to Ctrl+7), the current place's highlighted.
func (c *coach) navBar() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(screenNames[c.screen], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// In the smallest window the name gives way to the buttons (the
	// current place's stays highlighted).
	title.Truncation = fyne.TextTruncateEllipsis
	row := container.New(navRowLayout{}, title, widget.NewLabel("Ctrl+"))
	cur := navPlace(c.screen)
	for _, p := range places {
		to := p.to
		imp := widget.LowImportance
		if to == cur {
			imp = widget.HighImportance
		}
		b := c.button(fmt.Sprintf("%s %s", p.key, p.label), imp, func() { c.goTo(to) })
		row.Add(b)
	}
	return row
}

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

// onNavScreen tells whether one of the screens beyond the practice loop is
// on show.
func (c *coach) onNavScreen() bool {
	switch c.screen {
	case screenLibrary, screenCompare, screenProgress, screenStories, screenQuestions, screenSettings, screenGuide:
		return true
	}
	return false
}

// goTo opens a screen of the navigation bar. During a take it first
// cancels the take as Escape does (asking while answering). Leaving the story notebook with unsaved changes asks
// first.
func (c *coach) goTo(to screen) {
	if c.closed {
		return
	}
	if c.recording() {
		c.cancelTake(func() {
			if c.screen != to {
				c.goTo(to)
			}
		})
		return
	}
	if to == c.screen && to != screenQuestion {
		return
	}
	if to == screenLibrary && c.screen == screenCompare {
		c.nav.compare.back()
		return
	}
	if v := c.nav.stories; v != nil && c.screen == screenStories && v.dirty() {
		v.leave(func() { c.switchTo(to) }, func() {})
		return
	}
	if v := c.nav.settings; v != nil && c.screen == screenSettings {
		if v.busy() {
			if v.moving {
				v.leave() // says to wait for the move
			}
			return
		}
		v.leaveTo(func() { c.switchTo(to) })
		return
	}
	c.switchTo(to)
}

// switchTo leaves the screen on show and builds the one asked for.
func (c *coach) switchTo(to screen) {
	c.closeWelcome()
	c.leaveNav()
	if c.screen == screenReview {
		c.leaveReview()
	}
	switch to {
	case screenLibrary:
		c.showLibrary()
	case screenProgress:
		v := newProgressView(c.opt.Library, c.win, progressHandlers{Back: c.backToPractice})
		c.nav.progress = v
		c.screen = screenProgress
		c.setPage(v.content(), wideColumn)
	case screenStories:
		v := newStoriesView(c.opt.Library, c.win, storiesHandlers{Back: c.backToPractice, Practise: c.practiseStory, Nav: c.navFromField})
		c.nav.stories = v
		c.screen = screenStories
		c.setPage(v.content(), wideColumn)
		v.focus()
	case screenQuestions:
		v := newQuestionBankView(c.opt.Library, practice.Questions(), c.win, bankHandlers{Back: c.backToPractice, Changed: c.setQuestions, Nav: c.navFromField})
		c.nav.bank = v
		c.screen = screenQuestions
		c.setPage(v.content(), wideColumn)
		v.focus()
	case screenSettings:
		v := newSettingsView(c.app, c.win, c.settings, c.devices(), settingsHandlers{
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
			v.showInUse(c.opt.Library.Dir)
		}
		c.nav.settings = v
		c.screen = screenSettings
		c.setPage(v.content(), maxColumn)
	case screenGuide:
		c.showGuide("")
	default:
		c.backToPractice()
	}
}

// leaveNav closes the screen beyond the practice loop that is on show: it
// stops the compare screen's playback and takes back the shortcuts the
// settings screen registered.
func (c *coach) leaveNav() {
	if v := c.nav.compare; v != nil {
		v.close()
	}
	if c.nav.stories != nil && c.picker != nil {
		// A story may have been renamed or deleted.
		c.picker.reload()
		c.cue.set(c.picker.selected())
	}
	if v := c.nav.settings; v != nil {
		v.detach()
		c.addShortcuts() // the settings' Ctrl+S and Ctrl+D replaced the window's
	}
	c.nav = navState{}
}

// backToPractice shows the question screen.
func (c *coach) backToPractice() {
	c.leaveNav()
	if c.screen == screenReview {
		c.leaveReview()
	}
	c.notice = ""
	if c.picker != nil {
		c.picker.reload()
		c.cue.set(c.picker.selected())
	}
	c.showQuestion()
}

// showLibrary opens the library screen.
func (c *coach) showLibrary() {
	v := newLibraryView(c.opt.Library, c.win, libraryHandlers{
		Open:    c.openFromLibrary,
		Compare: c.compareTakes,
		Back:    c.backToPractice,
		Recover: c.recoverFromLibrary,
	})
	c.nav.library = v
	c.screen = screenLibrary
	c.setPage(v.content(), wideColumn)
}

// openFromLibrary opens a take of the library on the review screen.
func (c *coach) openFromLibrary(id string) {
	c.leaveNav()
	c.screen = screenQuestion // reviewTake refuses only while recording
	if err := c.reviewTake(id); err != nil {
		c.showLibrary()
		c.nav.library.say(fmt.Sprintf("That take could not be opened (%v). Its files are still in your library.", err))
	}
}

// recoverFromLibrary recovers a take a crash left unfinished, chosen on
// the library screen, and opens it on the review screen. An error leaves
// the take as it was and the library on show.
func (c *coach) recoverFromLibrary(id string) error {
	if c.recording() {
		return errors.New("a take is being recorded; stop it first")
	}
	if _, err := c.opt.Library.Recover(id, wavfile.RepairTake); err != nil {
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
		if c.nav.library != nil {
			c.nav.library.say(fmt.Sprintf("Those takes could not be compared (%v).", err))
		}
		return
	}
	lv := c.nav.library // back to it as it was: filters and selection kept
	c.leaveNav()
	v := newCompareView(c.opt.Library, ta, tb, c.openFilePlayer, c.win, compareHandlers{Back: func() {
		c.leaveNav()
		if lv == nil {
			c.showLibrary()
			return
		}
		lv.reload()
		c.nav.library = lv
		c.screen = screenLibrary
		c.setPage(lv.content(), wideColumn)
	}})
	c.nav.compare = v
	c.screen = screenCompare
	c.setPage(v.content(), wideColumn)
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
	c.picker.reload()
	c.picker.choose(id)
	c.cue.set(c.picker.selected())
	c.cueShown = c.picker.selected() != nil
	c.showQuestion()
}

// ensurePicker builds the story picker and cue card of the practice
// screens the first time they are needed.
func (c *coach) ensurePicker() {
	if c.picker != nil {
		return
	}
	c.cue = newCueCard()
	c.picker = newStoryPicker(c.opt.Library, func(s *practice.Story) {
		c.cue.set(s)
		if c.screen == screenQuestion {
			c.showQuestion()
		}
	})
	c.picker.sel.keys = &c.keys // Space, F1 and the letters after it was used
}

// storyRow is the question screen's story picker with the cue card key.
func (c *coach) storyRow() fyne.CanvasObject {
	if c.opt.Library == nil {
		return layout.NewSpacer()
	}
	c.ensurePicker()
	label := "Show cue card (K)"
	if c.cueShown {
		label = "Hide cue card (K)"
	}
	toggle := c.button(label, widget.MediumImportance, c.toggleCue)
	if c.picker.selected() == nil {
		// Say why it is off, on the button itself.
		toggle.SetText("Cue card: choose a story")
		toggle.Disable()
	}
	return container.NewBorder(nil, nil, widget.NewLabel("Story"), toggle, c.picker.content())
}

// cueCardObject is the cue card for the practice screens, or nil when it is
// hidden or no story is chosen.
func (c *coach) cueCardObject() fyne.CanvasObject {
	if !c.cueShown || c.picker == nil || c.picker.selected() == nil {
		return nil
	}
	return c.cue.content()
}

// toggleCue shows or hides the chosen story's cue card on the practice
// screens.
func (c *coach) toggleCue() {
	if c.picker == nil || c.picker.selected() == nil {
		return
	}
	c.cueShown = !c.cueShown
	switch c.screen {
	case screenQuestion:
		c.showQuestion()
	case screenThink:
		c.showThink()
		c.tickTake()
	case screenAnswer:
		c.showAnswer()
		c.tickTake()
	}
}

// storyID is the story chosen for the next take, "" for none.
func (c *coach) storyID() string {
	if c.picker == nil {
		return ""
	}
	if s := c.picker.selected(); s != nil {
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
func (c *coach) devices() deviceLister {
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

// navKey gives a key to the screen on show beyond the practice loop;
// Escape goes back when the screen does not use it.
func (c *coach) navKey(ev *fyne.KeyEvent) {
	var handled bool
	switch c.screen {
	case screenLibrary:
		handled = c.nav.library.typedKey(ev)
	case screenCompare:
		handled = c.nav.compare.typedKey(ev)
	case screenProgress:
		handled = c.nav.progress.typedKey(ev)
	case screenStories:
		handled = c.nav.stories.typedKey(ev)
	case screenQuestions:
		handled = c.nav.bank.typedKey(ev)
	case screenSettings:
		handled = c.nav.settings.typedKey(ev)
	case screenGuide:
		handled = c.nav.guide.typedKey(ev)
	}
	if !handled && ev.Name == fyne.KeyEscape {
		c.goTo(screenQuestion)
	}
}

// navRune gives a character to the screen on show beyond the practice
// loop.
func (c *coach) navRune(r rune) {
	switch c.screen {
	case screenLibrary:
		c.nav.library.typedRune(r)
	case screenCompare:
		c.nav.compare.typedRune(r)
	case screenProgress:
		c.nav.progress.typedRune(r)
	case screenStories:
		c.nav.stories.typedRune(r)
	case screenQuestions:
		c.nav.bank.typedRune(r)
	case screenSettings:
		c.nav.settings.typedRune(r)
	case screenGuide:
		c.nav.guide.typedRune(r)
	}
}

// navShortcut runs a shortcut of the screens beyond the practice loop. It
// reports whether the shortcut was one of theirs.
func (c *coach) navShortcut(s fyne.Shortcut) bool {
	if to, ok := navTarget(s); ok {
		c.goTo(to)
		return true
	}
	switch c.screen {
	case screenStories:
		return c.nav.stories.typedShortcut(s)
	case screenQuestions:
		return c.nav.bank.typedShortcut(s)
	}
	return false
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

// reviewSaveEvery is how often typing in the self-review's notes is
// saved; ticks and leaving the review save the rest.
const reviewSaveEvery = time.Second

// reviewChanged takes in a change of the self-review on the review screen.
// Ticks and checks are saved at once, notes at most every second.
func (c *coach) reviewChanged(rv practice.SelfReview) {
	r := &c.review
	notesOnly := rv.Notes != r.take.Review.Notes && rv.Rating == r.take.Review.Rating &&
		len(rv.Checked) == len(r.take.Review.Checked)
	r.take.Review = rv
	r.reviewDirty = true
	if !notesOnly || c.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		c.saveReview(false)
	}
}

// saveReview saves the self-review of the take on review if it changed.
// When the review screen is being left, a failure is shown in a dialog
// with the notes, so they can be copied; otherwise on the status line.
func (c *coach) saveReview(leaving bool) {
	r := &c.review
	if !r.reviewDirty || r.take.ID == "" {
		return
	}
	r.reviewDirty = false
	r.reviewSaved = c.now()
	err := c.opt.Library.Save(r.take)
	if err == nil {
		return
	}
	r.reviewDirty = true
	if !leaving {
		c.setStatus(fmt.Sprintf("Your review could not be saved (%v). Check that the takes folder can be written; your notes stay on screen.", err))
		return
	}
	msg := fmt.Sprintf("Your review of this take could not be saved (%v). Check that the takes folder can be written.", err)
	if r.take.Review.Notes != "" {
		msg += " Your notes were:\n\n" + r.take.Review.Notes
	}
	dialog.ShowInformation("Your review was not saved", msg, c.win)
}

// tickReviewNotes saves notes typed since the last save, once a second.
func (c *coach) tickReviewNotes() {
	if r := &c.review; r.reviewDirty && c.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		c.saveReview(false)
	}
}

// showChecklist switches the review screen's side panel to the
// self-review (V).
func (c *coach) showChecklist() {
	r := &c.review
	if c.screen != screenReview || r.tabs == nil {
		return
	}
	r.showChecklist = true
	r.tabs.SelectIndex(1)
	if c.w.layout != nil && !c.w.layout.wide && !r.showInsights {
		c.toggleInsights()
	}
	if r.check != nil && len(r.check.checks) > 0 {
		c.win.Canvas().Focus(r.check.checks[0])
	}
}

// openFilePlayer opens playback of a WAV file for the compare screen,
// streaming it from the file when the audio can.
func (c *coach) openFilePlayer(path string) (Player, error) {
	p, _, err := c.openRecording(path)
	return p, err
}

// closeRequested runs when the user closes the window. A library move
// under way keeps it open (the takes would be split between two folders
// until the next move), and unsaved story notes are asked about first.
func (c *coach) closeRequested() {
	if v := c.nav.settings; v != nil && v.moving {
		dialog.ShowInformation("Your takes are being moved",
			"Fail Forward can close when the move has finished. Nothing is lost if you wait a moment.", c.win)
		return
	}
	if v := c.nav.stories; v != nil && c.screen == screenStories && v.dirty() {
		v.leave(c.win.Close, func() {})
		return
	}
	c.win.Close()
}
