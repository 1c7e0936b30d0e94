package practice

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// mk builds parts from a compact spec: "S0-10 T10-20.5" is a Situation
// from 0 to 10 s and a Task from 10 to 20.5 s.
func mk(t testing.TB, spec string) []Part {
	t.Helper()
	var ps []Part
	for _, f := range strings.Fields(spec) {
		k, ok := KindForKey(f[:1])
		a, b, ok2 := strings.Cut(f[1:], "-")
		start, err1 := strconv.ParseFloat(a, 64)
		end, err2 := strconv.ParseFloat(b, 64)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			t.Fatalf("bad part spec %q", f)
		}
		ps = append(ps, Part{Kind: k, Start: start, End: end})
	}
	return ps
}

// spec is the inverse of mk, for messages.
func spec(ps []Part) string {
	var s []string
	for _, p := range ps {
		s = append(s, fmt.Sprintf("%s%g-%g", p.Kind.Letter(), p.Start, p.End))
	}
	return strings.Join(s, " ")
}

func TestKindNames(t *testing.T) {
	want := []struct{ name, letter, json string }{
		{"Situation", "S", "situation"}, {"Task", "T", "task"}, {"Action", "A", "action"},
		{"Result", "R", "result"}, {"Lesson", "L", "lesson"},
	}
	if got := Kinds(); len(got) != NumKinds || len(want) != NumKinds {
		t.Fatalf("Kinds() = %v, want %d kinds", got, NumKinds)
	}
	for i, k := range Kinds() {
		if k != Kind(i) {
			t.Errorf("Kinds()[%d] = %v, want story order", i, k)
		}
		if got := k.String(); got != want[i].name {
			t.Errorf("%d.String() = %q, want %q", i, got, want[i].name)
		}
		if got := k.Letter(); got != want[i].letter {
			t.Errorf("%v.Letter() = %q, want %q", k, got, want[i].letter)
		}
		b, err := k.MarshalText()
		if err != nil || string(b) != want[i].json {
			t.Errorf("%v.MarshalText() = %q, %v; want %q", k, b, err, want[i].json)
		}
		for _, s := range []string{want[i].name, want[i].json, strings.ToUpper(want[i].name), "  " + want[i].name + " "} {
			if got, err := ParseKind(s); err != nil || got != k {
				t.Errorf("ParseKind(%q) = %v, %v; want %v", s, got, err, k)
			}
		}
		for _, key := range []string{want[i].letter, strings.ToLower(want[i].letter), strconv.Itoa(i + 1)} {
			if got, ok := KindForKey(key); !ok || got != k {
				t.Errorf("KindForKey(%q) = %v, %v; want %v", key, got, ok, k)
			}
		}
	}
	for _, s := range []string{"", "S", "Lesson learned", "Situations", "intro"} {
		_, err := ParseKind(s)
		var ke *KindError
		if !errors.As(err, &ke) || ke.Name != s || !strings.Contains(err.Error(), "Situation, Task, Action, Result or Lesson") {
			t.Errorf("ParseKind(%q) error = %v, want a *KindError naming it and the five names", s, err)
		}
	}
	for _, key := range []string{"", "0", "6", "x", "SS", "Space"} {
		if k, ok := KindForKey(key); ok {
			t.Errorf("KindForKey(%q) = %v, true; want false", key, k)
		}
	}
	bad := Kind(7)
	if bad.Valid() || bad.String() != "Kind(7)" || bad.Letter() != "?" {
		t.Errorf("Kind(7): Valid %v, String %q, Letter %q", bad.Valid(), bad.String(), bad.Letter())
	}
	if _, err := bad.MarshalText(); err == nil {
		t.Error("Kind(7).MarshalText succeeded")
	}
}

func TestMarkTime(t *testing.T) {
	for _, tt := range []struct {
		now      float64
		reaction time.Duration
		want     float64
	}{
		{10, DefaultReaction, 9.75},
		{0.1, DefaultReaction, 0},
		{5, 0, 5},
		{5, time.Second, 4},
	} {
		if got := MarkTime(tt.now, tt.reaction); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("MarkTime(%v, %v) = %v, want %v", tt.now, tt.reaction, got, tt.want)
		}
	}
	if DefaultReaction != 250*time.Millisecond {
		t.Errorf("DefaultReaction = %v, want 250ms", DefaultReaction)
	}
}

