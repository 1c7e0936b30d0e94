package cli

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"failforward/audio/wavfile"
)

// writeTestWAV writes a 16 kHz take: a second of tone, then a second of
// digital silence.
func writeTestWAV(t *testing.T, path string) {
	t.Helper()
	const rate = 16000
	s := make([]int16, 2*rate)
	for i := range rate {
		s[i] = int16(12000 * math.Sin(2*math.Pi*220*float64(i)/rate))
	}
	w, err := wavfile.Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// inkedRows counts the pixels of column x that differ from the background.
func inkedRows(img image.Image, x int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		if r, g, bl, _ := img.At(x, y).RGBA(); r != 0xFFFF || g != 0xFFFF || bl != 0xFFFF {
			n++
		}
	}
	return n
}

func TestWaveformWritesPNG(t *testing.T) {
	dir := t.TempDir()
	wav := filepath.Join(dir, "answer.wav")
	writeTestWAV(t, wav)
	tests := []struct {
		name          string
		args          []string
		width, height int
	}{
		{"defaults", []string{wav, "-o", filepath.Join(dir, "a.png")}, 1920, 200},
		{"flags first", []string{"--width", "300", "-height=60", "-o", filepath.Join(dir, "b.png"), wav}, 300, 60},
		{"file between flags", []string{"--width=200", wav, "--height", "40", "-o", filepath.Join(dir, "c.png")}, 200, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb strings.Builder
			if code := runWaveform(tt.args, &out, &errb); code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errb.String())
			}
			png := tt.args[len(tt.args)-1]
			for i, a := range tt.args {
				if a == "-o" {
					png = tt.args[i+1]
				}
			}
			if !strings.Contains(out.String(), "wrote "+png) || !strings.Contains(out.String(), "0:02 of audio at 16000 Hz") {
				t.Errorf("stdout %q does not report the picture and the take's length", out.String())
			}
			img := readPNG(t, png)
			if got := img.Bounds().Size(); got.X != tt.width || got.Y != tt.height {
				t.Fatalf("picture is %dx%d, want %dx%d", got.X, got.Y, tt.width, tt.height)
			}
			// The tone fills the left half; the silence leaves the right
			// half blank (one column of slack either side of the middle).
			mid := tt.width / 2
			for x := 0; x < mid-1; x++ {
				if inkedRows(img, x) < tt.height/2 {
					t.Fatalf("column %d (tone) has %d drawn pixels, want at least half the height", x, inkedRows(img, x))
				}
			}
			for x := mid + 1; x < tt.width; x++ {
				if n := inkedRows(img, x); n != 0 {
					t.Fatalf("column %d (silence) has %d drawn pixels, want none", x, n)
				}
			}
		})
	}
}

func TestWaveformErrors(t *testing.T) {
	dir := t.TempDir()
	wav := filepath.Join(dir, "answer.wav")
	writeTestWAV(t, wav)
	notWAV := filepath.Join(dir, "notes.wav")
	if err := os.WriteFile(notWAV, []byte("these are my notes, not audio"), 0o600); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(dir, "out.png")
	tests := []struct {
		name string
		args []string
		code int
		want string // in the message
	}{
		{"nothing", nil, 2, "give a WAV file"},
		{"no output", []string{wav}, 2, "-o OUT.png"},
		{"two files", []string{wav, wav, "-o", png}, 2, "one WAV file"},
		{"unknown flag", []string{wav, "-o", png, "--colour", "red"}, 2, "usage:"},
		{"bad width", []string{wav, "-o", png, "--width", "0"}, 2, "--width must be"},
		{"width not a number", []string{wav, "-o", png, "--width", "wide"}, 2, "usage:"},
		{"bad height", []string{wav, "-o", png, "--height", "100000"}, 2, "--height must be"},
		{"output is the recording", []string{wav, "-o", wav}, 2, "overwrite the recording"},
		{"missing file", []string{filepath.Join(dir, "gone.wav"), "-o", png}, 1, "no such file"},
		{"not a WAV", []string{notWAV, "-o", png}, 1, "notes.wav"},
		{"output folder missing", []string{wav, "-o", filepath.Join(dir, "no", "such", "dir", "x.png")}, 1, "could not write"},
	}
	for _, tt := range tests {
		var out, errb strings.Builder
		code := runWaveform(tt.args, &out, &errb)
		msg := errb.String()
		if code != tt.code || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", tt.name, code, msg, tt.code, tt.want)
		}
		if !strings.HasPrefix(msg, "failforward waveform: ") || strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
			t.Errorf("%s: stderr %q is not one line starting with the command's name", tt.name, msg)
		}
		if out.Len() != 0 {
			t.Errorf("%s: stdout %q, want nothing on failure", tt.name, out.String())
		}
	}
	if _, err := os.Stat(png); err == nil {
		t.Error("a failed run left a picture behind")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".waveform-*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if info, err := os.Stat(wav); err != nil || info.Size() != 44+2*32000 {
		t.Errorf("the recording changed: %v, %v", info, err)
	}
}
