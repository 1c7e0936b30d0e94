// Package wavtest writes the recordings tests read: a take as the recorder
// writes it, and a file named .wav that holds no audio. It serves tests
// only.
package wavtest

import (
	"os"
	"testing"

	"failforward/audio/wavfile"
)

// Write writes samples at rate to path as a 16-bit mono WAV file, as the
// recorder does, and fails the test if it cannot.
func Write(tb testing.TB, path string, rate int, samples []int16) {
	tb.Helper()
	w, err := wavfile.Create(path, rate)
	if err != nil {
		tb.Fatal(err)
	}
	if err := w.Write(samples); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

// WriteText writes text to path: a file named like a recording that is
// not one.
func WriteText(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
}
