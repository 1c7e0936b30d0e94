package ui

import (
	"fyne.io/fyne/v2"

	"failforward/practice"
	"failforward/timer"
	"failforward/ui/prefs"
)

// LoadSettings returns the settings saved in the app's preferences (see
// prefs.LoadSettings).
func LoadSettings(a fyne.App) practice.Settings { return prefs.LoadSettings(a) }

// SaveSettings stores s in the app's preferences (see prefs.SaveSettings).
func SaveSettings(a fyne.App, s practice.Settings) { prefs.SaveSettings(a, s) }

// ApplyTheme switches the app's look at once (see prefs.ApplyTheme).
func ApplyTheme(a fyne.App, t practice.Theme) { prefs.ApplyTheme(a, t) }

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