func TestCheckParts(t *testing.T) {
	for _, tt := range []struct {
		name  string
		parts []Part
		dur   float64
		want  string // substring of the error; "" for valid
	}{
		{"none", nil, 10, ""},
		{"touching", mk(t, "S0-2 T2-3 A3-8 R8-9 L9-10"), 10, ""},
		{"gaps", mk(t, "S1-2 A5-6"), 10, ""},
		{"empty last at the end", mk(t, "S0-10 T10-10"), 10, ""},
		{"rounded past the end", mk(t, "S0-10.0004"), 10, ""},
		{"empty last at the end, rounded", mk(t, "S0-10.0004 T10.0004-10.0004"), 10, ""},
		{"overlap", mk(t, "S0-5 T4-8"), 10, "part 2 (Task, from 4.000 s) overlaps part 1 (Situation, to 5.000 s)"},
		{"out of order", mk(t, "A5-6 S1-2"), 10, "overlaps"},
		{"a millisecond past the end", mk(t, "S0-10.0014"), 10, ""},
		{"past the end", mk(t, "S0-10.0016"), 10, "part 1 (Situation) ends at 10.002 s, after the end of the take at 10.000 s"},
		{"empty once rounded", mk(t, "S0-0.0004 T1-2"), 10, "part 1 (Situation) is empty"},
		{"short but not empty once rounded", mk(t, "S0-0.0006 T1-2"), 10, ""},
		{"negative", []Part{{Situation, -1, 2}}, 10, "starts before the take"},
		{"backwards", mk(t, "S5-4"), 10, "ends at 4.000 s, before it starts at 5.000 s"},
		{"empty inside", mk(t, "S0-2 T2-2 A2-5"), 10, "part 2 (Task) is empty"},
		{"empty last, not at the end", mk(t, "S0-2 T2-2"), 10, "is empty"},
		{"bad kind", []Part{{Kind(9), 0, 1}}, 10, "unknown kind (9)"},
		{"NaN", []Part{{Action, math.NaN(), 1}}, 10, "not a number"},
		{"infinite", []Part{{Action, 0, math.Inf(1)}}, 10, "not a number"},
	} {
		err := CheckParts(tt.parts, tt.dur)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: CheckParts = %v, want nil", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "practice: ")):
			t.Errorf("%s: CheckParts = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestNewParts(t *testing.T) {
	p, err := NewParts(10, mk(t, "S0-4 T4-10.0004"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := spec(p.List()), "S0-4 T4-10"; got != want {
		t.Errorf("NewParts clipped to %s, want %s", got, want)
	}
	if p.Duration() != 10 || p.Len() != 2 || p.At(1).Kind != Task || p.CanUndo() || p.CanRedo() {
		t.Errorf("NewParts: Duration %v, Len %d, At(1) %v, CanUndo %v, CanRedo %v", p.Duration(), p.Len(), p.At(1), p.CanUndo(), p.CanRedo())
	}
	// The list is copied both ways.
	in := mk(t, "S0-4")
	p, _ = NewParts(10, in)
	in[0].End = 9
	out := p.List()
	out[0].End = 8
	if p.At(0).End != 4 {
		t.Errorf("Parts shares memory with its input or output: At(0) = %v", p.At(0))
	}
	for _, tt := range []struct {
		dur   float64
		parts []Part
	}{{-1, nil}, {math.NaN(), nil}, {10, mk(t, "S0-5 T4-8")}} {
		if _, err := NewParts(tt.dur, tt.parts); err == nil {
			t.Errorf("NewParts(%v, %s) succeeded", tt.dur, spec(tt.parts))
		}
	}
}

func TestFindAndNearestEdge(t *testing.T) {
	p, err := NewParts(20, mk(t, "S1-3 T3-6 A8-12 L20-20"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		at   float64
		want int // -1 for none
	}{{0, -1}, {1, 0}, {2.99, 0}, {3, 1}, {5.9, 1}, {6, -1}, {7, -1}, {8, 2}, {11.99, 2}, {12, -1}, {20, -1}, {25, -1}} {
		i, ok := p.Find(tt.at)
		if ok != (tt.want >= 0) || (ok && i != tt.want) {
			t.Errorf("Find(%v) = %d, %v; want %d", tt.at, i, ok, tt.want)
		}
	}
	for _, tt := range []struct {
		at, tol float64
		i       int
		e       Edge
		ok      bool
	}{
		{3.05, 0.1, 1, StartEdge, true}, // shared boundary: the later part's start
		{2.9, 0.2, 1, StartEdge, true},
		{1.1, 0.2, 0, StartEdge, true},
		{6.1, 0.2, 1, EndEdge, true},
		{7.9, 0.2, 2, StartEdge, true},
		{7, 0.2, 0, 0, false},
		{12.5, 0.2, 0, 0, false},
	} {
		i, e, ok := p.NearestEdge(tt.at, tt.tol)
		if ok != tt.ok || (ok && (i != tt.i || e != tt.e)) {
			t.Errorf("NearestEdge(%v, %v) = %d, %d, %v; want %d, %d, %v", tt.at, tt.tol, i, e, ok, tt.i, tt.e, tt.ok)
		}
	}
}

// editCases are single edits on a 30 s take: what the list becomes and
// what the edit returns.
var editCases = []struct {
	name  string
	start string
	edit  func(p *Parts) (float64, error) // returns an index or a position
	want  string
	ret   float64 // wanted return value; ignored when the edit fails
	err   string  // substring of the wanted error
}{
	// MarkStart: live tagging and marking on review.
	{"mark first", "", mark(Situation, 0), "S0-30", 0, ""},
	{"mark ends the previous part", "S0-30", mark(Task, 5), "S0-5 T5-30", 1, ""},
	{"mark in a gap runs to the next part", "S0-5 A20-30", mark(Task, 8), "S0-5 T8-20 A20-30", 1, ""},
	{"mark inside a part before another", "S0-10 A10-30", mark(Task, 6), "S0-6 T6-10 A10-30", 1, ""},
	{"mark at a part's start replaces it", "S0-10 A10-30", mark(Task, 10), "S0-10 T10-30", 1, ""},
	{"mark right after a start corrects it", "S0-10 A10-30", mark(Task, 10.004), "S0-10 T10-30", 1, ""},
	{"mark right before the next part moves it", "S0-5 A10-30", mark(Task, 9.995), "S0-5 T9.995-30", 1, ""},
	{"mark before 0 is clamped", "", mark(Situation, -2), "S0-30", 0, ""},
	{"mark past the end is an empty live part", "S0-30", mark(Lesson, 40), "S0-30 L30-30", 1, ""},
	{"mark the same kind again", "S0-30", mark(Situation, 12), "S0-12 S12-30", 1, ""},
	{"mark invalid kind", "S0-30", mark(Kind(8), 12), "S0-30", 0, "unknown part kind 8"},
	{"mark NaN", "S0-30", mark(Action, math.NaN()), "S0-30", 0, "not a number"},

	// MoveEdge: shared boundaries move together; free edges stop at neighbours.
	{"drag shared boundary", "S0-10 T10-30", move(1, StartEdge, 12), "S0-12 T12-30", 12, ""},
	{"drag shared boundary from the end side", "S0-10 T10-30", move(0, EndEdge, 7), "S0-7 T7-30", 7, ""},
	{"shared boundary keeps MinLen", "S0-10 T10-30", move(1, StartEdge, 40), "S0-29.99 T29.99-30", 29.99, ""},
	{"free start stops at the previous part", "S0-5 T10-30", move(1, StartEdge, 2), "S0-5 T5-30", 5, ""},
	{"free end stops at the next part", "S0-5 T10-30", move(0, EndEdge, 20), "S0-10 T10-30", 10, ""},
	{"free end stops at the end", "S0-5", move(0, EndEdge, 99), "S0-30", 30, ""},
	{"free start stops at 0", "S3-5", move(0, StartEdge, -4), "S0-5", 0, ""},
	{"end cannot pass the start", "S3-5", move(0, EndEdge, 1), "S3-3.01", 3.01, ""},
	{"move a missing part", "S0-5", move(3, EndEdge, 1), "S0-5", 0, "no part 4: the take has parts 1 to 1"},
	{"move with nothing tagged", "", move(0, EndEdge, 1), "", 0, "nothing is tagged yet"},
	{"move a bad edge", "S0-5", move(0, Edge(5), 1), "S0-5", 0, "unknown edge"},

	// Relabel and Delete.
	{"relabel", "S0-5 T5-9", relabel(1, Action), "S0-5 A5-9", 0, ""},
	{"relabel invalid kind", "S0-5", relabel(0, Kind(-1)), "S0-5", 0, "unknown part kind"},
	{"relabel missing", "S0-5", relabel(1, Task), "S0-5", 0, "no part 2"},
	{"delete leaves a gap", "S0-5 T5-9 A9-30", del(1), "S0-5 A9-30", 0, ""},
	{"delete missing", "S0-5", del(-1), "S0-5", 0, "no part 0"},

	// Split at the playhead.
	{"split", "S0-5 A5-30", split(12), "S0-5 A5-12 A12-30", 2, ""},
	{"split too close to an edge", "S0-5 A5-30", split(5.005), "S0-5 A5-30", 0, "too close to an edge of part 2 (Action)"},
	{"split in a gap", "S0-5 A10-30", split(7), "S0-5 A10-30", 0, "nothing is tagged at 7.000 s"},

	// Tag a range: overwrite, trim, split around, drop slivers.
	{"tag empty take", "", tag(2, 4, Task), "T2-4", 0, ""},
	{"tag reversed range", "", tag(4, 2, Task), "T2-4", 0, ""},
	{"tag clamps to the take", "", tag(-3, 50, Action), "A0-30", 0, ""},
	{"tag trims neighbours", "S0-10 T10-20 A20-30", tag(8, 22, Result), "S0-8 R8-22 A22-30", 1, ""},
	{"tag inside a part splits it", "A0-30", tag(10, 20, Result), "A0-10 R10-20 A20-30", 1, ""},
	{"tag covers whole parts", "S0-5 T5-9 A9-30", tag(4, 10, Lesson), "S0-4 L4-10 A10-30", 1, ""},
	{"tag drops slivers", "S0-10 T10-20", tag(0.005, 19.995, Action), "A0.005-19.995", 0, ""},
	{"tag in a gap", "S0-5 A20-30", tag(6, 8, Task), "S0-5 T6-8 A20-30", 1, ""},
	{"tag after everything", "S0-5", tag(6, 8, Task), "S0-5 T6-8", 1, ""},
	{"tag too short", "S0-5", tag(6, 6.005, Task), "S0-5", 0, "too short"},
	{"tag invalid kind", "S0-5", tag(6, 8, Kind(5)), "S0-5", 0, "unknown part kind"},
	{"tag NaN", "S0-5", tag(math.NaN(), 8, Task), "S0-5", 0, "not a number"},
}

func mark(k Kind, at float64) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { i, err := p.MarkStart(k, at); return float64(i), err }
}

func move(i int, e Edge, to float64) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { return p.MoveEdge(i, e, to) }
}

func relabel(i int, k Kind) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { return 0, p.Relabel(i, k) }
}

func del(i int) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { return 0, p.Delete(i) }
}

func split(at float64) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { i, err := p.Split(at); return float64(i), err }
}

