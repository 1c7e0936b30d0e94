package device

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gordonklaus/portaudio"
)

// OutputConfig chooses the output device.
type OutputConfig struct {
	Device          string // device name from List; "" means the system default output
	FramesPerBuffer int    // frames per callback; 0 means DefaultFramesPerBuffer
}

// Player plays mono 16-bit audio: a clip held in memory (OpenPlayer) or a
// audio.FrameSource read ahead of the playhead (OpenStream). It implements the
// UI's Player interface; all methods are safe for concurrent use.
//
// Player is a PortAudio callback stream: PortAudio calls it on its own audio
// thread from OpenPlayer until Close, and the stream keeps running
// while paused (writing silence), so Play and Seek take effect within one
// buffer. The callback only copies samples under a mutex that the other
// methods hold for a few instructions; it never allocates, blocks on I/O or
// panics (a panic there would end the process). Blocking writes are not
// used: they make the caller's goroutine pace the device and, through some
// host APIs, crash.
//
// A device that stops calling back (as happens when a sound server dies)
// shows as an error from Err once stallTimeout has passed; Playing is then
// false. Close never waits longer than stallTimeout: past that it leaves the
// stream behind on a goroutine that finishes closing it if the device ever
// answers.
//
// Position counts the frames handed to the device, so it runs ahead of what
// is heard by the output latency (a few tens of milliseconds).
//
// A streaming Player also runs one read-ahead goroutine, from OpenStream
// until Close; see OpenStream.
type Player struct {
	stream  *portaudio.Stream
	name    string
	rate    int
	tr      transport
	started time.Time
	// lastFill is the time since started when the callback last ran.
	lastFill atomic.Int64
	closing  atomic.Bool

	closeOnce sync.Once
	closeErr  error
}

// OpenPlayer opens an output with one channel of 16-bit samples at rate Hz
// and starts it, paused at frame 0. samples is used in place: do not modify
// it while the player is open. When no output device exists (or the named
// one is missing) the error wraps audio.ErrNoOutput.
func OpenPlayer(cfg OutputConfig, samples []int16, rate int) (*Player, error) {
	p := &Player{tr: transport{samples: samples}}
	if err := p.open(cfg, rate); err != nil {
		return nil, err
	}
	return p, nil
}

// open opens and starts the output stream for p, whose transport is set up.
func (p *Player) open(cfg OutputConfig, rate int) error {
	frames := cfg.FramesPerBuffer
	if frames == 0 {
		frames = DefaultFramesPerBuffer
	}
	if frames < 0 || rate <= 0 {
		return fmt.Errorf("device: invalid player config %+v at %d Hz", cfg, rate)
	}

	paMu.Lock()
	defer paMu.Unlock()
	if err := acquire(); err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			_ = release() // drops the reference taken above
		}
	}()

	dev, err := findDevice(cfg.Device, false)
	if err != nil {
		return err
	}
	p.name, p.rate, p.started = dev.Name, rate, time.Now()
	params := portaudio.StreamParameters{
		Output: portaudio.StreamDeviceParameters{
			Device:   dev,
			Channels: 1,
			Latency:  dev.DefaultHighOutputLatency,
		},
		SampleRate:      float64(rate),
		FramesPerBuffer: frames,
	}
	p.stream, err = portaudio.OpenStream(params, p.callback)
	if err != nil {
		return &opError{msg: fmt.Sprintf("open audio output %q at %d Hz", dev.Name, rate), err: err}
	}
	if err := p.stream.Start(); err != nil {
		_ = p.stream.Close()
		return &opError{msg: fmt.Sprintf("start audio output %q", dev.Name), err: err}
	}
	ok = true
	return nil
}

// callback runs on PortAudio's audio thread.
func (p *Player) callback(out []int16) {
	p.tr.fill(out)
	p.lastFill.Store(int64(time.Since(p.started)))
}

// stallErr reports a device that stopped calling back while open.
func (p *Player) stallErr() error {
	if p.closing.Load() {
		return nil
	}
	if time.Since(p.started)-time.Duration(p.lastFill.Load()) < stallTimeout {
		return nil
	}
	return fmt.Errorf("device: output stream: %w for %v", errStalled, stallTimeout)
}

// Play starts or resumes playback. At the end of the clip it starts over
// from the beginning. It does nothing after Close or for an empty clip.
func (p *Player) Play() { p.tr.play() }

// Pause stops playback, keeping the position.
func (p *Player) Pause() { p.tr.pause() }

