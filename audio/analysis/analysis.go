// Package analysis measures how an answer was spoken, offline and in pure Go:
// where the speaker paused, where they hesitated aloud ("um", "uh"), how
// long they spoke, how fast (syllables per second, counted from syllable
// nuclei), how their pitch moved, how loud they were and whether the
// recording clipped. From the pauses it proposes where
// the STAR parts (Situation, Task, Action, Result, Lesson) begin.
//
// Everything runs on 10 ms frames. The samples pass once through a front end
// (Analyzer.Write, or Analyze for a whole take) that keeps only small
// per-frame arrays: level, a band-limited intensity, pitch and clip counts.
// Finish then works on those arrays alone, so a 60-minute take needs the
// samples (if the caller holds them) plus a few megabytes.
//
// The method, in short:
//   - Speech and pauses: a frame is speech when its level above 100 Hz
//     (rumble and hum removed) stands clear of an adaptive noise floor (the
//     quietest stretches within ±5 s, leaving out a recorder's fade-in), or
//     stands a little above it while the voice is quasi-periodic (a low or
//     creaky voice). Islands without voicing (breaths, clicks) are dropped;
//     a voice that sinks to a few dB over a steady noise is followed over
//     110 ms windows (its median level, band and spectrum); silences of at
//     least Options.MinPause between speech are pauses.
//   - Pitch: YIN (cumulative mean normalised difference) on a 4–5.5 kHz copy
//     of the signal, 30 ms windows, 60–500 Hz, parabolic interpolation.
//   - Syllables: in the spirit of de Jong and Wempe (2009), a syllable nucleus
//     is a peak of the intensity from 100 Hz to 1.5 kHz that lies inside
//     speech, stands out by a dip from the peak after it and is voiced
//     (an irregular voice far above the noise only when it creaks).
//   - Filled pauses: a steady voiced stretch of 0.2 s or more just after a
//     silence, with a level pitch, an unchanging spectrum, no syllable beat
//     and a vowel's band to its end (not a word ending in a fricative);
//     for a creaky voice, whose uneven pulses give no pitch to follow, the
//     unchanging spectrum alone (see findFillers).
//   - Loudness: RMS level of the speech frames in dBFS, and the spread of the
//     level measured over 400 ms windows of speech.
//
// The package imports only the standard library.
package analysis

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"time"
)

// MinRate is the lowest sample rate Analyze accepts, in Hz.
const MinRate = 4000

// frameRate is the number of analysis frames per second (10 ms frames).
const frameRate = 100

// ErrRate is what the error Analyze and NewAnalyzer return for a sample
// rate below MinRate is (errors.Is); that error is a *RateError.
var ErrRate = errors.New("analysis: sample rate too low")

// RateError is the error for a sample rate below MinRate.
type RateError struct {
	Rate int // the recording's rate in Hz
}

// Error is "analysis: " and Message.
func (e *RateError) Error() string { return "analysis: " + e.Message() }

// Message says what is wrong for people, without the package's prefix:
// "sample rate too low: 2000 Hz (the least is 8000 Hz)".
func (e *RateError) Message() string {
	return fmt.Sprintf("sample rate too low: %d Hz (the least is %d Hz)", e.Rate, MinRate)
}

// Is reports whether target is ErrRate.
func (e *RateError) Is(target error) bool { return target == ErrRate }

// Options tunes the analysis. The zero value means the defaults.
type Options struct {
	// MinPause is the shortest silence counted as a pause (default 300 ms).
	// Frames are 10 ms long, so a silence within one frame of it counts.
	MinPause time.Duration
	// StartDelay is how long after the answer began the first sample was
	// recorded (a take's start delay); it is added to FirstWord.
	StartDelay time.Duration
	// MinPitch and MaxPitch bound the pitch search in Hz (defaults 60 and
	// 500).
	MinPitch, MaxPitch float64
}

