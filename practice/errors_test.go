package practice

import (
	"errors"
	"io/fs"
	"testing"
)

func TestErrorKeepsTheMessageApart(t *testing.T) {
	inner := &FileError{Path: "/lib/questions.json", Reason: "it is empty"}
	err := Errorf("save question bank", "%w", inner)
	if got, want := err.Error(), "practice: save question bank: cannot read questions.json: it is empty"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := Message(err), "cannot read questions.json: it is empty"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe != inner {
		t.Errorf("errors.As does not find the wrapped *FileError in %v", err)
	}

	gone := Errorf("", "no story %q in the notebook: %w", "s1", fs.ErrNotExist)
	if !errors.Is(gone, fs.ErrNotExist) || gone.Error() != `practice: no story "s1" in the notebook: file does not exist` {
		t.Errorf("Errorf without an operation: %q (wraps fs.ErrNotExist: %v)", gone, errors.Is(gone, fs.ErrNotExist))
	}

	// Joined problems read a line each; other errors read as they are.
	joined := errors.Join(&SettingError{Field: "think", Msg: "too long"}, &LineError{Line: 3, Msg: "empty"}, errors.New("disk: full"))
	if got, want := Message(joined), "too long\nline 3: empty\ndisk: full"; got != want {
		t.Errorf("Message(joined) = %q, want %q", got, want)
	}
	if Message(nil) != "" {
		t.Error("Message(nil) is not empty")
	}
}

func TestPartsErrorsHaveMessages(t *testing.T) {
	p, err := NewParts(10, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Split(1.2)
	if err == nil {
		t.Fatal("Split of an untagged take: no error")
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Op != "split part" {
		t.Fatalf("Split error %v is not an *Error of split part", err)
	}
	if got, want := Message(err), "nothing is tagged at 1.200 s"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
}
