// Package takefile is what the screens use of a take's recording on disk:
// open it to play as it is read, read it whole, repair one an interrupted
// recording left, and say what is wrong with one that cannot be read. It
// stands between the screens and audio/wavfile, so that no ui package
// opens WAV files itself.
//
// Errors are audio/wavfile's, unchanged: the screens show their text.
package takefile

import (
	"errors"

	"failforward/audio/wavfile"
)

// Source is a take's recording opened to be read a piece at a time from
// any frame (an audio.FrameSource and a stretch.FrameSource). A
// streaming player takes it over and closes it.
type Source struct {
	r *wavfile.Reader
}

// Open opens the recording at path for reading as it plays.
func Open(path string) (*Source, error) {
	r, err := wavfile.Open(path)
	if err != nil {
		return nil, err
	}
	return &Source{r: r}, nil
}

// ReadAt reads len(buf) frames from frame into buf; io.EOF means the
// recording ended first.
func (s *Source) ReadAt(buf []int16, frame int64) (int, error) { return s.r.ReadAt(buf, frame) }

// Len is the number of frames the file holds.
func (s *Source) Len() int64 { return s.r.Len() }

// Rate is the recording's sample rate in frames a second.
func (s *Source) Rate() int { return s.r.Info().SampleRate }

// Close closes the file.
func (s *Source) Close() error { return s.r.Close() }

// Read reads the whole recording at path as 16-bit mono and returns it
// with its sample rate.
func Read(path string) (samples []int16, rate int, err error) {
	samples, info, err := wavfile.ReadMono(path)
	return samples, info.SampleRate, err
}

// Repair repairs the recording at path that an interrupted take left and
// returns its sample rate and length in frames: the repair
// practice.Library.Recover is given.
func Repair(path string) (rate int, frames int64, err error) { return wavfile.RepairTake(path) }

// Problem says what is wrong with a file err reports as unreadable and
// what to do about it; ok is false when err is not about the file's
// format.
func Problem(err error) (what, hint string, ok bool) {
	var fe *wavfile.FormatError
	if errors.As(err, &fe) {
		return fe.What, fe.Hint, true
	}
	return "", "", false
}
