package wavfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	goaudio "github.com/go-audio/audio"
	"github.com/go-audio/wav"

	"failforward/internal/fake"
)

func TestRepair(t *testing.T) {
	const frames = 5000
	le := binary.LittleEndian
	tests := []struct {
		name   string
		damage func(b []byte) []byte
	}{
		{"sizes zero", func(b []byte) []byte {
			le.PutUint32(b[4:], 0)
			le.PutUint32(b[40:], 0)
			return b
		}},
		{"placeholder sizes", func(b []byte) []byte {
			le.PutUint32(b[4:], 42)
			le.PutUint32(b[40:], 42)
			return b
		}},
		{"unknown length", func(b []byte) []byte {
			le.PutUint32(b[4:], 0xFFFFFFFF)
			le.PutUint32(b[40:], 0xFFFFFFFF)
			return b
		}},
		{"sizes stale by a block", func(b []byte) []byte {
			le.PutUint32(b[4:], 36+2*(frames-1024))
			le.PutUint32(b[40:], 2*(frames-1024))
			return b
		}},
		{"half a frame at the end", func(b []byte) []byte {
			le.PutUint32(b[40:], 0)
			return append(b, 0x55)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTake(t, t.TempDir(), 16000, frames)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tt.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			info, err := Repair(path)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			want := Info{SampleRate: 16000, Channels: 1, BitDepth: 16, Frames: frames}
			if info != want {
				t.Errorf("Repair Info = %+v, want %+v", info, want)
			}
			checkRepaired(t, path, 44+2*frames)
			got, _, err := ReadMono(path)
			if err != nil {
				t.Fatal(err)
			}
			if i := fake.FirstDiff(got, patternBlock(0, frames)); i >= 0 {
				t.Errorf("frame %d differs after Repair", i)
			}
			if n := soxiSamples(t, path); n != frames {
				t.Errorf("soxi -s after Repair = %d, want %d", n, frames)
			}
		})
	}
}

// checkRepaired checks the file is size bytes long and its RIFF and data
// sizes agree with that.
func checkRepaired(t *testing.T, path string, size int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != size {
		t.Errorf("file is %d bytes after Repair, want %d", len(b), size)
	}
	le := binary.LittleEndian
	if got, want := le.Uint32(b[4:]), uint32(size-8); got != want {
		t.Errorf("RIFF size = %d, want %d", got, want)
	}
}

func TestRepairForeignLayouts(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		spec     wavSpec
		extra    int // bytes of a partial frame after the whole frames
		frames   int64
		fileSize int // after Repair
		dataSize uint32
	}{
		// 24-bit stereo: 6-byte frames, 4 stray bytes cut off.
		{"24-bit stereo", wavSpec{tag: tagPCM, channels: 2, rate: 48000, bits: 24, dataSize: 0}, 4, 1000, 44 + 6000, 6000},
		// 8-bit mono with an odd frame count gets the RIFF pad byte.
		{"8-bit odd", wavSpec{tag: tagPCM, channels: 1, rate: 8000, bits: 8, dataSize: 0}, 0, 1001, 44 + 1002, 1001},
		// A LIST chunk before the data moves the data size field.
		{"LIST before data", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 16, dataSize: 0, listBefore: true}, 1, 1000, 44 + 26 + 2000, 2000},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.spec
			s.data = encodeSamples(randomSamples(int(tt.frames)*s.channels, s.bits, uint64(i)), s.bits)
			whole := append([]byte(nil), s.data...)
			s.data = append(s.data, bytes.Repeat([]byte{0x7f}, tt.extra)...)
			path := buildWAV(t, dir, tt.name+".wav", s)
			info, err := Repair(path)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if info.Frames != tt.frames || info.Channels != s.channels || info.BitDepth != s.bits {
				t.Errorf("Info = %+v, want %d frames of %d×%d bits", info, tt.frames, s.channels, s.bits)
			}
			checkRepaired(t, path, tt.fileSize)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			start := tt.fileSize - len(whole) - len(whole)%2
			if got := binary.LittleEndian.Uint32(b[start-4:]); got != tt.dataSize {
				t.Errorf("data size = %d, want %d", got, tt.dataSize)
			}
			if !bytes.Equal(b[start:start+len(whole)], whole) {
				t.Error("sample bytes changed")
			}
			if n := soxiSamples(t, path); n != tt.frames {
				t.Errorf("soxi -s = %d, want %d", n, tt.frames)
			}
			// A repaired file is a good file: repairing again changes
			// nothing (the 8-bit pad byte once became a sample here).
			if _, err := Repair(path); err != nil {
				t.Fatalf("second Repair: %v", err)
			}
			if again, err := os.ReadFile(path); err != nil || !bytes.Equal(again, b) {
				t.Errorf("a second Repair changed the file (%v)", err)
			}
		})
	}
}

