package audio

import (
	"math"
	"testing"

	"failforward/internal/bench"
)

// captureRate and captureBlock are the capture path's usual shape: 48 kHz
// in blocks of 1024 frames (about 21 ms), as the capture stream delivers.
const (
	captureRate  = 48000
	captureBlock = 1024
)

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
	bench.ReportAudioCost(b, captureBlock, captureRate)
}
