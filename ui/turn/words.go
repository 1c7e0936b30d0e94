// The turn's sentences: the timer settings line of the question screen,
// the phase band's text, and the feedback on a finished answer's length.

package turn

import (
	"fmt"
	"math"
	"strings"
	"time"

	"failforward/practice"
	"failforward/timer"
)

// SettingsLine describes the timer settings of a run.
func SettingsLine(cfg timer.Config) string {
	var b strings.Builder
	if cfg.Think > 0 {
		b.WriteString("Think " + timer.Format(cfg.Think))
	} else {
		b.WriteString("No think time")
	}
	b.WriteString(" · Answer limit " + timer.Format(cfg.Limit))
	if cfg.Strict {
		b.WriteString(" · Stops at the limit")
	} else {
		b.WriteString(" · Overtime allowed")
	}
	return b.String()
}

// phaseText is the band text for an answer phase.
func phaseText(st timer.State) string {
	switch st.Phase {
	case timer.Green:
		return "Green · you can wrap up from here"
	case timer.Yellow:
		return "Yellow · time to land the lesson"
	case timer.Red:
		if st.Overtime > 0 {
			return "Red · overtime, finish your thought"
		}
		return "Red · at the limit"
	case timer.Done:
		return "Done"
	default:
		return "Keep going"
	}
}

// Feedback is one encouraging sentence about the length of a finished
// answer, for the review; "" for a take that ended with an error.
func Feedback(t practice.Take, cfg timer.Config) string {
	if strings.HasPrefix(t.Stopped, "error") {
		return ""
	}
	d := secDur(t.Duration)
	limit := secDur(t.LimitS)
	green := time.Duration(float64(limit) * cfg.Green)
	switch {
	case t.Stopped == stoppedLimit:
		return "The limit ended this one. Next time, start landing the lesson when the band turns yellow."
	case d > limit:
		return fmt.Sprintf("You went %s over the limit. Try landing the lesson when the band turns yellow.", timer.Format(d-limit))
	case d < green:
		return "A short answer. Listen back: does it say what happened, what you did and what you learned?"
	default:
		return "Within the limit. Listen back for the lesson: is it clear and specific?"
	}
}

// secDur converts seconds to a Duration.
func secDur(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}
