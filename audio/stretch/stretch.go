// Package stretch changes the speed of speech without changing its pitch,
// for replaying a take slower or faster. It uses WSOLA (waveform-similarity
// overlap-add): the output is built from overlapping windowed frames of
// the input, each taken near where the speed says it should come from, at
// the offset where it best continues the frame before it. That keeps the
// waveform's periods intact, so a tone keeps its frequency and joins do
// not click.
//
// It works on mono 16-bit samples, as a stream (New, Process, Flush), on
// a whole buffer (Stretch), or on another take read a piece at a time
// from any position (Source, for a player streaming from the file). It
// imports only the standard library and starts no goroutines.
package stretch

import (
	"fmt"
	"math"
)

// The speeds a Stretcher accepts. Speech stays natural from 0.75 to 1.5;
// the ends of the range are usable but sound processed.
const (
	MinSpeed = 0.5
	MaxSpeed = 2.0
)

// Frame timing, in seconds: each output frame is FrameLen long and
// overlaps the next by half; a frame may start up to Seek earlier or
// later than the speed says, to line up with the previous one. Seek
// covers a whole period of voices down to 50 Hz.
const (
	FrameLen = 0.030
	Seek     = 0.010
)

// Stretcher changes the speed of a stream of mono samples. It is not safe
// for concurrent use; one goroutine feeds it.
type Stretcher struct {
	rate  int
	speed float64
	n     int       // frame length, even
	hop   int       // output hop, n/2
	seek  int       // largest offset from the nominal frame start
	win   []float64 // analysis window, n long; win[i]+win[i+hop] == 1

	// Input, in stream coordinates: hop zeros, then the samples given.
	buf  []float64 // samples from base on
	base int64
	in   int64 // samples given since the stream began

	pos   float64 // nominal input start of the next frame
	frame int64   // frames placed so far
	prev  int64   // input start of the last frame placed, -1 for none
	acc   []float64
	skip  int   // output samples still to drop (the first hop are padding)
	out   int64 // samples returned since the stream began
}

// New returns a Stretcher for audio at rate samples per second, playing at
// speed times the original (0.75 is slower, 1.5 faster), between MinSpeed
// and MaxSpeed.
func New(rate int, speed float64) (*Stretcher, error) {
	if rate < 1000 || rate > 384000 {
		return nil, fmt.Errorf("stretch: sample rate %d Hz is outside 1000 to 384000", rate)
	}
	s := &Stretcher{rate: rate}
	if err := s.SetSpeed(speed); err != nil {
		return nil, err
	}
	s.n = 2 * int(math.Round(FrameLen*float64(rate)/2))
	s.hop = s.n / 2
	s.seek = int(math.Round(Seek * float64(rate)))
	s.win = make([]float64, s.n)
	for i := range s.hop {
		w := 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(s.n))
		s.win[i] = w
		s.win[i+s.hop] = 1 - w
	}
	s.acc = make([]float64, s.n)
	s.Reset()
	return s, nil
}

// Speed returns the current speed.
func (s *Stretcher) Speed() float64 { return s.speed }

// SetSpeed changes the speed; it takes effect from the next frame, without
// a break in the output.
func (s *Stretcher) SetSpeed(speed float64) error {
	if !(speed >= MinSpeed && speed <= MaxSpeed) {
		return fmt.Errorf("stretch: speed %v is outside %v to %v", speed, MinSpeed, MaxSpeed)
	}
	s.speed = speed
	return nil
}

// Latency returns how many input samples the Stretcher holds back before
// the output they shape can be returned: about a frame and a seek.
func (s *Stretcher) Latency() int { return s.n + s.seek }

// Reset forgets the stream, as after a seek, keeping the speed.
func (s *Stretcher) Reset() {
	s.buf = append(s.buf[:0], make([]float64, s.hop)...)
	s.base, s.in = 0, 0
	s.pos, s.frame, s.prev = 0, 0, -1
	clear(s.acc)
	s.skip, s.out = s.hop, 0
}

// Process takes the next samples of the stream, appends the output that
// is ready to dst and returns it. Output lags input by up to Latency
// samples (times the speed); Flush returns the rest.
func (s *Stretcher) Process(dst, in []int16) []int16 {
	for _, v := range in {
		s.buf = append(s.buf, float64(v))
	}
	s.in += int64(len(in))
	for s.ready() {
		dst = s.step(dst)
	}
	s.compact()
	return dst
}

