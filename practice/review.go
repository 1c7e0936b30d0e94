package practice

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Check is one item of the self-review checklist. Its value is what
// take.json stores.
type Check string

// The self-review checklist, from the advice on answering the question.
const (
	CheckTrue     Check = "true_relevant" // The story is true and relevant to the job
	CheckWork     Check = "work_failure"  // It is a work failure
	CheckOwned    Check = "owned"         // I owned it (no blame on others)
	CheckLesson   Check = "lesson"        // I said what I learned
	CheckBrief    Check = "brief"         // Quick and to the point
	CheckPositive Check = "positive"      // Stayed positive
	CheckSTAR     Check = "star_order"    // The STAR order was clear
)

var checkLabels = map[Check]string{
	CheckTrue:     "The story is true and relevant to the job",
	CheckWork:     "It is a work failure",
	CheckOwned:    "I owned it (no blame on others)",
	CheckLesson:   "I said what I learned",
	CheckBrief:    "Quick and to the point",
	CheckPositive: "Stayed positive",
	CheckSTAR:     "The STAR order was clear",
}

// Checks lists the checklist in the order shown. Each call returns a new
// slice.
func Checks() []Check {
	return []Check{CheckTrue, CheckWork, CheckOwned, CheckLesson, CheckBrief, CheckPositive, CheckSTAR}
}

// Valid reports whether c is one of Checks.
func (c Check) Valid() bool {
	_, ok := checkLabels[c]
	return ok
}

// Label is the checklist sentence shown to the user, e.g. "The story is
// true and relevant to the job". An unknown check's label is its value.
func (c Check) Label() string {
	if l, ok := checkLabels[c]; ok {
		return l
	}
	return string(c)
}

// Limits on a self-review.
const (
	MaxRating      = 5     // ratings run from 1 to MaxRating; 0 is not rated
	MaxReviewNotes = 10000 // notes length, in characters
)

// SelfReview is the user's own review of a take, saved in its take.json.
// Its zero value is a take not reviewed yet.
type SelfReview struct {
	Checked map[Check]bool `json:"checked,omitempty"`
	Rating  int            `json:"rating,omitempty"` // 1-5, 0 = not rated
	Notes   string         `json:"notes,omitempty"`
	Updated time.Time      `json:"updated,omitzero"`
}

// ErrReview is wrapped by Validate's errors.
var ErrReview = errors.New("practice: invalid self-review")

// reviewError is Validate's error: it reads as "practice: review: " and
// the problem, and wraps ErrReview.
type reviewError struct{ problem string }

func (e *reviewError) Error() string   { return "practice: review: " + e.problem }
func (e *reviewError) Message() string { return e.problem }
func (e *reviewError) Unwrap() error   { return ErrReview }

// Validate reports what is wrong with the review: a rating outside 0 to 5,
// a check that is not one of Checks, or notes longer than MaxReviewNotes
// characters. The error wraps ErrReview.
func (r SelfReview) Validate() error {
	if p := r.problem(); p != "" {
		return &reviewError{p}
	}
	return nil
}

// problem says what is wrong with r in a few words, or returns "".
func (r SelfReview) problem() string {
	if r.Rating < 0 || r.Rating > MaxRating {
		return fmt.Sprintf("rating %d is out of range: choose 1 to %d, or 0 for not rated", r.Rating, MaxRating)
	}
	// Sorted, so the message does not depend on map order.
	for _, c := range slices.Sorted(maps.Keys(r.Checked)) {
		if !c.Valid() {
			return fmt.Sprintf("unknown check %q", string(c))
		}
	}
	if n := utf8.RuneCountInString(r.Notes); n > MaxReviewNotes {
		return fmt.Sprintf("notes are %d characters long: keep them to %d", n, MaxReviewNotes)
	}
	return ""
}

// Done returns the number of checks ticked.
func (r SelfReview) Done() int {
	n := 0
	for c, on := range r.Checked {
		if on && c.Valid() {
			n++
		}
	}
	return n
}

// IsZero reports whether the review holds nothing: no check ticked, no
// rating, no notes and no time. take.json leaves such a review out.
func (r SelfReview) IsZero() bool {
	return r.Done() == 0 && r.Rating == 0 && r.Notes == "" && r.Updated.IsZero() && len(r.Checked) == 0
}

// With returns a copy of r with check c ticked or not. The copy has a map
// of its own, so r is left as it was.
func (r SelfReview) With(c Check, on bool) SelfReview {
	m := ticked(r.Checked)
	if on {
		if m == nil {
			m = map[Check]bool{}
		}
		m[c] = true
	} else {
		delete(m, c)
	}
	if len(m) == 0 {
		m = nil
	}
	r.Checked = m
	return r
}

// ticked returns a new map of the checks ticked in m, or nil for none.
func ticked(m map[Check]bool) map[Check]bool {
	var out map[Check]bool
	for k, v := range m {
		if v {
			if out == nil {
				out = make(map[Check]bool, len(m))
			}
			out[k] = true
		}
	}
	return out
}

// SaveReview sets the self-review of the take with the given ID, stamping
// Updated with the current time (notes are trimmed), and saves the take.
// It refuses an invalid review, and a take that cannot be loaded.
func (l *Library) SaveReview(id string, r SelfReview) (Take, error) {
	r.Notes = strings.TrimSpace(r.Notes)
	if err := r.Validate(); err != nil {
		return Take{}, err
	}
	t, err := l.Load(id)
	if err != nil {
		return Take{}, wrapErr("save review", err)
	}
	r.Checked = ticked(r.Checked)
	r.Updated = timeNow().Round(0)
	t.Review = r
	if err := l.Save(t); err != nil {
		return Take{}, err
	}
	return t, nil
}

// timeNow is the time source for stamps on reviews and stories; tests set it.
var timeNow = time.Now
