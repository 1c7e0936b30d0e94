package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/prefs"
	"failforward/ui/widgets"
)

// A library folder that reads well on screen; the goldens show it.
var settingsTestDir = filepath.FromSlash("/home/sam/Fail Forward")

// settingsHarness shows a settings view in a window of the app's usual
// size, laid out as the window's page, with the window's keys going to the
// view as the practice window sends them.
type settingsHarness struct {
	t         *testing.T
	a         fyne.App
	win       fyne.Window
	v         *View
	backs     int
	applied   []practice.Settings
	listens   []practice.Settings // what Listen was asked to play
	listenErr error               // what Listen returns
}

func newSettingsHarness(t *testing.T, cur practice.Settings, move func(string, func(int, int)) error) *settingsHarness {
	t.Helper()
	h := &settingsHarness{t: t, a: test.NewTempApp(t)}
	h.win = h.a.NewWindow("Fail Forward")
	t.Cleanup(h.win.Close)
	h.v = New(h.a, h.win, cur, uitest.TwoDevices, Handlers{
		Back:        func() { h.backs++ },
		Applied:     func(s practice.Settings) { h.applied = append(h.applied, s) },
		MoveLibrary: move,
		Listen: func(s practice.Settings) error {
			h.listens = append(h.listens, s)
			return h.listenErr
		},
	})
	h.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { h.v.TypedKey(ev) })
	h.win.Canvas().SetOnTypedRune(func(r rune) { h.v.TypedRune(r) })
	page := container.New(layout.NewCustomPaddedLayout(widgets.PagePad, widgets.PagePad/2, widgets.PagePad, widgets.PagePad),
		container.New(widgets.Column{Max: widgets.MaxColumn}, h.v.Content()))
	h.win.SetContent(page)
	h.win.Resize(fyne.NewSize(960, 640))
	widgets.Relayout(page)
	return h
}

func defaultsAt(dir string) practice.Settings {
	s := practice.DefaultSettings()
	s.LibraryDir = dir
	return s
}

func (h *settingsHarness) key(name fyne.KeyName) {
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func (h *settingsHarness) ctrl(k fyne.KeyName) {
	h.t.Helper()
	s := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}
	if !slices.ContainsFunc(h.v.shortcuts, func(r fyne.Shortcut) bool { return r.ShortcutName() == s.ShortcutName() }) {
		h.t.Fatalf("shortcut %s is not registered", s.ShortcutName())
	}
	h.v.TypedShortcut(s)
}

func (h *settingsHarness) text() string { return uitest.WindowText(h.win) }

func (h *settingsHarness) shows(s string) bool { return strings.Contains(h.text(), s) }

func (h *settingsHarness) overlay() fyne.CanvasObject { return h.win.Canvas().Overlays().Top() }

func (h *settingsHarness) tapOverlay(label string) {
	h.t.Helper()
	o := h.overlay()
	if o == nil {
		h.t.Fatalf("no dialog open to tap %q on", label)
	}
	b := uitest.FindButton(o, label)
	if b == nil {
		h.t.Fatalf("no %q button on the dialog; it shows %q", label, h.text())
	}
	test.Tap(b)
}

func TestSettingsDefaultScreen(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), func(string, func(int, int)) error { return nil })
	test.AssertRendersToMarkup(t, "settings_default.xml", h.win.Canvas())
	for _, want := range []string{"Save (Ctrl+S)", "Reset to defaults (Ctrl+D)", "Back (Esc)", "Move… (Ctrl+M)",
		"System default", "0:30", "2:00", settingsTestDir} {
		if !h.shows(want) {
			t.Errorf("the settings screen does not show %q; it shows %q", want, h.text())
		}
	}
}

