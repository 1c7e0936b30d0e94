// Package audio holds the sample formats, sentinel errors and pure signal
// processing (level metering) shared by the capture and review paths. It
// imports only the standard library.
package audio

import "errors"

// ErrNoInput reports that the system has no usable input device.
var ErrNoInput = errors.New("audio: no input device")

// ErrNoOutput reports that the system has no usable output device.
var ErrNoOutput = errors.New("audio: no output device")

// Player plays one take. Implementations are created paused at frame 0 and
// stop by themselves at the end. Err reports a playback failure.
type Player interface {
	Play()
	Pause()
	SeekFrame(frame int64)
	Position() int64
	Playing() bool
	Len() int64
	Err() error
	Close() error
}

// FrameSource is a take read a piece at a time, as a streaming player reads
// it ahead of the playhead: mono 16-bit frames that can be read from any
// position. *wavfile.Reader is one.
type FrameSource interface {
	// ReadAt reads len(buf) frames starting at frame into buf. It returns
	// fewer only with an error; io.EOF means the audio ended first.
	ReadAt(buf []int16, frame int64) (int, error)
	// Len returns the number of frames; it must not change.
	Len() int64
}

// Level is a snapshot of the input level meter. All levels are in dBFS
// (0 is full scale, silence is MinDB).
type Level struct {
	RMS     float64 // short-term RMS level of the latest block
	Peak    float64 // peak level of the latest block
	Hold    float64 // held peak, decays after the hold time
	Clipped bool    // a full-scale sample was seen within the clip hold time
	Clips   int64   // total full-scale samples seen
}
