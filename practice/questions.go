// Package practice is the domain of Fail Forward: the question bank and the
// shuffle bag that picks from it, and the library of recorded takes on disk.
// It imports the standard library, the embedded assets and the speech
// analysis (for the parts it suggests), and starts no goroutines.
package practice

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"failforward/assets"
)

// Question is one interview question.
type Question struct {
	ID   string `json:"id"`             // stable identifier stored with every take, e.g. "q07"
	Text string `json:"text"`           // the question as the interviewer asks it
	Seed bool   `json:"seed,omitempty"` // one of the phrasings of the core "biggest failure" question
}

// Limits on a question bank line.
const (
	MaxIDLen   = 32
	MaxTextLen = 400 // in characters
)

// LineError is a problem with one line of a question bank.
type LineError struct {
	Line int // 1-based line number
	Msg  string
}

func (e *LineError) Error() string { return "practice: " + e.Message() }

// Message reads "line N: " and the problem.
func (e *LineError) Message() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseQuestions parses a question bank. Each line holds
//
//	id | tags | text
//
// where id is 1 to MaxIDLen letters, digits or "_", tags is a
// comma-separated list that may be empty (the only tag is "seed"), and text
// is the question (it may itself contain "|"). Spaces around fields are
// trimmed; blank lines and lines starting with "#" are skipped. IDs must be
// unique, and so must texts (compared ignoring case and spacing).
//
// On bad input it returns no questions and an error joining one *LineError
// per bad line, in line order.
func ParseQuestions(text string) ([]Question, error) {
	text = strings.TrimPrefix(text, "\uFEFF")
	var (
		qs     []Question
		errs   []error
		idLine = map[string]int{}
		txLine = map[string]int{}
	)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &LineError{Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			bad(n, "not valid UTF-8 text")
			continue
		}
		fields := strings.SplitN(line, "|", 3)
		if len(fields) != 3 {
			bad(n, `want "id | tags | text", got %d field(s)`, len(fields))
			continue
		}
		id := strings.TrimSpace(fields[0])
		tags := strings.TrimSpace(fields[1])
		q := Question{ID: id, Text: strings.TrimSpace(fields[2])}
		if err := checkQuestionID(id); err != nil {
			bad(n, "%v", err)
			continue
		}
		if tags != "" {
			ok := true
			for tag := range strings.SplitSeq(tags, ",") {
				switch tag = strings.TrimSpace(tag); tag {
				case "seed":
					q.Seed = true
				default:
					bad(n, "unknown tag %q", tag)
					ok = false
				}
			}
			if !ok {
				continue
			}
		}
		if q.Text == "" {
			bad(n, "question %s has no text", id)
			continue
		}
		if l := utf8.RuneCountInString(q.Text); l > MaxTextLen {
			bad(n, "question %s is %d characters long, want at most %d", id, l, MaxTextLen)
			continue
		}
		if first, dup := idLine[id]; dup {
			bad(n, "duplicate id %q (first on line %d)", id, first)
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(q.Text), " "))
		if first, dup := txLine[key]; dup {
			bad(n, "question %s repeats the text of line %d", id, first)
			continue
		}
		idLine[id], txLine[key] = n, n
		qs = append(qs, q)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(qs) == 0 {
		return nil, errors.New("practice: no questions found")
	}
	return qs, nil
}

func checkQuestionID(id string) error {
	if id == "" {
		return errors.New("missing id")
	}
	if len(id) > MaxIDLen {
		return fmt.Errorf("id is %d characters long, want at most %d", len(id), MaxIDLen)
	}
	for _, r := range id {
		if !isIDRune(r) {
			return fmt.Errorf("id %q may only hold letters, digits and _", id)
		}
	}
	return nil
}

func isIDRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

var builtin = sync.OnceValues(func() ([]Question, error) {
	return ParseQuestions(assets.QuestionsText)
})

// Questions returns the built-in question bank, in file order (the seed
// phrasings first). Each call returns a new slice the caller may modify.
func Questions() []Question {
	qs, err := builtin()
	if err != nil {
		// The bank is compiled in and checked by the tests.
		panic(fmt.Sprintf("practice: built-in question bank: %v", err))
	}
	return slices.Clone(qs)
}

// QuestionByID returns the built-in question with the given id.
func QuestionByID(id string) (Question, bool) {
	qs, _ := builtin()
	for _, q := range qs {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}
