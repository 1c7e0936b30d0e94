package analysis

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// phrases are spoken without punctuation, so espeak-ng puts no pause inside
// them.
var phrases = []string{
	"my first job was at a small shop",
	"the release failed on a friday",
	"so I called the team together",
	"we rolled back within an hour",
	"then I wrote down what went wrong",
	"now I test every change twice",
	"and that is what I learned",
}

// spokenAnswer joins the phrases, trimmed of their own silence, with the
// given silences between them and lead/tail silence around, and returns the
// samples and the true pauses.
func spokenAnswer(t testing.TB, rate int, gaps []float64, lead, tail float64) ([]int16, []Pause) {
	t.Helper()
	s := silence(rate, lead)
	var want []Pause
	for i, p := range phrases[:len(gaps)+1] {
		c := trimSilence(speak(t, rate, p))
		if got := longestQuiet(c, rate); got >= 0.25 {
			t.Fatalf("espeak-ng put a %.2f s silence inside %q; the test needs unbroken phrases", got, p)
		}
		s = append(s, c...)
		if i < len(gaps) {
			start := float64(len(s)) / float64(rate)
			s = append(s, silence(rate, gaps[i])...)
			want = append(want, Pause{start, float64(len(s)) / float64(rate)})
		}
	}
	return append(s, silence(rate, tail)...), want
}

