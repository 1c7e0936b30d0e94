package analysis

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The real-speech goals: recordings of people (not synthesis) with references
// made independently of this package, in the folder realspeech beside the
// repository's checkout (../shared/realspeech from the module root) or where
// FF_REALSPEECH points. The clips are read from there, never copied.

// realRef is the part of a clip's refs/NAME.json the goals use.
type realRef struct {
	Name  string `json:"name"`
	Truth *struct {
		Granularity string       `json:"granularity"`
		SpeechS     float64      `json:"speech_s"`
		Pauses      [][2]float64 `json:"pauses"`
		Fillers     [][2]float64 `json:"fillers"`
	} `json:"truth"`
	Transcript *struct {
		Syllables *int     `json:"syllables"`
		Rate      *float64 `json:"rate"`
	} `json:"transcript"`
}

// realSpeechDir returns the folder of the real-speech clips, skipping the
// test with a plain message when it is missing (failing instead when
// FF_REQUIRE_REALSPEECH is set).
func realSpeechDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("FF_REALSPEECH")
	if dir == "" {
		root, err := moduleRoot()
		if err == nil {
			dir = filepath.Join(root, "..", "shared", "realspeech")
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "refs")); dir == "" || err != nil {
		msg := "the real-speech clips are not here (looked for ../shared/realspeech beside the module root; set FF_REALSPEECH to their folder to run these checks)"
		if os.Getenv("FF_REQUIRE_REALSPEECH") != "" {
			t.Fatal(msg + " and FF_REQUIRE_REALSPEECH is set")
		}
		t.Skip(msg)
	}
	return dir
}

// moduleRoot is the nearest folder above the working directory with a go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = up
	}
}

