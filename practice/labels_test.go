package practice

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// goldenParts is the tagging the golden files describe: long enough for
// hours, with times that need rounding, a gap, and an empty last part
// (left out of exports).
var goldenParts = []Part{
	{Situation, 0, 12.345},
	{Task, 12.345, 20.5},
	{Action, 20.5, 95.0004999},
	{Result, 100.1234567, 110},
	{Lesson, 3600.9996, 3725.25},
	{Result, 3730, 3730},
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestExportGolden(t *testing.T) {
	if err := CheckParts(goldenParts, 3730); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file   string
		format func([]Part) string
	}{
		{"labels.txt", FormatAudacity},
		{"chapters.vtt", FormatWebVTT},
	} {
		got, want := tt.format(goldenParts), readGolden(t, tt.file)
		if got != want {
			t.Errorf("%s: got\n%q\nwant\n%q", tt.file, got, want)
		}
	}
	if got, want := FormatAudacity(nil), ""; got != want {
		t.Errorf("FormatAudacity(nil) = %q, want %q", got, want)
	}
	if got, want := FormatWebVTT(nil), "WEBVTT\n\n"; got != want {
		t.Errorf("FormatWebVTT(nil) = %q, want %q", got, want)
	}
}

func TestVTTTime(t *testing.T) {
	for _, tt := range []struct {
		s    float64
		want string
	}{
		{0, "00:00:00.000"}, {0.0004, "00:00:00.000"}, {0.0005, "00:00:00.001"},
		{59.9996, "00:01:00.000"}, {61.5, "00:01:01.500"}, {3599.999, "00:59:59.999"},
		{3600, "01:00:00.000"}, {360000, "100:00:00.000"}, {-1, "00:00:00.000"},
	} {
		if got := vttTime(tt.s); got != tt.want {
			t.Errorf("vttTime(%v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	// What we export, Audacity-style, reads back as the same parts, to
	// the millisecond take.json keeps.
	labels, err := ParseAudacity(FormatAudacity(goldenParts))
	if err != nil {
		t.Fatal(err)
	}
	parts, err := PartsFromLabels(labels, 3730)
	if err != nil {
		t.Fatal(err)
	}
	want := goldenParts[:5]
	if !slices.EqualFunc(parts, want, func(a, b Part) bool {
		return a.Kind == b.Kind && math.Abs(a.Start-b.Start) <= 5.01e-4 && math.Abs(a.End-b.End) <= 5.01e-4
	}) {
		t.Errorf("round trip gave %s, want %s", spec(parts), spec(want))
	}
}

func TestParseAudacity(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []Label
	}{
		{"regions as Audacity writes them", "0.000000\t12.345000\tSituation\n12.345000\t20.500000\tTask\n",
			[]Label{{0, 12.345, "Situation", 1}, {12.345, 20.5, "Task", 2}}},
		{"point label", "2.150000\t2.150000\tSituation\n", []Label{{2.15, 2.15, "Situation", 1}}},
		{"one-sided point label", "2.15\tAction", []Label{{2.15, 2.15, "Action", 1}}},
		{"times only", "1.0\t2.0\n", []Label{{1, 2, "", 1}}},
		{"times and an empty text", "1.000000\t2.000000\t\n", []Label{{1, 2, "", 1}}},
		{"spaces in text are kept", "1.000000\t2.000000\t my big  mistake \n", []Label{{1, 2, " my big  mistake ", 1}}},
		{"frequency line skipped", "1.000000\t1.000000\tResult\n\\\t6928.456055\t6928.456055\n3\t4\tLesson\n",
			[]Label{{1, 1, "Result", 1}, {3, 4, "Lesson", 3}}},
		{"windows line ends and a byte order mark", "\uFEFF1\t2\tTask\r\n3\t4\tAction\r\n",
			[]Label{{1, 2, "Task", 1}, {3, 4, "Action", 2}}},
		{"old Mac line ends", "1\t2\tTask\r3\t4\tAction\r\r5\tResult",
			[]Label{{1, 2, "Task", 1}, {3, 4, "Action", 2}, {5, 5, "Result", 4}}},
		{"comma decimals", "1,5\t2,25\tTask", []Label{{1.5, 2.25, "Task", 1}}},
		{"exponents and bare decimals", "1e-05\t.5\tTask\n2.\t3E1\tAction", []Label{{1e-05, 0.5, "Task", 1}, {2, 30, "Action", 2}}},
		{"blank lines skipped", "\n1\t2\tTask\n\n  \n\t\n3\t4\tAction\n\n", []Label{{1, 2, "Task", 2}, {3, 4, "Action", 6}}},
		{"extra fields ignored", "1\t2\tTask\tmore", []Label{{1, 2, "Task", 1}}},
		{"repeated tabs count once", "1\t\t2\t\tTask", []Label{{1, 2, "Task", 1}}},
		{"spaces around times", " 1 \t 2\tTask", []Label{{1, 2, "Task", 1}}},
		{"negative zero", "-0\t1\tTask", []Label{{0, 1, "Task", 1}}},
		{"empty file", "", nil},
	} {
		got, err := ParseAudacity(tt.text)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: ParseAudacity = %+v, %v\nwant %+v", tt.name, got, err, tt.want)
		}
	}
}

// lineErrors returns "line: message" for each *LabelError in err.
func lineErrors(t *testing.T, err error) []string {
	t.Helper()
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	var out []string
	for _, e := range errs {
		var le *LabelError
		if !errors.As(e, &le) {
			t.Fatalf("error %v is not a *LabelError", e)
		}
		if !strings.HasPrefix(le.Error(), fmt.Sprintf("practice: label file line %d: ", le.Line)) {
			t.Errorf("error %q lacks its line", le)
		}
		out = append(out, strconv.Itoa(le.Line)+": "+le.Msg)
	}
	return out
}

func TestParseAudacityBadLines(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string // "line: message substring"
	}{
		{"not a number", "abc\t1\tTask", []string{`1: start time "abc" is not a number of seconds`}},
		{"spaces instead of tabs", "1.000000 2.000000 Task", []string{"1: want start<TAB>end<TAB>label, and this line has no tabs"}},
		{"negative start", "-1\t2\tTask", []string{`1: start time "-1" is before the start of the recording`}},
		{"negative end", "1\t-2\tTask", []string{`1: end time "-2" is before the start of the recording`}},
		{"backwards", "3\t2\tTask", []string{"1: the label ends at 2.000 s, before it starts at 3.000 s"}},
		{"nan", "NaN\t1\tTask", []string{`1: start time "NaN" is not a number`}},
		{"inf", "inf\t1\tTask", []string{`1: start time "inf" is not a number`}},
		{"hex", "0x10\t1\tTask", []string{`1: start time "0x10" is not a number`}},
		{"too large", "1e999\t1e999\tTask", []string{`1: start time "1e999" is too large`}},
		{"double sign exponent", "1e+-5\t2\tTask", []string{`1: start time "1e+-5" is not a number`}},
		{"two separators", "1.5.5\t2\tTask", []string{`1: start time "1.5.5" is not a number`}},
		{"bad UTF-8", "1\t2\tT\xffask", []string{"1: not valid UTF-8 text"}},
		{"long field is cut", strings.Repeat("x", 100) + "\t1", []string{`1: start time "` + strings.Repeat("x", 40) + `…" is not a number`}},
		{"only the bad lines, in order", "1\t2\tTask\nx\t3\n\n4\t3\tAction\n5\t6\tResult\n7 8",
			[]string{"2: start time", "4: the label ends", "6: want start<TAB>end<TAB>label"}},
	} {
		got, err := ParseAudacity(tt.text)
		if got != nil {
			t.Errorf("%s: returned labels %+v with errors", tt.name, got)
		}
		lines := lineErrors(t, err)
		if len(lines) != len(tt.want) {
			t.Errorf("%s: errors %q, want %d matching %q", tt.name, lines, len(tt.want), tt.want)
			continue
		}
		for i := range lines {
			if !strings.HasPrefix(lines[i], tt.want[i][:strings.Index(tt.want[i], ":")+1]) || !strings.Contains(lines[i], tt.want[i][strings.Index(tt.want[i], ":")+2:]) {
				t.Errorf("%s: error %d = %q, want %q", tt.name, i, lines[i], tt.want[i])
			}
		}
	}
}

