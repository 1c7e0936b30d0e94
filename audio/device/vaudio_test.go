package device

// Tests against a real PortAudio device. They need the virtual sound device
// of scripts/vaudio.sh (FF_VAUDIO=1) and espeak-ng and sox to make speech:
//
//	scripts/vaudio.sh -- go test ./audio/device/
//
// Without them the tests skip, unless FF_REQUIRE_VAUDIO=1 (or
// FF_REQUIRE_TOOLS=1) turns the skip into a failure.
//
// ALSA reads its configuration once per process, and PortAudio aborts when
// it changes between Terminate and Initialize, so every scenario runs in a
// child process of its own: the test binary re-executed with
// -test.run=^TestHelperProcess$, FF_DEVICE_HELPER naming the scenario and
// the FF_CAPTURE_RAW / FF_PLAYBACK_RAW files set before PortAudio starts.
// The child does the device work and writes what it saw to a JSON file; the
// parent judges it.
//
// Each child opens at most one PortAudio stream: the binding hands the
// stream's small integer id to C as a pointer, which the race detector's
// pointer checks (on with -race) reject from the second stream of a process
// on ("checkptr: pointer arithmetic computed bad pointer value").

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"failforward/audio"
	"failforward/internal/rtexec"
)

const speechText = "What was your biggest failure? Tell me what you learned."

// helperEnv names the scenario a child process runs.
const helperEnv = "FF_DEVICE_HELPER"

// helperResult is what a child process reports back.
type helperResult struct {
	Device      string
	Rate        int
	OpenMS      float64 // OpenCapture call
	FirstMS     float64 // OpenCapture start to the first block
	ClockMS     float64 // OpenCapture start until 3 s of audio had arrived
	PlayMS      float64 // Play until Playing turned false
	Samples     int
	Dropped     uint64
	Overflows   uint64
	Position    int64
	Len         int64
	BlockLen    int
	Queued      int
	ErrAfter    string // Err() after Close
	CloseErr    string
	CloseAgain  string
	ChanClosed  bool
	Inputs      int
	Outputs     int
	DefaultIn   bool
	CaptureErr  string
	IsNoInput   bool
	PlayerErr   string
	IsNoOutput  bool
	TermErr     string
	AfterTermOK bool

	// Host APIs: the one shown, and per input name offered (Choices), ""
	// when it opened and gave a block, else the error.
	HostAPI string
	Opened  map[string]string

	// Server loss: times from the child's "ready" signal.
	Blocks         int     // blocks received before the server went
	EndMS          float64 // until Blocks closed
	CaptureErr2    string  // Err() once Blocks closed
	CloseMS        float64 // Capture.Close duration
	PlayerPlaying  bool    // Playing() once capture ended
	PlayerErr2     string  // Err() once capture ended
	PlayerCloseMS  float64 // Player.Close duration
	PlayerCloseErr string
}

// needVaudio skips (or fails under FF_REQUIRE_VAUDIO=1) without the virtual
// device, and returns its rate.
func needVaudio(t *testing.T) int {
	t.Helper()
	if os.Getenv("FF_VAUDIO") != "1" {
		const why = "no virtual audio device: run under scripts/vaudio.sh (FF_VAUDIO is not 1)"
		if os.Getenv("FF_REQUIRE_VAUDIO") == "1" {
			t.Fatal(why + ", and FF_REQUIRE_VAUDIO=1 requires it")
		}
		t.Skip(why)
	}
	rate := 48000
	if s := os.Getenv("FF_VAUDIO_RATE"); s != "" {
		r, err := strconv.Atoi(s)
		if err != nil || r <= 0 {
			t.Fatalf("FF_VAUDIO_RATE = %q, want a rate in Hz", s)
		}
		rate = r
	}
	return rate
}

// needTools skips (or fails under FF_REQUIRE_TOOLS=1) when a program is
// missing.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		if _, err := exec.LookPath(name); err != nil {
			why := name + " not installed"
			if os.Getenv("FF_REQUIRE_TOOLS") == "1" {
				t.Fatal(why + ", and FF_REQUIRE_TOOLS=1 requires it")
			}
			t.Skip(why)
		}
	}
}

