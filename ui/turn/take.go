// The take under way (Take): what the window gives it (TakeOptions,
// TakeHandlers), its keys, its ticks, and how it ends: stopped, at the
// limit, cancelled, discarded, or with the input failing.

package turn

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/peaks"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/widgets"
)

// Reasons stored in practice.Take.Stopped.
const (
	stoppedUser  = "user"
	stoppedLimit = "limit"
)

// errInputEnded stands in for a source that ended without saying why.
var errInputEnded = errors.New("the input stream ended")

// TakeOptions are what the window gives a take.
type TakeOptions struct {
	// Library is where the take is saved; required.
	Library *practice.Library
	// Source is the microphone, opened and started; the take owns it
	// from now on and closes it when it ends.
	Source recorder.Source
	// Now is the clock of the countdown and the part keys; required.
	Now func() time.Time
	// Pressed is when Start was pressed: the turn starts then, not when
	// the microphone opened.
	Pressed time.Time
	// Keys are the window's key handlers, for the buttons to pass keys on.
	Keys *widgets.Keys
	// Window is where the Discard-or-Keep question opens.
	Window fyne.Window
	// Timer is the take's think time, limit and phases (valid).
	Timer timer.Config
	// Question is the question answered.
	Question practice.Question
	// Reaction is how long before a part key the part is taken to start
	// (0 for none).
	Reaction time.Duration
	// StoryID is the story chosen for the take, "" for none.
	StoryID string
	// Cue is the chosen story's cue card, which follows the parts tagged;
	// CueCard is its content, shown in a column beside the think and
	// answer screens, nil when the card is hidden.
	Cue     *CueCard
	CueCard fyne.CanvasObject
}

// TakeHandlers are what a take asks of the window.
type TakeHandlers struct {
	// Show puts the screen's content on the window, in a column no
	// wider than maxWidth.
	Show func(content fyne.CanvasObject, maxWidth float32)
	// Answering says that the answer time began and the recorder is
	// armed: the answer screen follows.
	Answering func()
	// PhaseChanged says that the answer moved into another phase of the
	// countdown (the window plays its time cue).
	PhaseChanged func(timer.State)
	// Finished hands over the take once it is saved: its parts on the
	// recording's time, the waveform's peaks, notes about how it went
	// and the recording's path. The take's recorder is closed.
	Finished func(take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string, audioPath string)
	// Ended says that the turn ended with nothing to review (cancelled
	// in the think time, discarded, or failed before recording), with a
	// line for the question screen saying what happened.
	Ended func(notice string)
	// ToggleCue shows or hides the cue card (K); the window answers with
	// SetCueCard.
	ToggleCue func()
}

// Take is the practice turn under way: the think time, then the answer
// being recorded, with its countdown, live tagging and the
// Discard-or-Keep question. It ends through Finished or Ended, or Close.
// Every method runs on the Fyne goroutine.
type Take struct {
	widgets.ScreenBase
	o TakeOptions
	h TakeHandlers

	cd     *timer.Countdown
	src    recorder.Source
	rec    *recorder.Recorder
	device string
	take   practice.Take
	// armedAfter is how long after the answer began the recorder was
	// armed (the microphone opening when there is no think time).
	armedAfter time.Duration
	live       liveState
	answering  bool // the think time is over: the answer is being recorded
	stopping   bool // Stop was pressed: the next tick saves the take
	ended      bool // Finished or Ended ran, or Close
	lastPhase  timer.Phase
	// asking is the Discard-or-Keep question, nil when none is on show.
	asking *widgets.KeyDialog

	w       liveWidgets
	content fyne.CanvasObject
}

// NewTake starts the countdown of a take on o.Source; Show puts its
// think screen (or, with no think time, its first tick's answer) on show.
func NewTake(o TakeOptions, h TakeHandlers) *Take {
	t := &Take{o: o, h: h, src: o.Source, device: deviceName(o.Source)}
	t.rec = recorder.New(o.Source)
	t.cd = timer.New(o.Timer)
	t.cd.Start(o.Pressed)
	return t
}

