package ui

import (
	"testing"
	"time"

	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
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
