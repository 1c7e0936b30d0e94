package prefs

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

func TestPrefsRoundTrip(t *testing.T) {
	a := test.NewTempApp(t)
	if got, want := LoadSettings(a), practice.DefaultSettings(); got != want {
		t.Errorf("LoadSettings with nothing saved = %+v, want the defaults %+v", got, want)
	}
	want := uitest.CustomSettings()
	SaveSettings(a, want)
	if got := LoadSettings(a); got != want {
		t.Errorf("LoadSettings after SaveSettings = %+v, want %+v", got, want)
	}
	// The keys are namespaced and the times stored in milliseconds.
	p := a.Preferences()
	if got := p.Int("settings.think_ms"); got != 45000 {
		t.Errorf("settings.think_ms = %d, want 45000", got)
	}
	if got := p.String("settings.cues"); got != "spoken" {
		t.Errorf("settings.cues = %q, want %q", got, "spoken")
	}
	// Saving the defaults again replaces every value.
	SaveSettings(a, practice.DefaultSettings())
	if got, want := LoadSettings(a), practice.DefaultSettings(); got != want {
		t.Errorf("after saving the defaults LoadSettings = %+v, want %+v", got, want)
	}
}

// TestPrefsInvalidFallBack stores one bad value beside good ones: only
// that setting (or the three marks together) falls back to its default.
func TestPrefsInvalidFallBack(t *testing.T) {
	def := practice.DefaultSettings()
	tests := []struct {
		name  string
		store func(p fyne.Preferences)
		fix   func(s *practice.Settings) // the fields that fall back
	}{
		{"think too long", func(p fyne.Preferences) { p.SetInt(KeyThink, 3600000) },
			func(s *practice.Settings) { s.Think = def.Think }},
		{"negative think", func(p fyne.Preferences) { p.SetInt(KeyThink, -5) },
			func(s *practice.Settings) { s.Think = def.Think }},
		{"limit too short", func(p fyne.Preferences) { p.SetInt(KeyLimit, 5000) },
			func(s *practice.Settings) { s.Limit = def.Limit }},
		{"limit of the wrong type", func(p fyne.Preferences) { p.SetString(KeyLimit, "two minutes") },
			func(s *practice.Settings) { s.Limit = def.Limit }},
		{"marks out of order", func(p fyne.Preferences) { p.SetFloat(KeyYellow, 0.2) },
			func(s *practice.Settings) { s.Green, s.Yellow, s.Red = def.Green, def.Yellow, def.Red }},
		{"red past the limit", func(p fyne.Preferences) { p.SetFloat(KeyRed, 1.5) },
			func(s *practice.Settings) { s.Green, s.Yellow, s.Red = def.Green, def.Yellow, def.Red }},
		{"NaN mark", func(p fyne.Preferences) { p.SetFloat(KeyGreen, math.NaN()) },
			func(s *practice.Settings) { s.Green, s.Yellow, s.Red = def.Green, def.Yellow, def.Red }},
		{"reaction too long", func(p fyne.Preferences) { p.SetInt(KeyReaction, 60000) },
			func(s *practice.Settings) { s.Reaction = def.Reaction }},
		{"unknown theme", func(p fyne.Preferences) { p.SetString(KeyTheme, "purple") },
			func(s *practice.Settings) { s.Theme = def.Theme }},
		{"theme of the wrong type", func(p fyne.Preferences) { p.SetInt(KeyTheme, 2) },
			func(s *practice.Settings) { s.Theme = def.Theme }},
		{"unknown cues", func(p fyne.Preferences) { p.SetString(KeyCues, "trumpet") },
			func(s *practice.Settings) { s.Cues = def.Cues }},
		{"strict of the wrong type", func(p fyne.Preferences) { p.SetString(KeyStrict, "yes") },
			func(s *practice.Settings) { s.Strict = def.Strict }},
		{"device of the wrong type", func(p fyne.Preferences) { p.SetFloat(KeyInput, 3) },
			func(s *practice.Settings) { s.InputDevice = def.InputDevice }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			good := uitest.CustomSettings()
			Save(a.Preferences(), good)
			tt.store(a.Preferences())
			want := good
			tt.fix(&want)
			got := Load(a.Preferences())
			if got != want {
				t.Errorf("Load = %+v, want %+v", got, want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("loaded settings are not valid: %v", err)
			}
		})
	}
}

// luminance is the relative luminance of c, 0 (black) to 1 (white).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

func TestPrefsThemeSwitch(t *testing.T) {
	a := test.NewTempApp(t)
	bg := func(v fyne.ThemeVariant) float64 {
		return luminance(a.Settings().Theme().Color(theme.ColorNameBackground, v))
	}
	tests := []struct {
		th      practice.Theme
		dark    bool // background dark whatever variant is asked for
		variant fyne.ThemeVariant
	}{
		{practice.ThemeDark, true, theme.VariantDark},
		{practice.ThemeLight, false, theme.VariantLight},
		{practice.ThemeDark, true, theme.VariantDark}, // and back
	}
	for _, tt := range tests {
		ApplyTheme(a, tt.th)
		for _, asked := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			if got := bg(asked) < 0.5; got != tt.dark {
				t.Errorf("theme %s, variant %d asked: dark background = %v, want %v", tt.th, asked, got, tt.dark)
			}
		}
		if got := widgets.ThemeVariant(a); got != tt.variant {
			t.Errorf("theme %s: widgets.ThemeVariant = %d, want %d", tt.th, got, tt.variant)
		}
	}
	ApplyTheme(a, practice.ThemeSystem)
	if _, forced := a.Settings().Theme().(widgets.Varianter); forced {
		t.Error("theme system: the app still has a forced variant")
	}
	if bg(theme.VariantLight) < 0.5 || bg(theme.VariantDark) > 0.5 {
		t.Error("theme system: the theme does not follow the variant asked for")
	}
	if got, want := widgets.ThemeVariant(a), a.Settings().ThemeVariant(); got != want {
		t.Errorf("theme system: widgets.ThemeVariant = %d, want the system's %d", got, want)
	}
}