// deviceName returns the input device's name when the source can tell.
func deviceName(src recorder.Source) string {
	if n, ok := src.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// Show puts the screen of the take's step on show.
func (t *Take) Show() {
	if t.answering {
		t.showAnswer()
		return
	}
	t.showThink()
}

// SetCueCard shows card beside the screen (nil hides it) and redraws it.
func (t *Take) SetCueCard(card fyne.CanvasObject) {
	t.o.CueCard = card
	if t.ended {
		return
	}
	t.Show()
	t.Tick()
}

// Content is the screen last shown.
func (t *Take) Content() fyne.CanvasObject { return t.content }

// Asking tells whether the Discard-or-Keep question is open; it takes
// every key then.
func (t *Take) Asking() bool { return t.asking != nil }

// TypedKey: Space skips the rest of the think time, or stops the answer;
// Escape cancels the take (asking while answering). While the
// Discard-or-Keep question is open, every key goes to it.
func (t *Take) TypedKey(ev *fyne.KeyEvent) bool {
	if t.asking != nil {
		return t.asking.TypedKey(ev)
	}
	switch ev.Name {
	case fyne.KeyEscape:
		t.Leave(nil)
	case fyne.KeySpace:
		if t.answering {
			t.stop()
		} else {
			t.cd.SkipThink(t.o.Now())
			t.Tick()
		}
	default:
		return false
	}
	return true
}

// TypedRune: K shows or hides the cue card; while answering, S T A R L
// (or 1 to 5) mark where a part starts.
func (t *Take) TypedRune(r rune) bool {
	if t.asking != nil {
		return t.asking.TypedRune(r)
	}
	if r == 'k' || r == 'K' {
		t.h.ToggleCue()
		return true
	}
	if k, ok := practice.KindForKey(string(r)); ok && t.answering {
		t.markLive(k)
		return true
	}
	return false
}

// stop ends the answer early at the user's request. The recording stops
// at once; saving it and opening the review (closing the microphone,
// opening the speakers: up to a second) happen at the next tick, so the
// window first shows that the take is being saved.
func (t *Take) stop() {
	if !t.answering || t.stopping || t.ended {
		return
	}
	t.cd.Stop(t.o.Now())
	t.stopping = true
	if b := t.w.stop; b != nil {
		b.SetText("Saving…")
		b.Disable()
	}
	t.setLiveNote("Stopped. Saving your answer and opening it for review…")
}

// stopNow ends the answer and hands it over at once.
func (t *Take) stopNow() {
	if !t.answering || t.ended {
		return
	}
	t.cd.Stop(t.o.Now())
	t.finish(stoppedUser, nil)
}

// Leave cancels the take, then runs then (may be nil). In the think time
// nothing was recorded: the turn ends at once and no take folder is
// left. While answering it asks whether to keep what was said so far
// (the default: saved as Stop saves it, then reviewed, and then runs) or
// to discard it (the take's folder is deleted, and then runs).
func (t *Take) Leave(then func()) {
	if t.ended {
		return
	}
	if !t.answering {
		t.drop()
		t.h.Ended("The take was cancelled before recording started; nothing was saved.")
		if then != nil {
			then()
		}
		return
	}
	if t.asking != nil || t.stopping {
		return // asking already, or being saved
	}
	keep := func() {
		t.stopNow()
		if then != nil && t.ended {
			then()
		}
	}
	discard := func() {
		t.discard()
		if then != nil {
			then()
		}
	}
	t.asking = widgets.ShowKeyDialog(t.o.Window, t.o.Keys, "Keep this take?",
		"Recording goes on while you choose. Keep saves what you said so far, as Stop does; Discard deletes this take.",
		[]widgets.KeyChoice{
			{Label: "Discard (D)", Runes: "dD", Keys: []fyne.KeyName{fyne.KeyDelete}, Imp: widget.DangerImportance, Fn: discard},
			{Label: "Keep (Enter)", Runes: "kK", Keys: []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape}, Imp: widget.HighImportance, Fn: keep},
		}, func() { t.asking = nil })
}

