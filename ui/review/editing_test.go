package review

import (
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"failforward/practice"
)

// selected is the part the timeline shows selected (outlined), -1 for
// none.
func (s *streamed) selected() int {
	for i, b := range s.v.w.wave.Bands() {
		if b.Selected {
			return i
		}
	}
	return -1
}

// TestPlayback plays a stored take: Space plays and pauses, the position
// label follows the player, the position bar and the arrow keys seek,
// Space at the end plays again from the start, and closing the screen
// closes the player.
func TestPlayback(t *testing.T) {
	s := openInMemory(t, 2)
	v := s.v
	if len(s.audio.players) != 1 {
		t.Fatalf("players opened = %d, want 1", len(s.audio.players))
	}
	p := s.player()
	if got, want := p.Len(), int64(len(s.recorded())); got != want {
		t.Fatalf("player Len = %d, want the %d frames of the file", got, want)
	}

	s.space()
	if !p.Playing() {
		t.Fatal("Space did not start playback")
	}
	if got := v.w.play.Text; got != "Pause (Space)" {
		t.Errorf("button while playing = %q, want Pause (Space)", got)
	}
	p.Advance(rate / 2)
	v.Tick()
	if got, want := v.w.position.Text, "0:00 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}
	p.Advance(rate)
	v.Tick()
	if got, want := v.w.position.Text, "0:01 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}
	s.space()
	if p.Playing() {
		t.Error("second Space did not pause")
	}

	// Seek with the position bar: tap at the middle of the track.
	bar := v.w.seek
	mid := fyne.NewPos(bar.Size().Width/2, bar.Size().Height/2)
	test.TapAt(bar, mid)
	if got, want := p.Position(), p.Len()/2; abs64(got-want) > p.Len()/100 {
		t.Errorf("after tapping the middle: position %d, want about %d", got, want)
	}
	// Drag to the far left end.
	bar.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(0, mid.Y)}})
	bar.DragEnd()
	if got := p.Position(); got != 0 {
		t.Errorf("after dragging to the start: position %d, want 0", got)
	}
	// Arrow keys move by 5 s, clamped to the take.
	s.key(fyne.KeyRight)
	if got, want := p.Position(), p.Len(); got != want {
		t.Errorf("after Right: position %d, want %d (clamped)", got, want)
	}
	s.key(fyne.KeyLeft)
	if got := p.Position(); got != 0 {
		t.Errorf("after Left: position %d, want 0", got)
	}

	// At the end, Space plays again from the start.
	p.SeekFrame(p.Len())
	s.space()
	if !p.Playing() || p.Position() != 0 {
		t.Errorf("Space at the end: playing %v position %d, want playing from 0", p.Playing(), p.Position())
	}

	v.Close()
	if !p.Closed() {
		t.Error("player not closed when the review closed")
	}
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestEditing edits the parts of a stored take the ways the review
// offers, each by keys or pointer, and checks the model, the waveform and
// take.json after every step.
func TestEditing(t *testing.T) {
	s := openInMemory(t, 10)
	v := s.v
	y := v.w.wave.WaveMidY()

	// Drag across the waveform and press a part key to tag the range.
	var want []practice.Part
	for _, r := range []struct {
		from, to float64
		key      rune
		kind     practice.Kind
	}{
		{1, 3, 's', practice.Situation},
		{3.5, 6, '2', practice.Task},
		{6.5, 9, 'A', practice.Action},
	} {
		s.drag(r.from, r.to)
		start, end, ok := v.w.wave.Selection()
		if !ok || math.Abs(start-r.from) > 0.05 || math.Abs(end-r.to) > 0.05 {
			t.Fatalf("dragging %v..%v selected %v..%v (%v)", r.from, r.to, start, end, ok)
		}
		s.char(r.key)
		want = append(want, practice.Part{Kind: r.kind, Start: start, End: end})
		if got := s.parts(); !slices.Equal(got, want) {
			t.Fatalf("after tagging %v: parts %v, want %v", r.kind, got, want)
		}
		if _, _, ok := v.w.wave.Selection(); ok {
			t.Error("the range is still selected after tagging it")
		}
		s.checkSaved("tag " + r.kind.String())
	}
	if got := len(v.w.wave.Bands()); got != 3 {
		t.Errorf("waveform shows %d bands, want 3", got)
	}

	// Click a band to select it; R relabels it.
	s.tapBand(1)
	if s.selected() != 1 || v.sel != 1 {
		t.Fatalf("tapping band 1: the timeline shows %d selected, the review %d", s.selected(), v.sel)
	}
	s.char('r')
	want[1].Kind = practice.Result
	if got := s.parts(); !slices.Equal(got, want) {
		t.Fatalf("after relabelling: %v, want %v", got, want)
	}
	s.checkSaved("relabel")

	// Delete removes it; undo brings back exactly what was there; both
	// redo shortcuts work.
	before := s.parts()
	s.key(fyne.KeyDelete)
	after := []practice.Part{want[0], want[2]}
	if got := s.parts(); !slices.Equal(got, after) {
		t.Fatalf("after Delete: %v, want %v", got, after)
	}
	s.checkSaved("delete")
	shortcut(t, v, &fyne.ShortcutUndo{})
	if got := s.parts(); !slices.Equal(got, before) {
		t.Fatalf("after Ctrl+Z: %v, want %v", got, before)
	}
	s.checkSaved("undo")
	shortcut(t, v, &fyne.ShortcutRedo{})
	if got := s.parts(); !slices.Equal(got, after) {
		t.Fatalf("after Ctrl+Y: %v, want %v", got, after)
	}
	s.checkSaved("redo")
	shortcut(t, v, &fyne.ShortcutUndo{})
	shortcut(t, v, &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	if got := s.parts(); !slices.Equal(got, after) {
		t.Fatalf("after Ctrl+Shift+Z: %v, want %v", got, after)
	}
	shortcut(t, v, &fyne.ShortcutRedo{})
	if !s.shows("Nothing to redo.") {
		t.Errorf("a redo with nothing to redo is not explained; screen shows %q", s.text())
	}

	// Click the waveform to move the playhead, X splits there.
	test.TapAt(v.w.wave, fyne.NewPos(s.waveX(7.5), y))
	at := v.w.wave.Playhead()
	if math.Abs(at-7.5) > 0.05 {
		t.Fatalf("tapping at 7.5 s put the playhead at %v", at)
	}
	s.char('x')
	split := []practice.Part{after[0], {Kind: practice.Action, Start: after[1].Start, End: at}, {Kind: practice.Action, Start: at, End: after[1].End}}
	if got := s.parts(); !slices.Equal(got, split) {
		t.Fatalf("after X at %v: %v, want %v", at, got, split)
	}
	if s.selected() != 2 {
		t.Errorf("after the split part %d is selected, want 2", s.selected())
	}
	s.checkSaved("split")
	s.key(fyne.KeyBackspace)
	if got := s.parts(); !slices.Equal(got, split[:2]) {
		t.Fatalf("after BackSpace: %v, want %v", got, split[:2])
	}
	s.checkSaved("backspace")

	// An edit the model refuses changes nothing and says why.
	s.key(fyne.KeyHome)
	s.char('x')
	if !s.shows("Not changed: Nothing is tagged at") {
		t.Errorf("refused split not explained; screen shows %q", s.text())
	}
	if got := s.parts(); !slices.Equal(got, split[:2]) {
		t.Errorf("a refused split changed the parts: %v", got)
	}

	// Drag a boundary: many moves, one undo step.
	before = s.parts()
	s.drag(before[0].End, 2)
	if got := s.parts()[0].End; math.Abs(got-2) > 0.05 {
		t.Fatalf("dragging the Situation's end to 2 s left it at %v", got)
	}
	s.checkSaved("drag")
	shortcut(t, v, &fyne.ShortcutUndo{})
	if got := s.parts(); !slices.Equal(got, before) {
		t.Fatalf("one undo after a drag: %v, want %v", got, before)
	}

	// A part key with nothing selected says what to do.
	s.key(fyne.KeyEscape)
	s.char('l')
	if !s.shows("To tag the Lesson, select a part") {
		t.Errorf("no hint for a part key without a selection; screen shows %q", s.text())
	}
	if got := s.parts(); !slices.Equal(got, before) {
		t.Errorf("a part key without a selection changed the parts: %v", got)
	}
}

// TestReplayByPart plays a part alone, loops it and steps from part to
// part, following the fake player's position.
func TestReplayByPart(t *testing.T) {
	s := openInMemory(t, 10,
		practice.Part{Kind: practice.Situation, Start: 1, End: 3},
		practice.Part{Kind: practice.Task, Start: 3, End: 6},
		practice.Part{Kind: practice.Action, Start: 6, End: 9},
	)
	v := s.v
	p := s.player()
	frame := func(sec float64) int64 { return int64(sec * rate) }

	s.char('p') // nothing selected, no part at 0 s
	if p.Playing() || !s.shows("Select a part first") {
		t.Errorf("P with no part: playing %v; screen shows %q", p.Playing(), s.text())
	}
	steps := []struct {
		key     rune
		wantPos float64
		wantSel int
	}{
		{']', 1, 0},
		{']', 3, 1},
		{']', 6, 2},
		{'[', 3, 1},
		{'[', 1, 0},
	}
	for _, st := range steps {
		s.char(st.key)
		if got := p.Position(); got != frame(st.wantPos) || s.selected() != st.wantSel {
			t.Fatalf("%q: position %d selected %d, want %d and %d", st.key, got, s.selected(), frame(st.wantPos), st.wantSel)
		}
	}
	s.char('[')
	if !s.shows("That was the first part.") {
		t.Errorf("[ before the first part not explained; screen shows %q", s.text())
	}

	s.char(']') // the Task
	s.char('p')
	if !p.Playing() || p.Position() != frame(3) {
		t.Fatalf("P: playing %v at %d, want playing from %d", p.Playing(), p.Position(), frame(3))
	}
	p.Advance(frame(2.5))
	v.Tick()
	if !p.Playing() {
		t.Fatal("the part stopped before its end")
	}
	p.Advance(frame(1))
	v.Tick()
	if p.Playing() || p.Position() != frame(6) {
		t.Errorf("at the part's end: playing %v at %d, want paused at %d", p.Playing(), p.Position(), frame(6))
	}

	// Looping plays the part again from its start.
	s.char('o')
	if got := v.w.loop.Text; got != "Loop: on (O)" {
		t.Errorf("loop button = %q, want Loop: on (O)", got)
	}
	s.char('p')
	p.Advance(frame(3.2))
	v.Tick()
	if !p.Playing() || p.Position() != frame(3) {
		t.Errorf("looping: playing %v at %d, want playing again from %d", p.Playing(), p.Position(), frame(3))
	}
	s.char('o')
	p.Advance(frame(3.1))
	v.Tick()
	if p.Playing() || p.Position() != frame(6) {
		t.Errorf("loop off: playing %v at %d, want paused at %d", p.Playing(), p.Position(), frame(6))
	}

	// Home and End.
	s.key(fyne.KeyEnd)
	if got := p.Position(); got != p.Len() {
		t.Errorf("End: position %d, want %d", got, p.Len())
	}
	s.key(fyne.KeyHome)
	if got := p.Position(); got != 0 {
		t.Errorf("Home: position %d, want 0", got)
	}
}
