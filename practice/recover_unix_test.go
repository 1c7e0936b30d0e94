//go:build unix

package practice

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestTakeFilesArePrivate follows a take from start to recovery and checks
// that nobody else on the machine can read it, whatever the umask.
func TestTakeFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	root := t.TempDir()
	l, err := Open(filepath.Join(root, "a", "lib"))
	if err != nil {
		t.Fatal(err)
	}
	lock, err := Lock(l.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	tk := recordingTake(t, l, q07, start, 0, nil, -1)
	f, err := os.OpenFile(l.AudioPath(tk.ID), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600) // as wavfile.Create
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeWAV(t, l.AudioPath(tk.ID), 16000, 100)
	if _, err := l.Recover(tk.ID, (&fakeRepair{}).repair); err != nil {
		t.Fatal(err)
	}
	checkMode(t, filepath.Join(root, "a"), 0o700)
	checkMode(t, l.Dir, 0o700)
	checkMode(t, filepath.Join(l.Dir, tk.ID), 0o700)
	checkMode(t, filepath.Join(l.Dir, tk.ID, SidecarName), 0o600)
	checkMode(t, l.AudioPath(tk.ID), 0o600)
	checkMode(t, filepath.Join(l.Dir, LockName), 0o600)
	if err := l.Remove(tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(l.Dir, tk.ID)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Remove: %v, want the take's folder gone", err)
	}
}
