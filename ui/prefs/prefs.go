// Package prefs keeps the app's settings in Fyne's preferences and gives
// the window its theme: Fyne's default made readable (stronger borders,
// disabled and placeholder text), light, dark or as the system chooses.
// The window and the settings screen share it; it imports no ui package
// but widgets.
package prefs

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"failforward/practice"
)

// Preference keys of the settings, namespaced so other preferences of the
// app cannot clash with them. Durations are stored in milliseconds, marks
// as fractions of the limit.
const (
	KeyInput    = "settings.input_device"
	KeyOutput   = "settings.output_device"
	KeyThink    = "settings.think_ms"
	KeyLimit    = "settings.limit_ms"
	KeyGreen    = "settings.green"
	KeyYellow   = "settings.yellow"
	KeyRed      = "settings.red"
	KeyStrict   = "settings.strict"
	KeyReaction = "settings.reaction_ms"
	KeyLibrary  = "settings.library_dir"
	KeyTheme    = "settings.theme"
	KeyCues     = "settings.cues"
)

// SystemDefault is the device choice that follows the system's, as the
// lists of devices offer it; it is saved as "".
const SystemDefault = "System default"

// The keys of the settings, by type.
var (
	stringKeys = []string{KeyInput, KeyOutput, KeyLibrary, KeyTheme, KeyCues}
	intKeys    = []string{KeyThink, KeyLimit, KeyReaction}
	floatKeys  = []string{KeyGreen, KeyYellow, KeyRed}
	boolKeys   = []string{KeyStrict}
)

// AnySaved tells whether p holds any of the settings' values (of their
// type). A value is there when two different fallbacks read the same.
func AnySaved(p fyne.Preferences) bool {
	for _, k := range stringKeys {
		if p.StringWithFallback(k, "a") == p.StringWithFallback(k, "b") {
			return true
		}
	}
	for _, k := range intKeys {
		if p.IntWithFallback(k, 0) == p.IntWithFallback(k, 1) {
			return true
		}
	}
	for _, k := range floatKeys {
		if p.FloatWithFallback(k, 0) == p.FloatWithFallback(k, 1) {
			return true
		}
	}
	for _, k := range boolKeys {
		if p.BoolWithFallback(k, false) == p.BoolWithFallback(k, true) {
			return true
		}
	}
	return false
}

// SaveLibraryDir stores the library folder alone, as a move leaves it.
func SaveLibraryDir(p fyne.Preferences, dir string) { p.SetString(KeyLibrary, dir) }

// LoadSettings returns the settings saved in the app's preferences. A value
// that is missing, of the wrong type or not valid falls back to its default
// on its own, so one bad value never loses the others.
func LoadSettings(a fyne.App) practice.Settings {
	return Load(a.Preferences())
}

// SaveSettings stores s in the app's preferences, where LoadSettings finds
// it at the next start.
func SaveSettings(a fyne.App, s practice.Settings) {
	Save(a.Preferences(), s)
}

// Load reads the settings from p field by field. Each value read
// is checked with practice.Settings.Validate on otherwise default settings
// (the three marks together, since they are only valid as a set), and
// replaced by the default when it does not pass. It never panics.
func Load(p fyne.Preferences) practice.Settings {
	def := practice.DefaultSettings()
	s := def
	// keep applies set to a copy of the defaults and reports whether the
	// result is valid; if so it applies set to s as well.
	keep := func(set func(*practice.Settings)) {
		try := def
		set(&try)
		if try.Validate() == nil {
			set(&s)
		}
	}
	ms := func(key string, fallback time.Duration) time.Duration {
		return time.Duration(p.IntWithFallback(key, int(fallback/time.Millisecond))) * time.Millisecond
	}

	s.InputDevice = p.StringWithFallback(KeyInput, def.InputDevice)
	s.OutputDevice = p.StringWithFallback(KeyOutput, def.OutputDevice)
	s.LibraryDir = p.StringWithFallback(KeyLibrary, def.LibraryDir)
	s.Strict = p.BoolWithFallback(KeyStrict, def.Strict)

	think := ms(KeyThink, def.Think)
	keep(func(s *practice.Settings) { s.Think = think })
	limit := ms(KeyLimit, def.Limit)
	keep(func(s *practice.Settings) { s.Limit = limit })
	reaction := ms(KeyReaction, def.Reaction)
	keep(func(s *practice.Settings) { s.Reaction = reaction })

	g := p.FloatWithFallback(KeyGreen, def.Green)
	y := p.FloatWithFallback(KeyYellow, def.Yellow)
	r := p.FloatWithFallback(KeyRed, def.Red)
	if !math.IsNaN(g + y + r) {
		keep(func(s *practice.Settings) { s.Green, s.Yellow, s.Red = g, y, r })
	}

	th := practice.Theme(p.StringWithFallback(KeyTheme, string(def.Theme)))
	keep(func(s *practice.Settings) { s.Theme = th })
	cues := practice.Cues(p.StringWithFallback(KeyCues, string(def.Cues)))
	keep(func(s *practice.Settings) { s.Cues = cues })
	return s
}

// Save writes every field of s to p.
func Save(p fyne.Preferences, s practice.Settings) {
	p.SetString(KeyInput, s.InputDevice)
	p.SetString(KeyOutput, s.OutputDevice)
	p.SetInt(KeyThink, int(s.Think/time.Millisecond))
	p.SetInt(KeyLimit, int(s.Limit/time.Millisecond))
	p.SetFloat(KeyGreen, s.Green)
	p.SetFloat(KeyYellow, s.Yellow)
	p.SetFloat(KeyRed, s.Red)
	p.SetBool(KeyStrict, s.Strict)
	p.SetInt(KeyReaction, int(s.Reaction/time.Millisecond))
	p.SetString(KeyLibrary, s.LibraryDir)
	p.SetString(KeyTheme, string(s.Theme))
	p.SetString(KeyCues, string(s.Cues))
}

// ApplyTheme switches the app's look at once: ThemeLight and ThemeDark
// force that variant of the default theme (with stronger contrast, see
// contrastTheme), anything else (ThemeSystem)
// follows the system's choice.
func ApplyTheme(a fyne.App, t practice.Theme) { a.Settings().SetTheme(ThemeFor(t)) }

// ThemeFor is the app's theme for a saved choice: the light or the dark
// variant always, or the system's.
func ThemeFor(t practice.Theme) fyne.Theme {
	switch t {
	case practice.ThemeLight:
		return &variantTheme{Theme: AppTheme(), variant: theme.VariantLight}
	case practice.ThemeDark:
		return &variantTheme{Theme: AppTheme(), variant: theme.VariantDark}
	default:
		return AppTheme()
	}
}

// variantTheme is a theme that always uses one variant, light or dark,
// whatever the system prefers.
type variantTheme struct {
	fyne.Theme

	variant fyne.ThemeVariant
}

// Variant is the forced variant; widgets.ThemeVariant asks it.
func (t *variantTheme) Variant() fyne.ThemeVariant { return t.variant }

// Color returns the colour of the forced variant.
func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}
