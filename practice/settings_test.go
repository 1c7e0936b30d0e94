package practice

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDefaultSettings(t *testing.T) {
	s := DefaultSettings()
	want := Settings{
		Think: 30 * time.Second, Limit: 2 * time.Minute,
		Green: 0.5, Yellow: 0.75, Red: 1,
		Strict: true, Reaction: DefaultReaction,
		Theme: ThemeSystem, Cues: CuesNone,
	}
	if s != want {
		t.Errorf("DefaultSettings() = %+v\nwant %+v", s, want)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("DefaultSettings().Validate() = %v", err)
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Settings)
		fields []string // fields with a problem, in order
		msg    string   // substring of the first message
	}{
		{"defaults", func(*Settings) {}, nil, ""},
		{"no think time", func(s *Settings) { s.Think = 0 }, nil, ""},
		{"think 5 min", func(s *Settings) { s.Think = 5 * time.Minute }, nil, ""},
		{"limit bounds", func(s *Settings) { s.Limit = 30 * time.Second }, nil, ""},
		{"limit 5 min", func(s *Settings) { s.Limit = 5 * time.Minute }, nil, ""},
		{"reaction 0", func(s *Settings) { s.Reaction = 0 }, nil, ""},
		{"reaction 2s", func(s *Settings) { s.Reaction = 2 * time.Second }, nil, ""},
		{"close lights", func(s *Settings) { s.Green, s.Yellow, s.Red = 0.01, 0.02, 0.03 }, nil, ""},
		{"devices and folder", func(s *Settings) { s.InputDevice, s.OutputDevice, s.LibraryDir = "USB mic", "Speakers", "elsewhere" }, nil, ""},
		{"negative think", func(s *Settings) { s.Think = -time.Second }, []string{"think"}, "think time -1s is out of range: choose 0 (none) to 5 minutes"},
		{"long think", func(s *Settings) { s.Think = 5*time.Minute + time.Second }, []string{"think"}, "think time 5:01 is out of range"},
		{"short limit", func(s *Settings) { s.Limit = 29 * time.Second }, []string{"limit"}, "answer limit 0:29 is out of range: choose 30 seconds to 5 minutes"},
		{"long limit", func(s *Settings) { s.Limit = 10 * time.Minute }, []string{"limit"}, "answer limit 10:00 is out of range"},
		{"green zero", func(s *Settings) { s.Green = 0 }, []string{"green"}, "the green light must come on after the start and no later than the limit (2:00)"},
		{"red past limit", func(s *Settings) { s.Red = 1.1 }, []string{"red"}, "the red light must come on after the start"},
		{"yellow NaN", func(s *Settings) { s.Yellow = math.NaN() }, []string{"yellow"}, "the yellow light must come on"},
		{"yellow before green", func(s *Settings) { s.Green, s.Yellow = 0.8, 0.6 }, []string{"yellow"}, "the yellow light (1:12) must come on after the green one (1:36)"},
		{"yellow equals red", func(s *Settings) { s.Yellow = 1 }, []string{"red"}, "the red light (2:00) must come on after the yellow one (2:00)"},
		{"all lights equal", func(s *Settings) { s.Green, s.Yellow, s.Red = 1, 1, 1 }, []string{"yellow", "red"}, "the yellow light"},
		{"negative reaction", func(s *Settings) { s.Reaction = -time.Millisecond }, []string{"reaction"}, "reaction compensation -1ms is out of range: choose 0 to 2 seconds (250ms is usual)"},
		{"long reaction", func(s *Settings) { s.Reaction = 3 * time.Second }, []string{"reaction"}, "reaction compensation 3s is out of range"},
		{"no theme", func(s *Settings) { s.Theme = "" }, []string{"theme"}, `unknown theme "": choose system, light or dark`},
		{"odd theme", func(s *Settings) { s.Theme = "Dark" }, []string{"theme"}, `unknown theme "Dark"`},
		{"odd cues", func(s *Settings) { s.Cues = "beep" }, []string{"cues"}, `unknown kind of cue "beep": choose none, tone or spoken`},
		{"several", func(s *Settings) { s.Think, s.Limit, s.Theme, s.Cues = -1, 0, "x", "y" }, []string{"think", "limit", "theme", "cues"}, "think time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.change(&s)
			err := s.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want problems with %v", tt.fields)
			}
			var fields []string
			var first string
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var se *SettingError
				if !errors.As(e, &se) {
					t.Fatalf("%v is not a *SettingError", e)
				}
				if first == "" {
					first = se.Msg
				}
				fields = append(fields, se.Field)
				if !strings.HasPrefix(se.Error(), "practice: settings: ") {
					t.Errorf("error %q lacks the package prefix", se)
				}
			}
			if !slices.Equal(fields, tt.fields) {
				t.Errorf("fields = %v, want %v (%v)", fields, tt.fields, err)
			}
			if !strings.Contains(first, tt.msg) {
				t.Errorf("first message = %q, want it to contain %q", first, tt.msg)
			}
		})
	}
}

func TestThemesAndCues(t *testing.T) {
	for _, th := range Themes() {
		if !th.Valid() {
			t.Errorf("theme %q is not Valid", th)
		}
	}
	for _, c := range CueKinds() {
		if !c.Valid() {
			t.Errorf("cues %q is not Valid", c)
		}
	}
	if got := len(Themes()); got != 3 {
		t.Errorf("%d themes, want 3", got)
	}
	if Theme("blue").Valid() || Cues("").Valid() {
		t.Errorf("unknown theme or cues Valid")
	}
}

func TestClockTime(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0:00"}, {29 * time.Second, "0:29"}, {90 * time.Second, "1:30"}, {72 * time.Second, "1:12"},
		{1500 * time.Millisecond, "0:01.5"}, {10*time.Minute + 5*time.Second, "10:05"},
		{-time.Second, "-1s"}, {2 * time.Hour, "2h0m0s"},
	} {
		if got := clockTime(tt.d); got != tt.want {
			t.Errorf("clockTime(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestInWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30 seconds",
		time.Second:      "1 second",
		time.Minute:      "1 minute",
		5 * time.Minute:  "5 minutes",
		90 * time.Second: "1 minute 30 seconds",
		0:                "0 seconds",
	} {
		if got := inWords(d); got != want {
			t.Errorf("inWords(%v) = %q, want %q", d, got, want)
		}
	}
}
