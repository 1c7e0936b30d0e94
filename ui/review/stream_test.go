package review

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"failforward/audio"
	"failforward/audio/stretch"
	"failforward/internal/fake"
	"failforward/internal/soak"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// TestStreamedReview plays a take from its file: the player streams it,
// nothing of it is kept in memory, and what plays is the take.
func TestStreamedReview(t *testing.T) {
	s := openStreamed(t, 2)
	v := s.v
	if s.audio.streams != 1 || len(s.audio.players) != 1 {
		t.Fatalf("streams opened = %d, players = %d; want 1, 1", s.audio.streams, len(s.audio.players))
	}
	if v.samples != nil || v.path != s.lib.AudioPath(s.take.ID) {
		t.Errorf("review holds %d samples and streams %q; want none and the take's file", len(v.samples), v.path)
	}
	take := s.recorded()
	p := s.player()
	if got, want := p.Len(), int64(2*rate); got != want || int64(len(take)) != want {
		t.Fatalf("player Len = %d, file %d frames; want %d", got, len(take), want)
	}
	if got := v.takeSeconds(); got != 2 {
		t.Errorf("takeSeconds = %v, want 2", got)
	}

	s.space()
	p.Advance(rate / 2)
	if got := p.Heard(); !slices.Equal(got, take[:rate/2]) {
		t.Errorf("the first half second played differs from the take (%d frames)", len(got))
	}
	v.seekAt(1.25)
	if got, want := p.Position(), int64(1.25*rate); got != want {
		t.Errorf("position after a click at 1.25 s = %d, want %d", got, want)
	}
	p.Advance(100)
	if got := p.Heard(); !slices.Equal(got, take[20000:20100]) {
		t.Error("what played after the seek differs from the take there")
	}
	p.Advance(rate)
	v.Tick()
	if p.Playing() || p.Position() != p.Len() || v.w.play.Text != "Play (Space)" {
		t.Errorf("at the end: playing %v at %d, button %q; want stopped at %d", p.Playing(), p.Position(), v.w.play.Text, p.Len())
	}
	s.space()
	if !p.Playing() || p.Position() != 0 {
		t.Errorf("Space at the end: playing %v at %d, want playing from 0", p.Playing(), p.Position())
	}

	v.Close()
	if !p.Closed() {
		t.Error("leaving the review left the player open")
	}
}

// TestStreamedPlayPart plays a part alone and loops it, streaming.
func TestStreamedPlayPart(t *testing.T) {
	s := openStreamed(t, 6, practice.Part{Kind: practice.Task, Start: 2, End: 3.5})
	p := s.player()
	frame := func(sec float64) int64 { return int64(sec * rate) }
	s.char(']')
	s.char('p')
	if !p.Playing() || p.Position() != frame(2) {
		t.Fatalf("P: playing %v at %d, want playing from %d", p.Playing(), p.Position(), frame(2))
	}
	p.Advance(frame(1.6))
	s.v.Tick()
	if p.Playing() || p.Position() != frame(3.5) {
		t.Errorf("at the part's end: playing %v at %d, want paused at %d", p.Playing(), p.Position(), frame(3.5))
	}
	s.char('o')
	s.char('p')
	p.Advance(frame(1.6))
	s.v.Tick()
	if !p.Playing() || p.Position() != frame(2) {
		t.Errorf("looping: playing %v at %d, want playing again from %d", p.Playing(), p.Position(), frame(2))
	}
}