func TestPartsFromLabels(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		dur        float64
		want       string   // parts spec when it works
		errs       []string // "line: message substring" when it does not
	}{
		{"regions", "0\t10\tSituation\n10\t30\tAction\n40\t50\tLesson", 60, "S0-10 A10-30 L40-50", nil},
		{"point labels start parts", "0\t0\tSituation\n10\t10\tTask\n30\t30\tAction", 60, "S0-10 T10-30 A30-60", nil},
		{"one-sided point labels", "0\tSituation\n10\tTask", 60, "S0-10 T10-60", nil},
		{"points and regions", "0\t0\tSituation\n20\t50\tAction\n55\t55\tLesson", 60, "S0-20 A20-50 L55-60", nil},
		{"any order", "30\t30\tAction\n0\t0\tSituation\n10\t10\tTask", 60, "S0-10 T10-30 A30-60", nil},
		{"names in any case with spaces", "0\t10\t situation \n10\t20\tACTION", 60, "S0-10 A10-20", nil},
		{"end rounded past the take", "50\t60.0004\tLesson", 60, "L50-60", nil},
		{"times rounded to the millisecond", "0.0004\t10.2346\tSituation\n10.2346\t10.2346\tTask", 60, "S0-10.235 T10.235-60", nil},
		{"shorter than a millisecond", "1\t1.0004\tTask\n2\t3\tAction", 60, "", []string{"1: Task lasts less than a millisecond"}},
		{"points in the same millisecond", "1\t1\tTask\n1.0004\t1.0004\tAction", 60, "", []string{"2: Action (from 1.000 s) overlaps Task on line 1"}},
		{"nothing", "", 60, "", nil},
		{"unknown names", "0\t10\tSituation\n10\t20\tIntro\n20\t30\tAction\n30\t40\tLesson learned\n40\t50\t", 60, "",
			[]string{`2: unknown label "Intro": want Situation, Task, Action, Result or Lesson`, `4: unknown label "Lesson learned"`, `5: unknown label ""`}},
		{"overlap", "0\t10\tSituation\n5\t15\tTask", 60, "", []string{"2: Task (from 5.000 s) overlaps Situation on line 1 (to 10.000 s)"}},
		{"point inside a region", "0\t10\tSituation\n5\t5\tTask", 60, "", []string{"2: Task (from 5.000 s) overlaps Situation on line 1"}},
		{"two points at once", "5\t5\tSituation\n5\t5\tTask", 60, "", []string{"2: Task (from 5.000 s) overlaps Situation on line 1"}},
		{"past the end", "50\t70\tLesson\n60\t60\tResult\n61\t62\tTask", 60, "",
			[]string{"1: Lesson ends at 70.000 s, after the end of the take (60.000 s)", "2: Result starts at 60.000 s, at or after the end", "3: Task starts at 61.000 s"}},
	} {
		labels, err := ParseAudacity(tt.text)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		parts, err := PartsFromLabels(labels, tt.dur)
		if tt.errs == nil {
			if err != nil || spec(parts) != tt.want {
				t.Errorf("%s: PartsFromLabels = %s, %v; want %s", tt.name, spec(parts), err, tt.want)
			}
			continue
		}
		if parts != nil {
			t.Errorf("%s: returned parts %s with errors", tt.name, spec(parts))
		}
		lines := lineErrors(t, err)
		if len(lines) != len(tt.errs) {
			t.Errorf("%s: errors %q, want %q", tt.name, lines, tt.errs)
			continue
		}
		for i := range lines {
			n, msg, _ := strings.Cut(tt.errs[i], ": ")
			if !strings.HasPrefix(lines[i], n+": ") || !strings.Contains(lines[i], msg) {
				t.Errorf("%s: error %d = %q, want %q", tt.name, i, lines[i], tt.errs[i])
			}
		}
	}
}

