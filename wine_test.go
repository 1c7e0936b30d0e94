package main

// Tests of the Windows build under Wine (make test-windows). They run the
// programs that `make package-windows` put in dist/ (the zip and the
// installer, as they ship) through scripts/wine.sh, on the virtual audio
// device and the virtual screen, and compare with the Linux build of the
// same source. Without FF_WINDOWS_DIST they are skipped; with
// FF_REQUIRE_WINE=1 anything they need that is missing is a failure.

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"failforward/audio/wavfile"
	"failforward/practice"
)

var (
	wineOnce   sync.Once
	wineDir    string // unpacked zip, the prefix, all under one folder
	winePrefix string
	wineErr    error
)

// wineBuild returns the folder holding "Fail Forward.exe" and
// failforward.exe, unpacked from the zip in $FF_WINDOWS_DIST, and the
// Wine prefix the tests share (prepared by scripts/wine.sh on first use).
func wineBuild(t *testing.T) string {
	t.Helper()
	dist := os.Getenv("FF_WINDOWS_DIST")
	if dist == "" {
		require(t, "FF_REQUIRE_WINE", "Windows build (set FF_WINDOWS_DIST=dist; make test-windows does)")
	}
	for _, tool := range []string{"xdotool", "import", "espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			require(t, "FF_REQUIRE_TOOLS", tool)
		}
	}
	if _, err := exec.LookPath("wine64"); err != nil {
		if _, err := os.Stat("/usr/lib/wine/wine64"); err != nil {
			require(t, "FF_REQUIRE_WINE", "wine64")
		}
	}
	wineOnce.Do(func() {
		wineDir, wineErr = os.MkdirTemp("", "failforward-wine-")
		if wineErr != nil {
			return
		}
		winePrefix = filepath.Join(wineDir, "prefix")
		wineErr = unzip(filepath.Join(dist, fmt.Sprintf("FailForward-%s-windows-amd64.zip", appVersion)), filepath.Join(wineDir, "app"))
		if wineErr != nil {
			return
		}
		// Prepare the prefix now (wineboot, the shim), with Wine's own
		// cmd.exe, so that the tests time the app and not that.
		cmd := wineCmd("cmd", "/c", "exit 0")
		if out, err := cmd.CombinedOutput(); err != nil {
			wineErr = fmt.Errorf("preparing the Wine prefix: %v: %s", err, out)
		}
	})
	if wineErr != nil {
		t.Fatalf("the Windows build: %v", wineErr)
	}
	return filepath.Join(wineDir, "app", appName)
}

