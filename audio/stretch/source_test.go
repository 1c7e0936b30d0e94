package stretch

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"failforward/internal/fake"
)

// srcRate is the sample rate of the Source tests.
const srcRate = 16000

// sineFrames is n frames of a 440 Hz tone at amplitude amp.
func sineFrames(n int, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(amp * math.Sin(2*math.Pi*440*float64(i)/srcRate))
	}
	return s
}

// TestSource checks the streaming stretch against stretch.Stretch
// on the whole take: read on from the start in pieces of any size, and
// from any place after a jump.
func TestSource(t *testing.T) {
	in := sineFrames(3*srcRate+321, 8000)
	for i := range in {
		in[i] += int16(i % 301) // not periodic, so a misplaced frame shows
	}
	for _, speed := range []float64{0.75, 1.25, 1.5} {
		whole, err := Stretch(in, srcRate, speed)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(strconv.FormatFloat(speed, 'f', -1, 64), func(t *testing.T) {
			for _, piece := range []int{7, 1000, ReadFrames, 20000} {
				s, err := NewSource(&fake.SliceSource{Frames: in, N: int64(len(in))}, srcRate, speed)
				if err != nil {
					t.Fatal(err)
				}
				if s.Len() != int64(len(whole)) {
					t.Fatalf("Len() = %d, Stretch gives %d", s.Len(), len(whole))
				}
				var got []int16
				buf := make([]int16, piece)
				for at := int64(0); ; {
					n, err := s.ReadAt(buf, at)
					got = append(got, buf[:n]...)
					at += int64(n)
					if err == io.EOF {
						break
					}
					if err != nil || n != piece {
						t.Fatalf("ReadAt(%d at %d) = %d, %v", piece, at, n, err)
					}
				}
				if i := fake.FirstDiff(got, whole); i >= 0 {
					t.Errorf("pieces of %d: frame %d differs from Stretch (%d and %d frames)", piece, i, len(got), len(whole))
				}
			}

			// Jumps: each read starts the stretch afresh where the take is.
			s, _ := NewSource(&fake.SliceSource{Frames: in, N: int64(len(in))}, srcRate, speed)
			for _, at := range []int64{20000, 3000, 3000 + 500} {
				buf := make([]int16, 500)
				if _, err := s.ReadAt(buf, at); err != nil {
					t.Fatalf("ReadAt at %d: %v", at, err)
				}
				from := int64(math.Round(float64(at) * speed))
				if at == 3500 {
					from = -1 // read on from 3000: the stretch goes on
				}
				var want []int16
				if from >= 0 {
					want, _ = Stretch(in[from:], srcRate, speed)
				} else {
					w, _ := Stretch(in[int64(math.Round(3000*speed)):], srcRate, speed)
					want = w[500:]
				}
				if i := fake.FirstDiff(buf, want[:500]); i >= 0 {
					t.Errorf("read at %d: frame %d differs from the take stretched from there", at, i)
				}
			}
			if n, err := s.ReadAt(make([]int16, 10), s.Len()-4); n != 4 || err != io.EOF {
				t.Errorf("read across the end = %d, %v; want 4, io.EOF", n, err)
			}
			if n, err := s.ReadAt(make([]int16, 10), s.Len()); n != 0 || err != io.EOF {
				t.Errorf("read at the end = %d, %v; want 0, io.EOF", n, err)
			}
		})
	}
}

func TestSourceErrors(t *testing.T) {
	in := sineFrames(srcRate, 8000)
	short := &fake.SliceSource{Frames: in[:srcRate/2], N: srcRate}
	s, err := NewSource(short, srcRate, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	var readErr error
	for at := int64(0); readErr == nil && at < s.Len(); at += 1000 {
		_, readErr = s.ReadAt(make([]int16, 1000), at)
	}
	if !errors.Is(readErr, io.ErrUnexpectedEOF) || !strings.HasPrefix(readErr.Error(), "stretch: ") {
		t.Errorf("reading past the end of a short take: %v, want a \"stretch: ...\" error wrapping io.ErrUnexpectedEOF", readErr)
	}
	if err := s.Close(); err != nil || short.Closes != 1 {
		t.Errorf("Close = %v, source closed %d times; want nil, 1", err, short.Closes)
	}
	if _, err := NewSource(short, srcRate, 3); err == nil {
		t.Error("speed 3: err = nil, want an error")
	}
}
