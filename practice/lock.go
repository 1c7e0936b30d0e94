package practice

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// LockName is the lock file Lock keeps in the library folder while the
// library is open. It is hidden, so List ignores it.
const LockName = ".lock"

// ErrLocked is wrapped by Lock's error when another running Fail Forward
// has the library open. The error is a *LockedError.
var ErrLocked = errors.New("practice: library in use")

// LockedError says which process has the library open.
type LockedError struct {
	Dir   string    // the library folder
	PID   int       // the other process; 0 if its lock file could not be read
	Host  string    // the computer it runs on, as it named itself
	Since time.Time // when it opened the library; zero if unknown
}

// Error reads "practice: the library DIR is open in another Fail Forward
// window (process PID); close that window, or pass --library to use another
// folder".
func (e *LockedError) Error() string { return "practice: " + e.Message() }

// Message says which window has the library and what to do.
func (e *LockedError) Message() string {
	who := "another Fail Forward window"
	if e.PID > 0 {
		who += " (process " + strconv.Itoa(e.PID)
		if host, _ := os.Hostname(); e.Host != "" && e.Host != host {
			who += " on " + e.Host
		}
		who += ")"
	}
	return fmt.Sprintf("the library %s is open in %s; close that window, or pass --library to use another folder", e.Dir, who)
}

// Unwrap returns ErrLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// owner is what a lock file holds.
type owner struct {
	PID   int       `json:"pid"`
	Host  string    `json:"host"`
	Since time.Time `json:"since"`
}

func currentOwner() owner {
	host, _ := os.Hostname()
	return owner{PID: os.Getpid(), Host: host, Since: time.Now().Truncate(time.Second)}
}

// readOwner reads the lock file at path; a missing or unreadable file gives
// the zero owner.
func readOwner(path string) owner {
	var o owner
	if b, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(b, &o) // a torn or foreign file says nothing
	}
	return o
}

// LibraryLock is a library held open by this process: one library, one
// writer. Release it with Unlock.
type LibraryLock struct {
	dir  string
	path string
	f    *os.File
}

// Lock takes the library folder dir for this process, so that a second Fail
// Forward on the same library is refused instead of writing beside the
// first. It fails with a *LockedError (wrapping ErrLocked) naming the other
// process while that process runs. A lock left by a process that died (a
// crash, a kill) does not block: on Unix the system releases it when the
// process ends; elsewhere a lock whose process is gone is taken over.
// On a file system that has no locks (some network shares) the library
// opens unguarded. The lock file has mode 0600.
func Lock(dir string) (*LibraryLock, error) {
	if dir == "" {
		return nil, Errorf("lock library", "empty folder name")
	}
	path := filepath.Join(dir, LockName)
	f, err := lockFile(dir, path)
	if err != nil {
		return nil, err
	}
	l := &LibraryLock{dir: dir, path: path, f: f}
	// The owner is only for the other process's message; the lock holds
	// without it, so failing to write it is not an error.
	b, _ := json.Marshal(currentOwner())
	if f.Truncate(0) == nil {
		_, _ = f.WriteAt(append(b, '\n'), 0)
	}
	return l, nil
}

// Dir returns the locked library folder.
func (l *LibraryLock) Dir() string { return l.dir }

// Unlock releases the library and removes the lock file. Calling it again
// does nothing.
func (l *LibraryLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f, l.path)
	l.f = nil
	if err != nil {
		return Errorf("unlock library", "%w", err)
	}
	return nil
}