// longestQuiet returns the longest run, in seconds, of samples below the
// trimSilence level in a clean clip.
func longestQuiet(s []int16, rate int) float64 {
	run, best := 0, 0
	for _, v := range s {
		if abs16(v) < 30 {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return float64(best) / float64(rate)
}

// checkPauses compares found pauses with the true ones: same number, both
// edges within tol seconds.
func checkPauses(t *testing.T, got, want []Pause, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("found %d pauses %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		ds, de := got[i].Start-want[i].Start, got[i].End-want[i].End
		if math.Abs(ds) > tol || math.Abs(de) > tol {
			t.Errorf("pause %d: got %.3f–%.3f s, want %.3f–%.3f s (onset off by %.0f ms, end by %.0f ms)",
				i, got[i].Start, got[i].End, want[i].Start, want[i].End, ds*1000, de*1000)
		}
	}
}

func TestPausesInSpeechWithNoise(t *testing.T) {
	gaps := []float64{0.3, 0.45, 0.7, 1.0, 2.0, 3.0}
	for _, tc := range []struct {
		rate    int
		noiseDB float64
	}{
		{16000, -55},
		{48000, -55},
		{22050, -65},
		{44100, -50},
	} {
		t.Run(fmt.Sprintf("%dHz_noise%.0fdB", tc.rate, tc.noiseDB), func(t *testing.T) {
			s, want := spokenAnswer(t, tc.rate, gaps, 0.8, 0.6)
			addNoise(s, tc.noiseDB, 7)
			r, err := Analyze(s, tc.rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPauses(t, r.Pauses, want, 0.1)
			if math.Abs(r.FirstWord-0.8) > 0.1 {
				t.Errorf("first word at %.3f s, want 0.8", r.FirstWord)
			}
			end := r.Duration - 0.6
			if math.Abs(r.SpeechEnd-end) > 0.1 {
				t.Errorf("speech ends at %.3f s, want %.3f", r.SpeechEnd, end)
			}
			if math.Abs(r.NoiseFloor-tc.noiseDB) > 3 {
				t.Errorf("noise floor %.1f dBFS, want about %.0f", r.NoiseFloor, tc.noiseDB)
			}
			var total, longest float64
			for _, p := range want {
				total += p.Len()
				longest = max(longest, p.Len())
			}
			if math.Abs(r.MeanPause-total/float64(len(want))) > 0.05 || math.Abs(r.LongestPause-longest) > 0.1 {
				t.Errorf("mean/longest pause %.2f/%.2f s, want %.2f/%.2f", r.MeanPause, r.LongestPause, total/float64(len(want)), longest)
			}
			speech := (end - 0.8) - total
			if math.Abs(r.Speech-speech) > 0.2 {
				t.Errorf("speaking time %.2f s, want %.2f", r.Speech, speech)
			}
		})
	}
}

func TestMinPauseOption(t *testing.T) {
	gaps := []float64{0.3, 0.45, 0.7, 1.0}
	s, all := spokenAnswer(t, 16000, gaps, 0.5, 0.5)
	addNoise(s, -60, 3)
	for _, tc := range []struct {
		min  time.Duration
		want []Pause
	}{
		{0, all},
		{600 * time.Millisecond, all[2:]},
		{1500 * time.Millisecond, nil},
	} {
		r, err := Analyze(s, 16000, Options{MinPause: tc.min})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(tc.min.String(), func(t *testing.T) { checkPauses(t, r.Pauses, tc.want, 0.1) })
	}
}

// TestNoiseFloorFollowsTheRoom: the background noise rises by 25 dB in the
// middle of the take (a fan switched on); pauses after it are still found and
// the louder noise is not taken for speech.
func TestNoiseFloorFollowsTheRoom(t *testing.T) {
	const rate = 16000
	gaps := []float64{1.0, 1.0, 0.5, 0.8, 1.2, 0.6}
	s, want := spokenAnswer(t, rate, gaps, 1, 1)
	// Move the step to 7 s before the last three pauses, so the floor has
	// had time to follow it.
	step := int((want[3].Start - 7) * rate)
	if step <= 0 {
		t.Fatalf("answer too short for the test: pause 3 starts at %.1f s", want[3].Start)
	}
	addNoise(s[:step], -70, 1)
	addNoise(s[step:], -45, 2)
	r, err := Analyze(s, rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var tail []Pause
	for _, p := range r.Pauses {
		if p.Start >= want[3].Start-0.2 {
			tail = append(tail, p)
		}
	}
	checkPauses(t, tail, want[3:], 0.1)
}

func TestContinuousSpeechHasNoPause(t *testing.T) {
	const rate = 16000
	text := "when I joined the support team I thought the fastest way to help was to answer every ticket myself " +
		"and for a few weeks that worked until the queue grew faster than I could read it and customers waited days"
	c := trimSilence(speak(t, rate, text))
	if q := longestQuiet(c, rate); q >= 0.25 {
		t.Fatalf("espeak-ng put a %.2f s silence inside the text", q)
	}
	s := append(append(silence(rate, 1), c...), silence(rate, 1)...)
	addNoise(s, -55, 5)
	r, err := Analyze(s, rate, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pauses) != 0 {
		t.Errorf("found pauses %v inside %.1f s of unbroken speech", r.Pauses, float64(len(c))/rate)
	}
}

func TestStartDelayCountsTowardsFirstWord(t *testing.T) {
	s, _ := spokenAnswer(t, 16000, nil, 1.5, 0.5)
	r, err := Analyze(s, 16000, Options{StartDelay: 250 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.FirstWord-1.75) > 0.1 {
		t.Errorf("first word at %.3f s, want 1.75 (1.5 s of silence + 0.25 s start delay)", r.FirstWord)
	}
}

func TestSilenceAndNoiseAreNotSpeech(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    []int16
	}{
		{"digital silence", silence(16000, 3)},
		{"white noise", func() []int16 { s := silence(16000, 3); addNoise(s, -40, 9); return s }()},
		{"empty", nil},
		{"one sample", []int16{1000}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Analyze(tc.s, 16000, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Speech != 0 || len(r.Pauses) != 0 || r.Syllables != 0 || r.PitchMedian != 0 {
				t.Errorf("speech %.2f s, pauses %v, syllables %d, pitch %.0f Hz; want nothing", r.Speech, r.Pauses, r.Syllables, r.PitchMedian)
			}
			if len(r.SuggestedBoundaries) != 4 {
				t.Errorf("suggested boundaries %v, want 4", r.SuggestedBoundaries)
			}
			if f := r.Findings(); len(f) == 0 || f[0].Kind != KindSpeech || f[0].Severity != Warning {
				t.Errorf("findings %v, want a speech warning first", f)
			}
		})
	}
}

func TestRateTooLow(t *testing.T) {
	if _, err := Analyze(make([]int16, 100), 2000, Options{}); err == nil {
		t.Error("Analyze at 2000 Hz succeeded, want an error")
	}
	if _, err := NewAnalyzer(0, Options{}); err == nil {
		t.Error("NewAnalyzer at 0 Hz succeeded, want an error")
	}
}

// TestNoiseFadingInAtTheStart: the recording begins in digital silence and
// the room's noise (hiss and a fan's hum) fades in over half a second (as a
// recorder or its noise suppression starts), then the speaker begins at 1.2 s. The near-silent
// start must not set the noise floor of the first seconds, or the noise
// before the first word, and the pause after a quiet word, count as speech.
func TestNoiseFadingInAtTheStart(t *testing.T) {
	for _, rate := range []int{16000, 48000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			gaps := []float64{0.5, 0.8}
			s, want := spokenAnswer(t, rate, gaps, 1.2, 1)
			// The room: hiss and the buzz of a fan's motor at 120 Hz.
			noise := tone(rate, 120, float64(len(s))/float64(rate), -50)
			addNoise(noise, -48, 11)
			fade := int(0.5 * float64(rate))
			for i := range noise {
				g := 1.0
				switch {
				case i < fade/4:
					g = 0
				case i < fade:
					g = float64(i-fade/4) / float64(fade-fade/4)
				}
				s[i] = clamp16(float64(s[i]) + g*g*float64(noise[i]))
			}
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(r.FirstWord-1.2) > 0.1 {
				t.Errorf("first word at %.3f s, want 1.2: the noise fading in was taken for speech", r.FirstWord)
			}
			checkPauses(t, r.Pauses, want, 0.1)
		})
	}
}

// TestWeakVoiceInsideWords: a voice that sinks between two words to a
// creak at the level of a steady noise for 0.45 s (a cold, a low voice
// trailing off and picking up again) is still speech, not a pause; the true
// pauses around it are still found.
func TestWeakVoiceInsideWords(t *testing.T) {
	for _, rate := range []int{16000, 48000} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			const noiseDB = -50
			noiseRMS := math.Pow(10, noiseDB/20.0) * 32768
			weak := creak(rate, 0.45, -20, 1, 3)
			var sum float64
			for _, v := range weak {
				sum += float64(v) * float64(v)
			}
			g := noiseRMS / math.Sqrt(sum/float64(len(weak)))
			for i, v := range weak {
				weak[i] = clamp16(float64(v) * g)
			}
			s := silence(rate, 0.8)
			var want []Pause
			for i, gap := range []float64{0.8, 1.0, 0} {
				s = append(s, trimSilence(speak(t, rate, phrases[2*i]))...)
				s = append(s, weak...)
				s = append(s, trimSilence(speak(t, rate, phrases[2*i+1]))...)
				if gap > 0 {
					start := float64(len(s)) / float64(rate)
					s = append(s, silence(rate, gap)...)
					want = append(want, Pause{start, float64(len(s)) / float64(rate)})
				}
			}
			s = append(s, silence(rate, 0.8)...)
			addNoise(s, noiseDB, 13)
			r, err := Analyze(s, rate, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPauses(t, r.Pauses, want, 0.1)
		})
	}
}
