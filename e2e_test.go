package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/internal/rtexec"
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

// logAppOutput shows what the app printed when the test fails, less the
// sound system's probing chatter.
func logAppOutput(t *testing.T, app *exec.Cmd) {
	var out bytes.Buffer
	app.Stdout, app.Stderr = &out, &out
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if line != "" && !strings.HasPrefix(line, "ALSA") && !strings.Contains(line, "jack") && !strings.Contains(line, "JACK") {
				t.Log("app: " + line)
			}
		}
	})
}

// startApp starts the built app with args and env added to the test's
// environment, and returns its window once it is on screen. The app is
// killed when the test ends; what it printed is logged if the test failed.
func startApp(t *testing.T, env []string, args ...string) string {
	t.Helper()
	// Past the first-start welcome: these tests start with no settings.
	app := rtexec.CommandContext(context.Background(), appBinary(t), append([]string{"--no-welcome"}, args...)...)
	app.Env = append(os.Environ(), env...)
	logAppOutput(t, app)
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		app.Process.Kill()
		app.Wait()
	})
	return waitForWindow(t, "Fail Forward", 60*time.Second)
}

// needDeviceAndScreen skips (or, where required, fails) a test that drives
// the app without the virtual audio device, an X display and xdotool, and
// returns the device's sample rate.
func needDeviceAndScreen(t *testing.T) int {
	t.Helper()
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
	return rate
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
	rate := needDeviceAndScreen(t)
	dir := t.TempDir()
	speech := speechRaw(t, dir, rate, "The release slipped because I skipped the load test. I owned it, fixed the plan, and now I test the riskiest part first.")
	lib := filepath.Join(dir, "takes")
	played := filepath.Join(dir, "played.raw")

	win := startApp(t, []string{"LANG=en_US.UTF-8",
		"FF_CAPTURE_RAW=" + filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW=" + played}, "--library", lib, "--think", "0s", "--limit", "30s")
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

	take := waitForTake(t, lib, 20*time.Second)
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
	// Playing takes the take's length; on a busy machine it can start
	// late, so the output is read until it holds the whole take.
	time.Sleep(time.Duration(len(got)) * time.Second / time.Duration(rate))
	var out []int16
	at := -1
	for deadline := time.Now().Add(20 * time.Second); at < 0 && time.Now().Before(deadline); {
		time.Sleep(250 * time.Millisecond)
		if _, err := os.Stat(played); err != nil {
			continue // the output is not open yet
		}
		out = readRaw(t, played)
		at = runAt(out, got)
	}
	if at < 0 {
		t.Fatalf("playback output (%d samples) does not contain the take (%d samples)%s", len(out), len(got), whereTakeBreaks(out, got, rate, 256))
	}
	for i, v := range out {
		if (i < at || i >= at+len(got)) && v != 0 {
			t.Fatalf("playback output has sound outside the take at sample %d", i)
		}
	}
}

// whereTakeBreaks says how the output out strays from the take got, for a
// failure message: where the take's first sound is and how far the output
// follows the take from there, and what it holds where it stops following
// (silence a late device put in, and whether the take goes on after it).
// A stretch of the take is found in out when its first match samples are.
func whereTakeBreaks(out, got []int16, rate, match int) string {
	first := slices.IndexFunc(got, func(v int16) bool { return v != 0 })
	if first < 0 {
		return "; the take is all silence"
	}
	head := got[first:min(len(got), first+match)]
	a := runAt(out, head)
	if a < 0 {
		return "; the output never holds the take's first sound"
	}
	start := a - first
	k := first
	for k < len(got) && start+k < len(out) && out[start+k] == got[k] {
		k++
	}
	at := func(n int) time.Duration { return time.Duration(n) * time.Second / time.Duration(rate) }
	if start+k >= len(out) {
		return fmt.Sprintf("; it follows the take for %d samples (%v) from output sample %d, and then the output ends", k, at(k), start)
	}
	zeros := 0
	for start+k+zeros < len(out) && out[start+k+zeros] == 0 {
		zeros++
	}
	if zeros == 0 {
		return fmt.Sprintf("; it follows the take for %d samples (%v) from output sample %d, then has %d where the take has %d",
			k, at(k), start, out[start+k], got[k])
	}
	why := "; what follows is not the take's"
	if zeros > 0 && runAt(out[start+k+zeros:], got[k:min(len(got), k+match)]) == 0 {
		why = ", after which the take goes on where it stopped: the device played silence while PortAudio's audio thread was late"
	}
	return fmt.Sprintf("; it follows the take for %d samples (%v) from output sample %d, then holds %d samples (%v) of silence%s",
		k, at(k), start, zeros, at(zeros), why)
}

// waitForTake waits until the library in lib holds one finished take (its
// take.json saved when the recording ended, not while it ran) and returns
// it.
func waitForTake(t *testing.T, lib string, limit time.Duration) practice.Take {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		var takes []string
		entries, _ := os.ReadDir(lib)
		for _, e := range entries {
			if e.IsDir() { // not the library's lock file
				takes = append(takes, e.Name())
			}
		}
		if len(takes) == 1 {
			var take practice.Take
			data, err := os.ReadFile(filepath.Join(lib, takes[0], "take.json"))
			if err == nil && json.Unmarshal(data, &take) == nil && take.State == practice.StateDone && take.Stopped != "" {
				return take
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no finished take saved in %s", lib)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestTagsByKeyboard presses S, T, A, R and L at known moments while the
// built app records from the virtual audio device: the take must be saved
// with five parts whose starts are those moments less the reaction
// compensation, measured from the Space that started the answer.
//
// The moments are taken on this side, around each xdotool call, so each is
// known to within the call's own span (it returns once the X server has
// the event). The app then sees the event one pass of its event loop
// later, for Space and for the letter alike; only the difference of the
// two delays shows. The parts are stored in the recording's time, which
// begins StartDelayMS after the answer; that delay is known to within one
// audio buffer (the first buffer's arrival less its length). So the
// allowed error is one buffer, plus the spans of the two xdotool calls,
// plus keyDeliverySlack for the difference of the event loop delays.
func TestTagsByKeyboard(t *testing.T) {
	rate := needDeviceAndScreen(t)
	// The device's buffer, in frames (audio/device's default).
	const buffer = 1024
	// keyDeliverySlack bounds how much later the app may handle one key
	// than another after xdotool returned: two frames of its event loop
	// at 60 Hz.
	const keyDeliverySlack = 34 * time.Millisecond

	dir := t.TempDir()
	speechRaw(t, dir, rate, "When I led the billing migration the release slipped by two weeks. I skipped the load test, the queue backed up, and we rolled back. Now I test the riskiest part first.")
	lib := filepath.Join(dir, "takes")
	win := startApp(t, []string{"LANG=en_US.UTF-8",
		"FF_CAPTURE_RAW=" + filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW=" + filepath.Join(dir, "played.raw")}, "--library", lib, "--think", "0s", "--limit", "30s")
	// key sends one key and returns when xdotool was started and when it
	// returned.
	key := func(k string) (before, after time.Time) {
		t.Helper()
		before = time.Now()
		if out, err := exec.Command("xdotool", "key", "--window", win, k).CombinedOutput(); err != nil {
			t.Fatalf("xdotool key %s: %v: %s", k, err, out)
		}
		return before, time.Now()
	}
	time.Sleep(time.Second) // let the window settle before the timed part

	presses := []struct {
		key  string
		at   time.Duration // after Space
		kind practice.Kind
	}{
		{"s", 1500 * time.Millisecond, practice.Situation},
		{"t", 2700 * time.Millisecond, practice.Task},
		{"a", 3900 * time.Millisecond, practice.Action},
		{"r", 5100 * time.Millisecond, practice.Result},
		{"l", 6300 * time.Millisecond, practice.Lesson},
	}
	spaceFrom, spaceTo := key("space")
	type span struct{ from, to time.Time }
	sent := make([]span, len(presses))
	for i, p := range presses {
		time.Sleep(time.Until(spaceFrom.Add(p.at)))
		sent[i].from, sent[i].to = key(p.key)
	}
	time.Sleep(time.Until(spaceFrom.Add(7500 * time.Millisecond)))
	key("space") // stop

	take := waitForTake(t, lib, 20*time.Second)
	if len(take.Parts) != len(presses) {
		t.Fatalf("take.json has %d parts (%v), want %d", len(take.Parts), take.Parts, len(presses))
	}
	bufferLen := time.Duration(buffer) * time.Second / time.Duration(rate)
	delay := time.Duration(take.StartDelayMS * float64(time.Millisecond))
	comp := practice.DefaultReaction
	for i, p := range presses {
		got := take.Parts[i]
		// Where the key should have marked the part, in the answer's
		// time: the middle of what this side knows, and how far off the
		// app may honestly be.
		mid := sent[i].from.Add(sent[i].to.Sub(sent[i].from)/2).Sub(spaceFrom.Add(spaceTo.Sub(spaceFrom)/2)) - comp
		tol := bufferLen + sent[i].to.Sub(sent[i].from)/2 + spaceTo.Sub(spaceFrom)/2 + keyDeliverySlack
		at := time.Duration(got.Start*float64(time.Second)) + delay
		t.Logf("%s: part starts at %v of the answer (%.3f s in the recording + start delay %v); key sent at %v less %v; off by %v (allowed %v)",
			p.kind, at.Round(time.Millisecond), got.Start, delay, (mid + comp).Round(time.Millisecond), comp, (at - mid).Round(time.Millisecond), tol.Round(time.Millisecond))
		if got.Kind != p.kind {
			t.Errorf("part %d is a %v, want %v", i, got.Kind, p.kind)
		}
		if d := at - mid; d < -tol || d > tol {
			t.Errorf("%v starts at %v of the answer, want %v ± %v", p.kind, at, mid, tol)
		}
	}
}

// TestListenToCuesByKeyboard opens the settings with Ctrl+6 and plays the
// tone cues with Ctrl+L, on the virtual audio device: the output must get
// the three cues in order, one, two and three beeps, the last one long.
func TestListenToCuesByKeyboard(t *testing.T) {
	rate := needDeviceAndScreen(t)
	dir := t.TempDir()
	// The saved settings choose tone cues (Fyne keeps its preferences under
	// the user's configuration folder).
	prefs := filepath.Join(dir, "config", "fyne", appID)
	if err := os.MkdirAll(prefs, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prefs, "preferences.json"), []byte(`{"settings.cues":"tone"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	played := filepath.Join(dir, "played.raw")
	win := startApp(t, []string{"LANG=en_US.UTF-8", "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"FF_CAPTURE_RAW=/dev/null", "FF_PLAYBACK_RAW=" + played}, "--library", filepath.Join(dir, "takes"))
	for _, k := range []string{"ctrl+6", "ctrl+l"} {
		time.Sleep(500 * time.Millisecond)
		if out, err := exec.Command("xdotool", "key", "--window", win, k).CombinedOutput(); err != nil {
			t.Fatalf("xdotool key %s: %v: %s", k, err, out)
		}
	}
	// The three cues last 2.96 s from the first beep (6 beeps, 3 short
	// gaps, 2 gaps between cues); on a busy machine they can start late,
	// so the output is read until it holds that much after the first
	// beep and has stopped growing (the cue's player is closed once it
	// has played).
	const preview = 6*150*time.Millisecond + 300*time.Millisecond + 3*120*time.Millisecond + 2*700*time.Millisecond
	var beeps []time.Duration
	for deadline, n := time.Now().Add(15*time.Second), -1; time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		if _, err := os.Stat(played); err != nil {
			continue // the output is not open yet
		}
		out := readRaw(t, played)
		beeps = beepLengths(out, rate)
		first := slices.IndexFunc(out, func(v int16) bool { return v <= -1000 || v >= 1000 })
		if first >= 0 && len(out) == n && time.Duration(len(out)-first)*time.Second/time.Duration(rate) >= preview {
			break
		}
		n = len(out)
	}
	if len(beeps) != 6 {
		t.Fatalf("the output got %d beeps %v, want 6 (1 at green, 2 at yellow, 3 at red)", len(beeps), beeps)
	}
	for i, d := range beeps {
		want := 150 * time.Millisecond
		if i == 5 {
			want = 450 * time.Millisecond
		}
		if d < want-10*time.Millisecond || d > want+10*time.Millisecond {
			t.Errorf("beep %d lasts %v, want %v", i+1, d, want)
		}
	}
}

// beepLengths returns the length of each run of sound in samples at rate;
// a gap of 50 ms or more, or the end of samples, ends a run.
func beepLengths(samples []int16, rate int) []time.Duration {
	var beeps []time.Duration
	start, last := -1, -1
	for i, v := range samples {
		if v > -1000 && v < 1000 {
			continue
		}
		if start >= 0 && i-last > rate/20 {
			beeps = append(beeps, time.Duration(last-start)*time.Second/time.Duration(rate))
			start = -1
		}
		if start < 0 {
			start = i
		}
		last = i
	}
	if start >= 0 {
		beeps = append(beeps, time.Duration(last-start)*time.Second/time.Duration(rate))
	}
	return beeps
}

// takeDirs lists the take folders in lib.
func takeDirs(lib string) []string {
	var out []string
	entries, _ := os.ReadDir(lib)
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// waitTakeDirs waits until lib holds n take folders.
func waitTakeDirs(t *testing.T, lib string, n int, why string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for len(takeDirs(lib)) != n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: the library holds %v, want %d take folders", why, takeDirs(lib), n)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestGlobalKeysWithFocusInWindow drives the built app's real window: with
// the keyboard focus on a navigation button (after Tab), Space starts a
// take instead of pressing the button; Escape while answering asks, and D
// discards the take, folder and all; Escape then Return keeps one.
func TestGlobalKeysWithFocusInWindow(t *testing.T) {
	rate := needDeviceAndScreen(t)
	dir := t.TempDir()
	speechRaw(t, dir, rate, "I missed the deadline.")
	lib := filepath.Join(dir, "takes")
	win := startApp(t, []string{"LANG=en_US.UTF-8",
		"FF_CAPTURE_RAW=" + filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW=" + filepath.Join(dir, "played.raw")}, "--library", lib, "--think", "0s", "--limit", "30s")
	keys := func(ks ...string) {
		t.Helper()
		for _, k := range ks {
			if out, err := exec.Command("xdotool", "key", "--window", win, k).CombinedOutput(); err != nil {
				t.Fatalf("xdotool key %s: %v: %s", k, err, out)
			}
			time.Sleep(150 * time.Millisecond)
		}
	}
	time.Sleep(time.Second)
	// Tab three times: the focus is on a navigation button ("3 Progress").
	keys("Tab", "Tab", "Tab", "space")
	waitTakeDirs(t, lib, 1, "Space with a button focused")
	time.Sleep(time.Second)
	keys("Escape")
	time.Sleep(300 * time.Millisecond)
	keys("d")
	waitTakeDirs(t, lib, 0, "Escape, then D while answering")

	keys("space")
	waitTakeDirs(t, lib, 1, "Space on the question")
	time.Sleep(time.Second)
	keys("Escape")
	time.Sleep(300 * time.Millisecond)
	keys("Return")
	take := waitForTake(t, lib, 20*time.Second)
	if take.Stopped != "user" || take.Duration <= 0 {
		t.Errorf("kept take: stopped %q, %v s; want stopped by the user, with audio", take.Stopped, take.Duration)
	}
}

func TestWhereTakeBreaks(t *testing.T) {
	take := []int16{0, 4, 5, 6, 7, 8}
	tests := []struct {
		name string
		out  []int16
		says string
	}{
		{"silence inserted", []int16{0, 0, 4, 5, 0, 0, 0, 6, 7, 8}, "; it follows the take for 3 samples (3ms) from output sample 1, then holds 3 samples (3ms) of silence, after which the take goes on where it stopped: the device played silence while PortAudio's audio thread was late"},
		{"other sound", []int16{0, 4, 5, 9, 9}, "; it follows the take for 3 samples (3ms) from output sample 0, then has 9 where the take has 6"},
		{"cut short", []int16{0, 0, 4, 5}, "; it follows the take for 3 samples (3ms) from output sample 1, and then the output ends"},
		{"silence, then other sound", []int16{0, 4, 5, 0, 9}, "; it follows the take for 3 samples (3ms) from output sample 0, then holds 1 samples (1ms) of silence; what follows is not the take's"},
		{"never there", []int16{0, 5, 4}, "; the output never holds the take's first sound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := whereTakeBreaks(tt.out, take, 1000, 2); got != tt.says {
				t.Errorf("whereTakeBreaks(%v) = %q, want %q", tt.out, got, tt.says)
			}
		})
	}
}
