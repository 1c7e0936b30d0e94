package wavfile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Len returns the number of mono frames in the file, Info().Frames. With
// ReadAt it lets a Reader serve as the source of a player that reads ahead
// of the playhead instead of holding the whole take.
func (r *Reader) Len() int64 { return r.info.Frames }

// SeekFrame makes the next Read start at frame: 0 is the first frame and Len()
// the end (where Read returns io.EOF). It also clears an error a Read
// returned, so a caller may try again. A frame outside 0..Len() is refused
// and leaves the position alone.
func (r *Reader) SeekFrame(frame int64) error {
	if r.f == nil {
		return fmt.Errorf("wavfile: seek: %w", os.ErrClosed)
	}
	if frame < 0 || frame > r.info.Frames {
		return fmt.Errorf("wavfile: seek %s: frame %d is outside 0 to %d", r.path, frame, r.info.Frames)
	}
	r.seekFrame(frame)
	return nil
}

// ReadAt reads len(buf) mono frames starting at frame into buf, converted
// as Read converts them. Like io.ReaderAt it returns fewer frames only
// with an error: io.EOF when the audio ends first (from Len() on it
// gives 0, io.EOF), io.ErrUnexpectedEOF (wrapped) when the file shrank since
// Open, or the read error. A negative frame is an error.
//
// ReadAt moves the position of Read to just after the frames it read. It
// is not safe for concurrent use, like the rest of the Reader.
func (r *Reader) ReadAt(buf []int16, frame int64) (int, error) {
	if r.f != nil && frame > r.info.Frames {
		return 0, io.EOF
	}
	if err := r.SeekFrame(frame); err != nil {
		return 0, err
	}
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		switch {
		case errors.Is(err, io.EOF):
			return n, io.EOF
		case err != nil:
			return n, err
		case m == 0:
			return n, fmt.Errorf("wavfile: read %s: %w", r.path, io.ErrNoProgress)
		}
	}
	return n, nil
}
