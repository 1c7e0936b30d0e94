package peaks

import (
	"math"
	"path/filepath"
	"testing"

	"failforward/audio/wavfile"
	"failforward/internal/bench"
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

// BenchmarkAppend21ms appends one 21 ms block at 48 kHz to a pyramid with
// room for an hour, as the recorder does for every block while recording.
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
	bench.ReportAudioCost(b, block, rate)
}

// BenchmarkAppendCaptureBlock is BenchmarkAppend21ms with the capture
// stream's own block of 1024 frames, which does not fill whole buckets: most
// blocks end inside one and the next block finishes it.
func BenchmarkAppendCaptureBlock(b *testing.B) {
	const rate, block = 48000, 1024
	const room = 10 * 60 * rate
	p := New(rate, room)
	s := make([]int16, block)
	speechLike(s, 0, rate)
	b.ReportAllocs()
	b.SetBytes(2 * block)
	for b.Loop() {
		if p.Len() > room-block {
			b.StopTimer()
			p = New(rate, room)
			b.StartTimer()
		}
		p.Append(s)
	}
	bench.ReportAudioCost(b, block, rate)
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

// BenchmarkPeaks60minFullWidth reads 1920 columns of a 60-minute take, the
// work of drawing the whole waveform once.
func BenchmarkPeaks60minFullWidth(b *testing.B) {
	p := build60min(b)
	dst := make([]MinMax, 1920)
	b.ReportAllocs()
	for b.Loop() {
		dst = p.Peaks(0, p.Len(), 1920, dst)
	}
}

// BenchmarkFromWAV60min builds the pyramid of a 60-minute 48 kHz take from
// its file, as the review screen does when it opens a saved take: the
// open-to-ready time of a long take (goal: under a second).
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
