package cue

import (
	"math"
	"slices"
	"testing"
	"time"

	"failforward/assets"
	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
)

func TestCueSpokenClips(t *testing.T) {
	tests := []struct {
		phase timer.Phase
		left  time.Duration
		want  []string
	}{
		{timer.Green, time.Minute, []string{"min1", "left"}},
		{timer.Yellow, 30 * time.Second, []string{"sec30", "left"}},
		{timer.Red, 0, []string{"timesup"}},
		{timer.Done, 0, []string{"timesup"}},
		{timer.Green, 150 * time.Second, []string{"min2", "sec30", "left"}},
		{timer.Yellow, 75 * time.Second, []string{"min1", "sec15", "left"}},
		{timer.Green, 5 * time.Minute, []string{"min5", "left"}},
		{timer.Green, 4*time.Minute + 45*time.Second, []string{"min4", "sec45", "left"}},
		{timer.Yellow, 37*time.Second + 600*time.Millisecond, []string{"sec45", "left"}}, // nearest 15 s
		{timer.Red, 6 * time.Second, []string{"sec15", "left"}},                          // some left: at least 15 s
		{timer.Red, -3 * time.Second, []string{"overtime"}},
		{timer.Speak, time.Minute, nil},
		{timer.Think, time.Minute, nil},
		{timer.Idle, 0, nil},
	}
	for _, tt := range tests {
		if got := spokenClips(tt.phase, tt.left); !slices.Equal(got, tt.want) {
			t.Errorf("spokenClips(%v, %v) = %q, want %q", tt.phase, tt.left, got, tt.want)
		}
	}
}

// TestCueEveryLimitCanBeSpoken checks that every phase change of every
// limit from 0:30 to 5:00 in 15 s steps, with the default marks and a few
// others, is said with clips that exist.
func TestCueEveryLimitCanBeSpoken(t *testing.T) {
	clips, err := cueClips()
	if err != nil {
		t.Fatalf("cueClips: %v", err)
	}
	marks := [][3]float64{{0.5, 0.75, 1}, {0.25, 0.5, 0.9}, {0.6, 0.8, 0.95}}
	for limit := timer.MinLimit; limit <= timer.MaxLimit; limit += 15 * time.Second {
		for _, m := range marks {
			for i, phase := range []timer.Phase{timer.Green, timer.Yellow, timer.Red} {
				left := limit - time.Duration(float64(limit)*m[i])
				names := spokenClips(phase, left)
				if len(names) == 0 {
					t.Errorf("limit %v, marks %v: no clips for %v with %v left", limit, m, phase, left)
				}
				for _, n := range names {
					if _, ok := clips[n]; !ok {
						t.Errorf("limit %v, %v with %v left: clip %q does not exist", limit, phase, left, n)
					}
				}
			}
		}
	}
}

func TestCueClipsAreSmallAndClean(t *testing.T) {
	clips, err := cueClips()
	if err != nil {
		t.Fatalf("cueClips: %v", err)
	}
	entries, err := assets.Cues.ReadDir("cues")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		total += int(info.Size())
	}
	if total > 400<<10 {
		t.Errorf("the cue clips take %d bytes, want at most 400 KiB", total)
	}
	want := []string{"min1", "min2", "min3", "min4", "min5", "sec15", "sec30", "sec45", "left", "timesup", "overtime"}
	for _, n := range want {
		c, ok := clips[n]
		if !ok {
			t.Errorf("clip %q missing", n)
			continue
		}
		if c.rate != 16000 {
			t.Errorf("clip %q at %d Hz, want 16000", n, c.rate)
		}
		if d := time.Duration(len(c.samples)) * time.Second / time.Duration(c.rate); d < 200*time.Millisecond || d > 1500*time.Millisecond {
			t.Errorf("clip %q lasts %v, want 0.2 s to 1.5 s (trimmed speech)", n, d)
		}
		// Faded ends: no click when clips are joined.
		if a, b := c.samples[0], c.samples[len(c.samples)-1]; cueAbs(a) > 300 || cueAbs(b) > 300 {
			t.Errorf("clip %q ends at %d and %d, want near 0", n, a, b)
		}
		if p := cuePeak(c.samples); p < 16000 {
			t.Errorf("clip %q peaks at %d, want it normalised (at least 16000)", n, p)
		}
	}
}