// Seek moves the playhead to frame, clamped to [0, Len()].
func (p *Player) SeekFrame(frame int64) { p.tr.seek(frame) }

// Position returns the next frame to be played.
func (p *Player) Position() int64 { return p.tr.position() }

// Playing reports whether the clip is playing. It turns false by itself when
// the end is reached (then Position equals Len) and when the device fails
// (then Err says why).
func (p *Player) Playing() bool { return p.tr.isPlaying() && p.stallErr() == nil }

// Len returns the length of the clip in frames.
func (p *Player) Len() int64 { return p.tr.length() }

// SampleRate returns the rate the clip plays at, in Hz.
func (p *Player) SampleRate() int { return p.rate }

// Name returns the name of the output device in use.
func (p *Player) Name() string { return p.name }

// Err returns the error that stopped playback: a device that stopped
// working, or a failed Close. It is nil while all is well and after a clean
// Close.
func (p *Player) Err() error {
	p.tr.mu.Lock()
	err := p.tr.err
	if err == nil && p.tr.ring != nil {
		err = p.tr.ring.stopped
	}
	p.tr.mu.Unlock()
	if err != nil {
		return err
	}
	return p.stallErr()
}

// Close stops playback, lets the device play out what it was given, and
// closes the stream, waiting at most stallTimeout for the device (much
// less for one that already stopped answering). A streaming Player first
// ends its read-ahead goroutine (waiting for a read of the source under
// way) and closes its source. Close may be called
// more than once; later calls return the same result. The other methods
// keep working on the position afterwards but play nothing.
func (p *Player) Close() error {
	p.closeOnce.Do(func() {
		wait := stallTimeout
		if p.stallErr() != nil {
			wait = stallTimeout / 8
		}
		p.closing.Store(true)
		p.tr.close()
		srcErr := p.tr.stopReading()
		done := make(chan error, 1)
		go func() {
			// Stop waits for the callback to return and the queued buffers
			// to play, so no lock the callback takes is held here; paMu is
			// not held either, so a hanging device blocks nobody else.
			err := p.stream.Stop()
			paMu.Lock()
			err = errors.Join(err, p.stream.Close(), release())
			paMu.Unlock()
			done <- err
		}()
		timer := time.NewTimer(wait)
		defer timer.Stop()
		var err error
		select {
		case err = <-done:
			if err != nil {
				err = fmt.Errorf("device: close audio output: %w", err)
			}
		case <-timer.C:
			err = fmt.Errorf("device: close audio output: %w for %v; stream abandoned", errStalled, wait)
		}
		if err == nil && srcErr != nil {
			err = fmt.Errorf("device: close the audio source: %w", srcErr)
		}
		p.closeErr = err
		p.tr.mu.Lock()
		p.tr.err = err
		p.tr.mu.Unlock()
	})
	return p.closeErr
}

// transport is the playhead shared by the audio callback and the caller.
// It plays samples, or, when ring is set, the frames its read-ahead
// goroutine buffers there.
type transport struct {
	samples []int16 // read-only
	ring    *ring   // streaming; its buffer is guarded by mu

	mu      sync.Mutex
	pos     int64
	playing bool
	closed  bool
	err     error
}

// fill is the stream callback: it writes the next len(out) frames, or
// silence while paused, and stops at the end of the clip.
func (t *transport) fill(out []int16) {
	t.mu.Lock()
	n := 0
	if t.playing {
		if t.ring != nil {
			n = t.take(out)
		} else {
			n = copy(out, t.samples[t.pos:])
		}
		t.pos += int64(n)
		if t.pos >= t.length() {
			t.playing = false
		}
	}
	t.mu.Unlock()
	clear(out[n:])
}

// length returns the length of the clip in frames.
func (t *transport) length() int64 {
	if t.ring != nil {
		return t.ring.n
	}
	return int64(len(t.samples))
}

func (t *transport) play() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed || t.length() == 0 {
		return
	}
	if t.pos >= t.length() {
		t.moveTo(0)
	}
	t.playing = true
}

func (t *transport) pause() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.playing = false
}

func (t *transport) seek(frame int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.moveTo(max(0, min(frame, t.length())))
}

// moveTo moves the playhead to frame, which is in range; t.mu is held.
func (t *transport) moveTo(frame int64) {
	if t.ring != nil {
		t.ring.moved(t.pos, frame)
	}
	t.pos = frame
}

func (t *transport) position() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos
}

func (t *transport) isPlaying() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.playing
}

// close pauses for good: Play does nothing afterwards.
func (t *transport) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.playing = false
	t.closed = true
}
