// Package settings is the Settings screen: devices, times, the time
// cues, the theme and the library folder (and its move), saved in the
// app's preferences through ui/prefs. It reaches the window only through
// Handlers and never imports ui or another screen package. Everything but
// the library move runs on the Fyne goroutine.
package settings

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/prefs"
	"failforward/ui/widgets"
)

// DeviceLister names the sound devices the settings can choose from.
type DeviceLister interface {
	Inputs() []string
	Outputs() []string
}

// Handlers are what the settings screen asks of the window.
type Handlers struct {
	// Back leaves the settings screen (after the user agreed to drop
	// unsaved changes).
	Back func()
	// Applied runs after valid settings were saved to the preferences, for
	// the window to start using them.
	Applied func(s practice.Settings)
	// MoveLibrary moves the library to dst (practice.MoveLibrary) and
	// switches the window to it when that succeeds. It runs on a goroutine
	// the view starts, not on the Fyne main goroutine, and calls progress
	// from there. When it is nil, Move is disabled.
	MoveLibrary func(dst string, progress func(done, total int)) error
	// Nav takes the window's screen shortcuts (Ctrl+1 to Ctrl+6) that a
	// text field received; it reports whether s was one. May be nil.
	Nav func(s fyne.Shortcut) bool
	// Listen plays the time cues a take under s would play, on the
	// speakers in use. When it is nil, Listen is disabled.
	Listen func(s practice.Settings) error
	// Welcome opens the first-start welcome at its microphone check (after
	// the user agreed to drop unsaved changes). When it is nil, the
	// screen offers no way there.
	Welcome func()
}

// settingsField names a setting that can carry a note: a hint, or what is
// wrong with the value typed.
type settingsField int

const (
	fieldThink settingsField = iota
	fieldLimit
	fieldMarks
	fieldStrict
	fieldReaction
	fieldLibrary
	fieldCues
	numFields
)

// SystemDefault is the device choice that follows the system's.
const SystemDefault = prefs.SystemDefault

// deviceNotConnected marks a saved device that is not there now.
const deviceNotConnected = " (not connected)"

var (
	settingsThemes = []struct {
		t     practice.Theme
		label string
	}{{practice.ThemeSystem, "Same as the system"}, {practice.ThemeLight, "Light"}, {practice.ThemeDark, "Dark"}}
	settingsCues = []struct {
		c     practice.Cues
		label string
	}{{practice.CuesNone, "None"}, {practice.CuesTone, "Short tones"}, {practice.CuesSpoken, "Spoken time left"}}
)

// Hints shown under the fields while their values are fine.
var settingsHints = [numFields]string{
	fieldThink: "Seconds (45) or minutes and seconds (1:30), up to " + timer.Format(timer.MaxThink) +
		". 0 starts recording at once.",
	fieldLimit:  "From " + timer.Format(timer.MinLimit) + " to " + timer.Format(timer.MaxLimit) + ".",
	fieldMarks:  "Percent of the limit where each colour starts.",
	fieldStrict: "When this is off, you can go on past the limit and the overtime is counted.",
	fieldReaction: "Milliseconds, up to " + strconv.FormatInt(practice.MaxReaction.Milliseconds(), 10) +
		". Part keys (S T A R L) mark the part this much earlier, since you press them just after you start the part.",
	fieldCues: "Played on your speakers at green, yellow and red. They are not saved in your take. Listen (Ctrl+L) plays all three.",
}

// What to write when a value cannot be read.
var settingsFormats = [numFields]string{
	fieldThink:    "Write the think time as seconds (45) or minutes and seconds (1:30).",
	fieldLimit:    "Write the limit as seconds (90) or minutes and seconds (2:00).",
	fieldMarks:    "Write each mark as a percent of the limit, such as 50, 75 and 100.",
	fieldReaction: "Write the reaction time in milliseconds, such as 250.",
}

