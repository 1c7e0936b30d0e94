package fake

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestStreamPlayer(t *testing.T) {
	frames := []int16{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		name      string
		have      int // frames the source really holds
		seek      int64
		advance   []int64
		wantHeard [][]int16
		wantPos   int64
		wantErr   bool
		playing   bool
	}{
		{"plays from the source", 10, 0, []int64{3, 4}, [][]int16{{1, 2, 3}, {4, 5, 6, 7}}, 7, false, true},
		{"after a seek", 10, 6, []int64{2, 9}, [][]int16{{7, 8}, {9, 10}}, 10, false, false},
		{"source shorter than its Len", 6, 4, []int64{1, 5}, [][]int16{{5}, {6}}, 6, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &SliceSource{Frames: frames[:tt.have], N: int64(len(frames))}
			p := NewStreamPlayer(src, 8000)
			if got := p.Len(); got != 10 {
				t.Fatalf("Len() = %d, want 10", got)
			}
			p.SeekFrame(tt.seek)
			p.Play()
			for i, n := range tt.advance {
				p.Advance(n)
				if got := p.Heard(); !slices.Equal(got, tt.wantHeard[i]) {
					t.Errorf("Advance(%d) played %v, want %v", n, got, tt.wantHeard[i])
				}
			}
			if got := p.Position(); got != tt.wantPos {
				t.Errorf("Position() = %d, want %d", got, tt.wantPos)
			}
			if err := p.Err(); (err != nil) != tt.wantErr || (err != nil && !errors.Is(err, io.ErrUnexpectedEOF)) {
				t.Errorf("Err() = %v, want an error %v (io.ErrUnexpectedEOF)", err, tt.wantErr)
			}
			if got := p.Playing(); got != tt.playing {
				t.Errorf("Playing() = %v, want %v", got, tt.playing)
			}
			p.Close()
			p.Close()
			if src.Closes != 1 {
				t.Errorf("source closed %d times, want 1", src.Closes)
			}
		})
	}
}

func TestWriteLongTake(t *testing.T) {
	const rate = 8000
	frames := int64(3*60*rate + 123)
	path := filepath.Join(t.TempDir(), "long.wav")
	if err := WriteLongTake(path, rate, frames); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if int64(len(b)) != 44+2*frames || string(b[:4]) != "RIFF" || string(b[36:40]) != "data" ||
		int64(le.Uint32(b[40:])) != 2*frames || int64(le.Uint32(b[4:])) != 36+2*frames || le.Uint32(b[24:]) != rate {
		t.Fatalf("file of %d bytes with header % x, want a 16-bit mono WAV of %d frames at %d Hz", len(b), b[:44], frames, rate)
	}
	for _, i := range []int64{0, 1, 100, rate - 1, rate, 60*rate - 1, 60 * rate, 60*rate + 17, 2*60*rate + 5, frames - 1} {
		got := int16(le.Uint16(b[44+2*i:]))
		if want := LongTakeSample(i, rate); got != want {
			t.Errorf("frame %d = %d, want %d", i, got, want)
		}
	}
	if LongTakeSample(rate/4/440*440+5, rate) == 0 || LongTakeSample(rate+5, rate) != 0 {
		t.Error("LongTakeSample: want a tone in the first second and silence after")
	}
	if err := WriteLongTake(path, rate, 10); err == nil {
		t.Error("WriteLongTake over an existing file: err = nil, want an error")
	}
}
