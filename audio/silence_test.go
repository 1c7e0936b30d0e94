package audio

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// silenceRate is the sample rate of the silence tests: a 2 s window is
// 16000 frames.
const silenceRate = 8000

// zeros returns n zero samples.
func zeros(n int) []int16 { return make([]int16, n) }

// withSample returns n zero samples with v at index i.
func withSample(n, i int, v int16) []int16 {
	b := make([]int16, n)
	b[i] = v
	return b
}

// refDigitalSilence is the reference: concatenate every block, and the answer
// is whether there are at least window samples and the first window are all 0.
func refDigitalSilence(blocks [][]int16, window int) bool {
	var all []int16
	for _, b := range blocks {
		all = append(all, b...)
	}
	if len(all) < window {
		return false
	}
	for _, s := range all[:window] {
		if s != 0 {
			return false
		}
	}
	return true
}

func TestSilenceWatch(t *testing.T) {
	const window = 2 * silenceRate
	tests := []struct {
		name        string
		blocks      [][]int16
		wantDecided bool
		wantSilence bool
	}{
		{"nothing fed", nil, false, false},
		{"empty blocks", [][]int16{{}, {}}, false, false},
		{"zeros, one sample short", [][]int16{zeros(window - 1)}, false, false},
		{"zeros, exactly the window", [][]int16{zeros(window)}, true, true},
		{"zeros in small blocks", [][]int16{zeros(1000), zeros(1000), zeros(window - 2000)}, true, true},
		{"zeros past the window", [][]int16{zeros(window + 5000)}, true, true},
		{"one LSB at the start", [][]int16{withSample(window, 0, 1)}, true, false},
		{"minus one LSB at the end", [][]int16{withSample(window, window-1, -1)}, true, false},
		{"full scale in the middle", [][]int16{withSample(window, window/2, -32768)}, true, false},
		{"sound just after the window", [][]int16{zeros(window), {1, 2, 3}}, true, true},
		{"sound after the window, same block", [][]int16{withSample(window+10, window, 500)}, true, true},
		{"sound in the last block that fills it", [][]int16{zeros(window - 4), {0, 0, 0, 7, 9}}, true, false},
		{"sound early, window not yet full", [][]int16{withSample(100, 3, 12)}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := NewSilenceWatch(silenceRate)
			for _, b := range tt.blocks {
				w.Feed(b)
			}
			if got := w.Decided(); got != tt.wantDecided {
				t.Errorf("Decided() = %v, want %v", got, tt.wantDecided)
			}
			if got := w.DigitalSilence(); got != tt.wantSilence {
				t.Errorf("DigitalSilence() = %v, want %v", got, tt.wantSilence)
			}
			if ref := refDigitalSilence(tt.blocks, window); ref != tt.wantSilence {
				t.Errorf("reference = %v, want %v (the table is wrong)", ref, tt.wantSilence)
			}
		})
	}
}

// TestSilenceWatchMatchesReference feeds random streams, split into random
// blocks, and compares with the reference.
func TestSilenceWatchMatchesReference(t *testing.T) {
	const window = 2 * silenceRate
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 300 {
		n := r.IntN(2*window + 1)
		stream := make([]int16, n)
		// Mostly silent streams, with up to three samples of ±1 or loud
		// ones somewhere, so both answers come up often.
		for range r.IntN(4) {
			if n == 0 {
				break
			}
			v := int16(r.IntN(3) - 1)
			if r.IntN(2) == 0 {
				v = int16(r.IntN(65536) - 32768)
			}
			stream[r.IntN(n)] = v
		}
		var blocks [][]int16
		for rest := stream; len(rest) > 0; {
			k := min(1+r.IntN(3000), len(rest))
			blocks = append(blocks, rest[:k])
			rest = rest[k:]
		}
		w := NewSilenceWatch(silenceRate)
		for _, b := range blocks {
			w.Feed(b)
		}
		if got, want := w.DigitalSilence(), refDigitalSilence(blocks, window); got != want {
			t.Fatalf("stream %d (%d samples in %d blocks): DigitalSilence() = %v, want %v",
				i, n, len(blocks), got, want)
		}
	}
}

