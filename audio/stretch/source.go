package stretch

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// FrameSource is a take read a piece at a time from any position, as
// audio.FrameSource says: mono 16-bit frames; ReadAt returns fewer than
// asked only with an error, io.EOF when the take ended first.
type FrameSource interface {
	ReadAt(buf []int16, frame int64) (int, error)
	Len() int64
}

// ReadFrames is how much of the take a Source reads at a time.
const ReadFrames = 4096

// Source plays another FrameSource at a speed, keeping its pitch, as
// Stretch would the whole take, but a piece at a time: reading on from
// where the last read ended continues the stretch; a read anywhere else
// starts it afresh from the matching place of the take. Its length is
// the take's divided by the speed, rounded, as Stretch gives.
//
// It is not safe for concurrent use: a streaming player reads it from one
// goroutine. Close closes the source when it is an io.Closer.
type Source struct {
	src   FrameSource
	speed float64
	in    int64 // frames of src
	n     int64 // frames of the stretched take
	st    *Stretcher

	next    int64   // the stretched frame pending starts at
	fed     int64   // the frame of src to feed the stretcher next
	flushed bool    // the stretcher has had all of src
	pending []int16 // stretched frames ready, from next on
	buf     []int16 // frames of src being fed
}

// NewSource returns src at speed, read from a take of rate frames a
// second; the speed is checked as New checks it.
func NewSource(src FrameSource, rate int, speed float64) (*Source, error) {
	st, err := New(rate, speed)
	if err != nil {
		return nil, err
	}
	in := src.Len()
	return &Source{
		src:   src,
		speed: speed,
		in:    in,
		n:     int64(math.Round(float64(in) / speed)),
		st:    st,
		buf:   make([]int16, ReadFrames),
	}, nil
}

// Len returns the number of frames of the stretched take.
func (s *Source) Len() int64 { return s.n }

// ReadAt reads len(buf) frames of the stretched take from frame on, as
// FrameSource says.
func (s *Source) ReadAt(buf []int16, frame int64) (int, error) {
	if frame < 0 {
		return 0, fmt.Errorf("stretch: read the stretched take at frame %d", frame)
	}
	if frame >= s.n {
		return 0, io.EOF
	}
	if frame != s.next {
		s.restart(frame)
	}
	want := int(min(int64(len(buf)), s.n-frame))
	for len(s.pending) < want && !s.flushed {
		if s.fed >= s.in {
			s.pending = s.st.Flush(s.pending)
			s.flushed = true
			break
		}
		k := int(min(int64(len(s.buf)), s.in-s.fed))
		m, err := s.src.ReadAt(s.buf[:k], s.fed)
		s.pending = s.st.Process(s.pending, s.buf[:max(0, min(m, k))])
		s.fed += int64(m)
		if m < k {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF // the take is shorter than its Len
			}
			s.next = -1 // start afresh next time
			return 0, fmt.Errorf("stretch: read the take to stretch: %w", err)
		}
	}
	n := copy(buf[:want], s.pending)
	clear(buf[n:want]) // rounding may leave the stretch a frame short
	s.pending = s.pending[:copy(s.pending, s.pending[n:])]
	s.next = frame + int64(want)
	if want < len(buf) {
		return want, io.EOF
	}
	return want, nil
}

// restart makes the stretch start afresh at stretched frame frame.
func (s *Source) restart(frame int64) {
	s.st.Reset()
	s.fed = min(int64(math.Round(float64(frame)*s.speed)), s.in)
	s.next = frame
	s.flushed = false
	s.pending = s.pending[:0]
}

// Close closes the source when it is an io.Closer.
func (s *Source) Close() error {
	if c, ok := s.src.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