// killWine ends every program in the tests' prefix and its wineserver, so
// that the next test starts from a quiet prefix.
func killWine() {
	if winePrefix == "" {
		return
	}
	server := "wineserver"
	if _, err := exec.LookPath(server); err != nil {
		server = "/usr/lib/wine/wineserver64"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, arg := range []string{"-k", "-w"} {
		cmd := exec.CommandContext(ctx, server, arg)
		cmd.Env = append(os.Environ(), "WINEPREFIX="+winePrefix)
		cmd.Run()
	}
}

// stopWine ends every program in the tests' prefix and removes it; TestMain
// calls it after the tests.
func stopWine() {
	if winePrefix == "" {
		return
	}
	killWine()
	// The server's socket folder, named after the prefix's device and
	// inode, outlives it.
	var st syscall.Stat_t
	if syscall.Stat(winePrefix, &st) == nil {
		name := fmt.Sprintf("server-%x-%x", st.Dev, st.Ino)
		socks, _ := filepath.Glob(filepath.Join(os.TempDir(), "wine-*", name))
		socks = append(socks, filepath.Join("/tmp", fmt.Sprintf(".wine-%d", os.Getuid()), name))
		for _, s := range socks {
			if _, err := os.Stat(s); err == nil {
				os.RemoveAll(s)
				os.Remove(filepath.Dir(s)) // only when empty
			}
		}
	}
	os.RemoveAll(wineDir)
}

// unzip unpacks the zip at path into dir.
func unzip(path, dir string) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(dst, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("%s: entry %q leaves the folder", path, f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		in, err := f.Open()
		if err != nil {
			return err
		}
		out, err := os.Create(dst)
		if err == nil {
			_, err = io.Copy(out, in)
			if cerr := out.Close(); err == nil {
				err = cerr
			}
		}
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// wineCmd returns a command that runs the Windows program exe with args
// through scripts/wine.sh in the tests' prefix, in its own process group
// (so that killing it ends Wine's process too).
func wineCmd(exe string, args ...string) *exec.Cmd {
	root, _ := os.Getwd()
	cmd := exec.Command(filepath.Join(root, "scripts", "wine.sh"), append([]string{"--", exe}, args...)...)
	cmd.Env = append(os.Environ(), "WINEPREFIX="+winePrefix)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	return cmd
}

// killGroup ends the process group of a command started by wineCmd.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	}
}

// runWine runs a Windows program to its end (at most limit) and returns
// its exit code and output.
func runWine(t *testing.T, dir string, limit time.Duration, exe string, args ...string) (int, string, string) {
	t.Helper()
	cmd := wineCmd(exe, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatalf("%s %q: %v", filepath.Base(exe), args, err)
		}
		return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
	case <-time.After(limit):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		t.Fatalf("%s %q did not end within %v; stderr: %s", filepath.Base(exe), args, limit, stderr.String())
		return 0, "", ""
	}
}

// runLinux runs the Linux build the same way.
func runLinux(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(appBinary(t), args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("failforward %q: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// winPath is how a Windows program under Wine names a Unix path.
func winPath(p string) string {
	return `Z:` + strings.ReplaceAll(p, "/", `\`)
}

// TestWineCLIMatchesLinux runs the console program under Wine and the Linux
// build on the same files, from the same folder with the same relative
// names: analyze, waveform, import-labels and export must give the same
// bytes; devices must list the sound device in the same shape.
func TestWineCLIMatchesLinux(t *testing.T) {
	app := wineBuild(t)
	exe := filepath.Join(app, "failforward.exe")
	dir := t.TempDir()

	sox := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("sox", args...).CombinedOutput(); err != nil {
			t.Fatalf("sox %q: %v: %s", args, err, out)
		}
	}
	if out, err := exec.Command("espeak-ng", "-w", filepath.Join(dir, "espeak.wav"),
		"I missed the launch date because I kept the risk to myself. Now I say it early.").CombinedOutput(); err != nil {
		t.Fatalf("espeak-ng: %v: %s", err, out)
	}
	sox("-D", filepath.Join(dir, "espeak.wav"), "-r", "48000", "-b", "16", "-c", "1", filepath.Join(dir, "mono48.wav"))
	sox("-D", filepath.Join(dir, "espeak.wav"), "-r", "44100", "-b", "24", "-c", "2", filepath.Join(dir, "stereo44.wav"))
	if err := os.WriteFile(filepath.Join(dir, "broken.wav"), []byte("RIFF\x10\x00\x00\x00WAVEjunk"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Each build gets its own copy of a take to tag and export, in a
	// folder of the same name (the export names the take by it).
	lib, err := practice.Open(filepath.Join(dir, "lib"))
	if err != nil {
		t.Fatal(err)
	}
	tk, takeDir, err := lib.NewTake(practice.Question{ID: "q07", Text: "Tell me about a time you missed a deadline."},
		time.Date(2026, 11, 24, 20, 15, 30, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	tk.Duration, tk.SampleRate, tk.LimitS = 93.5, 48000, 120
	if err := lib.Save(tk); err != nil {
		t.Fatal(err)
	}
	labels := "0.000000\t12.345000\tSituation\n12.345000\t80.000000\tAction\n85.500000\t93.500000\tLesson\n"
	if err := os.WriteFile(filepath.Join(dir, "labels.txt"), []byte(labels), 0o644); err != nil {
		t.Fatal(err)
	}
	take, _ := os.ReadFile(filepath.Join(takeDir, "take.json"))
	for _, who := range []string{"linux", "windows"} {
		if err := os.MkdirAll(filepath.Join(dir, who, "take"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, who, "take", "take.json"), take, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	type result struct {
		code           int
		stdout, stderr string
	}
	cases := [][]string{
		{"analyze", "mono48.wav", "--json"},
		{"analyze", "stereo44.wav", "--json"},
		{"analyze", "mono48.wav"},
		{"analyze", "broken.wav"},
		{"waveform", "mono48.wav", "-o", "@.png", "--width", "800", "--height", "120"},
		{"import-labels", "@/take", "labels.txt"},
		{"export", "@/take", "--format", "json"},
		{"export", "@/take", "--format", "vtt"},
		{"export", "@/take", "--format", "audacity"},
	}
	for _, args := range cases {
		var got [2]result
		for i, who := range []string{"linux", "windows"} {
			a := make([]string, len(args))
			for j, s := range args {
				a[j] = strings.ReplaceAll(s, "@", who)
			}
			var r result
			if who == "linux" {
				r.code, r.stdout, r.stderr = runLinux(t, dir, a...)
			} else {
				r.code, r.stdout, r.stderr = runWine(t, dir, 2*time.Minute, exe, a...)
			}
			// The builds write to files and folders named after them.
			r.stdout = strings.ReplaceAll(r.stdout, who, "@")
			got[i] = r
		}
		name := strings.Join(args, " ")
		if got[0].code != got[1].code {
			t.Errorf("%s: exit code %d on Linux, %d under Wine (stderr %q)", name, got[0].code, got[1].code, got[1].stderr)
		}
		if got[0].stdout != got[1].stdout {
			t.Errorf("%s: output differs\nLinux:\n%s\nWindows:\n%s", name, got[0].stdout, got[1].stdout)
		}
		// Only the broken file is an error; everything else must work on
		// Linux, or the comparison proves nothing.
		if wantFail := args[1] == "broken.wav"; (got[0].code != 0) != wantFail {
			t.Errorf("%s: exit code %d on Linux (stderr %q)", name, got[0].code, got[0].stderr)
		}
		if got[0].code == 0 && got[0].stdout == "" && args[0] != "import-labels" && args[0] != "waveform" {
			t.Errorf("%s printed nothing", name)
		}
		if got[0].code != 0 && (got[1].stderr == "" || !strings.HasPrefix(got[1].stderr, "failforward")) {
			t.Errorf("%s: under Wine the error says %q, want a failforward message", name, got[1].stderr)
		}
	}
	for _, f := range []string{".png", "/take.json"} {
		var files [2][]byte
		for i, who := range []string{"linux", "windows"} {
			p := filepath.Join(dir, who+f)
			if f != ".png" {
				p = filepath.Join(dir, who, "take"+f)
			}
			if files[i], err = os.ReadFile(p); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
		}
		if !bytes.Equal(files[0], files[1]) {
			t.Errorf("%s written by the two builds differs (%d and %d bytes)", f, len(files[0]), len(files[1]))
		}
	}

	// devices: under Wine the virtual device shows through each Windows
	// host API, so the lists differ; both must list an input and an
	// output device.
	for i, who := range []string{"linux", "windows"} {
		var out string
		var code int
		if i == 0 {
			code, out, _ = runLinux(t, dir, "devices")
		} else {
			code, out, _ = runWine(t, dir, 2*time.Minute, exe, "devices")
		}
		if code != 0 || !regexp.MustCompile(`(?m)^Input devices:\n.*\S`).MatchString(out) ||
			!regexp.MustCompile(`(?m)^Output devices:\n.*\S`).MatchString(out) {
			t.Errorf("devices on %s: exit %d, output %q; want input and output devices listed", who, code, out)
		}
		t.Logf("devices on %s:\n%s", who, out)
	}
}

// startWineApp starts the windowed program under Wine with args and env
// and returns its window once it is on screen, and how long that took.
func startWineApp(t *testing.T, exe string, env []string, args ...string) (string, time.Duration) {
	t.Helper()
	// Each test starts the app in a quiet prefix: nothing of an earlier
	// test still runs there.
	killWine()
	// The welcome opens on a first start; these tests drive the practice
	// screen, as the Linux end-to-end tests do.
	cmd := wineCmd(exe, append([]string{"--no-welcome"}, args...)...)
	// Wine's report of a thread stuck on a lock (after 60 s) reaches the
	// log of a test whose window never came.
	cmd.Env = append(cmd.Env, "WINEDEBUG=-all,err+sync")
	cmd.Env = append(cmd.Env, env...)
	logAppOutput(t, cmd)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		killGroup(cmd)
		// Wine's own helpers (the desktop, services) outlive the app.
		killWine()
	})
	win := waitForWindow(t, "Fail Forward", 3*time.Minute)
	return win, time.Since(start)
}

// TestWineWindowOpens opens the windowed program under Wine on the X
// display: its window is found by title and a screenshot of it is not
// blank.
func TestWineWindowOpens(t *testing.T) {
	app := wineBuild(t)
	if os.Getenv("DISPLAY") == "" {
		require(t, "FF_REQUIRE_DISPLAY", "X display")
	}
	lib := t.TempDir()
	win, took := startWineApp(t, filepath.Join(app, appName+".exe"), []string{"LANG=en_US.UTF-8"}, "--library", winPath(lib))
	t.Logf("time to first window under Wine: %v (scripts/wine.sh start included)", took.Round(10*time.Millisecond))
	shot := filepath.Join(t.TempDir(), "window.png")
	var n int
	var w, h int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		if out, err := exec.Command("import", "-window", win, shot).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v: %s", err, out)
		}
		img := decodePNG(t, shot)
		n, w, h = colours(img), img.Bounds().Dx(), img.Bounds().Dy()
		if n >= 8 || time.Now().After(deadline) {
			break
		}
	}
	if n < 8 {
		t.Errorf("screenshot has %d colours: the window looks blank", n)
	}
	if w < 600 || h < 400 {
		t.Errorf("window size: got %dx%d, want at least 600x400", w, h)
	}
	// The library the window opened holds its lock file: the app ran on it.
	if entries, _ := os.ReadDir(lib); len(entries) == 0 {
		t.Errorf("the library %s is empty: the app did not open it", lib)
	}
	if out := os.Getenv("FF_SCREENSHOT"); out != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(out, data, 0o644)
	}
}

// focusAndKey gives the window the keyboard focus and types key, as a
// person would (Wine reads real key events, not ones sent to a window).
func focusAndKey(t *testing.T, win, key string) {
	t.Helper()
	if out, err := exec.Command("xdotool", "windowfocus", "--sync", win).CombinedOutput(); err != nil {
		t.Fatalf("xdotool windowfocus: %v: %s", err, out)
	}
	if out, err := exec.Command("xdotool", "key", key).CombinedOutput(); err != nil {
		t.Fatalf("xdotool key %s: %v: %s", key, err, out)
	}
}

// TestWineTakeByKeyboard records a take with the keyboard under Wine on the
// virtual device: Space, the speech, Space. The answer.wav must be one
// contiguous run of what the microphone heard, from its start.
func TestWineTakeByKeyboard(t *testing.T) {
	app := wineBuild(t)
	needDeviceAndScreen(t)
	dir := t.TempDir()
	// The device gives the file's samples at whatever rate Wine opens it;
	// the samples, not their rate, are compared.
	speech := speechRaw(t, dir, 48000, "The release slipped because I skipped the load test. I owned it, fixed the plan, and now I test the riskiest part first.")
	lib := filepath.Join(dir, "takes")
	win, _ := startWineApp(t, filepath.Join(app, appName+".exe"), []string{"LANG=en_US.UTF-8",
		"FF_CAPTURE_RAW=" + filepath.Join(dir, "speech.raw"), "FF_PLAYBACK_RAW=" + filepath.Join(dir, "played.raw")},
		"--library", winPath(lib), "--think", "0s", "--limit", "30s")
	// The sound system starts while the window opens; under Wine,
	// PortAudio's start takes seconds (every host API looks for devices),
	// and a Space before then waits for it.
	time.Sleep(8 * time.Second)

	focusAndKey(t, win, "space")
	time.Sleep(time.Duration(len(speech))*time.Second/48000 + time.Second)
	focusAndKey(t, win, "space")

	take := waitForTake(t, lib, time.Minute)
	got, info, err := wavfile.ReadMono(filepath.Join(lib, take.ID, "answer.wav"))
	if err != nil {
		t.Fatal(err)
	}
	if info.SampleRate != take.SampleRate || take.SampleRate == 0 {
		t.Errorf("sample rate: file %d, take.json %d", info.SampleRate, take.SampleRate)
	}
	if take.Stopped != "user" || take.Dropped != 0 {
		t.Errorf("take.json: stopped %q with %d dropped blocks, want user and 0", take.Stopped, take.Dropped)
	}
	if len(got) < len(speech)/4 {
		t.Fatalf("the take has %d samples, the speech %d: too short to be the answer", len(got), len(speech))
	}
	heard := append(append([]int16{}, speech...), make([]int16, len(got))...)
	off := runAt(heard, got)
	if off < 0 {
		t.Fatalf("the take (%d samples at %d Hz) is not a contiguous run of what the microphone heard: %s",
			len(got), take.SampleRate, whereRunBreaks(heard, got))
	}
	if off > 2048 {
		t.Errorf("the take starts %d samples into the speech: the start of the answer was lost", off)
	}
	t.Logf("under Wine: sample rate %d Hz, first recorded sample at input offset %d, Space to first sample (take.json start_delay_ms) %.1f ms, %d samples",
		take.SampleRate, off, take.StartDelayMS, len(got))
}

// whereRunBreaks says how got, which is not one contiguous run of stream,
// departs from it: the longest run that starts it, and where in stream
// the samples after that run come from (a jump forward is input lost, a
// jump back is input repeated).
func whereRunBreaks(stream, got []int16) string {
	start, n := -1, 0
	for off := 0; off < len(stream); off++ {
		i := 0
		for i < len(got) && off+i < len(stream) && stream[off+i] == got[i] {
			i++
		}
		if i > n {
			start, n = off, i
		}
	}
	if start < 0 {
		return "not even its first sample is in the input"
	}
	const probe = 256
	rest := got[n:]
	if len(rest) > probe {
		rest = rest[:probe]
	}
	zeros := 0
	for zeros < len(got)-n && got[n+zeros] == 0 {
		zeros++
	}
	if zeros >= len(rest) {
		return fmt.Sprintf("it follows the input from offset %d for %d samples, then has %d zeros in a row where the input has sound",
			start, n, zeros)
	}
	next := runAt(stream, rest)
	if next < 0 {
		return fmt.Sprintf("it follows the input from offset %d for %d samples; the next %d samples (%d of them zeros in a row) are not in the input",
			start, n, len(rest), zeros)
	}
	return fmt.Sprintf("it follows the input from offset %d for %d samples, then goes on from input offset %d: a jump of %+d samples",
		start, n, next, next-(start+n))
}

// TestWineSecondInstanceRefuses starts the app twice on one library under
// Wine: the second says the library is open in another window.
func TestWineSecondInstanceRefuses(t *testing.T) {
	app := wineBuild(t)
	if os.Getenv("DISPLAY") == "" {
		require(t, "FF_REQUIRE_DISPLAY", "X display")
	}
	lib := winPath(t.TempDir())
	startWineApp(t, filepath.Join(app, appName+".exe"), []string{"LANG=en_US.UTF-8"}, "--library", lib)

	second := wineCmd(filepath.Join(app, "failforward.exe"), "--library", lib)
	var stderr syncBuffer
	second.Stderr = &stderr
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	defer killGroup(second)
	for deadline := time.Now().Add(2 * time.Minute); !strings.Contains(stderr.String(), "open in another Fail Forward window"); {
		if time.Now().After(deadline) {
			t.Fatalf("the second instance did not refuse the library; stderr: %q", stderr.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestWineInstaller installs with the silent installer, checks the files,
// the shortcut and the Apps & features entry, then uninstalls silently:
// what the installer put there is gone, the user's takes and files are not.
func TestWineInstaller(t *testing.T) {
	wineBuild(t)
	dist := os.Getenv("FF_WINDOWS_DIST")
	setup, err := filepath.Abs(filepath.Join(dist, fmt.Sprintf("FailForward-%s-windows-amd64-setup.exe", appVersion)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const key = `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\` + appID

	if code, _, stderr := runWine(t, dir, 3*time.Minute, setup, "/S"); code != 0 {
		t.Fatalf("setup /S: exit %d: %s", code, stderr)
	}
	users, _ := filepath.Glob(filepath.Join(winePrefix, "drive_c", "users", "*", "AppData", "Local"))
	var local string
	for _, u := range users {
		if !strings.Contains(u, string(filepath.Separator)+"Public"+string(filepath.Separator)) {
			local = u
		}
	}
	if local == "" {
		t.Fatalf("no user folder in the prefix (%v)", users)
	}
	inst := filepath.Join(local, "Programs", appName)
	installed := []string{appName + ".exe", "failforward.exe", "README.txt", "uninstall.exe"}
	for _, f := range installed {
		if _, err := os.Stat(filepath.Join(inst, f)); err != nil {
			t.Errorf("after install: %v", err)
		}
	}
	shortcut := filepath.Join(filepath.Dir(local), "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", appName+".lnk")
	if _, err := os.Stat(shortcut); err != nil {
		t.Errorf("after install, no Start menu shortcut: %v", err)
	}
	code, out, _ := runWine(t, dir, time.Minute, "reg", "query", key)
	if code != 0 {
		t.Fatalf("after install, reg query %s: exit %d", key, code)
	}
	for _, want := range []string{"DisplayName", appName, "DisplayVersion", appVersion, "Publisher", "DisplayIcon",
		"UninstallString", "QuietUninstallString", "/S", "InstallLocation", "EstimatedSize", "NoModify", "NoRepair"} {
		if !strings.Contains(out, want) {
			t.Errorf("the uninstall key lacks %q:\n%s", want, out)
		}
	}
	// The installed program runs.
	if code, out, _ := runWine(t, dir, time.Minute, filepath.Join(inst, "failforward.exe"), "--help"); code != 0 || !strings.Contains(out, "devices") {
		t.Errorf("installed failforward.exe --help: exit %d, output %q", code, out)
	}

	// A take in the default library, and a file of the user's in the
	// program's folder.
	takes := filepath.Join(local, practice.AppName, "takes", "2026-11-24T20-15-30")
	if err := os.MkdirAll(takes, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(takes, "answer.wav"), []byte("a take"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inst, "my notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}

	// The uninstaller copies itself elsewhere and returns at once; the
	// copy does the work.
	if code, _, stderr := runWine(t, dir, 3*time.Minute, filepath.Join(inst, "uninstall.exe"), "/S"); code != 0 {
		t.Fatalf("uninstall /S: exit %d: %s", code, stderr)
	}
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(500 * time.Millisecond) {
		_, err := os.Stat(filepath.Join(inst, "uninstall.exe"))
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("uninstall.exe still there 2 minutes after uninstall /S")
		}
	}
	for _, f := range installed {
		if _, err := os.Stat(filepath.Join(inst, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("after uninstall, %s is still there (%v)", f, err)
		}
	}
	if _, err := os.Stat(shortcut); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after uninstall, the Start menu shortcut is still there (%v)", err)
	}
	if code, out, _ := runWine(t, dir, time.Minute, "reg", "query", key); code == 0 {
		t.Errorf("after uninstall, the uninstall key is still there:\n%s", out)
	}
	if data, err := os.ReadFile(filepath.Join(takes, "answer.wav")); err != nil || string(data) != "a take" {
		t.Errorf("after uninstall, the take is gone or changed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(inst, "my notes.txt")); err != nil {
		t.Errorf("after uninstall, the user's own file in the program folder is gone: %v", err)
	}
}