// makeSpeech writes espeak-ng speech as raw S16_LE mono at rate to dir and
// returns its path and samples.
func makeSpeech(t *testing.T, dir string, rate int) (string, []int16) {
	t.Helper()
	needTools(t, "espeak-ng", "sox")
	wav := filepath.Join(dir, "speech.wav")
	raw := filepath.Join(dir, "speech.raw")
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run("espeak-ng", "-w", wav, speechText)
	// -D: no dither, so the samples are the same on every run.
	run("sox", "-D", wav, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-r", strconv.Itoa(rate), raw)
	samples := readRaw(t, raw)
	if len(samples) < 2*rate {
		t.Fatalf("speech is %d samples, want at least 2 s at %d Hz", len(samples), rate)
	}
	return raw, samples
}

func readRaw(t *testing.T, path string) []int16 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b)%2 != 0 {
		t.Fatalf("%s has %d bytes, want whole 16-bit samples", path, len(b))
	}
	s := make([]int16, len(b)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return s
}

func writeRaw(path string, s []int16) error {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return os.WriteFile(path, b, 0o600)
}

// runHelper runs scenario in a child process with env changes applied
// ("KEY=value" sets, "KEY" alone unsets) and returns its report.
func runHelper(t *testing.T, scenario string, env ...string) helperResult {
	t.Helper()
	h := startHelper(t, scenario, env...)
	return h.wait(t)
}

// helper is a running child process.
type helper struct {
	scenario string
	cmd      *exec.Cmd
	log      *syncBuffer
	out      string
	cancel   context.CancelFunc
}

func startHelper(t *testing.T, scenario string, env ...string) *helper {
	t.Helper()
	h := &helper{scenario: scenario, log: new(syncBuffer), out: filepath.Join(t.TempDir(), "result.json")}
	env = append(env, helperEnv+"="+scenario, "FF_DEVICE_HELPER_OUT="+h.out)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	h.cancel = cancel
	h.cmd = rtexec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.v", "-test.count=1")
	h.cmd.Env = mergeEnv(os.Environ(), env)
	h.cmd.Stdout, h.cmd.Stderr = h.log, h.log
	if err := h.cmd.Start(); err != nil {
		cancel()
		t.Fatalf("scenario %s: %v", scenario, err)
	}
	t.Cleanup(func() {
		cancel()
		_ = h.cmd.Wait() // reaps the child if a test failed before wait
	})
	return h
}

// syncBuffer collects a child's output while it runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// wait waits for the child and returns its report.
func (h *helper) wait(t *testing.T) helperResult {
	t.Helper()
	defer h.cancel()
	if err := h.cmd.Wait(); err != nil {
		t.Fatalf("scenario %s: child process: %v\n%s", h.scenario, err, h.log)
	}
	b, err := os.ReadFile(h.out)
	if err != nil {
		t.Fatalf("scenario %s: no report (%v); child output:\n%s", h.scenario, err, h.log)
	}
	var r helperResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("scenario %s: report: %v", h.scenario, err)
	}
	return r
}

func mergeEnv(base, changes []string) []string {
	drop := map[string]bool{}
	for _, c := range changes {
		k, _, _ := strings.Cut(c, "=")
		drop[k] = true
	}
	var env []string
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if !drop[k] {
			env = append(env, kv)
		}
	}
	for _, c := range changes {
		if strings.Contains(c, "=") {
			env = append(env, c)
		}
	}
	return env
}

// findRun checks that got holds want as one contiguous run, sample for
// sample, with nothing but zeros around it, and returns where it starts.
// The run is aligned on the first non-zero sample of each.
func findRun(got, want []int16) (int, error) {
	w0 := firstNonZero(want)
	if w0 < 0 {
		return 0, errors.New("reference is all zeros")
	}
	g0 := firstNonZero(got)
	if g0 < 0 {
		return 0, fmt.Errorf("got %d samples, all zero", len(got))
	}
	off := g0 - w0
	for k, v := range want {
		j := off + k
		if j < 0 || j >= len(got) {
			if v != 0 {
				return off, fmt.Errorf("reference sample %d (%d) lies outside the %d samples got (offset %d)", k, v, len(got), off)
			}
			continue
		}
		if got[j] != v {
			return off, fmt.Errorf("sample %d of the run (at %d) = %d, want %d%s", k, j, got[j], v, mismatch(got[j:], want[k:]))
		}
	}
	for j, v := range got {
		if (j < off || j >= off+len(want)) && v != 0 {
			return off, fmt.Errorf("sample %d = %d outside the run [%d, %d), want 0", j, v, off, off+len(want))
		}
	}
	return off, nil
}

