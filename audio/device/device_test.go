package device

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"failforward/audio"
)

func TestPoolDeliverAndRelease(t *testing.T) {
	p := newPool(3, 4)
	src := []int16{1, 2, 3, 4}
	for i := range 5 {
		src[0] = int16(10 + i)
		p.deliver(src)
	}
	if got, want := p.dropped.Load(), uint64(2); got != want {
		t.Fatalf("dropped = %d, want %d (pool of 3, 5 buffers, none released)", got, want)
	}
	if got, want := len(p.blocks), 3; got != want {
		t.Fatalf("queued blocks = %d, want %d", got, want)
	}
	for i := range 3 {
		b := <-p.blocks
		want := []int16{int16(10 + i), 2, 3, 4}
		if !slices.Equal(b, want) {
			t.Errorf("block %d = %v, want %v", i, b, want)
		}
		p.release(b)
	}
	src[0] = 99
	p.deliver(src)
	if got, want := (<-p.blocks)[0], int16(99); got != want {
		t.Errorf("block after release starts with %d, want %d", got, want)
	}
	if got, want := p.dropped.Load(), uint64(2); got != want {
		t.Errorf("dropped after release = %d, want %d", got, want)
	}
}

func TestPoolBlocksDoNotAlias(t *testing.T) {
	p := newPool(2, 2)
	p.deliver([]int16{1, 1})
	p.deliver([]int16{2, 2})
	a, b := <-p.blocks, <-p.blocks
	a[0] = 7
	if got, want := b, []int16{2, 2}; !slices.Equal(got, want) {
		t.Errorf("second block = %v after writing the first, want %v", got, want)
	}
	// Appending to a block must not run into its neighbour.
	_ = append(a[:2], 9)
	if got, want := b, []int16{2, 2}; !slices.Equal(got, want) {
		t.Errorf("second block = %v after appending to the first, want %v", got, want)
	}
}

func TestPoolReleaseMisuse(t *testing.T) {
	tests := []struct {
		name    string
		release func(p *pool, b []int16)
	}{
		{"foreign size ignored", func(p *pool, _ []int16) { p.release(make([]int16, 3)) }},
		{"nil ignored", func(p *pool, _ []int16) { p.release(nil) }},
		{"double release does not block", func(p *pool, b []int16) { p.release(b); p.release(b); p.release(b) }},
		{"short slice restored", func(p *pool, b []int16) { p.release(b[:1]) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPool(2, 4)
			p.deliver([]int16{1, 2, 3, 4})
			b := <-p.blocks
			tt.release(p, b)
			// Deliver more than the pool holds; none of this may block.
			for range 5 {
				p.deliver([]int16{5, 6, 7, 8})
			}
			if got, max := len(p.blocks), 2; got > max {
				t.Errorf("queued blocks = %d, want at most %d", got, max)
			}
			for len(p.blocks) > 0 {
				if got, want := len(<-p.blocks), 4; got != want {
					t.Errorf("block length = %d, want %d", got, want)
				}
			}
		})
	}
}

func TestPoolFinish(t *testing.T) {
	p := newPool(2, 2)
	p.deliver([]int16{1, 2})
	p.finish()
	p.finish() // idempotent
	p.deliver([]int16{3, 4})
	var got [][]int16
	for b := range p.blocks {
		got = append(got, b)
		p.release(b)
	}
	if len(got) != 1 || !slices.Equal(got[0], []int16{1, 2}) {
		t.Errorf("blocks after finish = %v, want only [[1 2]]", got)
	}
}

func TestPoolNoAllocation(t *testing.T) {
	p := newPool(4, 1024)
	src := make([]int16, 1024)
	allocs := testing.AllocsPerRun(1000, func() {
		p.deliver(src)
		select {
		case b := <-p.blocks:
			p.release(b)
		default:
		}
	})
	if allocs != 0 {
		t.Errorf("deliver+release allocates %.1f times per buffer, want 0", allocs)
	}
}

