package recorder

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/internal/fake"
)

// diskFullEnv names the folder TestHelperDiskFull mounts a small file
// system on; unset, the helper skips.
const diskFullEnv = "RECORDER_TEST_DISKFULL_DIR"

// diskFullReport is what the helper saw.
type diskFullReport struct {
	Setup      string // why the file system could not be made, if it could not
	SnapErr    string
	SnapNoSpc  bool  // Snapshot().Err wraps ENOSPC
	Recording  bool  // Snapshot().Recording after the error
	StopNoSpc  bool  // Stop's error wraps ENOSPC
	Frames     int64 // Result.Frames
	FileFrames int64 // frames ReadMono reads
	FileBytes  int64
	ReadErr    string
	SoxFrames  int64 // soxi -s; -1 without sox
	SoxErr     string
}

// TestHelperDiskFull is not a test: TestDiskFullOnRealFileSystem runs the
// test binary again in a mount namespace of its own, where this helper
// mounts a 64 KiB tmpfs and records onto it until it is full. The mount
// disappears with the process. It prints a diskFullReport.
func TestHelperDiskFull(t *testing.T) {
	dir := os.Getenv(diskFullEnv)
	if dir == "" {
		t.Skip("helper process for TestDiskFullOnRealFileSystem")
	}
	var rep diskFullReport
	defer func() {
		b, _ := json.Marshal(rep)
		fmt.Println(string(b))
		os.Exit(0)
	}()
	// Keep the mount out of the parent's namespace, then mount.
	if err := syscall.Mount("none", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		rep.Setup = "make mounts private: " + err.Error()
		return
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0700"); err != nil {
		rep.Setup = "mount tmpfs: " + err.Error()
		return
	}
	src := fake.NewSourceConfig(fake.SourceConfig{Samples: pattern(48000 * 5), Rate: 48000, BlockFrames: 1024, Paced: true})
	r := New(src)
	defer r.Close()
	path := filepath.Join(dir, "answer.wav")
	if err := r.Arm(path); err != nil {
		rep.Setup = "arm: " + err.Error()
		return
	}
	for deadline := time.Now().Add(10 * time.Second); r.Snapshot().Err == nil && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	snap := r.Snapshot()
	if snap.Err != nil {
		rep.SnapErr = snap.Err.Error()
	}
	rep.SnapNoSpc = errors.Is(snap.Err, syscall.ENOSPC)
	rep.Recording = snap.Recording
	res, err := r.Stop()
	rep.StopNoSpc = errors.Is(err, syscall.ENOSPC)
	rep.Frames = res.Frames
	if fi, err := os.Stat(path); err == nil {
		rep.FileBytes = fi.Size()
	}

	got, _, err := wavfile.ReadMono(path)
	rep.FileFrames = int64(len(got))
	if err != nil {
		rep.ReadErr = err.Error()
	}
	rep.SoxFrames = -1
	if _, err := exec.LookPath("soxi"); err == nil {
		out, err := exec.Command("soxi", "-s", path).CombinedOutput()
		if err != nil {
			rep.SoxErr = fmt.Sprintf("%v: %s", err, out)
		} else {
			rep.SoxFrames, _ = strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		}
	}
}

// TestDiskFullOnRealFileSystem records onto a real file system that fills
// up: the take stops with an error wrapping ENOSPC, and the file holds
// every frame the recorder counted, readable by the app and by sox.
// It needs a mount namespace (root, or unprivileged user namespaces) and
// skips without one.
func TestDiskFullOnRealFileSystem(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDiskFull$", "-test.count=1")
	cmd.Env = append(os.Environ(), diskFullEnv+"="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS}
	if os.Geteuid() != 0 {
		cmd.SysProcAttr.Cloneflags |= syscall.CLONE_NEWUSER
		cmd.SysProcAttr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}}
		cmd.SysProcAttr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}}
	}
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Skipf("no mount namespace for a small file system: %v", err)
	}
	var rep diskFullReport
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &rep); err != nil {
		t.Fatalf("helper output %q: %v", out, err)
	}
	if rep.Setup != "" {
		t.Skipf("no small file system: %s", rep.Setup)
	}
	t.Logf("%+v", rep)
	if !rep.SnapNoSpc || rep.Recording || !rep.StopNoSpc {
		t.Errorf("snapshot error %q (ENOSPC %v), recording %v, Stop ENOSPC %v; want the take stopped with ENOSPC",
			rep.SnapErr, rep.SnapNoSpc, rep.Recording, rep.StopNoSpc)
	}
	if rep.ReadErr != "" || rep.FileFrames != rep.Frames || rep.Frames < 8192 {
		t.Errorf("file reads %d frames (%s), recorder counted %d; want equal and most of 64 KiB", rep.FileFrames, rep.ReadErr, rep.Frames)
	}
	// The failed write may leave a few bytes past the frames the header
	// counts (tmpfs does); readers go by the header.
	if rep.FileBytes < 44+2*rep.Frames || rep.FileBytes > 64<<10 {
		t.Errorf("file is %d bytes, want a header, %d frames and at most the 64 KiB of the file system", rep.FileBytes, rep.Frames)
	}
	switch {
	case rep.SoxFrames == -1 && os.Getenv("FF_REQUIRE_TOOLS") != "":
		t.Error("soxi not found and FF_REQUIRE_TOOLS is set")
	case rep.SoxFrames != -1 && rep.SoxFrames != rep.Frames:
		t.Errorf("soxi reads %d frames (%s), want %d", rep.SoxFrames, rep.SoxErr, rep.Frames)
	}
	if b, err := os.ReadDir(dir); err != nil || len(b) != 0 {
		t.Errorf("the small file system leaked into the test's folder: %v %v", b, err)
	}
}
