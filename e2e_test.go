package main

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/practice"
)

// speechRaw makes a few seconds of espeak-ng speech as raw S16LE mono at
// rate (no dither, so the bytes are the same every run).
func speechRaw(t *testing.T, dir string, rate int, text string) []int16 {
	t.Helper()
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			require(t, "FF_REQUIRE_TOOLS", tool)
		}
	}
	wav := filepath.Join(dir, "speech.wav")
	raw := filepath.Join(dir, "speech.raw")
	if out, err := exec.Command("espeak-ng", "-w", wav, text).CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v: %s", err, out)
	}
	if out, err := exec.Command("sox", "-D", wav, "-t", "raw", "-e", "signed-integer", "-b", "16",
		"-c", "1", "-L", "-r", strconv.Itoa(rate), raw).CombinedOutput(); err != nil {
		t.Fatalf("sox: %v: %s", err, out)
	}
	return readRaw(t, raw)
}

func readRaw(t *testing.T, path string) []int16 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := make([]int16, len(data)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
	}
	return s
}

// runAt returns where got stands in stream as a contiguous run, or -1.
func runAt(stream, got []int16) int {
	for off := 0; off+len(got) <= len(stream); off++ {
		i := 0
		for i < len(got) && stream[off+i] == got[i] {
			i++
		}
		if i == len(got) {
			return off
		}
	}
	return -1
}

// TestPracticeTurnByKeyboard drives the built app with keys only, on the
// virtual audio device and the X display: Space starts (think time 0),
// Space stops, Space plays the take back. The take on disk must be the
// speech the microphone heard, from its start, and playback must send
// exactly the take to the output.
func TestPracticeTurnByKeyboard(t *testing.T) {
	if os.Getenv("FF_VAUDIO") == "" {
		require(t, "FF_REQUIRE_VAUDIO", "virtual audio device")
	}
	if os.Getenv("DISPLAY") == "" {
		require(t, "FF_REQUIRE_DISPLAY", "X display")
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		require(t, "FF_REQUIRE_TOOLS", "xdotool")
	}
	rate, _ := strconv.Atoi(os.Getenv("FF_VAUDIO_RATE"))
	if rate == 0 {
		rate = 48000
	}
	dir := t.TempDir()
	speech := speechRaw(t, dir, rate, "The release slipped because I skipped the load test. I owned it, fixed the plan, and now I test the riskiest part first.")
	lib := filepath.Join(dir, "takes")
	played := filepath.Join(dir, "played.raw")

	app := exec.Command(appBinary(t), "--library", lib, "--think", "0s", "--limit", "30s")
	app.Env = append(os.Environ(), "LANG=en_US.UTF-8",
		"FF_CAPTURE_RAW="+filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW="+played)
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		app.Process.Kill()
		app.Wait()
	}()
	win := waitForWindow(t, "Fail Forward", 60*time.Second)
	key := func(k string) {
		t.Helper()
		if out, err := exec.Command("xdotool", "key", "--window", win, k).CombinedOutput(); err != nil {
			t.Fatalf("xdotool key %s: %v: %s", k, err, out)
		}
	}

	speechLen := time.Duration(len(speech)) * time.Second / time.Duration(rate)
	key("space") // start: think time is 0, so recording starts at once
	time.Sleep(speechLen + time.Second)
	key("space") // stop

	var take practice.Take
	deadline := time.Now().Add(20 * time.Second)
	for {
		takes, _ := os.ReadDir(lib)
		if len(takes) == 1 {
			data, err := os.ReadFile(filepath.Join(lib, takes[0].Name(), "take.json"))
			if err == nil && json.Unmarshal(data, &take) == nil {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no take saved in %s after stopping", lib)
		}
		time.Sleep(100 * time.Millisecond)
	}
	got, info, err := wavfile.ReadMono(filepath.Join(lib, take.ID, "answer.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if info.SampleRate != rate || take.SampleRate != rate {
		t.Errorf("sample rate: file %d, take.json %d, want %d", info.SampleRate, take.SampleRate, rate)
	}
	if take.Stopped != "user" || take.Dropped != 0 {
		t.Errorf("take.json: stopped %q with %d dropped blocks, want user and 0", take.Stopped, take.Dropped)
	}
	if d := time.Duration(take.Duration * float64(time.Second)); d < speechLen || d > speechLen+5*time.Second {
		t.Errorf("take length %v: want the speech (%v) plus the wait", d, speechLen)
	}
	// The microphone hears the speech and then silence; the take must be
	// one contiguous run of that, starting within two blocks of its start.
	heard := append(append([]int16{}, speech...), make([]int16, len(got))...)
	off := runAt(heard, got)
	if off < 0 {
		t.Fatalf("the take (%d samples) is not a contiguous run of what the microphone heard", len(got))
	}
	if off > 2048 {
		t.Errorf("the take starts %d samples (%v) into the speech: the start of the answer was lost",
			off, time.Duration(off)*time.Second/time.Duration(rate))
	}
	t.Logf("first recorded sample: input offset %d; start delay in take.json %.1f ms", off, take.StartDelayMS)
	if take.StartDelayMS > 250 {
		t.Errorf("start delay %.1f ms: want under 250 ms from Space to the first recorded sample", take.StartDelayMS)
	}

	key("space") // play the take back
	time.Sleep(time.Duration(len(got))*time.Second/time.Duration(rate) + 1500*time.Millisecond)
	out := readRaw(t, played)
	at := runAt(out, got)
	if at < 0 {
		t.Fatalf("playback output (%d samples) does not contain the take (%d samples)", len(out), len(got))
	}
	for i, v := range out {
		if (i < at || i >= at+len(got)) && v != 0 {
			t.Fatalf("playback output has sound outside the take at sample %d", i)
		}
	}
}
