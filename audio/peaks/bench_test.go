package peaks

import (
	"math"
	"path/filepath"
	"testing"

	"failforward/audio/wavfile"
)

// speechLike fills s with 200 Hz bursts whose loudness changes every
// quarter second, with a silent second every seven, starting at sample
// offset at (so consecutive calls continue one signal).
func speechLike(s []int16, at int64, rate int) {
	period := rate / 200
	for i := range s {
		t := at + int64(i)
		sec := t / int64(rate)
		if sec%7 == 6 {
			s[i] = 0
			continue
		}
		amp := 3000 + 2500*((t/int64(rate/4))%11)
		ph := float64(t%int64(period)) / float64(period)
		s[i] = int16(float64(amp) * math.Sin(2*math.Pi*ph))
	}
}

func BenchmarkAppend21ms(b *testing.B) {
	const rate, block = 48000, 1008
	p := New(rate, 60*60*rate)
	s := make([]int16, block)
	speechLike(s, 0, rate)
	b.ReportAllocs()
	b.SetBytes(2 * block)
	for b.Loop() {
		if p.Len() >= 60*60*rate-block {
			b.StopTimer()
			p = New(rate, 60*60*rate)
			b.StartTimer()
		}
		p.Append(s)
	}
}

// build60min returns a pyramid of 60 minutes of speech-like audio at 48 kHz.
func build60min(b *testing.B) *Pyramid {
	b.Helper()
	const rate = 48000
	total := int64(60 * 60 * rate)
	p := New(rate, total)
	buf := make([]int16, rate)
	for at := int64(0); at < total; at += rate {
		speechLike(buf, at, rate)
		p.Append(buf)
	}
	return p
}

func BenchmarkPeaks60minFullWidth(b *testing.B) {
	p := build60min(b)
	dst := make([]MinMax, 1920)
	b.ReportAllocs()
	for b.Loop() {
		dst = p.Peaks(0, p.Len(), 1920, dst)
	}
}

func BenchmarkFromWAV60min(b *testing.B) {
	const rate = 48000
	path := filepath.Join(b.TempDir(), "long.wav")
	w, err := wavfile.Create(path, rate)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]int16, rate)
	for at := int64(0); at < 60*60*rate; at += rate {
		speechLike(buf, at, rate)
		if err := w.Write(buf); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * 60 * 60 * rate)
	for b.Loop() {
		if _, _, err := FromWAV(path); err != nil {
			b.Fatal(err)
		}
	}
}
