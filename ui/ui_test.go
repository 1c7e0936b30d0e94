package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/audio/takefile"
	"failforward/audio/wavfile"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/review"
	"failforward/ui/widgets"
)

func TestNewWindow(t *testing.T) {
	test.NewTempApp(t)
	w := New(fyne.CurrentApp(), Options{Library: nil, Audio: &testAudio{}, Questions: uitest.Questions})
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
	if got, want := h.c.turn.Band().Phase(), timer.Green; got != want {
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
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	h.golden("review.xml")

	take := h.c.rv.Take()
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
	if !h.rec().Snapshot().Recording {
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
	saved, err := h.lib.Load(h.c.rv.Take().ID)
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
	if got, want := h.c.turn.Clock().Text(), "+0:12"; got != want {
		t.Errorf("overtime clock = %q, want %q", got, want)
	}
	if got, want := h.c.turn.Clock().ColorName(), fyne.ThemeColorName("error"); got != want {
		t.Errorf("overtime clock colour = %q, want %q", got, want)
	}
	h.golden("answer_red.xml")
	h.space()
	if got := h.c.rv.Take().Stopped; got != "user" {
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
	id := h.c.rv.Take().ID
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
	if h.rec() != nil {
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
	saved, err := h.lib.Load(h.c.rv.Take().ID)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if saved.Dropped != 3 {
		t.Errorf("saved Dropped = %d, want 3", saved.Dropped)
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
	if !h.c.question.StartButton().Disabled() {
		t.Error("Start is enabled without a microphone")
	}
	h.golden("question_nomic.xml")

	h.space() // Start is disabled: nothing happens
	if got, want := h.audio.opens, 1; got != want {
		t.Errorf("inputs opened = %d, want %d (disabled Start must not open)", got, want)
	}

	h.audio.inputErr = nil
	h.char('c') // check again
	if h.c.question.StartButton().Disabled() {
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
	first := h.c.rv.Take().ID
	h.shortcut(uitest.Ctrl(fyne.KeyR))
	if h.c.screen != screenThink || h.c.q != q {
		t.Fatalf("after Ctrl+R: screen %d question %s, want think with %s", h.c.screen, h.c.q.ID, q.ID)
	}
	h.advance(time.Second)
	h.space()
	h.space()
	if h.c.rv.Take().ID == first {
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

// TestPartLettersNeverRetake: on the review screen R is the Result
// whatever is selected. With nothing selected it says what to select;
// Escape drops the selection and the line that named it; Ctrl+R retakes.
func TestPartLettersNeverRetake(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.tagged(60, practice.Part{Kind: practice.Task, Start: 1, End: 4})
	h.char('r')
	if h.c.screen != screenReview {
		t.Fatalf("R with nothing selected left the review (screen %d)", h.c.screen)
	}
	if !h.shows("To tag the Result, select a part") {
		t.Errorf("R with nothing selected: screen shows %q, want how to select", h.screenText())
	}
	h.tapBand(0)
	if !h.shows("Task selected") {
		t.Fatalf("tapping the band: screen shows %q", h.screenText())
	}
	h.key(fyne.KeyEscape)
	if h.shows("Task selected") || !h.shows(review.Hint) {
		t.Errorf("after Escape the status line still names the selection: %q", h.screenText())
	}
	h.char('R')
	if h.c.screen != screenReview || h.parts()[0].Kind != practice.Task {
		t.Fatalf("R after Escape: screen %d, parts %v; want the review unchanged", h.c.screen, h.parts())
	}
	if !h.shows("Retake (Ctrl+R)") || h.shows("Retake (R)") {
		t.Error("the Retake button does not show its key Ctrl+R")
	}
	h.shortcut(uitest.Ctrl(fyne.KeyR))
	if h.c.screen != screenThink {
		t.Errorf("Ctrl+R on review: screen %d, want think", h.c.screen)
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
	c.Focus(h.c.question.StartButton())
	// The desktop driver gives the key to the focused widget, then the
	// character to whoever is focused by then.
	h.c.question.StartButton().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
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

// press sends a key (and its character, for Space) the way the desktop
// driver does: to the focused widget when there is one, else to the
// window.
func (h *harness) press(name fyne.KeyName) {
	c := h.c.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else {
		c.OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
	if name != fyne.KeySpace {
		return
	}
	if f := c.Focused(); f != nil {
		f.TypedRune(' ')
	} else {
		c.OnTypedRune()(' ')
	}
}

// buttonNamed is the button on show with the label text.
func (h *harness) buttonNamed(text string) *widgets.Button {
	h.t.Helper()
	var found *widgets.Button
	uitest.WalkObjects(h.c.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("no button %q on show", text)
	}
	return found
}

// TestGlobalKeysWhateverHasFocus: Space, F1 and Escape do their global
// job after the story list was used and with the focus on the "Next
// question" button; Return presses the focused button.
func TestGlobalKeysWhateverHasFocus(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	if _, err := h.lib.SaveStory(practice.Story{Title: "The late launch"}); err != nil {
		t.Fatalf("SaveStory: %v", err)
	}
	h.c.backToPractice()
	c := h.c.win.Canvas()
	c.Focus(h.c.picker.Select()) // as after opening and closing the list
	h.press(fyne.KeyF1)
	if !h.c.helpOpen {
		t.Error("F1 with the story list focused did not open the help")
	}
	h.press(fyne.KeyEscape)
	if h.c.helpOpen {
		t.Error("Escape did not close the help")
	}
	c.Focus(h.c.picker.Select())
	q := h.c.q
	h.press(fyne.KeySpace)
	if h.c.screen != screenThink {
		t.Fatalf("Space with the story list focused: screen %d, want think", h.c.screen)
	}
	h.press(fyne.KeyEscape)
	if h.c.screen != screenQuestion {
		t.Fatalf("Escape in the think time: screen %d, want the question", h.c.screen)
	}

	c.Focus(h.buttonNamed("Next question (N)"))
	h.press(fyne.KeySpace)
	if h.c.screen != screenThink || h.c.q != q {
		t.Fatalf("Space with Next question focused: screen %d, question %s; want think on %s", h.c.screen, h.c.q.ID, q.ID)
	}
	h.press(fyne.KeyEscape)
	c.Focus(h.buttonNamed("Next question (N)"))
	h.press(fyne.KeyReturn)
	if h.c.screen != screenQuestion || h.c.q == q {
		t.Errorf("Return on Next question: screen %d, question %s; want a new question", h.c.screen, h.c.q.ID)
	}
}

func TestFocusedButtonForwardsShortcuts(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	first := h.c.q
	h.c.win.Canvas().Focus(h.c.question.StartButton())
	h.c.question.StartButton().TypedRune('n')
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

// TestReviewPlayback: the review opens on the take just recorded, with a
// player of the whole take, and Space plays it. What the review does with
// the player is in ui/review's TestPlayback, on a stored take.
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
	samples, _, err := takefile.Read(h.lib.AudioPath(h.c.rv.Take().ID))
	if err != nil {
		t.Fatalf("the take's file: %v", err)
	}
	if got := int64(len(samples)); got != p.Len() {
		t.Errorf("the take's file holds %d frames, the player %d", got, p.Len())
	}
	if got, want := h.rvPosition().Text, "0:00 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}

	h.space()
	if !p.Playing() {
		t.Fatal("Space did not start playback")
	}
	if got := h.rvPlay().Text; got != "Pause (Space)" {
		t.Errorf("button while playing = %q, want Pause (Space)", got)
	}
	p.Advance(testRate)
	h.advance(time.Second / 30)
	if got, want := h.rvPosition().Text, "0:01 / 0:02"; got != want {
		t.Errorf("position = %q, want %q", got, want)
	}

	h.char('n')
	if !p.Closed() {
		t.Error("player not closed when leaving the review")
	}
}

// TestReviewPlaybackGapsTold says so on the review screen when the player
// ran ahead of a slow disk, once per new gap, and counts again for the
// player of another speed.
func TestReviewPlaybackGapsTold(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(20)
	p := h.audio.players[0]
	h.space()
	h.advance(time.Second / 30)
	if h.shows("waited for the disk") {
		t.Fatalf("status before any gap: %q", h.screenText())
	}
	p.Underrun()
	h.advance(time.Second / 30)
	if want := "Playback waited for the disk once, so you may have heard a short gap. Your recording itself is complete."; !h.shows(want) {
		t.Errorf("status after a gap: screen shows %q, want %q", h.screenText(), want)
	}
	p.Underrun()
	p.Underrun()
	h.advance(time.Second / 30)
	if !h.shows("waited for the disk 3 times") {
		t.Errorf("status after three gaps: screen shows %q", h.screenText())
	}
	// Another speed opens another player, which counts from 0.
	h.char('.')
	h.waitFor("the faster player", func() bool { return h.rvPlayer() != nil && h.rvPlayer() != Player(p) })
	q := h.player()
	q.Underrun()
	h.advance(time.Second / 30)
	if !h.shows("waited for the disk once") {
		t.Errorf("status after a gap at another speed: screen shows %q", h.screenText())
	}
}

func TestReviewWithoutOutput(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.audio.outputErr = fmt.Errorf("device: open output: %w", audio.ErrNoOutput)
	h.review(5)
	if !h.shows("No speakers or headphones found, so playback is off.") {
		t.Errorf("review lacks the no-output message; shows %q", h.screenText())
	}
	if !h.rvPlay().Disabled() {
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
	if !h.rvPlay().Disabled() {
		t.Error("Play still enabled after playback failed")
	}
}

func TestClosingWindowSavesTake(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(3)
	id := h.c.turn.Take().ID
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
	if h.rec() != nil {
		t.Error("recorder left open")
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

// TestLiveTagging presses S T A R L at known moments of the answer: each
// part starts the reaction compensation before its key, shows on the live
// waveform at once and is saved in take.json straight away; the finished
// take keeps the five parts, measured from its first sample.
func TestLiveTagging(t *testing.T) {
	presses := []struct {
		key  rune
		at   time.Duration // after the answer began
		kind practice.Kind
	}{
		{'s', 1000 * time.Millisecond, practice.Situation},
		{'T', 2300 * time.Millisecond, practice.Task},
		{'3', 3600 * time.Millisecond, practice.Action},
		{'r', 5200 * time.Millisecond, practice.Result},
		{'l', 6500 * time.Millisecond, practice.Lesson},
	}
	tests := []struct {
		name   string
		option time.Duration
		want   time.Duration // the compensation applied
	}{
		{"default", 0, practice.DefaultReaction},
		{"set", 400 * time.Millisecond, 400 * time.Millisecond},
		{"none", -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, timer.DefaultConfig(), func(o *Options) { o.ReactionCompensation = tt.option })
			h.space()
			h.advance(2 * time.Second)
			h.space() // answer now: the recorder is armed at this moment
			began := h.now
			if !h.shows("Press S T A R L") {
				t.Errorf("no tagging hint while answering; screen shows %q", h.screenText())
			}
			h.feed(80) // 8 s of audio
			for i, p := range presses {
				h.now = began.Add(p.at)
				h.char(p.key)
				start := (p.at - tt.want).Seconds()
				bands := h.wave().Bands()
				if len(bands) != i+1 || bands[i].Kind != int(p.kind) || math.Abs(bands[i].Start-start) > 1e-9 {
					t.Fatalf("after %q at %v: bands %+v, want band %d %v from %.3f s", p.key, p.at, bands, i, p.kind, start)
				}
				saved, err := h.lib.Load(h.c.turn.Take().ID)
				if err != nil {
					t.Fatalf("Load while recording: %v", err)
				}
				if saved.State != practice.StateRecording || len(saved.Parts) != i+1 || math.Abs(saved.Parts[i].Start-start) > 0.0005 {
					t.Errorf("after %q: take.json state %q parts %v, want recording with part %d at %.3f", p.key, saved.State, saved.Parts, i, start)
				}
				h.advance(0)
			}
			if !h.shows("Lesson from 0:06") {
				t.Errorf("the last mark is not confirmed; screen shows %q", h.screenText())
			}
			if h.c.turn.SilenceShown() {
				t.Error("silence message shown for a microphone that hears a tone")
			}
			h.now = began.Add(8 * time.Second)
			h.space() // stop

			saved, err := h.lib.Load(h.c.rv.Take().ID)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if saved.State != practice.StateDone || len(saved.Parts) != len(presses) {
				t.Fatalf("saved take: state %q with %d parts, want done with %d", saved.State, len(saved.Parts), len(presses))
			}
			// The parts are in the recording's time: its first sample
			// came StartDelayMS after the answer began.
			delay := saved.StartDelayMS / 1000
			for i, p := range presses {
				got := saved.Parts[i]
				want := (p.at - tt.want).Seconds()
				if got.Kind != p.kind || math.Abs(got.Start+delay-want) > 0.002 {
					t.Errorf("part %d = %v from %.3f s (+ start delay %.3f s), want %v from %.3f s of the answer", i, got.Kind, got.Start, delay, p.kind, want)
				}
				if i > 0 && saved.Parts[i-1].End != got.Start {
					t.Errorf("part %d ends at %.3f, want at the next part's start %.3f", i-1, saved.Parts[i-1].End, got.Start)
				}
			}
			if last := saved.Parts[len(saved.Parts)-1]; last.End != saved.Duration {
				t.Errorf("the last part ends at %.3f, want the end of the take %.3f", last.End, saved.Duration)
			}
			if got := len(h.wave().Bands()); got != len(presses) {
				t.Errorf("review shows %d bands, want %d", got, len(presses))
			}
		})
	}
}

// TestPartKeysOnlyWhileAnswering: the part keys do nothing on the
// question and think screens, and N still does nothing while answering.
func TestPartKeysOnlyWhileAnswering(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	q := h.c.q
	h.char('s')
	h.space()
	h.char('a')
	if h.c.screen != screenThink {
		t.Fatalf("screen = %d, want think", h.c.screen)
	}
	h.space()
	h.char('n')
	if h.c.q != q || h.c.screen != screenAnswer {
		t.Errorf("N while answering changed the question or the screen")
	}
	if n := h.c.turn.LiveParts().Len(); n != 0 {
		t.Errorf("%d parts tagged before the answer, want 0", n)
	}
	// A held key repeats: the part it started keeps going.
	began := h.now
	for i := range 10 {
		h.now = began.Add(time.Second + time.Duration(i)*30*time.Millisecond)
		h.char('s')
	}
	if n := h.c.turn.LiveParts().Len(); n != 1 {
		t.Errorf("a held S made %d parts, want 1", n)
	}
}

// TestSilenceMessage: an input of exact zeros for two seconds shows the
// permission hint on the answer screen, and again on the review.
func TestSilenceMessage(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.audio.samples = make([]int16, testRate*4)
	h.space()
	h.space()
	msg := audio.SilenceMessage(runtime.GOOS)
	h.feed(19)
	h.advance(time.Second / 30)
	if h.c.turn.SilenceShown() {
		t.Fatal("silence message shown before two seconds were heard")
	}
	h.feed(2)
	h.advance(time.Second / 30)
	if !h.c.turn.SilenceShown() || !h.shows(msg) {
		t.Fatalf("no silence message after 2.1 s of zeros; screen shows %q", h.screenText())
	}
	h.golden("answer_silent.xml")
	h.space()
	if !h.shows(msg) {
		t.Errorf("the review does not repeat the silence message; shows %q", h.screenText())
	}
}

// tagged records a take of n blocks, tags parts on it in take.json and
// opens it again from the library, as a starting point for review tests:
// a drag on the timeline lands on whole pixels, these parts on exact times.
func (h *harness) tagged(n int, parts ...practice.Part) {
	h.t.Helper()
	h.review(n)
	h.retag(parts...)
}

// retag saves parts in take.json of the take on review and opens it
// again from the library.
func (h *harness) retag(parts ...practice.Part) {
	h.t.Helper()
	id := h.c.rv.Take().ID
	h.c.leaveReview()
	take, err := h.lib.Load(id)
	if err != nil {
		h.t.Fatalf("Load: %v", err)
	}
	take.Parts = parts
	if err := h.lib.Save(take); err != nil {
		h.t.Fatalf("Save: %v", err)
	}
	if err := h.c.reviewTake(id); err != nil {
		h.t.Fatalf("reviewTake: %v", err)
	}
	if got := h.parts(); !slices.Equal(got, parts) {
		h.t.Fatalf("the review opened with parts %v, want %v", got, parts)
	}
}

// TestReviewEditing tags the take just recorded on the window: take.json
// keeps what the timeline shows, and R relabels the selected part without
// retaking. Every way of editing is in ui/review's TestEditing, on a
// stored take.
func TestReviewEditing(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(100) // 10 s
	y := h.waveMidY()

	h.drag(1, 3, y)
	s, e, ok := h.wave().Selection()
	if !ok || math.Abs(s-1) > 0.05 || math.Abs(e-3) > 0.05 {
		t.Fatalf("dragging 1..3 selected %v..%v (%v)", s, e, ok)
	}
	h.char('s')
	want := []practice.Part{{Kind: practice.Situation, Start: s, End: e}}
	if got := h.parts(); !slices.Equal(got, want) {
		t.Fatalf("after tagging: parts shown %v, want %v", got, want)
	}
	h.checkSaved("tag")

	h.tapBand(0)
	if h.rvSelected() != 0 {
		t.Fatalf("tapping band 0: selected %d", h.rvSelected())
	}
	h.char('r')
	if h.c.screen != screenReview {
		t.Fatalf("R with a part selected left the review (screen %d)", h.c.screen)
	}
	want[0].Kind = practice.Result
	if got := h.parts(); !slices.Equal(got, want) {
		t.Fatalf("after relabelling: %v, want %v", got, want)
	}
	h.checkSaved("relabel")
}

// TestReviewTimelineGolden shows a tagged take on the review screen.
func TestReviewTimelineGolden(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.tagged(60,
		practice.Part{Kind: practice.Situation, Start: 0.2, End: 1.1},
		practice.Part{Kind: practice.Task, Start: 1.1, End: 1.7},
		practice.Part{Kind: practice.Action, Start: 1.7, End: 4.2},
		practice.Part{Kind: practice.Result, Start: 4.2, End: 5},
		practice.Part{Kind: practice.Situation, Start: 5, End: 5.9},
	)
	// One edit on the screen, so that Undo is on as after any edit: the
	// last part becomes the Lesson.
	h.tapBand(4)
	h.char('l')
	if got := h.parts()[4].Kind; got != practice.Lesson {
		t.Fatalf("L on the last part made it a %v", got)
	}
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	h.player().SeekFrame(int64(2.5 * testRate)) // as a click at 2.5 s does
	h.advance(0)
	h.tapBand(2)
	// The smallest window: the timeline alone.
	h.c.win.Resize(fyne.NewSize(minWidth, minHeight))
	h.advance(0)
	h.golden("review_timeline.xml")
	// A large one: the insights beside it.
	h.c.win.Resize(fyne.NewSize(1280, 800))
	h.advance(0)
	h.golden("review_wide.xml")
}

// TestAnswerBandsGolden shows the live waveform with parts tagged.
func TestAnswerBandsGolden(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	began := h.now
	h.feed(30)
	for _, p := range []struct {
		key rune
		at  time.Duration
	}{{'s', 500 * time.Millisecond}, {'t', 12 * time.Second}, {'a', 20 * time.Second}} {
		h.now = began.Add(p.at)
		h.char(p.key)
	}
	h.advance(5 * time.Second)
	h.golden("answer_tagged.xml")
}

// TestExportLabels writes the parts as labels.txt and chapters.vtt into
// the take's folder.
func TestExportLabels(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(30)
	dir := filepath.Dir(h.lib.AudioPath(h.c.rv.Take().ID))
	h.char('e')
	if _, err := os.Stat(filepath.Join(dir, review.LabelsName)); !errors.Is(err, fs.ErrNotExist) || !h.shows("Nothing is tagged yet") {
		t.Errorf("export with no parts: stat err %v; screen shows %q", err, h.screenText())
	}
	parts := []practice.Part{
		{Kind: practice.Situation, Start: 0.25, End: 1},
		{Kind: practice.Lesson, Start: 2, End: 3},
	}
	h.retag(parts...)
	h.char('e')
	for name, want := range map[string]string{
		review.LabelsName:   practice.FormatAudacity(parts),
		review.ChaptersName: practice.FormatWebVTT(parts),
	} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		if string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !h.shows("Exported labels.txt (Audacity labels) and chapters.vtt (WebVTT chapters) to " + dir) {
		t.Errorf("export does not say where the files are; screen shows %q", h.screenText())
	}
}

func TestZoomKeys(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(40)
	_, full := h.wave().View()
	h.char('+')
	if _, span := h.wave().View(); span >= full {
		t.Errorf("+ left the view at %v s of %v", span, full)
	}
	h.char('-')
	h.char('-')
	if _, span := h.wave().View(); span != full {
		t.Errorf("- - left the view at %v s, want all %v", span, full)
	}
	h.char('=')
	h.char('0')
	if _, span := h.wave().View(); span != full {
		t.Errorf("0 left the view at %v s, want all %v", span, full)
	}
}

// TestReviewTakeFromDisk opens a saved take: its parts and its waveform
// (read from the file) are shown.
func TestReviewTakeFromDisk(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.tagged(20, practice.Part{Kind: practice.Action, Start: 0.5, End: 1.5})
	id := h.c.rv.Take().ID
	h.char('n')
	if err := h.c.reviewTake(id); err != nil {
		t.Fatalf("reviewTake: %v", err)
	}
	want := []practice.Part{{Kind: practice.Action, Start: 0.5, End: 1.5}}
	if got := h.parts(); !slices.Equal(got, want) {
		t.Errorf("parts = %v, want %v", got, want)
	}
	if p := h.c.rv.Peaks(); p == nil || p.Len() != 20*testBlock {
		t.Errorf("waveform of the saved take: %v", p)
	}
	if got := len(h.wave().Bands()); got != 1 {
		t.Errorf("%d bands shown, want 1", got)
	}
	if err := h.c.reviewTake("no-such-take"); err == nil {
		t.Error("reviewTake of a missing take: no error")
	}
}

// TestReviewFitsSmallWindow: the review needs no more than the smallest
// window, and there the insights take the timeline's place on I.
func TestReviewFitsSmallWindow(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.tagged(40, practice.Part{Kind: practice.Situation, Start: 0.5, End: 2})
	if m := h.c.win.Content().MinSize(); m.Width > minWidth || m.Height > minHeight {
		t.Errorf("review MinSize %v, want at most %dx%d", m, minWidth, minHeight)
	}
	h.c.win.Resize(fyne.NewSize(minWidth, minHeight))
	wide, main, side, toggle := h.c.rv.Layout()
	if wide || !main || side || !toggle {
		t.Fatalf("small window: wide %v, timeline shown %v, insights shown %v", wide, main, side)
	}
	h.char('i')
	if _, main, side, _ = h.c.rv.Layout(); main || !side {
		t.Errorf("after I: timeline shown %v, insights shown %v", main, side)
	}
	h.char('i')
	if _, main, _, _ = h.c.rv.Layout(); !main {
		t.Error("I again did not bring the timeline back")
	}
	h.c.win.Resize(fyne.NewSize(1280, 800))
	if wide, main, side, toggle = h.c.rv.Layout(); !wide || !main || !side || toggle {
		t.Errorf("wide window: wide %v, timeline %v, insights %v", wide, main, side)
	}
}

func TestEditProblem(t *testing.T) {
	parts, err := practice.NewParts(10, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, splitErr := parts.Split(1.2)
	_, durErr := practice.NewParts(-1, nil)
	tests := []struct {
		err  error
		want string
	}{
		{splitErr, "Nothing is tagged at 1.200 s"},
		{durErr, "Invalid take duration -1"},
		{errors.New("other: trouble"), "Other: trouble"},
	}
	for _, tt := range tests {
		if got := review.EditProblem(tt.err); got != tt.want {
			t.Errorf("review.EditProblem(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// TestStopShowsSaving: Stop says at once that the take is being saved,
// and the next tick opens the review; a second Space meanwhile does
// nothing more.
func TestStopShowsSaving(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.space()
	h.feed(5)
	h.key(fyne.KeySpace)
	if h.c.screen != screenAnswer || h.c.turn.StopButton().Text != "Saving…" || !h.c.turn.StopButton().Disabled() {
		t.Fatalf("right after Stop: screen %d, button %q (disabled %v); want the answer saying Saving…", h.c.screen, h.c.turn.StopButton().Text, h.c.turn.StopButton().Disabled())
	}
	if !h.shows("Saving your answer") {
		t.Errorf("no word about saving; screen shows %q", h.screenText())
	}
	h.key(fyne.KeySpace)
	h.key(fyne.KeyEscape)
	if h.c.asking() {
		t.Error("Escape while the take is being saved asked Discard or Keep")
	}
	h.c.tick()
	if h.c.screen != screenReview {
		t.Fatalf("after the next tick: screen %d, want review", h.c.screen)
	}
	if takes, err := h.lib.List(); err != nil || len(takes) != 1 {
		t.Errorf("library holds %d takes (%v), want 1", len(takes), err)
	}
}
