package ui

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"failforward/practice"
	"failforward/timer"
)

// Preference keys of the settings, namespaced so other preferences of the
// app cannot clash with them. Durations are stored in milliseconds, marks
// as fractions of the limit.
const (
	prefInput    = "settings.input_device"
	prefOutput   = "settings.output_device"
	prefThink    = "settings.think_ms"
	prefLimit    = "settings.limit_ms"
	prefGreen    = "settings.green"
	prefYellow   = "settings.yellow"
	prefRed      = "settings.red"
	prefStrict   = "settings.strict"
	prefReaction = "settings.reaction_ms"
	prefLibrary  = "settings.library_dir"
	prefTheme    = "settings.theme"
	prefCues     = "settings.cues"
)

// LoadSettings returns the settings saved in the app's preferences. A value
// that is missing, of the wrong type or not valid falls back to its default
// on its own, so one bad value never loses the others.
func LoadSettings(a fyne.App) practice.Settings {
	return loadSettings(a.Preferences())
}

// SaveSettings stores s in the app's preferences, where LoadSettings finds
// it at the next start.
func SaveSettings(a fyne.App, s practice.Settings) {
	saveSettings(a.Preferences(), s)
}

// loadSettings reads the settings from p field by field. Each value read
// is checked with practice.Settings.Validate on otherwise default settings
// (the three marks together, since they are only valid as a set), and
// replaced by the default when it does not pass. It never panics.
func loadSettings(p fyne.Preferences) practice.Settings {
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

	s.InputDevice = p.StringWithFallback(prefInput, def.InputDevice)
	s.OutputDevice = p.StringWithFallback(prefOutput, def.OutputDevice)
	s.LibraryDir = p.StringWithFallback(prefLibrary, def.LibraryDir)
	s.Strict = p.BoolWithFallback(prefStrict, def.Strict)

	think := ms(prefThink, def.Think)
	keep(func(s *practice.Settings) { s.Think = think })
	limit := ms(prefLimit, def.Limit)
	keep(func(s *practice.Settings) { s.Limit = limit })
	reaction := ms(prefReaction, def.Reaction)
	keep(func(s *practice.Settings) { s.Reaction = reaction })

	g := p.FloatWithFallback(prefGreen, def.Green)
	y := p.FloatWithFallback(prefYellow, def.Yellow)
	r := p.FloatWithFallback(prefRed, def.Red)
	if !math.IsNaN(g + y + r) {
		keep(func(s *practice.Settings) { s.Green, s.Yellow, s.Red = g, y, r })
	}

	th := practice.Theme(p.StringWithFallback(prefTheme, string(def.Theme)))
	keep(func(s *practice.Settings) { s.Theme = th })
	cues := practice.Cues(p.StringWithFallback(prefCues, string(def.Cues)))
	keep(func(s *practice.Settings) { s.Cues = cues })
	return s
}

// saveSettings writes every field of s to p.
func saveSettings(p fyne.Preferences, s practice.Settings) {
	p.SetString(prefInput, s.InputDevice)
	p.SetString(prefOutput, s.OutputDevice)
	p.SetInt(prefThink, int(s.Think/time.Millisecond))
	p.SetInt(prefLimit, int(s.Limit/time.Millisecond))
	p.SetFloat(prefGreen, s.Green)
	p.SetFloat(prefYellow, s.Yellow)
	p.SetFloat(prefRed, s.Red)
	p.SetBool(prefStrict, s.Strict)
	p.SetInt(prefReaction, int(s.Reaction/time.Millisecond))
	p.SetString(prefLibrary, s.LibraryDir)
	p.SetString(prefTheme, string(s.Theme))
	p.SetString(prefCues, string(s.Cues))
}

// TimerConfig is the countdown configuration of s: think time, limit, the
// three marks and strict mode.
func TimerConfig(s practice.Settings) timer.Config {
	return timer.Config{
		Think:  s.Think,
		Limit:  s.Limit,
		Green:  s.Green,
		Yellow: s.Yellow,
		Red:    s.Red,
		Strict: s.Strict,
	}
}

// ApplyTheme switches the app's look at once: ThemeLight and ThemeDark
// force that variant of the default theme (with stronger contrast, see
// contrastTheme), anything else (ThemeSystem)
// follows the system's choice.
func ApplyTheme(a fyne.App, t practice.Theme) {
	switch t {
	case practice.ThemeLight:
		a.Settings().SetTheme(&variantTheme{Theme: appTheme(), variant: theme.VariantLight})
	case practice.ThemeDark:
		a.Settings().SetTheme(&variantTheme{Theme: appTheme(), variant: theme.VariantDark})
	default:
		a.Settings().SetTheme(appTheme())
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