func TestSettingsValidationError(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	h.v.think.SetText("half a minute")
	h.v.limit.SetText("6:00")
	h.v.green.SetText("80") // after yellow at 75
	h.ctrl(fyne.KeyS)

	if len(h.applied) != 0 {
		t.Errorf("Applied ran %d times for invalid settings, want 0", len(h.applied))
	}
	if got, want := prefs.LoadSettings(h.a), practice.DefaultSettings(); got != want {
		t.Errorf("invalid settings were stored: LoadSettings = %+v, want %+v", got, want)
	}
	notes := []struct {
		f    settingsField
		want string
	}{
		{fieldThink, settingsFormats[fieldThink]},
		{fieldLimit, "Answer limit 6:00 is out of range: choose 30 seconds to 5 minutes."},
		{fieldMarks, "The yellow light (4:30) must come on after the green one (4:48)."},
	}
	for _, n := range notes {
		got := h.v.notes[n.f]
		if got.Text != n.want || got.Importance != widget.DangerImportance || !got.TextStyle.Bold {
			t.Errorf("note %d = %q (importance %d, bold %v), want %q in bold danger text",
				n.f, got.Text, got.Importance, got.TextStyle.Bold, n.want)
		}
	}
	if got := h.v.notes[fieldReaction].Text; got != settingsHints[fieldReaction] {
		t.Errorf("reaction note = %q, want its hint (the value is fine)", got)
	}
	if !h.shows("Not saved yet. Please change the settings marked below.") {
		t.Errorf("no message at the top; screen shows %q", h.text())
	}
	test.AssertRendersToMarkup(t, "settings_invalid.xml", h.win.Canvas())

	// Typing in a field clears its message; fixing all saves.
	h.v.think.SetText("45")
	if got := h.v.notes[fieldThink].Text; got != settingsHints[fieldThink] {
		t.Errorf("after typing, think note = %q, want the hint", got)
	}
	h.v.limit.SetText("2:30")
	h.v.green.SetText("50")
	h.ctrl(fyne.KeyS)
	if len(h.applied) != 1 {
		t.Fatalf("after fixing, Applied ran %d times, want 1; screen shows %q", len(h.applied), h.text())
	}
	if got := h.applied[0]; got.Think != 45*time.Second || got.Limit != 150*time.Second || got.Green != 0.5 {
		t.Errorf("applied %+v, want think 45s, limit 2m30s, green 0.5", got)
	}
}

func TestSettingsSaveAndApply(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(""), nil)
	v := h.v
	v.input.SetSelected("USB Headset")
	v.output.SetSelected("Built-in Speakers")
	v.think.SetText("45")
	v.limit.SetText("1:30")
	v.green.SetText("40")
	v.yellow.SetText("70%")
	v.red.SetText("90")
	v.strict.SetChecked(false)
	v.reaction.SetText("400")
	v.themeSel.SetSelected("Dark")
	v.cues.SetSelected("Spoken time left")
	h.ctrl(fyne.KeyS)

	want := practice.Settings{
		InputDevice: "USB Headset", OutputDevice: "Built-in Speakers",
		Think: 45 * time.Second, Limit: 90 * time.Second,
		Green: 0.4, Yellow: 0.7, Red: 0.9, Strict: false,
		Reaction: 400 * time.Millisecond, LibraryDir: "",
		Theme: practice.ThemeDark, Cues: practice.CuesSpoken,
	}
	if len(h.applied) != 1 || h.applied[0] != want {
		t.Fatalf("Applied got %+v, want once with %+v", h.applied, want)
	}
	if got := prefs.LoadSettings(h.a); got != want {
		t.Errorf("LoadSettings after Save = %+v, want %+v", got, want)
	}
	if !h.shows("Saved. The new settings apply from your next take.") {
		t.Errorf("no saved message; screen shows %q", h.text())
	}
	// Saved: Esc leaves without asking, and the theme stays.
	h.key(fyne.KeyEscape)
	if h.backs != 1 || h.overlay() != nil {
		t.Errorf("Esc after saving: %d backs, dialog %v; want 1 back, no dialog", h.backs, h.overlay() != nil)
	}
	if widgets.ThemeVariant(h.a) != theme.VariantDark {
		t.Error("the saved dark theme was undone on leaving")
	}
	if len(h.v.shortcuts) != 0 {
		t.Errorf("%d shortcuts still registered after leaving, want 0", len(h.v.shortcuts))
	}
}

func TestSettingsResetToDefaults(t *testing.T) {
	cur := uitest.CustomSettings()
	h := newSettingsHarness(t, cur, nil)
	prefs.SaveSettings(h.a, cur)
	h.ctrl(fyne.KeyD)
	v := h.v
	got := []string{v.input.Selected, v.think.Text, v.limit.Text, v.green.Text, v.yellow.Text, v.red.Text,
		v.reaction.Text, v.themeSel.Selected, v.cues.Selected, fmt.Sprint(v.strict.Checked)}
	want := []string{"System default", "0:30", "2:00", "50", "75", "100", "250", "Same as the system", "None", "true"}
	if !slices.Equal(got, want) {
		t.Errorf("after Reset the fields show %q, want %q", got, want)
	}
	if prefs.LoadSettings(h.a) != cur {
		t.Error("Reset saved the defaults; it should wait for Save")
	}
	if v.libPath.Text != cur.LibraryDir {
		t.Errorf("Reset changed the library folder shown to %q, want %q (it only moves with Move)", v.libPath.Text, cur.LibraryDir)
	}
	h.ctrl(fyne.KeyS)
	wantSaved := practice.DefaultSettings()
	wantSaved.LibraryDir = cur.LibraryDir
	if got := prefs.LoadSettings(h.a); got != wantSaved {
		t.Errorf("after Reset and Save: %+v, want %+v", got, wantSaved)
	}
}

