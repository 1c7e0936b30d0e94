package cli

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"failforward/audio/wavfile"
	"failforward/internal/wavtest"
)

// analyzeTestWAV writes a 16-bit mono WAV at rate: 0.5 s of silence, then
// tones of 1 s (a buzz with harmonics, like a voice at 150 Hz) separated by
// the given silences, then 0.5 s of silence. It returns the path and the
// true pauses as [start, end] seconds.
func analyzeTestWAV(t *testing.T, rate int, gaps []float64) (string, [][2]float64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "answer.wav")
	w, err := wavfile.Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	var s []int16
	sil := func(sec float64) { s = append(s, make([]int16, int(sec*float64(rate)))...) }
	buzz := func(sec float64) {
		n := int(sec * float64(rate))
		for i := range n {
			var v float64
			for h := 1; h <= 6; h++ {
				v += math.Sin(2*math.Pi*150*float64(h*i)/float64(rate)) / float64(h)
			}
			s = append(s, int16(v*4000))
		}
	}
	var pauses [][2]float64
	sil(0.5)
	buzz(1)
	for _, g := range gaps {
		start := float64(len(s)) / float64(rate)
		sil(g)
		pauses = append(pauses, [2]float64{start, start + g})
		buzz(1)
	}
	sil(0.5)
	if err := w.Write(s); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path, pauses
}

func TestAnalyzeJSON(t *testing.T) {
	path, want := analyzeTestWAV(t, 48000, []float64{0.5, 2.5})
	for _, args := range [][]string{{path, "--json"}, {"--json", path}} {
		var out, errb strings.Builder
		if code := runAnalyze(args, &out, &errb); code != 0 {
			t.Fatalf("analyze %v: exit %d, stderr %q", args, code, errb.String())
		}
		if errb.Len() != 0 {
			t.Errorf("stderr %q, want nothing", errb.String())
		}
		var got struct {
			Duration   *float64 `json:"duration_s"`
			Speech     *float64 `json:"speech_s"`
			FirstWord  *float64 `json:"first_word_s"`
			Rate       *float64 `json:"syllables_per_s"`
			Pitch      *float64 `json:"pitch_median_hz"`
			PitchSD    *float64 `json:"pitch_sd_semitones"`
			Loudness   *float64 `json:"loudness_dbfs"`
			LoudnessSD *float64 `json:"loudness_sd_db"`
			Clipped    *int64   `json:"clipped_samples"`
			Bounds     []float64
			Pauses     []struct {
				Start *float64 `json:"start_s"`
				End   *float64 `json:"end_s"`
			} `json:"pauses"`
			Findings []struct{ Kind, Text, Severity string } `json:"findings"`
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out.String()), &raw); err != nil {
			t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
		}
		if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw["suggested_boundaries_s"], &got.Bounds); err != nil || len(got.Bounds) != 4 {
			t.Errorf("suggested_boundaries_s = %s, want 4 times", raw["suggested_boundaries_s"])
		}
		var fills []struct {
			Start *float64 `json:"start_s"`
			End   *float64 `json:"end_s"`
		}
		if err := json.Unmarshal(raw["filled_pauses"], &fills); err != nil || raw["filled_pauses"] == nil {
			t.Errorf("filled_pauses = %s, want a list of {start_s, end_s}", raw["filled_pauses"])
		}
		if _, ok := raw["filled_pauses_per_min"]; !ok {
			t.Errorf("JSON lacks filled_pauses_per_min:\n%s", out.String())
		}
		for _, f := range []struct {
			name string
			ok   bool
		}{
			{"duration_s", got.Duration != nil}, {"speech_s", got.Speech != nil}, {"first_word_s", got.FirstWord != nil},
			{"syllables_per_s", got.Rate != nil}, {"pitch_median_hz", got.Pitch != nil}, {"pitch_sd_semitones", got.PitchSD != nil},
			{"loudness_dbfs", got.Loudness != nil}, {"loudness_sd_db", got.LoudnessSD != nil}, {"clipped_samples", got.Clipped != nil},
		} {
			if !f.ok {
				t.Errorf("JSON lacks %s:\n%s", f.name, out.String())
			}
		}
		if got.Duration != nil && math.Abs(*got.Duration-7) > 0.01 {
			t.Errorf("duration_s %.3f, want 7", *got.Duration)
		}
		if got.Pitch != nil && math.Abs(*got.Pitch-150) > 3 {
			t.Errorf("pitch_median_hz %.1f, want 150", *got.Pitch)
		}
		if len(got.Pauses) != len(want) {
			t.Fatalf("pauses %s, want %v", raw["pauses"], want)
		}
		for i, p := range got.Pauses {
			if p.Start == nil || p.End == nil || math.Abs(*p.Start-want[i][0]) > 0.05 || math.Abs(*p.End-want[i][1]) > 0.05 {
				t.Errorf("pause %d: %s, want %v", i, raw["pauses"], want[i])
			}
		}
		long := false
		for _, f := range got.Findings {
			long = long || (f.Kind == "long-pause" && f.Severity == "tip")
		}
		if !long {
			t.Errorf("findings %+v lack the long-pause tip for a 2.5 s pause", got.Findings)
		}
	}
}