// TestImportAudacityFiles reads label files laid out as Audacity writes
// them.
func TestImportAudacityFiles(t *testing.T) {
	for _, tt := range []struct {
		file string
		dur  float64
		want string   // parts
		errs []string // or errors, "line: message substring"
	}{
		{"labels.txt", 3730, "S0-12.345 T12.345-20.5 A20.5-95.001 R100.123-110 L3601-3725.25", nil},
		{"import/points.txt", 90, "S0-14.25 T14.25-21 A21-70.5 R70.5-82 L82-90", nil},
		{"import/spaces-crlf.txt", 60, "", []string{`3: unknown label "my big mistake"`}},
		{"import/bad.txt", 90, "", []string{`3: start time "ten"`, "4: this line has no tabs", `5: end time "-1" is before the start`, "6: the label ends at 45.000 s, before it starts at 50.000 s"}},
	} {
		labels, err := ParseAudacity(readGolden(t, tt.file))
		var parts []Part
		if err == nil {
			parts, err = PartsFromLabels(labels, tt.dur)
		}
		if tt.errs == nil {
			if err != nil || spec(parts) != tt.want {
				t.Errorf("%s: parts %s, %v; want %s", tt.file, spec(parts), err, tt.want)
			}
			continue
		}
		lines := lineErrors(t, err)
		if len(lines) != len(tt.errs) {
			t.Errorf("%s: errors %q, want %q", tt.file, lines, tt.errs)
			continue
		}
		for i := range lines {
			n, msg, _ := strings.Cut(tt.errs[i], ": ")
			if !strings.HasPrefix(lines[i], n+": ") || !strings.Contains(lines[i], msg) {
				t.Errorf("%s: error %d = %q, want %q", tt.file, i, lines[i], tt.errs[i])
			}
		}
	}
	// The spaces around " Situation " are fine; the text is kept as is.
	labels, err := ParseAudacity(readGolden(t, "import/spaces-crlf.txt"))
	if err != nil || len(labels) != 3 || labels[0].Text != " Situation " || labels[2].Text != "my big mistake" {
		t.Errorf("spaces-crlf.txt: %+v, %v", labels, err)
	}
}

