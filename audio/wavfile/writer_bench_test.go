package wavfile

import (
	"fmt"
	"path/filepath"
	"testing"

	"failforward/internal/bench"
)

// BenchmarkWriterCaptureBlock writes one 1024-frame capture block at 48 kHz
// to a WAV file, header patch included, as the recorder does for every
// block. A new file starts every ten minutes of audio so the benchmark's
// disk use stays bounded; creating it is not timed.
func BenchmarkWriterCaptureBlock(b *testing.B) {
	const rate, block = 48000, 1024
	const perFile = 10 * 60 * rate / block
	dir := b.TempDir()
	files := 0
	open := func() *Writer {
		files++
		w, err := Create(filepath.Join(dir, fmt.Sprintf("take%d.wav", files)), rate)
		if err != nil {
			b.Fatal(err)
		}
		return w
	}
	w := open()
	samples := patternBlock(0, block)
	written := 0
	b.ReportAllocs()
	b.SetBytes(2 * block)
	for b.Loop() {
		if written == perFile {
			b.StopTimer()
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			w, written = open(), 0
			b.StartTimer()
		}
		if err := w.Write(samples); err != nil {
			b.Fatal(err)
		}
		written++
	}
	if got, want := w.Frames(), int64(written*block); got != want {
		b.Fatalf("the file holds %d frames, want %d", got, want)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	bench.ReportAudioCost(b, block, rate)
}
