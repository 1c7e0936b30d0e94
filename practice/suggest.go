package practice

import (
	"math"

	"failforward/audio/analysis"
)

// SuggestedParts turns the four boundaries suggested in report into the
// five parts Situation, Task, Action, Result and Lesson of a take of the
// given duration: the Situation begins just before the first word and the
// Lesson ends just after the last (or at the take's ends when there is no
// speech around the boundaries). The parts are in order, do not overlap,
// lie inside the take and pass CheckParts. It returns nil when
// the report has no four boundaries or the take is too short to hold five
// parts.
func SuggestedParts(report analysis.Report, duration float64) []Part {
	b := report.SuggestedBoundaries
	if len(b) != 4 || !(duration >= 5*MinLen) || math.IsInf(duration, 0) {
		return nil
	}
	// Edges: start, the four boundaries, end; rounded to the millisecond
	// as take.json keeps them, kept inside the take and at least MinLen
	// apart.
	const lead = 0.15 // as the boundaries sit before the speech they lead to
	edges := make([]float64, 6)
	edges[0] = 0
	if report.Speech > 0 {
		edges[0] = roundMS(max(0, report.FirstWord-lead))
	}
	for i, t := range b {
		if math.IsNaN(t) {
			return nil
		}
		edges[i+1] = roundMS(min(max(t, 0), duration))
	}
	edges[5] = roundMS(duration)
	if report.Speech > 0 && report.SpeechEnd > 0 {
		edges[5] = roundMS(min(duration, report.SpeechEnd+lead))
	}
	if edges[0] > edges[1]-MinLen {
		edges[0] = 0
	}
	if edges[5] < edges[4]+MinLen {
		edges[5] = roundMS(duration)
	}
	// Spread boundaries that came too close (or past the end of a shorter
	// take): push forward, then pull back from the end.
	step := roundMS(MinLen + 0.001)
	for i := 1; i < 6; i++ {
		edges[i] = max(edges[i], roundMS(edges[i-1]+step))
	}
	edges[5] = min(edges[5], math.Floor(duration*1000)/1000)
	for i := 4; i >= 0; i-- {
		edges[i] = min(edges[i], roundMS(edges[i+1]-step))
	}
	if edges[0] < 0 {
		return nil
	}
	parts := make([]Part, 5)
	for i, k := range Kinds() {
		parts[i] = Part{Kind: k, Start: edges[i], End: edges[i+1]}
	}
	if CheckParts(parts, duration) != nil {
		return nil
	}
	return parts
}
