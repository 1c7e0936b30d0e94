package wavtest

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"failforward/audio/wavfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	take := filepath.Join(dir, "answer.wav")
	want := []int16{0, 1200, -1200, 32767, -32768}
	Write(t, take, 8000, want)
	got, info, err := wavfile.ReadMono(take)
	if err != nil || info.SampleRate != 8000 || !slices.Equal(got, want) {
		t.Errorf("read back %v at %d Hz (%v), want %v at 8000 Hz", got, info.SampleRate, err, want)
	}
	text := filepath.Join(dir, "notes.wav")
	WriteText(t, text, "not audio")
	if _, _, err := wavfile.ReadMono(text); !errors.Is(err, wavfile.ErrFormat) {
		t.Errorf("reading the text file: %v, want a format error", err)
	}
}
