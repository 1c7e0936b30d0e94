package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// appBinary builds the app once per test run, with the race detector when the
// tests run with it, so the build reuses the packages already compiled.
func appBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "failforward-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "failforward")
		args := []string{"build", "-o", binPath}
		if raceEnabled {
			// See audio/device: the binding fails the race build's
			// pointer checks once a second stream opens.
			args = append(args, "-race", "-gcflags=github.com/gordonklaus/portaudio=-d=checkptr=0")
		}
		out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("building the app: %v", buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	stopWine()
	os.Exit(code)
}

// envWithout returns the environment minus the named variables.
func envWithout(names ...string) []string {
	var env []string
next:
	for _, kv := range os.Environ() {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		env = append(env, kv)
	}
	return env
}

func require(t *testing.T, envVar, what string) {
	t.Helper()
	if os.Getenv(envVar) == "1" {
		t.Fatalf("%s is required here (%s=1) but missing", what, envVar)
	}
	t.Skipf("no %s", what)
}

func TestNoDisplayExitsWithOneLine(t *testing.T) {
	cmd := exec.Command(appBinary(t), "--library", t.TempDir())
	cmd.Env = envWithout("DISPLAY", "WAYLAND_DISPLAY")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: got %v, want exit code 1", err)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "no display") {
		t.Errorf("stderr: got %q, want one line saying there is no display", stderr.String())
	}
}

// TestDisplayThatRefusesExitsCleanly starts the app on an X display
// whose socket is there but whose server hangs up at once: Fyne cannot
// open a window, and the app ends with its own line and exit code 1
// instead of a panic trace.
func TestDisplayThatRefusesExitsCleanly(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("X11 sockets are a Linux matter here")
	}
	// The folder of the X servers' sockets is the system's to make (with
	// the right mode); without it there is nothing to fake beside.
	const dir = "/tmp/.X11-unix"
	if _, err := os.Stat(dir); err != nil {
		require(t, "FF_REQUIRE_DISPLAY", "X socket folder")
	}
	var (
		ln  net.Listener
		num int
	)
	for n := 190; n < 250 && ln == nil; n++ {
		path := filepath.Join(dir, fmt.Sprintf("X%d", n))
		if _, err := os.Lstat(path); err == nil {
			continue
		}
		l, err := net.Listen("unix", path)
		if err != nil {
			continue
		}
		ln, num = l, n
	}
	if ln == nil {
		t.Skip("no free X display number to fake")
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, appBinary(t), "--library", t.TempDir())
	cmd.Env = append(envWithout("DISPLAY", "WAYLAND_DISPLAY"), fmt.Sprintf("DISPLAY=:%d", num))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: got %v, want exit code 1; stderr:\n%s", err, stderr.String())
	}
	out := stderr.String()
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Errorf("stderr has a panic trace:\n%s", out)
	}
	// The sound system, starting meanwhile, may print its own lines.
	var ours []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "failforward: ") {
			ours = append(ours, l)
		}
	}
	if len(ours) != 1 || !strings.HasPrefix(ours[0], "failforward: the display did not let a window open") {
		t.Errorf("the app's lines on stderr: %q, want one saying the window could not open", ours)
	}
}

func TestBadFlagsExplain(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--limit", "10s"}, "limit"},
		{[]string{"--think", "banana"}, "think"},
		// The settings screen refuses more than 5 minutes to think; so
		// does the command line.
		{[]string{"--think", "7m"}, "think time"},
		{[]string{"frobnicate"}, "unknown command"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := run(tt.args, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("run(%q): got code %d, stderr %q; want 2 and a message about %q", tt.args, code, errb.String(), tt.want)
		}
	}
}