func TestSettingsEscapeAsksAboutUnsavedChanges(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	h.key(fyne.KeyEscape)
	if h.backs != 1 {
		t.Fatalf("Esc without changes: %d backs, want 1", h.backs)
	}

	h = newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	h.v.limit.SetText("1:30")
	h.v.themeSel.SetSelected("Dark")
	if widgets.ThemeVariant(h.a) != theme.VariantDark {
		t.Fatal("choosing Dark did not apply the dark theme at once")
	}
	h.key(fyne.KeyEscape)
	if h.backs != 0 || h.overlay() == nil || !h.shows("Leave without saving?") {
		t.Fatalf("Esc with changes: %d backs, screen %q; want a question and no back", h.backs, h.text())
	}
	h.key(fyne.KeyEscape) // keep editing
	if h.backs != 0 || h.overlay() != nil {
		t.Fatalf("second Esc: %d backs, dialog open %v; want the question closed and no back", h.backs, h.overlay() != nil)
	}
	if h.v.limit.Text != "1:30" {
		t.Errorf("keep editing lost the change: limit shows %q", h.v.limit.Text)
	}
	h.key(fyne.KeyEscape)
	h.tapOverlay("Leave without saving")
	if h.backs != 1 {
		t.Errorf("after Leave without saving: %d backs, want 1", h.backs)
	}
	if _, forced := h.a.Settings().Theme().(widgets.Varianter); forced {
		t.Error("leaving without saving kept the unsaved dark theme")
	}
	if got := prefs.LoadSettings(h.a); got.Limit != 2*time.Minute {
		t.Errorf("leaving without saving stored limit %v", got.Limit)
	}
}

func TestSettingsThemeAppliesAtOnce(t *testing.T) {
	// Opening the screen shows the theme in use; it applies nothing.
	cur := defaultsAt(settingsTestDir)
	cur.Theme = practice.ThemeDark
	h := newSettingsHarness(t, cur, nil)
	if _, changed := h.a.Settings().Theme().(widgets.Varianter); changed || h.v.themeSel.Selected != "Dark" {
		t.Errorf("opening the settings with the dark theme saved: theme changed %v, shows %q; want unchanged, Dark",
			changed, h.v.themeSel.Selected)
	}

	h = newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	for _, tt := range []struct {
		label string
		want  fyne.ThemeVariant
	}{{"Dark", theme.VariantDark}, {"Light", theme.VariantLight}} {
		h.v.themeSel.SetSelected(tt.label)
		if got := widgets.ThemeVariant(h.a); got != tt.want {
			t.Errorf("after choosing %s: variant %d, want %d", tt.label, got, tt.want)
		}
	}
	h.v.themeSel.SetSelected("Same as the system")
	if _, forced := h.a.Settings().Theme().(widgets.Varianter); forced {
		t.Error("after choosing the system theme the variant is still forced")
	}
}

func TestSettingsChoicesCoverTheModel(t *testing.T) {
	for _, th := range practice.Themes() {
		if !slices.ContainsFunc(settingsThemes, func(c struct {
			t     practice.Theme
			label string
		}) bool {
			return c.t == th
		}) {
			t.Errorf("theme %q is not offered", th)
		}
	}
	for _, k := range practice.CueKinds() {
		if !slices.ContainsFunc(settingsCues, func(c struct {
			c     practice.Cues
			label string
		}) bool {
			return c.c == k
		}) {
			t.Errorf("cue kind %q is not offered", k)
		}
	}
}

