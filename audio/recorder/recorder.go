// Package recorder turns a stream of captured blocks into a take: it meters
// every block and, once armed, streams the blocks into a crash-safe WAV file.
//
// A Recorder owns one goroutine, started by New and ended by Close (or when
// the source ends). That goroutine is the only one touching the meter and the
// WAV writer; other goroutines read the state through Snapshot, which copies
// it under a short lock.
package recorder

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"failforward/audio"
	"failforward/audio/peaks"
	"failforward/audio/wavfile"
)

// Source delivers captured mono 16-bit blocks. Blocks are owned by the source
// and must be handed back with Release once consumed. When capture ends the
// Blocks channel is closed and Err reports why (nil after Close).
type Source interface {
	Blocks() <-chan []int16
	Release(block []int16)
	SampleRate() int
	Dropped() uint64
	Err() error
	Close() error
}

// ErrNotRecording is returned by Stop when Arm was never called or the take
// was already stopped.
var ErrNotRecording = errors.New("recorder: not recording")

// ErrClosed is returned by Arm after Close or after the source ended.
var ErrClosed = errors.New("recorder: closed")

// Snapshot is a copy of the recorder's state for display.
type Snapshot struct {
	Level      audio.Level
	Frames     int64  // frames written to the current (or last) take
	SampleRate int    // the source's rate
	Dropped    uint64 // blocks the source dropped since the take was armed
	Recording  bool   // a take is being written
	Err        error  // first error: the source failing or a write failing
	// DigitalSilence is true once the take's first audio.SilenceWindow
	// seconds were all exact zeros: the usual sign of a refused microphone
	// permission.
	DigitalSilence bool
}

// Result describes a finished take.
type Result struct {
	Path       string
	Frames     int64
	SampleRate int
	Dropped    uint64 // blocks lost between device and disk during the take
	// FirstSample is when the first sample in the file was captured,
	// relative to Arm: the arrival of the first block less the block's
	// length. Negative when the block began before Arm; zero when nothing
	// was recorded.
	FirstSample time.Duration
}

// sink is what a take is written to: a *wavfile.Writer, or in tests a
// writer that is slow or fails.
type sink interface {
	Write(samples []int16) error
	Close() error
}

// create opens the file of a take; tests replace it to inject faults.
var create = func(path string, rate int) (sink, error) {
	w, err := wavfile.Create(path, rate)
	if err != nil {
		return nil, err
	}
	return w, nil
}

// Recorder meters a Source and writes it to a WAV file while armed.
type Recorder struct {
	src  Source
	done chan struct{}
	quit chan struct{}

	mu          sync.Mutex
	meter       *audio.Meter
	level       audio.Level
	w           sink
	pyr         *peaks.Pyramid
	silence     *audio.SilenceWatch
	path        string
	frames      int64
	armedAt     time.Time
	firstSample time.Duration
	dropBase    uint64
	recording   bool
	err         error
	stoppedOnce bool
	closeOnce   sync.Once
	closeErr    error
}

// New starts consuming src at once (for the level meter during think time).
// The consuming goroutine runs until Close is called or src ends.
func New(src Source) *Recorder {
	r := &Recorder{
		src:   src,
		done:  make(chan struct{}),
		quit:  make(chan struct{}),
		meter: audio.NewMeter(src.SampleRate()),
		level: audio.Level{RMS: audio.MinDB, Peak: audio.MinDB, Hold: audio.MinDB},
	}
	go r.run()
	return r
}

func (r *Recorder) run() {
	defer close(r.done)
	blocks := r.src.Blocks()
	for {
		select {
		case <-r.quit:
			return
		case b, ok := <-blocks:
			if !ok {
				r.sourceEnded()
				return
			}
			r.consume(b)
			r.src.Release(b)
		}
	}
}

