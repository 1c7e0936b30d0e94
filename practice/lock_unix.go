//go:build unix

package practice

import (
	"errors"
	"os"
	"syscall"
)

// lockFile opens the lock file at path and takes an exclusive flock(2) on
// it without waiting. The kernel drops the lock when the process ends, so
// a crashed run never leaves the library blocked.
func lockFile(dir, path string) (*os.File, error) {
	// Unlock removes the file while holding the lock. A process that
	// opened it just before may then lock a file no longer in the folder:
	// it checks that the file it locked is still the one at path, and
	// tries again if not.
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, Errorf("lock library", "%w", err)
		}
		err = flock(f)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			o := readOwner(path)
			return nil, &LockedError{Dir: dir, PID: o.PID, Host: o.Host, Since: o.Since}
		}
		if errors.Is(err, syscall.ENOLCK) || errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.ENOSYS) {
			// A file system without locks (some network shares): the
			// library opens unguarded rather than not at all.
			return f, nil
		}
		if err != nil {
			f.Close()
			return nil, Errorf("lock library", "%w", err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return f, nil
		}
		f.Close()
	}
	return nil, Errorf("lock library", "%s keeps changing", path)
}

// flock takes an exclusive lock on f without waiting, retrying when a
// signal interrupts the call.
func flock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			return err
		}
	}
}

// unlockFile removes the lock file, then closes it, which releases the lock.
func unlockFile(f *os.File, path string) error {
	rerr := os.Remove(path)
	cerr := f.Close()
	return errors.Join(rerr, cerr)
}
