package wavfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"failforward/internal/fake"
)

func TestWriterRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		rate   int
		blocks []int // block sizes in frames
	}{
		{"empty", 16000, nil},
		{"one sample", 8000, []int{1}},
		{"16 kHz blocks", 16000, []int{1024, 1024, 1024, 17}},
		{"44.1 kHz uneven", 44100, []int{3, 4096, 1, 999, 0, 2048}},
		{"48 kHz growing", 48000, []int{10, 100, 1000, 10000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "take.wav")
			w, err := Create(path, tt.rate)
			if err != nil {
				t.Fatal(err)
			}
			var want []int16
			for _, n := range tt.blocks {
				b := patternBlock(int64(len(want)), n)
				if err := w.Write(b); err != nil {
					t.Fatalf("Write(%d frames): %v", n, err)
				}
				want = append(want, b...)
				if got := w.Frames(); got != int64(len(want)) {
					t.Fatalf("Frames() = %d, want %d", got, len(want))
				}
			}
			if err := w.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			got, info, err := ReadMono(path)
			if err != nil {
				t.Fatalf("ReadMono: %v", err)
			}
			wantInfo := Info{SampleRate: tt.rate, Channels: 1, BitDepth: 16, Frames: int64(len(want))}
			if info != wantInfo {
				t.Errorf("Info = %+v, want %+v", info, wantInfo)
			}
			if i := fake.FirstDiff(got, want); i >= 0 {
				t.Errorf("samples differ at %d (got %d frames, want %d)", i, len(got), len(want))
			}
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := st.Size(), int64(44+2*len(want)); got != want {
				t.Errorf("file size = %d, want %d", got, want)
			}
			// Windows has no Unix modes: the folder's access list decides.
			if got := st.Mode().Perm(); got != 0o600 && runtime.GOOS != "windows" {
				t.Errorf("file mode = %v, want 0600", got)
			}
		})
	}
}

// TestWriterHeader checks the whole header byte for byte, and that the two
// size fields are right after every Write, before Close.
func TestWriterHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	w, err := Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	le := binary.LittleEndian
	want := []byte{
		'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'A', 'V', 'E',
		'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0,
		0x80, 0x3e, 0, 0, 0x00, 0x7d, 0, 0, 2, 0, 16, 0,
		'd', 'a', 't', 'a', 0, 0, 0, 0,
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("header after Create =\n% x\nwant\n% x", got, want)
	}
	frames := 0
	for i, n := range []int{1024, 1, 500, 1024} {
		if err := w.Write(patternBlock(int64(frames), n)); err != nil {
			t.Fatal(err)
		}
		frames += n
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(b), 44+2*frames; got != want {
			t.Fatalf("after write %d: file is %d bytes, want %d", i, got, want)
		}
		if got, want := le.Uint32(b[4:]), uint32(36+2*frames); got != want {
			t.Errorf("after write %d: RIFF size = %d, want %d", i, got, want)
		}
		if got, want := le.Uint32(b[40:]), uint32(2*frames); got != want {
			t.Errorf("after write %d: data size = %d, want %d", i, got, want)
		}
		if !bytes.Equal(b[8:40], want[8:40]) {
			t.Errorf("after write %d: header bytes 8..40 changed", i)
		}
		if got, want := int16(le.Uint16(b[44+2*(frames-1):])), pattern(int64(frames-1)); got != want {
			t.Errorf("after write %d: last sample = %d, want %d", i, got, want)
		}
	}
}

func TestWriterCloseIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "take.wav")
	w, err := Create(path, 16000)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(patternBlock(0, 100)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("first Close: %v", err)
	}
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := w.Close(); err != nil {
			t.Fatalf("Close again: %v", err)
		}
	}
	again, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Errorf("file changed by a second Close: RIFF size %d -> %d",
			binary.LittleEndian.Uint32(first[4:]), binary.LittleEndian.Uint32(again[4:]))
	}
	if err := w.Write(patternBlock(0, 10)); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Write after Close = %v, want an error wrapping os.ErrClosed", err)
	}
	if err := w.Sync(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Sync after Close = %v, want an error wrapping os.ErrClosed", err)
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.wav")
	if err := os.WriteFile(existing, []byte("earlier take"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		rate int
		is   error // nil: any error
	}{
		{"existing file", existing, 16000, fs.ErrExist},
		{"missing folder", filepath.Join(dir, "no", "take.wav"), 16000, fs.ErrNotExist},
		{"zero rate", filepath.Join(dir, "a.wav"), 0, nil},
		{"negative rate", filepath.Join(dir, "b.wav"), -44100, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Create(tt.path, tt.rate)
			if err == nil {
				w.Close()
				t.Fatalf("Create(%q, %d) succeeded, want an error", tt.path, tt.rate)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Create error = %v, want one wrapping %v", err, tt.is)
			}
		})
	}
	if b, err := os.ReadFile(existing); err != nil || string(b) != "earlier take" {
		t.Errorf("existing file = %q, %v; want it untouched", b, err)
	}
}

