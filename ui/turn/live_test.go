package turn

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"failforward/internal/fake"
	"failforward/practice"
)

func TestDroppedNote(t *testing.T) {
	if got, want := DroppedNote(3), "3 blocks of sound were lost"; !strings.HasPrefix(got, want) {
		t.Errorf("DroppedNote(3) = %q, want prefix %q", got, want)
	}
	if got, want := DroppedNote(1), "1 block of sound was lost"; !strings.HasPrefix(got, want) {
		t.Errorf("DroppedNote(1) = %q, want prefix %q", got, want)
	}
}

func TestFailureNote(t *testing.T) {
	micErr := errors.New("stream lost")
	src := fake.NewSource(nil, 16000, 1600, false)
	src.Fail(micErr)
	t.Cleanup(func() { _ = src.Close() })
	tk := &Take{src: src}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"source error", micErr, "The microphone stopped sending sound (stream lost)."},
		{"source ended", errInputEnded, "The microphone stopped sending sound (the input stream ended)."},
		{"write error", fmt.Errorf("recorder: saving audio: %w", errors.New("no space left on device")), "Saving the recording failed (recorder: saving audio: no space left on device)."},
	}
	for _, tt := range tests {
		if got := tk.failureNote(tt.err); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: failureNote = %q, want prefix %q", tt.name, got, tt.want)
		}
	}
}

func TestFinalParts(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name     string
		live     []practice.Part
		liveDur  float64
		duration float64
		first    time.Duration
		want     []practice.Part
	}{
		{"none", nil, 3, 3, 0, nil},
		{"shifted by the first sample",
			[]practice.Part{{Kind: practice.Situation, Start: 1, End: 2}, {Kind: practice.Task, Start: 2, End: 3.2}},
			3.2, 3, 50 * ms,
			[]practice.Part{{Kind: practice.Situation, Start: 0.95, End: 1.95}, {Kind: practice.Task, Start: 1.95, End: 3}}},
		{"first sample before arming",
			[]practice.Part{{Kind: practice.Situation, Start: 0, End: 1}, {Kind: practice.Lesson, Start: 1, End: 2}},
			2, 2.5, -20 * ms,
			[]practice.Part{{Kind: practice.Situation, Start: 0.02, End: 1.02}, {Kind: practice.Lesson, Start: 1.02, End: 2.5}}},
		{"cut at the end",
			[]practice.Part{{Kind: practice.Action, Start: 1, End: 4}, {Kind: practice.Result, Start: 4, End: 5}},
			5, 3, 0,
			[]practice.Part{{Kind: practice.Action, Start: 1, End: 3}}},
		{"before the first sample",
			[]practice.Part{{Kind: practice.Situation, Start: 0, End: 0.05}, {Kind: practice.Task, Start: 0.05, End: 2}},
			2, 2, 100 * ms,
			[]practice.Part{{Kind: practice.Task, Start: 0, End: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var live *practice.Parts
			if tt.live != nil {
				var err error
				if live, err = practice.NewParts(tt.liveDur, tt.live); err != nil {
					t.Fatal(err)
				}
			}
			p, err := finalParts(live, tt.duration, tt.first)
			if err != nil {
				t.Fatalf("finalParts: %v", err)
			}
			got := roundParts(p.List())
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDiskFullHasItsOwnMessage(t *testing.T) {
	tk := &Take{}
	err := fmt.Errorf("recorder: saving audio: %w", fmt.Errorf("wavfile: write: %w", syscall.ENOSPC))
	if got := tk.failureNote(err); !strings.Contains(got, "disk is full") || !strings.Contains(got, "saved") {
		t.Errorf("failureNote(ENOSPC) = %q, want it to say the disk is full and the answer is saved", got)
	}
}

// TestFinalPartsEmptyLast: a part key pressed at the very end of what
// was recorded (no reaction time) marks an empty part, and the take
// stops before the next tick grows it; the part before it keeps its end,
// and the empty one runs to the end of the take.
func TestFinalPartsEmptyLast(t *testing.T) {
	live, err := practice.NewParts(0.4, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := live.MarkStart(practice.Situation, 0.1); err != nil {
		t.Fatal(err)
	}
	if _, err := live.MarkStart(practice.Action, 0.4); err != nil {
		t.Fatal(err)
	}
	p, err := finalParts(live, 1, 0)
	if err != nil {
		t.Fatalf("finalParts: %v", err)
	}
	want := []practice.Part{{Kind: practice.Situation, Start: 0.1, End: 0.4}, {Kind: practice.Action, Start: 0.4, End: 1}}
	if got := roundParts(p.List()); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// roundParts rounds times to the millisecond, as take.json keeps them.
func roundParts(ps []practice.Part) []practice.Part {
	out := make([]practice.Part, len(ps))
	for i, p := range ps {
		out[i] = practice.Part{Kind: p.Kind, Start: math.Round(p.Start*1000) / 1000, End: math.Round(p.End*1000) / 1000}
	}
	return out
}