func tag(a, b float64, k Kind) func(*Parts) (float64, error) {
	return func(p *Parts) (float64, error) { i, err := p.Tag(a, b, k); return float64(i), err }
}

// near compares part lists allowing float error from sums like 30-0.01.
func near(a, b []Part) bool {
	return slices.EqualFunc(a, b, func(x, y Part) bool {
		return x.Kind == y.Kind && math.Abs(x.Start-y.Start) < 1e-9 && math.Abs(x.End-y.End) < 1e-9
	})
}

func TestEdits(t *testing.T) {
	for _, tt := range editCases {
		t.Run(tt.name, func(t *testing.T) {
			before := mk(t, tt.start)
			p, err := NewParts(30, before)
			if err != nil {
				t.Fatal(err)
			}
			ret, err := tt.edit(p)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "practice: ") {
					t.Errorf("error = %v, want one containing %q", err, tt.err)
				}
			} else if err != nil {
				t.Fatalf("error = %v", err)
			} else if math.Abs(ret-tt.ret) > 1e-9 {
				t.Errorf("returned %v, want %v", ret, tt.ret)
			}
			if got, want := p.List(), mk(t, tt.want); !near(got, want) {
				t.Fatalf("parts = %s, want %s", spec(got), spec(want))
			}
			if err := CheckParts(p.List(), p.Duration()); err != nil {
				t.Errorf("invalid after the edit: %v", err)
			}
			changed := !slices.Equal(p.List(), before)
			if p.CanUndo() != changed {
				t.Fatalf("CanUndo = %v after an edit that changed %v", p.CanUndo(), changed)
			}
			if changed {
				after := p.List()
				if !p.Undo() || !slices.Equal(p.List(), before) || !p.CanRedo() {
					t.Fatalf("after Undo: %s (CanRedo %v), want %s", spec(p.List()), p.CanRedo(), spec(before))
				}
				if !p.Redo() || !slices.Equal(p.List(), after) {
					t.Fatalf("after Redo: %s, want %s", spec(p.List()), spec(after))
				}
			}
		})
	}
}

