package devices

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"failforward/audio"
)

func TestWaitReportsAFailureOnce(t *testing.T) {
	var stderr bytes.Buffer
	s := &System{ready: make(chan struct{}), err: errors.New("device: no sound server"), stderr: &stderr}
	close(s.ready)
	s.Wait()
	s.Wait()
	if got := strings.Count(stderr.String(), "audio system: device: no sound server"); got != 1 {
		t.Errorf("stderr %q tells the failure %d times, want once", stderr.String(), got)
	}
}

// TestOnTheVirtualDevice plays a short tone on the virtual sound device of
// scripts/vaudio.sh through the adapters, as the review does, and lists the
// devices as the settings screen does. It opens one stream only (see
// audio/device's tests for why).
func TestOnTheVirtualDevice(t *testing.T) {
	if os.Getenv("FF_VAUDIO") != "1" {
		const why = "no virtual audio device: run under scripts/vaudio.sh (FF_VAUDIO is not 1)"
		if os.Getenv("FF_REQUIRE_VAUDIO") == "1" {
			t.Fatal(why + ", and FF_REQUIRE_VAUDIO=1 requires it")
		}
		t.Skip(why)
	}
	var stderr bytes.Buffer
	sys := Start(&stderr)
	defer sys.Stop()
	names := NewNames(sys)
	if len(names.Inputs()) == 0 || len(names.Outputs()) == 0 {
		t.Fatalf("inputs %q, outputs %q: want the virtual device in both", names.Inputs(), names.Outputs())
	}

	const rate = 48000
	tone := audio.Tone(rate, 440, 300*time.Millisecond, 0.3)
	a := NewAudio(sys, "", "")
	p, err := a.OpenPlayer(tone, rate)
	if err != nil {
		t.Fatalf("OpenPlayer: %v", err)
	}
	defer p.Close()
	if p.Len() != int64(len(tone)) {
		t.Errorf("player length %d frames, want %d", p.Len(), len(tone))
	}
	p.Play()
	deadline := time.Now().Add(10 * time.Second)
	for p.Playing() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.Playing() {
		t.Fatal("the tone still plays after 10 s")
	}
	if err := p.Err(); err != nil {
		t.Errorf("playback: %v", err)
	}
	if p.Position() < int64(len(tone)) {
		t.Errorf("played to frame %d of %d", p.Position(), len(tone))
	}
	if stderr.Len() > 0 {
		t.Errorf("the audio system reported %q", stderr.String())
	}
}
