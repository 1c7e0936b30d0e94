package ui

import (
	"errors"
	"fmt"
	"io"
	"math"

	"failforward/audio"
	"failforward/audio/stretch"
	"failforward/audio/wavfile"
)

// openAt opens a player of the take at speed s: buf, the take at s in
// memory, or, when the take streams from its file, the file itself,
// stretched as it plays when s is not 1.
func (c *coach) openAt(s float64, buf []int16) (Player, error) {
	sa, ok := c.opt.Audio.(StreamAudio)
	if c.review.path == "" || !ok {
		return c.opt.Audio.OpenPlayer(buf, c.rate)
	}
	r, err := wavfile.Open(c.review.path)
	if err != nil {
		return nil, err
	}
	if s == 1 {
		return sa.OpenStream(r, c.rate) // takes r over
	}
	src, err := newStretchedSource(r, c.rate, s)
	if err != nil {
		_ = r.Close() // read-only: nothing to lose
		return nil, err
	}
	return sa.OpenStream(src, c.rate) // takes src, and so r, over
}

// stretchReadFrames is how much of the take a stretchedSource reads at a
// time.
const stretchReadFrames = 4096

// stretchedSource plays another audio.FrameSource at a speed, keeping its pitch,
// as stretch.Stretch would the whole take, but a piece at a time: reading
// on from where the last read ended continues the stretch; a read anywhere
// else starts it afresh from the matching place of the take. Its length is
// the take's divided by the speed, rounded, as stretch.Stretch gives.
//
// It is not safe for concurrent use: a streaming player reads it from one
// goroutine. Close closes the source when it is an io.Closer.
type stretchedSource struct {
	src   audio.FrameSource
	speed float64
	in    int64 // frames of src
	n     int64 // frames of the stretched take
	st    *stretch.Stretcher

	next    int64   // the stretched frame pending starts at
	fed     int64   // the frame of src to feed the stretcher next
	flushed bool    // the stretcher has had all of src
	pending []int16 // stretched frames ready, from next on
	buf     []int16 // frames of src being fed
}

func newStretchedSource(src audio.FrameSource, rate int, speed float64) (*stretchedSource, error) {
	st, err := stretch.New(rate, speed)
	if err != nil {
		return nil, fmt.Errorf("ui: %w", err)
	}
	in := src.Len()
	return &stretchedSource{
		src:   src,
		speed: speed,
		in:    in,
		n:     int64(math.Round(float64(in) / speed)),
		st:    st,
		buf:   make([]int16, stretchReadFrames),
	}, nil
}

// Len returns the number of frames of the stretched take.
func (s *stretchedSource) Len() int64 { return s.n }

// ReadAt reads len(buf) frames of the stretched take from frame on, as
// audio.FrameSource says.
func (s *stretchedSource) ReadAt(buf []int16, frame int64) (int, error) {
	if frame < 0 {
		return 0, fmt.Errorf("ui: read the stretched take at frame %d", frame)
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
			return 0, fmt.Errorf("ui: read the take to stretch: %w", err)
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
func (s *stretchedSource) restart(frame int64) {
	s.st.Reset()
	s.fed = min(int64(math.Round(float64(frame)*s.speed)), s.in)
	s.next = frame
	s.flushed = false
	s.pending = s.pending[:0]
}

// Close closes the source when it is an io.Closer.
func (s *stretchedSource) Close() error {
	if c, ok := s.src.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
