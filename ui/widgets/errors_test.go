package widgets

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"failforward/audio/analysis"
	"failforward/practice"
)

func TestErrorLines(t *testing.T) {
	tests := []struct {
		err  error
		want []string
	}{
		{practice.Errorf("add question", "it is already in the bank, as built-in question q01"),
			[]string{"It is already in the bank, as built-in question q01."}},
		{errors.Join(&practice.LineError{Line: 3, Msg: "unknown tag \"x\""}, &practice.LineError{Line: 9, Msg: "missing id"}),
			[]string{"Line 3: unknown tag \"x\".", "Line 9: missing id."}},
		{practice.Errorf("save question bank", "%w", &practice.FileError{Path: "questions.json", Reason: "bad."}),
			[]string{"Cannot read questions.json: bad."}},
		{errors.New("éclair: odd"), []string{"Éclair: odd."}},
	}
	for _, tt := range tests {
		if got := ErrorLines(tt.err); !slices.Equal(got, tt.want) {
			t.Errorf("ErrorLines(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestErrorText(t *testing.T) {
	_, rateErr := analysis.NewAnalyzer(2000, analysis.Options{})
	for _, tt := range []struct {
		err  error
		want string
	}{
		{errors.New("the output device is gone"), "the output device is gone"},
		{fmt.Errorf("review: measure: %w", rateErr), rateErr.(*analysis.RateError).Message()},
		{practice.Errorf("add question", "it is already in the bank"), "it is already in the bank"},
	} {
		if got := ErrorText(tt.err); got != tt.want {
			t.Errorf("ErrorText(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
