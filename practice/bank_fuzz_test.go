package practice

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// FuzzImportQuestions feeds files to ImportQuestions, with a file name
// whose extension picks the format. It must never panic. A file it
// refuses is refused with ErrNoQuestions or with *LineError values in line
// order, naming lines that exist. The questions of a file it accepts have
// tidy, valid texts and valid or empty IDs, and read back the same from
// both exports. Seeds: the f.Add calls and
// testdata/fuzz/FuzzImportQuestions.
func FuzzImportQuestions(f *testing.F) {
	f.Add([]byte("What went wrong?\n# comment\nq01 | seed | What was your biggest failure?\n"), "q.txt")
	f.Add([]byte(`{"questions": [{"id": "c001", "text": "One?"}, "Two?"]}`), "q.json")
	f.Add([]byte("[\n 1,\n {\"id\": \"a b\"},\n \"\"\n]"), "q.json")
	f.Add([]byte(`["a", "b"`), "questions")
	f.Add([]byte("x | odd | y\n\xff\n"), "q.txt")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		qs, err := ImportQuestions(data, name)
		if err != nil {
			if qs != nil {
				t.Fatalf("questions %+v with error %v", qs, err)
			}
			if errors.Is(err, ErrNoQuestions) {
				return
			}
			multi, ok := err.(interface{ Unwrap() []error })
			if !ok {
				t.Fatalf("error %v is neither per line nor ErrNoQuestions", err)
			}
			nlines := bytes.Count(data, []byte("\n")) + 1
			checkLineErrors(t, multi.Unwrap(), nlines)
			return
		}
		if len(qs) == 0 || len(qs) > MaxCustomQuestions {
			t.Fatalf("accepted %d questions", len(qs))
		}
		for i, q := range qs {
			if q.Text != normText(q.Text) || checkText(q.Text) != nil {
				t.Fatalf("accepted bad text %q", q.Text)
			}
			if q.ID != "" && checkQuestionID(q.ID) != nil {
				t.Fatalf("accepted bad id %q", q.ID)
			}
			if q.ID == "" {
				qs[i].ID = fmt.Sprintf("f%d", i) // the text export needs IDs to keep texts with " | " whole
			}
		}
		again, err := ImportQuestions(ExportQuestionsText(qs), "export.txt")
		if err != nil || !reflect.DeepEqual(again, qs) {
			t.Fatalf("text export reads back as %+v, %v\nwant %+v", again, err, qs)
		}
		js, err := ExportQuestionsJSON(qs)
		if err != nil {
			t.Fatalf("JSON export: %v", err)
		}
		again, err = ImportQuestions(js, "export.json")
		if err != nil || !reflect.DeepEqual(again, qs) {
			t.Fatalf("JSON export reads back as %+v, %v\nwant %+v", again, err, qs)
		}
	})
}
