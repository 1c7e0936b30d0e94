package ui

import (
	"fmt"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/internal/uitest"
	"failforward/ui/settings"
	"failforward/ui/welcome"
	"failforward/ui/widgets"
)

// welcomeShown is the welcome on show, nil when it is not.
func (h *harness) welcomeShown() *welcome.View { return shown[*welcome.View](h.c) }

// newWelcomeHarness opens the window with the welcome, as main does on a
// first start.
func newWelcomeHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, timer.DefaultConfig(), func(o *Options) { o.Welcome = true })
	if h.c.screen != screenWelcome {
		t.Fatalf("with Welcome set the window opens on screen %d, want the welcome", h.c.screen)
	}
	return h
}

// TestWelcomeSkip: Escape at every step skips the welcome, counts as seen
// and it does not open by itself again.
func TestWelcomeSkip(t *testing.T) {
	for step := range welcome.Steps {
		t.Run(fmt.Sprint(step+1), func(t *testing.T) {
			h := newWelcomeHarness(t)
			if !FirstStart(fyne.CurrentApp()) {
				t.Fatal("FirstStart false with empty preferences")
			}
			for range step {
				h.space()
			}
			if h.welcomeShown() == nil || h.welcomeShown().Step() != step {
				t.Fatalf("after %d Spaces the welcome is not at step %d", step, step+1)
			}
			h.key(fyne.KeyEscape)
			if h.c.screen != screenQuestion || h.welcomeShown() != nil {
				t.Fatalf("Escape at step %d: screen %d, want the question", step+1, h.c.screen)
			}
			if FirstStart(fyne.CurrentApp()) {
				t.Error("after Escape FirstStart still says the welcome should open")
			}
		})
	}
}

// TestWelcomeGoldens shows each step in both themes: the microphone step
// with no microphone, whose text does not move.
func TestWelcomeGoldens(t *testing.T) {
	for _, th := range []practice.Theme{practice.ThemeLight, practice.ThemeDark} {
		t.Run(string(th), func(t *testing.T) {
			h := newWelcomeHarness(t)
			h.audio.inputErr = fmt.Errorf("test: %w", audio.ErrNoInput)
			applyTheme(t, th)
			h.welcomeShown().Show()
			for step := range welcome.Steps {
				test.AssertRendersToImage(t, fmt.Sprintf("welcome_%d_%s.png", step+1, th), h.c.win.Canvas())
				h.space()
			}
			if h.c.screen != screenQuestion {
				t.Errorf("Space at the last step: screen %d, want the question", h.c.screen)
			}
		})
	}
}

// TestWelcomeMicrophoneCheck drives the check with a voice, silence, a
// signal that clips and no microphone.
func TestWelcomeMicrophoneCheck(t *testing.T) {
	tests := []struct {
		name    string
		samples []int16
		err     error
		want    string
	}{
		{"speech", sine(testRate*8, 8000), nil, "We hear you. Your microphone works."},
		{"silence", make([]int16, testRate*8), nil, "We hear only silence: the microphone sends no sound at all."},
		{"clipping", sine(testRate*8, 32767), nil, "Your voice is too loud for the microphone"},
		{"no microphone", nil, fmt.Errorf("test: %w", audio.ErrNoInput), "No microphone was found."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newWelcomeHarness(t)
			h.audio.samples, h.audio.inputErr = tt.samples, tt.err
			h.space()
			if tt.err == nil {
				h.src().allow(60)
			}
			for range 50 {
				time.Sleep(5 * time.Millisecond)
				h.advance(100 * time.Millisecond)
			}
			if !h.shows(tt.want) {
				t.Errorf("the check says %q, want %q", h.welcomeShown().Status(), tt.want)
			}
			// Whatever it found, the user can go on.
			h.space()
			if h.welcomeShown() == nil || h.welcomeShown().Step() != 2 {
				t.Error("Space did not go on to the next step")
			}
		})
	}
}

// TestWelcomeTestRecording records three seconds with T and plays them
// back.
func TestWelcomeTestRecording(t *testing.T) {
	h := newWelcomeHarness(t)
	h.space()
	h.char('t')
	if !h.shows("Recording 3 seconds") {
		t.Fatalf("T did not start the test recording; the screen shows %q", h.welcomeShown().TestLine())
	}
	h.src().allow(40)
	deadline := time.Now().Add(5 * time.Second)
	for h.welcomeShown().Recorded() < 30*testBlock && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	h.advance(3 * time.Second)
	if len(h.audio.players) != 1 {
		t.Fatalf("%d players opened, want 1 for the playback; the screen says %q", len(h.audio.players), h.welcomeShown().TestLine())
	}
	p := h.audio.players[0]
	if n := p.Len(); n < 30*testBlock {
		t.Errorf("the playback holds %d frames, want at least %d (3 s)", n, 30*testBlock)
	}
	if !h.shows("Playing your 3 seconds back") {
		t.Errorf("no playback message; the screen shows %q", h.welcomeShown().TestLine())
	}
	path := h.welcomeShown().TestPath()
	h.key(fyne.KeyEscape)
	if _, err := os.Stat(path); err == nil {
		t.Errorf("the test recording %s is still there after the welcome", path)
	}
}

