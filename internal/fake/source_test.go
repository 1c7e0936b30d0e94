package fake

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func counter(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(i + 1) // never 0, so silence is told apart
	}
	return s
}

// collect reads blocks until the channel closes or want frames arrived,
// copying and releasing each block.
func collect(t *testing.T, s *Source, want int) []int16 {
	t.Helper()
	var got []int16
	timeout := time.After(10 * time.Second)
	for len(got) < want {
		select {
		case b, ok := <-s.Blocks():
			if !ok {
				return got
			}
			got = append(got, b...)
			s.Release(b)
		case <-timeout:
			t.Fatalf("timed out after %d of %d frames", len(got), want)
		}
	}
	return got
}

func TestSourceEndAtEOF(t *testing.T) {
	tests := []struct {
		name      string
		samples   int
		block     int
		wantSizes []int
	}{
		{"whole blocks", 300, 100, []int{100, 100, 100}},
		{"short last block", 250, 100, []int{100, 100, 50}},
		{"less than a block", 7, 100, []int{7}},
		{"no samples", 0, 100, nil},
	}
	for _, paced := range []bool{false, true} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/paced=%v", tt.name, paced), func(t *testing.T) {
				samples := counter(tt.samples)
				s := NewSourceConfig(SourceConfig{Samples: samples, Rate: 16000, BlockFrames: tt.block, Paced: paced, EndAtEOF: true})
				defer s.Close()
				var got []int16
				var sizes []int
				for b := range s.Blocks() {
					got = append(got, b...)
					sizes = append(sizes, len(b))
					s.Release(b)
				}
				if !slices.Equal(got, samples) {
					t.Errorf("paced=%v: got %d frames %v..., want the %d samples", paced, len(got), got[:min(5, len(got))], len(samples))
				}
				if !slices.Equal(sizes, tt.wantSizes) {
					t.Errorf("paced=%v: block sizes = %v, want %v", paced, sizes, tt.wantSizes)
				}
				if err := s.Err(); err != nil {
					t.Errorf("Err() = %v, want nil at EOF", err)
				}
				if got, want := s.Sent(), uint64(len(tt.wantSizes)); got != want {
					t.Errorf("Sent() = %d, want %d", got, want)
				}
			})
		}
	}
}

func TestSourceSilenceAfterSamples(t *testing.T) {
	samples := counter(250)
	s := NewSource(samples, 8000, 100, false)
	got := collect(t, s, 1000)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got[:250], samples) {
		t.Errorf("first 250 frames differ from the samples")
	}
	for i, v := range got[250:1000] {
		if v != 0 {
			t.Fatalf("frame %d after the samples = %d, want 0", 250+i, v)
		}
	}
	if d := s.Dropped(); d != 0 {
		t.Errorf("unpaced Dropped() = %d, want 0", d)
	}
	if got := s.SampleRate(); got != 8000 {
		t.Errorf("SampleRate() = %d, want 8000", got)
	}
}

func TestSourcePaced(t *testing.T) {
	// 20 blocks of 10 ms.
	s := NewSource(counter(3200), 16000, 160, true)
	defer s.Close()
	start := time.Now()
	got := collect(t, s, 3200)
	elapsed := time.Since(start)
	if elapsed < 180*time.Millisecond {
		t.Errorf("20 blocks of 10 ms arrived in %v, want about 200 ms", elapsed)
	}
	if !slices.Equal(got[:3200], counter(3200)) {
		t.Error("paced frames differ from the samples")
	}
}

func TestSourcePacedDropsWhenConsumerHoldsBlocks(t *testing.T) {
	const block = 80 // 5 ms at 16 kHz
	s := NewSourceConfig(SourceConfig{Samples: counter(32000), Rate: 16000, BlockFrames: block, Paced: true, Pool: 2})
	defer s.Close()
	var held [][]int16
	for range 2 { // take the whole pool and keep it
		held = append(held, <-s.Blocks())
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Dropped() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("Dropped() = %d after 5 s with the pool held, want >= 3", s.Dropped())
		}
		time.Sleep(5 * time.Millisecond)
	}
	for _, b := range held {
		s.Release(b)
	}
	// The next block starts where the device's clock is, past the lost
	// blocks: its first frame tells how many blocks went by.
	b := <-s.Blocks()
	first := int(b[0]) - 1
	if first%block != 0 {
		t.Fatalf("next block starts at frame %d, not a block boundary", first)
	}
	// Lost blocks are at least those counted before the release.
	if got, min := first/block, 2+3; got < min {
		t.Errorf("next block is block %d, want >= %d (2 held + 3 dropped)", got, min)
	}
	s.Release(b)
	if got, want := uint64(first/block), s.Sent()-1+s.Dropped(); got > want {
		t.Errorf("block index %d > sent-1+dropped = %d", got, want)
	}
}

func TestSourceFail(t *testing.T) {
	boom := errors.New("device unplugged")
	s := NewSource(counter(100000), 16000, 100, false)
	collect(t, s, 500)
	s.Fail(boom)
	deadline := time.After(5 * time.Second)
	for closed := false; !closed; {
		select {
		case b, ok := <-s.Blocks():
			if ok {
				s.Release(b)
			}
			closed = !ok
		case <-deadline:
			t.Fatal("Blocks not closed 5 s after Fail")
		}
	}
	if err := s.Err(); !errors.Is(err, boom) {
		t.Errorf("Err() = %v, want %v", err, boom)
	}
	s.Fail(errors.New("second"))
	if err := s.Close(); err != nil {
		t.Errorf("Close after Fail = %v, want nil", err)
	}
	if err := s.Err(); !errors.Is(err, boom) {
		t.Errorf("Err() after a second Fail and Close = %v, want the first %v", err, boom)
	}
}

func TestSourceClose(t *testing.T) {
	for _, paced := range []bool{false, true} {
		s := NewSource(counter(10), 16000, 1024, paced)
		if err := s.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		select {
		case <-s.Done():
		default:
			t.Fatal("Close returned before the goroutine ended")
		}
		// Blocks already sent may remain; then the channel is closed.
		for b := range s.Blocks() {
			s.Release(b)
		}
		if err := s.Err(); err != nil {
			t.Errorf("Err() after Close = %v, want nil", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("second Close = %v, want nil", err)
		}
		s.Release(make([]int16, 1024)) // must not block or panic
	}
}

func TestSourceReleaseForeignBlocks(t *testing.T) {
	s := NewSourceConfig(SourceConfig{Samples: counter(1000), BlockFrames: 100, Pool: 2, EndAtEOF: true})
	defer s.Close()
	s.Release(make([]int16, 10))  // too small: ignored
	s.Release(make([]int16, 100)) // pool full: ignored, no deadlock
	got := collect(t, s, 1000)
	if !slices.Equal(got, counter(1000)) {
		t.Errorf("got %d frames, want the 1000 samples", len(got))
	}
	if got := s.SampleRate(); got != 16000 {
		t.Errorf("default SampleRate() = %d, want 16000", got)
	}
}