// formatLabels writes labels as Audacity does, for the fuzz round trip.
func formatLabels(ls []Label) string {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", strconv.FormatFloat(l.Start, 'f', 6, 64), strconv.FormatFloat(l.End, 'f', 6, 64), l.Text)
	}
	return b.String()
}

func FuzzParseAudacity(f *testing.F) {
	// More seeds live in testdata/fuzz/FuzzParseAudacity.
	f.Add("0.000000\t12.345000\tSituation\n12.345000\t20.500000\tTask\n")
	f.Add("1\tAction\n\\\t100\t200\n")
	f.Fuzz(func(t *testing.T, text string) {
		labels, err := ParseAudacity(text)
		if err != nil {
			if labels != nil {
				t.Fatalf("labels %+v with error %v", labels, err)
			}
			// Lines end in "\n", "\r\n" or "\r".
			nlines := strings.Count(strings.ReplaceAll(text, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(text, "\r\n", ""), "\r") + 1
			last := 0
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var le *LabelError
				if !errors.As(e, &le) || le.Line < 1 || le.Line > nlines || le.Line <= last {
					t.Fatalf("error %v: not a *LabelError with a line in order within 1..%d", e, nlines)
				}
				last = le.Line
				if !utf8.ValidString(le.Msg) {
					t.Fatalf("error message is not UTF-8: %q", le.Msg)
				}
			}
			return
		}
		for i, l := range labels {
			if !(l.Start >= 0 && l.End >= l.Start) || math.IsInf(l.End, 0) || strings.ContainsAny(l.Text, "\t\n\r") || l.Line < 1 || (i > 0 && l.Line <= labels[i-1].Line) {
				t.Fatalf("bad label %+v", l)
			}
		}
		// Written out as Audacity does and read again, the labels stay.
		out := formatLabels(labels)
		again, err := ParseAudacity(out)
		if err != nil {
			t.Fatalf("reading back %q: %v", out, err)
		}
		if out2 := formatLabels(again); out2 != out {
			t.Fatalf("round trip changed the labels:\n%q\n%q", out, out2)
		}
		// As parts of a take, they are valid or rejected with line errors.
		dur := 100.0
		parts, err := PartsFromLabels(labels, dur)
		if err != nil {
			lineErrors(t, err)
			return
		}
		if err := CheckParts(parts, dur); err != nil {
			t.Fatalf("PartsFromLabels gave invalid parts: %v", err)
		}
		// They stay valid through take.json's rounding.
		for i := range parts {
			parts[i].Start, parts[i].End = roundMS(parts[i].Start), roundMS(parts[i].End)
		}
		if err := CheckParts(parts, dur); err != nil {
			t.Fatalf("PartsFromLabels gave parts that rounding spoils: %v", err)
		}
	})
}