func TestHelpGoesToStdout(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, &out, &errb); code != 0 {
		t.Fatalf("--help: exit %d", code)
	}
	for _, want := range []string{"devices", "-library", "-think", "-limit"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestDevicesWithoutAnyDevice(t *testing.T) {
	cmd := exec.Command(appBinary(t), "devices")
	// No ALSA configuration of ours and no JACK server: the machine's own
	// (card-less) setup.
	cmd.Env = append(envWithout("ALSA_CONFIG_PATH", "JACK_DEFAULT_SERVER"),
		"JACK_DEFAULT_SERVER=failforward-no-such-server", "JACK_NO_START_SERVER=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("devices: %v", err)
	}
	if !strings.Contains(string(out), "No input devices") {
		t.Errorf("devices output: got %q, want it to say there are no input devices", out)
	}
}

func TestDevicesListsVirtualDevice(t *testing.T) {
	if os.Getenv("FF_VAUDIO") == "" {
		require(t, "FF_REQUIRE_VAUDIO", "virtual audio device")
	}
	out, err := exec.Command(appBinary(t), "devices").Output()
	if err != nil {
		t.Fatalf("devices: %v", err)
	}
	if !regexp.MustCompile(`(?m)^Input devices:\n.*default`).Match(out) {
		t.Errorf("devices output: got %q, want the default input listed", out)
	}
}

func TestFyneAppMetadataMatchesBinary(t *testing.T) {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ID": appID, "Name": appName, "Version": appVersion} {
		m := regexp.MustCompile(`(?m)^` + key + ` = "([^"]*)"`).FindSubmatch(data)
		if m == nil || string(m[1]) != want {
			t.Errorf("FyneApp.toml %s: got %q, want %q", key, m, want)
		}
	}
	for _, want := range []string{"Microphone = true", "MicrophoneUsage = ", "fyneDo = true"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("FyneApp.toml lacks %q", want)
		}
	}
}

// TestWindowOpensOnScreen starts the real binary on the X display, finds its
// window by title and checks that a screenshot of it is not blank.
func TestWindowOpensOnScreen(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		require(t, "FF_REQUIRE_DISPLAY", "X display")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			require(t, "FF_REQUIRE_TOOLS", tool)
		}
	}
	win := startApp(t, []string{"LANG=en_US.UTF-8"}, "--library", t.TempDir())
	shot := filepath.Join(t.TempDir(), "window.png")
	var img image.Image
	// The first frames can still be empty while the window maps: retry.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if out, err := exec.Command("import", "-window", win, shot).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v: %s", err, out)
		}
		img = decodePNG(t, shot)
		if colours(img) >= 8 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	b := img.Bounds()
	if b.Dx() < 600 || b.Dy() < 400 {
		t.Errorf("window size: got %dx%d, want at least 600x400", b.Dx(), b.Dy())
	}
	if n := colours(img); n < 8 {
		t.Errorf("screenshot has %d colours: the window looks blank", n)
	}
	if out := os.Getenv("FF_SCREENSHOT"); out != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(out, data, 0o644)
	}
}

func waitForWindow(t *testing.T, title string, limit time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for {
		out, err := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", title).Output()
		if err == nil {
			if ids := strings.Fields(string(out)); len(ids) > 0 {
				return ids[0]
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("no window titled %q appeared within %v (%s)", title, limit, xProbe(os.Getenv("DISPLAY")))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	return img
}

// colours counts distinct colours, up to 1000.
func colours(img image.Image) int {
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if len(seen) >= 1000 {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// TestSecondWindowOnSameLibraryRefuses starts the app twice on one library:
// the second says the library is open elsewhere instead of writing beside
// the first.
func TestSecondWindowOnSameLibraryRefuses(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		require(t, "FF_REQUIRE_DISPLAY", "X display")
	}
	lib := t.TempDir()
	first := exec.Command(appBinary(t), "--library", lib)
	logAppOutput(t, first) // says why, when no window comes
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		first.Process.Kill()
		first.Wait()
	}()
	waitForWindow(t, "Fail Forward", 60*time.Second)

	second := exec.Command(appBinary(t), "--library", lib)
	var stderr syncBuffer
	second.Stderr = &stderr
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		second.Process.Kill()
		second.Wait()
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stderr.String(), "open in another Fail Forward window") {
		if time.Now().After(deadline) {
			t.Fatalf("second window did not refuse the library; stderr: %q", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for a process writing while a test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
