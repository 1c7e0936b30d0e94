package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"failforward/internal/devices"
	"failforward/internal/rtexec"
	"failforward/ui"
)

// micCheckHelper names the environment variable that makes
// TestMicCheckHelper run the welcome's microphone check on the real
// devices, in a process of its own: the virtual device reads its input
// file from the environment when PortAudio starts.
const micCheckHelper = "FF_MICCHECK_HELPER"

// TestMicCheckHelper is the child process of TestWelcomeMicCheck.
func TestMicCheckHelper(t *testing.T) {
	if os.Getenv(micCheckHelper) == "" {
		t.Skip("runs only as the child of TestWelcomeMicCheck")
	}
	sys := devices.Start(io.Discard)
	defer sys.Stop()
	os.Stdout.WriteString("VERDICT: " + ui.CheckMicrophone(devices.NewAudio(sys, "", "")) + "\n")
}

// runMicCheck runs the microphone check in a child process with env and
// returns what it said.
func runMicCheck(t *testing.T, env []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := rtexec.CommandContext(ctx, os.Args[0], "-test.run=^TestMicCheckHelper$", "-test.count=1")
	cmd.Env = append(env, micCheckHelper+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("microphone check: %v\n%s", err, out.String())
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(line, "VERDICT: "); ok {
			return v
		}
	}
	t.Fatalf("the microphone check said nothing:\n%s", out.String())
	return ""
}

// TestWelcomeMicCheck runs the welcome's microphone check on the real
// virtual device with speech and with a silent input, and on a system
// with no sound device.
func TestWelcomeMicCheck(t *testing.T) {
	t.Run("speech", func(t *testing.T) {
		rate := vaudioRate(t)
		dir := t.TempDir()
		speechRaw(t, dir, rate, "Two years ago I missed a deadline that mattered, and I learned to say early when a date is at risk.")
		got := runMicCheck(t, append(os.Environ(), "FF_CAPTURE_RAW="+filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW="+filepath.Join(dir, "played.raw")))
		t.Logf("the check says %q", got)
		if !strings.HasPrefix(got, "We hear you.") {
			t.Errorf("with speech the check says %q, want \"We hear you.\"", got)
		}
	})
	t.Run("silence", func(t *testing.T) {
		rate := vaudioRate(t)
		dir := t.TempDir()
		silent := filepath.Join(dir, "silence.raw")
		if err := os.WriteFile(silent, make([]byte, 2*rate*6), 0o600); err != nil {
			t.Fatal(err)
		}
		got := runMicCheck(t, append(os.Environ(), "FF_CAPTURE_RAW="+silent, "FF_PLAYBACK_RAW="+filepath.Join(dir, "played.raw")))
		t.Logf("the check says %q", got)
		if !strings.HasPrefix(got, "We hear only silence") {
			t.Errorf("with a silent input the check says %q, want the silence advice", got)
		}
	})
	t.Run("no device", func(t *testing.T) {
		// The system's own ALSA configuration and no JACK server: a
		// machine without a sound card.
		if cards, _ := filepath.Glob("/dev/snd/pcmC*"); len(cards) > 0 {
			t.Skipf("this machine has a sound card (%s)", cards[0])
		}
		env := append(envWithout("ALSA_CONFIG_PATH", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW", "JACK_DEFAULT_SERVER"),
			"JACK_DEFAULT_SERVER=ff-no-server-"+strconv.Itoa(os.Getpid()), "JACK_NO_START_SERVER=1")
		got := runMicCheck(t, env)
		t.Logf("the check says %q", got)
		if !strings.HasPrefix(got, "No microphone was found.") {
			t.Errorf("with no device the check says %q, want that there is no microphone", got)
		}
	})
}

// vaudioRate is the virtual device's rate; without the device the test
// is skipped (or fails where it is required).
func vaudioRate(t *testing.T) int {
	t.Helper()
	if os.Getenv("FF_VAUDIO") == "" {
		require(t, "FF_REQUIRE_VAUDIO", "virtual audio device")
	}
	rate, err := strconv.Atoi(os.Getenv("FF_VAUDIO_RATE"))
	if err != nil || rate <= 0 {
		t.Fatalf("FF_VAUDIO_RATE = %q", os.Getenv("FF_VAUDIO_RATE"))
	}
	return rate
}