func TestSilenceWatchReset(t *testing.T) {
	w := NewSilenceWatch(silenceRate)
	w.Feed(withSample(2*silenceRate, 10, 300))
	if w.DigitalSilence() {
		t.Fatalf("DigitalSilence() = true after a loud sample, want false")
	}
	w.Reset()
	if w.Decided() {
		t.Errorf("Decided() = true right after Reset, want false")
	}
	w.Feed(zeros(2 * silenceRate))
	if !w.DigitalSilence() {
		t.Errorf("DigitalSilence() = false after Reset and 2 s of zeros, want true")
	}
}

func TestNewSilenceWatchWindow(t *testing.T) {
	tests := []struct {
		rate       int
		wantWindow int
	}{
		{16000, 32000},
		{44100, 88200},
		{48000, 96000},
		{0, 96000},  // default rate
		{-1, 96000}, // default rate
	}
	for _, tt := range tests {
		w := NewSilenceWatch(tt.rate)
		w.Feed(zeros(tt.wantWindow - 1))
		if w.Decided() {
			t.Errorf("rate %d: decided after %d frames, want only after %d", tt.rate, tt.wantWindow-1, tt.wantWindow)
		}
		w.Feed(zeros(1))
		if !w.Decided() {
			t.Errorf("rate %d: not decided after %d frames, want decided", tt.rate, tt.wantWindow)
		}
	}
}

func TestPermissionHint(t *testing.T) {
	tests := []struct {
		goos     string
		want     []string // each must appear
		wantNot  []string // none may appear
		wantWhys string   // the reason SilenceMessage gives
	}{
		{"darwin",
			[]string{"System Settings > Privacy & Security > Microphone", "Fail Forward", "open it again"},
			[]string{"pavucontrol", "desktop apps"}, "isn't allowed"},
		{"windows",
			[]string{"Settings > Privacy & security > Microphone", "Let desktop apps access your microphone", "open it again"},
			[]string{"pavucontrol", "System Settings"}, "isn't allowed"},
		{"linux",
			[]string{"muted", "pavucontrol", "failforward devices", "--input"},
			[]string{"Privacy"}, "muted"},
		{"freebsd",
			[]string{"muted", "--input"},
			[]string{"Privacy"}, "muted"},
	}
	for _, tt := range tests {
		t.Run(tt.goos, func(t *testing.T) {
			got := PermissionHint(tt.goos)
			for _, s := range tt.want {
				if !strings.Contains(got, s) {
					t.Errorf("PermissionHint(%q) = %q, want it to contain %q", tt.goos, got, s)
				}
			}
			for _, s := range tt.wantNot {
				if strings.Contains(got, s) {
					t.Errorf("PermissionHint(%q) = %q, want no %q (another system's advice)", tt.goos, got, s)
				}
			}
			msg := SilenceMessage(tt.goos)
			if !strings.Contains(msg, "only silence") || !strings.Contains(msg, tt.wantWhys) {
				t.Errorf("SilenceMessage(%q) = %q, want what happened (\"only silence\") and why (%q)", tt.goos, msg, tt.wantWhys)
			}
			if !strings.HasSuffix(msg, got) {
				t.Errorf("SilenceMessage(%q) = %q, want it to end with the hint %q", tt.goos, msg, got)
			}
		})
	}
}

func BenchmarkSilenceWatchFeed(b *testing.B) {
	block := zeros(480) // 10 ms at 48 kHz
	w := NewSilenceWatch(48000)
	b.ReportAllocs()
	for b.Loop() {
		w.Feed(block)
		if w.Decided() {
			w.Reset()
		}
	}
}
