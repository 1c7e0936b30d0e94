package practice

import (
	"fmt"
	"math"
)

// Guide values for the balance of a STAR answer, as shares of the story:
// the Situation, Task, Action and Result time together. The Lesson is a
// short close after the story and has no share to aim for.
const (
	GuideSituation = 0.20
	GuideTask      = 0.10
	GuideAction    = 0.60
	GuideResult    = 0.10

	// MaxSetup is the share of the story above which the setup (Situation
	// and Task together) is called long.
	MaxSetup = 0.35
	// MinAction is the share of the story below which the Action is called
	// short.
	MinAction = 0.40
)

var guides = [NumKinds]float64{GuideSituation, GuideTask, GuideAction, GuideResult, 0}

// BalanceRow is the time spent on one kind of part.
type BalanceRow struct {
	Kind    Kind
	Seconds float64 // total length of the parts of this kind
	Parts   int     // how many parts of this kind are tagged
	// Share is Seconds over the story time (Situation, Task, Action and
	// Result together), from 0 to 1; 0 when no story is tagged. For the
	// Lesson it tells its size next to the story.
	Share float64
	Guide float64 // the share to aim for; 0 for the Lesson
	// GuideText says the guide in words: "about 20%", "a short close".
	GuideText string
}

// Finding codes, stable for tests and for the UI to pick an icon.
const (
	FindingNothingTagged = "nothing-tagged"
	FindingNoLesson      = "no-lesson"
	FindingNoResult      = "no-result"
	FindingLongSetup     = "long-setup"
	FindingShortAction   = "short-action"
	FindingOverLimit     = "over-limit"
)

// Finding is one observation about a take's balance, in the app's calm
// coaching voice.
type Finding struct {
	Code string // one of the Finding* codes
	Text string // what was found, e.g. "No Lesson is tagged yet."
	Why  string // why it matters, one sentence
}

// BalanceReport is what the balance panel shows for one take.
type BalanceReport struct {
	Rows     []BalanceRow // one per kind, in story order
	Story    float64      // seconds of Situation, Task, Action and Result
	Tagged   float64      // seconds tagged with any part
	Untagged float64      // seconds of the take not tagged
	Duration float64      // the take's length, seconds
	Limit    float64      // the answer limit, seconds; 0 for none
	Findings []Finding    // in the order: what is missing, balance, time
}

// Balance sums the time of each kind of part in a take of the given
// duration and answer limit (0 for none) and lists what a coach would
// point out: nothing tagged; no Lesson; no Result; a setup (Situation and
// Task) over MaxSetup of the story; an Action under MinAction of it; an
// answer that ran past the limit. Shares are compared as the whole
// percentages shown, so "35%" is never called over 35%; the answer counts
// as over the limit from a whole second past it, when the shown time
// (truncated to seconds) is past it.
func Balance(parts []Part, duration, limit float64) BalanceReport {
	r := BalanceReport{Duration: duration, Limit: limit, Rows: make([]BalanceRow, NumKinds)}
	for i, k := range Kinds() {
		r.Rows[i] = BalanceRow{Kind: k, Guide: guides[k], GuideText: guideText(k)}
	}
	for _, p := range parts {
		if !p.Kind.Valid() {
			continue
		}
		row := &r.Rows[p.Kind]
		row.Seconds += p.Len()
		row.Parts++
		r.Tagged += p.Len()
	}
	r.Story = r.Tagged - r.Rows[Lesson].Seconds
	r.Untagged = max(0, duration-r.Tagged)
	if r.Story > 0 {
		for i := range r.Rows {
			r.Rows[i].Share = r.Rows[i].Seconds / r.Story
		}
	}

	add := func(code, why, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{Code: code, Text: fmt.Sprintf(format, args...), Why: why})
	}
	if len(parts) == 0 {
		add(FindingNothingTagged,
			"Tagging the Situation, Task, Action, Result and Lesson shows where your time goes, and what to tighten next time.",
			"Nothing is tagged yet.")
	} else {
		if r.Rows[Lesson].Parts == 0 {
			add(FindingNoLesson,
				"With a failure question, what you learned is what the interviewer listens for most, so close with the lesson and what you do differently now.",
				"No Lesson is tagged yet.")
		}
		if r.Rows[Result].Parts == 0 {
			add(FindingNoResult,
				"Saying how things turned out, even when they did not go to plan, shows you saw the story through.",
				"No Result is tagged yet.")
		}
		if r.Story > 0 {
			setup := percent(r.Rows[Situation].Share + r.Rows[Task].Share)
			if setup > percent(MaxSetup) {
				add(FindingLongSetup,
					"A shorter setup leaves more time for what you did, which is the part the interviewer wants to hear.",
					"Situation and Task take %d%% of the story; aim for %d%% or less.", setup, percent(MaxSetup))
			}
			if action := percent(r.Rows[Action].Share); action < percent(MinAction) {
				add(FindingShortAction,
					"What you did is the heart of the answer, and giving it room shows how you handle a setback.",
					"Action takes %d%% of the story; aim for about %d%%, and at least %d%%.", action, percent(GuideAction), percent(MinAction))
			}
		}
	}
	if limit > 0 && duration >= limit+1 {
		add(FindingOverLimit,
			"Finishing inside the time shows you can be concise, and it keeps your listener with you.",
			"The answer ran %s, %s past the %s limit.", clock(duration), overBy(duration-limit), clock(limit))
	}
	return r
}

// percent returns share as a whole percentage, rounded.
func percent(share float64) int { return int(math.Round(share * 100)) }

func guideText(k Kind) string {
	if k == Lesson {
		return "a short close"
	}
	return fmt.Sprintf("about %d%%", percent(guides[k]))
}

// clock formats seconds as m:ss, truncated to whole seconds like the
// countdown's times.
func clock(s float64) string {
	n := int64(max(s, 0))
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// overBy says how far past the limit, in whole seconds.
func overBy(s float64) string {
	n := int64(s)
	if n == 1 {
		return "1 second"
	}
	if n < 60 {
		return fmt.Sprintf("%d seconds", n)
	}
	return clock(s)
}