func TestSettingsMissingDeviceKept(t *testing.T) {
	cur := defaultsAt(settingsTestDir)
	cur.InputDevice = "Old Microphone"
	h := newSettingsHarness(t, cur, nil)
	if got, want := h.v.input.Selected, "Old Microphone (not connected)"; got != want {
		t.Errorf("input shows %q, want %q", got, want)
	}
	if got := h.v.input.Options; !slices.Equal(got, []string{"System default", "Built-in Microphone", "USB Headset", "Old Microphone (not connected)"}) {
		t.Errorf("input options %q", got)
	}
	h.v.think.SetText("20")
	h.ctrl(fyne.KeyS)
	if got := prefs.LoadSettings(h.a).InputDevice; got != "Old Microphone" {
		t.Errorf("saved input device %q, want %q (kept until changed)", got, "Old Microphone")
	}
}

// TestSettingsFieldKeys checks that a focused field still passes Escape
// and the settings' shortcuts on, and keeps its own.
func TestSettingsFieldKeys(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	h.win.Canvas().Focus(h.v.limit)
	test.Type(h.v.limit, "x") // "x2:00": not a time
	h.v.limit.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierControl})
	if got := h.v.notes[fieldLimit].Text; got != settingsFormats[fieldLimit] {
		t.Errorf("Ctrl+S in the limit field: note %q, want %q", got, settingsFormats[fieldLimit])
	}
	h.v.limit.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(h.v.limit, "1:45")
	if h.v.limit.Text != "1:45" {
		t.Errorf("select all and type: field shows %q, want 1:45", h.v.limit.Text)
	}
	h.v.limit.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierSuper})
	if len(h.applied) != 1 || h.applied[0].Limit != 105*time.Second {
		t.Fatalf("Cmd+S in the field: applied %+v, want the 1:45 limit once", h.applied)
	}
	h.v.limit.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.backs != 1 {
		t.Errorf("Esc in a field: %d backs, want 1", h.backs)
	}
	// The check box passes Escape on and toggles on Space.
	h = newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	h.v.strict.TypedRune(' ')
	if h.v.strict.Checked {
		t.Error("Space on the check box did not toggle it")
	}
	h.v.strict.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.overlay() == nil {
		t.Error("Esc on the changed check box did not ask about the unsaved change")
	}
}