// TestStreamedSpeedChange changes speed on a streamed take: at once, at
// the same place of the take, and what plays is the take stretched from
// there.
func TestStreamedSpeedChange(t *testing.T) {
	s := openStreamed(t, 4)
	v := s.v
	take := s.recorded()
	first := s.player()
	n := first.Len()
	v.seekAt(2)
	s.space()

	s.char('.')
	p := s.player()
	if v.speed != 1.25 || v.stretch != nil || p == first || !first.Closed() {
		t.Fatalf("1.25x: speed %v, stretching %v, new player %v, old one closed %v; want 1.25 at once on a new player",
			v.speed, v.stretch != nil, p != first, first.Closed())
	}
	if !s.shows("Now at 1.25x, same pitch.") {
		t.Errorf("no word about the new speed; screen shows %q", uitest.ShownText(s.w))
	}
	if want := int64(math.Round(float64(n) / 1.25)); p.Len() != want {
		t.Errorf("1.25x player has %d frames, want %d", p.Len(), want)
	}
	if got := v.playhead(); math.Abs(got-2) > 0.001 {
		t.Errorf("playhead after the speed change = %.4f s, want 2 s", got)
	}
	if !p.Playing() {
		t.Error("playback did not go on at the new speed")
	}
	p.Advance(rate) // one second at 1.25x is 1.25 s of the take
	want, err := stretch.Stretch(take[2*rate:], rate, 1.25)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Heard(); !slices.Equal(got, want[:rate]) {
		t.Errorf("the second played at 1.25x is not the take stretched from 2 s (first difference at %d)", fake.FirstDiff(got, want[:rate]))
	}
	v.Tick()
	if got := v.playhead(); math.Abs(got-3.25) > 0.002 {
		t.Errorf("playhead after 1 s at 1.25x = %.4f s, want 3.25 s", got)
	}

	s.char(',') // back to 1x
	if v.speed != 1 || s.player().Len() != n {
		t.Fatalf("1x: speed %v with %d frames, want 1 with %d", v.speed, s.player().Len(), n)
	}
	if got := v.playhead(); math.Abs(got-3.25) > 0.001 {
		t.Errorf("playhead at 1x = %.4f, want 3.25", got)
	}
	s.char(',')
	if v.speed != 0.75 {
		t.Errorf("0.75x: speed %v, want it at once", v.speed)
	}
	s.char(',')
	if !s.shows("Speeds go from 0.75x to 1.5x.") {
		t.Errorf("no word at the slowest speed; screen shows %q", uitest.ShownText(s.w))
	}
	for i, pl := range s.audio.players[:len(s.audio.players)-1] {
		if !pl.Closed() {
			t.Errorf("player %d was left open", i)
		}
	}

	// No output any more: the change is refused and playback is off.
	s.audio.outputErr = fmt.Errorf("device: open output: %w", audio.ErrNoOutput)
	s.char('.')
	if !s.shows("Playback at 1x could not start") || !s.shows("Playback is off; your answer is saved.") {
		t.Errorf("a failed speed change is not explained; screen shows %q", uitest.ShownText(s.w))
	}
}

// longTakeEnv names the way a child process of TestLongTakeMemory opens
// the take: "stream" or "memory".
const longTakeEnv = "FF_LONG_TAKE_MODE"

// TestLongTakeMemory opens a 60-minute take at 48 kHz for playback as the
// review screen does, plays a little of it and seeks about, and measures
// the resident memory of the process before and after, in a child process
// of its own: streaming from the file must stay under 100 MB more. The
// child then fills 64 MB, which must show, to prove the measurement sees
// memory at all.
//
// FF_LONG_TAKE_COMPARE=1 also measures the way without a StreamAudio,
// which reads the whole take (345 MB; about 1 GB and seconds under the
// race detector), and FF_LONG_TAKE_REVIEW=1 opens the whole review screen
// both ways (waveform and measurements too, waiting for the
// measurements); those figures are logged.
func TestLongTakeMemory(t *testing.T) {
	if mode := os.Getenv(longTakeEnv); mode != "" {
		longTakeChild(t, mode)
		return
	}
	if testing.Short() {
		t.Skip("writes and reads a 345 MB take")
	}
	path := filepath.Join(t.TempDir(), "long.wav")
	const rate, minutes = 48000, 60
	if err := fake.WriteLongTake(path, rate, minutes*60*rate); err != nil {
		t.Fatal(err)
	}
	modes := []string{"stream"}
	if os.Getenv("FF_LONG_TAKE_COMPARE") == "1" {
		modes = append(modes, "memory")
	}
	if os.Getenv("FF_LONG_TAKE_REVIEW") == "1" {
		modes = append(modes, "stream-review", "memory-review")
	}
	results := map[string]map[string]float64{}
	for _, mode := range modes {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLongTakeMemory$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), longTakeEnv+"="+mode, "FF_LONG_TAKE_PATH="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: child process: %v\n%s", mode, err, out)
		}
		results[mode] = map[string]float64{}
		for _, line := range strings.Split(string(out), "\n") {
			_, kv, ok := strings.Cut(line, "LONGTAKE ")
			if !ok {
				continue
			}
			k, v, _ := strings.Cut(kv, "=")
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				t.Fatalf("%s: bad report line %q", mode, line)
			}
			results[mode][k] = f
		}
		r := results[mode]
		t.Logf("%s: resident %.0f MB before, %.0f MB after opening, %.0f MB after playing and seeking (%+.0f MB); first frame after %.1f ms",
			mode, r["before"], r["opened"], r["after"], r["after"]-r["before"], r["firstms"])
	}
	s := results["stream"]
	if s["after"]-s["before"] > 100 {
		t.Errorf("streaming a 60-minute take grew the resident memory by %.0f MB, want under 100 MB", s["after"]-s["before"])
	}
	if s["probe"]-s["after"] < 56 {
		t.Errorf("filling 64 MB grew the resident memory by only %.0f MB: the measurement does not see memory", s["probe"]-s["after"])
	}
}

