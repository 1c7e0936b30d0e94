package analysis

import (
	"math"
	"slices"
)

// octave bounds, in semitones from the median, the pitch values trusted for
// the spread: farther ones are octave errors more often than intonation.
const octave = 12.0

// SegmentStats are the figures of one stretch of a take, such as a STAR part.
type SegmentStats struct {
	From float64 `json:"from_s"`
	To   float64 `json:"to_s"`
	// Speech is the speaking time inside the stretch (as Report.Speech).
	Speech float64 `json:"speech_s"`
	// Pauses counts the pauses whose middle lies inside the stretch;
	// LongestPause is the longest of them (whole length).
	Pauses       int     `json:"pauses"`
	LongestPause float64 `json:"longest_pause_s"`
	// FilledPauses counts the filled pauses ("um", "uh") that begin inside
	// the stretch.
	FilledPauses int `json:"filled_pauses"`
	// Syllables and SyllablesPerS as in Report, over the speech inside the
	// stretch (from its first to its last speech).
	Syllables     int     `json:"syllables"`
	SyllablesPerS float64 `json:"syllables_per_s"`
	PitchMedian   float64 `json:"pitch_median_hz"`
	PitchSD       float64 `json:"pitch_sd_semitones"`
	Loudness      float64 `json:"loudness_dbfs"`
	LoudnessSD    float64 `json:"loudness_sd_db"`
	Clipped       int64   `json:"clipped_samples"`
	// Measured is false when the Report holds no per-frame data (it was
	// decoded from JSON rather than made by Analyze); only Pauses and
	// LongestPause are filled in then.
	Measured bool `json:"measured"`
}

// buildReport runs the frame-level analysis and assembles the Report.
func buildReport(f *frames, rate int, samples int64, opt Options) Report {
	f.minPitch, f.maxPitch = opt.MinPitch, opt.MaxPitch
	// A silence counts as a pause from one frame short of MinPause: its
	// edges fall inside frames that also hold speech.
	minPause := int(math.Round(opt.MinPause.Seconds()*frameRate)) - 1
	f.detectSpeech(max(1, minPause))
	f.findNuclei()
	f.findFillers()

	r := Report{
		SampleRate:   rate,
		Duration:     math.Round(float64(samples)/float64(rate)*1000) / 1000,
		Pauses:       []Pause{},
		FilledPauses: []Pause{},
		fr:           f,
	}
	runs := f.runs()
	for i := 1; i < len(runs); i++ {
		r.Pauses = append(r.Pauses, Pause{Start: seconds(runs[i-1][1]), End: seconds(runs[i][0])})
	}
	for _, p := range r.Pauses {
		r.MeanPause += p.Len()
		r.LongestPause = max(r.LongestPause, p.Len())
	}
	if len(r.Pauses) > 0 {
		r.MeanPause /= float64(len(r.Pauses))
	}
	if len(runs) > 0 {
		r.FirstWord = max(0, seconds(runs[0][0])+opt.StartDelay.Seconds())
		r.SpeechEnd = min(r.Duration, seconds(runs[len(runs)-1][1]))
	}
	if len(f.level) > 0 {
		// The floor is reported for the whole band, as a meter shows it.
		r.NoiseFloor = round2(lowFloor(f.level))
	}

	for _, fp := range f.fillers {
		r.FilledPauses = append(r.FilledPauses, Pause{Start: seconds(fp[0]), End: seconds(fp[1])})
	}
	if span := r.SpeechEnd - (r.FirstWord - opt.StartDelay.Seconds()); len(runs) > 0 && span > 0 {
		r.FilledPausesPerMin = round2(float64(len(r.FilledPauses)) / (span / 60))
	}
	st := r.Segment(0, r.Duration)
	r.Speech = st.Speech
	r.Syllables = st.Syllables
	r.SyllablesPerS = st.SyllablesPerS
	if r.Speech > 0 {
		r.ArticulationRate = round2(float64(r.Syllables) / r.Speech)
	}
	r.PitchMedian, r.PitchSD = st.PitchMedian, st.PitchSD
	r.Loudness, r.LoudnessSD = st.Loudness, st.LoudnessSD
	r.Clipped = st.Clipped
	r.SuggestedBoundaries = SuggestBoundaries(r, DefaultWeights)
	return r
}