func (o Options) withDefaults() Options {
	if o.MinPause <= 0 {
		o.MinPause = 300 * time.Millisecond
	}
	if o.MinPitch <= 0 {
		o.MinPitch = 60
	}
	if o.MaxPitch <= 0 {
		o.MaxPitch = 500
	}
	if o.MaxPitch < o.MinPitch*1.5 {
		o.MaxPitch = o.MinPitch * 1.5
	}
	return o
}

// Pause is a silence of at least Options.MinPause between two stretches of
// speech, in seconds from the start of the recording.
type Pause struct {
	Start float64 `json:"start_s"`
	End   float64 `json:"end_s"`
}

// Len is the pause's length in seconds.
func (p Pause) Len() float64 { return p.End - p.Start }

// Report is the result of analysing one take. Times are in seconds from the
// first sample; figures that cannot be measured (no speech, no voiced frame)
// are 0. It marshals to the JSON object of `failforward analyze --json`.
type Report struct {
	SampleRate int     `json:"sample_rate"`
	Duration   float64 `json:"duration_s"` // to the millisecond
	// Speech is the speaking time: the length of all speech, leaving out
	// the pauses and the shorter silences between words (150 ms or more),
	// but counting the brief closures inside words.
	Speech float64 `json:"speech_s"`
	Pauses []Pause `json:"pauses"`
	// MeanPause and LongestPause describe Pauses (0 if there are none).
	MeanPause    float64 `json:"mean_pause_s"`
	LongestPause float64 `json:"longest_pause_s"`
	// FirstWord is the time from the start of the answer to the first
	// speech (Options.StartDelay included); SpeechEnd is when the last
	// speech ends, from the first sample.
	FirstWord float64 `json:"first_word_s"`
	SpeechEnd float64 `json:"speech_end_s"`
	// Syllables is the number of syllable nuclei found. SyllablesPerS is
	// the speaking rate over the span from first to last word, pauses
	// included; ArticulationRate leaves the pauses out.
	Syllables        int     `json:"syllables"`
	SyllablesPerS    float64 `json:"syllables_per_s"`
	ArticulationRate float64 `json:"articulation_syllables_per_s"`
	// PitchMedian is the median pitch of the voiced frames, PitchSD the
	// standard deviation of their pitch in semitones around it.
	PitchMedian float64 `json:"pitch_median_hz"`
	PitchSD     float64 `json:"pitch_sd_semitones"`
	// Loudness is the RMS level of the speech in dBFS; LoudnessSD the
	// standard deviation of the level over 400 ms windows of speech.
	Loudness   float64 `json:"loudness_dbfs"`
	LoudnessSD float64 `json:"loudness_sd_db"`
	// NoiseFloor is the median noise floor the speech was told from, dBFS.
	NoiseFloor float64 `json:"noise_floor_dbfs"`
	// Clipped counts samples at the limits of the 16-bit range.
	Clipped int64 `json:"clipped_samples"`
	// SuggestedBoundaries are the four proposed part boundaries
	// (Situation|Task, Task|Action, Action|Result, Result|Lesson),
	// ascending; see SuggestBoundaries.
	SuggestedBoundaries []float64 `json:"suggested_boundaries_s"`
	// FilledPauses are the hesitation sounds ("um", "uh", "er"): stretches
	// of steady voice with a level pitch and an unchanging sound, found from
	// the sound alone, so in any language. FilledPausesPerMin is their
	// number per minute of the span from first to last word.
	FilledPauses       []Pause `json:"filled_pauses"`
	FilledPausesPerMin float64 `json:"filled_pauses_per_min"`

	fr *frames // per-frame data for Segment; nil in a decoded Report
}

// Analyze analyses a whole take of 16-bit mono samples at rate Hz. It is
// Write followed by Finish on a new Analyzer.
func Analyze(samples []int16, rate int, opt Options) (Report, error) {
	a, err := NewAnalyzer(rate, opt)
	if err != nil {
		return Report{}, err
	}
	a.reserve(int64(len(samples)))
	a.Write(samples)
	return a.Finish(), nil
}

