package analysis

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"failforward/internal/wavtest"
)

// TestStreamingMatchesWhole: feeding the samples in uneven blocks gives the
// same report as one call. The one call measures levels and pitch on two
// goroutines; blocks under parallelMin run on one, so this also holds the
// two ways to the same result.
func TestStreamingMatchesWhole(t *testing.T) {
	for _, rate := range []int{16000, 44100} {
		s, _ := spokenAnswer(t, rate, []float64{0.5, 1.2}, 0.6, 0.4)
		addNoise(s, -55, 4)
		whole, err := Analyze(s, rate, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, err := NewAnalyzer(rate, Options{})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(5, 6))
		for i := 0; i < len(s); {
			n := min(len(s)-i, 1+rng.IntN(3000))
			a.Write(s[i : i+n])
			i += n
		}
		streamed := a.Finish()
		if !reflect.DeepEqual(whole, streamed) {
			t.Errorf("%d Hz: streamed report differs:\n whole    %+v\n streamed %+v", rate, whole, streamed)
		}
	}
}

func TestJSONFields(t *testing.T) {
	s, _ := spokenAnswer(t, 16000, []float64{0.6}, 0.5, 0.5)
	r, err := Analyze(s, 16000, Options{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"duration_s", "speech_s", "pauses", "first_word_s", "syllables_per_s",
		"pitch_median_hz", "pitch_sd_semitones", "loudness_dbfs", "loudness_sd_db", "clipped_samples",
		"suggested_boundaries_s"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, data)
		}
	}
	pauses, _ := m["pauses"].([]any)
	if len(pauses) != 1 {
		t.Fatalf("pauses %v, want one", m["pauses"])
	}
	p, _ := pauses[0].(map[string]any)
	if _, ok := p["start_s"]; !ok {
		t.Errorf("pause %v lacks start_s", p)
	}
	if _, ok := p["end_s"]; !ok {
		t.Errorf("pause %v lacks end_s", p)
	}
	b, _ := m["suggested_boundaries_s"].([]any)
	if len(b) != 4 {
		t.Errorf("suggested_boundaries_s %v, want 4 times", b)
	}

	// A decoded report still answers Segment's pause questions.
	var back Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	st := back.Segment(0, back.Duration)
	if st.Measured || st.Pauses != 1 {
		t.Errorf("decoded Segment = %+v, want 1 pause and Measured false", st)
	}
	if st := r.Segment(0, r.Duration); !st.Measured || st.Syllables != r.Syllables || st.Speech != r.Speech {
		t.Errorf("whole-take Segment %+v disagrees with the report %+v", st, r)
	}
}

func TestFindings(t *testing.T) {
	base := Report{Duration: 95, Speech: 80, FirstWord: 1.2, SpeechEnd: 92, SyllablesPerS: 3.4,
		PitchMedian: 118, PitchSD: 3.1, Loudness: -23, LoudnessSD: 4.2,
		Pauses: []Pause{{10, 10.8}, {42.3, 45.4}, {60, 62.5}}, MeanPause: 2.13, LongestPause: 3.1}
	find := func(fs []Finding, kind string) *Finding {
		for i := range fs {
			if fs[i].Kind == kind {
				return &fs[i]
			}
		}
		return nil
	}
	for _, tc := range []struct {
		name  string
		edit  func(r *Report)
		kind  string
		sev   Severity
		words []string
	}{
		{"pace inside", nil, KindPace, Good, []string{"3.4 syllables a second", "inside the usual 2.5–4.5"}},
		{"pace slow", func(r *Report) { r.SyllablesPerS = 2.1 }, KindPace, Tip, []string{"2.1 syllables a second", "under the usual 2.5–4.5"}},
		{"pace fast", func(r *Report) { r.SyllablesPerS = 5.2 }, KindPace, Tip, []string{"5.2", "above the usual"}},
		{"pauses", nil, KindPauses, Info, []string{"paused 3 times", "2.1 s on average", "longest was 3.1 s"}},
		{"long pauses", nil, KindLongPause, Tip, []string{"2 pauses were longer than 2 s", "3.1 s, at 0:42"}},
		{"one long pause", func(r *Report) { r.Pauses = r.Pauses[1:2] }, KindLongPause, Tip, []string{"One pause was", "at 0:42"}},
		{"no pause", func(r *Report) { r.Pauses = nil }, KindPauses, Tip, []string{"without a pause"}},
		{"first word", nil, KindFirstWord, Good, []string{"1.2 s into the answer"}},
		{"late start", func(r *Report) { r.FirstWord = 4.5 }, KindFirstWord, Tip, []string{"4.5 s", "first sentence ready"}},
		{"lively pitch", nil, KindPitch, Good, []string{"3.1 semitones", "118 Hz"}},
		{"monotone", func(r *Report) { r.PitchSD = 1.4 }, KindPitch, Tip, []string{"1.4 semitones", "under the 2"}},
		{"loudness", nil, KindLoudness, Info, []string{"-23 dBFS", "4.2 dB"}},
		{"quiet", func(r *Report) { r.Loudness = -44 }, KindLoudness, Warning, []string{"quiet", "closer to the microphone"}},
		{"clipping", func(r *Report) { r.Clipped = 312 }, KindClipping, Warning, []string{"312 samples clipped", "Lower the input level"}},
		{"no speech", func(r *Report) { r.Speech = 0 }, KindSpeech, Warning, []string{"No speech", "microphone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			r.Pauses = slices.Clone(base.Pauses)
			if tc.edit != nil {
				tc.edit(&r)
			}
			fs := r.Findings()
			f := find(fs, tc.kind)
			if f == nil {
				t.Fatalf("no %q finding in %v", tc.kind, fs)
			}
			if f.Severity != tc.sev {
				t.Errorf("%q severity %v, want %v (%q)", tc.kind, f.Severity, tc.sev, f.Text)
			}
			for _, w := range tc.words {
				if !strings.Contains(f.Text, w) {
					t.Errorf("%q text %q lacks %q", tc.kind, f.Text, w)
				}
			}
		})
	}
	if f := find(base.Findings(), KindClipping); f != nil {
		t.Errorf("clipping finding %q for a take with no clipped samples", f.Text)
	}
	if f := find(base.Findings(), KindLongPause); f == nil {
		t.Error("no long-pause finding though two pauses exceed 2 s")
	}
	shorter := base
	shorter.Pauses = []Pause{{10, 10.8}, {30, 31.9}}
	if f := find(shorter.Findings(), KindLongPause); f != nil {
		t.Errorf("long-pause finding %q though no pause exceeds 2 s", f.Text)
	}
}

