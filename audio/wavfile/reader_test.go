package wavfile

import (
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"failforward/internal/fake"
)

// randomSamples returns n interleaved sample values spread over the whole
// range of the bit depth, extremes included, as WAV stores them (8-bit
// unsigned, wider signed).
func randomSamples(n, bits int, seed uint64) []int {
	rnd := rand.New(rand.NewPCG(seed, 7))
	lo, hi := -(1 << (bits - 1)), 1<<(bits-1)-1
	if bits == 8 {
		lo, hi = 0, 255
	}
	out := make([]int, n)
	for i := range out {
		switch i % 97 {
		case 0:
			out[i] = lo
		case 1:
			out[i] = hi
		default:
			out[i] = lo + int(rnd.Int64N(int64(hi-lo)+1))
		}
	}
	return out
}

func TestReaderMatchesReference(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		spec wavSpec
	}{
		{"8-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 8000, bits: 8}},
		{"8-bit mono odd size", wavSpec{tag: tagPCM, channels: 1, rate: 8000, bits: 8, dataSize: -2}},
		{"16-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 16}},
		{"16-bit stereo", wavSpec{tag: tagPCM, channels: 2, rate: 44100, bits: 16}},
		{"24-bit mono", wavSpec{tag: tagPCM, channels: 1, rate: 48000, bits: 24}},
		{"24-bit 5 channels extensible", wavSpec{tag: tagExtensible, subTag: tagPCM, channels: 5, rate: 48000, bits: 24}},
		{"32-bit 3 channels", wavSpec{tag: tagPCM, channels: 3, rate: 22050, bits: 32}},
		{"32-bit stereo extensible", wavSpec{tag: tagExtensible, subTag: tagPCM, channels: 2, rate: 96000, bits: 32}},
		{"JUNK before fmt", wavSpec{tag: tagPCM, channels: 2, rate: 16000, bits: 16, junkFirst: true}},
		{"LIST before data", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 24, listBefore: true}},
		{"header longer than file", wavSpec{tag: tagPCM, channels: 2, rate: 16000, bits: 16, dataSize: 1 << 30}},
		{"unknown length", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 16, dataSize: 0xFFFFFFFF}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.spec
			frames := 10007
			vals := randomSamples(frames*s.channels, s.bits, uint64(i))
			s.data = encodeSamples(vals, s.bits)
			switch s.dataSize {
			case 0:
				s.dataSize = -1
			case -2: // odd size: the header says one byte less than written
				s.dataSize = int64(len(s.data))
				s.data = append(s.data, 0)
			}
			path := buildWAV(t, dir, strings.ReplaceAll(tt.name, " ", "_")+".wav", s)
			want, wantInfo, err := referenceRead(path)
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			if wantInfo.Frames != int64(frames) {
				t.Fatalf("reference read %d frames, want %d", wantInfo.Frames, frames)
			}
			for _, bufLen := range []int{1, 3, 1000, chunkFrames, 3 * chunkFrames, 20000} {
				r, err := Open(path)
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				if got := r.Info(); got != wantInfo {
					t.Errorf("Info() = %+v, want %+v", got, wantInfo)
				}
				got := readAll(t, r, bufLen)
				if i := fake.FirstDiff(got, want); i >= 0 {
					t.Errorf("reads of %d: frame %d differs (got %d frames, want %d)", bufLen, i, len(got), len(want))
				}
				if n, err := r.Read(make([]int16, 10)); n != 0 || err != io.EOF {
					t.Errorf("Read after the end = %d, %v, want 0, io.EOF", n, err)
				}
				if err := r.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}
			got, info, err := ReadMono(path)
			if err != nil {
				t.Fatalf("ReadMono: %v", err)
			}
			if info != wantInfo {
				t.Errorf("ReadMono Info = %+v, want %+v", info, wantInfo)
			}
			if i := fake.FirstDiff(got, want); i >= 0 {
				t.Errorf("ReadMono: frame %d differs", i)
			}
		})
	}
}

