package recorder

// Faults during a take, injected where the recorder meets the disk: a
// slow disk, a full disk and a failing one. The recorder must keep the
// audio written so far, stop the take with the error, and never hold up
// the source.

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/internal/fake"
)

// faultySink wraps the real WAV writer: each Write first waits delay, and
// once limit blocks were written every Write fails with err, writing
// nothing, as a full or broken disk does.
type faultySink struct {
	w      *wavfile.Writer
	delay  time.Duration
	limit  int
	err    error
	writes atomic.Int64
}

func (s *faultySink) Write(b []int16) error {
	time.Sleep(s.delay)
	if s.err != nil && s.writes.Load() >= int64(s.limit) {
		return fmt.Errorf("wavfile: write: %w", s.err)
	}
	s.writes.Add(1)
	return s.w.Write(b)
}

func (s *faultySink) Close() error { return s.w.Close() }

// useSink makes Arm write through s for the rest of the test.
func useSink(t *testing.T, s *faultySink) {
	t.Helper()
	old := create
	create = func(path string, rate int) (sink, error) {
		w, err := wavfile.Create(path, rate)
		if err != nil {
			return nil, err
		}
		s.w = w
		return s, nil
	}
	t.Cleanup(func() { create = old })
}

func pattern(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(uint32(i) * 2654435761 >> 16)
	}
	return s
}

func TestWriteFaultKeepsAudio(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"disk full", syscall.ENOSPC},
		{"write error", syscall.EIO},
		{"file too large", wavfile.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const block, good = 256, 6
			s := &faultySink{limit: good, err: tt.err}
			useSink(t, s)
			src := fake.NewSourceConfig(fake.SourceConfig{Samples: pattern(16000 * 5), Rate: 16000, BlockFrames: block, Paced: true})
			r := New(src)
			defer r.Close()
			path := filepath.Join(t.TempDir(), "answer.wav")
			if err := r.Arm(path); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(10 * time.Second)
			for r.Snapshot().Err == nil && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			snap := r.Snapshot()
			if !errors.Is(snap.Err, tt.err) || snap.Recording {
				t.Fatalf("after the fault: Err %v, Recording %v; want the fault and the take stopped", snap.Err, snap.Recording)
			}
			// The meter keeps running for the screen; nothing more is written.
			sent := src.Sent()
			for src.Sent() < sent+3 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if got := s.writes.Load(); got != good {
				t.Errorf("%d blocks written, want %d", got, good)
			}
			res, err := r.Stop()
			if !errors.Is(err, tt.err) {
				t.Errorf("Stop: %v, want the fault", err)
			}
			got, _, rerr := wavfile.ReadMono(path)
			if rerr != nil {
				t.Fatalf("the audio so far must stay readable: %v", rerr)
			}
			if res.Frames != good*block || int64(len(got)) != res.Frames || snap.Frames != res.Frames {
				t.Errorf("file %d frames, result %d, snapshot %d; want %d", len(got), res.Frames, snap.Frames, good*block)
			}
			if err := r.Close(); err != nil {
				t.Errorf("Close after the fault: %v", err)
			}
		})
	}
}

// TestSlowDiskDropsBlocks writes through a disk slower than real time: the
// source keeps its pace (it is never blocked by the writer), the blocks it
// cannot hand over are counted as dropped, and the count reaches the
// snapshot and the result.
func TestSlowDiskDropsBlocks(t *testing.T) {
	const rate, block = 16000, 320 // 20 ms blocks
	blockDur := time.Duration(block) * time.Second / rate
	s := &faultySink{delay: 2 * blockDur}
	useSink(t, s)
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: pattern(rate * 10), Rate: rate, BlockFrames: block, Paced: true, Pool: 4})
	r := New(src)
	defer r.Close()
	path := filepath.Join(t.TempDir(), "answer.wav")
	start := time.Now()
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	deadline := start.Add(10 * time.Second)
	for r.Snapshot().Dropped < 5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	snap := r.Snapshot()
	elapsed := time.Since(start)
	ticks := src.Sent() + src.Dropped()
	if snap.Dropped < 5 || !snap.Recording || snap.Err != nil {
		t.Fatalf("snapshot: %d dropped, recording %v, err %v; want drops counted while the take goes on", snap.Dropped, snap.Recording, snap.Err)
	}
	// Each block period the source either hands a block over or drops
	// one: a source held up by the writer would fall behind the clock.
	if min := uint64(elapsed/blockDur) * 7 / 10; ticks < min {
		t.Errorf("the source delivered or dropped %d blocks in %v, want at least %d: it was held up", ticks, elapsed, min)
	}
	res, err := r.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped < snap.Dropped {
		t.Errorf("result counts %d dropped blocks, the snapshot already %d", res.Dropped, snap.Dropped)
	}
	got, _, err := wavfile.ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(got)) != res.Frames || res.Frames != s.writes.Load()*block {
		t.Errorf("file %d frames, result %d, written %d blocks", len(got), res.Frames, s.writes.Load())
	}
}

// TestDeviceLostMidTake: the input fails (a USB microphone pulled out)
// while a slow disk still has blocks queued; everything queued is written
// and the take is kept.
func TestDeviceLostMidTake(t *testing.T) {
	const block = 256
	s := &faultySink{delay: 5 * time.Millisecond}
	useSink(t, s)
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: pattern(16000 * 5), Rate: 16000, BlockFrames: block, Paced: true, Pool: 16})
	r := New(src)
	defer r.Close()
	path := filepath.Join(t.TempDir(), "answer.wav")
	if err := r.Arm(path); err != nil {
		t.Fatal(err)
	}
	for r.Snapshot().Frames < 8*block {
		time.Sleep(5 * time.Millisecond)
	}
	lost := errors.New("device: input stream: device unavailable")
	src.Fail(lost)
	select {
	case <-r.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("recorder did not notice the device was lost")
	}
	res, err := r.Stop()
	if !errors.Is(err, lost) {
		t.Errorf("Stop: %v, want the device error", err)
	}
	got, _, rerr := wavfile.ReadMono(path)
	if rerr != nil {
		t.Fatal(rerr)
	}
	// Every block the source sent before failing reached the file.
	if want := int64(src.Sent()) * block; int64(len(got)) != res.Frames || res.Frames < 8*block || res.Frames > want {
		t.Errorf("file %d frames, result %d; want equal, at least %d and at most the %d sent", len(got), res.Frames, 8*block, want)
	}
}
