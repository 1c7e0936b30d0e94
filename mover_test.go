package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"failforward/practice"
)

// TestLibraryMoverMovesAndRelocks moves a library with two takes: the
// takes arrive, the new folder is locked and the old one is free.
func TestLibraryMoverMovesAndRelocks(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "moved")
	lib, err := practice.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	q := practice.Questions()[0]
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
	lock, err := practice.Lock(src)
	if err != nil {
		t.Fatal(err)
	}
	m := &libraryMover{lib: lib, lock: lock}
	var calls int
	moved, err := m.move(dst, func(done, total int) { calls++ })
	if err != nil {
		t.Fatalf("move: %v", err)
	}
	t.Cleanup(func() { m.lock.Unlock() })
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
	var locked *practice.LockedError
	if _, err := practice.Lock(dst); !errors.As(err, &locked) {
		t.Errorf("Lock(new folder) = %v, want it held by the mover", err)
	}
	old, err := practice.Lock(src)
	if err != nil {
		t.Errorf("Lock(old folder) = %v, want it released", err)
	} else {
		old.Unlock()
	}
}

// TestLibraryMoverRefusesBusyFolder keeps the old library when the new
// folder is not empty.
func TestLibraryMoverRefusesBusyFolder(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(dst, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib, err := practice.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := practice.Lock(src)
	if err != nil {
		t.Fatal(err)
	}
	m := &libraryMover{lib: lib, lock: lock}
	t.Cleanup(func() { m.lock.Unlock() })
	moved, err := m.move(dst, nil)
	if err == nil || moved != nil {
		t.Fatalf("move into a folder with a file = %v, %v; want an error and no library", moved, err)
	}
	if m.lib != lib {
		t.Error("the mover switched libraries after a failed move")
	}
	if _, err := practice.Lock(dst); err != nil {
		t.Errorf("Lock(refused folder) = %v, want it free again", err)
	}
}
