package turn

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"failforward/audio/peaks"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// takeRun is one take driven on a window of its own, with what its
// handlers were told.
type takeRun struct {
	t        *testing.T
	w        fyne.Window
	lib      *practice.Library
	tk       *Take
	now      time.Time
	answered int
	phases   []timer.Phase
	cues     int
	ended    []string
	finished *practice.Take
	parts    *practice.Parts
	pyr      *peaks.Pyramid
	notes    []string
	path     string
}

// startTake starts a take under cfg on a real recorder over a paced
// fake microphone playing a tone, with the chosen story's cue card
// beside it, and shows its first screen.
func startTake(t *testing.T, w fyne.Window, lib *practice.Library, cfg timer.Config, story *practice.Story) *takeRun {
	t.Helper()
	r := &takeRun{t: t, w: w, lib: lib, now: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	tone := make([]int16, uitest.Rate*4)
	for i := range tone {
		tone[i] = int16(8000 * ((i/18)%2*2 - 1)) // a square wave near 440 Hz
	}
	src := fake.NewSource(tone, uitest.Rate, 1600, true)
	keys := widgets.Keys{Key: func(ev *fyne.KeyEvent) { r.tk.TypedKey(ev) }, Rune: func(c rune) { r.tk.TypedRune(c) }}
	cue := NewCueCard()
	cue.Set(story)
	r.tk = NewTake(TakeOptions{
		Library: lib, Source: src, Now: func() time.Time { return r.now }, Pressed: r.now,
		Keys: &keys, Window: w, Timer: cfg, Question: uitest.Questions[0], StoryID: story.ID,
		Cue: cue, CueCard: cue.Content(),
	}, TakeHandlers{
		Show:         func(c fyne.CanvasObject, _ float32) { uitest.Route(w, r.tk, c) },
		Answering:    func() { r.answered++ },
		PhaseChanged: func(st timer.State) { r.phases = append(r.phases, st.Phase) },
		Finished: func(take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string, path string) {
			r.finished, r.parts, r.pyr, r.notes, r.path = &take, parts, pyr, notes, path
		},
		Ended:     func(notice string) { r.ended = append(r.ended, notice) },
		ToggleCue: func() { r.cues++ },
	})
	t.Cleanup(r.tk.Close) // a take a failed test left running
	r.tk.Show()
	r.tk.Tick()
	return r
}

// recorded waits until the recorder has written at least d of audio.
func (r *takeRun) recorded(d time.Duration) {
	r.t.Helper()
	want := int64(d.Seconds() * uitest.Rate)
	deadline := time.Now().Add(10 * time.Second)
	for r.tk.Recorder().Snapshot().Frames < want {
		if time.Now().After(deadline) {
			r.t.Fatalf("the recorder wrote %d frames, want %d", r.tk.Recorder().Snapshot().Frames, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestTakeStandsAlone drives takes on a window of their own, with a real
// recorder writing a real WAV into a real library: Space ends the think
// time, S and A tag the parts as they are spoken, K asks for the cue
// card, and Escape asks Discard or Keep; Keep saves the take and hands it
// over with its parts on the recording's time, Discard deletes it, and
// Escape in the think time ends the turn with nothing kept.
func TestTakeStandsAlone(t *testing.T) {
	w := uitest.ViewWindow(t)
	lib := uitest.OpenLibrary(t)
	story := uitest.SaveStory(t, lib, uitest.LaunchStory)
	cfg := timer.DefaultConfig()

	r := startTake(t, w, lib, cfg, &story)
	text := uitest.ShownText(w)
	for _, want := range []string{uitest.Questions[0].Text, "Think time", "0:30", "Cancel (Esc)", uitest.LaunchStory.Situation} {
		if !strings.Contains(text, want) {
			t.Errorf("the think screen shows %q, want %q on it", text, want)
		}
	}
	r.now = r.now.Add(4 * time.Second)
	uitest.Hit(w, fyne.KeySpace) // answer now
	if r.answered != 1 || r.tk.Recorder() == nil || !r.tk.Recorder().Snapshot().Recording {
		t.Fatalf("after Space in the think time: answering told %d times, recorder %v; want it recording", r.answered, r.tk.Recorder())
	}
	if !strings.Contains(uitest.ShownText(w), "Stop (Space)") || r.tk.Take().ID == "" {
		t.Fatalf("the answer screen shows %q (take %q), want Stop and a take folder", uitest.ShownText(w), r.tk.Take().ID)
	}
	r.recorded(100 * time.Millisecond)
	r.now = r.now.Add(100 * time.Millisecond)
	w.Canvas().OnTypedRune()('s')
	r.now = r.now.Add(300 * time.Millisecond)
	w.Canvas().OnTypedRune()('a')
	w.Canvas().OnTypedRune()('k')
	r.tk.Tick()
	if n := r.tk.LiveParts().Len(); n != 2 || r.cues != 1 {
		t.Fatalf("after S, A and K: %d parts, cue card asked for %d times; want 2 and 1", n, r.cues)
	}
	if !strings.Contains(uitest.ShownText(w), "Action from 0:00") {
		t.Errorf("the last mark is not confirmed; the screen shows %q", uitest.ShownText(w))
	}
	saved, err := lib.Load(r.tk.Take().ID)
	if err != nil || len(saved.Parts) != 2 || saved.StoryID != story.ID {
		t.Errorf("take.json while recording: %+v, %v; want the two parts and the story", saved, err)
	}
	r.recorded(time.Second)
	r.now = r.now.Add(600 * time.Millisecond)

	uitest.Hit(w, fyne.KeyEscape)
	if !r.tk.Asking() || !strings.Contains(uitest.CanvasText(w.Canvas()), "Keep (Enter)") {
		t.Fatal("Escape while answering did not ask Discard or Keep")
	}
	w.Canvas().OnTypedRune()('k')
	if r.finished == nil || r.tk.Recorder() != nil || r.tk.Asking() {
		t.Fatalf("Keep: finished %v, recorder open %v, asking %v; want the take handed over", r.finished != nil, r.tk.Recorder() != nil, r.tk.Asking())
	}
	got := r.finished
	if got.Stopped != "user" || got.Duration < 1 || got.StoryID != story.ID || r.pyr == nil {
		t.Errorf("the finished take: stopped %q, %.2f s, story %q, peaks %v; want stopped by the user, at least 1 s, the story and its peaks", got.Stopped, got.Duration, got.StoryID, r.pyr != nil)
	}
	var kinds []practice.Kind
	for _, p := range r.parts.List() {
		kinds = append(kinds, p.Kind)
	}
	if !slices.Equal(kinds, []practice.Kind{practice.Situation, practice.Action}) || r.parts.Duration() != got.Duration {
		t.Errorf("the finished parts: %v over %.2f s (notes %q); want Situation then Action over the take's %.2f s", r.parts.List(), r.parts.Duration(), r.notes, got.Duration)
	}
	if st, err := os.Stat(r.path); err != nil || st.Size() < int64(got.Duration*uitest.Rate*2) {
		t.Errorf("the recording %q: %v, %v; want a WAV file holding the take", r.path, st, err)
	}
	if disk, err := lib.Load(got.ID); err != nil || disk.State == practice.StateRecording || len(disk.Parts) != 2 {
		t.Errorf("take.json after Keep: %+v, %v; want it finished with the two parts", disk, err)
	}

	// Discard deletes the take.
	r = startTake(t, w, lib, cfg, &story)
	uitest.Hit(w, fyne.KeySpace)
	id := r.tk.Take().ID
	r.recorded(200 * time.Millisecond)
	uitest.Hit(w, fyne.KeyEscape)
	w.Canvas().OnTypedRune()('d')
	if r.finished != nil || len(r.ended) != 1 || !strings.Contains(r.ended[0], "discarded") {
		t.Fatalf("Discard: finished %v, ended %q; want the turn ended saying the take was discarded", r.finished != nil, r.ended)
	}
	if _, err := lib.Load(id); err == nil {
		t.Error("the discarded take is still in the library")
	}

	// Escape in the think time: nothing recorded, nothing kept.
	r = startTake(t, w, lib, cfg, &story)
	uitest.Hit(w, fyne.KeyEscape)
	if len(r.ended) != 1 || !strings.Contains(r.ended[0], "nothing was saved") || r.tk.Recorder() != nil || r.answered != 0 {
		t.Errorf("Escape in the think time: ended %q, recorder open %v, answering %d; want the turn ended with nothing saved", r.ended, r.tk.Recorder() != nil, r.answered)
	}
	takes, err := lib.List()
	if err != nil || len(takes) != 1 {
		t.Errorf("the library holds %d takes (%v), want only the kept one", len(takes), err)
	}
}