// readWAV reads a 16-bit PCM mono WAV file: its samples and rate.
func readWAV(t testing.TB, path string) ([]int16, int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		t.Fatalf("%s: not a WAV file", path)
	}
	rate := 0
	for p := 12; p+8 <= len(b); {
		id, n := string(b[p:p+4]), int(binary.LittleEndian.Uint32(b[p+4:p+8]))
		body := b[p+8 : min(len(b), p+8+n)]
		switch id {
		case "fmt ":
			if binary.LittleEndian.Uint16(body[0:2]) != 1 || binary.LittleEndian.Uint16(body[2:4]) != 1 || binary.LittleEndian.Uint16(body[14:16]) != 16 {
				t.Fatalf("%s: not 16-bit PCM mono", path)
			}
			rate = int(binary.LittleEndian.Uint32(body[4:8]))
		case "data":
			if rate == 0 {
				t.Fatalf("%s: data before fmt", path)
			}
			s := make([]int16, len(body)/2)
			for i := range s {
				s[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return s, rate
		}
		p += 8 + n + n%2
	}
	t.Fatalf("%s: no data chunk", path)
	return nil, 0
}

// matchOnsets pairs detections with references one to one, closest onsets
// first, when their onsets are within tol seconds, as the realspeech
// folder's tools/compare.py does; it returns the number of pairs.
func matchOnsets(pred, ref [][2]float64, tol float64) int {
	type pair struct {
		d    float64
		i, j int
	}
	var ps []pair
	for i, p := range pred {
		for j, r := range ref {
			if d := math.Abs(p[0] - r[0]); d <= tol {
				ps = append(ps, pair{d, i, j})
			}
		}
	}
	slices.SortFunc(ps, func(a, b pair) int {
		switch {
		case a.d != b.d:
			return cmpF(a.d, b.d)
		case a.i != b.i:
			return a.i - b.i
		}
		return a.j - b.j
	})
	usedP, usedR := map[int]bool{}, map[int]bool{}
	m := 0
	for _, p := range ps {
		if usedP[p.i] || usedR[p.j] {
			continue
		}
		usedP[p.i], usedR[p.j] = true, true
		m++
	}
	return m
}

func cmpF(a, b float64) int {
	if a < b {
		return -1
	}
	return 1
}

// f1 is compare.py's F1 of m matches among np detections and nr references.
func f1(m, np, nr int) float64 {
	if np == 0 && nr == 0 {
		return 1
	}
	if m == 0 {
		return 0
	}
	p, r := float64(m)/float64(np), float64(m)/float64(nr)
	return 2 * p * r / (p + r)
}

// spans turns pauses into [start, end] pairs.
func spans(xs []Pause) [][2]float64 {
	out := make([][2]float64, len(xs))
	for i, x := range xs {
		out[i] = [2]float64{x.Start, x.End}
	}
	return out
}

type realClip struct {
	ref     realRef
	rep     Report
	samples []int16
	rate    int
	path    string
}

func loadRealClips(t *testing.T) []realClip {
	dir := realSpeechDir(t)
	names, err := filepath.Glob(filepath.Join(dir, "refs", "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no references in %s: %v", dir, err)
	}
	var out []realClip
	for _, n := range names {
		var c realClip
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &c.ref); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		c.path = filepath.Join(dir, "clips", c.ref.Name+".wav")
		c.samples, c.rate = readWAV(t, c.path)
		c.rep, err = Analyze(c.samples, c.rate, Options{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestRealSpeechGoals checks the analysis against people's recordings: the
// pauses, the speaking time and the filled pauses against word alignments,
// and the pace against transcripts.
func TestRealSpeechGoals(t *testing.T) {
	clips := loadRealClips(t)
	var fillRef, fillPred, fillMatched int
	var words int
	for _, c := range clips {
		r := c.rep
		var line strings.Builder
		fmt.Fprintf(&line, "%-24s speech %5.2f s, %3d syllables, %.2f/s, %2d pauses, %d filled",
			c.ref.Name, r.Speech, r.Syllables, r.SyllablesPerS, len(r.Pauses), len(r.FilledPauses))
		if tr := c.ref.Transcript; tr != nil && tr.Rate != nil && tr.Syllables != nil {
			d := math.Abs(r.SyllablesPerS-*tr.Rate) / *tr.Rate
			fmt.Fprintf(&line, " | pace vs transcript %.2f (%+.0f%%)", *tr.Rate, 100*(r.SyllablesPerS-*tr.Rate) / *tr.Rate)
			if d > 0.15 {
				t.Errorf("%s: %.2f syllables/s, the transcript's rate is %.2f: %.0f%% apart (goal: within 15%%)", c.ref.Name, r.SyllablesPerS, *tr.Rate, 100*d)
			}
		}
		if tr := c.ref.Truth; tr != nil && tr.Granularity == "word" {
			words++
			pred := spans(r.Pauses)
			m := matchOnsets(pred, tr.Pauses, 0.150)
			pf := f1(m, len(pred), len(tr.Pauses))
			sd := (r.Speech - tr.SpeechS) / tr.SpeechS
			fmt.Fprintf(&line, " | pause F1 %.2f, speech %+.0f%%", pf, 100*sd)
			if pf < 0.8 {
				t.Errorf("%s: pause F1 %.2f against the word alignment (goal 0.8): found %v, words leave %v", c.ref.Name, pf, pred, tr.Pauses)
			}
			if math.Abs(sd) > 0.10 {
				t.Errorf("%s: speaking time %.2f s, the words cover %.2f s: %.0f%% apart (goal: within 10%%)", c.ref.Name, r.Speech, tr.SpeechS, 100*sd)
			}
			fp := spans(r.FilledPauses)
			fm := matchOnsets(fp, tr.Fillers, 0.300)
			fillRef += len(tr.Fillers)
			fillPred += len(fp)
			fillMatched += fm
			fmt.Fprintf(&line, " | filled %d of %d found, %d found in all: %v", fm, len(tr.Fillers), len(fp), fp)
		}
		t.Log(line.String())
	}
	if words == 0 {
		t.Fatal("no clip with a word alignment among the references")
	}
	p, rc := 0.0, float64(fillMatched)/float64(fillRef)
	if fillPred > 0 {
		p = float64(fillMatched) / float64(fillPred)
	}
	t.Logf("filled pauses: precision %.2f (%d of %d), recall %.2f (%d of %d)", p, fillMatched, fillPred, rc, fillMatched, fillRef)
	if p < 0.75 || rc < 0.75 {
		t.Errorf("filled pauses: precision %.2f and recall %.2f against the word alignments' fillers (goal: each at least 0.75)", p, rc)
	}
}

// TestRealSpeechSameAt48k checks that the 48 kHz copy of every clip (made by
// sox, as the realspeech folder's eval.sh does) gives the same figures within
// 2 %: the figures tools/compare.py compares there. (The number of filled
// pauses, a small count, is logged when it differs.)
func TestRealSpeechSameAt48k(t *testing.T) {
	clips := loadRealClips(t)
	for _, c := range clips {
		if c.rate == 48000 {
			continue
		}
		s := readAudio(t, c.path, 48000)
		r48, err := Analyze(s, 48000, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, b := c.rep, r48
		if len(a.FilledPauses) != len(b.FilledPauses) {
			t.Logf("%s: %d filled pauses at %d Hz, %d at 48 kHz", c.ref.Name, len(a.FilledPauses), c.rate, len(b.FilledPauses))
		}
		for _, v := range []struct {
			what string
			x, y float64
		}{
			{"speech_s", a.Speech, b.Speech},
			{"syllables", float64(a.Syllables), float64(b.Syllables)},
			{"syllables_per_s", a.SyllablesPerS, b.SyllablesPerS},
			{"articulation_syllables_per_s", a.ArticulationRate, b.ArticulationRate},
			{"pitch_median_hz", a.PitchMedian, b.PitchMedian},
			{"pitch_sd_semitones", a.PitchSD, b.PitchSD},
			{"mean_pause_s", a.MeanPause, b.MeanPause},
			{"loudness_dbfs", a.Loudness, b.Loudness},
			{"pauses", float64(len(a.Pauses)), float64(len(b.Pauses))},
		} {
			d := 0.0
			if v.x != 0 || v.y != 0 {
				d = math.Abs(v.x-v.y) / max(math.Abs(v.x), math.Abs(v.y))
			}
			if d > 0.02 {
				t.Errorf("%s: %s is %g at %d Hz and %g at 48 kHz: %.1f%% apart (goal: within 2%%)", c.ref.Name, v.what, v.x, c.rate, v.y, 100*d)
			}
		}
	}
}
