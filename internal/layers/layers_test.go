package layers

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module is the module path of every package checked.
const module = "failforward"

// isUI reports whether pkg is the window's code: the command, which opens
// the window, or ui and the packages under it.
func isUI(pkg string) bool {
	return pkg == module || pkg == module+"/ui" || strings.HasPrefix(pkg, module+"/ui/")
}

// owners says, for each outside library (by import path prefix), which
// packages may import it directly.
var owners = []struct {
	prefix string
	may    func(pkg string) bool
	who    string // for messages
}{
	{"github.com/gordonklaus/portaudio", func(p string) bool { return p == module+"/audio/device" }, "audio/device"},
	{"github.com/go-audio/", func(p string) bool { return p == module+"/audio/wavfile" }, "audio/wavfile"},
	{"fyne.io/", isUI, "main and ui/..."},
}

// touchSources looks at every Go file of the module, so that go test's
// cache, which sees only the files a test opens itself, runs these tests
// again when a package's imports may have changed.
func touchSources(t *testing.T) {
	t.Helper()
	root := goList(t, "-m", "-f", "{{.Dir}}")[0]
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			_, err = os.Stat(path)
		}
		return err
	})
	if err != nil {
		t.Fatalf("looking at the module's files: %v", err)
	}
}

// goList runs go list with args and returns its output's lines.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestOutsideLibrariesHaveOneDoor checks every package's direct imports,
// its tests' included.
func TestOutsideLibrariesHaveOneDoor(t *testing.T) {
	touchSources(t)
	lines := goList(t, "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}", module+"/...")
	if len(lines) < 10 {
		t.Fatalf("go list found %d packages; is this the %s module?", len(lines), module)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			for _, o := range owners {
				if strings.HasPrefix(imp, o.prefix) && !o.may(pkg) {
					t.Errorf("%s imports %s: only %s may", pkg, imp, o.who)
				}
			}
		}
	}
}

// TestOnlyTheWindowDependsOnFyne checks every package's dependencies, direct
// or not: code outside main and ui/... must build without Fyne.
func TestOnlyTheWindowDependsOnFyne(t *testing.T) {
	touchSources(t)
	for _, pkg := range goList(t, module+"/...") {
		if isUI(pkg) {
			continue
		}
		for _, dep := range goList(t, "-deps", pkg) {
			if strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/") {
				t.Errorf("%s depends on %s: only main and ui/... may (move what it needs out of ui)", pkg, dep)
				break
			}
		}
	}
}

// TestCommandLineNeedsNoWindow is the rule the command line relies on: the
// cli package, and so every sub-command, builds without Fyne or the cgo GL
// driver.
func TestCommandLineNeedsNoWindow(t *testing.T) {
	touchSources(t)
	deps := goList(t, "-deps", module+"/cli")
	for _, dep := range deps {
		if strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/") {
			t.Errorf("cli depends on %s", dep)
		}
	}
	if len(deps) < 10 {
		t.Errorf("go list -deps cli named only %d packages", len(deps))
	}
}

// shared are the packages under ui that the screens share; every other
// package directly under ui is a screen package (or a family of screens).
var shared = map[string]bool{
	module + "/ui/widgets":         true,
	module + "/ui/timeline":        true,
	module + "/ui/prefs":           true,
	module + "/ui/internal/uitest": true,
}

// isScreen reports whether pkg is a screen package: directly under ui and
// not one of the shared ones.
func isScreen(pkg string) bool {
	rest, ok := strings.CutPrefix(pkg, module+"/ui/")
	return ok && !strings.Contains(rest, "/") && !shared[pkg]
}

// TestScreensStandAlone checks the rule that keeps each screen a room of
// its own: a screen package imports neither ui nor another screen
// package, and the shared packages import neither (tests included). The
// screens reach the window through the handlers they are given.
func TestScreensStandAlone(t *testing.T) {
	touchSources(t)
	lines := goList(t, "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}", module+"/ui/...")
	screens := 0
	for _, l := range lines {
		f := strings.Fields(l)
		pkg, imports := f[0], f[1:]
		if !isScreen(pkg) && !shared[pkg] {
			continue
		}
		if isScreen(pkg) {
			screens++
		}
		for _, imp := range imports {
			switch {
			case imp == module+"/ui":
				t.Errorf("%s imports ui: screens and shared packages reach the window through handlers", pkg)
			case isScreen(imp) && imp != pkg:
				t.Errorf("%s imports the screen package %s: screens never import each other", pkg, imp)
			}
		}
	}
	if screens < 5 {
		t.Errorf("found %d screen packages under ui; has the layout changed?", screens)
	}
}

// TestScreensOpenNoWAVFiles checks that no package under ui opens WAV files
// itself: the screens get a take's recording from the audio layer
// (audio/takefile, audio/peaks), never from audio/wavfile. Tests may read
// and write WAV files to check what was saved, and so may the harness
// they share (ui/internal/uitest), which stores takes as the recorder does.
func TestScreensOpenNoWAVFiles(t *testing.T) {
	touchSources(t)
	lines := goList(t, "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", module+"/ui/...")
	if len(lines) < 5 {
		t.Fatalf("go list found %d packages under ui; has the layout changed?", len(lines))
	}
	for _, l := range lines {
		f := strings.Fields(l)
		pkg, imports := f[0], f[1:]
		if pkg == module+"/ui/internal/uitest" {
			continue
		}
		for _, imp := range imports {
			if imp == module+"/audio/wavfile" {
				t.Errorf("%s imports audio/wavfile: screens open a take's recording through audio/takefile or audio/peaks", pkg)
			}
		}
	}
}
