package ui

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/cue"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/library"
	"failforward/ui/progress"
	"failforward/ui/settings"
	"failforward/ui/widgets"
)

// recordTake answers the current question for 1.5 s with no think time
// and stops on the review screen.
func (h *harness) recordTake() practice.Take {
	h.t.Helper()
	h.space()
	if h.c.screen == screenThink {
		h.space()
	}
	if h.c.screen != screenAnswer {
		h.t.Fatalf("screen = %d after starting, want answer", h.c.screen)
	}
	h.feed(15)
	h.advance(2 * time.Second)
	h.space()
	if h.c.screen != screenReview {
		h.t.Fatalf("screen = %d after stopping, want review", h.c.screen)
	}
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	return h.c.rv.Take()
}

// TestNavigationKeys goes to every screen with Ctrl+1 to Ctrl+6 and back
// with Escape, and checks that no screen opens while a take is recorded.
func TestNavigationKeys(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	for _, p := range barPlaces()[1:] {
		h.shortcut(uitest.Ctrl(p.key))
		if h.c.screen != p.id {
			t.Fatalf("Ctrl+%s: screen = %d, want %d (%s)", p.key, h.c.screen, p.id, p.name)
		}
		h.key(fyne.KeyEscape)
		if h.c.screen != screenQuestion {
			t.Fatalf("Escape on %s: screen = %d, want the question", p.name, h.c.screen)
		}
	}
	// Straight from one screen to another, and to practice with Ctrl+1.
	h.shortcut(uitest.Ctrl(fyne.Key2))
	h.shortcut(uitest.Ctrl(fyne.Key3))
	if h.c.screen != screenProgress || shown[*library.View](h.c) != nil {
		t.Fatalf("Ctrl+3 on the library: screen %d, library view kept %v", h.c.screen, shown[*library.View](h.c) != nil)
	}
	h.shortcut(uitest.Ctrl(fyne.Key1))
	if h.c.screen != screenQuestion {
		t.Fatalf("Ctrl+1: screen = %d, want the question", h.c.screen)
	}

	h.space() // think time
	h.shortcut(uitest.Ctrl(fyne.Key6))
	if h.c.screen != screenSettings {
		t.Fatalf("Ctrl+6 during think time: screen = %d, want settings (the take cancelled)", h.c.screen)
	}
	h.shortcut(uitest.Ctrl(fyne.Key1))
	h.space()
	h.space()
	h.shortcut(uitest.Ctrl(fyne.Key6))
	if h.c.screen != screenAnswer || !h.c.asking() {
		t.Fatalf("Ctrl+6 while answering: screen = %d, asking %v; want the answer and Discard or Keep", h.c.screen, h.c.asking())
	}
	h.key(fyne.KeyReturn) // keeps the take, then goes on
	if h.c.screen != screenSettings {
		t.Fatalf("Ctrl+6 while answering, then Keep: screen = %d, want settings", h.c.screen)
	}
	h.shortcut(uitest.Ctrl(fyne.Key1))
	h.space()
	h.space()
	h.feed(5)
	h.space()
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	h.shortcut(uitest.Ctrl(fyne.Key2))
	if h.c.screen != screenLibrary {
		t.Fatalf("Ctrl+2 on review: screen = %d, want library", h.c.screen)
	}
	if takes, err := h.lib.List(); err != nil || len(takes) != 2 {
		t.Errorf("library holds %d takes (%v), want 2: the one kept on leaving and the one stopped", len(takes), err)
	}
	if h.rvPlayer() != nil {
		t.Error("the review's player is still open on the library screen")
	}
}

