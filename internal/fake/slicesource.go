package fake

import "io"

// SliceSource is an audio.FrameSource over a slice. Its Len is N, which may claim
// more frames than Frames holds (a file that ended early); Closes counts
// the calls of Close.
type SliceSource struct {
	Frames []int16
	N      int64
	Closes int
}

// ReadAt copies the frames from frame on into buf, with io.EOF when it
// reaches the end of Frames.
func (s *SliceSource) ReadAt(buf []int16, frame int64) (int, error) {
	if frame >= int64(len(s.Frames)) {
		return 0, io.EOF
	}
	n := copy(buf, s.Frames[frame:])
	if n < len(buf) {
		return n, io.EOF
	}
	return n, nil
}

// Len is N.
func (s *SliceSource) Len() int64 { return s.N }

// Close counts the call.
func (s *SliceSource) Close() error { s.Closes++; return nil }
