package analysis

import (
	"testing"
)

// take returns minutes of speech-like audio at rate: espeak-ng phrases with
// pauses of 0.3 to 2 s and low noise, repeated.
func take(b *testing.B, rate int, minutes float64) []int16 {
	b.Helper()
	base, _ := spokenAnswer(b, rate, []float64{0.3, 0.8, 2.0, 0.5, 1.1, 0.4}, 0.5, 0.5)
	addNoise(base, -55, 8)
	n := int(minutes * 60 * float64(rate))
	s := make([]int16, 0, n)
	for len(s) < n {
		s = append(s, base[:min(len(base), n-len(s))]...)
	}
	return s
}

func benchmarkAnalyze(b *testing.B, rate int, minutes float64) {
	benchmarkSamples(b, take(b, rate, minutes), rate)
}

// BenchmarkAnalyze2Min48kDigitalSilence times a take whose pauses are
// exact zeros, as a recorder that gates its input or an edited file
// gives: it should take no longer than one with noise in its pauses.
func BenchmarkAnalyze2Min48kDigitalSilence(b *testing.B) {
	base, _ := spokenAnswer(b, 48000, []float64{0.3, 0.8, 2.0, 0.5, 1.1, 0.4}, 0.5, 0.5)
	for i, v := range base {
		if v > -8 && v < 8 {
			base[i] = 0
		}
	}
	n := 2 * 60 * 48000
	s := make([]int16, 0, n)
	for len(s) < n {
		s = append(s, base[:min(len(base), n-len(s))]...)
	}
	benchmarkSamples(b, s, 48000)
}

func benchmarkSamples(b *testing.B, s []int16, rate int) {
	b.SetBytes(int64(2 * len(s)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(s, rate, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// The goals: a 2-minute take in at most 60 ms and a 60-minute one in at most
// 1.5 s, at the usual device rate of 48 kHz, on an unloaded machine; on a
// busy one, compare with BenchmarkBaselinePass2Min48k from the same run.
func BenchmarkAnalyze2Min48k(b *testing.B)  { benchmarkAnalyze(b, 48000, 2) }
func BenchmarkAnalyze60Min48k(b *testing.B) { benchmarkAnalyze(b, 48000, 60) }
func BenchmarkAnalyze2Min16k(b *testing.B)  { benchmarkAnalyze(b, 16000, 2) }
func BenchmarkAnalyze2Min44k(b *testing.B)  { benchmarkAnalyze(b, 44100, 2) }

// sink keeps the baseline's result alive.
var sink float64

// BenchmarkBaselinePass2Min48k is the yardstick for the others, measured in
// the same run: one plain pass over the samples of a 2-minute take at 48 kHz
// (a sum of squares, as a level meter does). Analysis speed is reported as a
// ratio to it, which a loaded machine changes far less than the times.
func BenchmarkBaselinePass2Min48k(b *testing.B) {
	s := take(b, 48000, 2)
	b.SetBytes(int64(2 * len(s)))
	b.ResetTimer()
	for b.Loop() {
		var acc float64
		for _, v := range s {
			x := float64(v)
			acc += x * x
		}
		sink = acc
	}
}

// BenchmarkFrames2Min48k times the frame stage alone (speech, syllables,
// filled pauses, the report) on the per-frame figures of a 2-minute take at
// 48 kHz: the part of the analysis that works on 10 ms frames rather than
// samples, so its cost can be told apart on a busy machine.
func BenchmarkFrames2Min48k(b *testing.B) {
	const rate = 48000
	s := take(b, rate, 2)
	a, err := NewAnalyzer(rate, Options{})
	if err != nil {
		b.Fatal(err)
	}
	a.Write(s)
	in := a.Finish().fr
	opt := Options{}.withDefaults()
	b.ResetTimer()
	for b.Loop() {
		fr := frames{level: in.level, clips: in.clips, intensity: in.intensity, shape: in.shape,
			wide: in.wide, pitch: in.pitch, aper: in.aper}
		buildReport(&fr, rate, int64(len(s)), opt)
	}
}