// TestNavigationLibraryOpensReview opens a take from the library on the
// review screen and compares two takes of the same question.
func TestNavigationLibraryOpensReview(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	first := h.recordTake()
	h.now = h.now.Add(time.Minute)
	h.shortcut(uitest.Ctrl(fyne.KeyR)) // retake: the same question
	h.feed(15)
	h.advance(2 * time.Second)
	h.space()
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	second := h.c.rv.Take()
	if first.QuestionID != second.QuestionID || first.ID == second.ID {
		t.Fatalf("takes %q and %q: want two takes of one question", first.ID, second.ID)
	}

	h.shortcut(uitest.Ctrl(fyne.Key2))
	h.c.openFromLibrary(first.ID)
	if h.c.screen != screenReview || h.c.rv.Take().ID != first.ID {
		t.Fatalf("open from library: screen %d take %q, want review of %q", h.c.screen, h.c.rv.Take().ID, first.ID)
	}
	h.shortcut(uitest.Ctrl(fyne.Key2))
	h.c.compareTakes(first.ID, second.ID)
	if h.c.screen != screenCompare {
		t.Fatalf("compare: screen = %d, want compare", h.c.screen)
	}
	h.key(fyne.KeyEscape)
	if h.c.screen != screenLibrary {
		t.Fatalf("Escape on compare: screen = %d, want the library", h.c.screen)
	}

	// A third take: compare the middle one with the first by keys; back
	// in the library the middle one is still the one selected, so the
	// next Delete is about it.
	h.shortcut(uitest.Ctrl(fyne.Key1))
	h.now = h.now.Add(time.Minute)
	h.c.q = practice.Question{ID: first.QuestionID, Text: first.QuestionText}
	third := h.recordTake()
	h.shortcut(uitest.Ctrl(fyne.Key2))
	v := shown[*library.View](h.c)
	if len(v.Shown()) != 3 || v.Shown()[0].ID != third.ID {
		t.Fatalf("library lists %d takes, first %q; want 3, newest %q", len(v.Shown()), v.Shown()[0].ID, third.ID)
	}
	h.key(fyne.KeyDown)
	if got, _ := v.Selected(); got.ID != second.ID {
		t.Fatalf("Down selected %q, want %q", got.ID, second.ID)
	}
	h.char('c')
	if h.c.screen != screenCompare {
		t.Fatalf("C on the library: screen = %d, want compare", h.c.screen)
	}
	h.key(fyne.KeyEscape)
	if h.c.screen != screenLibrary {
		t.Fatalf("Escape on compare: screen = %d, want the library", h.c.screen)
	}
	if got, ok := shown[*library.View](h.c).Selected(); !ok || got.ID != second.ID {
		t.Errorf("back from compare the library selects %q, want %q (the take compared)", got.ID, second.ID)
	}
}

