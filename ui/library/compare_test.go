package library

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// compareTakes stores two spoken takes of the first test question: A, the
// story of the insights tests (32.7 s), and B a week later, shorter, with
// a shorter setup and no Result tagged.
func compareTakes(t *testing.T, lib *practice.Library) (a, b practice.Take) {
	t.Helper()
	sa, pa := uitest.Story()
	a = uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0, Dur: float64(len(sa)) / uitest.Rate, Limit: 60, Parts: pa, Audio: sa})
	sb := uitest.Speech(-0.4, 3, -0.6, 2, -0.5, 8, -1.1, 4, -0.5, 3, -0.4)
	pb := []practice.Part{
		{Kind: practice.Situation, Start: 0.3, End: 3.5},
		{Kind: practice.Task, Start: 3.5, End: 6},
		{Kind: practice.Action, Start: 6, End: 15},
		{Kind: practice.Lesson, Start: 20, End: 23.5},
	}
	b = uitest.AddTake(t, lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0.Add(7 * 24 * time.Hour), Dur: float64(len(sb)) / uitest.Rate, Limit: 60, Parts: pb, Audio: sb})
	return a, b
}

// comparePlayers opens fake players over the takes' audio and keeps them.
type comparePlayers struct {
	opened  []string
	players []*fake.Player
	err     error
}

func (c *comparePlayers) open(path string) (audio.Player, error) {
	c.opened = append(c.opened, path)
	if c.err != nil {
		return nil, c.err
	}
	p := fake.NewPlayer(make([]int16, uitest.Rate), uitest.Rate)
	c.players = append(c.players, p)
	return p, nil
}

// gatedAnalyze measures takes as analysis.File does, each only once the
// test lets it.
type gatedAnalyze struct {
	gate  chan struct{}
	fail  map[string]error // by path
	calls atomic.Int32
}

func (g *gatedAnalyze) analyze(path string) (analysis.Report, error) {
	g.calls.Add(1)
	<-g.gate
	if err := g.fail[path]; err != nil {
		return analysis.Report{}, err
	}
	return analysis.File(path)
}

// newTestCompareView shows the compare screen in a 960x640 test window.
// The takes are measured once the test closes g's gate; with a nil g they
// are measured before it returns. The results reach the screen at the
// next tick, as in the window; waitMeasured waits for them and ticks.
func newTestCompareView(t *testing.T, lib *practice.Library, a, b practice.Take, players *comparePlayers, g *gatedAnalyze) (*Compare, fyne.Window, *int) {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.SetPadded(false)
	back := new(int)
	now := g == nil
	if now {
		g = &gatedAnalyze{gate: make(chan struct{})}
	}
	v := newCompareWith(lib, a, b, players.open, w, CompareHandlers{Back: func() { *back++ }}, g.analyze)
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(960, 640))
	widgets.Relayout(w.Content())
	t.Cleanup(func() {
		waitMeasured(t, v)
		v.Close()
	})
	if now {
		close(g.gate)
		waitMeasured(t, v)
	}
	return v, w, back
}

// waitMeasured waits until both takes are measured and shown.
func waitMeasured(t *testing.T, v *Compare) {
	t.Helper()
	select {
	case <-v.measured:
	case <-time.After(20 * time.Second):
		t.Fatal("the takes were not measured within 20 s")
	}
	v.Tick() // as the window's ticker does

}

func TestCompareGoldens(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	a, b := compareTakes(t, lib)
	g := &gatedAnalyze{gate: make(chan struct{})}
	// B then A: the view puts the earlier take first.
	v, w, _ := newTestCompareView(t, lib, b, a, &comparePlayers{}, g)
	if v.takes[0].ID != a.ID || v.takes[1].ID != b.ID {
		t.Fatalf("takes shown as A %s, B %s; want the earlier one (%s) as A", v.takes[0].ID, v.takes[1].ID, a.ID)
	}
	test.AssertRendersToMarkup(t, "compare_measuring.xml", w.Canvas())
	got := uitest.ShownText(w)
	for _, want := range []string{
		"Compare two takes", uitest.Questions[0].Text,
		"A: Mon 2 Nov 2026, 09:30 · B: Mon 9 Nov 2026, 09:30",
		"Length 0:32 of 1:00 0:23 of 1:00 -9 s",
		"Situation 0:05 0:03 -2 s",
		"Result 0:03 not tagged",
		"Speaking time Measuring… Measuring…",
		"Limit 1:00",
		"Play A (A)", "Play B (B)", "Back to the library (Esc)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("compare screen does not show %q; it shows:\n%s", want, got)
		}
	}

	close(g.gate)
	waitMeasured(t, v)
	test.AssertRendersToMarkup(t, "compare_measured.xml", w.Canvas())
	test.AssertRendersToImage(t, "compare.png", w.Canvas())
	got = uitest.ShownText(w)
	if strings.Contains(got, "Measuring") {
		t.Errorf("still measuring after both reports arrived:\n%s", got)
	}
	ra, err := analysis.File(lib.AudioPath(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	rb, err := analysis.File(lib.AudioPath(b.ID))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("Pace (syl/s) %.1f %.1f %s", ra.SyllablesPerS, rb.SyllablesPerS, signed(round1(rb.SyllablesPerS)-round1(ra.SyllablesPerS), 1, "")),
		fmt.Sprintf("Pauses %d %d %s", len(ra.Pauses), len(rb.Pauses), signed(float64(len(rb.Pauses)-len(ra.Pauses)), 0, "")),
		"Changes are from A to B.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("compare screen does not show %q; it shows:\n%s", want, got)
		}
	}
}

