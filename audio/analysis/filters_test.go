package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// triangleAt is the first decimator's output m by its definition: the
// weighted sum of the inputs m*d-(d-1) .. m*d+(d-1) with the triangle's
// weights 1, 2, .., d, .., 2, 1, times 1/d², inputs before the first being 0.
func triangleAt(x []int16, d, m int) float64 {
	var acc int64
	for k := -(d - 1); k <= d-1; k++ {
		if j := m*d + k; j >= 0 && j < len(x) {
			acc += int64(d-abs(k)) * int64(x[j])
		}
	}
	return float64(acc) * (1 / float64(d*d))
}

func abs(k int) int {
	if k < 0 {
		return -k
	}
	return k
}

// TestCICMatchesTriangle: the integer first decimator gives the triangle's
// outputs exactly, in blocks of any size, for every decimation factor the
// analysis uses, on full-scale noise.
func TestCICMatchesTriangle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]int16, 20000)
	for i := range x {
		x[i] = int16(rng.IntN(65536) - 32768)
	}
	x[100], x[101] = math.MaxInt16, math.MinInt16
	for _, d := range []int{1, 2, 3, 5, 6, 11, 12} {
		c := cic{d: d, scale: 1 / float64(d*d)}
		var out []float64
		for i := 0; i < len(x); {
			n := min(len(x)-i, rng.IntN(700))
			out = c.decimate(x[i:i+n], out)
			i += n
		}
		if want := len(x) / d; len(out) != want {
			t.Fatalf("d=%d: %d outputs, want %d", d, len(out), want)
		}
		for m, got := range out {
			if want := triangleAt(x, d, m); got != want {
				t.Fatalf("d=%d: output %d = %v, want %v", d, m, got, want)
			}
		}
	}
}

// TestCICWrapsAround: the running sums overflow on long takes (an hour at
// full scale takes the second far past 2^63); the outputs stay exact.
func TestCICWrapsAround(t *testing.T) {
	const d = 6
	x := make([]int16, 600)
	for i := range x {
		x[i] = int16(i*131%65536 - 32768)
	}
	fresh := cic{d: d, scale: 1.0 / (d * d)}
	want := fresh.decimate(x, nil)

	// The state after n samples at full scale: the second sum is
	// MaxInt16*n*(n+1)/2, about 1.5e23, so it has wrapped many times.
	const n = 3_000_000_000 // a multiple of d
	full := int64(math.MaxInt16)
	second := func(k int64) int64 { return k * (k + 1) / 2 * full } // wraps
	c := cic{d: d, scale: 1.0 / (d * d), i1: full * n, i2: second(n), e1: second(n), e2: second(n - d)}
	got := c.decimate(x, nil)
	if len(got) != len(want) {
		t.Fatalf("%d outputs, want %d", len(got), len(want))
	}
	// Output 0 reaches d-1 samples back into the loud history.
	var acc int64
	for k := 1; k < d; k++ {
		acc += int64(d-k) * full
	}
	for k := 0; k < d; k++ {
		acc += int64(d-k) * int64(x[k])
	}
	want[0] = float64(acc) * (1.0 / (d * d))
	for m := range want {
		if got[m] != want[m] {
			t.Fatalf("output %d = %v after wrapped sums, want %v", m, got[m], want[m])
		}
	}
}

// TestWideEnergyMatchesCascade: the wide band's level, computed with the
// high-pass sections' gains taken out, is the level of the plain two-section
// Butterworth cascade over the same samples.
func TestWideEnergyMatchesCascade(t *testing.T) {
	for _, rate := range []int{8000, 16000, 44100, 48000} {
		s, _ := spokenAnswer(t, rate, []float64{0.5, 1.2}, 0.6, 0.4)
		addNoise(s, -55, 4)
		// Rumble far below the band, which the filter must remove.
		for i := range s {
			v := float64(s[i]) + 3000*math.Sin(2*math.Pi*30*float64(i)/float64(rate))
			s[i] = int16(max(-32768, min(32767, v)))
		}
		a, err := NewAnalyzer(rate, Options{})
		if err != nil {
			t.Fatal(err)
		}
		a.Write(s)
		got := a.Finish().fr.wide

		f := highpass4(speechLow, float64(rate))
		var sq float64
		count, k := 0, int64(1)
		for i, v := range s {
			z := f[1].step(f[0].step(float64(v)))
			sq += z * z
			count++
			if int64(i+1) == frameStart(k, rate) || i == len(s)-1 {
				want := powerDB(sq / float64(count))
				if d := math.Abs(float64(got[k-1]) - want); d > 1e-3 {
					t.Fatalf("%d Hz: frame %d wide level %.5f dB, the plain cascade gives %.5f dB", rate, k-1, got[k-1], want)
				}
				sq, count = 0, 0
				k++
			}
		}
	}
}
