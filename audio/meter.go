package audio

import "math"

// MinDB is the floor of every level in dBFS; digital silence reads as MinDB.
const MinDB = -96.0

const (
	// fullScale is the 0 dBFS reference: the magnitude of the most negative
	// 16-bit sample.
	fullScale = 32768.0
	// holdSeconds is how long a peak is held before it starts to decay.
	holdSeconds = 1.5
	// decayDBPerSecond is how fast a held peak falls once the hold ends.
	decayDBPerSecond = 20.0
	// clipHoldSeconds is how long the clip indicator stays on.
	clipHoldSeconds = 2.0
	// defaultRate replaces a non-positive sample rate given to NewMeter.
	defaultRate = 48000
)

// Meter measures the level of a stream of 16-bit mono blocks: RMS and peak of
// the latest block, a held peak (held for 1.5 s, then falling at 20 dB/s) and
// clipping (a sample at +32767 or -32768; the clip flag stays on for 2 s).
//
// Time is measured in frames fed, not wall-clock time, so the meter is
// deterministic and its hold and decay follow the audio itself.
//
// Meter is not safe for concurrent use.
type Meter struct {
	rate       int64
	holdFrames int64
	clipFrames int64

	rms, peak float64

	holdPeak  float64 // level the hold was last set to
	sinceHold int64   // frames since the hold was set

	clipSeen  bool
	sinceClip int64 // frames since the last block that clipped
	clips     int64
}

// NewMeter returns a meter for a stream at sampleRate frames per second,
// reading silence. A non-positive rate is treated as 48000.
func NewMeter(sampleRate int) *Meter {
	if sampleRate <= 0 {
		sampleRate = defaultRate
	}
	m := &Meter{
		rate:       int64(sampleRate),
		holdFrames: int64(math.Round(holdSeconds * float64(sampleRate))),
		clipFrames: int64(math.Round(clipHoldSeconds * float64(sampleRate))),
	}
	m.Reset()
	return m
}

// Reset returns the meter to silence and forgets held peaks, the clip flag and
// the clip counter.
func (m *Meter) Reset() {
	m.rms, m.peak = MinDB, MinDB
	m.holdPeak, m.sinceHold = MinDB, 0
	m.clipSeen, m.sinceClip, m.clips = false, 0, 0
}

// Process measures one block and advances the meter's clock by len(block)
// frames. It does not allocate. An empty block changes nothing.
func (m *Meter) Process(block []int16) {
	if len(block) == 0 {
		return
	}
	var sum int64
	var peak int32
	var clips int64
	for _, s := range block {
		v := int32(s)
		sum += int64(v) * int64(v)
		if v < 0 {
			v = -v
		}
		if v > peak {
			peak = v
		}
		if s == math.MaxInt16 || s == math.MinInt16 {
			clips++
		}
	}
	n := int64(len(block))
	m.rms = toDB(math.Sqrt(float64(sum) / float64(n)))
	m.peak = toDB(float64(peak))

	m.sinceHold += n
	if m.peak >= m.hold() {
		m.holdPeak, m.sinceHold = m.peak, 0
	}

	m.sinceClip += n
	if clips > 0 {
		m.clips += clips
		m.clipSeen, m.sinceClip = true, 0
	}
}

// hold is the held peak after its hold time and decay, floored at MinDB.
func (m *Meter) hold() float64 {
	over := m.sinceHold - m.holdFrames
	if over <= 0 {
		return m.holdPeak
	}
	h := m.holdPeak - decayDBPerSecond*float64(over)/float64(m.rate)
	if h < MinDB {
		return MinDB
	}
	return h
}

// Level returns the current reading.
func (m *Meter) Level() Level {
	return Level{
		RMS:     m.rms,
		Peak:    m.peak,
		Hold:    m.hold(),
		Clipped: m.clipSeen && m.sinceClip < m.clipFrames,
		Clips:   m.clips,
	}
}

// toDB converts a magnitude on the 16-bit scale to dBFS, floored at MinDB.
func toDB(v float64) float64 {
	if v <= 0 {
		return MinDB
	}
	db := 20 * math.Log10(v/fullScale)
	if db < MinDB {
		return MinDB
	}
	return db
}