// TestNavigationRecoverFromLibrary recovers a take a crash left behind
// from the library, by keyboard: it opens on the review screen with its
// audio and the part tagged before the crash.
func TestNavigationRecoverFromLibrary(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	take := crashedTake(t, h.lib)
	h.shortcut(uitest.Ctrl(fyne.Key2))
	v := shown[*library.View](h.c)
	if v == nil || len(v.Shown()) != 1 || v.Shown()[0].Status != practice.Unfinished {
		t.Fatalf("library: want the one unfinished take, got %+v", v)
	}
	v.SelectRow(0)
	h.key(fyne.KeyReturn)
	if h.c.screen != screenReview || h.c.rv.Take().ID != take.ID {
		t.Fatalf("after Enter: screen %d, take %q; want the recovered take on review", h.c.screen, h.c.rv.Take().ID)
	}
	got, err := h.lib.Load(take.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != practice.StateRecovered || got.Duration != 2 || len(got.Parts) != 1 {
		t.Errorf("recovered take: state %q, %v s, %d parts; want recovered, 2 s, 1 part", got.State, got.Duration, len(got.Parts))
	}
	// Back in the library it is an ordinary take now.
	h.shortcut(uitest.Ctrl(fyne.Key2))
	if v := shown[*library.View](h.c); len(v.Shown()) != 1 || v.Shown()[0].Status != practice.OK {
		t.Errorf("library after recovery: %+v", v.Shown())
	}
}

// TestNavigationStoryLinksTake practises a story: its cue card shows on
// the practice screens with K, and the take is linked to it.
func TestNavigationStoryLinksTake(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	st, err := h.lib.SaveStory(practice.Story{Title: "The launch I rushed", Lesson: "Ship behind a flag"})
	if err != nil {
		t.Fatal(err)
	}
	h.shortcut(uitest.Ctrl(fyne.Key4))
	h.c.practiseStory(st.ID)
	if h.c.screen != screenQuestion || !h.c.cueShown {
		t.Fatalf("practise: screen %d cue shown %v, want the question with the cue card", h.c.screen, h.c.cueShown)
	}
	if !h.shows("Ship behind a flag") {
		t.Errorf("the cue card's lesson is not on the question screen: %q", h.screenText())
	}
	h.char('k')
	if h.c.cueShown || h.shows("Ship behind a flag") {
		t.Error("K did not hide the cue card")
	}
	h.char('k')
	take := h.recordTake()
	saved, err := h.lib.Load(take.ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.StoryID != st.ID {
		t.Errorf("take's story = %q, want %q", saved.StoryID, st.ID)
	}
}

// TestNavigationQuestionsAndSettings checks that a changed question bank
// and saved settings reach the practice screen.
func TestNavigationQuestionsAndSettings(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	only := uitest.Questions[2]
	h.c.setQuestions([]practice.Question{only})
	for range 3 {
		h.char('n')
		if h.c.q.ID != only.ID {
			t.Fatalf("question %q after the bank changed, want only %q", h.c.q.ID, only.ID)
		}
	}

	s := practice.DefaultSettings()
	s.Think, s.Limit, s.Strict = 10*time.Second, 90*time.Second, false
	var told practice.Settings
	h.c.opt.OnSettings = func(x practice.Settings) { told = x }
	h.c.applySettings(s)
	if h.c.cfg != TimerConfig(s) {
		t.Errorf("timer config = %+v, want %+v", h.c.cfg, TimerConfig(s))
	}
	if told != s {
		t.Errorf("OnSettings got %+v, want %+v", told, s)
	}
	h.c.showQuestion()
	if !h.shows("Think 0:10 · Answer limit 1:30") {
		t.Errorf("the question screen does not show the new times: %q", h.screenText())
	}
}

// TestNavigationTimeCues plays a tone at each light while answering, to
// the output only.
func TestNavigationTimeCues(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: false})
	h.c.settings.Cues = practice.CuesTone
	h.space()
	h.feed(10)
	before := len(h.audio.players)
	h.advance(31 * time.Second) // green
	if got := len(h.audio.players) - before; got != 1 {
		t.Fatalf("players opened at green = %d, want 1 cue", got)
	}
	cue := h.player()
	if !cue.Playing() {
		t.Error("the green cue is not playing")
	}
	h.advance(15 * time.Second) // yellow
	h.advance(15 * time.Second) // red
	if got := len(h.audio.players) - before; got != 3 {
		t.Errorf("players opened by red = %d, want 3 cues", got)
	}
	if h.c.turn.Take().ID == "" {
		t.Fatal("no take")
	}
	h.space()
	// The cues never reach the take: it holds the input only.
	if got := h.c.rv.Take().Duration; got <= 0 {
		t.Errorf("take duration = %v", got)
	}
}

// TestNavigationListenCues plays the cues from the settings screen on the
// output, as one player that the ticker closes once it has played.
func TestNavigationListenCues(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	v := h.openSettings()
	var cues *widgets.Select
	uitest.WalkObjects(h.c.win.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widgets.Select); ok && slices.Contains(s.Options, "Short tones") {
			cues = s
		}
	})
	if cues == nil {
		t.Fatal("the settings show no choice of cues")
	}
	cues.SetSelected("Short tones")
	before := len(h.audio.players)
	v.TypedShortcut(uitest.Ctrl(fyne.KeyL))
	if got := len(h.audio.players) - before; got != 1 {
		t.Fatalf("players opened by Listen = %d, want 1", got)
	}
	p := h.player()
	s := h.c.settings
	s.Cues = practice.CuesTone
	want, err := cue.Preview(s, cueRate)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Playing() || p.Len() != int64(len(want)) {
		t.Errorf("Listen plays %d frames (playing %v), want the %d of the three tone cues", p.Len(), p.Playing(), len(want))
	}
	if h.c.settings.Cues != practice.CuesNone && h.c.settings.Cues != "" {
		t.Errorf("Listen changed the settings in use to %q", h.c.settings.Cues)
	}
	p.Advance(p.Len())
	h.advance(time.Second)
	if !p.Closed() {
		t.Error("the cue player is still open after its cues played")
	}
}

