package device

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gordonklaus/portaudio"
)

// Defaults for CaptureConfig fields left zero.
const (
	DefaultFramesPerBuffer = 1024 // frames per block, about 21 ms at 48 kHz
	DefaultBlocks          = 64   // blocks in the pool, about 1.4 s at 48 kHz
	fallbackRate           = 48000
)

// stallTimeout is how long a capture may go without a buffer before it is
// declared dead. PortAudio's own hosts time out sooner on a lost device
// (ALSA after about 2 s); this catches hosts that block forever instead.
var stallTimeout = 4 * time.Second

// errStalled reports a device that stopped delivering audio without saying
// why.
var errStalled = errors.New("no response from the device")

// CaptureConfig chooses the input and the shape of the captured blocks.
type CaptureConfig struct {
	Device          string // device name from List; "" means the system default input
	SampleRate      int    // Hz; 0 means the device's default rate
	FramesPerBuffer int    // frames per block; 0 means DefaultFramesPerBuffer
	Blocks          int    // blocks in the pool; 0 means DefaultBlocks
}

// Capture records mono 16-bit audio from an input device and hands it out
// as fixed-size blocks. It implements the recorder's Source interface.
//
// Capture uses PortAudio's blocking Read, on a goroutine of its own, rather
// than a stream callback: a failing device then surfaces as an error from
// Read (the Go binding offers no way to notice that a callback stream died),
// an input overflow is an ordinary return value that is counted and skipped,
// and the read loop needs no work on PortAudio's real-time thread.
//
// Two goroutines run from OpenCapture until capture ends. The reader calls
// Read in a loop until Close or a stream error, then stops and closes the
// stream itself, so the stream is only ever used from one goroutine. The
// supervisor waits for the reader and closes the Blocks channel after it;
// it also watches for a device that stops delivering without an error (a
// Read blocked for longer than a few seconds, as happens when a sound server
// dies): it then ends capture with an error and leaves the blocked reader
// behind, which cleans up if Read ever returns.
//
// Blocks come from a fixed pool allocated up front. For each buffer read the
// reader takes a free block without waiting, copies the samples into it
// and sends it on the Blocks channel, which has room for the whole pool and
// so never blocks. When the consumer holds every block, the buffer is
// dropped and counted by Dropped. Nothing is allocated per buffer.
//
// The methods are safe for concurrent use.
type Capture struct {
	stream *portaudio.Stream
	buf    []int16 // PortAudio reads into this; only the reader touches it
	name   string
	rate   int
	pool   *pool

	overflows  atomic.Uint64
	stop       atomic.Bool
	started    time.Time
	lastRead   atomic.Int64  // time since started when the last Read returned
	readerDone chan struct{} // closed when the reader has released the stream
	shutErr    error         // set by the reader before readerDone is closed
	done       chan struct{} // closed when capture has ended
	closeErr   error         // set by the supervisor before done is closed

	mu  sync.Mutex
	err error
}

// OpenCapture opens an input with exactly one channel of 16-bit samples and
// starts it. When no input device exists (or the named one is missing) the
// error wraps audio.ErrNoInput and reads well on its own
// ("device: no microphone found").
func OpenCapture(cfg CaptureConfig) (*Capture, error) {
	frames, blocks := cfg.FramesPerBuffer, cfg.Blocks
	if frames == 0 {
		frames = DefaultFramesPerBuffer
	}
	if blocks == 0 {
		blocks = DefaultBlocks
	}
	if frames < 0 || blocks < 0 || cfg.SampleRate < 0 {
		return nil, fmt.Errorf("device: invalid capture config %+v", cfg)
	}

	paMu.Lock()
	defer paMu.Unlock()
	if err := acquire(); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			_ = release() // drops the reference taken above
		}
	}()

	dev, err := findDevice(cfg.Device, true)
	if err != nil {
		return nil, err
	}
	rate := cfg.SampleRate
	if rate == 0 {
		rate = int(math.Round(dev.DefaultSampleRate))
		if rate <= 0 {
			rate = fallbackRate
		}
	}
	c := &Capture{
		buf:  make([]int16, frames),
		name: dev.Name,
		rate: rate,
		pool: newPool(blocks, frames),

		readerDone: make(chan struct{}),
		done:       make(chan struct{}),
	}
	params := portaudio.StreamParameters{
		Input: portaudio.StreamDeviceParameters{
			Device:   dev,
			Channels: 1,
			// The high latency gives the most headroom against overflows;
			// blocks are metered and written, nothing waits on them.
			Latency: dev.DefaultHighInputLatency,
		},
		SampleRate:      float64(rate),
		FramesPerBuffer: frames,
	}
	c.stream, err = portaudio.OpenStream(params, &c.buf)
	if err != nil {
		return nil, fmt.Errorf("device: open microphone %q at %d Hz: %w", dev.Name, rate, err)
	}
	if err := c.stream.Start(); err != nil {
		_ = c.stream.Close()
		return nil, fmt.Errorf("device: start microphone %q: %w", dev.Name, err)
	}
	ok = true
	c.started = time.Now()
	go c.read()
	go c.supervise()
	return c, nil
}