// View is the settings screen: devices, timing, library folder,
// theme and time cues, saved to the app's preferences. Every method runs
// on the Fyne main goroutine; the library move runs on a goroutine of its
// own (see startMove).
type View struct {
	widgets.ScreenBase

	app   fyne.App
	win   fyne.Window
	devs  DeviceLister
	h     Handlers
	saved practice.Settings // the settings as last saved (or as given)
	keys  widgets.Keys

	input, output, themeSel, cues *widgets.Select
	think, limit, reaction        *widgets.Entry
	green, yellow, red            *widgets.Entry
	strict                        *widgets.Check
	libPath                       *widget.Label
	move, save, reset, back       *widgets.Button
	listen                        *widgets.Button
	notes                         [numFields]*widget.Label
	top                           *widget.Label
	progress                      *widget.ProgressBar

	moving     bool
	moveDone   int // takes moved so far
	moveTotal  int
	moveEnded  chan struct{} // closed when the move goroutine has finished
	confirm    dialog.Dialog // the open question, if any
	shortcuts  []fyne.Shortcut
	themeShown practice.Theme // the theme applied while choosing
	inUse      string         // the library folder in use, when the command line chose it
	root       fyne.CanvasObject
}

// New builds the settings screen showing cur. It registers its
// Shortcuts (Ctrl+S save, Ctrl+D defaults, Ctrl+M move, Ctrl+L listen; Cmd
// on macOS too)
// on the window's canvas; detach removes them, and Back calls it first.
func New(a fyne.App, win fyne.Window, cur practice.Settings, devs DeviceLister, h Handlers) *View {
	v := &View{app: a, win: win, devs: devs, h: h, saved: cur, themeShown: cur.Theme}
	v.keys = widgets.Keys{Key: v.forwardKey, Rune: v.forwardRune}
	v.build()
	v.fill(cur)
	for _, k := range []fyne.KeyName{fyne.KeyS, fyne.KeyD, fyne.KeyM, fyne.KeyL} {
		for _, m := range []fyne.KeyModifier{fyne.KeyModifierControl, fyne.KeyModifierSuper} {
			s := &desktop.CustomShortcut{KeyName: k, Modifier: m}
			v.shortcuts = append(v.shortcuts, s)
			win.Canvas().AddShortcut(s, func(s fyne.Shortcut) { v.TypedShortcut(s) })
		}
	}
	return v
}

// Leave waits for a move or a question on show (a move under way says
// so), and asks before unsaved changes are lost.
func (v *View) Leave(then func()) {
	if v.busy() {
		if v.moving {
			v.leave() // says to wait for the move
		}
		return
	}
	v.leaveTo(then)
}

// HoldsWindow tells whether the window must stay open: the takes are
// being moved, and would be split between two folders until the next move.
func (v *View) HoldsWindow() bool { return v.moving }

// Close removes the view's shortcuts from the window.
func (v *View) Close() { v.detach() }

// detach removes the view's shortcuts from the window.
func (v *View) detach() {
	for _, s := range v.shortcuts {
		v.win.Canvas().RemoveShortcut(s)
	}
	v.shortcuts = nil
}

// forwardKey passes a key from a focused field to the window's handler,
// which hands it to typedKey when the settings are on show.
func (v *View) forwardKey(ev *fyne.KeyEvent) {
	if f := v.win.Canvas().OnTypedKey(); f != nil {
		f(ev)
		return
	}
	v.TypedKey(ev)
}

func (v *View) forwardRune(r rune) {
	if f := v.win.Canvas().OnTypedRune(); f != nil {
		f(r)
		return
	}
	v.TypedRune(r)
}