// consume meters one block and, while armed, appends it to the take. The
// lock is held for the write as well: Stop must not close the writer under
// a block that is being written.
func (r *Recorder) consume(b []int16) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.meter.Process(b)
	r.level = r.meter.Level()
	if !r.recording {
		return
	}
	if r.frames == 0 && r.src.SampleRate() > 0 {
		blockLen := time.Duration(len(b)) * time.Second / time.Duration(r.src.SampleRate())
		r.firstSample = time.Since(r.armedAt) - blockLen
	}
	if err := r.w.Write(b); err != nil {
		r.setErr(fmt.Errorf("recorder: saving audio: %w", err))
		// Keep what is on disk: the header was patched after the last
		// good block. Stop finalises it.
		r.recording = false
		return
	}
	r.frames += int64(len(b))
	r.pyr.Append(b)
	r.silence.Feed(b)
}

func (r *Recorder) sourceEnded() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.src.Err(); err != nil {
		r.setErr(err)
	}
	r.recording = false
}

func (r *Recorder) setErr(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Arm creates a WAV file at path; every block that arrives from now on is
// written to it until Stop.
func (r *Recorder) Arm(path string) error {
	select {
	case <-r.done:
		return ErrClosed
	default:
	}
	w, err := create(path, r.src.SampleRate())
	if err != nil {
		return fmt.Errorf("recorder: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.w != nil && !r.stoppedOnce {
		_ = w.Close()
		return errors.New("recorder: already armed")
	}
	r.w, r.path, r.frames = w, path, 0
	r.silence = audio.NewSilenceWatch(r.src.SampleRate())
	r.pyr = peaks.New(r.src.SampleRate(), int64(r.src.SampleRate())*int64(peakRoom/time.Second))
	r.armedAt = time.Now()
	r.firstSample = 0
	r.dropBase = r.src.Dropped()
	r.recording = r.err == nil
	r.stoppedOnce = false
	return nil
}

// Stop ends the take and finalises the file. It returns the first error
// seen during the take (the audio up to that point is kept on disk) joined
// with any error closing the file.
func (r *Recorder) Stop() (Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.w == nil || r.stoppedOnce {
		return Result{}, ErrNotRecording
	}
	r.recording = false
	r.stoppedOnce = true
	res := Result{
		Path:        r.path,
		Frames:      r.frames,
		SampleRate:  r.src.SampleRate(),
		Dropped:     r.src.Dropped() - r.dropBase,
		FirstSample: r.firstSample,
	}
	var closeErr error
	if err := r.w.Close(); err != nil {
		closeErr = fmt.Errorf("recorder: finishing file: %w", err)
	}
	return res, errors.Join(r.err, closeErr)
}

// peakRoom is how much audio a take's waveform holds before it has to grow:
// the longest answer limit with room for overtime.
const peakRoom = 10 * time.Minute

// Peaks returns the waveform envelope of the current (or last) take, which
// grows as blocks are written; nil before the first Arm. It is safe to read
// from any goroutine while the recorder appends.
func (r *Recorder) Peaks() *peaks.Pyramid {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pyr
}

// Snapshot returns the current state; it is safe from any goroutine.
func (r *Recorder) Snapshot() Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Snapshot{
		Level:      r.level,
		Frames:     r.frames,
		SampleRate: r.src.SampleRate(),
		Recording:  r.recording,
		Err:        r.err,
	}
	if r.w != nil {
		s.Dropped = r.src.Dropped() - r.dropBase
		s.DigitalSilence = r.silence.Decided() && r.silence.DigitalSilence()
	}
	return s
}

// Done is closed when the consuming goroutine has ended: after Close, or
// when the source stopped on its own (see Snapshot().Err).
func (r *Recorder) Done() <-chan struct{} { return r.done }

// Close stops consuming, closes the source and finalises a take still being
// written. It waits for the goroutine and is safe to call more than once.
func (r *Recorder) Close() error {
	r.closeOnce.Do(func() {
		close(r.quit)
		srcErr := r.src.Close()
		<-r.done
		r.mu.Lock()
		var werr error
		if r.w != nil && !r.stoppedOnce {
			r.recording = false
			r.stoppedOnce = true
			werr = r.w.Close()
		}
		r.mu.Unlock()
		r.closeErr = errors.Join(srcErr, werr)
	})
	return r.closeErr
}
