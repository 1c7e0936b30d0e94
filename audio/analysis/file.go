package analysis

import (
	"errors"
	"fmt"
	"io"

	"failforward/audio/wavfile"
)

// fileChunk is how many samples File reads at a time: half a megabyte, so
// that Analyzer.Write's pipeline runs over 16 pieces of each chunk and
// waits little to fill and empty.
const fileChunk = 1 << 18

// File measures the take recorded in the WAV file at path, streaming it
// through an Analyzer a chunk at a time so that even an hour-long take
// needs little memory. Both the review screen and the analyze command
// measure takes this way. It takes a while for a long take; it runs on the
// caller's goroutine and, while measuring each chunk, one more (see
// Analyzer.Write), so the caller decides where the wait happens.
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
	buf := make([]int16, fileChunk)
	for {
		n, err := r.Read(buf)
		a.Write(buf[:n])
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Report{}, fmt.Errorf("analysis: reading %s: %w", path, err)
		}
	}
	return a.Finish(), nil
}
