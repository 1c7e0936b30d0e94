package recorder

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"failforward/audio"
	"failforward/internal/bench"
)

// idleSource is a Source that never delivers: the benchmarks hand blocks
// to consume themselves, on their own goroutine.
type idleSource struct{ rate int }

func (s idleSource) Blocks() <-chan []int16 { return nil }
func (s idleSource) Release([]int16)        {}
func (s idleSource) SampleRate() int        { return s.rate }
func (s idleSource) Dropped() uint64        { return 0 }
func (s idleSource) Err() error             { return nil }
func (s idleSource) Close() error           { return nil }

// discard is a sink that keeps nothing, to time the recorder without disk.
type discard struct{ frames int64 }

func (d *discard) Write(s []int16) error { d.frames += int64(len(s)); return nil }
func (d *discard) Close() error          { return nil }

// armed returns a recorder on an idle source, armed to record to path,
// with no goroutine of its own: the caller calls consume, as run does.
func armed(tb testing.TB, path string, rate int) *Recorder {
	tb.Helper()
	r := &Recorder{src: idleSource{rate}, meter: audio.NewMeter(rate)}
	if err := r.Arm(path); err != nil {
		tb.Fatal(err)
	}
	return r
}

// speechBlock returns n frames of a 220 Hz tone at speech level.
func speechBlock(n, rate int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(9000 * math.Sin(2*math.Pi*220*float64(i)/float64(rate)))
	}
	return s
}

// benchConsume times the recorder's work for one 1024-frame block at
// 48 kHz while armed: meter, WAV write, waveform pyramid and silence watch.
// Every ten minutes of audio the take is stopped and a new one armed (not
// timed), so the pyramid stays within the room it was made with and the
// files stay small.
func benchConsume(b *testing.B, toDisk bool) {
	const rate, block = 48000, 1024
	perTake := int64(peakRoom/time.Second) * rate / block
	if !toDisk {
		old := create
		create = func(string, int) (sink, error) { return &discard{}, nil }
		b.Cleanup(func() { create = old })
	}
	dir := b.TempDir()
	takes := 0
	arm := func() *Recorder {
		takes++
		return armed(b, filepath.Join(dir, fmt.Sprintf("take%d.wav", takes)), rate)
	}
	r := arm()
	s := speechBlock(block, rate)
	var n int64
	b.ReportAllocs()
	b.SetBytes(2 * block)
	for b.Loop() {
		if n == perTake {
			b.StopTimer()
			if _, err := r.Stop(); err != nil {
				b.Fatal(err)
			}
			r, n = arm(), 0
			b.StartTimer()
		}
		r.consume(s)
		n++
	}
	snap := r.Snapshot()
	if snap.Err != nil || snap.Frames != n*block || r.Peaks().Len() != n*block {
		b.Fatalf("after %d blocks: %d frames written, pyramid %d, error %v; want %d and no error",
			n, snap.Frames, r.Peaks().Len(), snap.Err, n*block)
	}
	if _, err := r.Stop(); err != nil {
		b.Fatal(err)
	}
	bench.ReportAudioCost(b, block, rate)
}

// BenchmarkConsumeBlockToFile is the whole per-block path of a take on
// disk.
func BenchmarkConsumeBlockToFile(b *testing.B) { benchConsume(b, true) }

// BenchmarkConsumeBlockNoDisk is the same without the file: the recorder's
// own processor work per block.
func BenchmarkConsumeBlockNoDisk(b *testing.B) { benchConsume(b, false) }

// TestConsumeDoesNotAllocate checks the steady state of a take: once armed,
// consuming a block allocates nothing (meter, file, pyramid, silence).
func TestConsumeDoesNotAllocate(t *testing.T) {
	r := armed(t, filepath.Join(t.TempDir(), "take.wav"), 48000)
	defer r.Stop()
	s := speechBlock(1024, 48000)
	r.consume(s) // the first block sizes the writer's buffer
	if got := testing.AllocsPerRun(500, func() { r.consume(s) }); got != 0 {
		t.Errorf("consume of a 1024-frame block allocates %v times, want 0", got)
	}
	if got, want := r.Snapshot().Frames, int64(502*1024); got != want {
		t.Errorf("frames written = %d, want %d", got, want)
	}
}
