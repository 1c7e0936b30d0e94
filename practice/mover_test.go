package practice

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestMoverMovesAndRelocks moves a library with two takes: the
// takes arrive, the new folder is locked and the old one is free.
func TestMoverMovesAndRelocks(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "moved")
	lib, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	q := Questions()[0]
	var ids []string
	for i := range 2 {
		tk, _, err := lib.NewTake(q, time.Date(2026, 11, 24, 20, i, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		tk.Duration = 1
		if err := lib.Save(tk); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(lib.AudioPath(tk.ID), []byte("RIFF"), 0o600); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	lock, err := Lock(src)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMover(lib, lock)
	var calls int
	moved, err := m.Move(dst, func(done, total int) { calls++ })
	if err != nil {
		t.Fatalf("move: %v", err)
	}
	t.Cleanup(func() { m.Unlock() })
	if moved == nil || moved.Dir != dst {
		t.Fatalf("moved library = %v, want one at %s", moved, dst)
	}
	takes, err := moved.List()
	if err != nil || len(takes) != len(ids) {
		t.Fatalf("List after the move = %d takes (%v), want %d", len(takes), err, len(ids))
	}
	if calls == 0 {
		t.Error("progress was never called")
	}
	var locked *LockedError
	if _, err := Lock(dst); !errors.As(err, &locked) {
		t.Errorf("Lock(new folder) = %v, want it held by the mover", err)
	}
	old, err := Lock(src)
	if err != nil {
		t.Errorf("Lock(old folder) = %v, want it released", err)
	} else {
		old.Unlock()
	}
}

// TestMoverRefusesBusyFolder keeps the old library when the new
// folder is not empty.
func TestMoverRefusesBusyFolder(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := Lock(src)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMover(lib, lock)
	t.Cleanup(func() { m.Unlock() })
	moved, err := m.Move(dst, nil)
	if err == nil || moved != nil {
		t.Fatalf("move into a folder with a file = %v, %v; want an error and no library", moved, err)
	}
	if m.Library() != lib {
		t.Error("the mover switched libraries after a failed move")
	}
	if _, err := Lock(dst); err != nil {
		t.Errorf("Lock(refused folder) = %v, want it free again", err)
	}
}
