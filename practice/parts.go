package practice

import (
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Kind is one of the five parts of a STAR answer to a failure question.
type Kind int

// The parts of an answer, in story order.
const (
	Situation Kind = iota // where and when it happened
	Task                  // what the speaker had to do
	Action                // what the speaker did
	Result                // how it turned out
	Lesson                // what the speaker learned and does differently now
)

// NumKinds is the number of kinds of part.
const NumKinds = 5

// kinds is the one table of the five parts: the name the user sees (its
// first letter is the part's key and short name), the colour every screen
// and picture gives the part, and the colour of a letter written on it.
// The colours are from the Okabe–Ito palette, chosen to stay distinct
// under the common colour-vision deficiencies; each ink is the letter
// colour with the best contrast on its part's colour.
var kinds = [NumKinds]struct {
	name       string
	color, ink color.NRGBA
}{
	{"Situation", color.NRGBA{0x56, 0xB4, 0xE9, 0xFF}, black}, // sky blue
	{"Task", color.NRGBA{0xE6, 0x9F, 0x00, 0xFF}, black},      // orange
	{"Action", color.NRGBA{0x00, 0x9E, 0x73, 0xFF}, black},    // bluish green
	{"Result", color.NRGBA{0x00, 0x72, 0xB2, 0xFF}, white},    // blue
	{"Lesson", color.NRGBA{0xCC, 0x79, 0xA7, 0xFF}, black},    // reddish purple
}

var (
	black = color.NRGBA{0, 0, 0, 0xFF}
	white = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// UnknownKindColor is the colour of a part whose kind is not one of the
// five (grey).
var UnknownKindColor = color.NRGBA{0x99, 0x99, 0x99, 0xFF}

// kindNames are the five names, in story order.
var kindNames = func() (n [NumKinds]string) {
	for k, row := range kinds {
		n[k] = row.name
	}
	return n
}()

// Color returns the colour the part is shown in, or UnknownKindColor for
// an invalid kind. Colour is never the only sign of a part: its letter or
// name goes with it.
func (k Kind) Color() color.NRGBA {
	if !k.Valid() {
		return UnknownKindColor
	}
	return kinds[k].color
}

// Ink returns the colour of text written on the part's Color (black for an
// invalid kind).
func (k Kind) Ink() color.NRGBA {
	if !k.Valid() {
		return black
	}
	return kinds[k].ink
}

// Kinds returns the five kinds in story order.
func Kinds() []Kind { return []Kind{Situation, Task, Action, Result, Lesson} }

// Valid reports whether k is one of the five kinds.
func (k Kind) Valid() bool { return k >= 0 && k < NumKinds }

// String returns the kind's name as the user sees it ("Situation",
// "Task", ...), or "Kind(n)" for an invalid kind.
func (k Kind) String() string {
	if !k.Valid() {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Letter returns the kind's key and short name: "S", "T", "A", "R" or "L"
// ("?" for an invalid kind).
func (k Kind) Letter() string {
	if !k.Valid() {
		return "?"
	}
	return kindNames[k][:1]
}

// ParseKind returns the kind named s: one of the names String returns,
// in any case, with spaces around it ignored.
func ParseKind(s string) (Kind, error) {
	t := strings.TrimSpace(s)
	for k, name := range kindNames {
		if strings.EqualFold(t, name) {
			return Kind(k), nil
		}
	}
	return 0, &KindError{Name: s}
}

// KindError reports a part name that is not one of the five kinds.
type KindError struct {
	Name string // the name as given
}

func (e *KindError) Error() string { return "practice: " + e.Message() }

// Message says which name is unknown and which are known.
func (e *KindError) Message() string {
	return fmt.Sprintf("unknown part %q: want %s", e.Name, kindList)
}

// kindList is the five names for messages.
const kindList = "Situation, Task, Action, Result or Lesson"

// KindForKey returns the kind a key marks while recording: S, T, A, R and L
// (either case) or 1 to 5 in story order.
func KindForKey(key string) (Kind, bool) {
	if len(key) != 1 {
		return 0, false
	}
	c := key[0]
	if c >= '1' && c <= '5' {
		return Kind(c - '1'), true
	}
	for k, name := range kindNames {
		if c == name[0] || c == name[0]+'a'-'A' {
			return Kind(k), true
		}
	}
	return 0, false
}

// MarshalText returns the kind's name in lower case, as take.json stores
// it ("situation").
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, fmt.Errorf("practice: cannot save part kind %d", int(k))
	}
	return []byte(strings.ToLower(kindNames[k])), nil
}

// UnmarshalText reads a kind name, in any case. The error is a
// *KindError.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// Part is one tagged stretch of a take, in seconds from the start of the
// answer.
type Part struct {
	Kind  Kind    `json:"kind"`
	Start float64 `json:"start_s"`
	End   float64 `json:"end_s"`
}

// Len returns the part's length in seconds.
func (p Part) Len() float64 { return p.End - p.Start }

// MarshalJSON writes the part with its times rounded to the millisecond:
// {"kind":"situation","start_s":1.234,"end_s":5.678}.
func (p Part) MarshalJSON() ([]byte, error) {
	type plain Part // no methods: no recursion
	return json.Marshal(plain{Kind: p.Kind, Start: roundMS(p.Start), End: roundMS(p.End)})
}

func roundMS(s float64) float64 { return math.Round(s*1000) / 1000 }

// timeTol is how far a saved part may end past the take's end: part times
// are rounded to the millisecond on save, the duration is not.
const timeTol = 0.001

// MinLen is the shortest part the editing operations make, in seconds.
// Shorter pieces left over by an edit are dropped, and a split or a
// tagged range must leave parts at least this long. It keeps every part
// longer than the millisecond take.json rounds to.
const MinLen = 0.010

// CheckParts returns an error if parts are not a valid tagging of a take
// of the given duration: every part of a valid kind, inside [0, duration],
// in time order, not overlapping (a part may start where the previous one
// ends) and not empty. The one empty part allowed is a last part that
// starts at the very end of the take: one just marked while recording.
// Times are judged as take.json saves them, rounded to the millisecond:
// a part must not become empty when rounded, and may end up to a
// millisecond past duration. So parts that pass still pass once saved.
func CheckParts(parts []Part, duration float64) error {
	if reason := partsProblem(parts, duration); reason != "" {
		return Errorf("", "%s", reason)
	}
	return nil
}

// partsProblem is CheckParts' reason, or "".
func partsProblem(parts []Part, duration float64) string {
	for i, p := range parts {
		n := i + 1
		start, end := roundMS(p.Start), roundMS(p.End) // as saved
		switch {
		case !p.Kind.Valid():
			return fmt.Sprintf("part %d has an unknown kind (%d)", n, int(p.Kind))
		case !finite(p.Start) || !finite(p.End):
			return fmt.Sprintf("part %d (%v) has a time that is not a number", n, p.Kind)
		case p.Start < 0:
			return fmt.Sprintf("part %d (%v) starts before the take, at %s", n, p.Kind, secs(p.Start))
		case p.End < p.Start:
			return fmt.Sprintf("part %d (%v) ends at %s, before it starts at %s", n, p.Kind, secs(p.End), secs(p.Start))
		case end > duration+timeTol:
			return fmt.Sprintf("part %d (%v) ends at %s, after the end of the take at %s", n, p.Kind, secs(p.End), secs(duration))
		case end == start && (i < len(parts)-1 || end < duration-timeTol):
			return fmt.Sprintf("part %d (%v) is empty: it starts and ends at %s", n, p.Kind, secs(p.Start))
		}
		if i > 0 && parts[i-1].End > p.Start {
			q := parts[i-1]
			return fmt.Sprintf("part %d (%v, from %s) overlaps part %d (%v, to %s)", n, p.Kind, secs(p.Start), n-1, q.Kind, secs(q.End))
		}
	}
	return ""
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// secs formats seconds for messages: "12.345 s".
func secs(s float64) string { return strconv.FormatFloat(s, 'f', 3, 64) + " s" }

// partsLoadReason turns an error from decoding take.json into a reason
// about its parts, if the error is about them.
func partsLoadReason(err error) (string, bool) {
	var ke *KindError
	if errors.As(err, &ke) {
		return fmt.Sprintf("field parts has a part of unknown kind %q", ke.Name), true
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field == "parts.kind" {
		return fmt.Sprintf("field parts.kind is a JSON %s, want a string such as \"situation\"", typ.Value), true
	}
	return "", false
}

// DefaultReaction is the default reaction compensation for live tagging:
// people press a part's key about this long after they start speaking it.
const DefaultReaction = 250 * time.Millisecond

// MarkTime returns where a key pressed now seconds into the answer marks
// the start of a part: reaction earlier, and not before the answer began.
func MarkTime(now float64, reaction time.Duration) float64 {
	return max(0, now-reaction.Seconds())
}

// Edge names one end of a part.
type Edge int

// The two ends of a part.
const (
	StartEdge Edge = iota
	EndEdge
)

// maxUndo is how many steps Undo can go back.
const maxUndo = 1000

// Parts is the editable tagging of one take: parts in time order, never
// overlapping, inside [0, Duration()], with untagged gaps allowed between
// them. Every edit that changes something can be undone; Undo and Redo
// restore the exact earlier list. A Parts is not safe for concurrent use.
type Parts struct {
	dur  float64
	list []Part
	undo [][]Part
	redo [][]Part

	grouping bool
	group    []Part // the list when Begin was called
}

// NewParts returns the tagging of a take of the given duration, starting
// from list (which is copied; nil for none). Parts ending up to a
// millisecond past the end, as rounding on save can leave them, are
// clipped to it. The error says what is wrong with the list.
func NewParts(duration float64, list []Part) (*Parts, error) {
	if !finite(duration) || duration < 0 {
		return nil, Errorf("", "invalid take duration %v", duration)
	}
	if err := CheckParts(list, duration); err != nil {
		return nil, err
	}
	l := slices.Clone(list)
	for i := range l {
		l[i].Start = min(l[i].Start, duration)
		l[i].End = min(l[i].End, duration)
	}
	return &Parts{dur: duration, list: l}, nil
}

// Duration returns the take's length in seconds.
func (p *Parts) Duration() float64 { return p.dur }

// Len returns the number of parts.
func (p *Parts) Len() int { return len(p.list) }

// At returns part i (0 <= i < Len()).
func (p *Parts) At(i int) Part { return p.list[i] }

// List returns a copy of the parts, for saving in Take.Parts.
func (p *Parts) List() []Part { return slices.Clone(p.list) }

// Find returns the index of the part playing at time t (Start <= t < End).
func (p *Parts) Find(t float64) (int, bool) {
	i, found := slices.BinarySearchFunc(p.list, t, func(q Part, t float64) int {
		switch {
		case q.End <= t:
			return -1
		case q.Start > t:
			return 1
		}
		return 0
	})
	if !found || p.list[i].Len() == 0 {
		return -1, false
	}
	return i, true
}

// NearestEdge returns the part edge closest to t, if one lies within tol
// seconds of it: what a click or drag near a boundary grabs. Where two
// parts touch, the later part's start is returned; MoveEdge moves both.
func (p *Parts) NearestEdge(t, tol float64) (i int, e Edge, ok bool) {
	best := tol
	for j, q := range p.list {
		if d := math.Abs(q.End - t); d <= best {
			best, i, e, ok = d, j, EndEdge, true
		}
		if d := math.Abs(q.Start - t); d <= best {
			best, i, e, ok = d, j, StartEdge, true
		}
	}
	return i, e, ok
}

// CanUndo reports whether there is an edit to undo.
func (p *Parts) CanUndo() bool { return len(p.undo) > 0 || p.groupChanged() }

// CanRedo reports whether there is an undone edit to redo.
func (p *Parts) CanRedo() bool { return len(p.redo) > 0 && !p.groupChanged() }

// Undo restores the parts as they were before the last edit (or group of
// edits) and reports whether there was one. It ends an open group first.
func (p *Parts) Undo() bool {
	p.Commit()
	if len(p.undo) == 0 {
		return false
	}
	p.redo = append(p.redo, p.list)
	p.list = p.undo[len(p.undo)-1]
	p.undo = p.undo[:len(p.undo)-1]
	return true
}

// Redo applies the last undone edit again and reports whether there was
// one. Any new edit forgets what could be redone.
func (p *Parts) Redo() bool {
	p.Commit()
	if len(p.redo) == 0 {
		return false
	}
	p.undo = append(p.undo, p.list)
	p.list = p.redo[len(p.redo)-1]
	p.redo = p.redo[:len(p.redo)-1]
	return true
}

// Begin starts a group of edits that Undo takes back as one, such as the
// many MoveEdge calls of one drag. Commit ends it. Begin while a group is
// open does nothing.
func (p *Parts) Begin() {
	if p.grouping {
		return
	}
	p.grouping = true
	p.group = p.list
}

// Commit ends a group of edits begun with Begin, recording it as one step
// if it changed anything.
func (p *Parts) Commit() {
	if !p.grouping {
		return
	}
	changed := p.groupChanged()
	p.grouping = false
	if changed {
		p.push(p.group)
	}
	p.group = nil
}

func (p *Parts) groupChanged() bool {
	return p.grouping && !slices.Equal(p.group, p.list)
}

// push records old as the state to return to on Undo.
func (p *Parts) push(old []Part) {
	if len(p.undo) == maxUndo {
		p.undo = slices.Delete(p.undo, 0, 1)
	}
	p.undo = append(p.undo, old)
	p.redo = nil
}

// apply makes next the current list; an edit that changes nothing leaves
// the history alone. Lists are never modified after being applied, so the
// history can share them.
func (p *Parts) apply(next []Part) {
	if slices.Equal(next, p.list) {
		return
	}
	if !p.grouping {
		p.push(p.list)
	}
	p.list = next
}

// SetDuration changes the take's length, as it grows while recording.
// It is not an edit (Undo does not take it back). A last part that
// reached the old end follows the new end; when the take gets shorter,
// parts are cut at the new end and parts left empty go. The undo
// history is adjusted the same way, so it stays inside the take.
func (p *Parts) SetDuration(d float64) error {
	if !finite(d) || d < 0 {
		return Errorf("", "invalid take duration %v", d)
	}
	old := p.dur
	p.dur = d
	p.list = resize(p.list, old, d)
	for _, h := range [][][]Part{p.undo, p.redo} {
		for i := range h {
			h[i] = resize(h[i], old, d)
		}
	}
	if p.grouping {
		p.group = resize(p.group, old, d)
	}
	return nil
}

func resize(l []Part, old, d float64) []Part {
	if len(l) == 0 || old == d {
		return l
	}
	if d > old {
		if l[len(l)-1].End != old {
			return l
		}
		l = slices.Clone(l)
		l[len(l)-1].End = d
		return l
	}
	var out []Part
	for _, q := range l {
		q.End = min(q.End, d)
		if q.Start < q.End {
			out = append(out, q)
		}
	}
	return out
}

func (p *Parts) checkIndex(op string, i int) error {
	if i < 0 || i >= len(p.list) {
		if len(p.list) == 0 {
			return Errorf(op, "no part %d: nothing is tagged yet", i+1)
		}
		return Errorf(op, "no part %d: the take has parts 1 to %d", i+1, len(p.list))
	}
	return nil
}

func checkTime(op string, t float64) error {
	if !finite(t) {
		return Errorf(op, "time %v is not a number", t)
	}
	return nil
}

func checkKind(op string, k Kind) error {
	if !k.Valid() {
		return Errorf(op, "unknown part kind %d", int(k))
	}
	return nil
}

// MarkStart marks at (clamped to the take) as the start of a part of kind
// k, as the S T A R L keys do while recording (see MarkTime). The part
// holding at ends there; the new part runs to the start of the next part,
// or to the end of the take. If the part holding at started less than
// MinLen earlier, the new part replaces it (a key pressed straight after
// another corrects it); if the next part starts less than MinLen later, it
// takes that part's place instead. While recording, the new part runs to
// the current end and grows with SetDuration; it may be empty when marked
// at the very end. It returns the new part's index.
func (p *Parts) MarkStart(k Kind, at float64) (int, error) {
	const op = "mark part start"
	if err := checkKind(op, k); err != nil {
		return -1, err
	}
	if err := checkTime(op, at); err != nil {
		return -1, err
	}
	at = min(max(at, 0), p.dur)
	var next []Part
	i := 0 // parts before i start before at
	for ; i < len(p.list) && p.list[i].Start < at; i++ {
		q := p.list[i]
		// q holds at; at the very end of the take, so does a last part
		// reaching it.
		if q.End > at || at == p.dur && i == len(p.list)-1 {
			if at-q.Start < MinLen {
				at = q.Start // replace q
				break
			}
			q.End = at
		}
		next = append(next, q)
	}
	// A part starting right at at is replaced.
	if i < len(p.list) && p.list[i].Start == at {
		i++
	}
	end := p.dur
	if i < len(p.list) {
		end = p.list[i].Start
		if end-at < MinLen {
			// Too close to the next part: that part starts here instead.
			end = p.list[i].End
			i++
		}
	}
	n := len(next)
	next = append(next, Part{Kind: k, Start: at, End: end})
	next = append(next, p.list[i:]...)
	p.apply(next)
	return n, nil
}

// MoveEdge moves one end of part i to t and returns where it ended up. A
// boundary the part shares with a touching neighbour moves for both
// parts, as dragging it should. The edge stops at a neighbour it does not
// touch, at the ends of the take, and where a part would get shorter than
// MinLen.
func (p *Parts) MoveEdge(i int, e Edge, t float64) (float64, error) {
	const op = "move part edge"
	if err := p.checkIndex(op, i); err != nil {
		return 0, err
	}
	if err := checkTime(op, t); err != nil {
		return 0, err
	}
	if e != StartEdge && e != EndEdge {
		return 0, Errorf(op, "unknown edge %d", int(e))
	}
	// Move the boundary after part a: a's end and, if b >= 0, b's start.
	a, b := i, -1
	if e == StartEdge {
		a = i - 1
		b = i
		if a < 0 || p.list[a].End != p.list[b].Start {
			a = -1
		}
	} else if i+1 < len(p.list) && p.list[i+1].Start == p.list[i].End {
		b = i + 1
	}
	var lo, hi, cur float64
	switch {
	case a >= 0 && b >= 0: // shared boundary
		lo, hi = p.list[a].Start+MinLen, p.list[b].End-MinLen
		cur = p.list[b].Start
	case b >= 0: // start of b, free
		lo, hi = 0, p.list[b].End-MinLen
		if b > 0 {
			lo = p.list[b-1].End
		}
		cur = p.list[b].Start
	default: // end of a, free
		lo, hi = p.list[a].Start+MinLen, p.dur
		if a+1 < len(p.list) {
			hi = p.list[a+1].Start
		}
		cur = p.list[a].End
	}
	if hi < lo {
		return cur, nil // too short to move
	}
	t = min(max(t, lo), hi)
	next := slices.Clone(p.list)
	if a >= 0 {
		next[a].End = t
	}
	if b >= 0 {
		next[b].Start = t
	}
	p.apply(next)
	return t, nil
}

// Relabel makes part i a part of kind k.
func (p *Parts) Relabel(i int, k Kind) error {
	const op = "relabel part"
	if err := p.checkIndex(op, i); err != nil {
		return err
	}
	if err := checkKind(op, k); err != nil {
		return err
	}
	next := slices.Clone(p.list)
	next[i].Kind = k
	p.apply(next)
	return nil
}

// Delete removes part i, leaving its time untagged.
func (p *Parts) Delete(i int) error {
	if err := p.checkIndex("delete part", i); err != nil {
		return err
	}
	p.apply(slices.Delete(slices.Clone(p.list), i, i+1))
	return nil
}

// Split cuts the part playing at time at into two parts of the same kind
// and returns the index of the second. Both pieces must be at least MinLen
// long.
func (p *Parts) Split(at float64) (int, error) {
	const op = "split part"
	if err := checkTime(op, at); err != nil {
		return -1, err
	}
	i, ok := p.Find(at)
	if !ok {
		return -1, Errorf(op, "nothing is tagged at %s", secs(at))
	}
	q := p.list[i]
	if at-q.Start < MinLen || q.End-at < MinLen {
		return -1, Errorf(op, "%s is too close to an edge of part %d (%v); split further inside it", secs(at), i+1, q.Kind)
	}
	next := slices.Insert(slices.Clone(p.list), i+1, Part{Kind: q.Kind, Start: at, End: q.End})
	next[i].End = at
	p.apply(next)
	return i + 1, nil
}

// Tag makes the range from start to end (in either order, clamped to the
// take) one part of kind k and returns its index. What was tagged under
// the range is overwritten: parts inside it go, and parts reaching into it
// are trimmed (a part around it is split in two). Pieces shorter than
// MinLen left over at its sides are dropped. The range must be at least
// MinLen long.
func (p *Parts) Tag(start, end float64, k Kind) (int, error) {
	const op = "tag range"
	if err := checkKind(op, k); err != nil {
		return -1, err
	}
	if err := checkTime(op, start); err != nil {
		return -1, err
	}
	if err := checkTime(op, end); err != nil {
		return -1, err
	}
	if end < start {
		start, end = end, start
	}
	start, end = max(start, 0), min(end, p.dur)
	if end-start < MinLen {
		return -1, Errorf(op, "the range %s to %s is too short; select at least %s", secs(start), secs(end), secs(MinLen))
	}
	var next []Part
	n := -1 // index of the new part
	add := func() {
		if n < 0 {
			n = len(next)
			next = append(next, Part{Kind: k, Start: start, End: end})
		}
	}
	for _, q := range p.list {
		switch {
		case q.End <= start: // before the range
			next = append(next, q)
		case q.Start >= end: // after it
			add()
			next = append(next, q)
		default: // under it: keep what sticks out on either side
			if start-q.Start >= MinLen {
				next = append(next, Part{Kind: q.Kind, Start: q.Start, End: start})
			}
			add()
			if q.End-end >= MinLen {
				next = append(next, Part{Kind: q.Kind, Start: end, End: q.End})
			}
		}
	}
	add()
	p.apply(next)
	return n, nil
}
