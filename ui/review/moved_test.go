package review

import (
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio/analysis"
	"failforward/practice"
)

// TestSpeedChange plays the take faster and slower: the playhead stays at
// the same place of the take, and each speed is stretched once.
func TestSpeedChange(t *testing.T) {
	s := openInMemory(t, 4)
	v := s.v
	first := s.player()
	n := first.Len()
	v.seekAt(2)
	s.space()

	s.char('.')
	s.waitFor("1.25x", func() bool { return v.speed == 1.25 })
	p := s.player()
	if p == first || !first.Closed() {
		t.Fatal("the player was not replaced for 1.25x")
	}
	if want := float64(n) / 1.25; math.Abs(float64(p.Len())-want) > want*0.01 {
		t.Errorf("1.25x player has %d frames, want about %.0f", p.Len(), want)
	}
	if got := v.playhead(); math.Abs(got-2) > 0.001 {
		t.Errorf("playhead after the speed change = %.4f s, want 2 s", got)
	}
	if !p.Playing() {
		t.Error("playback did not go on at the new speed")
	}
	p.Advance(rate) // one second at 1.25x is 1.25 s of the take
	v.Tick()
	if got := v.playhead(); math.Abs(got-3.25) > 0.002 {
		t.Errorf("playhead after 1 s at 1.25x = %.4f s, want 3.25 s", got)
	}
	if got := v.w.wave.Playhead(); math.Abs(got-3.25) > 0.002 {
		t.Errorf("waveform playhead = %.4f s, want 3.25 s", got)
	}
	if got, want := v.w.speed.Selected, "1.25x"; got != want {
		t.Errorf("speed list shows %q, want %q", got, want)
	}

	s.char(',') // back to 1x: no stretching needed
	if v.speed != 1 || s.player().Len() != n {
		t.Fatalf("1x: speed %v with %d frames, want 1 with %d", v.speed, s.player().Len(), n)
	}
	if got := v.playhead(); math.Abs(got-3.25) > 0.001 {
		t.Errorf("playhead at 1x = %.4f, want 3.25", got)
	}
	s.char(',')
	s.waitFor("0.75x", func() bool { return v.speed == 0.75 })
	s.char(',')
	if !s.shows("Speeds go from 0.75x to 1.5x.") {
		t.Errorf("no word at the slowest speed; screen shows %q", s.text())
	}
	s.char('.')
	s.char('.') // 1.25x again: stretched before, so at once
	if v.speed != 1.25 || v.stretch != nil {
		t.Errorf("1.25x again: speed %v, stretching %v; want the kept stretch at once", v.speed, v.stretch != nil)
	}
}

// TestUseSuggestedParts takes the boundaries the pauses suggest, one at a
// time and all at once, each as one edit that Undo takes back.
func TestUseSuggestedParts(t *testing.T) {
	s := openInMemory(t, 10, practice.Part{Kind: practice.Situation, Start: 0.5, End: 4})
	v := s.v
	s.waitFor("the analysis", func() bool { return v.measure == nil })
	report := &analysis.Report{SuggestedBoundaries: []float64{2, 4, 6, 8}}
	v.report = report
	before := s.parts()

	v.acceptGhost(1) // the Action starts at 4 s
	want := []practice.Part{before[0], {Kind: practice.Action, Start: 4, End: 10}}
	if got := s.parts(); !slices.Equal(got, want) {
		t.Fatalf("after using boundary 1: %v, want %v", got, want)
	}
	s.checkSaved("use one")

	v.acceptAllGhosts()
	all := practice.SuggestedParts(*report, 10)
	if got := s.parts(); len(all) != 5 || !slices.Equal(got, all) {
		t.Fatalf("after Use all: %v, want %v", got, all)
	}
	s.checkSaved("use all")
	shortcut(t, v, &fyne.ShortcutUndo{})
	if got := s.parts(); !slices.Equal(got, want) {
		t.Errorf("one undo after Use all: %v, want %v", got, want)
	}
}