func TestUndoRedo(t *testing.T) {
	p, _ := NewParts(30, nil)
	if p.Undo() || p.Redo() || p.CanUndo() || p.CanRedo() {
		t.Fatal("a new Parts can undo or redo")
	}
	var states [][]Part
	states = append(states, p.List())
	for _, k := range Kinds() {
		if _, err := p.MarkStart(k, float64(k)*5); err != nil {
			t.Fatal(err)
		}
		states = append(states, p.List())
	}
	for i := len(states) - 2; i >= 0; i-- {
		if !p.Undo() || !slices.Equal(p.List(), states[i]) {
			t.Fatalf("undo to step %d: %s, want %s", i, spec(p.List()), spec(states[i]))
		}
	}
	if p.Undo() {
		t.Error("Undo past the first state succeeded")
	}
	p.Redo()
	p.Redo()
	if !slices.Equal(p.List(), states[2]) {
		t.Fatalf("after two redos: %s, want %s", spec(p.List()), spec(states[2]))
	}
	// A new edit forgets the redo steps.
	if err := p.Relabel(0, Lesson); err != nil {
		t.Fatal(err)
	}
	if p.CanRedo() || p.Redo() {
		t.Error("Redo after a new edit succeeded")
	}
	// An edit that changes nothing is not a step.
	p.Relabel(0, Lesson)
	p.Undo()
	if got := p.At(0).Kind; got != Situation {
		t.Errorf("after undoing the relabel, part 1 is %v, want Situation", got)
	}
}