func TestSettingsParse(t *testing.T) {
	clocks := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"45", 45 * time.Second, true},
		{" 1:30 ", 90 * time.Second, true},
		{"0:00", 0, true},
		{"2m", 2 * time.Minute, true},
		{"1m15s", 75 * time.Second, true},
		{"1:5", 0, false},
		{"1:75", 0, false},
		{"-10", 0, false},
		{"", 0, false},
		{"soon", 0, false},
	}
	for _, c := range clocks {
		got, ok := parseSettingsClock(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseSettingsClock(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	percents := []struct {
		in   string
		want float64
		ok   bool
	}{{"50", 0.5, true}, {"75%", 0.75, true}, {" 12.5 % ", 0.125, true}, {"NaN", 0, false}, {"half", 0, false}}
	for _, c := range percents {
		got, ok := parseSettingsPercent(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseSettingsPercent(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for f, want := range map[float64]string{0.5: "50", 0.7: "70", 1: "100", 0.125: "12.5", 0.3333333: "33.3"} {
		if got := formatSettingsPercent(f); got != want {
			t.Errorf("formatSettingsPercent(%v) = %q, want %q", f, got, want)
		}
	}
}

// moveGate is a MoveLibrary handler that reports progress up to a point,
// waits for the test, then reports one more take and fails.
type moveGate struct {
	total, stopAt int
	reached       chan struct{}
	release       chan struct{}
	dst           string
}

func (g *moveGate) move(dst string, progress func(done, total int)) error {
	g.dst = dst
	for i := 0; i < g.stopAt; i++ {
		progress(i, g.total)
	}
	g.reached <- struct{}{}
	<-g.release
	progress(g.stopAt, g.total)
	return practice.Errorf("move library", "copying take %d: %w", g.stopAt+1, syscall.ENOSPC)
}

func TestSettingsMoveFailsPartWay(t *testing.T) {
	g := &moveGate{total: 200, stopAt: 12, reached: make(chan struct{}), release: make(chan struct{})}
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), g.move)
	prefs.SaveSettings(h.a, defaultsAt(settingsTestDir))
	dst := filepath.Join(t.TempDir(), "new place")
	h.v.startMove(dst)
	<-g.reached

	if got, want := h.v.progress.TextFormatter(), "Moving take 12 of 200…"; got != want {
		t.Errorf("progress text %q, want %q", got, want)
	}
	if got := h.v.progress.Value; got != 11.0/200 {
		t.Errorf("progress value %v, want %v", got, 11.0/200)
	}
	for name, w := range map[string]fyne.Disableable{"Save": h.v.save, "Back": h.v.back, "Move": h.v.move,
		"limit": h.v.limit, "theme": h.v.themeSel, "strict": h.v.strict} {
		if !w.Disabled() {
			t.Errorf("%s is usable while moving", name)
		}
	}
	h.v.limit.SetText("1:00") // as if typed before; shortcuts must not save it now
	h.ctrl(fyne.KeyS)
	h.key(fyne.KeyEscape)
	if len(h.applied) != 0 || h.backs != 0 {
		t.Errorf("while moving: %d saves, %d backs; want none", len(h.applied), h.backs)
	}
	if !h.shows("Please wait until the move has finished") {
		t.Errorf("Esc while moving says nothing; screen shows %q", h.text())
	}
	if !h.v.TypedRune('n') {
		t.Error("typedRune while moving did not keep the key from the window")
	}

	close(g.release)
	<-h.v.moveEnded
	note := h.v.notes[fieldLibrary].Text
	for _, want := range []string{"The move stopped after 12 of 200 takes", "no space left on device",
		"Nothing is lost", dst, "choose the same folder again"} {
		if !strings.Contains(note, want) {
			t.Errorf("failure message %q does not contain %q", note, want)
		}
	}
	if h.v.save.Disabled() || h.v.limit.Disabled() || !h.v.progress.Hidden {
		t.Error("after the move the controls are still off or the progress bar is still shown")
	}
	if got := prefs.LoadSettings(h.a).LibraryDir; got != settingsTestDir {
		t.Errorf("after a failed move the library folder setting is %q, want %q", got, settingsTestDir)
	}
	if h.v.libPath.Text != settingsTestDir {
		t.Errorf("after a failed move the folder shown is %q, want %q", h.v.libPath.Text, settingsTestDir)
	}
}

func TestSettingsMoveNothingMoved(t *testing.T) {
	move := func(dst string, progress func(int, int)) error {
		return practice.Errorf("move library", "%s is not empty", dst)
	}
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), move)
	h.v.startMove("/elsewhere")
	<-h.v.moveEnded
	note := h.v.notes[fieldLibrary].Text
	for _, want := range []string{"Your library was not moved", "/elsewhere is not empty", "Nothing changed", "Choose an empty folder"} {
		if !strings.Contains(note, want) {
			t.Errorf("message %q does not contain %q", note, want)
		}
	}
}

// TestSettingsMoveLibrary moves a real library of three takes through the
// confirmation, as the window's handler would.
func TestSettingsMoveLibrary(t *testing.T) {
	src := filepath.Join(t.TempDir(), "takes")
	lib, err := practice.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		tk, _, err := lib.NewTake(uitest.Questions[i], time.Date(2026, 11, 24, 9, i, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		tk.State = practice.StateDone
		if err := lib.Save(tk); err != nil {
			t.Fatal(err)
		}
	}
	var calls [][2]int
	move := func(dst string, progress func(int, int)) error {
		return practice.MoveLibrary(src, dst, func(done, total int) {
			calls = append(calls, [2]int{done, total})
			progress(done, total)
		})
	}
	h := newSettingsHarness(t, defaultsAt(src), move)
	prefs.SaveSettings(h.a, defaultsAt(src))
	h.v.think.SetText("10") // an unsaved edit: the move must not save it

	h.v.askMove(src)
	if h.overlay() != nil || !strings.Contains(h.v.notes[fieldLibrary].Text, "already your library folder") {
		t.Errorf("moving to the same folder: note %q, dialog %v", h.v.notes[fieldLibrary].Text, h.overlay() != nil)
	}
	dst := filepath.Join(t.TempDir(), "moved")
	h.v.askMove(dst)
	h.tapOverlay("Move")
	<-h.v.moveEnded

	if len(calls) == 0 || calls[len(calls)-1] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want them to end at 3 of 3", calls)
	}
	if got := h.v.notes[fieldLibrary].Text; got != "All 3 takes moved. Your library is now in this folder." {
		t.Errorf("note after the move %q", got)
	}
	if h.v.libPath.Text != dst {
		t.Errorf("folder shown %q, want %q", h.v.libPath.Text, dst)
	}
	got := prefs.LoadSettings(h.a)
	if got.LibraryDir != dst || got.Think != 30*time.Second {
		t.Errorf("after the move the stored settings are %+v; want library %q and the unsaved think time left out", got, dst)
	}
	moved, err := practice.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	if takes, err := moved.List(); err != nil || len(takes) != 3 {
		t.Errorf("the new folder lists %d takes (err %v), want 3", len(takes), err)
	}
	// Unsaved edits are still there to save or drop.
	if !h.v.dirty() {
		t.Error("the unsaved think time was lost by the move")
	}
	h.key(fyne.KeyEscape)
	h.tapOverlay("Leave without saving")
	if got := prefs.LoadSettings(h.a).LibraryDir; got != dst {
		t.Errorf("leaving without saving after the move: library %q, want %q", got, dst)
	}
	if _, err := os.Stat(dst); err != nil {
		t.Error(err)
	}
}

func TestSettingsMoveButtonOpensFolderDialog(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(t.TempDir()), func(string, func(int, int)) error { return nil })
	test.Tap(&h.v.move.Button)
	if h.overlay() == nil {
		t.Fatal("Move… opened no folder dialog")
	}
	h.key(fyne.KeyEscape)
	if h.overlay() != nil || h.backs != 0 {
		t.Errorf("Esc on the folder dialog: dialog open %v, %d backs; want it closed, no back", h.overlay() != nil, h.backs)
	}

	noMove := newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	if !noMove.v.move.Disabled() {
		t.Error("Move is usable without a MoveLibrary handler")
	}
}

