package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"failforward/audio/wavfile"
	"failforward/practice"
	"failforward/ui/internal/uitest"
)

// crashedTake leaves a take as a crash would: audio written but never
// closed, take.json saying it is still recording, one part tagged.
func crashedTake(t *testing.T, lib *practice.Library) practice.Take {
	t.Helper()
	take, _, err := lib.NewTake(uitest.Questions[0], time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	w, err := wavfile.Create(lib.AudioPath(take.ID), testRate)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(sine(2*testRate, 8000)); err != nil {
		t.Fatal(err)
	}
	take.SampleRate = testRate
	take.Duration = 1.5
	take.Parts = []practice.Part{{Kind: practice.Situation, Start: 0, End: 1}}
	if err := lib.SaveRecording(take); err != nil {
		t.Fatal(err)
	}
	return take
}

// startAfterCrash opens a window on a new library holding one take a crash
// left unfinished, with the start-up offer to recover it on show.
func startAfterCrash(t *testing.T) (*practice.Library, practice.Take, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	lib, err := practice.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	take := crashedTake(t, lib)
	return lib, take, openWithUnfinished(t, lib)
}

func openWithUnfinished(t *testing.T, lib *practice.Library) fyne.Window {
	t.Helper()
	un, err := lib.Unfinished()
	if err != nil || len(un) != 1 {
		t.Fatalf("Unfinished: got %d takes, err %v; want 1", len(un), err)
	}
	if !strings.Contains(recoveryText(un[0]), uitest.Questions[0].Text) {
		t.Errorf("recovery text %q does not name the question", recoveryText(un[0]))
	}
	c := newCoach(fyne.CurrentApp(), Options{Library: lib, Audio: &testAudio{}, Questions: uitest.Questions, Unfinished: un})
	t.Cleanup(c.win.Close)
	c.offerRecovery()
	win := c.win
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("no recovery dialog shown")
	}
	return win
}

func TestRecoveryKeepsAudioAndParts(t *testing.T) {
	lib, take, win := startAfterCrash(t)

	test.Tap(uitest.FindButton(win.Canvas().Overlays().Top(), "Recover"))

	got, err := lib.Load(take.ID)
	if err != nil {
		t.Fatalf("recovered take does not load: %v", err)
	}
	if got.State != practice.StateRecovered || got.Duration != 2 || len(got.Parts) != 1 {
		t.Errorf("recovered take: state %q, %v s, %d parts; want recovered, 2 s, 1 part", got.State, got.Duration, len(got.Parts))
	}
	if un, _ := lib.Unfinished(); len(un) != 0 {
		t.Errorf("still %d unfinished takes after recovery", len(un))
	}
	samples, _, err := wavfile.ReadMono(lib.AudioPath(take.ID))
	if err != nil || len(samples) != 2*testRate {
		t.Errorf("recovered audio: %d samples, err %v; want %d", len(samples), err, 2*testRate)
	}
}

func TestDiscardAsksFirst(t *testing.T) {
	lib, take, win := startAfterCrash(t)

	test.Tap(uitest.FindButton(win.Canvas().Overlays().Top(), "Discard…"))
	if _, err := os.Stat(lib.AudioPath(take.ID)); err != nil {
		t.Fatalf("the take was deleted before the user confirmed: %v", err)
	}
	confirm := win.Canvas().Overlays().Top()
	if confirm == nil {
		t.Fatal("no confirmation asked")
	}
	test.Tap(uitest.FindButton(confirm, "Yes"))
	if _, err := os.Stat(lib.AudioPath(take.ID)); !os.IsNotExist(err) {
		t.Errorf("after confirming, the take's audio still exists (%v)", err)
	}
}

func TestDecideLaterChangesNothing(t *testing.T) {
	lib, _, win := startAfterCrash(t)
	test.Tap(uitest.FindButton(win.Canvas().Overlays().Top(), "Decide later"))
	if un, _ := lib.Unfinished(); len(un) != 1 {
		t.Errorf("after Decide later: %d unfinished takes, want 1 (offered again next time)", len(un))
	}
}

// TestRecoveryDialogAfterLibraryRecovered answers the start-up offer for
// a take already recovered from the library (keys reach the window under
// the dialog): Recover and Discard move on without a false failure, and
// Discard deletes nothing.
func TestRecoveryDialogAfterLibraryRecovered(t *testing.T) {
	for _, button := range []string{"Recover", "Discard…"} {
		t.Run(button, func(t *testing.T) {
			lib, take, win := startAfterCrash(t)
			if _, err := lib.Recover(take.ID, wavfile.RepairTake); err != nil {
				t.Fatal(err)
			}
			test.Tap(uitest.FindButton(win.Canvas().Overlays().Top(), button))
			if o := win.Canvas().Overlays().Top(); o != nil && button == "Discard…" {
				test.Tap(uitest.FindButton(o, "Yes"))
			}
			if o := win.Canvas().Overlays().Top(); o != nil {
				t.Errorf("after %s a dialog is still open: %q", button, uitest.ObjectText(o))
			}
			if got, err := lib.Load(take.ID); err != nil || got.State != practice.StateRecovered {
				t.Errorf("the recovered take: state %q, err %v; want it kept, recovered", got.State, err)
			}
		})
	}
}