func TestTransport(t *testing.T) {
	clip := []int16{1, 2, 3, 4, 5}
	type step struct {
		do          func(tr *transport)
		out         int     // callback size; 0 = no callback in this step
		wantOut     []int16 // callback output
		wantPos     int64
		wantPlaying bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"paused at start plays silence", []step{
			{out: 3, wantOut: []int16{0, 0, 0}, wantPos: 0},
		}},
		{"plays to the end and stops", []step{
			{do: (*transport).play, out: 3, wantOut: []int16{1, 2, 3}, wantPos: 3, wantPlaying: true},
			{out: 3, wantOut: []int16{4, 5, 0}, wantPos: 5},
			{out: 2, wantOut: []int16{0, 0}, wantPos: 5},
		}},
		{"exact end stops", []step{
			{do: (*transport).play, out: 5, wantOut: clip, wantPos: 5},
		}},
		{"pause keeps position", []step{
			{do: (*transport).play, out: 2, wantOut: []int16{1, 2}, wantPos: 2, wantPlaying: true},
			{do: (*transport).pause, out: 2, wantOut: []int16{0, 0}, wantPos: 2},
			{do: (*transport).play, out: 2, wantOut: []int16{3, 4}, wantPos: 4, wantPlaying: true},
		}},
		{"play at the end starts over", []step{
			{do: func(tr *transport) { tr.seek(5); tr.play() }, out: 2, wantOut: []int16{1, 2}, wantPos: 2, wantPlaying: true},
		}},
		{"seek while playing", []step{
			{do: (*transport).play, out: 1, wantOut: []int16{1}, wantPos: 1, wantPlaying: true},
			{do: func(tr *transport) { tr.seek(3) }, out: 1, wantOut: []int16{4}, wantPos: 4, wantPlaying: true},
		}},
		{"seek clamps", []step{
			{do: func(tr *transport) { tr.seek(-4) }, wantPos: 0},
			{do: func(tr *transport) { tr.seek(99) }, wantPos: 5},
		}},
		{"seek to the end while playing stops", []step{
			{do: func(tr *transport) { tr.play(); tr.seek(5) }, out: 2, wantOut: []int16{0, 0}, wantPos: 5},
		}},
		{"closed plays nothing", []step{
			{do: func(tr *transport) { tr.close(); tr.play() }, out: 2, wantOut: []int16{0, 0}, wantPos: 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &transport{samples: clip}
			for i, s := range tt.steps {
				if s.do != nil {
					s.do(tr)
				}
				if s.out > 0 {
					out := slices.Repeat([]int16{-1}, s.out)
					tr.fill(out)
					if !slices.Equal(out, s.wantOut) {
						t.Errorf("step %d: callback wrote %v, want %v", i, out, s.wantOut)
					}
				}
				if got := tr.position(); got != s.wantPos {
					t.Errorf("step %d: position = %d, want %d", i, got, s.wantPos)
				}
				if got := tr.isPlaying(); got != s.wantPlaying {
					t.Errorf("step %d: playing = %v, want %v", i, got, s.wantPlaying)
				}
			}
		})
	}
}

func TestTransportEmptyClip(t *testing.T) {
	tr := &transport{}
	tr.play()
	if tr.isPlaying() {
		t.Errorf("playing an empty clip: playing = true, want false")
	}
	out := []int16{-1, -1}
	tr.fill(out)
	if want := []int16{0, 0}; !slices.Equal(out, want) {
		t.Errorf("callback wrote %v, want %v", out, want)
	}
}

func TestTransportFillNoAllocation(t *testing.T) {
	tr := &transport{samples: make([]int16, 1<<20)}
	tr.play()
	out := make([]int16, 1024)
	if allocs := testing.AllocsPerRun(100, func() { tr.fill(out) }); allocs != 0 {
		t.Errorf("fill allocates %.1f times per callback, want 0", allocs)
	}
}

func TestDeviceError(t *testing.T) {
	cause := errors.New("host says no")
	tests := []struct {
		name    string
		err     error
		wantMsg string
		is      []error
		isNot   []error
	}{
		{
			name:    "no input",
			err:     &deviceError{msg: "no microphone found", kind: audio.ErrNoInput, cause: cause},
			wantMsg: "device: no microphone found",
			is:      []error{audio.ErrNoInput, cause},
			isNot:   []error{audio.ErrNoOutput},
		},
		{
			name:    "no output without cause",
			err:     &deviceError{msg: "no audio output found", kind: audio.ErrNoOutput},
			wantMsg: "device: no audio output found",
			is:      []error{audio.ErrNoOutput},
			isNot:   []error{audio.ErrNoInput, cause},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", got, tt.wantMsg)
			}
			if got, want := tt.err.(*deviceError).Message(), strings.TrimPrefix(tt.wantMsg, "device: "); got != want {
				t.Errorf("Message() = %q, want %q", got, want)
			}
			for _, target := range tt.is {
				if !errors.Is(tt.err, target) {
					t.Errorf("errors.Is(err, %v) = false, want true", target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(tt.err, target) {
					t.Errorf("errors.Is(err, %v) = true, want false", target)
				}
			}
		})
	}
}

func TestTerminateWithoutInit(t *testing.T) {
	if err := Terminate(); err == nil {
		t.Errorf("Terminate without Init: err = nil, want an error")
	}
}

func TestInvalidConfig(t *testing.T) {
	// These fail before PortAudio is touched.
	if _, err := OpenCapture(CaptureConfig{FramesPerBuffer: -1}); err == nil {
		t.Errorf("OpenCapture with FramesPerBuffer -1: err = nil, want an error")
	}
	if _, err := OpenCapture(CaptureConfig{SampleRate: -8000}); err == nil {
		t.Errorf("OpenCapture with SampleRate -8000: err = nil, want an error")
	}
	if _, err := OpenPlayer(OutputConfig{}, nil, 0); err == nil {
		t.Errorf("OpenPlayer at 0 Hz: err = nil, want an error")
	}
}

func TestOpError(t *testing.T) {
	cause := errors.New("Invalid sample rate")
	err := error(&opError{msg: `open audio output "USB Headset" at 48000 Hz`, err: cause})
	const want = `open audio output "USB Headset" at 48000 Hz: Invalid sample rate`
	if err.Error() != "device: "+want || err.(*opError).Message() != want {
		t.Errorf("Error %q, Message %q; want %q with and without the prefix", err, err.(*opError).Message(), want)
	}
	if !errors.Is(err, cause) {
		t.Error("the error does not wrap its cause")
	}
}