// Analyzer analyses a stream of samples block by block, so a long file can be
// read in chunks. It keeps only per-frame figures (about 20 bytes per 10 ms).
// An Analyzer is not safe for concurrent use; Write may run a goroutine of
// its own, which has ended when Write returns.
type Analyzer struct {
	rate int
	opt  Options
	n    int64 // samples written

	// Full-rate frame accumulation.
	frameEnd int64 // first sample index of the next frame
	sumSq    float64
	count    int
	clips    int
	fr       frames

	// Decimation: stage 1 (triangular, factor d1) then stage 2 (windowed
	// sinc, factor d2) to the pitch rate pr = rate/(d1*d2).
	d1, d2 int
	cic    cic       // stage 1
	sinc   []float64 // stage-2 taps
	h2     []float64 // stage-2 history + stage-1 output
	ph2    int
	skip   int // pr outputs still to drop (filter delay)
	hp     biquad
	// pieces are the buffers of the first decimator's output, handed
	// between Write's goroutines; pieces[0] alone serves a short block.
	pieces [3][]float64
	// The speech band (speechLow to speechHigh Hz) of the pitch-rate
	// signal, whose level tells speech from rumble, hum and hiss.
	bandHP, bandLP biquad
	// The input above speechLow Hz (rumble and hum removed), with the
	// consonants' energy: its level tells speech from silence.
	wideHP [2]biquad
	// sums is levels' scratch for the first decimator's running sums of
	// one frame.
	sums   []int64
	wideSq float64 // its energy in the current frame, divided by wideGain
	// wideGain is the square of the product of wideHP's gains, which
	// frameLevels leaves out of the filter (see there).
	wideGain float64

	// Pitch-rate processing.
	p pitchStage

	finished bool
}

// NewAnalyzer returns an Analyzer for samples at rate Hz, or a *RateError
// (which is ErrRate) if rate is below MinRate.
func NewAnalyzer(rate int, opt Options) (*Analyzer, error) {
	if rate < MinRate {
		return nil, &RateError{Rate: rate}
	}
	opt = opt.withDefaults()
	a := &Analyzer{rate: rate, opt: opt}
	a.frameEnd = frameStart(1, rate)

	// Total decimation D keeps the pitch rate between 4 and 8 kHz; stage 2
	// halves whenever D allows it, stage 1 does the rest cheaply.
	D := rate / 4000
	if D < 1 {
		D = 1
	}
	a.d2 = 1
	if D >= 2 {
		a.d2 = 2
	}
	a.d1 = D / a.d2
	a.cic = cic{d: a.d1, scale: 1 / float64(a.d1*a.d1)}
	a.sums = make([]int64, frameStart(1, rate))
	wr := float64(rate) / float64(a.d1)
	if a.d2 == 2 {
		a.sinc = lowpass(stage2Taps, 0.2) // cutoff 0.2 of wr: 0.4 of the pitch rate
	} else {
		a.sinc = []float64{1}
	}
	pr := wr / float64(a.d2)
	// Stage 1's output m is centred on input sample m*d1. Stage 2's output n
	// is centred (len-1)/2 - (d2-1) stage-1 samples before n*d2: drop that
	// many pitch-rate samples so that pitch-rate sample i sits at i/pr.
	a.skip = int(math.Round(float64((len(a.sinc)-1)/2-(a.d2-1)) / float64(a.d2)))
	a.h2 = make([]float64, len(a.sinc)-1, 4096)
	a.ph2 = len(a.sinc) - 1 + a.d2 - 1
	a.hp = highpass(60, pr)
	a.bandHP = highpass(speechLow, pr)
	a.bandLP = lowpass2(speechHigh, pr)
	a.wideHP = highpass4(speechLow, float64(rate))
	a.wideGain = math.Pow(a.wideHP[0].b0*a.wideHP[1].b0, 2)
	a.p.init(rate, a.d1*a.d2, pr, opt)
	return a, nil
}

