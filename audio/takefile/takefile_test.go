package takefile

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"failforward/audio/wavfile"
	"failforward/internal/wavtest"
)

// writeTake writes samples at rate as the recorder does.
func writeTake(t *testing.T, samples []int16, rate int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "answer.wav")
	wavtest.Write(t, path, rate, samples)
	return path
}

func TestOpenAndRead(t *testing.T) {
	samples := make([]int16, 4000)
	for i := range samples {
		samples[i] = int16(i*7 - 9000)
	}
	path := writeTake(t, samples, 16000)

	src, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if src.Rate() != 16000 || src.Len() != 4000 {
		t.Errorf("Open: rate %d, %d frames; want 16000 and 4000", src.Rate(), src.Len())
	}
	buf := make([]int16, 100)
	if n, err := src.ReadAt(buf, 1000); n != 100 || err != nil || !slices.Equal(buf, samples[1000:1100]) {
		t.Errorf("ReadAt(1000): %d frames, %v; want the take's frames 1000 to 1100", n, err)
	}
	if err := src.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}

	got, rate, err := Read(path)
	if err != nil || rate != 16000 || !slices.Equal(got, samples) {
		t.Errorf("Read: %d frames at %d, %v; want the take at 16000", len(got), rate, err)
	}
}

func TestUnreadable(t *testing.T) {
	notWAV := filepath.Join(t.TempDir(), "answer.wav")
	wavtest.WriteText(t, notWAV, "not a recording at all, just text")
	_, err := Open(notWAV)
	if !errors.Is(err, wavfile.ErrFormat) {
		t.Fatalf("Open of a text file: %v, want a format error", err)
	}
	if what, hint, ok := Problem(err); !ok || what == "" || hint == "" {
		t.Errorf("Problem(%v) = %q, %q, %v; want what is wrong and what to do", err, what, hint, ok)
	}
	_, _, err = Read(filepath.Join(t.TempDir(), "missing.wav"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read of a missing file: %v, want it not found", err)
	}
	if _, _, ok := Problem(err); ok {
		t.Error("Problem calls a missing file a format problem")
	}
}

func TestRepair(t *testing.T) {
	path := writeTake(t, make([]int16, 1600), 16000)
	rate, frames, err := Repair(path)
	if err != nil || rate != 16000 || frames != 1600 {
		t.Errorf("Repair of a whole take: rate %d, %d frames, %v; want 16000 and 1600", rate, frames, err)
	}
}