func (v *View) build() {
	v.input = widgets.NewSelect(&v.keys, nil, nil)
	v.output = widgets.NewSelect(&v.keys, nil, nil)
	v.think = v.newEntry(fieldThink, "0:30")
	v.limit = v.newEntry(fieldLimit, "2:00")
	v.green = v.newEntry(fieldMarks, "50")
	v.yellow = v.newEntry(fieldMarks, "75")
	v.red = v.newEntry(fieldMarks, "100")
	v.reaction = v.newEntry(fieldReaction, "250")
	v.strict = widgets.NewCheck(&v.keys, "Stop the answer at the limit")
	v.themeSel = widgets.NewSelect(&v.keys, nil, nil)
	for _, t := range settingsThemes {
		v.themeSel.Options = append(v.themeSel.Options, t.label)
	}
	v.themeSel.OnChanged = func(string) { v.previewTheme() }
	v.cues = widgets.NewSelect(&v.keys, nil, nil)
	for _, c := range settingsCues {
		v.cues.Options = append(v.cues.Options, c.label)
	}
	v.cues.OnChanged = func(string) {
		v.setNote(fieldCues, "", false) // the hint again, not an old failure
		v.updateListen()
	}
	v.listen = widgets.NewButton(&v.keys, "Listen (Ctrl+L)", widget.MediumImportance, v.listenCues)
	for f := range v.notes {
		v.notes[f] = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameCaptionText, false)
	}
	v.top = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, true)
	v.top.Hide()
	v.libPath = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.progress = widget.NewProgressBar()
	v.progress.TextFormatter = v.progressText
	v.progress.Hide()

	v.move = widgets.NewButton(&v.keys, "Move… (Ctrl+M)", widget.MediumImportance, v.chooseFolder)
	if v.h.MoveLibrary == nil {
		v.move.Disable()
	}
	v.save = widgets.NewButton(&v.keys, "Save (Ctrl+S)", widget.HighImportance, v.saveForm)
	v.reset = widgets.NewButton(&v.keys, "Reset to defaults (Ctrl+D)", widget.MediumImportance, v.resetForm)
	v.back = widgets.NewButton(&v.keys, "Back (Esc)", widget.MediumImportance, v.leave)

	mark := func(name string, e *widgets.Entry) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(name), widget.NewLabel("%"), e)
	}
	field := func(o fyne.CanvasObject, f settingsField) fyne.CanvasObject {
		// The note hugs its field: the label's own padding is gap enough.
		return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()), o, v.notes[f])
	}
	narrow := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWithColumns(3, o)
	}
	var input fyne.CanvasObject = v.input
	if v.h.Welcome != nil {
		check := widgets.NewButton(&v.keys, "Check…", widget.MediumImportance, func() { v.leaveTo(v.h.Welcome) })
		input = container.NewBorder(nil, nil, nil, check, v.input)
	}
	form := container.New(layout.NewFormLayout(),
		settingsLabel("Microphone"), input,
		settingsLabel("Speakers"), v.output,
		settingsLabel("Think time"), field(narrow(v.think), fieldThink),
		settingsLabel("Answer limit"), field(narrow(v.limit), fieldLimit),
		settingsLabel("Colour marks"), field(container.NewGridWithColumns(3,
			mark("Green", v.green), mark("Yellow", v.yellow), mark("Red", v.red)), fieldMarks),
		settingsLabel("At the limit"), field(v.strict, fieldStrict),
		settingsLabel("Key reaction time"), field(narrow(v.reaction), fieldReaction),
		settingsLabel("Library folder"), field(container.NewVBox(
			container.NewBorder(nil, nil, nil, v.move, v.libPath), v.progress), fieldLibrary),
		settingsLabel("Theme"), narrow(v.themeSel),
		settingsLabel("Time cues"), field(container.NewGridWithColumns(3, v.cues, v.listen), fieldCues),
	)
	head := container.NewVBox(
		widgets.Wrapped("Settings", fyne.TextAlignLeading, theme.SizeNameSubHeadingText, true),
		v.top,
	)
	buttons := container.NewHBox(v.back, layout.NewSpacer(), v.reset, v.save)
	v.root = container.NewBorder(head, buttons, nil, nil, container.NewVScroll(form))
}

func settingsLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (v *View) newEntry(f settingsField, placeholder string) *widgets.Entry {
	// Escape and F1 keep working for the window; the settings' shortcuts
	// come first, the field's own (copy, paste, undo...) otherwise.
	e := widgets.NewEntry(&widgets.Keys{Key: v.forwardKey, Shortcut: v.TypedShortcut}, false)
	e.Pass = []fyne.KeyName{fyne.KeyF1}
	e.PlaceHolder = placeholder
	e.OnChanged = func(string) { v.setNote(f, "", false) }
	return e
}

