package fake

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"failforward/audio"
)

// Player is a playback stream whose position moves only when the test calls
// Advance. It has the method set of ui.Player. It starts paused at frame 0,
// starts no goroutines, and is safe for concurrent use.
type Player struct {
	mu      sync.Mutex
	samples []int16
	src     audio.FrameSource // set by NewStreamPlayer; samples is nil then
	n       int64             // frames
	heard   []int16           // what the last Advance played
	rate    int
	pos     int64
	playing bool
	err     error
	closed  bool
	plays   int
	seeks   []int64
	under   uint64
}

// NewPlayer returns a paused player at frame 0 over samples at rate.
func NewPlayer(samples []int16, rate int) *Player {
	return &Player{samples: samples, n: int64(len(samples)), rate: rate}
}

// NewStreamPlayer returns a paused player at frame 0 over src at rate, as
// a streaming device player would be: Advance reads the frames it plays
// from src, a failed read breaks the player as Fail does, and Close closes
// src when it is an io.Closer. It takes src over.
func NewStreamPlayer(src audio.FrameSource, rate int) *Player {
	return &Player{src: src, n: src.Len(), rate: rate}
}

// Play starts playing from the current position; at the end it starts over
// from frame 0. It does nothing after Close or Fail, or with no samples.
func (p *Player) Play() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.err != nil || p.n == 0 {
		return
	}
	if p.pos >= p.n {
		p.pos = 0
	}
	p.playing = true
	p.plays++
}

// Pause stops playing and keeps the position.
func (p *Player) Pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.playing = false
}

// Seek moves to frame, clamped to 0..Len; playing goes on from there.
func (p *Player) SeekFrame(frame int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seeks = append(p.seeks, frame)
	p.pos = max(0, min(frame, p.n))
}

// Position returns the frame that plays next.
func (p *Player) Position() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pos
}

// Playing reports whether the player is playing.
func (p *Player) Playing() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.playing
}

// Len returns the length in frames.
func (p *Player) Len() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// Err returns the error given to Fail, or nil (also after Close).
func (p *Player) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Close stops playback and closes a stream player's source. Later calls do
// nothing. It returns the source's Close error, else nil.
func (p *Player) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed, p.playing = true, false
	if c, ok := p.src.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// Advance plays frames frames if the player is playing, as the device's
// clock would. At the end it stops at Len and pauses. It returns the new
// position.
func (p *Player) Advance(frames int64) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.heard = p.heard[:0]
	if !p.playing || frames <= 0 {
		return p.pos
	}
	to := min(p.pos+frames, p.n)
	if p.src != nil {
		p.heard = append(p.heard, make([]int16, to-p.pos)...)
		n, err := p.src.ReadAt(p.heard, p.pos)
		if n < len(p.heard) {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			p.heard = p.heard[:n]
			p.pos += int64(n)
			p.err, p.playing = fmt.Errorf("fake: read the audio to play: %w", err), false
			return p.pos
		}
	} else {
		p.heard = append(p.heard, p.samples[p.pos:to]...)
	}
	p.pos = to
	if p.pos == p.n {
		p.playing = false
	}
	return p.pos
}

// Heard returns a copy of the frames the last Advance played.
func (p *Player) Heard() []int16 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int16(nil), p.heard...)
}

// Fail breaks the player as a lost output device would: it stops, and Err
// returns err.
func (p *Player) Fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.err, p.playing = err, false
}

// Rate returns the sample rate given to NewPlayer.
func (p *Player) Rate() int { return p.rate }

// Plays returns how many times Play started playback.
func (p *Player) Plays() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.plays
}

// Seeks returns the frames passed to Seek, in order.
func (p *Player) Seeks() []int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]int64(nil), p.seeks...)
}

// Closed reports whether Close was called.
func (p *Player) Closed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

// Underrun counts one underrun, as a streaming device player does when the
// disk falls behind playback.
func (p *Player) Underrun() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.under++
}

// Underruns returns how many times Underrun was called, as the device
// player's Underruns reports them.
func (p *Player) Underruns() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.under
}