// Close ends the take as the window closes: an answer is saved as Stop
// saves it (Finished runs); in the think time the microphone is closed
// and nothing is kept (no handler runs).
func (t *Take) Close() {
	if t.ended {
		return
	}
	if t.answering {
		t.finish(stoppedUser, nil)
		return
	}
	t.drop()
}

// closeAsking closes the Discard-or-Keep question without an answer: the
// take ended on its own first.
func (t *Take) closeAsking() {
	if kd := t.asking; kd != nil {
		t.asking = nil
		kd.Dismiss()
	}
}

// discard stops the recording and deletes the take's folder, at the
// user's request.
func (t *Take) discard() {
	if !t.answering || t.ended {
		return
	}
	t.cd.Stop(t.o.Now())
	_, _ = t.rec.Stop() // the take is being thrown away
	_ = t.rec.Close()
	t.rec = nil
	t.live = liveState{}
	t.ended = true
	notice := "The take was discarded; nothing of it was kept."
	if err := t.o.Library.Remove(t.take.ID); err != nil {
		notice = fmt.Sprintf("The take could not be deleted (%v). It is in your library, where you can delete it.", err)
	}
	t.h.Ended(notice)
}

// drop closes the recorder of a take that never started recording.
func (t *Take) drop() {
	if t.rec != nil {
		_ = t.rec.Close() // nothing was recorded, so nothing is lost
		t.rec = nil
	}
	t.ended = true
}

// Tick advances the countdown and refreshes the screen. The window's
// ticker calls it about 30 times a second; tests call it directly.
func (t *Take) Tick() {
	if t.ended {
		return
	}
	if t.stopping {
		t.finish(stoppedUser, nil)
		return
	}
	st := t.cd.Update(t.o.Now())
	snap := t.rec.Snapshot()
	if snap.Err == nil {
		select {
		case <-t.rec.Done():
			snap.Err = errInputEnded
		default:
		}
	}
	if !t.answering {
		if snap.Err != nil {
			t.drop()
			t.h.Ended(fmt.Sprintf("The microphone stopped sending sound (%v). Check the device, then press Start again.", snap.Err))
			return
		}
		if !st.AnswerStarted {
			t.updateThink(st, snap)
			return
		}
		if !t.beginAnswer() {
			return
		}
	}
	if snap.Err != nil {
		t.cd.Stop(t.o.Now())
		t.finish("", snap.Err)
		return
	}
	t.updateAnswer(st, snap)
	if st.Phase != t.lastPhase {
		t.lastPhase = st.Phase
		t.h.PhaseChanged(st)
	}
	if st.Finished {
		t.finish(stoppedLimit, nil)
	}
}

// beginAnswer creates the take folder and arms the recorder, so the first
// sample written is the start of the answer. On failure the turn ends
// with a message and it reports false.
func (t *Take) beginAnswer() bool {
	started := t.cd.AnswerStart()
	take, _, err := t.o.Library.NewTake(t.o.Question, started)
	var armAt time.Time
	if err == nil {
		armAt = t.o.Now()
		t.armedAfter = armAt.Sub(started)
		err = t.rec.Arm(t.o.Library.AudioPath(take.ID))
	}
	if err != nil {
		t.drop()
		t.h.Ended(fmt.Sprintf("The recording could not start (%v). Check that the takes folder can be written, then press Start again.", err))
		return false
	}
	take.SampleRate = t.src.SampleRate()
	take.Device = t.device
	take.ThinkS = t.o.Timer.Think.Seconds()
	take.LimitS = t.o.Timer.Limit.Seconds()
	take.Strict = t.o.Timer.Strict
	take.StoryID = t.o.StoryID
	t.take = take
	t.lastPhase = timer.Speak
	parts, _ := practice.NewParts(0, nil) // 0 is a valid duration
	t.live = liveState{parts: parts, armAt: armAt, note: tagHint}
	t.answering = true
	t.h.Answering()
	// Saved at once so that a crash keeps the take's question and
	// settings. A folder that cannot be written is reported when the
	// take ends, by the final Save.
	_ = t.saveLive()
	t.showAnswer()
	return true
}
