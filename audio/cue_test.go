package audio

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"time"
)

// crossings counts sign changes from negative to non-negative.
func crossings(s []int16) int {
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i-1] < 0 && s[i] >= 0 {
			n++
		}
	}
	return n
}

func peakAbs(s []int16) int {
	p := 0
	for _, v := range s {
		p = max(p, int(math.Abs(float64(v))))
	}
	return p
}

func TestCueTone(t *testing.T) {
	tests := []struct {
		rate int
		freq float64
		d    time.Duration
		amp  float64
	}{
		{48000, 880, 200 * time.Millisecond, 0.3},
		{44100, 440, time.Second, 0.5},
		{16000, 1000, 500 * time.Millisecond, 1},
		{48000, 660, 150 * time.Millisecond, 0.25},
	}
	for _, tt := range tests {
		s := Tone(tt.rate, tt.freq, tt.d, tt.amp)
		if got, want := len(s), int(math.Round(tt.d.Seconds()*float64(tt.rate))); got != want {
			t.Errorf("Tone(%d, %v, %v): %d samples, want %d", tt.rate, tt.freq, tt.d, got, want)
			continue
		}
		// One upward zero crossing per period.
		gotF := float64(crossings(s)) / tt.d.Seconds()
		if math.Abs(gotF-tt.freq) > 1.5/tt.d.Seconds() {
			t.Errorf("Tone(%d, %v, %v): %v Hz by zero crossings, want %v", tt.rate, tt.freq, tt.d, gotF, tt.freq)
		}
		full := tt.amp * math.MaxInt16
		if got := float64(peakAbs(s)); got < 0.98*full || got > full+1 {
			t.Errorf("Tone(%d, %v, %v, %v): peak %v, want about %v", tt.rate, tt.freq, tt.d, tt.amp, got, full)
		}
		// No click: the ends are silent and the first and last
		// millisecond stay under 3 % of the amplitude (the fade is at 2.4 %
		// of its way after 1 ms of 10).
		if s[0] != 0 || s[len(s)-1] != 0 {
			t.Errorf("Tone(%d, %v, %v): ends %d and %d, want 0 and 0", tt.rate, tt.freq, tt.d, s[0], s[len(s)-1])
		}
		ms := tt.rate / 1000
		if got := float64(max(peakAbs(s[:ms]), peakAbs(s[len(s)-ms:]))); got > 0.03*full {
			t.Errorf("Tone(%d, %v, %v): %v in the first or last ms, want at most %v", tt.rate, tt.freq, tt.d, got, 0.03*full)
		}
		// Past the fade the tone has its full level.
		fade := int(ToneFade.Seconds() * float64(tt.rate))
		if got := float64(peakAbs(s[fade : fade+tt.rate/int(tt.freq)+2])); got < 0.98*full {
			t.Errorf("Tone(%d, %v, %v): peak %v just after the fade, want about %v", tt.rate, tt.freq, tt.d, got, full)
		}
	}
}

func TestCueToneShortAndInvalid(t *testing.T) {
	// Shorter than two fades: fades take half each, ends still zero.
	s := Tone(48000, 1000, 8*time.Millisecond, 0.5)
	if len(s) != 384 || s[0] != 0 || s[len(s)-1] != 0 {
		t.Errorf("8 ms tone: %d samples, ends %d %d; want 384 samples, ends 0", len(s), s[0], s[len(s)-1])
	}
	for _, tt := range []struct {
		name string
		got  []int16
	}{
		{"zero rate", Tone(0, 440, time.Second, 0.5)},
		{"zero frequency", Tone(48000, 0, time.Second, 0.5)},
		{"NaN frequency", Tone(48000, math.NaN(), time.Second, 0.5)},
		{"zero duration", Tone(48000, 440, 0, 0.5)},
	} {
		if tt.got != nil {
			t.Errorf("Tone with %s: %d samples, want nil", tt.name, len(tt.got))
		}
	}
	if got := peakAbs(Tone(8000, 440, time.Second, 7)); got != math.MaxInt16 {
		t.Errorf("Tone with amp 7: peak %d, want %d (clamped)", got, math.MaxInt16)
	}
}

