// Package fake holds stand-ins for the audio devices, for tests of the
// recorder and the UI that must run without a sound card: Source plays the
// role of a capture stream and Player that of a playback stream.
package fake

import (
	"sync"
	"sync/atomic"
	"time"
)

// SourceConfig configures a Source made by NewSourceConfig.
type SourceConfig struct {
	Samples     []int16 // the audio to deliver; not modified
	Rate        int     // frames per second reported by SampleRate (0: 16000)
	BlockFrames int     // frames per block (0: 1024)
	// Paced sends one block per block duration, like a real device, and
	// counts a block as dropped when the consumer holds every pooled block.
	// Unpaced sends as fast as the consumer hands blocks back, never
	// dropping.
	Paced bool
	// EndAtEOF closes the Blocks channel after the last sample (a final
	// short block carries the rest). Otherwise the source goes on sending
	// silent blocks, like a live microphone, until Close or Fail.
	EndAtEOF bool
	// Pool is the number of blocks in circulation (0: 8).
	Pool int
}

// Source is a capture stream that plays back a slice of samples. It has the
// method set of recorder.Source.
//
// It owns one goroutine, started by NewSource and ended by Close, by Fail,
// or after the samples when EndAtEOF is set; the Blocks channel is closed
// when it ends. Close waits for it. All methods are safe for concurrent use.
type Source struct {
	cfg    SourceConfig
	blocks chan []int16
	free   chan []int16
	quit   chan struct{}
	done   chan struct{}

	stop    sync.Once
	mu      sync.Mutex
	err     error
	dropped atomic.Uint64
	sent    atomic.Uint64
}

// NewSource starts delivering samples at rate in blocks of blockFrames
// frames; see SourceConfig for paced and the defaults of zero values.
func NewSource(samples []int16, rate, blockFrames int, paced bool) *Source {
	return NewSourceConfig(SourceConfig{Samples: samples, Rate: rate, BlockFrames: blockFrames, Paced: paced})
}

// NewSourceConfig starts a Source configured by cfg.
func NewSourceConfig(cfg SourceConfig) *Source {
	if cfg.Rate <= 0 {
		cfg.Rate = 16000
	}
	if cfg.BlockFrames <= 0 {
		cfg.BlockFrames = 1024
	}
	if cfg.Pool <= 0 {
		cfg.Pool = 8
	}
	s := &Source{
		cfg:    cfg,
		blocks: make(chan []int16, cfg.Pool), // never full: at most Pool blocks exist
		free:   make(chan []int16, cfg.Pool),
		quit:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	for range cfg.Pool {
		s.free <- make([]int16, cfg.BlockFrames)
	}
	go s.run()
	return s
}

// run is the source's goroutine: it fills pooled blocks and sends them.
func (s *Source) run() {
	defer close(s.done)
	defer close(s.blocks)
	var tick <-chan time.Time
	if s.cfg.Paced {
		t := time.NewTicker(time.Duration(s.cfg.BlockFrames) * time.Second / time.Duration(s.cfg.Rate))
		defer t.Stop()
		tick = t.C
	}
	pos := 0
	for {
		var b []int16
		if s.cfg.Paced {
			select {
			case <-s.quit:
				return
			case <-tick:
			}
			select {
			case b = <-s.free:
			default:
				// Like a device whose consumer fell behind: the block's
				// audio is lost, time moves on.
				s.dropped.Add(1)
				pos += s.cfg.BlockFrames
				continue
			}
		} else {
			select {
			case <-s.quit:
				return
			case b = <-s.free:
			}
		}
		n := copy(b, s.tail(pos))
		clear(b[n:])
		if s.cfg.EndAtEOF && pos+len(b) >= len(s.cfg.Samples) {
			if n > 0 {
				s.sent.Add(1)
				s.blocks <- b[:n]
			}
			return
		}
		pos += len(b)
		s.sent.Add(1) // counted first, so a receiver never sees it lag
		s.blocks <- b
	}
}

// tail returns the samples from pos on (empty past the end).
func (s *Source) tail(pos int) []int16 {
	if pos >= len(s.cfg.Samples) {
		return nil
	}
	return s.cfg.Samples[pos:]
}

// Blocks returns the channel of captured blocks. It is closed when the
// source ends; Err then says why.
func (s *Source) Blocks() <-chan []int16 { return s.blocks }

// Release hands a block back to the pool. Blocks not from this source, or
// released twice beyond the pool's size, are ignored.
func (s *Source) Release(b []int16) {
	if cap(b) < s.cfg.BlockFrames {
		return
	}
	select {
	case s.free <- b[:s.cfg.BlockFrames]:
	default:
	}
}

// SampleRate returns the configured rate.
func (s *Source) SampleRate() int { return s.cfg.Rate }

// Dropped returns how many blocks were lost because no pooled block was free.
func (s *Source) Dropped() uint64 { return s.dropped.Load() }

// Sent returns how many blocks have been put on the Blocks channel.
func (s *Source) Sent() uint64 { return s.sent.Load() }

// Err returns the error given to Fail, or nil.
func (s *Source) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Fail ends the source as a broken device would: Err returns err from now
// on and the Blocks channel is closed after the blocks already sent.
// Only the first Fail (or Close) counts.
func (s *Source) Fail(err error) {
	s.stop.Do(func() {
		s.mu.Lock()
		s.err = err
		s.mu.Unlock()
		close(s.quit)
	})
}

// Close stops the source and waits for its goroutine to end. It can be
// called more than once and always returns nil.
func (s *Source) Close() error {
	s.stop.Do(func() { close(s.quit) })
	<-s.done
	return nil
}

// Done is closed when the source's goroutine has ended.
func (s *Source) Done() <-chan struct{} { return s.done }
