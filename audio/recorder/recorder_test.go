package recorder_test

import (
	"errors"
	"math"
	"path/filepath"
	"testing"
	"time"

	"failforward/audio/recorder"
	"failforward/audio/wavfile"
	"failforward/internal/fake"
)

// ramp returns n samples that never repeat within 65536 frames, so a
// contiguous run can be located exactly.
func ramp(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i*7 + i/65536)
	}
	return s
}

// indexOfRun returns where got stands in want as a contiguous run, or -1.
func indexOfRun(want, got []int16) int {
	if len(got) == 0 {
		return 0
	}
	for off := 0; off+len(got) <= len(want); off++ {
		if want[off] != got[0] {
			continue
		}
		match := true
		for i := range got {
			if want[off+i] != got[i] {
				match = false
				break
			}
		}
		if match {
			return off
		}
	}
	return -1
}

func waitDone(t *testing.T, r *recorder.Recorder) {
	t.Helper()
	select {
	case <-r.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("recorder did not finish")
	}
}

func TestTakeIsContiguousTailOfSource(t *testing.T) {
	const block = 256
	samples := ramp(40 * block)
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: samples, Rate: 16000, BlockFrames: block, EndAtEOF: true, Paced: true})
	r := recorder.New(src)
	defer r.Close()
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	waitDone(t, r)
	res, err := r.Stop()
	if err != nil {
		t.Fatalf("Stop: %v", err)
	}
	got, info, err := wavfile.ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(got)) != res.Frames || info.SampleRate != 16000 || res.SampleRate != 16000 {
		t.Fatalf("file has %d frames at %d Hz; result says %d at %d", len(got), info.SampleRate, res.Frames, res.SampleRate)
	}
	off := indexOfRun(samples, got)
	if off < 0 || off%block != 0 || off+len(got) != len(samples) {
		t.Errorf("recorded run at offset %d (len %d) of %d: want a block-aligned tail of the source", off, len(got), len(samples))
	}
	if len(got) == 0 {
		t.Error("nothing recorded")
	}
}

func TestNothingWrittenBeforeArmOrAfterStop(t *testing.T) {
	src := fake.NewSource(ramp(1<<16), 16000, 128, true)
	r := recorder.New(src)
	defer r.Close()
	time.Sleep(50 * time.Millisecond) // think time: metered, not written
	if s := r.Snapshot(); s.Recording || s.Frames != 0 {
		t.Fatalf("before Arm: got recording=%v frames=%d, want nothing", s.Recording, s.Frames)
	}
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for r.Snapshot().Frames < 1024 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	res, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // blocks keep coming; none may be written
	got, _, err := wavfile.ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(got)) != res.Frames || res.Frames < 1024 {
		t.Errorf("file frames %d, result frames %d: want equal and at least 1024", len(got), res.Frames)
	}
	if s := r.Snapshot(); s.Recording {
		t.Error("still recording after Stop")
	}
	if _, err := r.Stop(); !errors.Is(err, recorder.ErrNotRecording) {
		t.Errorf("second Stop: got %v, want ErrNotRecording", err)
	}
}

func TestMeterRunsDuringThinkTime(t *testing.T) {
	const rate = 16000
	sine := make([]int16, rate)
	for i := range sine {
		sine[i] = int16(16384 * math.Sin(2*math.Pi*440*float64(i)/rate))
	}
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: sine, Rate: rate, BlockFrames: 512, EndAtEOF: true})
	r := recorder.New(src)
	defer r.Close()
	waitDone(t, r)
	lvl := r.Snapshot().Level
	if math.Abs(lvl.Hold-(-6.02)) > 0.1 {
		t.Errorf("held peak of a half-scale sine: got %.2f dBFS, want -6.02", lvl.Hold)
	}
}