func TestCueResample(t *testing.T) {
	tests := []struct {
		name     string
		in       []int16
		from, to int
		want     []int16
	}{
		{"same rate copies", []int16{1, 2, 3}, 16000, 16000, []int16{1, 2, 3}},
		{"triple", []int16{0, 300, -300}, 16000, 48000, []int16{0, 100, 200, 300, 100, -100, -300, -300, -300}},
		{"double", []int16{0, 10}, 8000, 16000, []int16{0, 5, 10, 10}},
		{"halve", []int16{0, 1, 2, 3, 4, 5}, 16000, 8000, []int16{0, 2, 4}},
		{"empty", nil, 16000, 48000, nil},
		{"bad rate", []int16{1}, 0, 48000, nil},
	}
	for _, tt := range tests {
		got := Resample(tt.in, tt.from, tt.to)
		if len(got) != len(tt.want) {
			t.Errorf("%s: Resample = %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: Resample = %v, want %v", tt.name, got, tt.want)
				break
			}
		}
		if n := ResampledLen(len(tt.in), tt.from, tt.to); n != len(got) {
			t.Errorf("%s: ResampledLen = %d, Resample gave %d", tt.name, n, len(got))
		}
	}
	in := []int16{5, 6}
	if out := Resample(in, 100, 100); &out[0] == &in[0] {
		t.Error("Resample at the same rate returned the input slice, want a copy")
	}
}

func TestCueResampleKeepsFrequency(t *testing.T) {
	in := Tone(16000, 500, time.Second, 0.5)
	out := Resample(in, 16000, 48000)
	if got, want := len(out), 48000; got != want {
		t.Fatalf("resampled length %d, want %d", got, want)
	}
	if got := crossings(out); got < 499 || got > 501 {
		t.Errorf("500 Hz resampled to 48 kHz has %d crossings in 1 s, want 500", got)
	}
}

// wav builds a WAV in memory; extra chunks go before "fmt ".
func wav(format, channels, bits uint16, rate uint32, samples []int16, extra ...[]byte) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, "RIFF\x00\x00\x00\x00WAVE"...)
	for _, e := range extra {
		b = append(b, e...)
	}
	b = append(b, "fmt "...)
	b = le.AppendUint32(b, 16)
	b = le.AppendUint16(b, format)
	b = le.AppendUint16(b, channels)
	b = le.AppendUint32(b, rate)
	b = le.AppendUint32(b, rate*uint32(channels)*uint32(bits)/8)
	b = le.AppendUint16(b, channels*bits/8)
	b = le.AppendUint16(b, bits)
	b = append(b, "data"...)
	b = le.AppendUint32(b, uint32(2*len(samples)))
	for _, s := range samples {
		b = le.AppendUint16(b, uint16(s))
	}
	le.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

func TestCueDecodePCM16(t *testing.T) {
	samples := []int16{0, 1, -1, 32767, -32768}
	odd := append([]byte("LIST\x03\x00\x00\x00abc"), 0) // odd size, padded
	tests := []struct {
		name     string
		data     []byte
		want     []int16
		wantRate int
		wantErr  bool
	}{
		{"plain", wav(1, 1, 16, 16000, samples), samples, 16000, false},
		{"extra chunk", wav(1, 1, 16, 22050, samples, odd), samples, 22050, false},
		{"stereo", wav(1, 2, 16, 16000, samples), nil, 0, true},
		{"8 bit", wav(1, 1, 8, 16000, samples), nil, 0, true},
		{"float", wav(3, 1, 16, 16000, samples), nil, 0, true},
		{"not RIFF", []byte("hello, this is not audio"), nil, 0, true},
		{"no data", wav(1, 1, 16, 16000, samples)[:36], nil, 0, true},
		{"cut short", wav(1, 1, 16, 16000, samples)[:47], samples[:1], 16000, false},
	}
	for _, tt := range tests {
		got, rate, err := DecodePCM16(tt.data)
		if tt.wantErr {
			if !errors.Is(err, ErrNotPCM16) {
				t.Errorf("%s: err = %v, want ErrNotPCM16", tt.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: err = %v, want nil", tt.name, err)
			continue
		}
		if rate != tt.wantRate || len(got) != len(tt.want) {
			t.Errorf("%s: got %d samples at %d Hz, want %d at %d Hz", tt.name, len(got), rate, len(tt.want), tt.wantRate)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: sample %d = %d, want %d", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}