// TestReaderChunkSizes reads with file chunks of a few frames, so chunk
// ends fall everywhere relative to the caller's buffer and to the fast
// path's groups of four samples.
func TestReaderChunkSizes(t *testing.T) {
	specs := []wavSpec{
		{tag: tagPCM, channels: 1, rate: 48000, bits: 16},
		{tag: tagPCM, channels: 3, rate: 16000, bits: 16},
		{tag: tagPCM, channels: 2, rate: 8000, bits: 8},
		{tag: tagPCM, channels: 1, rate: 44100, bits: 24},
	}
	for i, s := range specs {
		s.data = encodeSamples(randomSamples(s.channels*1001, s.bits, uint64(99+i)), s.bits)
		s.dataSize = -1
		path := buildWAV(t, t.TempDir(), "chunks.wav", s)
		want, _, err := referenceRead(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, chunk := range []int{1, 2, 3, 4, 5, 7, 11} {
			for _, bufLen := range []int{1, 2, 5, 64} {
				r, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				r.raw = make([]byte, chunk*r.frameBytes)
				got := readAll(t, r, bufLen)
				r.Close()
				if i := fake.FirstDiff(got, want); i >= 0 {
					t.Errorf("%d-bit %d channels, chunks of %d frames, Read of %d: frame %d differs (got %d frames, want %d)",
						s.bits, s.channels, chunk, bufLen, i, len(got), len(want))
				}
			}
		}
	}
}

// TestReadFileShrank cuts the file short while it is open: Read returns
// what is still there, then io.ErrUnexpectedEOF, and keeps returning it.
func TestReadFileShrank(t *testing.T) {
	const frames, keep = 10000, 6001
	path := writeTake(t, t.TempDir(), 16000, frames)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := os.Truncate(path, 44+2*keep+1); err != nil { // half a frame extra
		t.Fatal(err)
	}
	buf := make([]int16, 4000)
	var got []int16
	var last error
	for range 10 {
		n, err := r.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			last = err
			break
		}
	}
	if !errors.Is(last, io.ErrUnexpectedEOF) {
		t.Errorf("Read after the file shrank: got error %v, want io.ErrUnexpectedEOF", last)
	}
	if i := fake.FirstDiff(got, patternBlock(0, keep)); i >= 0 {
		t.Errorf("frame %d differs (read %d frames, want %d)", i, len(got), keep)
	}
	if n, err := r.Read(buf); n != 0 || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Read again = %d, %v, want 0, io.ErrUnexpectedEOF", n, err)
	}
}

func TestReaderClosed(t *testing.T) {
	path := writeTake(t, t.TempDir(), 16000, 100)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if _, err := r.Read(make([]int16, 10)); !errors.Is(err, os.ErrClosed) {
		t.Errorf("Read after Close = %v, want an error wrapping os.ErrClosed", err)
	}
}

