package welcome

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/prefs"
	"failforward/ui/widgets"
)

// TestFirstStart: the welcome opens by itself only while no setting was
// ever saved and the welcome was never finished or skipped.
func TestFirstStart(t *testing.T) {
	tests := []struct {
		name string
		set  func(fyne.Preferences)
		want bool
	}{
		{"empty", func(fyne.Preferences) {}, true},
		{"other preferences only", func(p fyne.Preferences) { p.SetString("library.view", "list") }, true},
		{"all settings saved", func(p fyne.Preferences) { prefs.Save(p, practice.DefaultSettings()) }, false},
		{"one string setting", func(p fyne.Preferences) { p.SetString(prefs.KeyCues, "tone") }, false},
		{"an empty string setting", func(p fyne.Preferences) { p.SetString(prefs.KeyInput, "") }, false},
		{"one int setting", func(p fyne.Preferences) { p.SetInt(prefs.KeyThink, 0) }, false},
		{"one float setting", func(p fyne.Preferences) { p.SetFloat(prefs.KeyGreen, 0.5) }, false},
		{"one bool setting", func(p fyne.Preferences) { p.SetBool(prefs.KeyStrict, false) }, false},
		{"welcome seen", MarkSeen, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			tt.set(a.Preferences())
			if got := FirstStart(a.Preferences()); got != tt.want {
				t.Errorf("FirstStart = %v, want %v", got, tt.want)
			}
		})
	}
}

// micAudio opens a fake microphone that sends samples in real time, or
// fails with inputErr.
type micAudio struct {
	samples  []int16
	inputErr error
	opens    int
}

func (a *micAudio) OpenInput() (recorder.Source, error) {
	a.opens++
	if a.inputErr != nil {
		return nil, a.inputErr
	}
	return fake.NewSource(a.samples, uitest.Rate, uitest.Rate/100, true), nil
}

// tone is n frames of a 440 Hz tone at peak amplitude amp.
func tone(n int, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * math.Sin(2*math.Pi*440*float64(i)/uitest.Rate))
	}
	return s
}

// stand is the welcome on a window of its own, with the window's part
// played by counters.
type stand struct {
	w      fyne.Window
	v      *View
	a      *micAudio
	now    time.Time
	done   int
	guides int
	inputs []string
}

func newStand(t *testing.T, a *micAudio, step int) *stand {
	t.Helper()
	s := &stand{w: uitest.ViewWindow(t), a: a, now: uitest.T0}
	keys := widgets.Keys{Key: func(ev *fyne.KeyEvent) { s.v.TypedKey(ev) }, Rune: func(r rune) { s.v.TypedRune(r) }}
	s.v = New(Options{Audio: a, Keys: &keys, Now: func() time.Time { return s.now },
		Inputs: func() []string { return uitest.TwoDevices.In }, Step: step, Model: uitest.StarParts(30)},
		Handlers{
			Show:  func(o fyne.CanvasObject) { uitest.Route(s.w, s.v, o) },
			Done:  func() { s.done++ },
			Guide: func() { s.guides++ },
			Input: func(dev string) { s.inputs = append(s.inputs, dev) },
		})
	s.v.Show()
	t.Cleanup(s.v.Close)
	return s
}

// TestViewStandsAlone drives the welcome on a window of its own: its
// steps with the keys, the check with no microphone and C to check again,
// and what it hands the window (done, the guide).
func TestViewStandsAlone(t *testing.T) {
	s := newStand(t, &micAudio{inputErr: fmt.Errorf("test: %w", audio.ErrNoInput)}, 0)
	if !strings.Contains(uitest.ShownText(s.w), "Welcome to Fail Forward") || s.v.Step() != 0 {
		t.Fatalf("the first step shows %q", uitest.ShownText(s.w))
	}
	uitest.Hit(s.w, fyne.KeySpace)
	if s.v.Step() != 1 || s.v.Status() != msgCheckNoMic || s.a.opens != 1 {
		t.Fatalf("step %d says %q after %d opens, want the check saying no microphone", s.v.Step()+1, s.v.Status(), s.a.opens)
	}
	s.w.Canvas().OnTypedRune()('c')
	if s.a.opens != 2 {
		t.Errorf("C opened the input %d times in all, want 2", s.a.opens)
	}
	uitest.Hit(s.w, fyne.KeyRight)
	uitest.Hit(s.w, fyne.KeyLeft)
	uitest.Hit(s.w, fyne.KeySpace)
	if s.v.Step() != 2 || s.done != 0 {
		t.Fatalf("at step %d, done %d times; want the last step", s.v.Step()+1, s.done)
	}
	s.w.Canvas().OnTypedRune()('g')
	if s.guides != 1 {
		t.Errorf("G on the last step asked for the guide %d times, want once", s.guides)
	}
	uitest.Hit(s.w, fyne.KeySpace)
	uitest.Hit(s.w, fyne.KeyEscape)
	if s.done != 2 {
		t.Errorf("Space on the last step and Escape ended the welcome %d times, want 2", s.done)
	}
}

// TestViewHearsSpeech: on its own window the check hears a tone as a
// voice, and a choice of microphone goes to the window and listens again.
func TestViewHearsSpeech(t *testing.T) {
	s := newStand(t, &micAudio{samples: tone(uitest.Rate*8, 8000)}, 1)
	for range 60 {
		time.Sleep(5 * time.Millisecond)
		s.now = s.now.Add(100 * time.Millisecond)
		s.v.Tick()
		if s.v.Status() == msgCheckHeard {
			break
		}
	}
	if s.v.Status() != msgCheckHeard {
		t.Errorf("the check says %q, want %q", s.v.Status(), msgCheckHeard)
	}
	var sel *widgets.Select
	uitest.WalkObjects(s.w.Content(), func(o fyne.CanvasObject) {
		if x, ok := o.(*widgets.Select); ok {
			sel = x
		}
	})
	if sel == nil {
		t.Fatal("the check has no list of microphones")
	}
	sel.SetSelected(uitest.TwoDevices.In[1])
	if len(s.inputs) != 1 || s.inputs[0] != uitest.TwoDevices.In[1] || s.a.opens != 2 {
		t.Errorf("the choice went to the window as %q and the input opened %d times; want %q and 2",
			s.inputs, s.a.opens, uitest.TwoDevices.In[1])
	}
}
