// Package bench holds what the Go benchmarks of the capture path share.
package bench

import "testing"

// ReportAudioCost reports what one second of audio costs a benchmark whose
// every operation handles frames frames at rate: nanoseconds of processor
// time per second of audio (the benchmark runs on one goroutine, so its
// elapsed time is its processor time) and how many times faster than real
// time that is.
func ReportAudioCost(b *testing.B, frames, rate int) {
	b.Helper()
	if b.N == 0 {
		return
	}
	perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	audioNS := float64(frames) / float64(rate) * 1e9
	b.ReportMetric(perOp/(audioNS/1e9), "cpu-ns/audio-s")
	b.ReportMetric(audioNS/perOp, "x-realtime")
}
