package device

import (
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"failforward/audio"
	"failforward/audio/wavfile"
	"failforward/internal/fake"
	"failforward/internal/soak"
)

// pattern is a test signal in which every frame differs from its
// neighbours, so a dropped, repeated or shifted frame shows.
func pattern(i int64) int16 { return int16(uint32(i) * 2654435761 >> 16) }

func patternFrames(from int64, n int) []int16 {
	out := make([]int16, n)
	for i := range out {
		out[i] = pattern(from + int64(i))
	}
	return out
}

// testSource is an audio.FrameSource of pattern frames. A test can hold its reads
// (hold), make them fail from a frame on, or make it shorter than its Len.
type testSource struct {
	n      int64
	failAt int64 // reads reaching this frame fail; 0 means never
	endAt  int64 // the data really ends here; 0 means at n

	closeErr error // what Close returns

	mu     sync.Mutex
	held   chan struct{} // non-nil: each read waits for a value or close
	reads  []int64       // the frame each read started at
	closes int
}

var errTestRead = errors.New("test disk says no")

func (s *testSource) ReadAt(buf []int16, frame int64) (int, error) {
	s.mu.Lock()
	s.reads = append(s.reads, frame)
	held := s.held
	s.mu.Unlock()
	if held != nil {
		<-held
	}
	end := s.n
	if s.endAt > 0 {
		end = s.endAt
	}
	var err error
	if s.failAt > 0 && frame+int64(len(buf)) > s.failAt {
		end, err = min(end, s.failAt), errTestRead
	}
	n := int(max(0, min(int64(len(buf)), end-frame)))
	for i := range n {
		buf[i] = pattern(frame + int64(i))
	}
	if n < len(buf) && err == nil {
		err = io.EOF
	}
	return n, err
}

func (s *testSource) Len() int64 { return s.n }

func (s *testSource) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closes++
	return s.closeErr
}

func (s *testSource) hold() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held = make(chan struct{})
}

func (s *testSource) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.held)
	s.held = nil
}

func (s *testSource) readsFrom() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reads)
}

// startStream returns a streaming transport over src at rate with its
// read-ahead goroutine running; the test's cleanup stops it.
func startStream(t *testing.T, src audio.FrameSource, rate int) *transport {
	t.Helper()
	tr := &transport{ring: newRing(src, rate)}
	go tr.readAhead()
	t.Cleanup(func() {
		tr.close()
		if err := tr.stopReading(); err != nil {
			t.Errorf("stopReading: %v", err)
		}
	})
	return tr
}

// buffered returns how many frames are read ahead.
func (t *transport) buffered() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ring.count
}

// waitBuffered waits until at least n frames are read ahead.
func waitBuffered(t *testing.T, tr *transport, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for tr.buffered() < n {
		if time.Now().After(deadline) {
			t.Fatalf("read-ahead holds %d frames after 5 s, want %d", tr.buffered(), n)
		}
		time.Sleep(100 * time.Microsecond)
	}
}

func (t *transport) underrunCount() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.ring.underruns
}

// TestStreamPlaysSource plays whole sources through callbacks of several
// sizes, waiting for the read-ahead before each one as a fast disk would
// have it ready: what the callback writes is the source, frame for frame.
func TestStreamPlaysSource(t *testing.T) {
	tests := []struct {
		name string
		rate int
		n    int64
		out  int
	}{
		{"one frame callbacks", 800, 2345, 1},
		{"typical", 8000, 3*16000 + 77, 512},
		{"callback larger than a read", 8000, 40000, 1500},
		{"shorter than one read", 8000, 300, 256},
		{"empty", 8000, 0, 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &testSource{n: tt.n}
			tr := startStream(t, src, tt.rate)
			if got := tr.length(); got != tt.n {
				t.Fatalf("length = %d, want %d", got, tt.n)
			}
			tr.play()
			var got []int16
			out := make([]int16, tt.out)
			for tr.isPlaying() {
				rest := tt.n - tr.position()
				waitBuffered(t, tr, int(min(rest, int64(len(out)), int64(len(tr.ring.buf)))))
				tr.fill(out)
				got = append(got, out[:min(int64(len(out)), rest)]...)
			}
			if i := fake.FirstDiff(got, patternFrames(0, int(tt.n))); i >= 0 {
				t.Fatalf("played %d frames; frame %d differs", len(got), i)
			}
			if got := tr.position(); got != tt.n {
				t.Errorf("position at the end = %d, want %d", got, tt.n)
			}
			if got := tr.underrunCount(); got != 0 {
				t.Errorf("underruns = %d, want 0", got)
			}
		})
	}
}