// Content is the screen, for the window's page.
func (v *View) Content() fyne.CanvasObject { return v.root }

// fill shows s in the fields and clears every message.
func (v *View) fill(s practice.Settings) {
	setDevices(v.input, v.devs, true, s.InputDevice)
	setDevices(v.output, v.devs, false, s.OutputDevice)
	v.think.SetText(timer.Format(s.Think))
	v.limit.SetText(timer.Format(s.Limit))
	v.green.SetText(formatSettingsPercent(s.Green))
	v.yellow.SetText(formatSettingsPercent(s.Yellow))
	v.red.SetText(formatSettingsPercent(s.Red))
	v.reaction.SetText(strconv.FormatInt(s.Reaction.Milliseconds(), 10))
	v.strict.SetChecked(s.Strict)
	v.libPath.SetText(libraryFolderShown(s.LibraryDir))
	// One change each: choosing a theme applies it.
	th, cue := 0, 0
	for i, t := range settingsThemes {
		if t.t == s.Theme {
			th = i
		}
	}
	for i, c := range settingsCues {
		if c.c == s.Cues {
			cue = i
		}
	}
	v.themeSel.SetSelectedIndex(th)
	v.cues.SetSelectedIndex(cue)
	for f := range v.notes {
		v.setNote(settingsField(f), "", false)
	}
	v.setTop("", false)
}

// setDevices fills a device list: the system default, the devices there
// are, and the chosen one marked as not connected when it is missing.
func setDevices(s *widgets.Select, devs DeviceLister, input bool, chosen string) {
	var names []string
	if devs != nil {
		if input {
			names = devs.Inputs()
		} else {
			names = devs.Outputs()
		}
	}
	opts := append([]string{SystemDefault}, names...)
	sel := SystemDefault
	if chosen != "" {
		sel = chosen
		found := false
		for _, n := range names {
			found = found || n == chosen
		}
		if !found {
			sel = chosen + deviceNotConnected
			opts = append(opts, sel)
		}
	}
	s.Options = opts
	s.SetSelected(sel)
}

// deviceChoice is the setting for a device list's choice.
func deviceChoice(sel string) string {
	if sel == SystemDefault {
		return ""
	}
	return strings.TrimSuffix(sel, deviceNotConnected)
}

// libraryFolderShown is the folder to show for a LibraryDir setting.
func libraryFolderShown(dir string) string {
	if dir != "" {
		return dir
	}
	if d, err := practice.DefaultDir(); err == nil {
		return d
	}
	return "The default folder in your user data"
}

// setNote shows a field's hint, or text as what is wrong with it.
func (v *View) setNote(f settingsField, text string, isErr bool) {
	n := v.notes[f]
	if text == "" {
		text, isErr = settingsHints[f], false
	}
	if isErr {
		n.Importance = widget.DangerImportance
		n.TextStyle.Bold = true
		n.SizeName = theme.SizeNameText
	} else {
		n.Importance = widget.MediumImportance
		n.TextStyle.Bold = false
		n.SizeName = theme.SizeNameCaptionText
	}
	n.Hidden = text == ""
	n.SetText(text)
	v.relayout()
}

// setTop shows the message over the fields; "" hides it.
func (v *View) setTop(text string, isErr bool) {
	v.top.Importance = widget.MediumImportance
	if isErr {
		v.top.Importance = widget.DangerImportance
	}
	v.top.Hidden = text == ""
	v.top.SetText(text)
	v.relayout()
}

// relayout lays the window out again when the view is on show, so wrapped
// notes that changed get their height.
func (v *View) relayout() {
	if c := v.win.Content(); c != nil && v.root != nil {
		widgets.Relayout(c)
	}
}

