package wavfile

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"failforward/internal/fake"
)

// TestReadAtMatchesReference reads every layout at scattered frames and
// lengths, in an order that jumps back and forth, and checks each read
// against the whole-file reference reader.
func TestReadAtMatchesReference(t *testing.T) {
	dir := t.TempDir()
	specs := []struct {
		name string
		spec wavSpec
	}{
		{"8-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 8000, bits: 8}},
		{"16-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 48000, bits: 16}},
		{"16-bit stereo", wavSpec{tag: tagPCM, channels: 2, rate: 44100, bits: 16}},
		{"24-bit 5 channels extensible", wavSpec{tag: tagExtensible, subTag: tagPCM, channels: 5, rate: 48000, bits: 24}},
		{"32-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 22050, bits: 32}},
		{"LIST before data", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 16, listBefore: true}},
		{"header longer than file", wavSpec{tag: tagPCM, channels: 2, rate: 16000, bits: 16, dataSize: 1 << 30}},
	}
	const frames = 3*chunkFrames + 1234
	reads := []struct {
		frame   int64
		n       int
		wantN   int
		wantEOF bool
	}{
		{0, 10, 10, false},
		{frames - 5, 5, 5, false},                    // the last frames exactly
		{1, 2 * chunkFrames, 2 * chunkFrames, false}, // back, across chunks
		{frames - 7, 20, 7, true},                    // runs past the end
		{chunkFrames - 1, 3, 3, false},               // across a chunk edge
		{frames, 4, 0, true},                         // at the end
		{frames + 100, 4, 0, true},                   // past the end
		{777, 0, 0, false},                           // nothing asked
		{0, frames, frames, false},                   // all of it
		{12, 1, 1, false},
	}
	for i, tt := range specs {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.spec
			s.data = encodeSamples(randomSamples(frames*s.channels, s.bits, uint64(40+i)), s.bits)
			if s.dataSize == 0 {
				s.dataSize = -1
			}
			path := buildWAV(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".wav", s)
			want, _, err := referenceRead(path)
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			r, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer r.Close()
			if got := r.Len(); got != frames {
				t.Fatalf("Len() = %d, want %d", got, frames)
			}
			for _, rd := range reads {
				buf := make([]int16, rd.n)
				n, err := r.ReadAt(buf, rd.frame)
				if n != rd.wantN || (err == io.EOF) != rd.wantEOF || (err != nil && err != io.EOF) {
					t.Fatalf("ReadAt(%d frames at %d) = %d, %v; want %d, EOF %v", rd.n, rd.frame, n, err, rd.wantN, rd.wantEOF)
				}
				if n > 0 {
					if d := fake.FirstDiff(buf[:n], want[rd.frame:rd.frame+int64(n)]); d >= 0 {
						t.Errorf("ReadAt(%d frames at %d): frame %d differs: got %d, want %d", rd.n, rd.frame, rd.frame+int64(d), buf[d], want[rd.frame+int64(d)])
					}
				}
			}
		})
	}
}

// TestSeekThenRead checks that Read goes on from where SeekFrame put it, and
// from after what ReadAt read.
func TestSeekThenRead(t *testing.T) {
	const frames = 10000
	path := writeTake(t, t.TempDir(), 16000, frames)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tests := []struct {
		name string
		move func() error
		want int64 // the frame Read returns next
	}{
		{"seek forward", func() error { return r.SeekFrame(5000) }, 5000},
		{"seek back", func() error { return r.SeekFrame(3) }, 3},
		{"seek to the start", func() error { return r.SeekFrame(0) }, 0},
		{"after ReadAt", func() error { _, err := r.ReadAt(make([]int16, 100), 7000); return err }, 7100},
	}
	for _, tt := range tests {
		if err := tt.move(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		buf := make([]int16, 50)
		n, err := r.Read(buf)
		if err != nil || n != len(buf) {
			t.Fatalf("%s: Read = %d, %v; want %d, nil", tt.name, n, err, len(buf))
		}
		if d := fake.FirstDiff(buf, patternBlock(tt.want, len(buf))); d >= 0 {
			t.Errorf("%s: Read returned frame %d wrong: got %d, want %d (frame %d)", tt.name, d, buf[d], pattern(tt.want+int64(d)), tt.want+int64(d))
		}
	}
	if err := r.SeekFrame(frames); err != nil {
		t.Fatalf("SeekFrame to the end: %v", err)
	}
	if n, err := r.Read(make([]int16, 4)); n != 0 || err != io.EOF {
		t.Errorf("Read at the end = %d, %v; want 0, io.EOF", n, err)
	}
}

func TestSeekRefused(t *testing.T) {
	const frames = 100
	path := writeTake(t, t.TempDir(), 16000, frames)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.SeekFrame(40); err != nil {
		t.Fatal(err)
	}
	for _, frame := range []int64{-1, frames + 1} {
		if err := r.SeekFrame(frame); err == nil || !strings.HasPrefix(err.Error(), "wavfile: seek ") {
			t.Errorf("SeekFrame(%d) = %v, want a \"wavfile: seek ...\" error", frame, err)
		}
	}
	if n, err := r.ReadAt(make([]int16, 4), -3); n != 0 || err == nil {
		t.Errorf("ReadAt at frame -3 = %d, %v; want 0 and an error", n, err)
	}
	buf := make([]int16, 1)
	if _, err := r.Read(buf); err != nil || buf[0] != pattern(40) {
		t.Errorf("Read after refused seeks = %d (%v), want frame 40 (%d): the position moved", buf[0], err, pattern(40))
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.SeekFrame(0); !errors.Is(err, os.ErrClosed) {
		t.Errorf("SeekFrame after Close = %v, want an error wrapping os.ErrClosed", err)
	}
	if _, err := r.ReadAt(buf, 0); !errors.Is(err, os.ErrClosed) {
		t.Errorf("ReadAt after Close = %v, want an error wrapping os.ErrClosed", err)
	}
}

// TestReadAtFileShrank cuts the file while it is open: reads within what
// is left work, reads past it report io.ErrUnexpectedEOF, not the end.
func TestReadAtFileShrank(t *testing.T) {
	const frames, keep = 10000, 6000
	path := writeTake(t, t.TempDir(), 16000, frames)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := os.Truncate(path, 44+2*keep); err != nil {
		t.Fatal(err)
	}
	buf := make([]int16, 1000)
	if n, err := r.ReadAt(buf, 1000); n != len(buf) || err != nil {
		t.Errorf("ReadAt within the file = %d, %v; want %d, nil", n, err, len(buf))
	}
	n, err := r.ReadAt(buf, keep-300)
	if n != 300 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("ReadAt across the new end = %d, %v; want 300 and io.ErrUnexpectedEOF", n, err)
	}
	if d := fake.FirstDiff(buf[:n], patternBlock(keep-300, n)); d >= 0 {
		t.Errorf("frame %d of the short read differs", d)
	}
	if n, err := r.ReadAt(buf, 0); n != len(buf) || err != nil {
		t.Errorf("ReadAt from the start after the error = %d, %v; want %d, nil", n, err, len(buf))
	}
}
