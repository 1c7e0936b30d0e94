package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/audio/wavfile"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/timer"
)

func TestNewWindow(t *testing.T) {
	test.NewTempApp(t)
	w := New(fyne.CurrentApp(), Options{Library: nil, Audio: &testAudio{}, Questions: testQuestions})
	defer w.Close()
	if got, want := w.Title(), "Fail Forward"; got != want {
		t.Errorf("Title() = %q, want %q", got, want)
	}
	min := w.Content().MinSize()
	if min.Width < minWidth || min.Height < minHeight {
		t.Errorf("content MinSize = %v, want at least %dx%d", min, minWidth, minHeight)
	}
}

// TestFlow walks question -> think -> answer -> stop -> review with keys and
// checks every screen, the WAV and the saved take.
func TestFlow(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.golden("question.xml")

	h.space()
	if h.c.screen != screenThink {
		t.Fatalf("after Space on the question: screen = %d, want think", h.c.screen)
	}
	h.advance(5 * time.Second)
	h.golden("think.xml")

	h.space() // start answering now
	if h.c.screen != screenAnswer {
		t.Fatalf("after Space in think time: screen = %d, want answer", h.c.screen)
	}
	h.golden("answer_start.xml")

	h.feed(15) // 1.5 s of tone
	h.advance(70 * time.Second)
	if got, want := h.c.w.band.phase, timer.Green; got != want {
		t.Errorf("phase at 1:10 = %v, want %v", got, want)
	}
	h.golden("answer_green.xml")

	h.advance(25 * time.Second) // 1:35: yellow
	if !h.shows("Yellow · time to land the lesson") {
		t.Errorf("no yellow band text at 1:35; screen shows %q", h.screenText())
	}

	h.space() // stop
	if h.c.screen != screenReview {
		t.Fatalf("after Space while answering: screen = %d, want review", h.c.screen)
	}
	h.golden("review.xml")

	take := h.c.review.take
	const wantFrames = 15 * testBlock
	samples, info, err := wavfile.ReadMono(h.lib.AudioPath(take.ID))
	if err != nil {
		t.Fatalf("ReadMono: %v", err)
	}
	if got := int64(len(samples)); got != wantFrames || info.Frames != wantFrames {
		t.Errorf("WAV has %d samples (info %d frames), want %d", got, info.Frames, wantFrames)
	}
	if info.SampleRate != testRate {
		t.Errorf("WAV rate = %d, want %d", info.SampleRate, testRate)
	}
	want := h.audio.samples[:wantFrames]
	for i := range want {
		if samples[i] != want[i] {
			t.Fatalf("WAV sample %d = %d, want %d", i, samples[i], want[i])
		}
	}

	saved, err := h.lib.Load(take.ID)
	if err != nil {
		t.Fatalf("Load(%q): %v", take.ID, err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Stopped", saved.Stopped, "user"},
		{"Duration", saved.Duration, 1.5},
		{"SampleRate", saved.SampleRate, testRate},
		{"ThinkS", saved.ThinkS, 30.0},
		{"LimitS", saved.LimitS, 120.0},
		{"Strict", saved.Strict, true},
		{"Dropped", saved.Dropped, uint64(0)},
		{"QuestionID", saved.QuestionID, h.c.q.ID},
		{"QuestionText", saved.QuestionText, h.c.q.Text},
		{"Started", saved.Started.Equal(time.Date(2026, 11, 24, 20, 15, 35, 0, time.UTC)), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("saved take %s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestThinkTimeRunsOut(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.advance(29 * time.Second)
	if h.c.screen != screenThink {
		t.Fatalf("at 0:29 screen = %d, want think", h.c.screen)
	}
	h.advance(time.Second)
	if h.c.screen != screenAnswer {
		t.Fatalf("at 0:30 screen = %d, want answer", h.c.screen)
	}
	if !h.c.rec.Snapshot().Recording {
		t.Error("recorder not armed when the answer started")
	}
}

func TestNoThinkTimeStartsAnswer(t *testing.T) {
	cfg := timer.DefaultConfig()
	cfg.Think = 0
	h := newHarness(t, cfg)
	if !h.shows("No think time · Answer limit 2:00 · Stops at the limit") {
		t.Errorf("settings line missing; screen shows %q", h.screenText())
	}
	h.space()
	if h.c.screen != screenAnswer {
		t.Fatalf("screen = %d, want answer right after Start", h.c.screen)
	}
}

func TestStrictLimitStopsTake(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(10)
	h.advance(119 * time.Second)
	if h.c.screen != screenAnswer {
		t.Fatalf("at 1:59 screen = %d, want answer", h.c.screen)
	}
	h.advance(time.Second)
	if h.c.screen != screenReview {
		t.Fatalf("at 2:00 screen = %d, want review (strict limit)", h.c.screen)
	}
	saved, err := h.lib.Load(h.c.review.take.ID)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if saved.Stopped != "limit" {
		t.Errorf("Stopped = %q, want %q", saved.Stopped, "limit")
	}
	if !h.shows("The limit ended this one.") {
		t.Errorf("review does not explain the limit stop; screen shows %q", h.screenText())
	}
}

func TestOvertimeRed(t *testing.T) {
	cfg := timer.DefaultConfig()
	cfg.Strict = false
	h := newHarness(t, cfg)
	h.space()
	h.space()
	h.advance(2 * time.Minute)
	if !h.shows("Red · at the limit") {
		t.Errorf("at 2:00 no red band; screen shows %q", h.screenText())
	}
	h.advance(12 * time.Second)
	if h.c.screen != screenAnswer {
		t.Fatalf("non-strict answer ended at the limit: screen = %d", h.c.screen)
	}
	if got, want := h.c.w.clock.text, "+0:12"; got != want {
		t.Errorf("overtime clock = %q, want %q", got, want)
	}
	if got, want := h.c.w.clock.colorName, fyne.ThemeColorName("error"); got != want {
		t.Errorf("overtime clock colour = %q, want %q", got, want)
	}
	h.golden("answer_red.xml")
	h.space()
	if got := h.c.review.take.Stopped; got != "user" {
		t.Errorf("Stopped = %q, want user", got)
	}
}

func TestStreamErrorKeepsAudio(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(8)
	h.advance(10 * time.Second)
	h.src().fail(errors.New("device unplugged"))
	h.waitScreen(screenReview)

	want := "The microphone stopped sending sound (device unplugged). Your answer up to that point is saved. Check the device, then try again."
	if !h.shows(want) {
		t.Errorf("review lacks %q; screen shows %q", want, h.screenText())
	}
	id := h.c.review.take.ID
	saved, err := h.lib.Load(id)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !strings.HasPrefix(saved.Stopped, "error: ") || !strings.Contains(saved.Stopped, "device unplugged") {
		t.Errorf("Stopped = %q, want \"error: ...device unplugged\"", saved.Stopped)
	}
	samples, _, err := wavfile.ReadMono(h.lib.AudioPath(id))
	if err != nil {
		t.Fatalf("ReadMono: %v", err)
	}
	if got, want := len(samples), 8*testBlock; got != want {
		t.Errorf("kept %d frames, want %d", got, want)
	}
}

func TestStreamErrorDuringThink(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.src().fail(errors.New("device unplugged"))
	h.waitScreen(screenQuestion)
	if !h.shows("The microphone stopped sending sound (device unplugged). Check the device, then press Start again.") {
		t.Errorf("question screen lacks the message; shows %q", h.screenText())
	}
	if h.c.rec != nil {
		t.Error("recorder still open after the stream failed in think time")
	}
}

func TestDroppedBlocksAreReported(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(4)
	h.src().lost.Store(3)
	h.space()
	if !h.shows("3 blocks of sound were lost between the microphone and the disk") {
		t.Errorf("review does not report the dropped blocks; shows %q", h.screenText())
	}
	saved, err := h.lib.Load(h.c.review.take.ID)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if saved.Dropped != 3 {
		t.Errorf("saved Dropped = %d, want 3", saved.Dropped)
	}
}

func TestDroppedNote(t *testing.T) {
	if got, want := droppedNote(3), "3 blocks of sound were lost"; !strings.HasPrefix(got, want) {
		t.Errorf("droppedNote(3) = %q, want prefix %q", got, want)
	}
	if got, want := droppedNote(1), "1 block of sound was lost"; !strings.HasPrefix(got, want) {
		t.Errorf("droppedNote(1) = %q, want prefix %q", got, want)
	}
}

func TestNoMicrophone(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.audio.inputErr = fmt.Errorf("device: open capture: %w", audio.ErrNoInput)
	h.space()
	if h.c.screen != screenQuestion {
		t.Fatalf("screen = %d, want question when there is no microphone", h.c.screen)
	}
	if !h.shows(msgNoMic) {
		t.Errorf("no-mic message missing; screen shows %q", h.screenText())
	}
	if !h.c.w.start.Disabled() {
		t.Error("Start is enabled without a microphone")
	}
	h.golden("question_nomic.xml")

	h.space() // Start is disabled: nothing happens
	if got, want := h.audio.opens, 1; got != want {
		t.Errorf("inputs opened = %d, want %d (disabled Start must not open)", got, want)
	}

	h.audio.inputErr = nil
	h.char('c') // check again
	if h.c.w.start.Disabled() {
		t.Error("Start still disabled after a successful check")
	}
	if !h.shows(msgMicFound) {
		t.Errorf("after the check: screen shows %q", h.screenText())
	}
	if h.src().Err() != nil {
		t.Errorf("checked source Err = %v", h.src().Err())
	}
	h.space()
	if h.c.screen != screenThink {
		t.Errorf("screen = %d, want think after the microphone came back", h.c.screen)
	}
}

func TestOtherMicrophoneError(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.audio.inputErr = errors.New("device: busy")
	h.space()
	want := "The microphone could not be opened (device: busy)."
	if !h.shows(want) {
		t.Errorf("screen lacks %q; shows %q", want, h.screenText())
	}
	if !h.shows("press Check again") {
		t.Errorf("screen does not say what to do; shows %q", h.screenText())
	}
}

func TestNextQuestion(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	first := h.c.q
	h.char('n')
	second := h.c.q
	if second.ID == first.ID {
		t.Fatalf("N kept question %s", first.ID)
	}
	if !h.shows(second.Text) {
		t.Errorf("screen does not show the new question %q", second.Text)
	}
	h.char('N')
	if h.c.q.ID == second.ID {
		t.Errorf("second N kept question %s", second.ID)
	}

	// N is ignored while answering.
	h.space()
	h.space()
	during := h.c.q
	h.char('n')
	if h.c.q != during || h.c.screen != screenAnswer {
		t.Errorf("N during the answer changed the question or screen (screen %d)", h.c.screen)
	}
	h.space()
	h.char('n')
	if h.c.screen != screenQuestion || h.c.q == during {
		t.Errorf("N on review: screen %d question %s, want question screen with a new question", h.c.screen, h.c.q.ID)
	}
}

func TestRetakeSameQuestion(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	q := h.c.q
	h.space()
	h.space()
	h.feed(2)
	h.space()
	first := h.c.review.take.ID
	h.char('r')
	if h.c.screen != screenThink || h.c.q != q {
		t.Fatalf("after R: screen %d question %s, want think with %s", h.c.screen, h.c.q.ID, q.ID)
	}
	h.advance(time.Second)
	h.space()
	h.space()
	if h.c.review.take.ID == first {
		t.Errorf("retake reused take folder %s", first)
	}
	takes, err := h.lib.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(takes) != 2 {
		t.Errorf("library has %d takes, want 2", len(takes))
	}
}

func TestHelpSheet(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.key(fyne.KeyF1)
	if !h.c.helpOpen || h.c.win.Canvas().Overlays().Top() == nil {
		t.Fatal("F1 did not open the help")
	}
	h.golden("help.xml")

	h.space() // ignored while the help is open
	if h.c.screen != screenQuestion || h.audio.opens != 0 {
		t.Errorf("Space under the help started a take (screen %d)", h.c.screen)
	}
	h.key(fyne.KeyEscape)
	if h.c.helpOpen || h.c.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape did not close the help")
	}
	h.char('?')
	if !h.c.helpOpen {
		t.Error("? did not open the help")
	}
	h.char('?')
	if h.c.helpOpen {
		t.Error("? did not close the help again")
	}
}

func TestFocusedButtonFiresOnce(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	c := h.c.win.Canvas()
	c.Focus(h.c.w.start)
	// The desktop driver gives the key to the focused widget, then the
	// character to whoever is focused by then.
	h.c.w.start.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if f := c.Focused(); f != nil {
		f.TypedRune(' ')
	} else {
		c.OnTypedRune()(' ')
	}
	if h.c.screen != screenThink {
		t.Fatalf("screen = %d, want think", h.c.screen)
	}
	if got, want := h.audio.opens, 1; got != want {
		t.Errorf("inputs opened = %d, want %d", got, want)
	}
}

func TestFocusedButtonForwardsShortcuts(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	first := h.c.q
	h.c.win.Canvas().Focus(h.c.w.start)
	h.c.w.start.TypedRune('n')
	if h.c.q == first {
		t.Error("N on a focused button did not change the question")
	}
}

// review runs one take of n blocks and returns on the review screen.
func (h *harness) review(n int) {
	h.t.Helper()
	h.space()
	h.space()
	h.feed(n)
	h.space()
	if h.c.screen != screenReview {
		h.t.Fatalf("screen = %d, want review", h.c.screen)
	}
}

func TestReviewPlayback(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(20) // 2 s
	if len(h.audio.players) != 1 {
		t.Fatalf("players opened = %d, want 1", len(h.audio.players))
	}
	p := h.audio.players[0]
	if got, want := p.Len(), int64(20*testBlock); got != want {
		t.Fatalf("player Len = %d, want %d", got, want)
	}

	h.space()
	if !p.Playing() {
		t.Fatal("Space did not start playback")
	}
	if got := h.c.w.play.Text; got != "Pause (Space)" {
		t.Errorf("button while playing = %q, want Pause (Space)", got)
	}
	p.Advance(testRate / 2)
	h.advance(time.Second / 30)
	if got, want := h.c.w.position.Text, "0:00 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}
	p.Advance(testRate)
	h.advance(time.Second / 30)
	if got, want := h.c.w.position.Text, "0:01 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}
	h.space()
	if p.Playing() {
		t.Error("second Space did not pause")
	}

	// Seek with the position bar: tap at the middle of the track.
	bar := h.c.w.seek
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
	h.key(fyne.KeyRight)
	if got, want := p.Position(), p.Len(); got != want {
		t.Errorf("after Right: position %d, want %d (clamped)", got, want)
	}
	h.key(fyne.KeyLeft)
	if got := p.Position(); got != 0 {
		t.Errorf("after Left: position %d, want 0", got)
	}

	// At the end, Space plays again from the start.
	p.SeekFrame(p.Len())
	h.space()
	if !p.Playing() || p.Position() != 0 {
		t.Errorf("Space at the end: playing %v position %d, want playing from 0", p.Playing(), p.Position())
	}

	h.char('n')
	if !p.Closed() {
		t.Error("player not closed when leaving the review")
	}
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestReviewWithoutOutput(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.audio.outputErr = fmt.Errorf("device: open output: %w", audio.ErrNoOutput)
	h.review(5)
	if !h.shows("No speakers or headphones found, so playback is off.") {
		t.Errorf("review lacks the no-output message; shows %q", h.screenText())
	}
	if !h.c.w.play.Disabled() {
		t.Error("Play enabled without an output device")
	}
	h.space() // must not panic
	h.key(fyne.KeyRight)
	if !h.shows("Your answer: 0:00 of 2:00") {
		t.Errorf("review summary missing; shows %q", h.screenText())
	}
}

func TestPlaybackFailure(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(5)
	p := h.audio.players[0]
	h.space()
	p.Fail(errors.New("output lost"))
	h.advance(time.Second / 30)
	if !h.shows("Playback stopped (output lost). Your answer is still saved.") {
		t.Errorf("no playback failure message; shows %q", h.screenText())
	}
	if !h.c.w.play.Disabled() {
		t.Error("Play still enabled after playback failed")
	}
}

func TestClosingWindowSavesTake(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(3)
	id := h.c.take.ID
	h.close()
	saved, err := h.lib.Load(id)
	if err != nil {
		t.Fatalf("Load after closing: %v", err)
	}
	if saved.Stopped != "user" || saved.Duration != 0.3 {
		t.Errorf("saved take: stopped %q duration %v, want user 0.3", saved.Stopped, saved.Duration)
	}
	h.c.tick() // a tick queued before the close must do nothing
}

func TestInvalidTimerFallsBack(t *testing.T) {
	h := newHarness(t, timer.Config{Limit: time.Second, Green: .5, Yellow: .75, Red: 1})
	if h.c.cfg != timer.DefaultConfig() {
		t.Errorf("cfg = %+v, want the default", h.c.cfg)
	}
	if !h.shows("The timer settings could not be used") {
		t.Errorf("no note about the timer settings; shows %q", h.screenText())
	}
}

func TestTakeFolderFailure(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	blocker := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h.c.opt.Library = &practice.Library{Dir: blocker}
	h.space()
	h.space()
	if h.c.screen != screenQuestion {
		t.Fatalf("screen = %d, want question after the take folder failed", h.c.screen)
	}
	if !h.shows("The recording could not start (") || !h.shows("Check that the takes folder can be written") {
		t.Errorf("no explanation; screen shows %q", h.screenText())
	}
	if h.c.rec != nil {
		t.Error("recorder left open")
	}
}

func TestFailureNote(t *testing.T) {
	micErr := errors.New("stream lost")
	src := fake.NewSource(nil, testRate, testBlock, false)
	src.Fail(micErr)
	t.Cleanup(func() { _ = src.Close() })
	c := &coach{src: src}
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
		if got := c.failureNote(tt.err); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: failureNote = %q, want prefix %q", tt.name, got, tt.want)
		}
	}
}

func TestTickerStops(t *testing.T) {
	calls := make(chan struct{}, 100)
	tk := startTicker(time.Millisecond, func() { calls <- struct{}{} })
	for range 3 {
		select {
		case <-calls:
		case <-time.After(5 * time.Second):
			t.Fatal("ticker did not tick")
		}
	}
	tk.stop()
	n := len(calls)
	time.Sleep(20 * time.Millisecond)
	if got := len(calls); got != n {
		t.Errorf("ticker called fn %d more times after stop", got-n)
	}
}