// reserve makes room in the per-frame arrays for a take of n samples, so
// that they are not copied as they grow.
func (a *Analyzer) reserve(n int64) {
	f := int(n*frameRate/int64(a.rate)) + 2
	a.fr.level = slices.Grow(a.fr.level, f)
	a.fr.wide = slices.Grow(a.fr.wide, f)
	a.fr.clips = slices.Grow(a.fr.clips, f)
	p := &a.p
	p.intensity = slices.Grow(p.intensity, f)
	p.pitch = slices.Grow(p.pitch, f)
	p.aper = slices.Grow(p.aper, f)
	p.shape = slices.Grow(p.shape, f)
	p.band = slices.Grow(p.band, f)
}

// stage2Taps is the length of the stage-2 low-pass filter.
const stage2Taps = 31

// frameStart is the first sample index of frame k at rate: the frame of
// sample j is j*frameRate/rate, rounded down.
func frameStart(k int64, rate int) int64 {
	return (k*int64(rate) + frameRate - 1) / frameRate
}

// Write analyses the next block of samples. It must not be called after
// Finish. A long block is measured on two goroutines working as a
// pipeline: one measures the levels of a piece and takes it through the
// first decimator while the other takes the piece before it through the
// second decimator and the pitch stage. Write returns when both are done.
func (a *Analyzer) Write(block []int16) {
	if a.finished {
		panic("analysis: Write after Finish")
	}
	if len(block) < parallelMin || runtime.GOMAXPROCS(0) < 2 {
		a.pieces[0] = a.levels(block, a.pieces[0][:0])
		a.stage2(a.pieces[0])
		return
	}
	// Each stage keeps state of its own and runs its pieces in order, so
	// the results are those of one goroutine. The pieces' buffers go round
	// between the two and come back to the Analyzer at the end.
	free := make(chan []float64, len(a.pieces))
	for _, buf := range a.pieces {
		free <- buf[:0]
	}
	full := make(chan []float64, len(a.pieces))
	go func() {
		defer close(full)
		for len(block) > 0 {
			n := min(len(block), pipePiece)
			full <- a.levels(block[:n], <-free)
			block = block[n:]
		}
	}()
	for out := range full {
		a.stage2(out)
		free <- out[:0]
	}
	for i := range a.pieces {
		a.pieces[i] = <-free
	}
}

// parallelMin is the least block Write splits over two goroutines: about a
// tenth of a second of audio, so that the hand-over costs under a
// thousandth of the work.
const parallelMin = 4096

// pipePiece is the piece of a long block that Write's two goroutines hand
// on: a third of a second at 48 kHz, whose first-decimator output (about
// 20 KB) stays in the processor's cache.
const pipePiece = 16384

// levels measures the block's level, clipping and wide-band energy frame by
// frame, and appends the first decimator's outputs to out. It touches only
// the frame accumulators, the wide-band filter, the first decimator and the
// frames' level, wide and clips.
func (a *Analyzer) levels(block []int16, out []float64) []float64 {
	for len(block) > 0 {
		// Up to the end of the current frame at a time.
		n := int(min(a.frameEnd-a.n, int64(len(block))))
		sums := a.sums[:n]
		a.frameLevels(block[:n], sums)
		out = a.cic.emit(sums, out)
		a.n += int64(n)
		block = block[n:]
		if a.n == a.frameEnd {
			a.closeFrame()
		}
	}
	return out
}

