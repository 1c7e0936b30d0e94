package practice

import (
	"errors"
	"os"
)

// Mover keeps the library in use and its lock, and moves it to another
// folder on request (the settings screen's "Move takes"). It takes the lock
// of the new folder before anything moves, and lets go of the old one only
// once every take has arrived. A Mover is used from one goroutine at a
// time.
type Mover struct {
	lib  *Library
	lock *LibraryLock
}

// NewMover returns a mover of lib, whose folder lock holds.
func NewMover(lib *Library, lock *LibraryLock) *Mover {
	return &Mover{lib: lib, lock: lock}
}

// Library returns the library in use.
func (m *Mover) Library() *Library { return m.lib }

// Unlock releases the lock of the library in use, at exit.
func (m *Mover) Unlock() { m.lock.Unlock() }

// Move moves the library to dst (made if missing), calling progress as
// MoveLibrary does, and returns the library there. On failure the old
// library stays in use and locked, and the new folder is unlocked: some
// takes may then be in each folder until a new attempt finishes the move.
func (m *Mover) Move(dst string, progress func(done, total int)) (*Library, error) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return nil, Errorf("", "the folder %s could not be made (%w); choose another", dst, err)
	}
	newLock, err := Lock(dst)
	if err != nil {
		return nil, err
	}
	moveErr := MoveLibrary(m.lib.Dir, dst, progress)
	lib, err := Open(dst)
	if err != nil {
		newLock.Unlock()
		return nil, errors.Join(moveErr, err)
	}
	if moveErr != nil {
		newLock.Unlock()
		return nil, moveErr
	}
	m.lock.Unlock()
	m.lib, m.lock = lib, newLock
	return lib, nil
}
