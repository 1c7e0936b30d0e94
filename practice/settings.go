package practice

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"failforward/timer"
)

// Theme is the colour theme the app uses.
type Theme string

// The themes.
const (
	ThemeSystem Theme = "system" // follow the system's light or dark mode
	ThemeLight  Theme = "light"
	ThemeDark   Theme = "dark"
)

// Themes returns the themes in the order offered.
func Themes() []Theme { return []Theme{ThemeSystem, ThemeLight, ThemeDark} }

// Valid reports whether t is one of Themes.
func (t Theme) Valid() bool { return t == ThemeSystem || t == ThemeLight || t == ThemeDark }

// Cues is how the app tells the time while the user answers, besides the
// countdown on screen.
type Cues string

// The kinds of cue.
const (
	CuesNone   Cues = "none"   // the screen only
	CuesTone   Cues = "tone"   // a short tone when the light changes
	CuesSpoken Cues = "spoken" // a spoken time left
)

// CueKinds returns the kinds of cue in the order offered.
func CueKinds() []Cues { return []Cues{CuesNone, CuesTone, CuesSpoken} }

// Valid reports whether c is one of CueKinds.
func (c Cues) Valid() bool { return c == CuesNone || c == CuesTone || c == CuesSpoken }

// Settings are the user's choices. The ui package stores them and turns
// the times into the countdown's configuration.
type Settings struct {
	InputDevice, OutputDevice string        // device names, "" for the system default
	Think, Limit              time.Duration // think time and answer limit
	Green, Yellow, Red        float64       // when each light comes on, as fractions of Limit
	Strict                    bool          // stop the take at the limit
	Reaction                  time.Duration // reaction compensation for live tagging (see MarkTime)
	LibraryDir                string        // "" for DefaultDir()
	Theme                     Theme
	Cues                      Cues
}

// MaxReaction bounds the reaction compensation. The bounds on the times
// are the countdown's: timer.MaxThink, timer.MinLimit and timer.MaxLimit.
const MaxReaction = 2 * time.Second

// DefaultSettings returns the settings of a new user: 30 s to think, a
// 2:00 limit with the lights at 1:00, 1:30 and 2:00, strict, the default
// reaction compensation, the default devices and library, the system's
// theme and no cues.
func DefaultSettings() Settings {
	d := timer.DefaultConfig()
	return Settings{
		Think:    d.Think,
		Limit:    d.Limit,
		Green:    d.Green,
		Yellow:   d.Yellow,
		Red:      d.Red,
		Strict:   d.Strict,
		Reaction: DefaultReaction,
		Theme:    ThemeSystem,
		Cues:     CuesNone,
	}
}

// SettingError is one problem with a setting.
type SettingError struct {
	Field string // "think", "limit", "green", "yellow", "red", "reaction", "theme" or "cues"
	Msg   string // what is wrong and what to choose instead
}

// Error reads "practice: settings: " and the message.
func (e *SettingError) Error() string { return "practice: settings: " + e.Msg }

// Message returns Msg.
func (e *SettingError) Message() string { return e.Msg }

// inWords says d in whole minutes and seconds as a sentence does: "5
// minutes", "30 seconds", "1 minute 30 seconds".
func inWords(d time.Duration) string {
	unit := func(n int64, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	m, sec := int64(d/time.Minute), int64(d%time.Minute/time.Second)
	switch {
	case m == 0:
		return unit(sec, "second")
	case sec == 0:
		return unit(m, "minute")
	}
	return unit(m, "minute") + " " + unit(sec, "second")
}

// Validate reports what is wrong with the settings: an error joining one
// *SettingError per problem, naming the field so a form can show the
// message beside it. Think time runs from 0 to 5 minutes, the limit from
// 30 seconds to 5 minutes, the lights must come on in the order green,
// yellow, red with 0 < Green < Yellow < Red <= 1, the reaction
// compensation from 0 to 2 seconds, and the theme and cues must be known.
func (s Settings) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &SettingError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if s.Think < 0 || s.Think > timer.MaxThink {
		bad("think", "think time %s is out of range: choose 0 (none) to %s", clockTime(s.Think), inWords(timer.MaxThink))
	}
	if s.Limit < timer.MinLimit || s.Limit > timer.MaxLimit {
		bad("limit", "answer limit %s is out of range: choose %s to %s", clockTime(s.Limit), inWords(timer.MinLimit), inWords(timer.MaxLimit))
	}
	lights := []struct {
		field string
		v     float64
	}{{"green", s.Green}, {"yellow", s.Yellow}, {"red", s.Red}}
	ok := true
	for _, l := range lights {
		if math.IsNaN(l.v) || l.v <= 0 || l.v > 1 {
			bad(l.field, "the %s light must come on after the start and no later than the limit (%s)", l.field, clockTime(s.Limit))
			ok = false
		}
	}
	if ok {
		if s.Green >= s.Yellow {
			bad("yellow", "the yellow light (%s) must come on after the green one (%s)", s.at(s.Yellow), s.at(s.Green))
		}
		if s.Yellow >= s.Red {
			bad("red", "the red light (%s) must come on after the yellow one (%s)", s.at(s.Red), s.at(s.Yellow))
		}
	}
	if s.Reaction < 0 || s.Reaction > MaxReaction {
		bad("reaction", "reaction compensation %s is out of range: choose 0 to %s (%s is usual)", s.Reaction, inWords(MaxReaction), DefaultReaction)
	}
	if !s.Theme.Valid() {
		bad("theme", "unknown theme %q: choose system, light or dark", string(s.Theme))
	}
	if !s.Cues.Valid() {
		bad("cues", "unknown kind of cue %q: choose none, tone or spoken", string(s.Cues))
	}
	return errors.Join(errs...)
}

// at returns the time into the answer at fraction f of the limit.
func (s Settings) at(f float64) string {
	return clockTime(time.Duration(f * float64(s.Limit)))
}

// clockTime formats d as m:ss, with tenths when they are not zero, or as
// Go does for times over an hour or below zero.
func clockTime(d time.Duration) string {
	if d < 0 || d >= time.Hour {
		return d.String()
	}
	d = d.Round(100 * time.Millisecond)
	m, s := int(d/time.Minute), d%time.Minute
	secs := strconv.FormatFloat(s.Seconds(), 'f', 1, 64)
	if s%time.Second == 0 {
		secs = strconv.Itoa(int(s / time.Second))
	}
	if s < 10*time.Second {
		secs = "0" + secs
	}
	return strconv.Itoa(m) + ":" + secs
}