func TestSourceFailureKeepsAudio(t *testing.T) {
	src := fake.NewSource(ramp(1<<16), 16000, 256, true)
	r := recorder.New(src)
	defer r.Close()
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	for r.Snapshot().Frames < 2048 {
		time.Sleep(5 * time.Millisecond)
	}
	broken := errors.New("device unplugged")
	src.Fail(broken)
	waitDone(t, r)
	if s := r.Snapshot(); !errors.Is(s.Err, broken) || s.Recording {
		t.Fatalf("snapshot after failure: err=%v recording=%v; want the device error, not recording", s.Err, s.Recording)
	}
	res, err := r.Stop()
	if !errors.Is(err, broken) {
		t.Errorf("Stop: got %v, want the device error", err)
	}
	got, _, rerr := wavfile.ReadMono(path)
	if rerr != nil {
		t.Fatalf("the audio so far must stay readable: %v", rerr)
	}
	if int64(len(got)) != res.Frames || res.Frames < 2048 {
		t.Errorf("kept %d frames, result says %d; want equal and at least 2048", len(got), res.Frames)
	}
	if err := r.Arm(filepath.Join(t.TempDir(), "again.wav")); !errors.Is(err, recorder.ErrClosed) {
		t.Errorf("Arm after the source ended: got %v, want ErrClosed", err)
	}
}

func TestCloseFinishesOpenTake(t *testing.T) {
	src := fake.NewSource(ramp(1<<16), 16000, 256, true)
	r := recorder.New(src)
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	for r.Snapshot().Frames < 1024 {
		time.Sleep(5 * time.Millisecond)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	frames := r.Snapshot().Frames
	got, info, err := wavfile.ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(got)) != frames || info.Frames != frames {
		t.Errorf("file after Close: %d frames (header %d), want %d", len(got), info.Frames, frames)
	}
}

func TestArmErrors(t *testing.T) {
	src := fake.NewSource(nil, 16000, 256, true)
	r := recorder.New(src)
	defer r.Close()
	if err := r.Arm(filepath.Join(t.TempDir(), "no", "such", "dir", "answer.wav")); err == nil {
		t.Error("Arm into a missing folder: want an error")
	}
	if _, err := r.Stop(); !errors.Is(err, recorder.ErrNotRecording) {
		t.Errorf("Stop without a take: got %v, want ErrNotRecording", err)
	}
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	if err := r.Arm(filepath.Join(t.TempDir(), "second.wav")); err == nil {
		t.Error("Arm twice without Stop: want an error")
	}
}

func TestPeaksFollowTheFile(t *testing.T) {
	const block = 256
	samples := ramp(30 * block)
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: samples, Rate: 16000, BlockFrames: block, EndAtEOF: true, Paced: true})
	r := recorder.New(src)
	defer r.Close()
	if r.Peaks() != nil {
		t.Fatal("Peaks before Arm: want nil")
	}
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	waitDone(t, r)
	res, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	p := r.Peaks()
	if p.Len() != res.Frames || p.Rate() != 16000 {
		t.Fatalf("peaks hold %d samples at %d Hz, the file %d at 16000", p.Len(), p.Rate(), res.Frames)
	}
	got, _, err := wavfile.ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := got[0], got[0]
	for _, v := range got {
		lo, hi = min(lo, v), max(hi, v)
	}
	env := p.Peaks(0, p.Len(), 1, nil)
	if env[0].Min != lo || env[0].Max != hi {
		t.Errorf("whole-take envelope %+v, want min %d max %d", env[0], lo, hi)
	}
}

func TestDigitalSilenceIsReported(t *testing.T) {
	tests := []struct {
		name    string
		samples []int16
		want    bool
	}{
		{"zeros", make([]int16, 3*16000), true},
		{"quiet noise floor", ramp(3 * 16000), false},
	}
	for _, tt := range tests {
		src := fake.NewSourceConfig(fake.SourceConfig{Samples: tt.samples, Rate: 16000, BlockFrames: 1600, EndAtEOF: true, Paced: true})
		r := recorder.New(src)
		if err := r.Arm(filepath.Join(t.TempDir(), "answer.wav")); err != nil {
			t.Fatal(err)
		}
		waitDone(t, r)
		if got := r.Snapshot().DigitalSilence; got != tt.want {
			t.Errorf("%s: DigitalSilence = %v, want %v", tt.name, got, tt.want)
		}
		r.Close()
	}
}