// read returns the settings the fields show. Fields whose text cannot be
// read keep their saved value in s and are listed in bad.
func (v *View) read() (s practice.Settings, bad []settingsField) {
	s = v.saved
	s.InputDevice = deviceChoice(v.input.Selected)
	s.OutputDevice = deviceChoice(v.output.Selected)
	if d, ok := parseSettingsClock(v.think.Text); ok {
		s.Think = d
	} else {
		bad = append(bad, fieldThink)
	}
	if d, ok := parseSettingsClock(v.limit.Text); ok {
		s.Limit = d
	} else {
		bad = append(bad, fieldLimit)
	}
	g, okG := parseSettingsPercent(v.green.Text)
	y, okY := parseSettingsPercent(v.yellow.Text)
	r, okR := parseSettingsPercent(v.red.Text)
	if okG && okY && okR {
		s.Green, s.Yellow, s.Red = g, y, r
	} else {
		bad = append(bad, fieldMarks)
	}
	if ms, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v.reaction.Text), "ms"))); err == nil {
		s.Reaction = time.Duration(ms) * time.Millisecond
	} else {
		bad = append(bad, fieldReaction)
	}
	s.Strict = v.strict.Checked
	if i := v.themeSel.SelectedIndex(); i >= 0 {
		s.Theme = settingsThemes[i].t
	}
	if i := v.cues.SelectedIndex(); i >= 0 {
		s.Cues = settingsCues[i].c
	}
	return s, bad
}

// dirty reports whether the fields differ from the saved settings.
func (v *View) dirty() bool {
	s, bad := v.read()
	return len(bad) > 0 || s != v.saved
}

// fieldErrors sorts the problems practice.Settings.Validate reports by
// the field they belong to, as sentences for the screen. Problems of no
// field the form shows (or that are not *practice.SettingError) are rest.
func fieldErrors(err error) (fields map[settingsField]string, rest []string) {
	fields = map[settingsField]string{}
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var se *practice.SettingError
		if !errors.As(err, &se) {
			rest = append(rest, settingsMessage(err))
			return
		}
		f, ok := map[string]settingsField{
			"think": fieldThink, "limit": fieldLimit,
			"green": fieldMarks, "yellow": fieldMarks, "red": fieldMarks,
			"reaction": fieldReaction,
		}[se.Field]
		msg := settingsMessage(se)
		switch {
		case !ok:
			rest = append(rest, msg)
		case fields[f] != "":
			fields[f] += " " + msg
		default:
			fields[f] = msg
		}
	}
	if err != nil {
		walk(err)
	}
	return fields, rest
}

// saveForm checks the fields and saves them when they are valid; else it
// says what to change, next to each field.
func (v *View) saveForm() {
	if v.moving {
		return
	}
	for f := range v.notes {
		if settingsField(f) != fieldLibrary {
			v.setNote(settingsField(f), "", false)
		}
	}
	s, bad := v.read()
	fields, rest := fieldErrors(s.Validate())
	for _, f := range bad {
		fields[f] = settingsFormats[f] // how to write it comes first
	}
	if len(fields) == 0 && len(rest) == 0 {
		prefs.Save(v.app.Preferences(), s)
		v.saved = s
		v.setTop("Saved. The new settings apply from your next take.", false)
		if v.h.Applied != nil {
			v.h.Applied(s)
		}
		return
	}
	for f, msg := range fields {
		v.setNote(f, msg, true)
	}
	top := "Not saved yet."
	if len(fields) > 0 {
		top += " Please change the settings marked below."
	}
	v.setTop(strings.Join(append([]string{top}, rest...), " "), true)
}

// resetForm fills in the defaults, keeping the library folder; nothing is
// saved until Save.
func (v *View) resetForm() {
	if v.moving {
		return
	}
	d := practice.DefaultSettings()
	d.LibraryDir = v.saved.LibraryDir
	v.fill(d)
	v.setTop("The defaults are filled in. Save (Ctrl+S) keeps them; Back (Esc) leaves without them.", false)
}

// previewTheme applies the chosen theme at once, before it is saved.
func (v *View) previewTheme() {
	i := v.themeSel.SelectedIndex()
	if i < 0 {
		return
	}
	if t := settingsThemes[i].t; t != v.themeShown {
		v.themeShown = t
		prefs.ApplyTheme(v.app, t)
	}
}

