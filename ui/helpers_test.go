package ui

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/recorder"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Test audio: 16 kHz, blocks of 0.1 s.
const (
	testRate  = 16000
	testBlock = 1600
)

// sine returns n frames of a 440 Hz tone at the given peak amplitude.
func sine(n int, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * math.Sin(2*math.Pi*440*float64(i)/testRate))
	}
	return s
}

// gatedSource wraps a fake.Source and passes its blocks on only as the test
// allows, so the number of frames that reach the recorder is exact. It
// owns one goroutine, ended by Close or fail.
type gatedSource struct {
	*fake.Source

	out      chan []int16
	permits  chan struct{}
	failed   chan struct{}
	quit     chan struct{}
	done     chan struct{}
	quitOnce sync.Once
	failOnce sync.Once
	lost     atomic.Uint64 // extra blocks reported as dropped
}

func newGatedSource(inner *fake.Source) *gatedSource {
	g := &gatedSource{
		Source:  inner,
		out:     make(chan []int16),
		permits: make(chan struct{}, 1024),
		failed:  make(chan struct{}),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	go g.run()
	return g
}

func (g *gatedSource) run() {
	defer close(g.done)
	defer close(g.out)
	for {
		select {
		case <-g.quit:
			return
		case <-g.failed:
			return
		case <-g.permits:
		}
		var b []int16
		select {
		case <-g.quit:
			return
		case <-g.failed:
			return
		case blk, ok := <-g.Source.Blocks():
			if !ok {
				return
			}
			b = blk
		}
		select {
		case g.out <- b:
		case <-g.quit:
			g.Source.Release(b)
			return
		case <-g.failed:
			g.Source.Release(b)
			return
		}
	}
}

// Blocks returns the gated channel.
func (g *gatedSource) Blocks() <-chan []int16 { return g.out }

// Dropped adds the blocks the test declared lost.
func (g *gatedSource) Dropped() uint64 { return g.Source.Dropped() + g.lost.Load() }

// allow lets n more blocks through.
func (g *gatedSource) allow(n int) {
	for range n {
		g.permits <- struct{}{}
	}
}

// fail breaks the source: Err returns err and the channel closes without
// passing on blocks still waiting.
func (g *gatedSource) fail(err error) {
	g.Source.Fail(err)
	g.failOnce.Do(func() { close(g.failed) })
}

// Close stops the gate and the fake source.
func (g *gatedSource) Close() error {
	g.quitOnce.Do(func() { close(g.quit) })
	err := g.Source.Close()
	<-g.done
	return err
}

// testAudio hands out gated fake sources and fake players. It is used only
// from the test goroutine.
type testAudio struct {
	inputErr  error
	outputErr error
	samples   []int16
	opens     int
	sources   []*gatedSource
	players   []*fake.Player
}

func (a *testAudio) OpenInput() (recorder.Source, error) {
	a.opens++
	if a.inputErr != nil {
		return nil, a.inputErr
	}
	g := newGatedSource(fake.NewSource(a.samples, testRate, testBlock, false))
	a.sources = append(a.sources, g)
	return g, nil
}

func (a *testAudio) OpenPlayer(samples []int16, rate int) (Player, error) {
	if a.outputErr != nil {
		return nil, a.outputErr
	}
	p := fake.NewPlayer(samples, rate)
	a.players = append(a.players, p)
	return p, nil
}

// harness drives one window with an injected clock.
type harness struct {
	t      *testing.T
	c      *coach
	audio  *testAudio
	lib    *practice.Library
	now    time.Time
	closed bool
}

func newHarness(t *testing.T, cfg timer.Config, opts ...func(*Options)) *harness {
	t.Helper()
	test.NewTempApp(t)
	lib, err := practice.Open(t.TempDir())
	if err != nil {
		t.Fatalf("practice.Open: %v", err)
	}
	h := &harness{
		t:     t,
		audio: &testAudio{samples: sine(testRate*4, 8000)},
		lib:   lib,
		now:   time.Date(2026, 11, 24, 20, 15, 30, 0, time.UTC),
	}
	opt := Options{
		Library:   lib,
		Timer:     cfg,
		Audio:     h.audio,
		Questions: uitest.Questions,
		Rand:      rand.New(rand.NewPCG(1, 2)),
		Now:       func() time.Time { return h.now },
	}
	for _, o := range opts {
		o(&opt)
	}
	h.c = newCoach(fyne.CurrentApp(), opt)
	t.Cleanup(h.close)
	return h
}

// close closes the window once (the test driver panics on a second Close).
func (h *harness) close() {
	if !h.closed {
		h.closed = true
		h.c.win.Close()
	}
}

func (h *harness) key(name fyne.KeyName) {
	h.c.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// space sends Space the way the desktop driver does: the key, then the
// character. Stopping an answer saves it at the next tick, which follows.
func (h *harness) space() {
	answering := h.c.screen == screenAnswer
	h.key(fyne.KeySpace)
	h.char(' ')
	if answering {
		h.c.tick()
	}
}

func (h *harness) char(r rune) {
	test.TypeOnCanvas(h.c.win.Canvas(), string(r))
}

// advance moves the clock and ticks once.
func (h *harness) advance(d time.Duration) {
	h.now = h.now.Add(d)
	h.c.tick()
}

// src is the input opened last.
func (h *harness) src() *gatedSource {
	h.t.Helper()
	if len(h.audio.sources) == 0 {
		h.t.Fatal("no input was opened")
	}
	return h.audio.sources[len(h.audio.sources)-1]
}

// feed lets n blocks through and waits until the recorder wrote them.
func (h *harness) feed(n int) {
	h.t.Helper()
	want := h.rec().Snapshot().Frames + int64(n*testBlock)
	h.src().allow(n)
	deadline := time.Now().Add(5 * time.Second)
	for h.rec().Snapshot().Frames < want {
		if time.Now().After(deadline) {
			h.t.Fatalf("recorder wrote %d frames, want %d", h.rec().Snapshot().Frames, want)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitScreen ticks until the window shows s.
func (h *harness) waitScreen(s screen) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for h.c.screen != s {
		if time.Now().After(deadline) {
			h.t.Fatalf("screen = %d, want %d", h.c.screen, s)
		}
		time.Sleep(time.Millisecond)
		h.c.tick()
	}
}

func (h *harness) golden(name string) {
	h.t.Helper()
	test.AssertRendersToMarkup(h.t, name, h.c.win.Canvas())
}

var textElem = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// screenText is every text on the window (overlays included), joined by
// spaces, so wrapped lines read as one sentence again.
func (h *harness) screenText() string {
	var parts []string
	for _, m := range textElem.FindAllStringSubmatch(test.RenderToMarkup(h.c.win.Canvas()), -1) {
		parts = append(parts, strings.TrimSpace(m[1]))
	}
	return strings.Join(parts, " ")
}

// shows reports whether text appears on the window.
func (h *harness) shows(text string) bool {
	return strings.Contains(h.screenText(), text)
}

// shortcut sends a keyboard shortcut to the window, as the desktop driver
// does for Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z (the test canvas cannot).
func (h *harness) shortcut(s fyne.Shortcut) {
	h.t.Helper()
	for _, reg := range h.c.shortcuts() {
		if reg.ShortcutName() == s.ShortcutName() {
			h.c.typedShortcut(s)
			return
		}
	}
	h.t.Fatalf("shortcut %s is not registered", s.ShortcutName())
}

// waveMidY is a y position inside the waveform, below the band lane.
func (h *harness) waveMidY() float32 {
	return h.wave().WaveMidY()
}

// drag drags the pointer across the waveform from one time to another in
// a few moves, at height y, and lets go.
func (h *harness) drag(from, to float64, y float32) { uitest.DragWave(h.wave(), from, to, y) }

// tapBand taps the lane of band i.
func (h *harness) tapBand(i int) { uitest.TapBand(h.wave(), i) }

// parts is the tagging the review's timeline shows now, one part a band.
func (h *harness) parts() []practice.Part {
	var out []practice.Part
	for _, b := range h.wave().Bands() {
		out = append(out, practice.Part{Kind: practice.Kind(b.Kind), Start: b.Start, End: b.End})
	}
	return out
}

// checkSaved fails unless take.json holds the parts the timeline shows now.
func (h *harness) checkSaved(step string) {
	h.t.Helper()
	uitest.CheckSaved(h.t, h.lib, h.c.rv.Take().ID, step, h.parts())
}

// waitFor ticks until done reports true.
func (h *harness) waitFor(what string, done func() bool) {
	h.t.Helper()
	uitest.WaitFor(h.t, what, h.c.tick, done)
}

// player is the player opened last.
func (h *harness) player() *fake.Player {
	h.t.Helper()
	if len(h.audio.players) == 0 {
		h.t.Fatal("no player was opened")
	}
	return h.audio.players[len(h.audio.players)-1]
}

// rvPlayer is the review's player, nil when none is open or no review
// was shown.
func (h *harness) rvPlayer() Player {
	if h.c.rv == nil {
		return nil
	}
	return h.c.rv.Player()
}

// wave is the waveform on show: the review's, or the answer's.
func (h *harness) wave() *timeline.Waveform {
	if h.c.screen == screenReview {
		return uitest.MustFind[*timeline.Waveform](h.t, h.c.win.Canvas().Content(), "waveform", nil)
	}
	return h.c.turn.Wave()
}

// rec is the recorder of the take under way, nil when none is.
func (h *harness) rec() *recorder.Recorder {
	if h.c.turn == nil {
		return nil
	}
	return h.c.turn.Recorder()
}

// positionText matches the review's position and length, "0:01 / 0:02".
var positionText = regexp.MustCompile(`^\d+:\d\d / \d+:\d\d$`)

// rvPosition is the review's label of the position and length.
func (h *harness) rvPosition() *widget.Label {
	h.t.Helper()
	return uitest.MustFind(h.t, h.c.win.Canvas().Content(), "position label", func(l *widget.Label) bool {
		return positionText.MatchString(l.Text)
	})
}

// rvTabs are the review's "How it went" and "Your review", nil when
// they are not on show.
func (h *harness) rvTabs() *container.AppTabs {
	tabs, _ := uitest.Find[*container.AppTabs](h.c.win.Canvas().Content(), nil)
	return tabs
}

// rvPlay is the review's Play or Pause button.
func (h *harness) rvPlay() *widgets.Button {
	h.t.Helper()
	return uitest.MustFind(h.t, h.c.win.Canvas().Content(), "Play button", func(b *widgets.Button) bool {
		return b.Text == "Play (Space)" || b.Text == "Pause (Space)"
	})
}

// rvSelected is the part the review's timeline shows selected (outlined),
// -1 for none.
func (h *harness) rvSelected() int {
	for i, b := range h.wave().Bands() {
		if b.Selected {
			return i
		}
	}
	return -1
}
