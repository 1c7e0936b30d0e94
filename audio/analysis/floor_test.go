package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLowFloorIsMedianOfFloor: lowFloor is the median over the frames of the
// per-frame floor (each chunk's quietest tenth, the lowest within ±5 s),
// here spelled out frame by frame, for takes that end inside a chunk.
func TestLowFloorIsMedianOfFloor(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 99, chunk, 1234, 30*chunk + 17, 60 * chunk, 61*chunk + 1} {
		lv := make([]float32, n)
		for i := range lv {
			// A noise that grows along the take, so that every second has
			// a floor of its own and the median falls between two.
			lv[i] = -80 + float32(i)/chunk + float32(rng.IntN(100))/10
		}
		nc := (n + chunk - 1) / chunk
		lo := make([]float32, nc)
		for c := range nc {
			b := slices.Clone(lv[c*chunk : min(n, (c+1)*chunk)])
			slices.Sort(b)
			lo[c] = b[len(b)/10]
		}
		w := floorWindow / chunk
		var fl []float32
		for c := range nc {
			v := lo[c]
			for j := max(0, c-w); j <= min(nc-1, c+w); j++ {
				v = min(v, lo[j])
			}
			for k := c * chunk; k < min(n, (c+1)*chunk); k++ {
				fl = append(fl, v)
			}
		}
		slices.Sort(fl)
		if got, want := lowFloor(lv), float64(fl[len(fl)/2]); got != want {
			t.Errorf("%d frames: lowFloor %v, the median of the frames' floor is %v", n, got, want)
		}
	}
}