// read is the reader goroutine: it reads until Close or a stream error, then
// stops and closes the stream.
func (c *Capture) read() {
	defer close(c.readerDone)
	failed := false
	for !c.stop.Load() {
		err := c.stream.Read()
		c.lastRead.Store(int64(time.Since(c.started)))
		if err != nil {
			if errors.Is(err, portaudio.InputOverflowed) {
				// Samples were lost before this buffer; the buffer itself
				// is complete.
				c.overflows.Add(1)
			} else {
				if !c.stop.Load() {
					failed = true
					c.setErr(fmt.Errorf("device: input stream: %w", err))
				}
				break
			}
		}
		c.pool.deliver(c.buf)
	}

	stopErr := c.stream.Stop() // without paMu: a hanging device blocks nobody else
	paMu.Lock()
	closeErr := c.stream.Close()
	termErr := release()
	paMu.Unlock()
	if failed {
		stopErr = nil // a failed stream may refuse to stop; Err already says why
	}
	if err := errors.Join(stopErr, closeErr, termErr); err != nil {
		c.shutErr = fmt.Errorf("device: close microphone: %w", err)
	}
}

// supervise is the supervisor goroutine: it ends capture when the reader
// ends, or when the reader has been stuck in Read for stallTimeout.
func (c *Capture) supervise() {
	defer close(c.done)
	defer c.pool.finish()
	tick := time.NewTicker(stallTimeout / 8)
	defer tick.Stop()
	for {
		select {
		case <-c.readerDone:
			c.closeErr = c.shutErr
			return
		case <-tick.C:
			idle := time.Since(c.started) - time.Duration(c.lastRead.Load())
			if idle < stallTimeout {
				continue
			}
			if c.stop.Swap(true) {
				c.closeErr = fmt.Errorf("device: close microphone: %w for %v; stream abandoned", errStalled, stallTimeout)
			} else {
				c.setErr(fmt.Errorf("device: input stream: %w for %v", errStalled, stallTimeout))
			}
			return
		}
	}
}

func (c *Capture) setErr(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
	}
}

// Blocks returns the channel of captured blocks, each FramesPerBuffer mono
// samples. A block stays valid until it is handed back with Release. The
// channel is closed when capture ends (Close or a stream error).
func (c *Capture) Blocks() <-chan []int16 { return c.pool.blocks }

// Release hands a block received from Blocks back to the pool. Release each
// block exactly once and do not touch it afterwards. Releasing after the
// capture ended is allowed.
func (c *Capture) Release(block []int16) { c.pool.release(block) }

// SampleRate returns the rate the stream runs at, in Hz.
func (c *Capture) SampleRate() int { return c.rate }

// Name returns the name of the input device in use.
func (c *Capture) Name() string { return c.name }

// Dropped returns how many buffers were lost because the consumer held
// every block of the pool.
func (c *Capture) Dropped() uint64 { return c.pool.dropped.Load() }

// Overflows returns how many times PortAudio reported that input was lost
// before a buffer (the reader fell behind the device).
func (c *Capture) Overflows() uint64 { return c.overflows.Load() }

// Err returns the stream error that ended capture, or nil while capturing
// and after a clean Close.
func (c *Capture) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Close stops capture, closes the stream and waits for both goroutines to
// end: at most one buffer's duration while the device works, at most
// stallTimeout when it hangs. It may be called more than once and from any
// goroutine; later calls return the same result. Blocks still in the channel
// can be read after Close.
func (c *Capture) Close() error {
	c.stop.Store(true)
	<-c.done
	return c.closeErr
}

// pool is the fixed set of blocks passed between the capture goroutine and
// the consumer.
type pool struct {
	free    chan []int16 // blocks ready to be filled
	blocks  chan []int16 // filled blocks, in order; closed by finish
	frames  int
	dropped atomic.Uint64

	mu     sync.Mutex // orders deliver against finish
	closed bool
}

func newPool(n, frames int) *pool {
	p := &pool{
		free:   make(chan []int16, n),
		blocks: make(chan []int16, n),
		frames: frames,
	}
	backing := make([]int16, n*frames)
	for i := range n {
		p.free <- backing[i*frames : (i+1)*frames : (i+1)*frames]
	}
	return p
}

// deliver copies src into a free block and queues it, or counts a drop. It
// never blocks and does not allocate. After finish it does nothing.
func (p *pool) deliver(src []int16) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	select {
	case b := <-p.free:
		b = b[:copy(b[:cap(b)], src)]
		select {
		case p.blocks <- b:
		default:
			// Only reachable if a block was released twice; keep going.
			p.dropped.Add(1)
			p.release(b)
		}
	default:
		p.dropped.Add(1)
	}
}

// finish closes the blocks channel; later deliveries are ignored.
func (p *pool) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.closed = true
		close(p.blocks)
	}
}

// release puts a block back in the free list. Blocks of the wrong size are
// ignored, and so is a release that finds the free list already full.
func (p *pool) release(b []int16) {
	if cap(b) != p.frames {
		return
	}
	select {
	case p.free <- b[:cap(b)]:
	default:
	}
}
