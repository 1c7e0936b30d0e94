package review

import (
	"errors"
	"math"
	"slices"
	"testing"

	"failforward/audio/analysis"
	"failforward/audio/stretch"
)

func TestStretchSamples(t *testing.T) {
	const rate = 16000
	in := make([]int16, rate*2)
	for i := range in {
		in[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/rate))
	}
	for _, speed := range speeds {
		got, err := stretchSamples(in, rate, speed, make(chan struct{}))
		if err != nil {
			t.Fatalf("stretchSamples(%v): %v", speed, err)
		}
		want, err := stretch.Stretch(in, rate, speed)
		if err != nil {
			t.Fatalf("stretch.Stretch(%v): %v", speed, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("speed %v: chunked stretch differs from stretch.Stretch (%d and %d samples)", speed, len(got), len(want))
		}
	}
	quit := make(chan struct{})
	close(quit)
	if _, err := stretchSamples(in, rate, 1.25, quit); !errors.Is(err, errCancelled) {
		t.Errorf("cancelled stretch: err = %v, want errCancelled", err)
	}
}

// BenchmarkSpeedChange2Min measures preparing a 2-minute 48 kHz take for
// 1.25x playback, the wait after the first press of "." on a take.
func BenchmarkSpeedChange2Min(b *testing.B) {
	const rate = 48000
	in := make([]int16, 120*rate)
	for i := range in {
		in[i] = int16(8000 * math.Sin(2*math.Pi*180*float64(i)/rate) * (0.5 + 0.5*math.Sin(2*math.Pi*3*float64(i)/rate)))
	}
	quit := make(chan struct{})
	b.ResetTimer()
	for range b.N {
		if _, err := stretchSamples(in, rate, 1.25, quit); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPauseSpans(t *testing.T) {
	if got := pauseSpans(analysis.Report{Pauses: []analysis.Pause{{Start: 1, End: 2.5}}}); !slices.Equal(got, [][2]float64{{1, 2.5}}) {
		t.Errorf("pauseSpans: got %v, want [[1 2.5]]", got)
	}
}
