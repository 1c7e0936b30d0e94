package practice

import (
	"errors"
	"fmt"
	"strings"
)

// Error is an error of practice that keeps what a person reads apart from
// the names a log wants: Message is the sentence a screen shows ("it is
// already in the bank, as q01"); Error adds the package and the operation
// ("practice: add question: it is already in the bank, as q01").
type Error struct {
	Op  string // the operation, such as "add question"; "" for none
	msg string
	err error // what the message wraps, if anything
}

// Errorf returns an *Error of operation op (may be "") whose message is
// formatted as fmt.Errorf does, %w included. A practice error given for %w
// reads there by its message alone, without a second "practice: ".
func Errorf(op, format string, args ...any) error {
	for i, a := range args {
		if m, ok := a.(messager); ok {
			args[i] = &bare{m}
		}
	}
	w := fmt.Errorf(format, args...)
	return &Error{Op: op, msg: w.Error(), err: errors.Unwrap(w)}
}

func (e *Error) Error() string {
	if e.Op == "" {
		return "practice: " + e.msg
	}
	return "practice: " + e.Op + ": " + e.msg
}

// Message returns what went wrong and what to do, for a person: without
// the package and the operation.
func (e *Error) Message() string { return e.msg }

// Unwrap returns the error the message wraps, or nil.
func (e *Error) Unwrap() error { return e.err }

// messager is an error that has a message for a person apart from its
// Error text (every error type of practice).
type messager interface {
	error
	Message() string
}

// bare shows a practice error by its message inside another one's.
type bare struct{ messager }

func (b *bare) Error() string { return b.Message() }
func (b *bare) Unwrap() error { return b.messager }

// Message returns what err says to a person: for practice's errors their
// Message (no package or operation names, which are for logs), for errors
// joined with errors.Join the message of each on a line of its own, and
// for any other error its text.
func Message(err error) string {
	if err == nil {
		return ""
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, typed := err.(messager); !typed {
			var lines []string
			for _, e := range j.Unwrap() {
				if m := Message(e); m != "" {
					lines = append(lines, m)
				}
			}
			return strings.Join(lines, "\n")
		}
	}
	if m, ok := err.(messager); ok {
		return m.Message()
	}
	return err.Error()
}