// TestReviewChecklistSaved ticks the self-review on the review screen
// and finds it in take.json.
func TestReviewChecklistSaved(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	take := h.recordTake()
	h.char('v')
	if h.rvTabs() == nil || h.rvTabs().SelectedIndex() != 1 {
		t.Fatal("V did not show the self-review")
	}
	chk := h.c.rv.Checklist()
	chk.Checks()[0].SetChecked(true)
	chk.Rating().SetSelected("4")
	chk.Notes().SetText("Shorter setup next time")
	h.c.leaveReview()
	saved, err := h.lib.Load(take.ID)
	if err != nil {
		t.Fatal(err)
	}
	first := practice.Checks()[0]
	if !saved.Review.Checked[first] || saved.Review.Rating != 4 || saved.Review.Notes != "Shorter setup next time" {
		t.Errorf("saved review = %+v, want %s ticked, rating 4 and the notes", saved.Review, first)
	}
}

// holdScreen is a screen that holds the window, as the settings do while
// the library moves, and cannot be left while it does.
type holdScreen struct {
	widgets.ScreenBase
	hold bool
}

func (s *holdScreen) Content() fyne.CanvasObject   { return widget.NewLabel("Moving") }
func (s *holdScreen) TypedKey(*fyne.KeyEvent) bool { return false }
func (s *holdScreen) TypedRune(rune) bool          { return false }
func (s *holdScreen) HoldsWindow() bool            { return s.hold }
func (s *holdScreen) Leave(then func()) {
	if !s.hold {
		then()
	}
}

// TestNavigationWaitsForMove keeps a screen that holds the window (the
// settings while the library moves) on show, and the window open.
func TestNavigationWaitsForMove(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	v := &holdScreen{hold: true}
	h.c.showScreen(screenSettings, v)
	h.shortcut(uitest.Ctrl(fyne.Key2))
	if h.c.screen != screenSettings {
		t.Errorf("Ctrl+2 during a move: screen = %d, want settings", h.c.screen)
	}
	h.c.closeRequested()
	if h.c.closed {
		t.Error("the window closed during a move")
	}
	v.hold = false
	h.shortcut(uitest.Ctrl(fyne.Key2))
	if h.c.screen != screenLibrary {
		t.Errorf("Ctrl+2 after the move: screen = %d, want library", h.c.screen)
	}
}

// TestNavigationReviewNotesSavedOnTick saves notes typed on the review
// screen at the next tick a second later, without leaving it.
func TestNavigationReviewNotesSavedOnTick(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	take := h.recordTake()
	h.c.rv.Checklist().Notes().SetText("Open with the lesson")
	h.c.rv.Checklist().Notes().SetText("Open with the lesson.")
	h.advance(2 * time.Second)
	saved, err := h.lib.Load(take.ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Review.Notes != "Open with the lesson." {
		t.Errorf("saved notes = %q after a tick, want the last text", saved.Review.Notes)
	}
}

// TestNavigationDeletedStoryUnpicked drops a story deleted in the
// notebook from the practice screen's picker.
func TestNavigationDeletedStoryUnpicked(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	st, err := h.lib.SaveStory(practice.Story{Title: "The missed hand-off"})
	if err != nil {
		t.Fatal(err)
	}
	h.c.practiseStory(st.ID)
	h.shortcut(uitest.Ctrl(fyne.Key4))
	if err := h.lib.DeleteStory(st.ID); err != nil {
		t.Fatal(err)
	}
	h.shortcut(uitest.Ctrl(fyne.Key2)) // leave the notebook for another screen
	h.shortcut(uitest.Ctrl(fyne.Key1))
	if id := h.c.storyID(); id != "" {
		t.Errorf("story for the next take = %q after it was deleted, want none", id)
	}
}

// TestReviewPlaybackNotes opens takes whose recording cannot be played:
// the review says why, in place of playing.
func TestReviewPlaybackNotes(t *testing.T) {
	for _, tt := range []struct {
		name string
		wav  []byte
		want string
	}{
		{"not a WAV", []byte("this is not audio"), "The recording could not be read for playback"},
		{"no audio", func() []byte {
			var b bytes.Buffer
			b.WriteString("RIFF")
			b.Write([]byte{36, 0, 0, 0})
			b.WriteString("WAVEfmt ")
			b.Write([]byte{16, 0, 0, 0, 1, 0, 1, 0, 0x80, 0x3e, 0, 0, 0, 0x7d, 0, 0, 2, 0, 16, 0})
			b.WriteString("data")
			b.Write([]byte{0, 0, 0, 0})
			return b.Bytes()
		}(), "The recording is empty, so there is nothing to play."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, timer.DefaultConfig())
			take, _, err := h.lib.NewTake(uitest.Questions[0], h.now)
			if err != nil {
				t.Fatal(err)
			}
			take.Duration, take.SampleRate = 1, testRate
			if err := h.lib.Save(take); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(h.lib.AudioPath(take.ID), tt.wav, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := h.c.reviewTake(take.ID); err != nil {
				t.Fatal(err)
			}
			if h.rvPlayer() != nil {
				t.Error("a player was opened")
			}
			if !h.shows(tt.want) {
				t.Errorf("review does not say %q; it shows %q", tt.want, h.screenText())
			}
		})
	}
}

