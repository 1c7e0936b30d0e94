package practice

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lockHelperEnv selects what TestHelperLock does in a child process.
const (
	lockHelperEnv = "PRACTICE_TEST_LOCK_HELPER" // "try" or "hold"
	lockDirEnv    = "PRACTICE_TEST_LOCK_DIR"
)

// lockReport is what the helper prints, as one JSON line.
type lockReport struct {
	PID     int
	Locked  bool   // Lock succeeded
	Err     string // Lock's error
	IsInUse bool   // the error wraps ErrLocked
	Other   int    // the PID the *LockedError names
}

// TestHelperLock is not a test: the lock tests run the test binary again
// with only this test selected. With "try" it calls Lock once, prints a
// lockReport and exits; with "hold" it takes the lock, prints the report
// and keeps the lock until its standard input closes (or it is killed).
func TestHelperLock(t *testing.T) {
	mode := os.Getenv(lockHelperEnv)
	if mode == "" {
		t.Skip("helper process for the lock tests")
	}
	l, err := Lock(os.Getenv(lockDirEnv))
	r := lockReport{PID: os.Getpid(), Locked: err == nil}
	if err != nil {
		r.Err = err.Error()
		r.IsInUse = errors.Is(err, ErrLocked)
		var le *LockedError
		if errors.As(err, &le) {
			r.Other = le.PID
		}
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	if mode == "hold" && l != nil {
		_, _ = io.Copy(io.Discard, os.Stdin)
		_ = l.Unlock()
	}
	os.Exit(0)
}

// lockChild is a running helper process.
type lockChild struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Scanner
}

func startLockChild(t *testing.T, mode, dir string) *lockChild {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperLock$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+mode, lockDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &lockChild{cmd: cmd, stdin: stdin, out: bufio.NewScanner(out)}
	t.Cleanup(func() {
		_ = c.stdin.Close()
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
	})
	return c
}

// report reads the child's lockReport.
func (c *lockChild) report(t *testing.T) lockReport {
	t.Helper()
	for c.out.Scan() {
		var r lockReport
		if json.Unmarshal(c.out.Bytes(), &r) == nil && r.PID != 0 {
			return r
		}
	}
	t.Fatalf("helper printed no report: %v", c.out.Err())
	return lockReport{}
}

// tryInChild runs Lock in a new process and returns what it saw.
func tryInChild(t *testing.T, dir string) lockReport {
	t.Helper()
	c := startLockChild(t, "try", dir)
	r := c.report(t)
	_ = c.cmd.Wait()
	return r
}

func TestLockRefusesSecondProcess(t *testing.T) {
	dir := t.TempDir()
	l, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock: %v", err)
	}
	checkMode(t, filepath.Join(dir, LockName), 0o600)

	r := tryInChild(t, dir)
	if r.Locked || !r.IsInUse {
		t.Fatalf("second process: locked=%v err=%q; want refused with ErrLocked", r.Locked, r.Err)
	}
	if r.Other != os.Getpid() {
		t.Errorf("the error names process %d, want the holder %d", r.Other, os.Getpid())
	}
	for _, want := range []string{"process " + strconv.Itoa(os.Getpid()), "another Fail Forward window", "--library", dir} {
		if !strings.Contains(r.Err, want) {
			t.Errorf("error %q does not contain %q", r.Err, want)
		}
	}

	if err := l.Unlock(); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Errorf("second Unlock = %v, want nil", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lock file after Unlock: %v, want it gone", err)
	}
	if r := tryInChild(t, dir); !r.Locked {
		t.Errorf("after Unlock another process cannot lock: %s", r.Err)
	}
}

// TestLockAfterKill kills a process holding the lock with SIGKILL: its lock
// must not block the next start.
func TestLockAfterKill(t *testing.T) {
	dir := t.TempDir()
	c := startLockChild(t, "hold", dir)
	r := c.report(t)
	if !r.Locked {
		t.Fatalf("holder could not lock: %s", r.Err)
	}
	_, err := Lock(dir)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.PID != r.PID || le.Dir != dir {
		t.Fatalf("Lock while another process holds it = %v, want a *LockedError naming process %d", err, r.PID)
	}
	if d := time.Since(le.Since); d < 0 || d > time.Minute {
		t.Errorf("the lock says it was taken %v ago", d)
	}
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = c.cmd.Wait()
	// The dead process's lock file is still there, holding its PID.
	if o := readOwner(filepath.Join(dir, LockName)); o.PID != r.PID {
		t.Fatalf("lock file names process %d, want the killed %d", o.PID, r.PID)
	}
	l, err := Lock(dir)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	defer l.Unlock()
	if o := readOwner(filepath.Join(dir, LockName)); o.PID != os.Getpid() {
		t.Errorf("lock file names process %d, want this one (%d)", o.PID, os.Getpid())
	}
}

func TestLockStaleFile(t *testing.T) {
	host, _ := os.Hostname()
	dead, _ := json.Marshal(owner{PID: 2147483000, Host: host, Since: time.Now().Add(-time.Hour)})
	tests := []struct {
		name    string
		content string
	}{
		{"dead process", string(dead)},
		{"empty", ""},
		{"garbage", "\x00\x01not json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, LockName)
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			// Old enough that no process can still be writing it.
			old := time.Now().Add(-time.Hour)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			l, err := Lock(dir)
			if err != nil {
				t.Fatalf("Lock over a stale lock file: %v", err)
			}
			if o := readOwner(path); o.PID != os.Getpid() {
				t.Errorf("lock file names process %d, want %d", o.PID, os.Getpid())
			}
			if err := l.Unlock(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestLockTwiceInOneProcess(t *testing.T) {
	dir := t.TempDir()
	l, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if l.Dir() != dir {
		t.Errorf("Dir() = %q, want %q", l.Dir(), dir)
	}
	if _, err := Lock(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second Lock in the same process = %v, want ErrLocked", err)
	}
	other := t.TempDir()
	l2, err := Lock(other)
	if err != nil {
		t.Fatalf("another library is independent: %v", err)
	}
	l2.Unlock()
}

func TestLockErrors(t *testing.T) {
	if _, err := Lock(""); err == nil || errors.Is(err, ErrLocked) {
		t.Errorf("Lock(\"\") = %v, want an error that is not ErrLocked", err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	if _, err := Lock(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Lock of a missing folder = %v, want fs.ErrNotExist", err)
	}
	var nilLock *LibraryLock
	if err := nilLock.Unlock(); err != nil {
		t.Errorf("Unlock of nil = %v, want nil", err)
	}
}

func TestLockedErrorMessage(t *testing.T) {
	host, _ := os.Hostname()
	tests := []struct {
		e    LockedError
		want string
	}{
		{LockedError{Dir: "/lib", PID: 1234, Host: host}, "practice: the library /lib is open in another Fail Forward window (process 1234); close that window, or pass --library to use another folder"},
		{LockedError{Dir: "/lib", PID: 99, Host: host + "-other"}, "practice: the library /lib is open in another Fail Forward window (process 99 on " + host + "-other); close that window, or pass --library to use another folder"},
		{LockedError{Dir: "/lib"}, "practice: the library /lib is open in another Fail Forward window; close that window, or pass --library to use another folder"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q\nwant      %q", got, tt.want)
		}
	}
}