// TestWelcomeFromHelp opens the welcome again from the help sheet, and
// G on its last step leads to the guide.
func TestWelcomeFromHelp(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.key(fyne.KeyF1)
	var again *widgets.Button
	uitest.WalkObjects(h.c.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.Button); ok && b.Text == "Welcome and microphone check" {
			again = b
		}
	})
	if again == nil {
		t.Fatal("the help sheet has no way to the welcome")
	}
	test.Tap(again)
	if h.c.screen != screenWelcome {
		t.Fatalf("the help sheet's button: screen %d, want the welcome", h.c.screen)
	}
	h.space()
	h.space()
	h.char('g')
	if h.c.screen != screenGuide || h.welcomeShown() != nil {
		t.Errorf("G on the last step: screen %d, want the guide", h.c.screen)
	}
}

// TestWelcomeFits: every step of the welcome keeps its buttons in the
// smallest window and at 800x600; Left steps back.
func TestWelcomeFits(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 960, Height: 640}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			h := newWelcomeHarness(t)
			h.c.win.Resize(size)
			for step := range welcome.Steps {
				h.c.tick()
				widgets.Relayout(h.c.win.Content())
				if m := h.c.win.Content().MinSize(); m.Width > minWidth || m.Height > minHeight {
					t.Errorf("step %d needs %v, want at most %dx%d", step+1, m, minWidth, minHeight)
				}
				if bad := h.offScreen(true); len(bad) > 0 {
					t.Errorf("step %d: buttons off the window: %v", step+1, bad)
				}
				if step < welcome.Steps-1 {
					h.space()
				}
			}
			h.key(fyne.KeyLeft)
			if h.welcomeShown() == nil || h.welcomeShown().Step() != welcome.Steps-2 {
				t.Error("Left on the last step did not go back a step")
			}
		})
	}
}

// TestWelcomeDeviceChoiceSaved: choosing a microphone in the check saves
// it to Settings at once, hands it to the window's owner and listens on
// it.
func TestWelcomeDeviceChoiceSaved(t *testing.T) {
	var applied []practice.Settings
	h := newHarness(t, timer.DefaultConfig(), func(o *Options) {
		o.Welcome = true
		o.Devices = uitest.TwoDevices
		o.OnSettings = func(s practice.Settings) { applied = append(applied, s) }
	})
	h.space()
	var sel *widgets.Select
	uitest.WalkObjects(h.c.win.Content(), func(o fyne.CanvasObject) {
		if s, ok := o.(*widgets.Select); ok {
			sel = s
		}
	})
	if sel == nil {
		t.Fatal("the microphone step has no device list")
	}
	want := uitest.TwoDevices.In[0]
	if len(sel.Options) != len(uitest.TwoDevices.In)+1 || sel.Options[0] != settings.SystemDefault {
		t.Fatalf("the device list offers %q, want the system default and %q", sel.Options, uitest.TwoDevices.In)
	}
	opens := h.audio.opens
	sel.SetSelected(want)
	if got := LoadSettings(fyne.CurrentApp()).InputDevice; got != want {
		t.Errorf("saved input %q, want %q", got, want)
	}
	if len(applied) != 1 || applied[0].InputDevice != want {
		t.Errorf("OnSettings got %+v, want the new input once", applied)
	}
	if h.audio.opens != opens+1 {
		t.Errorf("the input was opened %d times after the choice, want once more", h.audio.opens-opens)
	}
	if FirstStart(fyne.CurrentApp()) {
		t.Error("with a setting saved, FirstStart still says the welcome should open")
	}
}

// TestWelcomeFromSettings: the settings screen's Check… opens the
// welcome at its microphone check.
func TestWelcomeFromSettings(t *testing.T) {
	h := newHarness(t, timer.DefaultConfig())
	h.shortcut(uitest.Ctrl(fyne.Key6))
	var check *widgets.Button
	uitest.WalkObjects(h.c.win.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.Button); ok && b.Text == "Check…" {
			check = b
		}
	})
	if check == nil {
		t.Fatal("the settings screen has no Check… for the microphone")
	}
	test.Tap(check)
	if h.c.screen != screenWelcome || h.welcomeShown().Step() != 1 || shown[*settings.View](h.c) != nil {
		t.Fatalf("Check…: screen %d, want the welcome's microphone check", h.c.screen)
	}
	if !h.shows("Check your microphone") {
		t.Error("the microphone check is not on show")
	}
	h.key(fyne.KeyEscape)
	if h.c.screen != screenQuestion {
		t.Errorf("Escape on the check: screen %d, want the question", h.c.screen)
	}
}
