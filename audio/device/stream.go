package device

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"failforward/audio"
)

// Read-ahead sizes, in seconds of audio. A read is small enough to land
// well within one device buffer's time on a fast disk, and the ring holds
// enough to ride out a slow one.
const (
	aheadSeconds = 2.0
	readSeconds  = 0.125
)

// OpenStream opens an output like OpenPlayer, paused at frame 0, playing
// src at rate Hz without holding it in memory: a goroutine of the Player's
// own reads src in pieces of readSeconds into a ring buffer that stays up
// to aheadSeconds ahead of the playhead. The audio callback only copies
// from the ring; it never reads src, waits for it or allocates.
//
// A seek within the buffered frames keeps them; any other seek (and Play
// at the end) empties the ring, and playback goes on once the first piece
// at the new place is read; until then the callback plays silence and the
// position stays put. When playback catches up with the reading
// (an underrun: the disk was too slow) the callback plays silence for the
// missing frames, the position waits, and Underruns counts it. When src
// fails, playback stops where the buffered frames end and Err returns the
// error; a seek clears it and reading tries again.
//
// OpenStream takes src over: Close closes it when it is an io.Closer, and
// so does OpenStream itself when it fails. The read-ahead goroutine is the
// only caller of src; it runs from OpenStream until Close (or a failed
// OpenStream) returns.
func OpenStream(cfg OutputConfig, src audio.FrameSource, rate int) (*Player, error) {
	if src == nil || rate <= 0 {
		err := fmt.Errorf("device: invalid stream of %T at %d Hz", src, rate)
		if c, ok := src.(io.Closer); ok {
			err = errors.Join(err, c.Close())
		}
		return nil, err
	}
	p := &Player{tr: transport{ring: newRing(src, rate)}}
	go p.tr.readAhead()
	if err := p.open(cfg, rate); err != nil {
		p.tr.close()
		if cerr := p.tr.stopReading(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("device: close the audio source: %w", cerr))
		}
		return nil, err
	}
	return p, nil
}

// Underruns returns how many times a streaming Player ran out of read-ahead
// while playing and played silence instead. It is 0 for an in-memory clip.
// The silence after a seek, while the first piece is read, is not counted.
func (p *Player) Underruns() uint64 {
	p.tr.mu.Lock()
	defer p.tr.mu.Unlock()
	if p.tr.ring == nil {
		return 0
	}
	return p.tr.ring.underruns
}

// ring is the read-ahead buffer of a streaming transport. The fields below
// the line are guarded by the transport's mu; the transport's pos is the
// frame at buf[head].
type ring struct {
	src  audio.FrameSource
	n    int64         // src.Len()
	read int           // frames per read of src
	wake chan struct{} // one pending request to look for work
	quit chan struct{} // closed by stop
	done chan struct{} // closed when readAhead has returned

	buf       []int16 // count frames from buf[head] on, wrapping around
	head      int
	count     int
	gen       uint64 // changes when the ring is emptied; a read begun before is dropped
	primed    bool   // frames arrived since the ring was last emptied
	err       error  // reading after the buffered frames failed; cleared when emptied
	stopped   error  // the err playback ran into; cleared when emptied
	underruns uint64

	stopOnce sync.Once
	closeErr error // from closing src; written once, in stopOnce
}

func newRing(src audio.FrameSource, rate int) *ring {
	read := max(1, int(readSeconds*float64(rate)))
	pieces := max(2, int(aheadSeconds/readSeconds))
	return &ring{
		src:  src,
		n:    max(0, src.Len()),
		read: read,
		wake: make(chan struct{}, 1),
		quit: make(chan struct{}),
		done: make(chan struct{}),
		buf:  make([]int16, pieces*read),
	}
}

// signal asks readAhead to look for work, without ever waiting.
func (r *ring) signal() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// moved follows the playhead from frame from to frame to: the buffered
// frames are kept when to lies among them, else the ring is emptied.
// The transport's mu is held.
func (r *ring) moved(from, to int64) {
	if d := to - from; d >= 0 && d <= int64(r.count) {
		r.head = (r.head + int(d)) % len(r.buf)
		r.count -= int(d)
	} else {
		r.head, r.count = 0, 0
		r.gen++
		r.primed = false
		r.err, r.stopped = nil, nil
	}
	r.signal()
}

// take is the streaming half of fill: it copies up to len(out) buffered
// frames to out and returns how many. t.mu is held; t.pos is not moved.
func (t *transport) take(out []int16) int {
	r := t.ring
	n := min(len(out), r.count)
	first := min(n, len(r.buf)-r.head)
	copy(out, r.buf[r.head:r.head+first])
	copy(out[first:n], r.buf[:n-first])
	r.head = (r.head + n) % len(r.buf)
	r.count -= n
	if n < len(out) && t.pos+int64(n) < r.n {
		switch {
		case r.err != nil:
			r.stopped = r.err
			t.playing = false
		case r.primed:
			r.underruns++
		}
	}
	if len(r.buf)-r.count >= r.read {
		r.signal()
	}
	return n
}

// readAhead keeps the ring filled ahead of the playhead, one read of src
// at a time, until stop. The reads run without the lock, so the callback
// never waits for the disk; a read that an emptying of the ring overtook
// is dropped.
func (t *transport) readAhead() {
	r := t.ring
	defer close(r.done)
	tmp := make([]int16, r.read)
	for {
		t.mu.Lock()
		next := t.pos + int64(r.count)
		want := int(min(int64(min(len(r.buf)-r.count, r.read)), r.n-next))
		// Wait for room for a whole read, except for the last piece.
		idle := r.err != nil || want <= 0 || (want < r.read && next+int64(want) < r.n)
		gen := r.gen
		t.mu.Unlock()
		if idle {
			select {
			case <-r.wake:
				continue
			case <-r.quit:
				return
			}
		}
		select {
		case <-r.quit:
			return
		default:
		}
		got, err := r.src.ReadAt(tmp[:want], next)
		got = max(0, min(got, want))
		t.mu.Lock()
		if r.gen == gen {
			r.put(tmp[:got])
			if got < want {
				if err == nil || errors.Is(err, io.EOF) {
					err = io.ErrUnexpectedEOF // the source is shorter than its Len
				}
				r.err = fmt.Errorf("device: read the audio to play at frame %d: %w", next+int64(got), err)
			}
		}
		t.mu.Unlock()
	}
}

// put appends frames after the buffered ones; they fit. t.mu is held.
func (r *ring) put(frames []int16) {
	if len(frames) == 0 {
		return
	}
	at := (r.head + r.count) % len(r.buf)
	k := copy(r.buf[at:], frames)
	copy(r.buf, frames[k:])
	r.count += len(frames)
	r.primed = true
}

// stopReading ends the read-ahead goroutine of a streaming transport, waits
// for it and closes the source, returning the error of that close. It does
// nothing for an in-memory clip; calling it again returns the same error.
func (t *transport) stopReading() error {
	r := t.ring
	if r == nil {
		return nil
	}
	r.stopOnce.Do(func() {
		close(r.quit)
		<-r.done
		if c, ok := r.src.(io.Closer); ok {
			r.closeErr = c.Close()
		}
	})
	return r.closeErr
}