// frameLevels accumulates level, clipping and the wide-band energy of part
// of a frame. It also runs the first decimator's running sums over the
// samples, storing the second after each sample in sums, from which
// cic.emit takes the outputs: the integer sums run beside the filter's
// floating-point recursion, which keeps the processor waiting, so this
// costs less than a pass of their own.
func (a *Analyzer) frameLevels(b []int16, sums []int64) {
	var sum int64
	clips := 0
	// The high-pass runs inline on its coefficients and state held in plain
	// local variables, which the compiler keeps in registers (a struct's
	// fields would live in memory, lengthening the recursion's chain).
	//
	// Each Butterworth high-pass section's numerator is its gain g times the
	// second difference x - 2x1 + x2, so the sections run without it (their
	// outputs are the filter's divided by the gains) and the gains come back
	// once, on the frame's energy: wideGain. The first section's second
	// difference is taken on the integer samples, exactly. The second
	// section's input history is the first section's output history, and
	// each section subtracts its feedback from the last output last, so the
	// recursion waits one multiplication and one subtraction per sample.
	// (A fused multiply-add would shorten it again, but is done in software
	// on processors without one.)
	h, l := &a.wideHP[0], &a.wideHP[1]
	ha1, ha2 := h.a1, h.a2
	la1, la2 := l.a1, l.a2
	hx1, hx2 := int64(h.x1), int64(h.x2)
	hy1, hy2, ly1, ly2 := h.y1, h.y2, l.y1, l.y2
	i1, i2 := a.cic.i1, a.cic.i2
	sums = sums[:len(b)]
	var wsq float64
	for j, s := range b {
		v := int64(s)
		sum += v * v
		i1 += v
		i2 += i1
		sums[j] = i2
		// The two limits of the range, -32768 and 32767, in one comparison.
		if uint16(s)-math.MaxInt16 <= 1 {
			clips++
		}
		y := (float64(v-2*hx1+hx2) - ha2*hy2) - ha1*hy1
		z := ((y + hy2 - 2*hy1) - la2*ly2) - la1*ly1
		hx2, hx1 = hx1, v
		hy2, hy1 = hy1, y
		ly2, ly1 = ly1, z
		wsq += z * z
	}
	// In digital silence the filter's state decays towards zero and would
	// reach the subnormal numbers, on which processors compute many times
	// slower. A state this small adds under 1e-24 to a frame's energy, far
	// below minDB, so it is dropped.
	if max(math.Abs(hy1), math.Abs(hy2), math.Abs(ly1), math.Abs(ly2)) < tinyState {
		hy1, hy2, ly1, ly2 = 0, 0, 0, 0
	}
	h.x1, h.x2, h.y1, h.y2 = float64(hx1), float64(hx2), hy1, hy2
	l.y1, l.y2 = ly1, ly2
	a.cic.i1, a.cic.i2 = i1, i2
	a.wideSq += wsq
	a.sumSq += float64(sum)
	a.count += len(b)
	a.clips += clips
}

// tinyState is the size under which the wide-band filter's state is
// cleared at the end of a frame (see frameLevels). From there, a frame of
// silence takes it no lower than about 1e-15, far from the subnormal
// numbers (under 2.2e-308).
const tinyState = 1e-12

// pitchPiece is a number of input samples: stage2 takes the first
// decimator's outputs of about as many at a time.
const pitchPiece = 1024

// stage2 takes the first decimator's outputs through the second one and
// hands the pitch-rate samples to the pitch stage. It touches only the
// second decimator's, the pitch-rate filters' and the pitch stage's state.
func (a *Analyzer) stage2(in []float64) {
	L := len(a.sinc)
	for len(in) > 0 {
		// A piece at a time, so the pitch stage runs on a short backlog:
		// it slows down on a long one.
		n := min(len(in), pitchPiece/a.d1+1)
		a.h2 = append(a.h2, in[:n]...)
		in = in[n:]
		for a.ph2 < len(a.h2) {
			var acc [2]float64
			m := 1
			if a.ph2+a.d2 < len(a.h2) {
				acc[0], acc[1] = symDot2(a.sinc, a.h2[a.ph2-L+1:a.ph2+a.d2+1], a.d2)
				m = 2
			} else {
				acc[0] = symDot(a.sinc, a.h2[a.ph2-L+1:a.ph2+1])
			}
			a.ph2 += m * a.d2
			for _, v := range acc[:m] {
				if a.skip > 0 {
					a.skip--
					continue
				}
				y := a.hp.step(v)
				a.p.push(y, a.bandLP.step(a.bandHP.step(y)))
			}
		}
		if keep := a.ph2 - (L - 1); keep > 0 {
			n := copy(a.h2, a.h2[keep:])
			a.h2 = a.h2[:n]
			a.ph2 -= keep
		}
		a.p.run(false)
	}
}