func cueAbs(v int16) int { return int(math.Abs(float64(v))) }

func cuePeak(s []int16) int {
	p := 0
	for _, v := range s {
		p = max(p, cueAbs(v))
	}
	return p
}

func TestCueSpokenSamples(t *testing.T) {
	const rate = 48000
	clips, err := cueClips()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Samples(practice.CuesSpoken, timer.Green, 60*time.Second, rate)
	if err != nil {
		t.Fatalf("Samples: %v", err)
	}
	// "one minute", a short gap, "left", each raised to 48 kHz.
	one := audio.Resample(clips["min1"].samples, 16000, rate)
	left := audio.Resample(clips["left"].samples, 16000, rate)
	gap := int(cueWordGap.Seconds() * rate)
	if want := len(one) + gap + len(left); len(got) != want {
		t.Fatalf("60 s left at 48 kHz: %d samples, want %d (one minute %d + gap %d + left %d)",
			len(got), want, len(one), gap, len(left))
	}
	if !slices.Equal(got[:len(one)], one) {
		t.Error("the cue does not start with the \"one minute\" clip")
	}
	if cuePeak(got[len(one):len(one)+gap]) != 0 {
		t.Error("the gap between the clips is not silent")
	}
	if !slices.Equal(got[len(one)+gap:], left) {
		t.Error("the cue does not end with the \"left\" clip")
	}
	// About 3 times the clips' 16 kHz length.
	if n16 := len(clips["min1"].samples) + len(clips["left"].samples); math.Abs(float64(len(one)+len(left))-3*float64(n16)) > 2 {
		t.Errorf("resampled clips: %d samples, want about 3 x %d", len(one)+len(left), n16)
	}

	up, err := Samples(practice.CuesSpoken, timer.Red, 0, rate)
	if err != nil {
		t.Fatal(err)
	}
	if want := audio.Resample(clips["timesup"].samples, 16000, rate); !slices.Equal(up, want) {
		t.Errorf("at the limit: %d samples, want the \"time's up\" clip (%d samples)", len(up), len(want))
	}
}

// cueBursts counts the separate stretches of sound: 5 ms windows whose peak
// is above a tenth of full scale, joined when less than 50 ms apart.
func cueBursts(s []int16, rate int) (n int, lengths []time.Duration) {
	win := rate / 200
	on, quiet, start := false, 0, 0
	for i := 0; i+win <= len(s); i += win {
		loud := cuePeak(s[i:i+win]) > math.MaxInt16/10
		switch {
		case loud && !on:
			on, start = true, i
			n++
		case loud:
			quiet = 0
		case on:
			quiet++
			if quiet*win >= rate/20 {
				on, quiet = false, 0
				lengths = append(lengths, time.Duration(i-start-quiet*win+win)*time.Second/time.Duration(rate))
			}
		}
	}
	if on {
		lengths = append(lengths, time.Duration(len(s)-start)*time.Second/time.Duration(rate))
	}
	return n, lengths
}