// TestRepairAbandonedGoAudioEncoder repairs the file go-audio's own encoder
// leaves when its process dies before Close: placeholder sizes that make
// every reader see 21 samples.
func TestRepairAbandonedGoAudioEncoder(t *testing.T) {
	const frames = 3000
	path := filepath.Join(t.TempDir(), "abandoned.wav")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := wav.NewEncoder(f, 16000, 16, 1, 1)
	buf := &goaudio.IntBuffer{Format: &goaudio.Format{NumChannels: 1, SampleRate: 16000}, SourceBitDepth: 16, Data: make([]int, frames)}
	for i := range buf.Data {
		buf.Data[i] = int(pattern(int64(i)))
	}
	if err := enc.Write(buf); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil { // no enc.Close: the process "died"
		t.Fatal(err)
	}
	if before, _, err := ReadMono(path); err != nil || len(before) >= frames {
		t.Fatalf("before Repair: read %d frames, %v; want fewer than %d (placeholder sizes)", len(before), err, frames)
	}
	info, err := Repair(path)
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	if info.Frames != frames {
		t.Errorf("Repair Info.Frames = %d, want %d", info.Frames, frames)
	}
	got, _, err := ReadMono(path)
	if err != nil {
		t.Fatal(err)
	}
	if i := fake.FirstDiff(got, patternBlock(0, frames)); i >= 0 {
		t.Errorf("frame %d differs after Repair", i)
	}
}

func TestRepairLeavesGoodFileAlone(t *testing.T) {
	path := writeTake(t, t.TempDir(), 16000, 1234)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := Repair(path)
	if err != nil {
		t.Fatalf("Repair: %v", err)
	}
	if info.Frames != 1234 {
		t.Errorf("Info.Frames = %d, want 1234", info.Frames)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) || !st.ModTime().Equal(old) {
		t.Errorf("Repair modified a good file (mtime %v, want %v)", st.ModTime(), old)
	}
}

func TestRepairRefused(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(garbage, []byte("not audio, and Repair must not touch it"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Repair(garbage); !errors.Is(err, ErrFormat) {
		t.Errorf("Repair of a text file = %v, want ErrFormat", err)
	}
	if b, _ := os.ReadFile(garbage); string(b) != "not audio, and Repair must not touch it" {
		t.Errorf("Repair changed a text file: %q", b)
	}
	if _, err := Repair(filepath.Join(dir, "missing.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Repair of a missing file = %v, want os.ErrNotExist", err)
	}
}

// TestRepairPadByteOnlyWhenItIsOne keeps the last byte of the data as
// audio unless it can only be the pad byte: a zero after whole frames of an
// odd stated size.
func TestRepairPadByteOnlyWhenItIsOne(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		bits     int
		data     []byte
		stated   int64
		frames   int64
		fileSize int
	}{
		// A foreign writer died one sample after its last header patch:
		// the last byte is a sample, not padding.
		{"8-bit, last byte a sample", 8, append(bytes.Repeat([]byte{0x90}, 1001), 0x91), 1001, 1002, 44 + 1002},
		// The same layout with a zero after the odd size is padding.
		{"8-bit, zero pad byte", 8, append(bytes.Repeat([]byte{0x90}, 1001), 0), 1001, 1001, 44 + 1002},
		// An odd size is not whole 16-bit frames: the extra byte is
		// audio, and the last whole frame stays.
		{"16-bit, odd stated size", 16, make([]byte, 200), 199, 100, 44 + 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := buildWAV(t, dir, tt.name+".wav", wavSpec{tag: tagPCM, channels: 1, rate: 8000, bits: tt.bits, data: tt.data, dataSize: tt.stated})
			info, err := Repair(path)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			if info.Frames != tt.frames {
				t.Errorf("Frames = %d, want %d", info.Frames, tt.frames)
			}
			checkRepaired(t, path, tt.fileSize)
			once, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Repair(path); err != nil {
				t.Fatalf("second Repair: %v", err)
			}
			if twice, err := os.ReadFile(path); err != nil || !bytes.Equal(once, twice) {
				t.Errorf("a second Repair changed the file (%v)", err)
			}
		})
	}
}
