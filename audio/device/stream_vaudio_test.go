package device

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/internal/rtexec"
)

// streamResult is what the child process of TestStreamPlayerSpeech reports.
type streamResult struct {
	Device    string
	OpenMS    float64 // the OpenStream call
	FirstMS   float64 // OpenStream start until the first frames were read ahead
	PlayMS    float64 // Play until Playing turned false
	Position  int64
	Len       int64
	Underruns uint64
	CloseErr  string
	ErrAfter  string
	SrcClosed bool // the WAV reader was closed by Close
}

// TestStreamPlayerSpeech plays speech from a WAV file through OpenStream
// on the virtual device: the output holds it exactly, clocked in real
// time, with no underrun, and Close closes the file.
func TestStreamPlayerSpeech(t *testing.T) {
	rate := needVaudio(t)
	dir := t.TempDir()
	_, speech := makeSpeech(t, dir, rate)
	take := filepath.Join(dir, "take.wav")
	w, err := wavfile.Create(take, rate)
	if err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(w.Write(speech), w.Close()); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "played.raw")
	r := runStreamHelper(t, "FF_CAPTURE_RAW", "FF_PLAYBACK_RAW="+out, "FF_STREAM_WAV="+take)

	played := readRaw(t, out)
	dur := float64(len(speech)) / float64(rate) * 1000
	t.Logf("device %q: OpenStream %.1f ms, first frames read ahead after %.1f ms; %.0f ms of speech played in %.0f ms, %d underruns",
		r.Device, r.OpenMS, r.FirstMS, dur, r.PlayMS, r.Underruns)
	checkSpeechPlayed(t, played, speech, dur, r.Position, r.Len, r.PlayMS)
	if _, err := findRun(played, speech); err != nil && r.Underruns == 0 {
		t.Log("the read-ahead never ran dry (0 underruns), so what went wrong lies past the callback: PortAudio's audio thread or the sound server ran late")
	}
	if r.Underruns != 0 {
		t.Errorf("underruns = %d, want 0", r.Underruns)
	}
	if r.FirstMS > 500 {
		t.Errorf("the first frames were read ahead %.0f ms after OpenStream began, want within 500 ms", r.FirstMS)
	}
	if r.CloseErr != "" || r.ErrAfter != "" || !r.SrcClosed {
		t.Errorf("after Close: Close() = %q, Err() = %q, file closed %v; want nil, nil, true", r.CloseErr, r.ErrAfter, r.SrcClosed)
	}
}

// runStreamHelper runs TestStreamHelperProcess in a child process with env
// changes applied, as runHelper does, and returns its report.
func runStreamHelper(t *testing.T, env ...string) streamResult {
	t.Helper()
	out := filepath.Join(t.TempDir(), "result.json")
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cmd := rtexec.CommandContext(ctx, os.Args[0], "-test.run=^TestStreamHelperProcess$", "-test.v", "-test.count=1")
	cmd.Env = mergeEnv(os.Environ(), append(env, "FF_STREAM_HELPER=1", "FF_STREAM_OUT="+out))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child process: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report: %v", err)
	}
	var r streamResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("report: %v", err)
	}
	return r
}

// TestStreamHelperProcess is the child side of runStreamHelper; it does
// nothing unless FF_STREAM_HELPER is 1.
func TestStreamHelperProcess(t *testing.T) {
	if os.Getenv("FF_STREAM_HELPER") != "1" {
		t.Skip("runs only as a child process of TestStreamPlayerSpeech")
	}
	if err := Init(); err != nil {
		t.Fatal(err)
	}
	defer Terminate()
	src, err := wavfile.Open(os.Getenv("FF_STREAM_WAV"))
	if err != nil {
		t.Fatal(err)
	}
	var r streamResult
	start := time.Now()
	p, err := OpenStream(OutputConfig{}, src, src.Info().SampleRate)
	if err != nil {
		t.Fatal(err)
	}
	r.OpenMS = ms(time.Since(start))
	for p.tr.buffered() == 0 {
		if time.Since(start) > 10*time.Second {
			t.Fatal("nothing read ahead after 10 s")
		}
		time.Sleep(100 * time.Microsecond)
	}
	r.FirstMS = ms(time.Since(start))
	r.Device = p.Name()
	playStart := time.Now()
	p.Play()
	deadline := time.Now().Add(time.Duration(p.Len())*time.Second/time.Duration(p.SampleRate()) + 10*time.Second)
	for p.Playing() {
		if time.Now().After(deadline) {
			t.Fatalf("still playing at %d of %d frames", p.Position(), p.Len())
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.PlayMS = ms(time.Since(playStart))
	r.Position, r.Len, r.Underruns = p.Position(), p.Len(), p.Underruns()
	r.CloseErr = errString(p.Close())
	r.ErrAfter = errString(p.Err())
	_, err = src.Read(make([]int16, 1))
	r.SrcClosed = errors.Is(err, os.ErrClosed)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("FF_STREAM_OUT"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}
