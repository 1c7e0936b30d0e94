package audio

import (
	"math"
	"testing"
)

// captureRate and captureBlock are the capture path's usual shape: 48 kHz
// in blocks of 1024 frames (about 21 ms), as the capture stream delivers.
const (
	captureRate  = 48000
	captureBlock = 1024
)

// reportAudioCost reports what one second of audio costs a benchmark whose
// every operation handles frames frames at rate: nanoseconds of processor
// time per second of audio (the benchmark runs on one goroutine, so its
// elapsed time is its processor time) and how many times faster than real
// time that is.
func reportAudioCost(b *testing.B, frames, rate int) {
	b.Helper()
	if b.N == 0 {
		return
	}
	perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	audioNS := float64(frames) / float64(rate) * 1e9
	b.ReportMetric(perOp/(audioNS/1e9), "cpu-ns/audio-s")
	b.ReportMetric(audioNS/perOp, "x-realtime")
}

// BenchmarkMeterCaptureBlock meters one capture block of speech-loud sine
// and reads the level, as the recorder does for every block.
func BenchmarkMeterCaptureBlock(b *testing.B) {
	m := NewMeter(captureRate)
	block := make([]int16, captureBlock)
	for i := range block {
		block[i] = int16(12000 * math.Sin(2*math.Pi*220*float64(i)/captureRate))
	}
	var lv Level
	b.ReportAllocs()
	b.SetBytes(2 * captureBlock)
	for b.Loop() {
		m.Process(block)
		lv = m.Level()
	}
	if lv.Peak <= MinDB {
		b.Fatalf("peak %.1f dBFS: the meter did not see the block", lv.Peak)
	}
	reportAudioCost(b, captureBlock, captureRate)
}