// failingFile accepts writes until limit bytes of sample data have been
// written past the header, then fails like a full disk.
type failingFile struct {
	buf   []byte
	limit int64
	syncs int
	close int
}

func (f *failingFile) WriteAt(p []byte, off int64) (int, error) {
	n := len(p)
	if off >= headerSize && off+int64(n) > headerSize+f.limit {
		n = max(0, int(headerSize+f.limit-off))
	}
	if need := int(off) + n; need > len(f.buf) {
		f.buf = append(f.buf, make([]byte, need-len(f.buf))...)
	}
	copy(f.buf[off:], p[:n])
	if n < len(p) {
		return n, &fs.PathError{Op: "write", Path: "take.wav", Err: syscall.ENOSPC}
	}
	return n, nil
}

func (f *failingFile) Sync() error  { f.syncs++; return nil }
func (f *failingFile) Close() error { f.close++; return nil }

func TestWriterDiskFull(t *testing.T) {
	f := &failingFile{limit: 2*1500 + 1} // room for 1500.5 frames
	w, err := newWriter(f, 16000)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(patternBlock(0, 1024)); err != nil {
		t.Fatalf("first Write: %v", err)
	}
	err = w.Write(patternBlock(1024, 1024))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write on a full disk = %v, want an error wrapping ENOSPC", err)
	}
	if got, want := err.Error(), "wavfile: write: write take.wav: no space left on device"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	if got, want := w.Frames(), int64(1500); got != want {
		t.Errorf("Frames() = %d, want %d (the whole frames that reached the disk)", got, want)
	}
	if err2 := w.Write(patternBlock(0, 1)); err2 != err {
		t.Errorf("Write after the failure = %v, want the first error again", err2)
	}
	if err := w.Close(); err != nil {
		t.Errorf("Close after a failed Write: %v", err)
	}
	le := binary.LittleEndian
	if got, want := le.Uint32(f.buf[40:]), uint32(3000); got != want {
		t.Errorf("data size = %d, want %d", got, want)
	}
	if got, want := le.Uint32(f.buf[4:]), uint32(3036); got != want {
		t.Errorf("RIFF size = %d, want %d", got, want)
	}
	if f.syncs != 1 || f.close != 1 {
		t.Errorf("Close synced %d and closed %d times, want 1 and 1", f.syncs, f.close)
	}
}

// TestWriterDevFull writes to the kernel's always-full device, so the error
// really comes from the system.
func TestWriterDevFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer f.Close()
	_, err = newWriter(f, 16000)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("newWriter on /dev/full = %v, want an error wrapping ENOSPC", err)
	}
	w := &Writer{f: f}
	if err := w.Write(make([]int16, 1024)); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Write on /dev/full = %v, want an error wrapping ENOSPC", err)
	}
}

// nopFile accepts and forgets every write.
type nopFile struct{}

func (nopFile) WriteAt(p []byte, _ int64) (int, error) { return len(p), nil }
func (nopFile) Sync() error                            { return nil }
func (nopFile) Close() error                           { return nil }

func TestWriterTooLarge(t *testing.T) {
	w, err := newWriter(nopFile{}, 16000)
	if err != nil {
		t.Fatal(err)
	}
	w.frames = maxDataBytes/2 - 10 // pretend 4 GiB were written
	if err := w.Write(make([]int16, 11)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Write past 4 GiB = %v, want ErrTooLarge", err)
	}
	if err := w.Write(make([]int16, 10)); err != nil {
		t.Fatalf("Write up to the limit: %v", err)
	}
}

func TestWriterWriteAllocs(t *testing.T) {
	w, err := Create(filepath.Join(t.TempDir(), "take.wav"), 16000)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	block := patternBlock(0, 1024)
	if n := testing.AllocsPerRun(50, func() {
		if err := w.Write(block); err != nil {
			t.Fatal(err)
		}
	}); n != 0 {
		t.Errorf("Write allocates %.1f times per block, want 0", n)
	}
}

func TestInfoDuration(t *testing.T) {
	tests := []struct {
		info Info
		want time.Duration
	}{
		{Info{SampleRate: 16000, Frames: 16000}, time.Second},
		{Info{SampleRate: 44100, Frames: 44100*120 + 22050}, 120*time.Second + 500*time.Millisecond},
		{Info{SampleRate: 48000, Frames: 1}, 20833 * time.Nanosecond},
		{Info{SampleRate: 48000, Frames: 48000 * 3600 * 24}, 24 * time.Hour},
		{Info{SampleRate: 0, Frames: 100}, 0},
		{Info{SampleRate: 8000}, 0},
	}
	for _, tt := range tests {
		if got := tt.info.Duration(); got != tt.want {
			t.Errorf("%+v.Duration() = %v, want %v", tt.info, got, tt.want)
		}
	}
}

func BenchmarkWriterWrite1024(b *testing.B) {
	w, err := Create(filepath.Join(b.TempDir(), "take.wav"), 16000)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	block := patternBlock(0, 1024)
	b.ReportAllocs()
	b.SetBytes(2 * 1024)
	for b.Loop() {
		if err := w.Write(block); err != nil {
			b.Fatal(err)
		}
	}
}
