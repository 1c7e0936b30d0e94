package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/library"
	"failforward/ui/progress"
	"failforward/ui/questions"
	"failforward/ui/review"
	"failforward/ui/stories"
	"failforward/ui/widgets"
)

// Screen is a screen of the window (the practice turn's question and
// take, welcome, review, library, compare, progress, stories, questions,
// settings, guide) as the window drives it. The window shows Content
// (under the navigation bar but on the welcome and during a take), gives
// it the keys and shortcuts it does not use itself, ticks it with the
// window's ticker, and asks it before it is left.
// Screens embed widgets.ScreenBase for the parts they have nothing to do
// for. Every method is called on the Fyne goroutine.
type Screen interface {
	// Content is what the window shows.
	Content() fyne.CanvasObject
	// Focus gives the keyboard focus to the screen's first field, if it
	// has one; it runs once the content is on the window.
	Focus()
	// TypedKey handles a named key and reports whether it used it;
	// Escape not used goes back to practice.
	TypedKey(*fyne.KeyEvent) bool
	// TypedRune handles a character and reports whether it used it.
	TypedRune(rune) bool
	// TypedShortcut handles one of the screen's shortcuts and reports
	// whether it used it.
	TypedShortcut(fyne.Shortcut) bool
	// Shortcuts are the screen's shortcuts, for the window to register.
	Shortcuts() []fyne.Shortcut
	// Tick runs with the window's ticker while the screen is on show.
	Tick()
	// Leave asks, when there is something to lose, and runs then once the
	// screen may be left; it does not run then when the user stays.
	Leave(then func())
	// Close stops what the screen runs (playback, shortcuts it added)
	// once it is left.
	Close()
}

// place is one row of the table of places: a screen of the window.
type place struct {
	id   screen
	name string // on top of the screen; on its bar button too
	// key with Ctrl (Cmd on macOS) opens it from the navigation bar; ""
	// for a screen that is not in the bar.
	key fyne.KeyName
	// bar is the place of the navigation bar lit while it shows (the
	// review belongs to Practice, the compare screen to the Library).
	bar   screen
	width float32 // the widest its column grows
	// open builds a Screen for the place; nil for the steps of the
	// practice turn, which the window builds itself (showQuestion,
	// start), for the welcome, which it builds at a step
	// (showWelcomeAt), and for the review, which it builds for a take
	// (enterReview).
	open func(c *coach) Screen
	// shortcuts are the place's shortcuts, registered with the window
	// (their text fields pass them on to it too).
	shortcuts []fyne.Shortcut
	help      []helpSection // its rows of the help sheet
}

// helpSection is one group of rows of the help sheet: key and what it
// does.
type helpSection struct {
	title string
	rows  [][2]string
}

// helpEverywhere is the first section of the help sheet: the keys of
// every screen.
var helpEverywhere = helpSection{"Everywhere", [][2]string{
	{"Space", "Start · Answer now · Stop · Play or pause"},
	{"F1 or ?", "Show this help"},
	{"Escape", "Leave: close this help · drop the selection ·"},
	{"", "cancel a take (while answering: Discard or Keep) ·"},
	{"", "back to practice"},
	{"Ctrl+1 to Ctrl+7", "Practice, Library, Progress, Stories, Questions,"},
	{"", "Settings, Guide (during a take: cancel it first, as Escape)"},
	{"Return", "Press the button that has the focus (Tab)"},
	{"", "Space, Escape, F1 and Ctrl+1 to 7 work whatever has"},
	{"", "the focus, except in a text field. A letter means"},
	{"", "one thing per screen, whatever is selected."},
}}

// places are the screens of the window. The help sheet lists their keys
// in this order; the navigation bar shows those with a key, by key
// (Ctrl+1 is the practice screen). Adding a screen is a row here and a
// package for its Screen. (Set in init: the rows' functions lead back to
// the table.)
var places []place