// leave goes back, first asking whether to drop unsaved changes.
func (v *View) leave() { v.leaveTo(v.h.Back) }

// leaveTo is leave, going to then in place of Back (for another screen).
func (v *View) leaveTo(then func()) {
	if v.moving {
		v.setTop("Your takes are being moved. Please wait until the move has finished.", false)
		return
	}
	if !v.dirty() {
		v.goBack(then)
		return
	}
	v.ask("Leave without saving?",
		"Your changes to the settings have not been saved. Leave them, or keep editing and press Save (Ctrl+S).",
		"Leave without saving", "Keep editing (Esc)", func() { v.goBack(then) })
}

// ask shows a question with a yes and a no button as the screen's open
// question (Esc answers no); yes runs when it is chosen.
func (v *View) ask(title, msg, yesText, noText string, yes func()) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		v.confirm = nil
		if ok {
			yes()
		}
	}, v.win)
	d.SetConfirmText(yesText)
	d.SetDismissText(noText)
	v.confirm = d
	d.Show()
}

// goBack drops unsaved changes (the theme shown goes back to the saved
// one) and leaves.
func (v *View) goBack(then func()) {
	if v.themeShown != v.saved.Theme {
		v.themeShown = v.saved.Theme
		prefs.ApplyTheme(v.app, v.saved.Theme)
	}
	v.detach()
	if then != nil {
		then()
	}
}

// TypedKey handles the window's named keys while the settings are on show:
// Escape goes back (or closes the open question). It reports whether it
// used the key; the window handles the others (F1 for help).
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return v.moving || v.confirm != nil
	}
	if v.confirm != nil {
		v.confirm.Hide()
		v.confirm = nil
		return true
	}
	v.leave()
	return true
}

// TypedRune takes characters typed while no field has the focus. The
// settings have no single-letter keys (the fields take letters), so it
// uses them only to keep them from the window's other screens while a
// move or a question is open; it reports whether it used r.
func (v *View) TypedRune(r rune) bool {
	return v.moving || v.confirm != nil
}

// TypedShortcut runs Ctrl+S (save), Ctrl+D (defaults), Ctrl+M (move) and
// Ctrl+L (listen to the cues), or Cmd with the same letters; it reports
// whether s was one of them.
func (v *View) TypedShortcut(s fyne.Shortcut) bool {
	if v.h.Nav != nil && !v.moving && v.h.Nav(s) {
		return true
	}
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.Modifier != fyne.KeyModifierControl && cs.Modifier != fyne.KeyModifierSuper) {
		return false
	}
	var act func()
	switch cs.KeyName {
	case fyne.KeyS:
		act = v.saveForm
	case fyne.KeyD:
		act = v.resetForm
	case fyne.KeyM:
		act = v.chooseFolder
	case fyne.KeyL:
		act = v.listenCues
	default:
		return false
	}
	if v.confirm == nil && !v.moving {
		act()
	}
	return true
}

// chooseFolder asks for the library's new folder.
func (v *View) chooseFolder() {
	if v.moving || v.h.MoveLibrary == nil || v.confirm != nil {
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		v.confirm = nil
		switch {
		case err != nil:
			v.setNote(fieldLibrary, fmt.Sprintf("The folder could not be opened (%v). Choose another one.", err), true)
		case u != nil:
			v.askMove(u.Path())
		}
	}, v.win)
	d.SetConfirmText("Choose")
	if loc, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(v.libraryDir()))); err == nil {
		d.SetLocation(loc)
	}
	v.confirm = d
	d.Show()
	if s := v.win.Canvas().Size(); s.Width > 0 {
		d.Resize(fyne.NewSize(min(s.Width-40, 720), min(s.Height-40, 520)))
	}
}

// libraryDir is the library's folder now.
func (v *View) libraryDir() string {
	if v.inUse != "" {
		return v.inUse
	}
	return libraryFolderShown(v.saved.LibraryDir)
}