// Flush ends the stream: it appends the rest of the output to dst and
// returns it, then resets the Stretcher for a new stream. In all, a
// stream of n samples at a constant speed gives n/speed samples, rounded.
func (s *Stretcher) Flush(dst []int16) []int16 {
	// Frame k is centred where input sample pos maps to output sample
	// k*hop; the end of the input maps to target.
	target := int64(math.Round(float64(s.frame*int64(s.hop)) + (float64(s.in)-s.pos)/s.speed))
	from := len(dst)
	for s.out < target {
		if !s.ready() {
			s.buf = append(s.buf, make([]float64, s.need()-s.end())...)
		}
		dst = s.step(dst)
	}
	// The last frame may pass the end; drop what it added past it.
	dst = dst[:len(dst)-int(min(s.out-target, int64(len(dst)-from)))]
	s.Reset()
	return dst
}

// end returns the stream position after the last buffered sample.
func (s *Stretcher) end() int64 { return s.base + int64(len(s.buf)) }

// need returns how far the input must reach to place the next frame.
func (s *Stretcher) need() int64 {
	_, hi := s.candidates()
	need := hi + int64(s.n)
	if s.prev >= 0 {
		need = max(need, s.prev+int64(s.n)) // the previous frame's continuation
	}
	return need
}

func (s *Stretcher) ready() bool { return s.end() >= s.need() }

// candidates returns the range of input starts for the next frame.
func (s *Stretcher) candidates() (lo, hi int64) {
	nominal := int64(math.Round(s.pos))
	if s.prev < 0 {
		return nominal, nominal
	}
	return max(nominal-int64(s.seek), 0), nominal + int64(s.seek)
}

// step places the next frame and appends the output it completes.
func (s *Stretcher) step(dst []int16) []int16 {
	lo, hi := s.candidates()
	start := lo
	if s.prev >= 0 {
		// Where the previous frame would have gone on.
		ref := s.buf[s.prev+int64(s.hop)-s.base:][:s.hop]
		nominal := int64(math.Round(s.pos))
		start = best(ref, s.buf[lo-s.base:hi+int64(s.hop)-s.base], nominal-lo)
		start += lo
	}
	x := s.buf[start-s.base:][:s.n]
	for i, w := range s.win {
		s.acc[i] += w * x[i]
	}
	for _, v := range s.acc[s.skip:s.hop] {
		dst = append(dst, toInt16(v))
	}
	s.out += int64(s.hop - s.skip)
	s.skip = 0
	copy(s.acc, s.acc[s.hop:])
	clear(s.acc[s.hop:])
	s.prev = start
	s.frame++
	s.pos += float64(s.hop) * s.speed
	return dst
}

// best returns the offset in cand (cand holds every candidate start's
// first len(ref) samples) whose segment is most like ref, by normalised
// cross-correlation. It tries offsets from first outwards and keeps the
// first of equal scores, so an exact continuation at first wins.
func best(ref, cand []float64, first int64) int64 {
	m := len(ref)
	last := int64(len(cand) - m)
	bestAt, bestScore := first, math.Inf(-1)
	try := func(d int64) {
		c := cand[d : d+int64(m)]
		var cc, en float64
		for i, r := range ref {
			cc += r * c[i]
			en += c[i] * c[i]
		}
		score := 0.0
		if en > 0 {
			score = cc * math.Abs(cc) / en // sign-keeping square of cc/√en
		}
		if score > bestScore {
			bestAt, bestScore = d, score
		}
	}
	try(first)
	for step := int64(1); first-step >= 0 || first+step <= last; step++ {
		if first-step >= 0 {
			try(first - step)
		}
		if first+step <= last {
			try(first + step)
		}
	}
	return bestAt
}

// compact drops input no later frame can use.
func (s *Stretcher) compact() {
	lo, _ := s.candidates()
	keep := lo
	if s.prev >= 0 {
		keep = min(keep, s.prev+int64(s.hop))
	}
	drop := int(keep - s.base)
	if drop < len(s.buf)/2 || drop <= 0 {
		return // copy only when it frees at least half
	}
	s.buf = s.buf[:copy(s.buf, s.buf[drop:])]
	s.base = keep
}

func toInt16(v float64) int16 {
	v = math.Round(v)
	switch {
	case v > math.MaxInt16:
		return math.MaxInt16
	case v < math.MinInt16:
		return math.MinInt16
	}
	return int16(v)
}

// Stretch returns in played at speed, keeping its pitch: about
// len(in)/speed samples.
func Stretch(in []int16, rate int, speed float64) ([]int16, error) {
	s, err := New(rate, speed)
	if err != nil {
		return nil, err
	}
	out := make([]int16, 0, int(float64(len(in))/speed)+s.hop)
	out = s.Process(out, in)
	return s.Flush(out), nil
}