// longTakeChild is the child side of TestLongTakeMemory: it reports
// "LONGTAKE key=value" lines.
func longTakeChild(t *testing.T, mode string) {
	path := os.Getenv("FF_LONG_TAKE_PATH")
	report := func(k string, v float64) { fmt.Printf("LONGTAKE %s=%.3f\n", k, v) }
	sa := &streamAudio{}
	var a Audio = sa
	if !strings.HasPrefix(mode, "stream") {
		a = memoryAudio{sa}
	}
	lib := uitest.OpenLibrary(t)
	report("before", residentMB(t))
	start := time.Now()
	var v *View
	if strings.HasSuffix(mode, "-review") {
		w := uitest.ViewWindow(t)
		v = New(Options{Library: lib, Audio: a, Window: w, Keys: &widgets.Keys{}, Limit: 2 * time.Minute}, Handlers{
			Show: func(o fyne.CanvasObject) { uitest.Route(w, v, o) },
			Nav:  func(fyne.Shortcut) bool { return false },
		}, practice.Take{ID: "long", QuestionText: "A long one", Duration: 3600, SampleRate: 48000}, nil, nil, nil)
		v.Open(path)
		v.Show()
	} else {
		v = New(Options{Library: lib, Audio: a}, Handlers{}, practice.Take{}, nil, nil, nil)
		v.OpenPlayer(path)
	}
	if v.player == nil {
		t.Fatalf("no player: %v", v.notes)
	}
	p := sa.players[len(sa.players)-1]
	p.Play()
	p.Advance(1)
	report("firstms", float64(time.Since(start))/float64(time.Millisecond))
	if got := p.Heard(); len(got) != 1 || got[0] != fake.LongTakeSample(0, 48000) {
		t.Fatalf("first frame = %v, want %d", got, fake.LongTakeSample(0, 48000))
	}
	report("opened", residentMB(t))
	// Ten seconds here and there, as someone listening through would.
	for _, minute := range []int64{0, 30, 59, 12} {
		p.SeekFrame(minute * 60 * 48000)
		for range 10 {
			p.Advance(48000)
		}
		at := minute*60*48000 + 10*48000 - 1
		if got := p.Heard(); got[len(got)-1] != fake.LongTakeSample(at, 48000) {
			t.Fatalf("frame %d played as %d, want %d", at, got[len(got)-1], fake.LongTakeSample(at, 48000))
		}
	}
	if strings.HasSuffix(mode, "-review") {
		for deadline := time.Now().Add(5 * time.Minute); v.measure != nil; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the measurements of the take did not finish in 5 minutes")
			}
			v.Tick()
		}
	}
	report("after", residentMB(t))
	v.Close()
	probe := make([]byte, 64<<20)
	for i := range probe {
		probe[i] = byte(i)
	}
	report("probe", residentMB(t))
	if probe[len(probe)-1] != byte(len(probe)-1) {
		t.Fatal("probe lost its contents")
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
