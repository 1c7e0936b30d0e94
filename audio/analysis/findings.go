package analysis

import (
	"fmt"
	"math"
)

// The usual ranges the findings compare against.
const (
	// PaceLow and PaceHigh bound the usual speaking rate, syllables per
	// second.
	PaceLow, PaceHigh = 2.5, 4.5
	// LongPause is the pause length, in seconds, above which a pause is
	// pointed out.
	LongPause = 2.0
	// MonotoneSemitones is the pitch spread below which a voice sounds
	// flat.
	MonotoneSemitones = 2.0
	// LateStart is the time to first word, in seconds, above which the
	// start is pointed out.
	LateStart = 3.0
	// QuietDBFS is the speech level below which the recording is called
	// quiet.
	QuietDBFS = -40.0
	// ManyFillers is the rate of filled pauses ("um", "uh") per minute
	// above which they are pointed out: a few are natural, many start to
	// draw the listener's attention away from the story.
	ManyFillers = 4.0
)

// Severity says how a finding should be shown.
type Severity int

// Severities, from neutral to needing action.
const (
	Info    Severity = iota // a figure, neither good nor bad
	Good                    // inside the usual range
	Tip                     // outside the usual range: a suggestion
	Warning                 // a problem with the recording itself
)

// String returns "info", "good", "tip" or "warning".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Good:
		return "good"
	case Tip:
		return "tip"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText makes a Severity read as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a Severity written by MarshalText.
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{Info, Good, Tip, Warning} {
		if v.String() == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("analysis: unknown severity %q", b)
}

// Finding kinds.
const (
	KindSpeech    = "speech"     // whether speech was heard at all
	KindPace      = "pace"       // syllables per second
	KindPauses    = "pauses"     // how many pauses, how long
	KindLongPause = "long-pause" // pauses over LongPause
	KindFirstWord = "first-word" // time to the first word
	KindPitch     = "pitch"      // pitch spread, monotone
	KindLoudness  = "loudness"   // level and its spread, quiet recording
	KindClipping  = "clipping"   // clipped samples
	KindFillers   = "fillers"    // filled pauses: "um", "uh"
)

// Finding is one observation about a take, in plain coaching words.
type Finding struct {
	Kind     string   `json:"kind"`
	Text     string   `json:"text"`
	Severity Severity `json:"severity"`
}

// Findings describes the take in plain words against the usual ranges, most
// important first within each topic: speech heard, pace, pauses, start,
// pitch, loudness, clipping.
func (r *Report) Findings() []Finding {
	var out []Finding
	if r.Speech == 0 {
		out = append(out, Finding{KindSpeech, "No speech was heard in this take. Check that the right microphone is chosen and not muted, then try again.", Warning})
		return append(out, clippingFinding(r.Clipped)...)
	}
	out = append(out, paceFinding(r.SyllablesPerS))
	out = append(out, r.pauseFindings()...)
	if r.fr != nil || len(r.FilledPauses) > 0 {
		out = append(out, FillerFinding(len(r.FilledPauses), r.FilledPausesPerMin))
	}
	if r.FirstWord > LateStart {
		out = append(out, Finding{KindFirstWord, fmt.Sprintf("You began speaking %.1f s into the answer. Having your first sentence ready gets you off to a confident start.", r.FirstWord), Tip})
	} else {
		out = append(out, Finding{KindFirstWord, fmt.Sprintf("You began speaking %.1f s into the answer.", r.FirstWord), Good})
	}
	out = append(out, pitchFindings(r.PitchMedian, r.PitchSD)...)
	out = append(out, loudnessFinding(r.Loudness, r.LoudnessSD))
	return append(out, clippingFinding(r.Clipped)...)
}

func (r *Report) pauseFindings() []Finding {
	if len(r.Pauses) == 0 {
		return []Finding{{KindPauses, "You spoke without a pause. A short breath between points helps the listener follow.", Tip}}
	}
	out := []Finding{{KindPauses, fmt.Sprintf("You paused %s, %.1f s on average; the longest was %.1f s.", times(len(r.Pauses)), r.MeanPause, r.LongestPause), Info}}
	var long []Pause
	for _, p := range r.Pauses {
		if p.Len() > LongPause {
			long = append(long, p)
		}
	}
	if len(long) > 0 {
		at := long[0]
		for _, p := range long {
			if p.Len() > at.Len() {
				at = p
			}
		}
		what := "One pause was"
		if len(long) > 1 {
			what = fmt.Sprintf("%d pauses were", len(long))
		}
		out = append(out, Finding{KindLongPause, fmt.Sprintf("%s longer than %.0f s (the longest, %.1f s, at %s). A second or so is enough to breathe and think; longer can sound like a lost thread.", what, LongPause, at.Len(), clock(at.Start)), Tip})
	}
	return out
}

