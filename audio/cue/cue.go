// Package cue makes the time cues a take plays while the answer runs: a
// spoken "one minute left" from the clips embedded in assets, or beeps. It
// only makes samples; playing them is the caller's. It uses no Fyne and
// starts no goroutines.
package cue

import (
	"fmt"
	"sync"
	"time"

	"failforward/assets"
	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
)

// Names of the spoken clips in assets/cues (scripts/make-cues.sh makes
// them): "one minute" to "five minutes", "fifteen", "thirty" and
// "forty-five seconds", "left", "time's up" and "over time".
var (
	clipMinutes = [...]string{1: "min1", 2: "min2", 3: "min3", 4: "min4", 5: "min5"}
	clipSeconds = map[int]string{15: "sec15", 30: "sec30", 45: "sec45"}
)

const (
	clipLeft     = "left"
	clipTimesUp  = "timesup"
	clipOverTime = "overtime"
)

// Shape of the cues.
const (
	cueStep     = 15 * time.Second       // spoken times are rounded to this
	cueMaxLeft  = 5 * time.Minute        // the most a spoken cue can say
	cueWordGap  = 80 * time.Millisecond  // silence between spoken clips
	cueBeepHz   = 880                    // tone cue pitch
	cueBeep     = 150 * time.Millisecond // one short beep
	cueLongBeep = 450 * time.Millisecond // the last beep at the limit
	cueBeepGap  = 120 * time.Millisecond
	cueBeepAmp  = 0.35 // about -9 dBFS: clear, not startling
)

// spokenClips names the clips that say the time left at the start of a
// phase: "one minute" "thirty seconds" "left" at a mark, "time's up" at
// the limit (Red with nothing left, or Done), "over time" when left is
// negative (the caller passes minus the overtime). The time is rounded to
// the nearest 15 seconds, at least 15 s while some is left and at most
// 5 minutes. Phases without a cue (Idle, Think, Speak) give nil.
func spokenClips(phase timer.Phase, left time.Duration) []string {
	switch phase {
	case timer.Green, timer.Yellow, timer.Red:
	case timer.Done:
		return []string{clipTimesUp}
	default:
		return nil
	}
	switch {
	case left < 0:
		return []string{clipOverTime}
	case left == 0:
		return []string{clipTimesUp}
	}
	r := min(max(left.Round(cueStep), cueStep), cueMaxLeft)
	mins, secs := int(r/time.Minute), int(r%time.Minute/time.Second)
	var clips []string
	if mins > 0 {
		clips = append(clips, clipMinutes[mins])
	}
	if secs > 0 {
		clips = append(clips, clipSeconds[secs])
	}
	return append(clips, clipLeft)
}

// cueBeeps is the tone cue of a phase as the lengths of its beeps: one short
// beep at green, two at yellow, three at red and at the limit, the last
// one long.
func cueBeeps(phase timer.Phase) []time.Duration {
	switch phase {
	case timer.Green:
		return []time.Duration{cueBeep}
	case timer.Yellow:
		return []time.Duration{cueBeep, cueBeep}
	case timer.Red, timer.Done:
		return []time.Duration{cueBeep, cueBeep, cueLongBeep}
	}
	return nil
}

// Samples returns the mono samples at rate to play when the countdown
// enters phase with left time to go (see spokenClips for left). It returns
// nil for practice.CuesNone and for phases without a cue. The samples are
// for the output only; they are never part of a take.
func Samples(kind practice.Cues, phase timer.Phase, left time.Duration, rate int) ([]int16, error) {
	if rate <= 0 {
		return nil, fmt.Errorf("cue: time cue at sample rate %d: the output device reported no usable rate", rate)
	}
	switch kind {
	case practice.CuesNone, "":
		return nil, nil
	case practice.CuesTone:
		var out []int16
		for i, d := range cueBeeps(phase) {
			if i > 0 {
				out = append(out, audio.Silent(rate, cueBeepGap)...)
			}
			out = append(out, audio.Tone(rate, cueBeepHz, d, cueBeepAmp)...)
		}
		return out, nil
	case practice.CuesSpoken:
		clips, err := cueClips()
		if err != nil {
			return nil, err
		}
		var out []int16
		for i, name := range spokenClips(phase, left) {
			c, ok := clips[name]
			if !ok {
				return nil, fmt.Errorf("cue: time cue %q is missing from the built-in sounds", name)
			}
			if i > 0 {
				out = append(out, audio.Silent(rate, cueWordGap)...)
			}
			out = append(out, audio.Resample(c.samples, c.rate, rate)...)
		}
		return out, nil
	}
	return nil, fmt.Errorf("cue: unknown time cue setting %q", kind)
}

// cueClip is one decoded spoken clip.
type cueClip struct {
	samples []int16
	rate    int
}

// cueClips decodes the embedded clips once and keeps them.
var cueClips = sync.OnceValues(func() (map[string]cueClip, error) {
	return loadCueClips()
})

// loadCueClips decodes every clip in assets.Cues, by name without ".wav".
func loadCueClips() (map[string]cueClip, error) {
	entries, err := assets.Cues.ReadDir("cues")
	if err != nil {
		return nil, fmt.Errorf("cue: reading the built-in time cues: %w", err)
	}
	clips := make(map[string]cueClip, len(entries))
	for _, e := range entries {
		data, err := assets.Cues.ReadFile("cues/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("cue: reading time cue %s: %w", e.Name(), err)
		}
		s, rate, err := audio.DecodePCM16(data)
		if err != nil {
			return nil, fmt.Errorf("cue: time cue %s: %w", e.Name(), err)
		}
		name := e.Name()
		clips[name[:len(name)-len(".wav")]] = cueClip{samples: s, rate: rate}
	}
	return clips, nil
}

// cuePreviewGap is the silence between the cues of a preview.
const cuePreviewGap = 700 * time.Millisecond

// Preview returns the cues a take under s plays at green, yellow and red,
// one after another, each with the time left at its mark: what Listen on
// the settings screen plays. It returns nil when s has no cues.
func Preview(s practice.Settings, rate int) ([]int16, error) {
	var out []int16
	marks := []struct {
		phase timer.Phase
		at    float64
	}{{timer.Green, s.Green}, {timer.Yellow, s.Yellow}, {timer.Red, s.Red}}
	for _, m := range marks {
		left := s.Limit - time.Duration(m.at*float64(s.Limit))
		cue, err := Samples(s.Cues, m.phase, left.Round(time.Second), rate)
		if err != nil {
			return nil, err
		}
		if len(cue) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, audio.Silent(rate, cuePreviewGap)...)
		}
		out = append(out, cue...)
	}
	return out, nil
}