// TestStreamSeek seeks within the read-ahead (kept, not read again) and
// outside it (emptied and read anew, silence without counting an underrun
// until the first piece is there).
func TestStreamSeek(t *testing.T) {
	const rate = 8000 // reads of 1000 frames, a ring of 16000
	src := &testSource{n: 10 * rate}
	tr := startStream(t, src, rate)
	full := len(tr.ring.buf)
	waitBuffered(t, tr, full)
	reads := len(src.readsFrom())

	tr.play()
	out := make([]int16, 100)
	tr.fill(out)
	tr.seek(5000) // within the buffered frames
	tr.fill(out)
	if i := fake.FirstDiff(out, patternFrames(5000, 100)); i >= 0 {
		t.Errorf("after a seek within the read-ahead: frame %d differs", i)
	}
	for _, f := range src.readsFrom()[reads:] {
		if f < int64(full) {
			t.Errorf("frame %d was read again after a seek within the read-ahead", f)
		}
	}

	// Outside: hold the reads, so the ring stays empty for a while.
	src.hold()
	tr.seek(60000)
	silence := slices.Repeat([]int16{-1}, 100)
	tr.fill(silence)
	if !slices.Equal(silence, make([]int16, 100)) || tr.position() != 60000 {
		t.Errorf("while the first piece is read: wrote %v at %d, want silence at 60000", silence[:4], tr.position())
	}
	if got := tr.underrunCount(); got != 0 {
		t.Errorf("underruns while refilling after a seek = %d, want 0", got)
	}
	src.release()
	waitBuffered(t, tr, 100)
	tr.fill(out)
	if i := fake.FirstDiff(out, patternFrames(60000, 100)); i >= 0 {
		t.Errorf("after a seek outside the read-ahead: frame %d differs", i)
	}

	// Back to the start, and Play at the end starting over.
	tr.seek(tr.length())
	if tr.isPlaying() {
		// The seek to the end does not stop by itself; the next callback does.
		tr.fill(out)
	}
	if tr.isPlaying() {
		t.Fatal("still playing at the end")
	}
	tr.play()
	waitBuffered(t, tr, 100)
	tr.fill(out)
	if i := fake.FirstDiff(out, patternFrames(0, 100)); i >= 0 || tr.position() != 100 {
		t.Errorf("Play at the end: frame %d differs, position %d; want the start again at 100", i, tr.position())
	}
}

// TestStreamUnderrun holds the disk while playing: the callback goes on at
// once with silence, the position waits and the underrun is counted; once
// the disk answers playback goes on with no frame lost.
func TestStreamUnderrun(t *testing.T) {
	const rate = 8000
	src := &testSource{n: 5 * rate}
	tr := startStream(t, src, rate)
	full := len(tr.ring.buf)
	waitBuffered(t, tr, full)
	src.hold()
	tr.play()
	out := make([]int16, 1000)
	var got []int16
	for range full / len(out) {
		tr.fill(out)
		got = append(got, out...)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		tr.fill(out)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		src.release()
		t.Fatal("the callback waited for the disk")
	}
	if !slices.Equal(out, make([]int16, len(out))) {
		t.Errorf("callback during the underrun wrote %v..., want silence", out[:4])
	}
	if got := tr.position(); got != int64(full) {
		t.Errorf("position during the underrun = %d, want %d", got, full)
	}
	if got := tr.underrunCount(); got != 1 {
		t.Errorf("underruns = %d, want 1", got)
	}
	src.release()
	waitBuffered(t, tr, len(out))
	tr.fill(out)
	got = append(got, out...)
	if i := fake.FirstDiff(got, patternFrames(0, full+len(out))); i >= 0 {
		t.Errorf("frame %d differs across the underrun", i)
	}
}

// TestStreamReadError plays up to where the source fails, then stops with
// the error; a seek clears it and reading tries again.
func TestStreamReadError(t *testing.T) {
	tests := []struct {
		name    string
		src     *testSource
		stopAt  int64
		wantErr error
	}{
		{"read error", &testSource{n: 30000, failAt: 12345}, 12345, errTestRead},
		{"shorter than its Len", &testSource{n: 30000, endAt: 20000}, 20000, io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := startStream(t, tt.src, 8000)
			tr.play()
			out := make([]int16, 500)
			var got []int16
			for i := 0; tr.isPlaying(); i++ {
				if i > 1000 {
					t.Fatal("still playing after 1000 callbacks")
				}
				if rest := tt.stopAt - tr.position(); rest > 0 {
					waitBuffered(t, tr, int(min(rest, int64(len(out)))))
				} else {
					time.Sleep(time.Millisecond) // let the failing read land
				}
				before := tr.position()
				tr.fill(out)
				got = append(got, out[:tr.position()-before]...)
			}
			if tr.position() != tt.stopAt || fake.FirstDiff(got, patternFrames(0, int(tt.stopAt))) >= 0 {
				t.Errorf("stopped at %d after %d frames, want %d frames of the source", tr.position(), len(got), tt.stopAt)
			}
			tr.mu.Lock()
			err := tr.ring.stopped
			tr.mu.Unlock()
			if !errors.Is(err, tt.wantErr) || !strings.HasPrefix(err.Error(), "device: read the audio to play at frame ") {
				t.Errorf("error = %v, want a \"device: read the audio to play ...\" error wrapping %v", err, tt.wantErr)
			}
			tr.seek(100)
			tr.mu.Lock()
			err = tr.ring.stopped
			tr.mu.Unlock()
			if err != nil {
				t.Errorf("error after a seek = %v, want nil", err)
			}
			tr.play()
			waitBuffered(t, tr, len(out))
			tr.fill(out)
			if i := fake.FirstDiff(out, patternFrames(100, len(out))); i >= 0 {
				t.Errorf("after the seek: frame %d differs", i)
			}
		})
	}
}