func init() {
	places = []place{
		{id: screenQuestion, name: "Practice", key: fyne.Key1, bar: screenQuestion, width: widgets.MaxColumn,
			help: helpQuestion,
		},
		{id: screenThink, name: "Think", bar: screenQuestion, width: widgets.WideColumn},
		{id: screenAnswer, name: "Answer", bar: screenQuestion, width: widgets.WideColumn,
			help: helpAnswer,
		},
		{id: screenReview, name: "Review", bar: screenQuestion, width: widgets.WideColumn,
			shortcuts: review.Shortcuts,
			help:      helpReview,
		},
		{id: screenLibrary, name: "Library", key: fyne.Key2, bar: screenLibrary, width: widgets.WideColumn,
			open: (*coach).libraryScreen,
			help: helpLibrary,
		},
		{id: screenGuide, name: "Guide", key: fyne.Key7, bar: screenGuide, width: widgets.WideColumn,
			open: (*coach).guideScreen,
			help: helpGuide,
		},
		{id: screenCompare, name: "Compare", bar: screenLibrary, width: widgets.WideColumn,
			help: helpCompare,
		},
		{id: screenProgress, name: "Progress", key: fyne.Key3, bar: screenProgress, width: widgets.WideColumn,
			open: func(c *coach) Screen {
				return progress.New(c.opt.Library, c.win, progress.Handlers{Back: c.backToPractice})
			}},
		{id: screenStories, name: "Stories", key: fyne.Key4, bar: screenStories, width: widgets.WideColumn,
			open: func(c *coach) Screen {
				return stories.New(c.opt.Library, c.win, stories.Handlers{Back: c.backToPractice, Practise: c.practiseStory, Nav: c.navFromField})
			},
			shortcuts: stories.Shortcuts,
			help:      helpStories,
		},
		{id: screenQuestions, name: "Questions", key: fyne.Key5, bar: screenQuestions, width: widgets.WideColumn,
			open: func(c *coach) Screen {
				return questions.New(c.opt.Library, practice.Questions(), c.win, questions.Handlers{Back: c.backToPractice, Changed: c.setQuestions, Nav: c.navFromField})
			},
			shortcuts: questions.Shortcuts},
		{id: screenSettings, name: "Settings", key: fyne.Key6, bar: screenSettings, width: widgets.MaxColumn,
			open: (*coach).settingsScreen,
			help: helpSettings,
		},
		{id: screenWelcome, name: "Welcome", bar: screenQuestion, width: widgets.MaxColumn},
	}
}

// helpQuestion are its screen's rows of the help sheet.
var helpQuestion = []helpSection{
	{"Practice question", [][2]string{
		{"N", "Next question"},
		{"C", "Check the microphone again"},
		{"G", "How to answer: the guide"},
		{"K", "Show or hide the chosen story's cue card"},
		{"", "(also while you think and answer)"},
	}},
}

// helpAnswer are its screen's rows of the help sheet.
var helpAnswer = []helpSection{
	{"While you answer", [][2]string{
		{"S T A R L", "Mark where each part starts: Situation, Task,"},
		{"", "Action, Result, Lesson"},
		{"1 to 5", "The same, in that order"},
	}},
}

// helpReview are its screen's rows of the help sheet.
var helpReview = []helpSection{
	{"Reviewing", [][2]string{
		{"N", "Next question"},
		{"Ctrl+R", "Retake the same question"},
	}},
	{"Reviewing: playback", [][2]string{
		{"Left / Right", "Back or forward 5 seconds"},
		{"Home / End", "Start or end of the take"},
		{"[ / ]", "Previous or next part (selects it)"},
		{"P", "Play the selected part alone"},
		{"O", "Loop the part on or off"},
		{", / .", "Slower or faster (0.75x to 1.5x, same pitch)"},
		{"+ / - / 0", "Zoom in, out, or to the whole take"},
	}},
	{"Reviewing: the parts", [][2]string{
		{"Click a band", "Select that part; drag its edge to move it"},
		{"Drag across", "Select a range of the waveform"},
		{"S T A R L · 1 to 5", "Tag the range, or relabel the selected part"},
		{"", "(select a part or a range first)"},
		{"X", "Split the part at the playhead"},
		{"Delete", "Remove the selected part (Backspace too)"},
		{"Ctrl+Z", "Undo"},
		{"Ctrl+Shift+Z / Ctrl+Y", "Redo"},
		{"E", "Export labels.txt and chapters.vtt"},
		{"V", "Your review: the checklist, rating and notes"},
	}},
}

// helpLibrary are its screen's rows of the help sheet.
var helpLibrary = []helpSection{
	{"Library", [][2]string{
		{"Up / Down · Enter", "Choose a take · open it for review (or recover it)"},
		{"C", "Compare with the earlier take of the same question"},
		{"Delete", "Delete the take (asks first: D deletes, Enter keeps)"},
	}},
}

// helpGuide are its screen's rows of the help sheet.
var helpGuide = []helpSection{
	{"Guide", [][2]string{
		{"Up / Down · Home / End", "Scroll · top or end"},
		{"1 to 5", "Jump to a section"},
		{"Space", "Practise now"},
	}},
}

// helpCompare are its screen's rows of the help sheet.
var helpCompare = []helpSection{
	{"Compare and progress", [][2]string{
		{"A · B", "Play or pause take A · take B (compare)"},
		{"Left / Right", "Older · newer takes (progress)"},
	}},
}

// helpStories are its screen's rows of the help sheet.
var helpStories = []helpSection{
	{"Stories and questions", [][2]string{
		{"Ctrl+N · Ctrl+S", "New · Save"},
		{"Ctrl+D", "Delete the story (asks first)"},
		{"Ctrl+P", "Practise with this story's cue card"},
		{"Ctrl+E · Ctrl+T", "Edit your question · Turn a question on or off"},
		{"Ctrl+O · Ctrl+Shift+S", "Import questions · Export them"},
	}},
}

// helpSettings are its screen's rows of the help sheet.
var helpSettings = []helpSection{
	{"Settings", [][2]string{
		{"Ctrl+S · Ctrl+D", "Save · Back to the defaults"},
		{"Ctrl+M", "Move the library to another folder"},
		{"Ctrl+L", "Listen to the time cues chosen"},
	}},
}

