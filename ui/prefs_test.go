package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/prefs"
)

func TestPrefsTimerConfig(t *testing.T) {
	if got, want := TimerConfig(practice.DefaultSettings()), timer.DefaultConfig(); got != want {
		t.Errorf("TimerConfig(defaults) = %+v, want timer.DefaultConfig() %+v", got, want)
	}
	want := timer.Config{Think: 45 * time.Second, Limit: 90 * time.Second, Green: 0.4, Yellow: 0.7, Red: 0.9, Strict: false}
	if got := TimerConfig(uitest.CustomSettings()); got != want {
		t.Errorf("TimerConfig(custom) = %+v, want %+v", got, want)
	}
}

// applyTheme switches the test app to the app's theme for th and waits
// until every window has been redrawn in it: the test app applies a theme
// on a goroutine of its own, so a screen drawn at once could still hold
// some of the last test's colours.
func applyTheme(t *testing.T, th practice.Theme) {
	t.Helper()
	test.ApplyTheme(t, prefs.ThemeFor(th))
}
