package fake

import "sync"

// Player is a playback stream whose position moves only when the test calls
// Advance. It has the method set of ui.Player. It starts paused at frame 0,
// starts no goroutines, and is safe for concurrent use.
type Player struct {
	mu      sync.Mutex
	samples []int16
	rate    int
	pos     int64
	playing bool
	err     error
	closed  bool
	plays   int
	seeks   []int64
}

// NewPlayer returns a paused player at frame 0 over samples at rate.
func NewPlayer(samples []int16, rate int) *Player {
	return &Player{samples: samples, rate: rate}
}

// Play starts playing from the current position; at the end it starts over
// from frame 0. It does nothing after Close or Fail, or with no samples.
func (p *Player) Play() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.err != nil || len(p.samples) == 0 {
		return
	}
	if p.pos >= int64(len(p.samples)) {
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
	p.pos = max(0, min(frame, int64(len(p.samples))))
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
	return int64(len(p.samples))
}

// Err returns the error given to Fail, or nil (also after Close).
func (p *Player) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Close stops playback. Later calls do nothing; it always returns nil.
func (p *Player) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed, p.playing = true, false
	return nil
}

// Advance plays frames frames if the player is playing, as the device's
// clock would. At the end it stops at Len and pauses. It returns the new
// position.
func (p *Player) Advance(frames int64) int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.playing || frames <= 0 {
		return p.pos
	}
	p.pos = min(p.pos+frames, int64(len(p.samples)))
	if p.pos == int64(len(p.samples)) {
		p.playing = false
	}
	return p.pos
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
