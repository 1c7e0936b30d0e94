package review

import (
	"io"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"failforward/audio"
	"failforward/audio/takefile"
	"failforward/internal/fake"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

const rate = uitest.Rate

// streamAudio plays takes as the real devices do: from memory, or
// streamed from the source it is given. outputErr makes every open fail.
type streamAudio struct {
	players   []*fake.Player
	streams   int
	outputErr error
}

func (a *streamAudio) OpenPlayer(samples []int16, rate int) (audio.Player, error) {
	if a.outputErr != nil {
		return nil, a.outputErr
	}
	p := fake.NewPlayer(samples, rate)
	a.players = append(a.players, p)
	return p, nil
}

func (a *streamAudio) OpenStream(src audio.FrameSource, rate int) (audio.Player, error) {
	if a.outputErr != nil {
		if c, ok := src.(io.Closer); ok {
			_ = c.Close()
		}
		return nil, a.outputErr
	}
	a.streams++
	p := fake.NewStreamPlayer(src, rate)
	a.players = append(a.players, p)
	return p, nil
}

// streamed is a review screen on a window of its own, of a take stored
// as the app stores it, played through streamAudio (from its file or
// from memory).
type streamed struct {
	t     *testing.T
	w     fyne.Window
	lib   *practice.Library
	take  practice.Take
	v     *View
	audio *streamAudio
}

// openStreamed stores a take of the given seconds of speech with parts
// and opens the review screen on it, streaming it from its file.
func openStreamed(t *testing.T, seconds float64, parts ...practice.Part) *streamed {
	t.Helper()
	return openTake(t, true, uitest.Speech(seconds), parts...)
}

// openInMemory is openStreamed with an Audio that cannot stream: the
// review reads the take into memory.
func openInMemory(t *testing.T, seconds float64, parts ...practice.Part) *streamed {
	t.Helper()
	return openTake(t, false, uitest.Speech(seconds), parts...)
}

// openTake stores a take of samples with parts and opens the review
// screen on it, streamed from its file or read into memory.
func openTake(t *testing.T, stream bool, samples []int16, parts ...practice.Part) *streamed {
	t.Helper()
	s := &streamed{t: t, w: uitest.ViewWindow(t), lib: uitest.OpenLibrary(t), audio: &streamAudio{}}
	var a Audio = s.audio
	if !stream {
		a = memoryAudio{s.audio}
	}
	seconds := float64(len(samples)) / rate
	s.take = uitest.AddTake(t, s.lib, uitest.TakeSpec{Q: uitest.Questions[0], At: uitest.T0,
		Dur: seconds, Parts: parts, Audio: samples})
	tagged, err := practice.NewParts(s.take.Duration, s.take.Parts)
	if err != nil {
		t.Fatal(err)
	}
	keys := widgets.Keys{Key: func(ev *fyne.KeyEvent) { s.v.TypedKey(ev) }, Rune: func(r rune) { s.v.TypedRune(r) }}
	s.v = New(Options{Library: s.lib, Audio: a, Window: s.w, Keys: &keys, Limit: 2 * time.Minute}, Handlers{
		Show:  func(o fyne.CanvasObject) { uitest.Route(s.w, s.v, o) },
		Nav:   func(fyne.Shortcut) bool { return false },
		Guide: func(practice.Check) {},
	}, s.take, tagged, nil, nil)
	s.v.Open(s.lib.AudioPath(s.take.ID))
	s.v.Show()
	t.Cleanup(s.v.Close)
	return s
}

func (s *streamed) char(r rune) { s.w.Canvas().OnTypedRune()(r) }

func (s *streamed) space() { uitest.Hit(s.w, fyne.KeySpace) }

// player is the player opened last.
func (s *streamed) player() *fake.Player {
	s.t.Helper()
	if len(s.audio.players) == 0 {
		s.t.Fatal("no player opened")
	}
	return s.audio.players[len(s.audio.players)-1]
}

// text is every text on the window.
func (s *streamed) text() string { return uitest.ShownText(s.w) }

// shows reports whether text appears on the window.
func (s *streamed) shows(text string) bool { return strings.Contains(s.text(), text) }

// recorded is the take as its file holds it.
func (s *streamed) recorded() []int16 {
	s.t.Helper()
	samples, _, err := takefile.Read(s.lib.AudioPath(s.take.ID))
	if err != nil {
		s.t.Fatal(err)
	}
	return samples
}

// key sends a key to the window.
func (s *streamed) key(name fyne.KeyName) { uitest.Hit(s.w, name) }

// parts is the review's tagging now.
func (s *streamed) parts() []practice.Part { return s.v.parts.List() }

// savedParts loads the take from disk and returns its parts.
func (s *streamed) savedParts() []practice.Part {
	s.t.Helper()
	got, err := s.lib.Load(s.take.ID)
	if err != nil {
		s.t.Fatalf("Load: %v", err)
	}
	return got.Parts
}

// checkSaved fails unless take.json holds the parts on review now.
func (s *streamed) checkSaved(step string) {
	s.t.Helper()
	uitest.CheckSaved(s.t, s.lib, s.take.ID, step, s.parts())
}

// waitFor ticks until done reports true.
func (s *streamed) waitFor(what string, done func() bool) {
	s.t.Helper()
	uitest.WaitFor(s.t, what, s.v.Tick, done)
}

// waveX is the x position of t seconds on the waveform.
func (s *streamed) waveX(t float64) float32 { return s.v.w.wave.TimeToX(t) }

// drag drags the pointer across the waveform from one time to another in
// a few moves, at the waveform's middle, and lets go.
func (s *streamed) drag(from, to float64) {
	uitest.DragWave(s.v.w.wave, from, to, s.v.w.wave.WaveMidY())
}

// tapBand taps the lane of band i.
func (s *streamed) tapBand(i int) { uitest.TapBand(s.v.w.wave, i) }

// memoryAudio is streamAudio without OpenStream: the review reads the
// whole take into memory.
type memoryAudio struct{ s *streamAudio }

func (a memoryAudio) OpenPlayer(samples []int16, rate int) (audio.Player, error) {
	return a.s.OpenPlayer(samples, rate)
}