// symDot returns the dot product of the symmetric taps h (h[i] equals
// h[len-1-i], as both decimation filters are) with x, folding x so that each
// tap multiplies once.
func symDot(h, x []float64) float64 {
	n := len(h)
	x = x[:n]
	var acc float64
	for i := 0; i < n/2; i++ {
		acc += h[i] * (x[i] + x[n-1-i])
	}
	if n%2 == 1 {
		acc += h[n/2] * x[n/2]
	}
	return acc
}

// symDot2 returns symDot(h, x) and symDot(h, x[step:]), each summed in the
// same order as symDot sums it.
func symDot2(h, x []float64, step int) (float64, float64) {
	n := len(h)
	x0 := x[:n]
	x1 := x[step : step+n]
	var acc0, acc1 float64
	for i := 0; i < n/2; i++ {
		t := h[i]
		acc0 += t * (x0[i] + x0[n-1-i])
		acc1 += t * (x1[i] + x1[n-1-i])
	}
	if n%2 == 1 {
		acc0 += h[n/2] * x0[n/2]
		acc1 += h[n/2] * x1[n/2]
	}
	return acc0, acc1
}

// closeFrame stores the full-rate figures of the frame just completed.
func (a *Analyzer) closeFrame() {
	ms := 0.0
	if a.count > 0 {
		ms = a.sumSq / float64(a.count)
	}
	a.fr.level = append(a.fr.level, float32(powerDB(ms)))
	ws := 0.0
	if a.count > 0 {
		ws = a.wideSq * a.wideGain / float64(a.count)
	}
	a.fr.wide = append(a.fr.wide, float32(powerDB(ws)))
	a.wideSq = 0
	a.fr.clips = append(a.fr.clips, int32(a.clips))
	a.sumSq, a.count, a.clips = 0, 0, 0
	k := int64(len(a.fr.level))
	a.frameEnd = frameStart(k+1, a.rate)
}

// Finish flushes the filters, analyses the frames and returns the Report.
// The Analyzer cannot be used afterwards.
func (a *Analyzer) Finish() Report {
	if a.finished {
		panic("analysis: Finish called twice")
	}
	if a.count > 0 {
		a.closeFrame()
	}
	nFrames := len(a.fr.level)
	// Push zeros through the filters so the last frames get their share of
	// the pitch-rate signal, then finish the pitch stage.
	flush := make([]int16, 2*a.d1+len(a.sinc)*a.d1+a.d1*a.d2)
	a.stage2(a.cic.decimate(flush, nil))
	a.p.run(true)
	a.finished = true

	fr := a.fr
	fr.intensity = a.p.band
	fr.shape = a.p.shape
	fr.pitch = a.p.pitch
	fr.aper = a.p.aper
	fr.trim(nFrames)
	return buildReport(&fr, a.rate, a.n, a.opt)
}

// powerDB converts a mean square of 16-bit samples to dBFS, floored at -96.
func powerDB(ms float64) float64 {
	if ms <= 0 {
		return minDB
	}
	db := 10 * math.Log10(ms/(fullScale*fullScale))
	if db < minDB {
		return minDB
	}
	return db
}

const (
	fullScale = 32768.0
	minDB     = -96.0
)