func TestUndoDepth(t *testing.T) {
	p, _ := NewParts(30, nil)
	for i := range maxUndo + 10 {
		p.MarkStart(Kind(i%NumKinds), 0)
	}
	n := 0
	for p.Undo() {
		n++
	}
	if n != maxUndo {
		t.Errorf("could undo %d steps, want %d", n, maxUndo)
	}
}

func TestGroupIsOneStep(t *testing.T) {
	p, _ := NewParts(30, mk(t, "S0-10 T10-30"))
	before := p.List()
	p.Begin()
	for x := 10.5; x < 15; x += 0.5 {
		p.MoveEdge(1, StartEdge, x)
	}
	p.Begin() // nested Begin does nothing
	if !p.CanUndo() || p.CanRedo() {
		t.Errorf("during a drag: CanUndo %v, CanRedo %v; want true, false", p.CanUndo(), p.CanRedo())
	}
	p.Commit()
	if got, want := spec(p.List()), "S0-14.5 T14.5-30"; got != want {
		t.Fatalf("after the drag: %s, want %s", got, want)
	}
	if !p.Undo() || !slices.Equal(p.List(), before) || p.CanUndo() {
		t.Fatalf("one undo gave %s (CanUndo %v), want %s and nothing more to undo", spec(p.List()), p.CanUndo(), spec(before))
	}
	// A group that ends where it began is no step.
	p.Begin()
	p.MoveEdge(1, StartEdge, 20)
	p.MoveEdge(1, StartEdge, 10)
	p.Commit()
	if p.CanUndo() || !p.CanRedo() {
		t.Errorf("a drag back to the start: CanUndo %v, CanRedo %v; want false, true", p.CanUndo(), p.CanRedo())
	}
	// Undo inside a group ends it first.
	p.Begin()
	p.MoveEdge(1, StartEdge, 3)
	if !p.Undo() || !slices.Equal(p.List(), before) {
		t.Errorf("Undo during a drag gave %s, want %s", spec(p.List()), spec(before))
	}
}

