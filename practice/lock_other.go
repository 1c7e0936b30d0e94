//go:build !unix

package practice

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockFile creates the lock file at path, failing if it exists. Systems
// without flock(2) do not release the lock when the process dies, so a
// lock file whose process no longer runs on this computer is removed and
// the creation tried again.
func lockFile(dir, path string) (*os.File, error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, Errorf("lock library", "%w", err)
		}
		o := readOwner(path)
		host, _ := os.Hostname()
		if o.PID > 0 && (o.Host != host || alive(o.PID)) {
			return nil, &LockedError{Dir: dir, PID: o.PID, Host: o.Host, Since: o.Since}
		}
		// Stale, or a file torn before its owner was written: an owner
		// still starting writes it within moments, so look again first.
		if o.PID <= 0 {
			if fi, err := os.Stat(path); err == nil && fi.Size() == 0 && !staleEmpty(fi) {
				return nil, &LockedError{Dir: dir}
			}
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, Errorf("lock library", "remove stale lock: %w", err)
		}
	}
	return nil, Errorf("lock library", "%s keeps changing", path)
}

// alive reports whether a process with this ID runs. On Windows FindProcess
// fails for a process that does not exist.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}

// unlockFile closes the lock file and removes it.
func unlockFile(f *os.File, path string) error {
	cerr := f.Close()
	rerr := os.Remove(path)
	return errors.Join(cerr, rerr)
}

// staleEmpty reports whether an empty lock file is too old to belong to a
// process that is still writing its owner.
func staleEmpty(fi fs.FileInfo) bool { return time.Since(fi.ModTime()) > 10*time.Second }
