package widgets

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"failforward/practice"
)

// ErrorLines is an error, a joined one line by line, as a user reads it:
// each its message (practice.Message), starting with a capital.
func ErrorLines(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		out = append(out, UserError(e))
	}
	if err != nil {
		walk(err)
	}
	return out
}

// UserError is an error's message (practice.Message) as a sentence:
// capitalised, ending with a full stop.
func UserError(err error) string {
	s := strings.TrimSpace(practice.Message(err))
	if s == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// EditProblem turns an error of the parts model into a phrase: its
// message (practice.Message), starting with a capital.
func EditProblem(err error) string {
	msg := practice.Message(err)
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}