// TestUseMovesTheEdge: Use on a suggested boundary of a part the take
// has already moves that part's start (and the end of the part before
// it); it never adds a second part of the same kind beside it.
func TestUseMovesTheEdge(t *testing.T) {
	s := openInMemory(t, 10,
		practice.Part{Kind: practice.Situation, Start: 0.5, End: 4},
		practice.Part{Kind: practice.Action, Start: 4, End: 8})
	v := s.v
	s.waitFor("the analysis", func() bool { return v.measure == nil })
	v.report = &analysis.Report{SuggestedBoundaries: []float64{2, 6, 8.5, 9}}

	v.acceptGhost(1) // the Action starts at 6 s
	want := []practice.Part{
		{Kind: practice.Situation, Start: 0.5, End: 6},
		{Kind: practice.Action, Start: 6, End: 8},
	}
	if got := s.parts(); !slices.Equal(got, want) {
		t.Fatalf("after using boundary 1: %v, want %v", got, want)
	}
	s.checkSaved("use boundary 1")
	saved := s.savedParts()
	for i := 1; i < len(saved); i++ {
		if saved[i].Kind == saved[i-1].Kind && saved[i].Start == saved[i-1].End {
			t.Errorf("take.json holds two adjacent %s parts: %v", saved[i].Kind, saved)
		}
	}
	if !s.shows("The Action now starts at 0:06.") {
		t.Errorf("status after Use: screen shows %q", s.text())
	}
	shortcut(t, v, &fyne.ShortcutUndo{})
	if got := s.parts(); got[0].End != 4 || got[1].Start != 4 {
		t.Errorf("undo after Use: %v, want the boundary back at 4 s", got)
	}
}

// TestSelection: a tapped band is selected, a click on the waveform or
// Escape drops the selection, and a range selection replaces a part
// selection.
func TestSelection(t *testing.T) {
	s := openInMemory(t, 6, practice.Part{Kind: practice.Task, Start: 1, End: 4})
	v := s.v
	s.tapBand(0)
	if v.sel != 0 || v.w.del.Disabled() {
		t.Fatalf("tapping the band: selected %d, Delete enabled %v", v.sel, !v.w.del.Disabled())
	}
	s.tapBand(0)
	if v.sel != 0 {
		t.Errorf("tapping it again: selected %d, want it to stay selected", v.sel)
	}
	test.TapAt(v.w.wave, fyne.NewPos(s.waveX(5), v.w.wave.WaveMidY()))
	if v.sel != -1 || !v.w.del.Disabled() {
		t.Errorf("a click on the waveform: selected %d, Delete enabled %v", v.sel, !v.w.del.Disabled())
	}
	s.tapBand(0)
	s.key(fyne.KeyEscape)
	if v.sel != -1 {
		t.Errorf("Escape left part %d selected", v.sel)
	}
	s.tapBand(0)
	s.drag(4.5, 5.5)
	if v.sel != -1 {
		t.Error("the part stayed selected after a range was selected")
	}
	s.key(fyne.KeyEscape)
	if _, _, ok := v.w.wave.Selection(); ok {
		t.Error("Escape left the range selected")
	}
}

// TestPausesDrawnOnTimeline waits for the take's analysis and checks that
// its pauses are the ones the timeline shows.
func TestPausesDrawnOnTimeline(t *testing.T) {
	// A tone, a second of silence, a tone: one pause to find.
	tone := make([]int16, rate*3/2)
	for i := range tone {
		tone[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/rate))
	}
	s := openTake(t, false, slices.Concat(tone, make([]int16, rate), tone),
		practice.Part{Kind: practice.Situation, Start: 0.5, End: 4})
	v := s.v
	s.waitFor("the analysis", func() bool { return v.measure == nil })
	report := v.report
	if report == nil {
		t.Fatal("no analysis report after measuring")
	}
	var want [][2]float64
	for _, p := range report.Pauses {
		want = append(want, [2]float64{p.Start, p.End})
	}
	if len(want) == 0 {
		t.Fatal("the analysis found no pause in tone, silence, tone")
	}
	if got := v.w.wave.Pauses(); !slices.Equal(got, want) {
		t.Errorf("timeline pauses %v, want the analysis's %v", got, want)
	}
}