// mismatch says what happened where got stops following want (got[0] !=
// want[0]): silence was inserted (a late device fills the time it missed
// with zeros) and the run goes on after it, samples are missing, or
// neither. It returns "" for neither, else a clause that starts with ": ".
func mismatch(got, want []int16) string {
	const check = 256 // samples that must match after the gap
	follows := func(g, w []int16) bool {
		n := min(check, len(g), len(w))
		return n > 0 && slices.Equal(g[:n], w[:n])
	}
	zeros := 0
	for zeros < len(got) && got[zeros] == 0 {
		zeros++
	}
	for gap := 1; gap <= zeros; gap++ {
		if follows(got[gap:], want) {
			return fmt.Sprintf(": %d samples of silence were inserted there, and the run goes on after them", gap)
		}
	}
	if zeros == len(got) {
		return fmt.Sprintf(": the output is silent from there to its end (%d samples)", zeros)
	}
	for gap := 1; gap < len(want); gap++ {
		if follows(got, want[gap:]) {
			return fmt.Sprintf(": %d samples are missing there, and the run goes on after them", gap)
		}
	}
	if zeros > 0 {
		return fmt.Sprintf(": the output is silent there for %d samples, and what follows is not the run", zeros)
	}
	return ""
}

func firstNonZero(s []int16) int {
	for i, v := range s {
		if v != 0 {
			return i
		}
	}
	return -1
}

func TestFindRun(t *testing.T) {
	want := []int16{0, 5, -3, 0, 2, 0}
	tests := []struct {
		name    string
		got     []int16
		wantOff int
		wantErr bool
	}{
		{"same", []int16{0, 5, -3, 0, 2, 0}, 0, false},
		{"delayed", []int16{0, 0, 0, 0, 5, -3, 0, 2, 0, 0, 0}, 3, false},
		{"leading zeros trimmed", []int16{5, -3, 0, 2}, -1, false},
		{"changed sample", []int16{0, 0, 5, -2, 0, 2}, 1, true},
		{"truncated", []int16{0, 0, 5, -3, 0}, 1, true},
		{"noise after", []int16{0, 5, -3, 0, 2, 0, 0, 1}, 0, true},
		{"noise before", []int16{0, 1, 0, 0, 5, -3, 0, 2}, 0, true},
		{"silence", []int16{0, 0, 0}, 0, true},
		{"silence inserted", []int16{0, 5, -3, 0, 0, 0, 2, 0}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, err := findRun(tt.got, want)
			if (err != nil) != tt.wantErr {
				t.Fatalf("findRun error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && off != tt.wantOff {
				t.Errorf("offset = %d, want %d", off, tt.wantOff)
			}
		})
	}
}

func TestMismatch(t *testing.T) {
	want := []int16{5, -3, 7, 2, 9}
	tests := []struct {
		name string
		got  []int16
		says string
	}{
		{"silence inserted", []int16{0, 0, 0, 5, -3, 7, 2, 9}, ": 3 samples of silence were inserted there, and the run goes on after them"},
		{"silent to the end", []int16{0, 0}, ": the output is silent from there to its end (2 samples)"},
		{"samples missing", []int16{7, 2, 9}, ": 2 samples are missing there, and the run goes on after them"},
		{"silence, then other sound", []int16{0, 1, 1}, ": the output is silent there for 1 samples, and what follows is not the run"},
		{"other sound", []int16{1, 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mismatch(tt.got, want); got != tt.says {
				t.Errorf("mismatch(%v, %v) = %q, want %q", tt.got, want, got, tt.says)
			}
		})
	}
}