// Segment returns the figures of the stretch from..to (seconds from the first
// sample), for instance one STAR part.
func (r *Report) Segment(from, to float64) SegmentStats {
	st := SegmentStats{From: from, To: to}
	for _, p := range r.Pauses {
		if mid := (p.Start + p.End) / 2; mid >= from && mid < to {
			st.Pauses++
			st.LongestPause = max(st.LongestPause, p.Len())
		}
	}
	for _, p := range r.FilledPauses {
		if p.Start >= from && p.Start < to {
			st.FilledPauses++
		}
	}
	f := r.fr
	if f == nil {
		return st
	}
	st.Measured = true
	n := len(f.level)
	a := max(0, min(n, int(math.Round(from*frameRate))))
	b := max(a, min(n, int(math.Round(to*frameRate))))

	first, last := -1, -1
	var speech int
	var power float64
	var pitches []float64
	for k := a; k < b; k++ {
		st.Clipped += int64(f.clips[k])
		if !f.speech[k] {
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
		if f.talk[k] {
			speech++
		}
		power += dbToPower(f.level[k])
		if f.voiced[k] {
			pitches = append(pitches, float64(f.pitch[k]))
		}
	}
	st.Speech = seconds(speech)
	lo, _ := slices.BinarySearch(f.nuclei, a)
	hi, _ := slices.BinarySearch(f.nuclei, b)
	st.Syllables = hi - lo
	if first >= 0 {
		span := seconds(last + 1 - first)
		st.SyllablesPerS = round2(float64(st.Syllables) / span)
		st.Loudness = round2(powerDB(power / float64(speech) * fullScale * fullScale))
		st.LoudnessSD = round2(f.loudnessSpread(a, b))
	}
	st.PitchMedian, st.PitchSD = pitchStats(pitches)
	return st
}

// pitchStats returns the median of the pitches in Hz and their standard
// deviation in semitones around it, leaving out values more than an octave
// away. It reorders p.
func pitchStats(p []float64) (median, sd float64) {
	if len(p) == 0 {
		return 0, 0
	}
	slices.Sort(p)
	median = p[len(p)/2]
	if len(p)%2 == 0 {
		median = (p[len(p)/2-1] + p[len(p)/2]) / 2
	}
	var sum, sum2 float64
	var n int
	for _, v := range p {
		s := 12 * math.Log2(v/median)
		if math.Abs(s) > octave {
			continue
		}
		sum += s
		sum2 += s * s
		n++
	}
	if n > 1 {
		m := sum / float64(n)
		sd = math.Sqrt(max(0, sum2/float64(n)-m*m))
	}
	return round2(median), round2(sd)
}

// loudnessWindow is the half-width in frames of the windows over which the
// loudness spread is measured (400 ms windows, one every 100 ms).
const loudnessWindow = 20

// loudnessSpread returns the standard deviation of the level of 400 ms
// windows of speech in frames a..b; a window counts when at least half of it
// is speech, and its level is that of its speech frames.
func (f *frames) loudnessSpread(a, b int) float64 {
	var sum, sum2 float64
	var n int
	for c := a; c < b; c += loudnessWindow / 2 {
		var pw float64
		var cnt int
		for k := max(a, c-loudnessWindow); k < min(b, c+loudnessWindow); k++ {
			if f.speech[k] {
				pw += dbToPower(f.level[k])
				cnt++
			}
		}
		if cnt < loudnessWindow {
			continue
		}
		db := 10 * math.Log10(pw/float64(cnt))
		sum += db
		sum2 += db * db
		n++
	}
	if n < 2 {
		return 0
	}
	m := sum / float64(n)
	return math.Sqrt(max(0, sum2/float64(n)-m*m))
}

// dbToPower converts dBFS to power relative to full scale.
func dbToPower(db float32) float64 { return math.Exp(float64(db) * (math.Ln10 / 10)) }

// powerToDB converts a power relative to full scale back to dBFS, floored
// at minDB.
func powerToDB(p float64) float32 {
	if p <= 0 {
		return minDB
	}
	return float32(max(minDB, 10*math.Log10(p)))
}

// round2 rounds to two decimals, so reports read cleanly and compare stably.
func round2(v float64) float64 { return math.Round(v*100) / 100 }
