package practice

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "labels.txt")
	for _, text := range []string{"first\n", "second, longer than the first\n", ""} {
		if err := WriteFileAtomic(path, []byte(text)); err != nil {
			t.Fatalf("WriteFileAtomic(%q): %v", text, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != text {
			t.Errorf("file holds %q, want %q", got, text)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only labels.txt (no temporary file left)", len(entries))
	}

	// A folder that does not exist: a clear error that wraps the cause.
	missing := filepath.Join(dir, "gone", "labels.txt")
	err = WriteFileAtomic(missing, []byte("x"))
	if err == nil {
		t.Fatal("WriteFileAtomic into a missing folder: no error")
	}
	if !strings.HasPrefix(err.Error(), "practice: writing labels.txt: ") {
		t.Errorf("error %q does not say what was being written", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v does not wrap fs.ErrNotExist", err)
	}
}
