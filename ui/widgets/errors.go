package widgets

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrorLines is an error, a joined one line by line, as a user reads it:
// without the package prefix, starting with a capital.
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

// opPrefix matches the operation the domain puts before its messages,
// such as "add question: ", which a user does not need to read.
var opPrefix = regexp.MustCompile(`^(practice: )?(add question|edit question \w+|save question bank|save story( "[^"]*")?|delete story|import questions): `)

// UserError is an error's text for a sentence: without the package and
// operation prefixes, capitalised, ending with a full stop.
func UserError(err error) string {
	s := strings.TrimSpace(err.Error())
	for {
		t := opPrefix.ReplaceAllString(s, "")
		t = strings.TrimPrefix(t, "practice: ")
		if t == s {
			break
		}
		s = t
	}
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
