package turn

import (
	"testing"
	"time"

	"failforward/practice"
	"failforward/timer"
)

func TestPhaseText(t *testing.T) {
	tests := []struct {
		st   timer.State
		want string
	}{
		{timer.State{Phase: timer.Speak}, "Keep going"},
		{timer.State{Phase: timer.Green}, "Green · you can wrap up from here"},
		{timer.State{Phase: timer.Yellow}, "Yellow · time to land the lesson"},
		{timer.State{Phase: timer.Red}, "Red · at the limit"},
		{timer.State{Phase: timer.Red, Overtime: time.Second}, "Red · overtime, finish your thought"},
	}
	for _, tt := range tests {
		if got := phaseText(tt.st); got != tt.want {
			t.Errorf("phaseText(%+v) = %q, want %q", tt.st, got, tt.want)
		}
	}
}

func TestSettingsLine(t *testing.T) {
	tests := []struct {
		cfg  timer.Config
		want string
	}{
		{timer.DefaultConfig(), "Think 0:30 · Answer limit 2:00 · Stops at the limit"},
		{timer.Config{Think: 0, Limit: 90 * time.Second, Strict: false}, "No think time · Answer limit 1:30 · Overtime allowed"},
		{timer.Config{Think: 2 * time.Minute, Limit: 5 * time.Minute, Strict: true}, "Think 2:00 · Answer limit 5:00 · Stops at the limit"},
	}
	for _, tt := range tests {
		if got := SettingsLine(tt.cfg); got != tt.want {
			t.Errorf("SettingsLine(%+v) = %q, want %q", tt.cfg, got, tt.want)
		}
	}
}

func TestFeedback(t *testing.T) {
	cfg := timer.DefaultConfig()
	tests := []struct {
		name string
		take practice.Take
		want string
	}{
		{"limit", practice.Take{Duration: 120, LimitS: 120, Stopped: "limit"}, "The limit ended this one. Next time, start landing the lesson when the band turns yellow."},
		{"over", practice.Take{Duration: 132.4, LimitS: 120, Stopped: "user"}, "You went 0:12 over the limit. Try landing the lesson when the band turns yellow."},
		{"short", practice.Take{Duration: 40, LimitS: 120, Stopped: "user"}, "A short answer. Listen back: does it say what happened, what you did and what you learned?"},
		{"within", practice.Take{Duration: 100, LimitS: 120, Stopped: "user"}, "Within the limit. Listen back for the lesson: is it clear and specific?"},
		{"input failed", practice.Take{Duration: 20, LimitS: 120, Stopped: "error: device unplugged"}, ""},
	}
	for _, tt := range tests {
		if got := Feedback(tt.take, cfg); got != tt.want {
			t.Errorf("%s: feedback = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFramesDur(t *testing.T) {
	tests := []struct {
		frames int64
		rate   int
		want   time.Duration
	}{
		{16000, 16000, time.Second},
		{24000, 48000, 500 * time.Millisecond},
		{100, 0, 0},
	}
	for _, tt := range tests {
		if got := framesDur(tt.frames, tt.rate); got != tt.want {
			t.Errorf("framesDur(%d, %d) = %v, want %v", tt.frames, tt.rate, got, tt.want)
		}
	}
}