func TestLiveRecording(t *testing.T) {
	// The recorder reports the length as it grows; keys mark parts with
	// the reaction compensation.
	p, _ := NewParts(0, nil)
	keys := map[float64]string{2.25: "S", 12.25: "t", 20.25: "3", 50.25: "R", 58.25: "5"}
	for now := 0.0; now <= 60; now += 0.25 {
		if err := p.SetDuration(now); err != nil {
			t.Fatal(err)
		}
		if key, ok := keys[now]; ok {
			k, _ := KindForKey(key)
			if _, err := p.MarkStart(k, MarkTime(now, DefaultReaction)); err != nil {
				t.Fatal(err)
			}
		}
		if err := CheckParts(p.List(), p.Duration()); err != nil {
			t.Fatalf("at %v s: %v", now, err)
		}
	}
	p.SetDuration(61.3) // the final length
	if got, want := spec(p.List()), "S2-12 T12-20 A20-50 R50-58 L58-61.3"; got != want {
		t.Errorf("after recording: %s, want %s", got, want)
	}
	// Undo in the middle still follows the take's end.
	p.Undo()
	if got, want := spec(p.List()), "S2-12 T12-20 A20-50 R50-61.3"; got != want {
		t.Errorf("after undoing the last mark: %s, want %s", got, want)
	}
	// Shrinking cuts parts and the history.
	p.SetDuration(30)
	if got, want := spec(p.List()), "S2-12 T12-20 A20-30"; got != want {
		t.Errorf("after shrinking: %s, want %s", got, want)
	}
	p.Redo()
	if got, want := spec(p.List()), "S2-12 T12-20 A20-30"; got != want {
		t.Errorf("redo after shrinking: %s, want %s", got, want)
	}
	if err := p.SetDuration(-1); err == nil {
		t.Error("SetDuration(-1) succeeded")
	}
	// A key pressed when the recorder has not caught up yet marks an
	// empty part at the end, which grows.
	p, _ = NewParts(5, mk(t, "S0-5"))
	p.MarkStart(Task, 5.1)
	if got, want := spec(p.List()), "S0-5 T5-5"; got != want {
		t.Errorf("mark at the end: %s, want %s", got, want)
	}
	p.SetDuration(6)
	if got, want := spec(p.List()), "S0-5 T5-6"; got != want {
		t.Errorf("after growing: %s, want %s", got, want)
	}
}

// TestEditProperties runs random edits, undos, redos and groups of edits
// and checks after each step that the parts stay valid and that undo and
// redo move through exactly the states a simple history model predicts.
func TestEditProperties(t *testing.T) {
	iters := 3000
	if testing.Short() {
		iters = 300
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for it := range iters {
		dur := []float64{1, 30, 93.5, 0.05}[it%4]
		p, _ := NewParts(dur, nil)
		// The model: past states, the current one, undone states, and the
		// state an open group began from.
		var past, future [][]Part
		cur := p.List()
		var grouping bool
		var groupStart []Part
		commit := func() {
			if grouping && !slices.Equal(cur, groupStart) {
				past = append(past, groupStart)
				future = nil
			}
			grouping = false
		}
		var log []string
		randTime := func() float64 {
			switch rng.IntN(4) {
			case 0: // a boundary or the end, exactly
				if p.Len() > 0 && rng.IntN(2) == 0 {
					q := p.At(rng.IntN(p.Len()))
					return []float64{q.Start, q.End}[rng.IntN(2)]
				}
				return []float64{0, dur}[rng.IntN(2)]
			case 1: // a coarse grid
				return float64(rng.IntN(21)) * dur / 20
			case 2: // just off the grid or outside the take
				return float64(rng.IntN(21))*dur/20 + (rng.Float64()-0.5)*3*MinLen
			}
			return rng.Float64() * dur
		}
		for range 60 {
			var desc string
			edit := true
			switch op := rng.IntN(12); op {
			case 0, 1:
				k, at := Kind(rng.IntN(NumKinds)), randTime()
				desc = fmt.Sprintf("MarkStart(%v, %v)", k, at)
				p.MarkStart(k, at)
			case 2:
				i, e, at := rng.IntN(p.Len()+1), Edge(rng.IntN(2)), randTime()
				desc = fmt.Sprintf("MoveEdge(%d, %d, %v)", i, e, at)
				p.MoveEdge(i, e, at)
			case 3:
				i, k := rng.IntN(p.Len()+1), Kind(rng.IntN(NumKinds))
				desc = fmt.Sprintf("Relabel(%d, %v)", i, k)
				p.Relabel(i, k)
			case 4:
				i := rng.IntN(p.Len() + 1)
				desc = fmt.Sprintf("Delete(%d)", i)
				p.Delete(i)
			case 5:
				at := randTime()
				desc = fmt.Sprintf("Split(%v)", at)
				p.Split(at)
			case 6, 7:
				a, b, k := randTime(), randTime(), Kind(rng.IntN(NumKinds))
				desc = fmt.Sprintf("Tag(%v, %v, %v)", a, b, k)
				p.Tag(a, b, k)
			case 8:
				desc, edit = "Undo", false
				commit()
				if ok := p.Undo(); ok != (len(past) > 0) {
					t.Fatalf("iteration %d: Undo = %v with %d states to go back to\n%s", it, ok, len(past), strings.Join(log, "\n"))
				}
				if len(past) > 0 {
					future = append(future, cur)
					cur = past[len(past)-1]
					past = past[:len(past)-1]
				}
			case 9:
				desc, edit = "Redo", false
				commit()
				if ok := p.Redo(); ok != (len(future) > 0) {
					t.Fatalf("iteration %d: Redo = %v with %d states to go to\n%s", it, ok, len(future), strings.Join(log, "\n"))
				}
				if len(future) > 0 {
					past = append(past, cur)
					cur = future[len(future)-1]
					future = future[:len(future)-1]
				}
			case 10:
				desc, edit = "Begin", false
				p.Begin()
				if !grouping {
					grouping, groupStart = true, cur
				}
			case 11:
				desc, edit = "Commit", false
				p.Commit()
				commit()
			}
			log = append(log, desc+" -> "+spec(p.List()))
			got := p.List()
			if edit && !slices.Equal(got, cur) {
				if !grouping {
					past = append(past, cur)
					future = nil
				}
				cur = got
			}
			changedInGroup := grouping && !slices.Equal(cur, groupStart)
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("iteration %d (duration %v): %s\n%s", it, dur, fmt.Sprintf(format, args...), strings.Join(log, "\n"))
			}
			if !slices.Equal(got, cur) {
				fail("parts %s, the model expects exactly %s", spec(got), spec(cur))
			}
			if p.CanUndo() != (len(past) > 0 || changedInGroup) || p.CanRedo() != (len(future) > 0 && !changedInGroup) {
				fail("CanUndo %v, CanRedo %v; the model has %d back and %d forward", p.CanUndo(), p.CanRedo(), len(past), len(future))
			}
			for i, q := range got {
				if !q.Kind.Valid() || q.Start < 0 || q.End > dur || q.Start > q.End {
					fail("part %d = %+v is outside the take or backwards", i+1, q)
				}
				if i > 0 && got[i-1].End > q.Start {
					fail("parts %d and %d overlap", i, i+1)
				}
				// Only a last part at the very end may be short or empty.
				if q.Len() < MinLen-1e-9 && (i < len(got)-1 || q.End != dur) {
					fail("part %d = %+v is shorter than MinLen", i+1, q)
				}
			}
			if err := CheckParts(got, dur); err != nil {
				fail("CheckParts: %v", err)
			}
			// Saved to take.json (rounded to the millisecond), it loads.
			saved := slices.Clone(got)
			for i := range saved {
				saved[i].Start, saved[i].End = roundMS(saved[i].Start), roundMS(saved[i].End)
			}
			if _, err := NewParts(dur, saved); err != nil {
				fail("as saved: %v", err)
			}
		}
	}
}