func TestCaptureSpeech(t *testing.T) {
	rate := needVaudio(t)
	dir := t.TempDir()
	in, speech := makeSpeech(t, dir, rate)
	got := filepath.Join(dir, "captured.raw")
	r := runHelper(t, "capture", "FF_CAPTURE_RAW="+in, "FF_PLAYBACK_RAW",
		"FF_HELPER_SAMPLES="+strconv.Itoa(len(speech)+rate), "FF_HELPER_DUMP="+got)

	captured := readRaw(t, got)
	t.Logf("device %q at %d Hz: open %.0f ms, first block after %.0f ms, 3 s of audio after %.0f ms; %d samples, %d dropped, %d overflows",
		r.Device, r.Rate, r.OpenMS, r.FirstMS, r.ClockMS, len(captured), r.Dropped, r.Overflows)
	if r.Rate != rate {
		t.Errorf("SampleRate() = %d, want %d", r.Rate, rate)
	}
	if r.Device == "" {
		t.Errorf("Name() is empty, want the device's name")
	}
	if r.BlockLen != DefaultFramesPerBuffer {
		t.Errorf("block length = %d, want %d", r.BlockLen, DefaultFramesPerBuffer)
	}
	off, err := findRun(captured, speech)
	if err != nil {
		t.Errorf("captured audio does not hold the input speech exactly: %v", err)
	} else {
		t.Logf("speech (%d samples) found exactly at offset %d", len(speech), off)
	}
	if r.Dropped != 0 || r.Overflows != 0 {
		t.Errorf("dropped %d, overflows %d; want 0 and 0", r.Dropped, r.Overflows)
	}
	// Clocked in real time: 3 s of audio cannot arrive much faster (the
	// device buffers a little ahead) nor much slower.
	if r.ClockMS < 2500 || r.ClockMS > 4500 {
		t.Errorf("3 s of audio arrived after %.0f ms, want 2500..4500 ms", r.ClockMS)
	}
	if r.ErrAfter != "" || r.CloseErr != "" || r.CloseAgain != "" {
		t.Errorf("after Close: Err() = %q, Close() = %q, second Close() = %q; want all nil", r.ErrAfter, r.CloseErr, r.CloseAgain)
	}
	if !r.ChanClosed {
		t.Errorf("Blocks channel still open after Close")
	}
}

