package analysis

import (
	"errors"
	"fmt"
	"io"

	"failforward/audio/wavfile"
)

// fileChunk is how many samples File reads at a time: half a megabyte, so
// that Analyzer.Write's pipeline runs over 16 pieces of each chunk and
// waits little to fill and empty (and the reader, reading the next chunk
// meanwhile, fills those waits).
const fileChunk = 1 << 18

// File measures the take recorded in the WAV file at path, streaming it
// through an Analyzer a chunk at a time so that even an hour-long take
// needs little memory. Both the review screen and the analyze command
// measure takes this way. It takes a while for a long take; it runs on the
// caller's goroutine, with one more that reads the next chunk while the
// last is measured and, while measuring each chunk, one more again (see
// Analyzer.Write); neither is left working when it returns, so the caller
// decides where the wait happens.
//
// Errors about the file wrap wavfile's (wavfile.ErrFormat,
// *wavfile.FormatError, fs.ErrNotExist); a sample rate too low to measure
// is ErrRate.
func File(path string) (Report, error) {
	r, err := wavfile.Open(path)
	if err != nil {
		return Report{}, fmt.Errorf("analysis: %w", err)
	}
	defer r.Close()
	a, err := NewAnalyzer(r.Info().SampleRate, Options{})
	if err != nil {
		return Report{}, err // already says "analysis: " and wraps ErrRate
	}
	a.reserve(r.Info().Frames)
	// The next chunk is read while the last one is measured: two buffers
	// go round between this goroutine and the reader, which stops after
	// the chunk that ends the file or fails to read.
	type chunk struct {
		buf []int16
		n   int
		err error
	}
	free := make(chan []int16, 2)
	free <- make([]int16, fileChunk)
	free <- make([]int16, fileChunk)
	read := make(chan chunk, 1)
	go func() {
		for {
			buf := <-free
			n, err := r.Read(buf)
			read <- chunk{buf, n, err}
			if err != nil {
				return
			}
		}
	}()
	for c := range read {
		a.Write(c.buf[:c.n])
		if errors.Is(c.err, io.EOF) {
			break
		}
		if c.err != nil {
			return Report{}, fmt.Errorf("analysis: reading %s: %w", path, c.err)
		}
		free <- c.buf
	}
	return a.Finish(), nil
}