// writeTake writes frames of the test pattern with Writer and returns the path.
func writeTake(t *testing.T, dir string, rate, frames int) string {
	t.Helper()
	path := filepath.Join(dir, "take.wav")
	w, err := Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	for done := 0; done < frames; done += 1024 {
		if err := w.Write(patternBlock(int64(done), min(1024, frames-done))); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWriterOutputReadByOthers reads a Writer's file with go-audio's decoder
// and with sox.
func TestWriterOutputReadByOthers(t *testing.T) {
	const frames = 16000*3 + 123
	path := writeTake(t, t.TempDir(), 16000, frames)
	want := patternBlock(0, frames)

	raw, ch := goAudioDecode(t, path)
	if ch != 1 || len(raw) != frames {
		t.Fatalf("go-audio: %d channels, %d samples, want 1, %d", ch, len(raw), frames)
	}
	for i, v := range raw {
		if int16(v) != want[i] {
			t.Fatalf("go-audio: sample %d = %d, want %d", i, v, want[i])
		}
	}
	if got := soxiSamples(t, path); got != frames {
		t.Errorf("soxi -s = %d, want %d", got, frames)
	}
	if i := fake.FirstDiff(soxDecode(t, path), want); i >= 0 {
		t.Errorf("sox decode differs at frame %d", i)
	}
}

// TestReadSoxFiles reads files sox made from a take: other depths, channel
// counts and the extensible header sox uses for them.
func TestReadSoxFiles(t *testing.T) {
	needTool(t, "sox")
	dir := t.TempDir()
	const rate, frames = 44100, 44100*2 + 441
	src := writeTake(t, dir, rate, frames)
	want := patternBlock(0, frames)
	tests := []struct {
		name     string
		args     []string // sox output options
		channels int
		bits     int
		tol      int // allowed difference from the source per sample
	}{
		{"8-bit", []string{"-b", "8"}, 1, 8, 256},
		{"24-bit", []string{"-b", "24"}, 1, 24, 0},
		{"32-bit", []string{"-b", "32"}, 1, 32, 0},
		{"stereo", []string{"-c", "2"}, 2, 16, 0},
		{"6 channels", []string{"-c", "6"}, 6, 16, 0},
		{"24-bit stereo", []string{"-b", "24", "-c", "2"}, 2, 24, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".wav")
			runTool(t, "sox", append(append([]string{"-D", "-V1", src}, tt.args...), out)...)
			got, info, err := ReadMono(out)
			if err != nil {
				t.Fatalf("ReadMono: %v", err)
			}
			wantInfo := Info{SampleRate: rate, Channels: tt.channels, BitDepth: tt.bits, Frames: frames}
			if info != wantInfo {
				t.Errorf("Info = %+v, want %+v", info, wantInfo)
			}
			if got, want := info.Duration(), 2010*time.Millisecond; got != want {
				t.Errorf("Duration = %v, want %v", got, want)
			}
			if n := soxiSamples(t, out); n != frames {
				t.Errorf("soxi -s = %d, want %d", n, frames)
			}
			if len(got) != frames {
				t.Fatalf("read %d frames, want %d", len(got), frames)
			}
			for i := range got {
				if d := int(got[i]) - int(want[i]); d < -tt.tol || d > tt.tol {
					t.Fatalf("frame %d = %d, want %d ± %d", i, got[i], want[i], tt.tol)
				}
			}
			ref, _, err := referenceRead(out)
			if err != nil {
				t.Fatal(err)
			}
			if i := fake.FirstDiff(got, ref); i >= 0 {
				t.Errorf("differs from the reference reader at frame %d", i)
			}
		})
	}
	// A file sox synthesises on its own, at a duration that is not a
	// multiple of any block size.
	synth := filepath.Join(dir, "synth.wav")
	runTool(t, "sox", "-n", "-r", "44100", "-b", "24", "-c", "2", synth, "synth", "1.5", "sine", "440")
	r, err := Open(synth)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, want := r.Info(), (Info{SampleRate: 44100, Channels: 2, BitDepth: 24, Frames: 66150}); got != want {
		t.Errorf("sox synth Info = %+v, want %+v", got, want)
	}
	if got, want := r.Info().Duration(), 1500*time.Millisecond; got != want {
		t.Errorf("sox synth Duration = %v, want %v", got, want)
	}
}

func TestReadRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pcm := encodeSamples(randomSamples(100, 16, 1), 16)
	full := buildWAV(t, dir, "ok.wav", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 16, data: pcm, dataSize: -1})
	okBytes, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	hugeFmt := append([]byte(nil), okBytes...)
	hugeFmt[16], hugeFmt[17], hugeFmt[18], hugeFmt[19] = 0xff, 0xff, 0xff, 0x7f
	tests := []struct {
		name string
		path string
		what string
	}{
		{"16-bit float", buildWAV(t, dir, "float.wav", wavSpec{tag: tagFloat, channels: 1, rate: 16000, bits: 16, data: make([]byte, 400), dataSize: -1}), "16-bit float samples are not supported"},
		{"extensible float", buildWAV(t, dir, "xfloat.wav", wavSpec{tag: tagExtensible, subTag: tagFloat, channels: 2, rate: 16000, bits: 64, data: make([]byte, 1600), dataSize: -1}), "64-bit float samples are not supported"},
		{"adpcm", buildWAV(t, dir, "adpcm.wav", wavSpec{tag: 0x0011, channels: 1, rate: 16000, bits: 4, data: make([]byte, 100), dataSize: -1}), "compressed or unknown encoding (format tag 0x0011) is not supported"},
		{"12-bit", buildWAV(t, dir, "12.wav", wavSpec{tag: tagPCM, channels: 1, rate: 16000, bits: 12, data: make([]byte, 100), dataSize: -1}), "12-bit samples are not supported"},
		{"no channels", buildWAV(t, dir, "nochan.wav", wavSpec{tag: tagPCM, channels: 0, rate: 16000, bits: 16, dataSize: -1}), "the header says 0 channels"},
		{"garbage", write("garbage.wav", []byte("this is a text file, not audio at all\n")), "not a WAV file"},
		{"empty", write("empty.wav", nil), "the file is empty"},
		{"AIFF", write("aiff.wav", []byte("FORM\x00\x00\x00\x20AIFFCOMM")), "not a WAV file"},
		{"header cut", write("cut.wav", okBytes[:30]), "\"fmt \" chunk runs past the end of the file"},
		{"no data chunk", write("nodata.wav", okBytes[:36]), "no data chunk"},
		{"huge fmt", write("hugefmt.wav", hugeFmt), "\"fmt \" chunk runs past the end of the file"},
		{"folder", dir, "not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkRefused(t, tt.path, tt.what) })
	}
	t.Run("sox 64-bit float", func(t *testing.T) {
		p := filepath.Join(dir, "soxfloat.wav")
		runTool(t, "sox", "-n", "-r", "16000", "-e", "floating-point", "-b", "64", p, "synth", "0.1", "sine", "440")
		checkRefused(t, p, "64-bit float samples are not supported")
	})
	if _, _, err := ReadMono(filepath.Join(dir, "missing.wav")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadMono of a missing file = %v, want fs.ErrNotExist", err)
	}
}

// checkRefused checks that path is refused with a *FormatError whose
// message reads "wavfile: <path>: <what...> (<hint>)".
func checkRefused(t *testing.T, path, what string) {
	t.Helper()
	_, _, err := ReadMono(path)
	if err == nil {
		t.Fatal("ReadMono succeeded, want an error")
	}
	if !errors.Is(err, ErrFormat) {
		t.Errorf("error %v does not wrap ErrFormat", err)
	}
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Hint == "" {
		t.Errorf("error %v is not a *FormatError with a hint", err)
	}
	msg := err.Error()
	prefix := "wavfile: " + path + ": " + what
	if !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, ")") {
		t.Errorf("error = %q, want %q (<hint>)", msg, prefix)
	}
}

// TestReadTruncated reads a file cut short after it was written: a copy
// interrupted, or a disk that filled up.
func TestReadTruncated(t *testing.T) {
	const frames, keep = 10000, 6000
	path := writeTake(t, t.TempDir(), 16000, frames)
	if err := os.Truncate(path, 44+2*keep+1); err != nil { // half a frame extra
		t.Fatal(err)
	}
	got, info, err := ReadMono(path)
	if err != nil {
		t.Fatalf("ReadMono: %v", err)
	}
	if info.Frames != keep {
		t.Errorf("Info.Frames = %d, want %d", info.Frames, keep)
	}
	if i := fake.FirstDiff(got, patternBlock(0, keep)); i >= 0 {
		t.Errorf("frame %d differs (read %d frames)", i, len(got))
	}
}

func BenchmarkReadMono(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "take.wav")
	w, err := Create(path, 48000)
	if err != nil {
		b.Fatal(err)
	}
	const frames = 48000 * 10
	for done := 0; done < frames; done += 4800 {
		if err := w.Write(patternBlock(int64(done), 4800)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(2 * frames)
	for b.Loop() {
		if _, _, err := ReadMono(path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/frames, "ns/frame")
}
