package analysis

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// needTool returns the path of an external tool, skipping the test when it
// is missing unless FF_REQUIRE_TOOLS is set, in which case the test fails.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("FF_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s not found and FF_REQUIRE_TOOLS is set: %v", name, err)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

// needFile skips the test when path is missing, unless FF_REQUIRE_TOOLS is
// set (then the test fails): test data from a system package.
func needFile(t testing.TB, path, pkg string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("FF_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s missing (Debian package %s) and FF_REQUIRE_TOOLS is set: %v", path, pkg, err)
		}
		t.Skipf("%s missing: install the Debian package %s", path, pkg)
	}
}

// run runs a tool and returns its standard output.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(needTool(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// readAudio converts any audio file sox reads to 16-bit mono samples at rate,
// without dither so the result is the same on every run.
func readAudio(t testing.TB, path string, rate int) []int16 {
	t.Helper()
	raw := run(t, "sox", "-D", path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-r", strconv.Itoa(rate), "-")
	s := make([]int16, len(raw)/2)
	if err := binary.Read(bytes.NewReader(raw[:2*len(s)]), binary.LittleEndian, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// speak synthesises text with espeak-ng (extra arguments such as -p, -s
// before the text) and returns it as samples at rate.
func speak(t testing.TB, rate int, text string, args ...string) []int16 {
	t.Helper()
	wav := filepath.Join(t.TempDir(), "speech.wav")
	run(t, "espeak-ng", append(append([]string{"-w", wav}, args...), text)...)
	return readAudio(t, wav, rate)
}

// trimSilence cuts the near-silent start and end (|sample| < 30, about
// -60 dBFS) of a clean synthetic clip, so that the clip is speech from its
// first to its last sample.
func trimSilence(s []int16) []int16 {
	a, b := 0, len(s)
	for a < b && abs16(s[a]) < 30 {
		a++
	}
	for b > a && abs16(s[b-1]) < 30 {
		b--
	}
	return s[a:b]
}

func abs16(v int16) int32 {
	if v < 0 {
		return -int32(v)
	}
	return int32(v)
}

// silence returns n seconds of digital silence at rate.
func silence(rate int, sec float64) []int16 {
	return make([]int16, int(math.Round(sec*float64(rate))))
}

// addNoise adds white noise of the given RMS level (dBFS) to s, from a fixed
// seed so that every run hears the same noise.
func addNoise(s []int16, db float64, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	sd := math.Pow(10, db/20) * 32768
	for i, v := range s {
		s[i] = clamp16(float64(v) + rng.NormFloat64()*sd)
	}
}

func clamp16(v float64) int16 {
	v = math.Round(v)
	if v > math.MaxInt16 {
		return math.MaxInt16
	}
	if v < math.MinInt16 {
		return math.MinInt16
	}
	return int16(v)
}

// tone returns sec seconds of a sine at freq Hz whose RMS level is db dBFS.
func tone(rate int, freq, sec, db float64) []int16 {
	amp := math.Pow(10, db/20) * 32768 * math.Sqrt2
	s := make([]int16, int(math.Round(sec*float64(rate))))
	for i := range s {
		s[i] = clamp16(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return s
}