func TestCompareMeasuringError(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	a, b := compareTakes(t, lib)
	g := &gatedAnalyze{gate: make(chan struct{}), fail: map[string]error{
		lib.AudioPath(b.ID): fmt.Errorf("analysis: reading the take: %w", errors.New("disk on fire")),
	}}
	v, w, _ := newTestCompareView(t, lib, a, b, &comparePlayers{}, g)
	close(g.gate)
	waitMeasured(t, v)
	got := uitest.ShownText(w)
	for _, want := range []string{"Speaking time 0:", "not measured", "Take B: This take could not be measured"} {
		if !strings.Contains(got, want) {
			t.Errorf("compare screen does not show %q; it shows:\n%s", want, got)
		}
	}
}

func TestCompareClosedWhileMeasuring(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	a, b := compareTakes(t, lib)
	g := &gatedAnalyze{gate: make(chan struct{})}
	v, w, _ := newTestCompareView(t, lib, a, b, &comparePlayers{}, g)
	v.Close()
	close(g.gate)
	waitMeasured(t, v)
	if n := g.calls.Load(); n != 1 {
		t.Errorf("%d takes measured after close, want only the one under way (1)", n)
	}
	if v.reports[0] != nil || !strings.Contains(uitest.ShownText(w), "Speaking time Measuring…") {
		t.Error("a result that came after close was shown")
	}
}

func TestComparePlayback(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	a, b := compareTakes(t, lib)
	players := &comparePlayers{}
	v, _, back := newTestCompareView(t, lib, a, b, players, nil)
	waitMeasured(t, v)

	v.TypedRune('a')
	if want := []string{lib.AudioPath(a.ID)}; !slices.Equal(players.opened, want) {
		t.Fatalf("A opened %v, want %v", players.opened, want)
	}
	pa := players.players[0]
	if !pa.Playing() || v.play[0].Text != "Pause A (A)" {
		t.Errorf("after A: playing %v, button %q; want playing and \"Pause A (A)\"", pa.Playing(), v.play[0].Text)
	}
	// A playhead follows the take playing, on its lane only.
	pa.Advance(pa.Len() / 2)
	v.Tick()
	if got, want := v.bars.head[0], a.Duration/2; math.Abs(got-want) > 0.05 || v.bars.head[1] >= 0 {
		t.Errorf("halfway through A: playheads %v, want A at %.2f s and none on B", v.bars.head, want)
	}
	v.TypedRune('B')
	pb := players.players[1]
	if pa.Playing() || !pb.Playing() {
		t.Errorf("after B: A playing %v, B playing %v; want only B", pa.Playing(), pb.Playing())
	}
	if v.play[0].Text != "Play A (A)" || v.play[1].Text != "Pause B (B)" {
		t.Errorf("buttons %q, %q after B", v.play[0].Text, v.play[1].Text)
	}
	// B plays to its end: the next tick shows Play again.
	pb.Advance(pb.Len())
	v.Tick()
	if v.play[1].Text != "Play B (B)" || v.playing != -1 {
		t.Errorf("after B ended: button %q, playing %d", v.play[1].Text, v.playing)
	}
	// A again reuses its player; Space pauses it.
	v.TypedRune('a')
	if len(players.opened) != 2 || !pa.Playing() {
		t.Errorf("A again: %d players opened (want 2), A playing %v", len(players.opened), pa.Playing())
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pa.Playing() {
		t.Error("Space did not pause")
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *back != 1 {
		t.Errorf("Esc: Back called %d times, want 1", *back)
	}
	v.Close()
	if !pa.Closed() || !pb.Closed() {
		t.Errorf("close: players closed A %v, B %v; want both", pa.Closed(), pb.Closed())
	}
}

func TestCompareNoOutput(t *testing.T) {
	test.NewTempApp(t)
	lib := uitest.OpenLibrary(t)
	a, b := compareTakes(t, lib)
	players := &comparePlayers{err: fmt.Errorf("device: %w", audio.ErrNoOutput)}
	v, _, _ := newTestCompareView(t, lib, a, b, players, nil)
	waitMeasured(t, v)
	v.TypedRune('b')
	if want := "No speakers or headphones found"; !strings.HasPrefix(v.status.Text, want) {
		t.Errorf("status = %q, want it to start with %q", v.status.Text, want)
	}
	if v.playing != -1 || v.play[1].Text != "Play B (B)" {
		t.Errorf("without output: playing %d, button %q", v.playing, v.play[1].Text)
	}
}

func TestCompareSigned(t *testing.T) {
	tests := []struct {
		d        float64
		decimals int
		unit     string
		want     string
	}{
		{-12, 0, " s", "-12 s"},
		{3, 0, " s", "+3 s"},
		{0, 0, " s", "same"},
		{0.04, 1, " syl/s", "same"},
		{0.26, 1, " syl/s", "+0.3 syl/s"},
		{-0.34, 1, " s", "-0.3 s"},
		{2, 0, "", "+2"},
	}
	for _, tt := range tests {
		if got := signed(tt.d, tt.decimals, tt.unit); got != tt.want {
			t.Errorf("signed(%v, %d, %q) = %q, want %q", tt.d, tt.decimals, tt.unit, got, tt.want)
		}
	}
}