func TestTakeJSONParts(t *testing.T) {
	l := openLib(t)
	tk := fullTake(t, l, q07, start)
	tk.Parts = []Part{
		{Situation, 0.1234567, 10.0005001},
		{Action, 10.0005001, 80},
		{Lesson, 88, 93.5},
	}
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(l.Dir, tk.ID, SidecarName))
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Parts []json.RawMessage `json:"parts"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, r := range raw.Parts {
		var b bytes.Buffer
		if err := json.Compact(&b, r); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, b.String())
	}
	want := []string{
		`{"kind":"situation","start_s":0.123,"end_s":10.001}`,
		`{"kind":"action","start_s":10.001,"end_s":80}`,
		`{"kind":"lesson","start_s":88,"end_s":93.5}`,
	}
	if !slices.Equal(parts, want) {
		t.Errorf("take.json parts =\n%s\nwant\n%s", strings.Join(parts, "\n"), strings.Join(want, "\n"))
	}
	got, err := l.Load(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w := mk(t, "S0.123-10.001 A10.001-80 L88-93.5"); !slices.Equal(got.Parts, w) {
		t.Errorf("loaded parts %s, want %s", spec(got.Parts), spec(w))
	}
	// No parts: no key (the key list test in library_test.go checks it).
	tk.Parts = nil
	l.Save(tk)
	data, _ = os.ReadFile(filepath.Join(l.Dir, tk.ID, SidecarName))
	if strings.Contains(string(data), "parts") {
		t.Errorf("take.json without parts mentions them:\n%s", data)
	}
}

func TestLoadDamagedParts(t *testing.T) {
	withParts := func(parts string) string {
		return strings.Replace(validJSON, `"schema": 1,`, `"schema": 1, "parts": `+parts+`,`, 1)
	}
	for _, tt := range []struct {
		name, parts, problem string
	}{
		{"overlap", `[{"kind":"situation","start_s":0,"end_s":5},{"kind":"task","start_s":4,"end_s":6}]`,
			"field parts: part 2 (Task, from 4.000 s) overlaps part 1 (Situation, to 5.000 s)"},
		{"past the end", `[{"kind":"lesson","start_s":90,"end_s":95}]`,
			"field parts: part 1 (Lesson) ends at 95.000 s, after the end of the take at 93.500 s"},
		{"negative", `[{"kind":"lesson","start_s":-1,"end_s":5}]`, "starts before the take"},
		{"backwards", `[{"kind":"lesson","start_s":6,"end_s":5}]`, "before it starts"},
		{"empty", `[{"kind":"task","start_s":5,"end_s":5},{"kind":"action","start_s":5,"end_s":9}]`, "part 1 (Task) is empty"},
		{"unknown kind", `[{"kind":"intro","start_s":0,"end_s":5}]`, `field parts has a part of unknown kind "intro"`},
		{"kind is a number", `[{"kind":2,"start_s":0,"end_s":5}]`, `field parts.kind is a JSON number, want a string such as "situation"`},
		{"time is a string", `[{"kind":"task","start_s":"0","end_s":5}]`, "field parts.start_s is a JSON string, want a number"},
		{"not a list", `{"kind":"task"}`, "field parts is a JSON object"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := openLib(t)
			tk, _, err := l.NewTake(q07, start)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(withParts(tt.parts)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = l.Load(tk.ID)
			var te *TakeError
			if !errors.Is(err, ErrDamaged) || !errors.As(err, &te) || !strings.Contains(te.Reason, tt.problem) {
				t.Errorf("Load error = %v, want a damaged take with a reason containing %q", err, tt.problem)
			}
		})
	}
	// Good parts, including an end rounded past the duration, load.
	l := openLib(t)
	tk, _, _ := l.NewTake(q07, start)
	good := withParts(`[{"kind":"situation","start_s":0,"end_s":10},{"kind":"lesson","start_s":10,"end_s":93.5004}]`)
	os.WriteFile(filepath.Join(l.Dir, tk.ID, SidecarName), []byte(good), 0o600)
	got, err := l.Load(tk.ID)
	if err != nil || len(got.Parts) != 2 || got.Parts[1].Kind != Lesson {
		t.Errorf("Load = %+v, %v; want two parts", got.Parts, err)
	}
	if _, err := NewParts(got.Duration, got.Parts); err != nil {
		t.Errorf("NewParts on loaded parts: %v", err)
	}
}

// TestLiveProperties records random takes: the length grows (and now and
// then shrinks) while keys mark parts and edits are undone and redone.
// The parts and every state in the undo history must stay valid.
func TestLiveProperties(t *testing.T) {
	iters := 500
	if testing.Short() {
		iters = 50
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for it := range iters {
		p, _ := NewParts(0, nil)
		now := 0.0
		var log []string
		for range 80 {
			var desc string
			switch rng.IntN(8) {
			case 0, 1, 2:
				now += rng.Float64() * 2
				desc = fmt.Sprintf("SetDuration(%v)", now)
				p.SetDuration(now)
			case 3:
				now = max(0, now-rng.Float64()*3)
				desc = fmt.Sprintf("SetDuration(%v) shrinking", now)
				p.SetDuration(now)
			case 4, 5:
				k, at := Kind(rng.IntN(NumKinds)), MarkTime(now+rng.Float64()*0.3, DefaultReaction)
				desc = fmt.Sprintf("MarkStart(%v, %v)", k, at)
				p.MarkStart(k, at)
			case 6:
				desc = "Undo"
				p.Undo()
			case 7:
				desc = "Redo"
				p.Redo()
			}
			log = append(log, desc+" -> "+spec(p.List()))
			if p.Duration() != now {
				t.Fatalf("iteration %d: Duration %v, want %v", it, p.Duration(), now)
			}
			// Walk the whole history back and forth.
			cur := p.List()
			n := 0
			for ; p.Undo(); n++ {
				if err := CheckParts(p.List(), now); err != nil {
					t.Fatalf("iteration %d: %d undos back: %v\n%s", it, n+1, err, strings.Join(log, "\n"))
				}
			}
			for range n {
				p.Redo()
			}
			if !slices.Equal(p.List(), cur) {
				t.Fatalf("iteration %d: undo all and redo all gave %s, want %s\n%s", it, spec(p.List()), spec(cur), strings.Join(log, "\n"))
			}
			if err := CheckParts(cur, now); err != nil {
				t.Fatalf("iteration %d: %v\n%s", it, err, strings.Join(log, "\n"))
			}
		}
	}
}
