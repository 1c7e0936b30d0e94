package fake

import (
	"errors"
	"slices"
	"sync"
	"testing"
)

func TestPlayerSequence(t *testing.T) {
	type step struct {
		op      string // play, pause, seek, advance, fail, close
		arg     int64
		pos     int64
		playing bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"starts paused at 0", []step{
			{"advance", 100, 0, false},
		}},
		{"plays and pauses", []step{
			{"play", 0, 0, true},
			{"advance", 300, 300, true},
			{"pause", 0, 300, false},
			{"advance", 300, 300, false},
			{"play", 0, 300, true},
			{"advance", 100, 400, true},
		}},
		{"stops at the end and restarts", []step{
			{"play", 0, 0, true},
			{"advance", 900, 900, true},
			{"advance", 900, 1000, false},
			{"play", 0, 0, true},
		}},
		{"seek clamps", []step{
			{"seek", 250, 250, false},
			{"seek", -5, 0, false},
			{"seek", 5000, 1000, false},
			{"play", 0, 0, true},
			{"seek", 600, 600, true},
			{"advance", 50, 650, true},
		}},
		{"fail stops", []step{
			{"play", 0, 0, true},
			{"advance", 10, 10, true},
			{"fail", 0, 10, false},
			{"play", 0, 10, false},
		}},
		{"close stops", []step{
			{"play", 0, 0, true},
			{"close", 0, 0, false},
			{"play", 0, 0, false},
			{"advance", 10, 0, false},
		}},
	}
	boom := errors.New("output gone")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPlayer(make([]int16, 1000), 16000)
			for i, s := range tt.steps {
				switch s.op {
				case "play":
					p.Play()
				case "pause":
					p.Pause()
				case "seek":
					p.SeekFrame(s.arg)
				case "advance":
					p.Advance(s.arg)
				case "fail":
					p.Fail(boom)
				case "close":
					if err := p.Close(); err != nil {
						t.Fatalf("Close: %v", err)
					}
				}
				if got := p.Position(); got != s.pos {
					t.Errorf("step %d (%s %d): Position() = %d, want %d", i, s.op, s.arg, got, s.pos)
				}
				if got := p.Playing(); got != s.playing {
					t.Errorf("step %d (%s %d): Playing() = %v, want %v", i, s.op, s.arg, got, s.playing)
				}
			}
		})
	}
}

func TestPlayerAccessors(t *testing.T) {
	p := NewPlayer(make([]int16, 480), 48000)
	if got := p.Len(); got != 480 {
		t.Errorf("Len() = %d, want 480", got)
	}
	if got := p.Rate(); got != 48000 {
		t.Errorf("Rate() = %d, want 48000", got)
	}
	p.SeekFrame(10)
	p.SeekFrame(-1)
	if got, want := p.Seeks(), []int64{10, -1}; !slices.Equal(got, want) {
		t.Errorf("Seeks() = %v, want %v", got, want)
	}
	p.Play()
	p.Play()
	if got := p.Plays(); got != 2 {
		t.Errorf("Plays() = %d, want 2", got)
	}
	if err := p.Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
	if p.Closed() {
		t.Error("Closed() before Close")
	}
	p.Close()
	p.Close()
	if !p.Closed() || p.Err() != nil {
		t.Errorf("after Close: Closed() = %v, Err() = %v; want true, nil", p.Closed(), p.Err())
	}
	empty := NewPlayer(nil, 16000)
	empty.Play()
	if empty.Playing() {
		t.Error("a player with no samples plays")
	}
}

// TestPlayerConcurrent is for the race detector: a UI goroutine polls and
// seeks while a "device" goroutine advances.
func TestPlayerConcurrent(t *testing.T) {
	p := NewPlayer(make([]int16, 1<<20), 16000)
	p.Play()
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for range 1000 {
			p.Advance(64)
		}
	}()
	go func() {
		defer wg.Done()
		for i := range 1000 {
			if pos := p.Position(); pos < 0 || pos > p.Len() {
				t.Errorf("Position() = %d out of range", pos)
			}
			_ = p.Playing()
			if i%100 == 0 {
				p.SeekFrame(int64(i))
			}
		}
	}()
	go func() {
		defer wg.Done()
		for range 100 {
			p.Pause()
			p.Play()
		}
	}()
	wg.Wait()
	if err := p.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
}