func TestAnalyzeHumanOutput(t *testing.T) {
	path, _ := analyzeTestWAV(t, 16000, []float64{0.8})
	var out, errb strings.Builder
	if code := runAnalyze([]string{path}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	for _, want := range []string{"0:03.8 at 16000 Hz", "pauses            1 (mean 0.8 s, longest 0.8 s)", "filled pauses     ", "pace", "pitch             150 Hz", "suggested parts", "- Your pace was"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// TestAnalyzeForeignWAV: a 24-bit stereo file made by another program reads
// like the app's own.
func TestAnalyzeForeignWAV(t *testing.T) {
	sox, err := exec.LookPath("sox")
	if err != nil {
		if os.Getenv("FF_REQUIRE_TOOLS") != "" {
			t.Fatalf("sox not found and FF_REQUIRE_TOOLS is set: %v", err)
		}
		t.Skip("sox not installed")
	}
	path := filepath.Join(t.TempDir(), "foreign.wav")
	cmd := exec.Command(sox, "-D", "-n", "-r", "44100", "-c", "2", "-b", "24", path, "synth", "1.5", "square", "220", "vol", "0.3", "pad", "0.5", "0.5")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sox: %v\n%s", err, out)
	}
	var out, errb strings.Builder
	if code := runAnalyze([]string{path, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	var got struct {
		Rate  int     `json:"sample_rate"`
		Pitch float64 `json:"pitch_median_hz"`
		First float64 `json:"first_word_s"`
	}
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatal(err)
	}
	if got.Rate != 44100 || math.Abs(got.Pitch-220) > 4 || math.Abs(got.First-0.5) > 0.05 {
		t.Errorf("got rate %d, pitch %.1f Hz, first word %.2f s; want 44100, 220, 0.5", got.Rate, got.Pitch, got.First)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.wav")
	wavtest.WriteText(t, text, "these are my notes, not audio\n")
	low := filepath.Join(dir, "low.wav")
	wavtest.Write(t, low, 2000, make([]int16, 2000))
	missing := filepath.Join(dir, "missing.wav")
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		words []string
	}{
		{"missing file", []string{missing}, 1, []string{missing, "no such file", "(check the path"}},
		{"not a WAV", []string{text}, 1, []string{text, "not a WAV file", "("}},
		{"rate too low", []string{low}, 1, []string{low, "2000 Hz", "(record at 16 kHz or more)"}},
		{"directory", []string{dir}, 1, []string{dir, "("}},
		{"no file", nil, 2, []string{"which file?", "usage:"}},
		{"two files", []string{text, low}, 2, []string{"one file", "usage:"}},
		{"unknown option", []string{"--fast", text}, 2, []string{`"--fast"`, "usage:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb strings.Builder
			code := runAnalyze(tc.args, &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			msg := errb.String()
			if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "failforward analyze: ") {
				t.Errorf("stderr %q, want one line starting with the command", msg)
			}
			for _, w := range tc.words {
				if !strings.Contains(msg, w) {
					t.Errorf("stderr %q lacks %q", msg, w)
				}
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing on error", out.String())
			}
		})
	}
}

func TestAnalyzeHelp(t *testing.T) {
	var out, errb strings.Builder
	if code := runAnalyze([]string{"--help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "usage: failforward analyze FILE.wav [--json]") {
		t.Errorf("--help: exit %d, stdout %q", code, out.String())
	}
}
