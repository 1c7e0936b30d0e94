package practice

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var seedTexts = []string{
	"What was your biggest failure in your current/last job?",
	"What was your most recent failure at work?",
	"Tell me about a time when you made a major mistake at work and how that turned out for you?",
}

func TestBuiltinBank(t *testing.T) {
	qs := Questions()
	if got, want := len(qs), 45; got < want {
		t.Errorf("got %d questions, want at least %d", got, want)
	}

	// The seed phrasings come first, verbatim, flagged, with fixed IDs.
	for i, want := range seedTexts {
		if i >= len(qs) {
			break
		}
		wantID := fmt.Sprintf("q%02d", i+1)
		if q := qs[i]; q.ID != wantID || q.Text != want || !q.Seed {
			t.Errorf("question %d = %+v, want {ID:%s Text:%q Seed:true}", i, q, wantID, want)
		}
	}
	var seeds int
	ids := map[string]bool{}
	texts := map[string]string{}
	idPattern := regexp.MustCompile(`^q[0-9]{2,}$`)
	for _, q := range qs {
		if q.Seed {
			seeds++
		}
		if !idPattern.MatchString(q.ID) {
			t.Errorf("question %q: ID does not look like q<number>", q.ID)
		}
		if ids[q.ID] {
			t.Errorf("ID %s used twice", q.ID)
		}
		ids[q.ID] = true
		key := strings.ToLower(q.Text)
		if prev, dup := texts[key]; dup {
			t.Errorf("questions %s and %s have the same text", prev, q.ID)
		}
		texts[key] = q.ID
		if !strings.HasSuffix(q.Text, "?") && !strings.HasSuffix(q.Text, ".") {
			t.Errorf("question %s does not end like a sentence: %q", q.ID, q.Text)
		}
	}
	if seeds != len(seedTexts) {
		t.Errorf("got %d seed questions, want %d", seeds, len(seedTexts))
	}
}

func TestBuiltinIDsStable(t *testing.T) {
	// Takes on disk refer to questions by ID: these must never change.
	pinned := map[string]string{
		"q01": seedTexts[0],
		"q02": seedTexts[1],
		"q03": seedTexts[2],
		"q04": "Tell me about a project that did not go as planned.",
		"q05": "Describe a time you missed a deadline.",
		"q06": "Tell me about a decision you regret.",
		"q21": "What is the biggest mistake you have made in your career so far?",
		"q45": "Describe a situation where you should have spoken up earlier than you did.",
	}
	for id, want := range pinned {
		q, ok := QuestionByID(id)
		if !ok || q.Text != want {
			t.Errorf("QuestionByID(%q) = %+v, %v, want text %q", id, q, ok, want)
		}
	}
	if q, ok := QuestionByID("nope"); ok {
		t.Errorf("QuestionByID(%q) = %+v, true, want false", "nope", q)
	}
}

func TestQuestionsReturnsCopy(t *testing.T) {
	qs := Questions()
	qs[0].Text = "changed"
	if got := Questions()[0].Text; got != seedTexts[0] {
		t.Errorf("after changing a returned slice, Questions()[0].Text = %q, want %q", got, seedTexts[0])
	}
}

func TestParseQuestions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Question
	}{
		{
			name: "comments, blank lines and spacing",
			in:   "# header\n\n  a1 | seed | First?  \n#b|x|y\nb_2||Second, with a | bar.\n",
			want: []Question{{ID: "a1", Text: "First?", Seed: true}, {ID: "b_2", Text: "Second, with a | bar."}},
		},
		{
			name: "CRLF line ends and a byte order mark",
			in:   "\uFEFFx|seed, seed|One?\r\ny| |Two?\r\n",
			want: []Question{{ID: "x", Text: "One?", Seed: true}, {ID: "y", Text: "Two?"}},
		},
		{
			name: "no trailing newline",
			in:   "Z9||Last?",
			want: []Question{{ID: "Z9", Text: "Last?"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseQuestions(tt.in)
			if err != nil {
				t.Fatalf("ParseQuestions: %v", err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseQuestionsErrors(t *testing.T) {
	type lineErr struct {
		line int
		msg  string // substring of the message
	}
	tests := []struct {
		name string
		in   string
		want []lineErr
	}{
		{"one field", "a||ok?\njust text\n", []lineErr{{2, "got 1 field"}}},
		{"two fields", "# c\na|text\n", []lineErr{{2, "got 2 field"}}},
		{"missing id", " | | text\n", []lineErr{{1, "missing id"}}},
		{"bad id", "a-1||text\n", []lineErr{{1, `id "a-1"`}}},
		{"long id", strings.Repeat("a", MaxIDLen+1) + "||text\n", []lineErr{{1, "characters long"}}},
		{"unknown tag", "a|seed,star|text\n", []lineErr{{1, `unknown tag "star"`}}},
		{"no text", "a|seed|  \n", []lineErr{{1, "no text"}}},
		{"long text", "a||" + strings.Repeat("é", MaxTextLen+1) + "\n", []lineErr{{1, "characters long"}}},
		{"duplicate id", "a||one\nb||two\na||three\n", []lineErr{{3, `duplicate id "a" (first on line 1)`}}},
		{"duplicate text", "a||Tell me  about it.\nb||tell me about IT.\n", []lineErr{{2, "repeats the text of line 1"}}},
		{"invalid UTF-8", "a||ok\nb||bad \xff\n", []lineErr{{2, "UTF-8"}}},
		{"every bad line", "x\n\na||ok\ny\nz||\n", []lineErr{{1, "field"}, {4, "field"}, {5, "no text"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, err := ParseQuestions(tt.in)
			if err == nil {
				t.Fatalf("ParseQuestions = %+v, nil; want errors %v", qs, tt.want)
			}
			if qs != nil {
				t.Errorf("got questions %+v with an error, want none", qs)
			}
			var got []*LineError
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					var le *LineError
					if !errors.As(e, &le) {
						t.Fatalf("error %v is not a *LineError", e)
					}
					got = append(got, le)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d line errors (%v), want %d", len(got), err, len(tt.want))
			}
			for i, w := range tt.want {
				if got[i].Line != w.line || !strings.Contains(got[i].Msg, w.msg) {
					t.Errorf("error %d = line %d %q, want line %d containing %q", i, got[i].Line, got[i].Msg, w.line, w.msg)
				}
				if prefix := fmt.Sprintf("practice: line %d: ", w.line); !strings.HasPrefix(got[i].Error(), prefix) {
					t.Errorf("error %d = %q, want prefix %q", i, got[i].Error(), prefix)
				}
			}
		})
	}
}

func TestParseQuestionsEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n", "# only a comment\n"} {
		if qs, err := ParseQuestions(in); err == nil {
			t.Errorf("ParseQuestions(%q) = %+v, nil; want an error", in, qs)
		}
	}
}