// Findings describes one stretch of a take (a STAR part) in the same words as
// Report.Findings: pace, pauses and pitch.
func (s SegmentStats) Findings() []Finding {
	if !s.Measured {
		return nil
	}
	if s.Speech == 0 {
		return []Finding{{KindSpeech, "No speech was heard in this part.", Info}}
	}
	out := []Finding{paceFinding(s.SyllablesPerS)}
	if s.Pauses > 0 {
		sev := Info
		text := fmt.Sprintf("You paused %s here; the longest was %.1f s.", times(s.Pauses), s.LongestPause)
		if s.LongestPause > LongPause {
			sev = Tip
			text += fmt.Sprintf(" Pauses over %.0f s can sound like a lost thread.", LongPause)
		}
		out = append(out, Finding{KindPauses, text, sev})
	}
	if s.FilledPauses > 0 {
		out = append(out, Finding{KindFillers, fmt.Sprintf("You said \"um\" or \"uh\" %s here.", times(s.FilledPauses)), Info})
	}
	return append(out, pitchFindings(s.PitchMedian, s.PitchSD)...)
}

// FillerFinding describes n filled pauses ("um", "uh") at perMin a minute in
// plain words.
func FillerFinding(n int, perMin float64) Finding {
	switch {
	case n == 0:
		return Finding{KindFillers, "No filled pauses (\"um\", \"uh\") were heard: your silences did the thinking.", Good}
	case perMin <= ManyFillers:
		return Finding{KindFillers, fmt.Sprintf("You said \"um\" or \"uh\" %s (%.1f a minute). A few are natural and show you are thinking; listeners hardly notice them.", times(n), perMin), Good}
	}
	return Finding{KindFillers, fmt.Sprintf("You said \"um\" or \"uh\" %s (%.1f a minute). Above about %.0f a minute they start to draw attention from the story; a short silent pause does the same job and sounds more sure.", times(n), perMin, ManyFillers), Tip}
}

func paceFinding(rate float64) Finding {
	rng := fmt.Sprintf("%.1f–%.1f", PaceLow, PaceHigh)
	switch {
	case rate < PaceLow:
		return Finding{KindPace, fmt.Sprintf("Your pace was %.1f syllables a second, a little under the usual %s. Joining short phrases into full sentences will lift it.", rate, rng), Tip}
	case rate > PaceHigh:
		return Finding{KindPace, fmt.Sprintf("Your pace was %.1f syllables a second, above the usual %s. Slowing down on the key points gives them room to land.", rate, rng), Tip}
	}
	return Finding{KindPace, fmt.Sprintf("Your pace was %.1f syllables a second, inside the usual %s.", rate, rng), Good}
}

func pitchFindings(median, sd float64) []Finding {
	if median == 0 {
		return nil
	}
	if sd < MonotoneSemitones {
		return []Finding{{KindPitch, fmt.Sprintf("Your pitch varied by %.1f semitones around %.0f Hz, under the %.0f that keeps a voice lively. Let it rise and fall on the words that matter.", sd, median, MonotoneSemitones), Tip}}
	}
	return []Finding{{KindPitch, fmt.Sprintf("Your pitch varied by %.1f semitones around %.0f Hz, a lively range (flat is under %.0f).", sd, median, MonotoneSemitones), Good}}
}

func loudnessFinding(level, sd float64) Finding {
	if level < QuietDBFS {
		return Finding{KindLoudness, fmt.Sprintf("The recording is quiet (%.0f dBFS on average). Move closer to the microphone or raise its input level.", level), Warning}
	}
	return Finding{KindLoudness, fmt.Sprintf("Your voice averaged %.0f dBFS and varied by %.1f dB.", level, sd), Info}
}

func clippingFinding(n int64) []Finding {
	if n == 0 {
		return nil
	}
	what := fmt.Sprintf("%d samples", n)
	if n == 1 {
		what = "1 sample"
	}
	return []Finding{{KindClipping, what + " clipped (hit the top of the recording range), which distorts the sound. Lower the input level a little or sit back from the microphone.", Warning}}
}

// times spells a count of occurrences: "once", "twice", "3 times".
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	t := int(math.Floor(s))
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
