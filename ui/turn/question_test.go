package turn

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// TestQuestionStandsAlone drives the question screen on a window of its
// own: its keys and buttons go to the window's handlers, a blocked
// microphone turns Start off and offers Check again, and the cue card of
// the chosen story shows under Start once asked for.
func TestQuestionStandsAlone(t *testing.T) {
	w := uitest.ViewWindow(t)
	lib := uitest.OpenLibrary(t)
	story := uitest.SaveStory(t, lib, uitest.LaunchStory)
	calls := map[string]int{}
	var q *Question
	keys := widgets.Keys{Key: func(ev *fyne.KeyEvent) { q.TypedKey(ev) }, Rune: func(r rune) { q.TypedRune(r) }}
	picker := NewStoryPicker(lib, nil)
	cue := NewCueCard()
	o := QuestionOptions{Keys: &keys, Question: uitest.Questions[0].Text, Settings: "Think 0:30 · Answer limit 2:00",
		Mic: "Microphone ready.", Picker: picker, Cue: cue}
	h := QuestionHandlers{
		Show:      func(c fyne.CanvasObject) { uitest.Route(w, q, c) },
		Start:     func() { calls["start"]++ },
		Next:      func() { calls["next"]++ },
		Guide:     func() { calls["guide"]++ },
		CheckMic:  func() { calls["check"]++ },
		ToggleCue: func() { calls["cue"]++ },
	}
	q = NewQuestion(o, h)
	q.Show()
	text := uitest.ShownText(w)
	for _, want := range []string{uitest.Questions[0].Text, "Think 0:30", "Microphone ready.", "Cue card: choose a story"} {
		if !strings.Contains(text, want) {
			t.Errorf("the screen shows %q, want %q on it", text, want)
		}
	}
	if q.StartButton().Disabled() || strings.Contains(text, "Check again (C)") {
		t.Error("with a microphone, Start is off or Check again is offered")
	}
	uitest.Hit(w, fyne.KeySpace)
	if !q.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) {
		t.Error("Escape on the question screen is not used: the window would leave it for itself")
	}
	for _, r := range "nNcgk" {
		w.Canvas().OnTypedRune()(r)
	}
	test.Tap(q.StartButton())
	want := map[string]int{"start": 2, "next": 2, "check": 1, "guide": 1, "cue": 1}
	for k, n := range want {
		if calls[k] != n {
			t.Errorf("%s ran %d times, want %d (all: %v)", k, calls[k], n, calls)
		}
	}

	// No microphone: Start is off, Check again offered.
	o.MicBlocked = true
	q = NewQuestion(o, h)
	q.Show()
	if !q.StartButton().Disabled() {
		t.Error("with the microphone blocked, Start is on")
	}
	if !strings.Contains(uitest.ShownText(w), "Check again (C)") {
		t.Error("with the microphone blocked, Check again is not offered")
	}

	// A story chosen and the card asked for: its notes show.
	picker.Choose(story.ID)
	cue.Set(picker.Selected())
	o.MicBlocked, o.CueShown = false, true
	q = NewQuestion(o, h)
	q.Show()
	text = uitest.ShownText(w)
	if !strings.Contains(text, "Hide cue card (K)") || !strings.Contains(text, uitest.LaunchStory.Situation) {
		t.Errorf("with the card asked for, the screen shows %q, want its Hide key and the story's notes", text)
	}
}
