package practice

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuestions feeds question files to ParseQuestions. It must never
// panic. A file it accepts holds valid, unique questions that read back
// the same when written out again; a file it refuses is refused with
// *LineError values in line order, naming lines that exist. Seeds: the
// f.Add calls, assets/questions.txt and testdata/fuzz/FuzzParseQuestions.
func FuzzParseQuestions(f *testing.F) {
	f.Add("q01 | seed | What was your biggest failure?\nq02 | | Tell me about a mistake.\n")
	f.Add("# comment\n\n x | seed, seed | a | b \r\n")
	f.Add("q01 | | same\nq02 | | SAME\n")
	f.Add("bad line\nq-1 | | x\nq2 | tag | y\n\xff | | z\n")
	f.Fuzz(func(t *testing.T, text string) {
		qs, err := ParseQuestions(text)
		if err != nil {
			if qs != nil {
				t.Fatalf("questions %+v with error %v", qs, err)
			}
			multi, ok := err.(interface{ Unwrap() []error })
			if !ok {
				if err.Error() != "practice: no questions found" {
					t.Fatalf("error %v is neither per line nor 'no questions found'", err)
				}
				return
			}
			nlines := strings.Count(text, "\n") + 1
			checkLineErrors(t, multi.Unwrap(), nlines)
			return
		}
		ids := map[string]bool{}
		var b strings.Builder
		for _, q := range qs {
			if checkQuestionID(q.ID) != nil || ids[q.ID] {
				t.Fatalf("accepted bad or repeated id %q", q.ID)
			}
			ids[q.ID] = true
			if q.Text == "" || q.Text != strings.TrimSpace(q.Text) || utf8.RuneCountInString(q.Text) > MaxTextLen ||
				!utf8.ValidString(q.Text) || strings.ContainsAny(q.Text, "\n") {
				t.Fatalf("accepted bad text %q", q.Text)
			}
			tags := ""
			if q.Seed {
				tags = "seed"
			}
			b.WriteString(q.ID + " | " + tags + " | " + q.Text + "\n")
		}
		again, err := ParseQuestions(b.String())
		if err != nil {
			t.Fatalf("written out again, the questions do not parse: %v", err)
		}
		if len(again) != len(qs) {
			t.Fatalf("read back %d questions, want %d", len(again), len(qs))
		}
		for i := range qs {
			if again[i] != qs[i] {
				t.Fatalf("question %d read back as %+v, want %+v", i, again[i], qs[i])
			}
		}
	})
}

// checkLineErrors fails t unless every error of errs is a *LineError with
// a UTF-8 message and a line within 1..nlines, in order (a line may have
// several, such as one for each unknown tag).
func checkLineErrors(t *testing.T, errs []error, nlines int) {
	t.Helper()
	last := 0
	for _, e := range errs {
		var le *LineError
		if !errors.As(e, &le) || le.Line < 1 || le.Line > nlines || le.Line < last {
			t.Fatalf("error %v: not a *LineError with a line in order within 1..%d", e, nlines)
		}
		if !utf8.ValidString(le.Msg) {
			t.Fatalf("error message is not UTF-8: %q", le.Msg)
		}
		last = le.Line
	}
}