// TestSettingsListen plays the cues chosen on the form with Ctrl+L, with
// the limit typed but not yet saved; Listen is off when no cues are
// chosen, and a failure says what to do.
func TestSettingsListen(t *testing.T) {
	h := newSettingsHarness(t, defaultsAt(settingsTestDir), nil)
	if !h.v.listen.Disabled() {
		t.Error("Listen is on while the cues are off")
	}
	h.ctrl(fyne.KeyL)
	if len(h.listens) != 0 {
		t.Fatalf("Ctrl+L with no cues chosen played %d times", len(h.listens))
	}
	h.v.cues.SetSelected("Spoken time left")
	if h.v.listen.Disabled() {
		t.Fatal("Listen is off with spoken cues chosen")
	}
	h.v.limit.SetText("1:30")
	h.ctrl(fyne.KeyL)
	if len(h.listens) != 1 || h.listens[0].Cues != practice.CuesSpoken || h.listens[0].Limit != 90*time.Second {
		t.Fatalf("Listen played %+v, want spoken cues for a 1:30 limit", h.listens)
	}
	// A limit that cannot be read falls back to the saved one.
	h.v.limit.SetText("soon")
	test.Tap(h.v.listen)
	if len(h.listens) != 2 || h.listens[1].Limit != practice.DefaultSettings().Limit {
		t.Fatalf("Listen with a bad limit played %+v, want the saved limit", h.listens[1:])
	}
	h.listenErr = fmt.Errorf("the output device is gone")
	h.ctrl(fyne.KeyL)
	if !h.shows("The cues could not be played (the output device is gone).") || !h.shows("Check that the speakers are connected") {
		t.Errorf("a failed Listen shows %q", h.text())
	}
	h.listenErr = fmt.Errorf("device: %w", audio.ErrNoOutput)
	h.ctrl(fyne.KeyL)
	if !h.shows("There are no speakers to play the cues on. Connect speakers or headphones, then press Listen again.") {
		t.Errorf("Listen without speakers shows %q", h.text())
	}
	h.v.cues.SetSelected("Short tones")
	if h.shows("There are no speakers") || !h.shows(settingsHints[fieldCues]) {
		t.Errorf("choosing other cues kept the old failure: %q", h.text())
	}
	if len(h.applied) != 0 {
		t.Error("Listen saved the settings")
	}
}

// TestSettingsHoldDuringMove: while the library moves the screen cannot
// be left and holds the window open; after it, it can.
func TestSettingsHoldDuringMove(t *testing.T) {
	h := newSettingsHarness(t, practice.DefaultSettings(), nil)
	left := 0
	h.v.moving = true
	h.v.Leave(func() { left++ })
	if left != 0 || !h.v.HoldsWindow() {
		t.Errorf("during a move: left %d times, holds the window %v; want 0, true", left, h.v.HoldsWindow())
	}
	h.v.moving = false
	h.v.Leave(func() { left++ })
	if left != 1 || h.v.HoldsWindow() {
		t.Errorf("after the move: left %d times, holds the window %v; want 1, false", left, h.v.HoldsWindow())
	}
}