// openSettings opens the settings screen with Ctrl+6.
func (h *harness) openSettings() *settings.View {
	h.t.Helper()
	h.shortcut(uitest.Ctrl(fyne.Key6))
	if shown[*settings.View](h.c) == nil || h.c.screen != screenSettings {
		h.t.Fatal("Ctrl+6 did not open the settings screen")
	}
	return shown[*settings.View](h.c)
}

// takeDirs lists the take folders in the library folder.
func (h *harness) takeDirs() []string {
	h.t.Helper()
	ents, err := os.ReadDir(h.lib.Dir)
	if err != nil {
		h.t.Fatalf("ReadDir: %v", err)
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestCancelTake: Escape in the think time goes straight back to the
// question and leaves no folder; Escape while answering asks Discard or
// Keep, Enter keeps (saved as Stop saves it), D discards (the folder goes).
func TestCancelTake(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.space()
	h.advance(2 * time.Second)
	h.key(fyne.KeyEscape)
	if h.c.screen != screenQuestion || h.rec() != nil {
		t.Fatalf("Escape in the think time: screen %d, recorder open %v; want the question", h.c.screen, h.rec() != nil)
	}
	if dirs := h.takeDirs(); len(dirs) != 0 {
		t.Errorf("Escape in the think time left take folders %v", dirs)
	}
	if !h.shows("nothing was saved") {
		t.Errorf("no word about the cancelled take; screen shows %q", h.screenText())
	}
	// The question screen is the screen on show; Escape there leaves
	// nothing and keeps the word about the take.
	if h.c.nav != Screen(h.c.question) {
		t.Errorf("on the question the screen on show is %T, want the question screen", h.c.nav)
	}
	h.key(fyne.KeyEscape)
	if h.c.screen != screenQuestion || !h.shows("nothing was saved") {
		t.Errorf("Escape on the question: screen %d, shows %q; want the question with its notice", h.c.screen, h.screenText())
	}

	// Escape while answering, then D: nothing is kept.
	h.space()
	if h.c.nav != Screen(h.c.turn) {
		t.Errorf("in the think time the screen on show is %T, want the take", h.c.nav)
	}
	h.space()
	h.feed(5)
	if dirs := h.takeDirs(); len(dirs) != 1 {
		t.Fatalf("while answering the library holds %v, want one take folder", dirs)
	}
	h.key(fyne.KeyEscape)
	if !h.c.asking() || !h.shows("Keep (Enter)") || !h.shows("Discard (D)") {
		t.Fatalf("Escape while answering did not ask; screen shows %q", h.screenText())
	}
	h.char('d')
	if h.c.screen != screenQuestion || h.c.asking() {
		t.Fatalf("Discard: screen %d, still asking %v; want the question", h.c.screen, h.c.asking())
	}
	if dirs := h.takeDirs(); len(dirs) != 0 {
		t.Errorf("Discard left take folders %v", dirs)
	}

	// Escape while answering, then Enter: kept as Stop keeps it.
	h.now = h.now.Add(time.Minute)
	h.space()
	h.space()
	h.feed(5)
	h.key(fyne.KeyEscape)
	h.key(fyne.KeyReturn)
	if h.c.screen != screenReview {
		t.Fatalf("Keep: screen %d, want review", h.c.screen)
	}
	saved, err := h.lib.Load(h.c.rv.Take().ID)
	if err != nil || saved.Stopped != "user" || saved.Duration != 0.5 {
		t.Errorf("kept take: stopped %q, %v s (%v); want stopped by the user, 0.5 s", saved.Stopped, saved.Duration, err)
	}
}

// navButtons are the navigation bar's buttons on show, by place.
func (h *harness) navButtons() map[screen]*widgets.Button {
	out := map[screen]*widgets.Button{}
	uitest.WalkObjects(h.c.win.Content(), func(o fyne.CanvasObject) {
		b, ok := o.(*widgets.Button)
		if !ok {
			return
		}
		for _, p := range barPlaces() {
			if b.Text == string(p.key)+" "+p.name {
				out[p.id] = b
			}
		}
	})
	return out
}

// TestNavigationBarEverywhere: every screen outside a take names itself
// and offers every place by mouse; a tap on a place goes there. During a
// take there is no bar.
func TestNavigationBarEverywhere(t *testing.T) {
	h := newHarness(t, timer.Config{Think: 0, Limit: time.Minute, Green: .5, Yellow: .75, Red: 1, Strict: true})
	first := h.recordTake()
	h.shortcut(uitest.Ctrl(fyne.KeyR))
	h.feed(15)
	h.advance(2 * time.Second)
	if got := h.navButtons(); len(got) != 0 {
		t.Errorf("the answer screen shows %d navigation buttons, want none", len(got))
	}
	h.space()
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	second := h.c.rv.Take()

	check := func(name string, want screen) {
		t.Helper()
		if h.c.screen != want {
			t.Fatalf("%s: screen %d, want %d", name, h.c.screen, want)
		}
		bs := h.navButtons()
		if len(bs) != len(barPlaces()) {
			t.Fatalf("%s: %d navigation buttons, want %d", name, len(bs), len(barPlaces()))
		}
		if !h.shows(placeOf(want).name) {
			t.Errorf("%s: the screen does not name itself %q", name, placeOf(want).name)
		}
		cur := placeOf(want).bar
		for to, b := range bs {
			if high := b.Importance == widget.HighImportance; high != (to == cur) {
				t.Errorf("%s: button %q highlighted %v", name, b.Text, high)
			}
		}
	}
	check("review", screenReview)
	for _, p := range barPlaces()[1:] {
		test.Tap(h.navButtons()[p.id])
		check(p.name, p.id)
	}
	test.Tap(h.navButtons()[screenLibrary])
	h.c.compareTakes(first.ID, second.ID)
	check("compare", screenCompare)
	test.Tap(h.navButtons()[screenLibrary])
	check("library from compare", screenLibrary)
	test.Tap(h.navButtons()[screenQuestion])
	check("practice", screenQuestion)
}

// TestReviewKeepsFilledPauses checks that analysing a take in the review
// keeps its filled-pause figures in take.json, for the progress screen.
func TestReviewKeepsFilledPauses(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.review(60)
	h.waitFor("the analysis", func() bool { return !h.c.rv.Measuring() })
	rep := h.c.rv.Report()
	if rep == nil {
		t.Fatal("the take was not measured")
	}
	tk, err := h.lib.Load(h.c.rv.Take().ID)
	if err != nil {
		t.Fatal(err)
	}
	want := practice.Measures{FilledPauses: len(rep.FilledPauses), FilledPausesPerMin: rep.FilledPausesPerMin}
	if tk.Measures == nil || *tk.Measures != want {
		t.Fatalf("take.json measures %+v, want %+v", tk.Measures, want)
	}
	w := test.NewTempWindow(t, progress.New(h.lib, h.c.win, progress.Handlers{}).Content())
	w.Resize(fyne.NewSize(960, 640))
	widgets.Relayout(w.Content())
	if !strings.Contains(uitest.ShownText(w), "Um and uh: ") {
		t.Errorf("the progress screen does not show the measured take's filled pauses: %s", uitest.ShownText(w))
	}
}