// placeOf is the row of screen s.
func placeOf(s screen) *place {
	for i := range places {
		if places[i].id == s {
			return &places[i]
		}
	}
	panic(fmt.Sprintf("ui: screen %d has no row in places", s))
}

// barPlaces are the places of the navigation bar, by key.
func barPlaces() []place {
	var out []place
	for _, p := range places {
		if p.key != "" {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b place) int { return compareKeys(a.key, b.key) })
	return out
}

func compareKeys(a, b fyne.KeyName) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// helpSections are the sections of the help sheet.
func helpSections() []helpSection {
	out := []helpSection{helpEverywhere}
	for _, p := range places {
		out = append(out, p.help...)
	}
	return out
}

// navShortcuts are Ctrl+1 to Ctrl+7 (and Cmd on macOS) for the places.
func navShortcuts() []fyne.Shortcut {
	var out []fyne.Shortcut
	for _, p := range barPlaces() {
		out = append(out, widgets.CtrlShortcuts(false, p.key)...)
	}
	return out
}

// navTarget tells the place a shortcut goes to.
func navTarget(s fyne.Shortcut) (screen, bool) {
	key, shift, ok := widgets.CtrlShortcut(s)
	if !ok || shift {
		return 0, false
	}
	for _, p := range barPlaces() {
		if p.key == key {
			return p.id, true
		}
	}
	return 0, false
}

// navBar is the row on top of every screen outside a take: the name of
// the screen on show, and a button for each place with its key (Ctrl+1
// to Ctrl+7), the current place's highlighted.
func (c *coach) navBar() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(placeOf(c.screen).name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// In the smallest window the name gives way to the buttons (the
	// current place's stays highlighted).
	title.Truncation = fyne.TextTruncateEllipsis
	row := container.New(navRowLayout{}, title, widget.NewLabel("Ctrl+"))
	cur := placeOf(c.screen).bar
	for _, p := range barPlaces() {
		to := p.id
		imp := widget.LowImportance
		if to == cur {
			imp = widget.HighImportance
		}
		b := c.button(fmt.Sprintf("%s %s", p.key, p.name), imp, func() { c.goTo(to) })
		row.Add(b)
	}
	return row
}

// onNavScreen tells whether a screen is on show as a Screen: every screen
// is, but in the moment between two screens and while the window closes.
func (c *coach) onNavScreen() bool { return c.nav != nil }

// goTo opens a place of the navigation bar. During a take it first
// cancels the take as Escape does (asking while answering). The screen on
// show is asked first (the story notebook with unsaved changes, the
// settings).
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
	if v, ok := c.nav.(*library.Compare); ok && to == screenLibrary {
		v.Back() // to the library as it was
		return
	}
	if c.nav != nil {
		c.nav.Leave(func() { c.switchTo(to) })
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
	if p := placeOf(to); p.open != nil {
		c.showScreen(to, p.open(c))
		return
	}
	c.backToPractice()
}

// showScreen puts s on show as screen id.
func (c *coach) showScreen(id screen, s Screen) {
	c.nav = s
	c.screen = id
	c.setPage(s.Content(), placeOf(id).width)
	s.Focus()
}

// leaveNav closes the screen on show.
func (c *coach) leaveNav() {
	s := c.nav
	if s == nil {
		return
	}
	c.nav = nil
	s.Close()
	if _, ok := s.(*stories.View); ok && c.picker != nil {
		// A story may have been renamed or deleted.
		c.picker.Reload()
		c.cue.Set(c.picker.Selected())
	}
	c.addShortcuts() // a screen's own (the settings' Ctrl+S) may have replaced the window's
}

// showLibrary opens the library screen.
func (c *coach) showLibrary() { c.showScreen(screenLibrary, c.libraryScreen()) }

// libraryScreen builds the library screen.
func (c *coach) libraryScreen() Screen {
	return library.New(c.opt.Library, c.win, library.Handlers{
		Open:    c.openFromLibrary,
		Compare: c.compareTakes,
		Back:    c.backToPractice,
		Recover: c.recoverFromLibrary,
	})
}

// navKey gives a key to the screen on show; Escape goes back to practice
// when the screen does not use it.
func (c *coach) navKey(ev *fyne.KeyEvent) {
	if !c.nav.TypedKey(ev) && ev.Name == fyne.KeyEscape {
		c.goTo(screenQuestion)
	}
}

// navRune gives a character to the screen on show.
func (c *coach) navRune(r rune) { c.nav.TypedRune(r) }

// navShortcut runs a shortcut of the places or of the screen on show. It
// reports whether the shortcut was one of theirs.
func (c *coach) navShortcut(s fyne.Shortcut) bool {
	if to, ok := navTarget(s); ok {
		c.goTo(to)
		return true
	}
	return c.nav != nil && c.nav.TypedShortcut(s)
}

// shown is the screen on show if it is a T, else T's zero value.
func shown[T Screen](c *coach) T {
	v, _ := c.nav.(T)
	return v
}