func TestCueToneBeeps(t *testing.T) {
	tests := []struct {
		phase    timer.Phase
		want     int
		wantLong bool // the last beep is longer
	}{
		{timer.Green, 1, false},
		{timer.Yellow, 2, false},
		{timer.Red, 3, true},
		{timer.Done, 3, true},
		{timer.Speak, 0, false},
	}
	for _, rate := range []int{44100, 48000} {
		for _, tt := range tests {
			s, err := Samples(practice.CuesTone, tt.phase, time.Minute, rate)
			if err != nil {
				t.Fatalf("Samples(tone, %v): %v", tt.phase, err)
			}
			got, lengths := cueBursts(s, rate)
			if got != tt.want {
				t.Errorf("%d Hz, %v: %d beeps, want %d", rate, tt.phase, got, tt.want)
				continue
			}
			if got == 0 {
				continue
			}
			last, first := lengths[len(lengths)-1], lengths[0]
			if isLong := last > 2*first; isLong != tt.wantLong {
				t.Errorf("%d Hz, %v: beeps last %v; want the last one longer: %v", rate, tt.phase, lengths, tt.wantLong)
			}
		}
	}
}

func TestCueNoneAndErrors(t *testing.T) {
	if s, err := Samples(practice.CuesNone, timer.Green, time.Minute, 48000); s != nil || err != nil {
		t.Errorf("Samples(none) = %d samples, %v; want nil, nil", len(s), err)
	}
	if _, err := Samples(practice.Cues("bells"), timer.Green, time.Minute, 48000); err == nil {
		t.Error("Samples with an unknown kind: no error")
	}
	if _, err := Samples(practice.CuesTone, timer.Green, time.Minute, 0); err == nil {
		t.Error("Samples at rate 0: no error")
	}
}

// TestCuePreview checks what Listen on the settings screen plays: the
// cue of each light in turn, saying the time left at that light's mark.
func TestCuePreview(t *testing.T) {
	const rate = 48000
	cue := func(kind practice.Cues, phase timer.Phase, left time.Duration) []int16 {
		t.Helper()
		s, err := Samples(kind, phase, left, rate)
		if err != nil || len(s) == 0 {
			t.Fatalf("Samples(%s, %v, %v) = %d samples, %v", kind, phase, left, len(s), err)
		}
		return s
	}
	gap := audio.Silent(rate, cuePreviewGap)
	join := func(parts ...[]int16) []int16 {
		var out []int16
		for i, p := range parts {
			if i > 0 {
				out = append(out, gap...)
			}
			out = append(out, p...)
		}
		return out
	}
	s := practice.DefaultSettings() // 2:00, marks at 50, 75 and 100 %
	tests := []struct {
		name string
		edit func(*practice.Settings)
		want []int16
	}{
		{"spoken at 2:00", func(s *practice.Settings) { s.Cues = practice.CuesSpoken },
			join(cue(practice.CuesSpoken, timer.Green, time.Minute), cue(practice.CuesSpoken, timer.Yellow, 30*time.Second),
				cue(practice.CuesSpoken, timer.Red, 0))},
		{"spoken at 1:00, red at 90 %", func(s *practice.Settings) { s.Cues, s.Limit, s.Red = practice.CuesSpoken, time.Minute, .9 },
			join(cue(practice.CuesSpoken, timer.Green, 30*time.Second), cue(practice.CuesSpoken, timer.Yellow, 15*time.Second),
				cue(practice.CuesSpoken, timer.Red, 6*time.Second))},
		{"tones", func(s *practice.Settings) { s.Cues = practice.CuesTone },
			join(cue(practice.CuesTone, timer.Green, 0), cue(practice.CuesTone, timer.Yellow, 0), cue(practice.CuesTone, timer.Red, 0))},
		{"none", func(s *practice.Settings) { s.Cues = practice.CuesNone }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := s
			tt.edit(&s)
			got, err := Preview(s, rate)
			if err != nil {
				t.Fatalf("Preview: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Preview = %d samples, want %d (the three cues with %v between)", len(got), len(tt.want), cuePreviewGap)
			}
		})
	}
	// The spoken cues differ from light to light: the preview is not one
	// clip three times.
	a, b := cue(practice.CuesSpoken, timer.Green, time.Minute), cue(practice.CuesSpoken, timer.Red, 0)
	if slices.Equal(a, b) {
		t.Error("the green and red spoken cues are the same sound")
	}
}
