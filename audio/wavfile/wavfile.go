// Package wavfile writes and reads the WAV files that hold recorded answers.
//
// Writer streams 16-bit PCM mono and keeps the header's size fields right
// after every Write, so a process killed mid-take leaves a file that any
// audio tool reads whole. Reader (Open, ReadMono) reads foreign files too:
// 8, 16, 24 and 32-bit integer PCM and 32-bit float, with any number of
// channels, mixed down to 16-bit mono, in chunks. Repair fixes the size fields of a file whose
// writer died before it could patch them.
//
// This is the only package that knows the go-audio libraries.
package wavfile

import (
	"errors"
	"fmt"
	"time"
)

// Info describes the audio in a WAV file.
type Info struct {
	SampleRate int   // frames per second
	Channels   int   // interleaved channels in the file (the reader mixes them to mono)
	BitDepth   int   // bits per sample in the file
	Frames     int64 // frames the file really holds
}

// Duration is the playing time of Frames at SampleRate (0 if the rate is 0).
func (i Info) Duration() time.Duration {
	if i.SampleRate <= 0 || i.Frames <= 0 {
		return 0
	}
	rate := int64(i.SampleRate)
	whole := i.Frames / rate
	rest := i.Frames % rate
	return time.Duration(whole)*time.Second + time.Duration(rest)*time.Second/time.Duration(rate)
}

// ErrFormat is wrapped by every error about a file that is not a WAV file,
// is broken beyond reading, or uses an encoding this package does not read.
// Such errors are *FormatError values.
var ErrFormat = errors.New("wavfile: unsupported or broken file")

// FormatError explains why a file cannot be read and what the user can do.
type FormatError struct {
	Path string // the file as given to Open, ReadMono or Repair
	What string // what is wrong, e.g. "64-bit float samples are not supported"
	Hint string // what to do about it
}

// Error returns "wavfile: <file>: <what> (<hint>)".
func (e *FormatError) Error() string {
	return fmt.Sprintf("wavfile: %s: %s (%s)", e.Path, e.What, e.Hint)
}

// Unwrap returns ErrFormat, so errors.Is(err, ErrFormat) reports format errors.
func (e *FormatError) Unwrap() error { return ErrFormat }

const (
	hintConvert = "convert it to 16-bit PCM WAV, e.g. sox in.wav -b 16 -e signed-integer out.wav"
	hintBroken  = "the file is damaged or not a WAV file"
)

func formatErr(path, hint, what string, args ...any) error {
	return &FormatError{Path: path, What: fmt.Sprintf(what, args...), Hint: hint}
}