// busy tells whether the screen must stay: a move is under way or a
// question is open.
func (v *View) busy() bool { return v.moving || v.confirm != nil }

// askMove checks dst and asks before moving the takes there.
func (v *View) askMove(dst string) {
	src := v.libraryDir()
	if filepath.Clean(dst) == filepath.Clean(src) {
		v.setNote(fieldLibrary, "That is already your library folder. Choose a different, empty folder.", true)
		return
	}
	v.ask("Move your library?",
		"Your takes, stories and questions will move from\n"+src+"\nto\n"+dst+
			"\n\nThis can take a while. Keep Fail Forward open until it has finished.",
		"Move", "Cancel (Esc)", func() { v.startMove(dst) })
}

// setEnabled turns every control of the screen on or off.
func (v *View) setEnabled(on bool) {
	ws := []fyne.Disableable{v.input, v.output, v.themeSel, v.cues, v.think, v.limit, v.reaction,
		v.green, v.yellow, v.red, v.strict, v.move, v.save, v.reset, v.back}
	for _, w := range ws {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if on && v.h.MoveLibrary == nil {
		v.move.Disable()
	}
	if on {
		v.updateListen()
	} else {
		v.listen.Disable()
	}
}

// updateListen turns Listen on when there are cues to hear.
func (v *View) updateListen() {
	if v.listen == nil {
		return
	}
	i := v.cues.SelectedIndex()
	if v.h.Listen == nil || v.moving || i < 0 || settingsCues[i].c == practice.CuesNone {
		v.listen.Disable()
		return
	}
	v.listen.Enable()
}

// listenCues plays the cues chosen on the form, with the form's limit and
// colour marks when the whole form is valid and the saved ones otherwise,
// on the speakers in use (a new choice of speakers counts once saved).
func (v *View) listenCues() {
	if v.listen.Disabled() {
		return
	}
	s, bad := v.read()
	if len(bad) > 0 || s.Validate() != nil {
		cues := s.Cues
		s = v.saved
		s.Cues = cues
	}
	if err := v.h.Listen(s); err != nil {
		msg := fmt.Sprintf("The cues could not be played (%s). Check that the speakers are connected, or choose other speakers above, save, and press Listen again.", widgets.ErrorText(err))
		if errors.Is(err, audio.ErrNoOutput) {
			msg = "There are no speakers to play the cues on. Connect speakers or headphones, then press Listen again."
		}
		v.setNote(fieldCues, msg, true)
		return
	}
	v.setNote(fieldCues, settingsHints[fieldCues], false)
}

// startMove moves the library to dst on a new goroutine, which ends when
// MoveLibrary returns; moveEnded is closed then. Until it ends every
// control is off and the progress bar counts the takes.
func (v *View) startMove(dst string) {
	if v.moving || v.h.MoveLibrary == nil {
		return
	}
	v.moving = true
	v.moveDone, v.moveTotal = 0, 0
	v.setEnabled(false)
	v.progress.SetValue(0)
	v.progress.Show()
	v.setNote(fieldLibrary, "Your takes are being moved. Keep Fail Forward open until this has finished.", false)
	v.setTop("", false)
	ended := make(chan struct{})
	v.moveEnded = ended
	move := v.h.MoveLibrary

	// The newest count, and whether an update is queued: a quick move
	// never queues more than one update at a time.
	var latest atomic.Uint64
	var pending atomic.Bool
	progress := func(done, total int) {
		latest.Store(uint64(uint32(done))<<32 | uint64(uint32(total)))
		if pending.CompareAndSwap(false, true) {
			fyne.Do(func() {
				pending.Store(false)
				p := latest.Load()
				v.showProgress(int(p>>32), int(uint32(p)))
			})
		}
	}
	go func() {
		defer close(ended)
		err := move(dst, progress)
		fyne.DoAndWait(func() { v.finishMove(dst, err) })
	}()
}

// showProgress shows done of total takes moved.
func (v *View) showProgress(done, total int) {
	if !v.moving {
		return
	}
	v.moveDone, v.moveTotal = done, total
	if total > 0 {
		v.progress.SetValue(float64(done) / float64(total))
	} else {
		v.progress.Refresh()
	}
}

// progressText is the progress bar's text: "Moving take 12 of 200…".
func (v *View) progressText() string {
	switch {
	case v.moveTotal == 0:
		return "Getting ready…"
	case v.moveDone >= v.moveTotal:
		return "Finishing…"
	default:
		return fmt.Sprintf("Moving take %d of %d…", v.moveDone+1, v.moveTotal)
	}
}

// finishMove shows how the move ended. After a successful move the new
// folder is saved in the preferences at once: the takes are there now,
// whatever else the user does with the form.
func (v *View) finishMove(dst string, err error) {
	v.moving = false
	v.progress.Hide()
	v.setEnabled(true)
	src := v.libraryDir()
	if err == nil {
		v.saved.LibraryDir = dst
		v.inUse = ""
		prefs.SaveLibraryDir(v.app.Preferences(), dst)
		v.libPath.SetText(dst)
		what := "Your library is now in this folder."
		if v.moveTotal > 0 {
			what = fmt.Sprintf("All %s moved. Your library is now in this folder.", settingsCount(v.moveTotal, "take"))
		}
		v.setNote(fieldLibrary, what, false)
		return
	}
	if v.moveDone == 0 {
		v.setNote(fieldLibrary, fmt.Sprintf("Your library was not moved: %s. Nothing changed, your takes are still in %s. "+
			"Choose an empty folder (or fix the problem) and press Move… (Ctrl+M) again.", settingsMessage(err), src), true)
		return
	}
	v.setNote(fieldLibrary, fmt.Sprintf("The move stopped after %d of %s: %s. Nothing is lost: "+
		"the moved takes are in %s and the others are still in %s. "+
		"Press Move… (Ctrl+M) and choose the same folder again to finish the move.",
		v.moveDone, settingsCount(v.moveTotal, "take"), settingsMessage(err), dst, src), true)
}

func settingsCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// settingsMessage turns an error into sentences for the screen: its
// message (practice.Message), each line starting with a capital and ending
// with a full stop, so joined errors read as a list of sentences.
func settingsMessage(err error) string {
	if err == nil {
		return ""
	}
	lines := strings.Split(practice.Message(err), "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if r, n := utf8.DecodeRuneInString(l); n > 0 {
			l = string(unicode.ToUpper(r)) + l[n:]
		}
		if l != "" && !strings.HasSuffix(l, ".") {
			l += "."
		}
		lines[i] = l
	}
	return strings.Join(lines, " ")
}

