package analysis

import (
	"errors"
	"fmt"
	"testing"
)

// TestRateError: a rate below MinRate is refused with an error that is
// ErrRate, says so with the package's prefix, and gives people the same
// words without it.
func TestRateError(t *testing.T) {
	_, err := NewAnalyzer(2000, Options{})
	var re *RateError
	if !errors.As(err, &re) || !errors.Is(err, ErrRate) {
		t.Fatalf("NewAnalyzer(2000): %v, want a *RateError that is ErrRate", err)
	}
	want := fmt.Sprintf("sample rate too low: 2000 Hz (the least is %d Hz)", MinRate)
	if re.Message() != want || err.Error() != "analysis: "+want {
		t.Errorf("error %q, message %q; want %q with and without the prefix", err, re.Message(), want)
	}
	if _, err := Analyze(make([]int16, 100), 2000, Options{}); !errors.Is(err, ErrRate) {
		t.Errorf("Analyze at 2000 Hz: %v, want ErrRate", err)
	}
	if _, err := NewAnalyzer(MinRate, Options{}); err != nil {
		t.Errorf("NewAnalyzer(MinRate): %v", err)
	}
}