func TestCaptureDropsWhenConsumerStalls(t *testing.T) {
	needVaudio(t)
	r := runHelper(t, "drops", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW")
	t.Logf("pool of 4: %d queued, %d dropped while stalled", r.Queued, r.Dropped)
	if r.Queued != 4 {
		t.Errorf("blocks queued while stalled = %d, want the pool's 4", r.Queued)
	}
	// 600 ms is about 28 buffers of 1024 frames at 48 kHz, 26 at 44.1 kHz.
	if r.Dropped < 10 {
		t.Errorf("dropped = %d after stalling 600 ms with a pool of 4, want >= 10", r.Dropped)
	}
	if want := 20 * DefaultFramesPerBuffer; r.Samples != want {
		t.Errorf("samples in 20 blocks read after releasing = %d, want %d", r.Samples, want)
	}
	if r.ErrAfter != "" || r.CloseErr != "" {
		t.Errorf("Err() = %q, Close() = %q after Close, want nil", r.ErrAfter, r.CloseErr)
	}
}

func TestSelectByNameAndReferences(t *testing.T) {
	needVaudio(t)
	r := runHelper(t, "select", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW")
	if r.Inputs < 1 || r.Outputs < 1 || !r.DefaultIn {
		t.Errorf("List: %d inputs, %d outputs, default input marked %v; want >= 1, >= 1, true", r.Inputs, r.Outputs, r.DefaultIn)
	}
	if r.BlockLen != 256 {
		t.Errorf("block length from the named device = %d, want 256", r.BlockLen)
	}
	if !r.AfterTermOK {
		t.Errorf("capture stopped working after Terminate dropped main's reference")
	}
	if !r.IsNoInput || !strings.Contains(r.CaptureErr, "not found") {
		t.Errorf("OpenCapture of a missing device: %q (wraps ErrNoInput: %v), want a \"not found\" error wrapping ErrNoInput", r.CaptureErr, r.IsNoInput)
	}
	if !r.IsNoOutput || !strings.Contains(r.PlayerErr, "not found") {
		t.Errorf("OpenPlayer of a missing device: %q (wraps ErrNoOutput: %v), want a \"not found\" error wrapping ErrNoOutput", r.PlayerErr, r.IsNoOutput)
	}
	if r.TermErr == "" {
		t.Errorf("extra Terminate: err = nil, want an error")
	}
	if r.ErrAfter != "" || r.CloseErr != "" {
		t.Errorf("Err() = %q, Close() = %q after Close, want nil", r.ErrAfter, r.CloseErr)
	}
}

// TestInputNamesOpen: on the virtual device PortAudio lists ALSA's
// devices and, with the JACK server running, JACK's "system"; ALSA is
// shown, and every input name offered (the shown ones and "Name [API]"
// for the others) opens the device it names and delivers audio, as does
// the shown default by its qualified name.
func TestInputNamesOpen(t *testing.T) {
	needVaudio(t)
	r := runHelper(t, "hostapis", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW")
	if r.HostAPI != "ALSA" {
		t.Errorf("host API shown = %q, want ALSA", r.HostAPI)
	}
	if len(r.Opened) < 2 {
		t.Errorf("input names tried: %v, want the shown default and its qualified name at least", r.Opened)
	}
	for name, err := range r.Opened {
		if err != "" {
			t.Errorf("input %q: %s", name, err)
		}
	}
	t.Logf("input names opened: %v", r.Opened)
}

func TestPlaybackSpeech(t *testing.T) {
	rate := needVaudio(t)
	dir := t.TempDir()
	in, speech := makeSpeech(t, dir, rate)
	out := filepath.Join(dir, "played.raw")
	r := runHelper(t, "playback", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW="+out, "FF_HELPER_INPUT="+in)

	played := readRaw(t, out)
	dur := float64(len(speech)) / float64(rate) * 1000
	t.Logf("device %q: %.0f ms of speech played in %.0f ms; output file %d samples", r.Device, dur, r.PlayMS, len(played))
	checkSpeechPlayed(t, played, speech, dur, r.Position, r.Len, r.PlayMS)
	if r.ErrAfter != "" || r.CloseErr != "" || r.CloseAgain != "" {
		t.Errorf("after Close: Err() = %q, Close() = %q, second Close() = %q; want all nil", r.ErrAfter, r.CloseErr, r.CloseAgain)
	}
}

// checkSpeechPlayed checks a player's run over speech (dur ms long): it
// ended at the end, the output holds the speech exactly, and playing took
// about the speech's own time.
func checkSpeechPlayed(t *testing.T, played, speech []int16, dur float64, position, length int64, playMS float64) {
	t.Helper()
	if position != length || length != int64(len(speech)) {
		t.Errorf("at the end Position() = %d, Len() = %d, want both %d", position, length, len(speech))
	}
	if off, err := findRun(played, speech); err != nil {
		t.Errorf("played audio does not hold the speech exactly: %v", err)
	} else {
		t.Logf("speech found exactly at offset %d of the output", off)
	}
	if playMS < dur-500 || playMS > dur+2000 {
		t.Errorf("playing %.0f ms of speech took %.0f ms, want it clocked in real time", dur, playMS)
	}
}

func TestNoDevice(t *testing.T) {
	// This runs with the system's own ALSA configuration and no JACK
	// server, so it shows what a machine without a sound card looks like;
	// on a machine with one it cannot.
	if cards, _ := filepath.Glob("/dev/snd/pcmC*"); len(cards) > 0 {
		t.Skipf("this machine has a sound card (%s); the no-device path needs one without", cards[0])
	}
	r := runHelper(t, "nodevice", "ALSA_CONFIG_PATH", "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW",
		"JACK_DEFAULT_SERVER=ff-no-server-"+strconv.Itoa(os.Getpid()), "JACK_NO_START_SERVER=1")
	if r.Inputs != 0 || r.DefaultIn {
		t.Errorf("List: %d inputs, default input marked %v; want 0, false", r.Inputs, r.DefaultIn)
	}
	if want := "device: no microphone found"; r.CaptureErr != want || !r.IsNoInput {
		t.Errorf("OpenCapture: %q (wraps ErrNoInput: %v), want %q wrapping ErrNoInput", r.CaptureErr, r.IsNoInput, want)
	}
	if want := "device: no audio output found"; r.PlayerErr != want || !r.IsNoOutput {
		t.Errorf("OpenPlayer: %q (wraps ErrNoOutput: %v), want %q wrapping ErrNoOutput", r.PlayerErr, r.IsNoOutput, want)
	}
}

func TestServerGone(t *testing.T) {
	rate := needVaudio(t)
	needTools(t, "jackd", "jack_wait")
	// A JACK server of our own that can be killed under the streams.
	name := "ffgone-" + strconv.Itoa(os.Getpid())
	var jlog syncBuffer
	jackd := exec.Command("jackd", "-r", "-n", name, "-d", "dummy", "-r", strconv.Itoa(rate), "-p", "1024", "-C", "2", "-P", "2")
	jackd.Stdout, jackd.Stderr = &jlog, &jlog
	if err := jackd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = jackd.Wait(); close(exited) }()
	stopServer := func() {
		_ = jackd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = jackd.Process.Kill()
			<-exited
		}
	}
	t.Cleanup(func() {
		stopServer()
		// A server killed under its clients leaves these behind.
		for _, pat := range []string{"/dev/shm/jack_" + name + "_*", "/dev/shm/jack_sem.*_" + name + "_*"} {
			files, _ := filepath.Glob(pat)
			for _, f := range files {
				_ = os.Remove(f)
			}
		}
	})
	wait := exec.Command("jack_wait", "-w", "-t", "10")
	wait.Env = mergeEnv(os.Environ(), []string{"JACK_DEFAULT_SERVER=" + name})
	if out, err := wait.CombinedOutput(); err != nil {
		t.Fatalf("private JACK server did not start: %v\n%s\n%s", err, out, jlog.String())
	}

	// One child per stream: the binding's OpenStream trips the race
	// detector's pointer checks on the second stream of a process.
	dir := t.TempDir()
	readyC, readyP := filepath.Join(dir, "ready-capture"), filepath.Join(dir, "ready-player")
	env := []string{"FF_CAPTURE_RAW", "FF_PLAYBACK_RAW", "JACK_DEFAULT_SERVER=" + name}
	hc := startHelper(t, "gone-capture", append(env, "FF_HELPER_READY="+readyC)...)
	hp := startHelper(t, "gone-player", append(env, "FF_HELPER_READY="+readyP)...)
	deadline := time.Now().Add(20 * time.Second)
	for _, f := range []string{readyC, readyP} {
		for {
			if _, err := os.Stat(f); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("children never got going; their output so far:\n%s\n%s", hc.log, hp.log)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	stopServer()
	rc, rp := hc.wait(t), hp.wait(t)

	t.Logf("capture: %d blocks, Blocks closed %.0f ms after the server went, Err %q, Close took %.2f ms",
		rc.Blocks, rc.EndMS, rc.CaptureErr2, rc.CloseMS)
	t.Logf("player: Err after %.0f ms: %q, playing %v; Close took %.0f ms: %q",
		rp.EndMS, rp.PlayerErr2, rp.PlayerPlaying, rp.PlayerCloseMS, rp.PlayerCloseErr)
	limit := ms(stallTimeout + 3*time.Second)
	if !strings.HasPrefix(rc.CaptureErr2, "device: input stream: ") {
		t.Errorf("capture Err() = %q, want a \"device: input stream: ...\" error", rc.CaptureErr2)
	}
	if rc.EndMS > limit {
		t.Errorf("Blocks closed %.0f ms after the server went, want within %.0f ms", rc.EndMS, limit)
	}
	if rc.CloseMS > 1000 || rc.CloseErr != "" {
		t.Errorf("Capture.Close after the failure took %.0f ms and returned %q, want nil within 1000 ms", rc.CloseMS, rc.CloseErr)
	}
	if !strings.HasPrefix(rp.PlayerErr2, "device: output stream: ") || rp.PlayerPlaying {
		t.Errorf("player Err() = %q, Playing() = %v; want a \"device: output stream: ...\" error and false", rp.PlayerErr2, rp.PlayerPlaying)
	}
	if rp.EndMS > limit {
		t.Errorf("player reported the loss %.0f ms after the server went, want within %.0f ms", rp.EndMS, limit)
	}
	if rp.PlayerCloseMS > ms(stallTimeout) || rp.PlayerCloseErr == "" {
		t.Errorf("Player.Close took %.0f ms and returned %q, want an error within %.0f ms", rp.PlayerCloseMS, rp.PlayerCloseErr, ms(stallTimeout))
	}
}

// TestHelperProcess is the child side of runHelper; it does nothing unless
// FF_DEVICE_HELPER names a scenario.
func TestHelperProcess(t *testing.T) {
	scenario := os.Getenv(helperEnv)
	if scenario == "" {
		t.Skip("runs only as a child process of the device tests")
	}
	var r helperResult
	switch scenario {
	case "capture":
		helperCapture(t, &r)
	case "drops":
		helperDrops(t, &r)
	case "select":
		helperSelect(t, &r)
	case "playback":
		helperPlayback(t, &r)
	case "hostapis":
		helperHostAPIs(t, &r)
	case "nodevice":
		helperNoDevice(t, &r)
	case "gone-capture":
		helperGoneCapture(t, &r)
	case "gone-player":
		helperGonePlayer(t, &r)
	default:
		t.Fatalf("unknown scenario %q", scenario)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("FF_DEVICE_HELPER_OUT"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// nextBlock waits for a block; the channel closing or a long silence fails.
func nextBlock(t *testing.T, c *Capture) []int16 {
	t.Helper()
	select {
	case b, ok := <-c.Blocks():
		if !ok {
			since := time.Since(c.started)
			t.Fatalf("Blocks closed early, %v after the stream started; the device last delivered audio %v before that, and %d overflows came first: Err() = %v",
				since.Round(time.Millisecond), (since - time.Duration(c.lastRead.Load())).Round(time.Millisecond), c.Overflows(), c.Err())
		}
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no block for 5 s")
	}
	return nil
}

// closeCapture closes c and records how it went.
func closeCapture(t *testing.T, c *Capture, r *helperResult) {
	t.Helper()
	r.CloseErr = errString(c.Close())
	r.CloseAgain = errString(c.Close())
	r.ErrAfter = errString(c.Err())
	deadline := time.After(5 * time.Second)
	for {
		select {
		case b, ok := <-c.Blocks():
			if !ok {
				r.ChanClosed = true
				return
			}
			c.Release(b)
		case <-deadline:
			return
		}
	}
}

func helperCapture(t *testing.T, r *helperResult) {
	want, err := strconv.Atoi(os.Getenv("FF_HELPER_SAMPLES"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	rate, err := strconv.Atoi(os.Getenv("FF_VAUDIO_RATE"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	c, err := OpenCapture(CaptureConfig{SampleRate: rate})
	if err != nil {
		t.Fatal(err)
	}
	r.OpenMS = ms(time.Since(start))
	r.Device, r.Rate = c.Name(), c.SampleRate()
	got := make([]int16, 0, want+DefaultFramesPerBuffer)
	defer func() {
		if t.Failed() {
			t.Logf("capture had delivered %d of the %d samples wanted (%.2f s of audio)", len(got), want, float64(len(got))/float64(rate))
		}
	}()
	for len(got) < want {
		b := nextBlock(t, c)
		if len(got) == 0 {
			r.FirstMS = ms(time.Since(start))
			r.BlockLen = len(b)
		}
		got = append(got, b...)
		c.Release(b)
		if r.ClockMS == 0 && len(got) >= 3*rate {
			r.ClockMS = ms(time.Since(start))
		}
	}
	r.Dropped, r.Overflows = c.Dropped(), c.Overflows()
	closeCapture(t, c, r)
	if err := writeRaw(os.Getenv("FF_HELPER_DUMP"), got); err != nil {
		t.Fatal(err)
	}
}

func helperDrops(t *testing.T, r *helperResult) {
	// No Init here: the capture takes its own PortAudio reference.
	c, err := OpenCapture(CaptureConfig{Blocks: 4})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond)
	r.Queued = len(c.Blocks())
	r.Dropped = c.Dropped()
	for range 4 {
		c.Release(nextBlock(t, c))
	}
	for range 20 {
		b := nextBlock(t, c)
		r.Samples += len(b)
		c.Release(b)
	}
	closeCapture(t, c, r)
}

func helperSelect(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	infos, err := List()
	if err != nil {
		t.Fatal(err)
	}
	name := ""
	for _, in := range infos {
		if in.MaxInputChannels > 0 {
			r.Inputs++
		}
		if in.MaxOutputChannels > 0 {
			r.Outputs++
		}
		if in.DefaultInput {
			r.DefaultIn, name = true, in.Name
		}
	}
	c, err := OpenCapture(CaptureConfig{Device: name, FramesPerBuffer: 256})
	if err != nil {
		t.Fatal(err)
	}
	r.BlockLen = len(nextBlock(t, c))
	// main's reference goes; the capture keeps its own.
	if err := Terminate(); err != nil {
		t.Fatal(err)
	}
	r.AfterTermOK = true
	for range 10 {
		b := nextBlock(t, c)
		r.AfterTermOK = r.AfterTermOK && len(b) == 256
		c.Release(b)
	}
	closeCapture(t, c, r)

	// PortAudio is fully shut down now; opening again initialises it anew.
	_, err = OpenCapture(CaptureConfig{Device: "no such microphone"})
	r.CaptureErr, r.IsNoInput = errString(err), errors.Is(err, audio.ErrNoInput)
	_, err = OpenPlayer(OutputConfig{Device: "no such speaker"}, []int16{1}, 48000)
	r.PlayerErr, r.IsNoOutput = errString(err), errors.Is(err, audio.ErrNoOutput)
	r.TermErr = errString(Terminate())
}

func helperHostAPIs(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	l, err := Devices()
	if err != nil {
		t.Fatal(err)
	}
	r.HostAPI = l.HostAPI
	names := l.Choices(true)
	if d, ok := l.Find("", true); ok {
		names = append(names, d.PortAudioName+" ["+HostAPILabel(d.HostAPI)+"]")
	}
	r.Opened = map[string]string{}
	for _, name := range names {
		c, err := OpenCapture(CaptureConfig{Device: name, FramesPerBuffer: 256})
		if err != nil {
			r.Opened[name] = err.Error()
			continue
		}
		select {
		case b, ok := <-c.Blocks():
			if ok {
				c.Release(b)
			} else {
				r.Opened[name] = fmt.Sprintf("no block: %v", c.Err())
			}
		case <-time.After(10 * time.Second):
			r.Opened[name] = "no block in 10 s"
		}
		if _, done := r.Opened[name]; !done {
			r.Opened[name] = ""
		}
		if err := c.Close(); err != nil && r.Opened[name] == "" {
			r.Opened[name] = "close: " + err.Error()
		}
	}
}

func helperPlayback(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	rate, err := strconv.Atoi(os.Getenv("FF_VAUDIO_RATE"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(os.Getenv("FF_HELPER_INPUT"))
	if err != nil {
		t.Fatal(err)
	}
	samples := make([]int16, len(b)/2)
	for i := range samples {
		samples[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	p, err := OpenPlayer(OutputConfig{}, samples, rate)
	if err != nil {
		t.Fatal(err)
	}
	r.Device = p.Name()
	if p.Playing() || p.Position() != 0 {
		t.Fatalf("new player: Playing() = %v, Position() = %d; want false, 0", p.Playing(), p.Position())
	}
	start := time.Now()
	p.Play()
	deadline := time.Now().Add(time.Duration(len(samples))*time.Second/time.Duration(rate) + 10*time.Second)
	for p.Playing() {
		if time.Now().After(deadline) {
			t.Fatalf("still playing at %d of %d frames", p.Position(), p.Len())
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.PlayMS = ms(time.Since(start))
	r.Position, r.Len = p.Position(), p.Len()
	r.CloseErr = errString(p.Close())
	r.CloseAgain = errString(p.Close())
	r.ErrAfter = errString(p.Err())
}

func helperNoDevice(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	infos, err := List()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range infos {
		if in.MaxInputChannels > 0 {
			r.Inputs++
		}
		r.DefaultIn = r.DefaultIn || in.DefaultInput
	}
	c, err := OpenCapture(CaptureConfig{})
	if err == nil {
		c.Close()
	}
	r.CaptureErr, r.IsNoInput = errString(err), errors.Is(err, audio.ErrNoInput)
	p, err := OpenPlayer(OutputConfig{}, []int16{1, 2, 3}, 48000)
	if err == nil {
		p.Close()
	}
	r.PlayerErr, r.IsNoOutput = errString(err), errors.Is(err, audio.ErrNoOutput)
}

func helperGoneCapture(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	c, err := OpenCapture(CaptureConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for range 10 {
		c.Release(nextBlock(t, c))
		r.Blocks++
	}
	ready := signalReady(t)
	timeout := time.After(20 * time.Second)
loop:
	for {
		select {
		case b, ok := <-c.Blocks():
			if !ok {
				break loop
			}
			r.Blocks++
			c.Release(b)
		case <-timeout:
			t.Fatalf("capture still running 20 s after the server was told to go")
		}
	}
	r.EndMS = ms(time.Since(ready))
	r.CaptureErr2 = errString(c.Err())
	start := time.Now()
	r.CloseErr = errString(c.Close())
	r.CloseMS = ms(time.Since(start))
}

func helperGonePlayer(t *testing.T, r *helperResult) {
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	rate := 48000
	p, err := OpenPlayer(OutputConfig{}, make([]int16, 60*rate), rate)
	if err != nil {
		t.Fatal(err)
	}
	p.Play()
	for deadline := time.Now().Add(10 * time.Second); p.Position() < int64(rate)/4; {
		if time.Now().After(deadline) {
			t.Fatalf("player did not start: Position() = %d", p.Position())
		}
		time.Sleep(10 * time.Millisecond)
	}
	ready := signalReady(t)
	for p.Err() == nil {
		if time.Since(ready) > 20*time.Second {
			t.Fatalf("player shows no error 20 s after the server was told to go: Position() = %d", p.Position())
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.EndMS = ms(time.Since(ready))
	r.PlayerPlaying, r.PlayerErr2 = p.Playing(), errString(p.Err())
	start := time.Now()
	r.PlayerCloseErr = errString(p.Close())
	r.PlayerCloseMS = ms(time.Since(start))
}

// signalReady tells the parent that the stream runs, by creating the file
// FF_HELPER_READY names.
func signalReady(t *testing.T) time.Time {
	if err := os.WriteFile(os.Getenv("FF_HELPER_READY"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return time.Now()
}
