package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// ToneFade is the length of the raised-cosine fade at each end of a Tone,
// long enough that the tone starts and stops without a click.
const ToneFade = 10 * time.Millisecond

// Tone returns d of a sine at freqHz, sampled at rate, with peak amplitude
// amp as a fraction of full scale (clamped to 0..1). Both ends fade in and
// out over ToneFade with a raised cosine (half of d each when d is shorter
// than two fades), so the first and last samples are zero. It returns nil
// when rate, freqHz or d is not positive.
func Tone(rate int, freqHz float64, d time.Duration, amp float64) []int16 {
	if rate <= 0 || !(freqHz > 0) || d <= 0 {
		return nil
	}
	amp = max(0, min(amp, 1))
	if math.IsNaN(amp) {
		amp = 0
	}
	n := int(math.Round(d.Seconds() * float64(rate)))
	fade := min(int(math.Round(ToneFade.Seconds()*float64(rate))), n/2)
	out := make([]int16, n)
	step := 2 * math.Pi * freqHz / float64(rate)
	for i := range out {
		g := amp
		// j counts samples from the nearer end: 0 at the first and the
		// last sample, where the gain is zero.
		if j := min(i, n-1-i); j < fade {
			g *= 0.5 * (1 - math.Cos(math.Pi*float64(j)/float64(fade)))
		}
		out[i] = int16(math.Round(g * math.MaxInt16 * math.Sin(step*float64(i))))
	}
	return out
}

// Silent returns d of silence at rate (nil when either is not positive).
func Silent(rate int, d time.Duration) []int16 {
	if rate <= 0 || d <= 0 {
		return nil
	}
	return make([]int16, int(math.Round(d.Seconds()*float64(rate))))
}

// ResampledLen is the length Resample gives n samples taken from rate from
// to rate to.
func ResampledLen(n, from, to int) int {
	if n <= 0 || from <= 0 || to <= 0 {
		return 0
	}
	return int((int64(n)*int64(to) + int64(from)/2) / int64(from))
}

// Resample converts mono samples from one rate to another by linear
// interpolation. It does not filter, so it suits raising the rate of
// speech-band material (the spoken cues) rather than lowering it. The
// result has ResampledLen(len(in), from, to) samples; it is a copy of in
// when the rates are equal, and nil when a rate is not positive.
func Resample(in []int16, from, to int) []int16 {
	n := ResampledLen(len(in), from, to)
	if n == 0 {
		return nil
	}
	if from == to {
		return append([]int16(nil), in...)
	}
	out := make([]int16, n)
	last := len(in) - 1
	for i := range out {
		// Exact integer position of output sample i in the input.
		num := int64(i) * int64(from)
		k := int(num / int64(to))
		if k >= last {
			out[i] = in[last]
			continue
		}
		frac := float64(num%int64(to)) / float64(to)
		a, b := float64(in[k]), float64(in[k+1])
		out[i] = int16(math.Round(a + (b-a)*frac))
	}
	return out
}

// ErrNotPCM16 reports a WAV file that is not 16-bit mono PCM.
var ErrNotPCM16 = errors.New("audio: not a 16-bit mono PCM WAV")

// DecodePCM16 reads a small 16-bit mono PCM WAV held in memory, such as an
// embedded cue clip, and returns its samples and sample rate. Unknown
// chunks are skipped. Other formats return an error wrapping ErrNotPCM16;
// a file cut short returns the samples that are complete.
func DecodePCM16(data []byte) ([]int16, int, error) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return nil, 0, fmt.Errorf("audio: decoding WAV: no RIFF/WAVE header: %w", ErrNotPCM16)
	}
	var rate int
	var gotFmt bool
	for p := 12; p+8 <= len(data); {
		id := string(data[p : p+4])
		size := int(binary.LittleEndian.Uint32(data[p+4 : p+8]))
		body := data[p+8:]
		if size < len(body) {
			body = body[:size]
		}
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, 0, fmt.Errorf("audio: decoding WAV: fmt chunk of %d bytes: %w", len(body), ErrNotPCM16)
			}
			format := binary.LittleEndian.Uint16(body[0:2])
			channels := binary.LittleEndian.Uint16(body[2:4])
			bits := binary.LittleEndian.Uint16(body[14:16])
			if format != 1 || channels != 1 || bits != 16 {
				return nil, 0, fmt.Errorf("audio: decoding WAV: format %d, %d channels, %d bits: %w", format, channels, bits, ErrNotPCM16)
			}
			rate = int(binary.LittleEndian.Uint32(body[4:8]))
			if rate <= 0 {
				return nil, 0, fmt.Errorf("audio: decoding WAV: sample rate %d: %w", rate, ErrNotPCM16)
			}
			gotFmt = true
		case "data":
			if !gotFmt {
				return nil, 0, fmt.Errorf("audio: decoding WAV: data before fmt chunk: %w", ErrNotPCM16)
			}
			out := make([]int16, len(body)/2)
			for i := range out {
				out[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return out, rate, nil
		}
		p += 8 + size + size%2 // chunks are padded to an even length
	}
	return nil, 0, fmt.Errorf("audio: decoding WAV: no data chunk: %w", ErrNotPCM16)
}
