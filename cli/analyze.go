package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strings"

	"failforward/audio/analysis"
	"failforward/audio/wavfile"
)

func init() {
	Register(Command{
		Name:    "analyze",
		Args:    "FILE.wav [--json]",
		Summary: "measure pauses, filled pauses, pace, pitch and loudness of a recorded answer",
		Run:     runAnalyze,
	})
}

const analyzeUsage = "usage: failforward analyze FILE.wav [--json]"

// analyzeOutput is the JSON object of `failforward analyze --json`: the
// report's fields, the file and the findings in words.
type analyzeOutput struct {
	File string `json:"file"`
	analysis.Report
	Findings []analysis.Finding `json:"findings"`
}

func runAnalyze(args []string, stdout, stderr io.Writer) int {
	var path string
	asJSON := false
	for _, a := range args {
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprintln(stdout, analyzeUsage)
			fmt.Fprintln(stdout, "Measures where you paused, your filled pauses (um, uh), pace, pitch and loudness, and suggests where the STAR parts begin.")
			return 0
		case strings.HasPrefix(a, "-") && len(a) > 1:
			fmt.Fprintf(stderr, "failforward analyze: unknown option %q (%s)\n", a, analyzeUsage)
			return 2
		case path != "":
			fmt.Fprintf(stderr, "failforward analyze: takes one file, got %q and %q (%s)\n", path, a, analyzeUsage)
			return 2
		default:
			path = a
		}
	}
	if path == "" {
		fmt.Fprintf(stderr, "failforward analyze: which file? (%s)\n", analyzeUsage)
		return 2
	}
	rep, err := analysis.File(path)
	if err != nil {
		fmt.Fprintf(stderr, "failforward analyze: %s\n", describeAnalyzeError(path, err))
		return 1
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(analyzeOutput{File: path, Report: rep, Findings: rep.Findings()}); err != nil {
			fmt.Fprintf(stderr, "failforward analyze: writing the result: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprint(stdout, describeReport(path, &rep))
	return 0
}

// describeAnalyzeError turns err into "<file>: <what> (<what to do>)".
func describeAnalyzeError(path string, err error) string {
	var fe *wavfile.FormatError
	var re *analysis.RateError
	switch {
	case errors.As(err, &fe):
		return fmt.Sprintf("%s: %s (%s)", path, fe.What, fe.Hint)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file (check the path and try again)", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: not allowed to read it (check the file's permissions)", path)
	case errors.As(err, &re):
		return fmt.Sprintf("%s: %s (record at 16 kHz or more)", path, re.Message())
	}
	return fmt.Sprintf("%s: %v (check that the file is complete and readable)", path, err)
}

// describeReport is the human-readable output: the figures, then the
// findings in words.
func describeReport(path string, r *analysis.Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s at %d Hz\n", path, clockTime(r.Duration), r.SampleRate)
	line := func(label, format string, args ...any) {
		fmt.Fprintf(&b, "  %-17s %s\n", label, fmt.Sprintf(format, args...))
	}
	if r.Speech == 0 {
		line("speech", "none heard")
	} else {
		line("speaking time", "%s, first word after %.1f s", clockTime(r.Speech), r.FirstWord)
		if len(r.Pauses) == 0 {
			line("pauses", "none")
		} else {
			line("pauses", "%d (mean %.1f s, longest %.1f s)", len(r.Pauses), r.MeanPause, r.LongestPause)
		}
		line("filled pauses", "%d (%.1f a minute)", len(r.FilledPauses), r.FilledPausesPerMin)
		line("pace", "%.1f syllables/s (usual %.1f–%.1f)", r.SyllablesPerS, analysis.PaceLow, analysis.PaceHigh)
		if r.PitchMedian > 0 {
			line("pitch", "%.0f Hz, spread %.1f semitones (flat under %.0f)", r.PitchMedian, r.PitchSD, analysis.MonotoneSemitones)
		}
		line("loudness", "%.1f dBFS, spread %.1f dB", r.Loudness, r.LoudnessSD)
	}
	line("clipped samples", "%d", r.Clipped)
	if len(r.SuggestedBoundaries) == 4 {
		bs := r.SuggestedBoundaries
		line("suggested parts", "Task from %s, Action from %s, Result from %s, Lesson from %s",
			clockTime(bs[0]), clockTime(bs[1]), clockTime(bs[2]), clockTime(bs[3]))
	}
	b.WriteString("\n")
	for _, f := range r.Findings() {
		fmt.Fprintf(&b, "- %s\n", f.Text)
	}
	return b.String()
}

// clockTime formats seconds as m:ss.s.
func clockTime(s float64) string {
	s = math.Round(s*10) / 10
	m := int(s / 60)
	return fmt.Sprintf("%d:%04.1f", m, s-float64(m*60))
}
