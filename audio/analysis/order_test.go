package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNthIsSortedValue: nth gives the value at index k of the sorted slice,
// with the smaller values before it and the larger after, on slices with
// many equal values, sorted and reversed ones, and of every small length.
func TestNthIsSortedValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var cases [][]float32
	for n := 1; n <= 40; n++ {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.IntN(5)) // many ties
		}
		cases = append(cases, s)
	}
	for _, n := range []int{100, 101, 999, 4096} {
		r, up, down := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range r {
			r[i] = float32(rng.NormFloat64())
			up[i] = float32(i)
			down[i] = float32(n - i)
		}
		cases = append(cases, r, up, down)
	}
	for _, s := range cases {
		want := slices.Sorted(slices.Values(s))
		for _, k := range []int{0, len(s) / 10, len(s) / 2, len(s) * 95 / 100, len(s) - 1} {
			got := slices.Clone(s)
			if v := nth(got, k); v != want[k] {
				t.Fatalf("len %d, k %d: nth = %v, sorted has %v", len(s), k, v, want[k])
			}
			if slices.Max(got[:k+1]) != want[k] || slices.Min(got[k:]) != want[k] {
				t.Fatalf("len %d, k %d: values on the wrong side of index k", len(s), k)
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("len %d: nth lost or changed values", len(s))
			}
		}
	}
}
