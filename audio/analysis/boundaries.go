package analysis

import (
	"cmp"
	"math"
	"slices"
)

// Weights are the shares of the speaking time the five parts of an answer
// should take; they need not add up to 1.
type Weights struct {
	Situation, Task, Action, Result, Lesson float64
}

// DefaultWeights follow the guidance: of Situation+Task+Action+Result,
// Situation about 20%, Task 10%, Action 60% and Result 10%, and a short
// Lesson (a tenth of the answer) to close.
var DefaultWeights = Weights{Situation: 0.18, Task: 0.09, Action: 0.54, Result: 0.09, Lesson: 0.10}

// Tuning of the boundary search.
const (
	// boundaryLead places a boundary this long before the speech that
	// follows the pause (or in the middle of a shorter pause), so that
	// playing a part starts just before its first word.
	boundaryLead = 0.15
	// boundarySpread is the distance from a target, as a share of the
	// speaking span, that costs as much as one unit of pause bonus.
	boundarySpread = 0.12
	// pauseBonus weighs the log length of a pause: longer pauses are
	// likelier part boundaries.
	pauseBonus = 2.0
	// noPauseCost is the cost of a boundary placed where no pause is.
	noPauseCost = 1.0
	// pauseUnit is the pause length whose bonus is zero, seconds.
	pauseUnit = 0.3
	// minSpan is the shortest speech, seconds, worth dividing by its pauses;
	// a shorter one (or none) has the whole take divided instead.
	minSpan = 2.5
	// minPartGap is the shortest part, seconds.
	minPartGap = 0.5
)

// SuggestBoundaries proposes where the parts of the answer in r begin: four
// ascending times (Situation|Task, Task|Action, Action|Result,
// Result|Lesson). Each boundary sits at a pause, chosen so that the parts
// come close to the shares in w of the span from the first to the last word
// and long pauses are preferred: the least cost over all ordered choices,
// where a boundary costs its squared distance from its target share less a
// bonus growing with the pause's log length. When the answer has at least
// four pauses every boundary sits in one, however far the parts are from
// the shares; with fewer, a boundary without a pause falls at its target
// share, moved to the nearest silence between words when the report holds
// its per-frame data. Without speech (or with less than 2.5 s of it) the
// targets divide the whole take. Times are rounded to 10 ms.
func SuggestBoundaries(r Report, w Weights) []float64 {
	s0, s1 := r.FirstWord, r.SpeechEnd
	if r.fr != nil {
		if runs := r.fr.runs(); len(runs) > 0 {
			s0 = seconds(runs[0][0])
		}
	}
	if s1-s0 < minSpan {
		s0, s1 = 0, r.Duration
	}
	span := s1 - s0
	shares := []float64{w.Situation, w.Task, w.Action, w.Result, w.Lesson}
	var total float64
	for _, v := range shares {
		total += max(0, v)
	}
	if total <= 0 {
		shares, total = []float64{1, 1, 1, 1, 1}, 5
	}
	var targets [4]float64
	acc := 0.0
	for k := range targets {
		acc += max(0, shares[k]) / total
		targets[k] = s0 + acc*span
	}

	// Candidates: one per usable pause (inside the speech span). When there
	// are at least as many as boundaries, every boundary sits in a pause;
	// otherwise the targets themselves are candidates too, moved to the
	// nearest silence so that no boundary cuts a word.
	type cand struct {
		t     float64
		bonus float64 // subtracted from the cost
		only  int     // boundary it may serve, -1 for any
	}
	var cs []cand
	for _, p := range r.Pauses {
		if p.Start < s0 || p.End > s1 {
			continue
		}
		t := p.End - min(boundaryLead, p.Len()/2)
		cs = append(cs, cand{t: t, bonus: pauseBonus * math.Log(max(p.Len(), pauseUnit)/pauseUnit), only: -1})
	}
	if len(cs) < len(targets) {
		for k, t := range targets {
			cs = append(cs, cand{t: r.nearestSilence(t, span*boundarySpread), bonus: -noPauseCost, only: k})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(a.t, b.t) })

	cost := func(k int, c cand) float64 {
		if c.only >= 0 && c.only != k {
			return math.Inf(1)
		}
		d := (c.t - targets[k]) / (span * boundarySpread)
		return d*d - c.bonus
	}
	// best[k][j]: least cost of boundaries 0..k with boundary k at cs[j];
	// from[k][j] the candidate of boundary k-1 on that path.
	m := len(cs)
	best := make([][]float64, 4)
	from := make([][]int, 4)
	for k := range best {
		best[k] = make([]float64, m)
		from[k] = make([]int, m)
		for j := range best[k] {
			best[k][j], from[k][j] = math.Inf(1), -1
		}
	}
	for j, c := range cs {
		best[0][j] = cost(0, c)
	}
	gap := min(minPartGap, span/10)
	for k := 1; k < 4; k++ {
		bi, bv := -1, math.Inf(1) // best of best[k-1][i] over i with cs[i].t <= cs[j].t-gap
		i := 0
		for j, c := range cs {
			for ; i < j && cs[i].t <= c.t-gap; i++ {
				if best[k-1][i] < bv {
					bi, bv = i, best[k-1][i]
				}
			}
			if bi >= 0 {
				best[k][j] = bv + cost(k, c)
				from[k][j] = bi
			}
		}
	}
	end := -1
	for j := range cs {
		if end < 0 || best[3][j] < best[3][end] {
			end = j
		}
	}
	out := make([]float64, 4)
	if end < 0 || math.IsInf(best[3][end], 1) {
		copy(out, targets[:])
	} else {
		for k := 3; k >= 0; k-- {
			out[k] = cs[end].t
			end = from[k][end]
		}
	}
	// Keep the rounded times inside the take and strictly ascending.
	for k := range out {
		out[k] = max(0, min(r.Duration, round2(out[k])))
		if k > 0 && out[k] <= out[k-1] {
			out[k] = round2(out[k-1] + 0.01)
		}
	}
	return out
}

// nearestSilence returns the middle of the silent stretch between words
// (a frame that does not sound, inside the speech or beside it) nearest to
// t within reach seconds, or t itself when there is none or the report
// holds no per-frame data.
func (r *Report) nearestSilence(t, reach float64) float64 {
	f := r.fr
	if f == nil || len(f.sounding) == 0 {
		return t
	}
	n := len(f.sounding)
	k := max(0, min(n-1, int(math.Round(t*frameRate))))
	lim := int(math.Ceil(reach * frameRate))
	for d := 0; d <= lim; d++ {
		for _, j := range []int{k - d, k + d} {
			if j < 0 || j >= n || f.sounding[j] {
				continue
			}
			a, b := j, j
			for a > 0 && !f.sounding[a-1] {
				a--
			}
			for b+1 < n && !f.sounding[b+1] {
				b++
			}
			a, b = max(a, k-lim), min(b+1, k+lim)
			return (seconds(a) + seconds(b)) / 2
		}
	}
	return t
}