func TestStreamStopClosesSource(t *testing.T) {
	src := &testSource{n: 100000}
	tr := &transport{ring: newRing(src, 8000)}
	go tr.readAhead()
	waitBuffered(t, tr, 1)
	tr.close()
	for range 2 {
		if err := tr.stopReading(); err != nil {
			t.Errorf("stopReading = %v, want nil", err)
		}
	}
	select {
	case <-tr.ring.done:
	default:
		t.Error("the read-ahead goroutine is still running after stopReading")
	}
	if src.closes != 1 {
		t.Errorf("source closed %d times, want 1", src.closes)
	}

	bad := &testSource{n: 10, closeErr: errTestRead}
	tr = &transport{ring: newRing(bad, 8000)}
	go tr.readAhead()
	if err := tr.stopReading(); !errors.Is(err, errTestRead) {
		t.Errorf("stopReading of a source whose Close fails = %v, want its error", err)
	}
}

func TestStreamFillNoAllocation(t *testing.T) {
	src := &testSource{n: 1 << 20}
	tr := startStream(t, src, 48000)
	tr.play()
	out := make([]int16, 256)
	if allocs := testing.AllocsPerRun(100, func() { tr.fill(out) }); allocs != 0 {
		t.Errorf("fill allocates %.1f times per callback, want 0", allocs)
	}
}

func TestOpenStreamInvalid(t *testing.T) {
	src := &testSource{n: 10}
	if _, err := OpenStream(OutputConfig{}, src, 0); err == nil {
		t.Error("OpenStream at 0 Hz: err = nil, want an error")
	}
	if src.closes != 1 {
		t.Errorf("OpenStream that failed closed its source %d times, want 1", src.closes)
	}
	if _, err := OpenStream(OutputConfig{}, nil, 48000); err == nil {
		t.Error("OpenStream of nil: err = nil, want an error")
	}
}

// TestStreamLongTake streams a 60-minute take at 48 kHz from its WAV file
// through the read-ahead (the device itself left out): the first frames
// are ready within a few milliseconds of opening and of a seek, what plays
// is the file, and the resident memory hardly grows.
func TestStreamLongTake(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 345 MB (sparse) take")
	}
	const rate = 48000
	path := filepath.Join(t.TempDir(), "long.wav")
	if err := fake.WriteLongTake(path, rate, 60*60*rate); err != nil {
		t.Fatal(err)
	}
	before := residentMB(t)
	start := time.Now()
	src, err := wavfile.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	tr := startStream(t, src, rate)
	waitBuffered(t, tr, 1)
	first := time.Since(start)
	out := make([]int16, DefaultFramesPerBuffer)
	var seekFirst time.Duration
	tr.play()
	for _, minute := range []int64{0, 30, 59, 12} {
		at := minute * 60 * rate
		began := time.Now()
		tr.seek(at)
		waitBuffered(t, tr, 1)
		seekFirst = max(seekFirst, time.Since(began))
		for range 10 * rate / len(out) { // ten seconds
			pos := tr.position()
			waitBuffered(t, tr, len(out))
			tr.fill(out)
			for i, v := range out {
				if want := fake.LongTakeSample(pos+int64(i), rate); v != want {
					t.Fatalf("frame %d played as %d, want %d", pos+int64(i), v, want)
				}
			}
		}
	}
	after := residentMB(t)
	t.Logf("60-minute take: first frames %.2f ms after Open, at most %.2f ms after a seek; resident %.0f MB before, %.0f MB after (%+.1f MB)",
		ms(first), ms(seekFirst), before, after, after-before)
	if after-before > 50 {
		t.Errorf("resident memory grew by %.0f MB, want under 50 MB", after-before)
	}
	if first > time.Second || seekFirst > time.Second {
		t.Errorf("first frames after %v, after a seek %v; want within a second", first, seekFirst)
	}
}

// residentMB returns the resident set of this process in MB (VmRSS).
func residentMB(t *testing.T) float64 {
	t.Helper()
	n, err := soak.RSS()
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no /proc/self/status: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return float64(n) / (1 << 20)
}