func TestSegmentFindings(t *testing.T) {
	st := SegmentStats{Measured: true, Speech: 12, SyllablesPerS: 4.8, Pauses: 2, LongestPause: 2.4, PitchMedian: 200, PitchSD: 1.2}
	fs := st.Findings()
	kinds := map[string]Finding{}
	for _, f := range fs {
		kinds[f.Kind] = f
	}
	if f := kinds[KindPace]; f.Severity != Tip || !strings.Contains(f.Text, "4.8") {
		t.Errorf("pace finding %+v, want a tip about 4.8", f)
	}
	if f := kinds[KindPauses]; f.Severity != Tip || !strings.Contains(f.Text, "twice") || !strings.Contains(f.Text, "2.4 s") {
		t.Errorf("pause finding %+v, want a tip: twice, longest 2.4 s", f)
	}
	if f := kinds[KindPitch]; f.Severity != Tip {
		t.Errorf("pitch finding %+v, want a monotone tip", f)
	}
	if fs := (SegmentStats{}).Findings(); fs != nil {
		t.Errorf("unmeasured segment findings %v, want none", fs)
	}
	if fs := (SegmentStats{Measured: true}).Findings(); len(fs) != 1 || fs[0].Kind != KindSpeech {
		t.Errorf("silent segment findings %v, want one speech finding", fs)
	}
}

func TestSeverityText(t *testing.T) {
	for s, want := range map[Severity]string{Info: "info", Good: "good", Tip: "tip", Warning: "warning", 9: "severity(9)"} {
		if s.String() != want {
			t.Errorf("Severity(%d).String() = %q, want %q", int(s), s.String(), want)
		}
	}
	b, err := json.Marshal(Finding{Kind: KindPace, Text: "x", Severity: Tip})
	if err != nil || !strings.Contains(string(b), `"severity":"tip"`) {
		t.Errorf("finding JSON %s (%v), want severity as a word", b, err)
	}
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back.Severity != Tip {
		t.Errorf("decoded %s as %+v (%v), want severity tip", b, back, err)
	}
	if err := json.Unmarshal([]byte(`{"severity":"dire"}`), &back); err == nil {
		t.Error("decoding an unknown severity succeeded")
	}
}

// TestFileMatchesAnalyze: a take measured from its WAV file, read a chunk at
// a time while the chunk before is measured, gives the report of the same
// samples measured at once.
func TestFileMatchesAnalyze(t *testing.T) {
	const rate = 16000
	one, _ := spokenAnswer(t, rate, []float64{0.5, 1.2}, 0.6, 0.4)
	addNoise(one, -55, 4)
	// Several chunks, the last one partly filled.
	var s []int16
	for len(s) < 3*fileChunk+fileChunk/3 {
		s = append(s, one...)
	}
	path := filepath.Join(t.TempDir(), "take.wav")
	wavtest.Write(t, path, rate, s)
	want, err := Analyze(s, rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("report from the file differs:\n file %+v\n once %+v", got, want)
	}
}