// parseSettingsClock reads a duration written as seconds ("90"), minutes and
// seconds ("1:30") or a Go duration ("90s", "1m30s").
func parseSettingsClock(text string) (time.Duration, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, false
	}
	if m, s, ok := strings.Cut(text, ":"); ok {
		mins, err1 := strconv.Atoi(m)
		secs, err2 := strconv.Atoi(s)
		if err1 != nil || err2 != nil || mins < 0 || secs < 0 || secs > 59 || len(s) != 2 {
			return 0, false
		}
		return time.Duration(mins)*time.Minute + time.Duration(secs)*time.Second, true
	}
	if secs, err := strconv.Atoi(text); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	d, err := time.ParseDuration(text)
	if err != nil || d < 0 {
		return 0, false
	}
	return d, true
}

// parseSettingsPercent reads "75" or "75%" as 0.75.
func parseSettingsPercent(text string) (float64, bool) {
	text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f / 100, true
}

// formatSettingsPercent writes a fraction as a percent, to a tenth at most.
func formatSettingsPercent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', -1, 64)
}

// ShowInUse shows dir as the library folder in use, when it is not the
// saved one (the command line chose it for this run).
func (v *View) ShowInUse(dir string) {
	if dir == "" || filepath.Clean(dir) == filepath.Clean(libraryFolderShown(v.saved.LibraryDir)) {
		return
	}
	v.inUse = dir
	v.libPath.SetText(dir + " (for this run)")
}
