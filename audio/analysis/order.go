package analysis

import "cmp"

// nth returns the value a sort of s would put at index k, reordering s so
// that no value before index k is greater than it and none after it is
// smaller (a selection: Hoare's quickselect, median-of-three pivots). It
// takes time in proportion to len(s) where a sort takes len(s)·log(len(s)),
// and gives the same value. s must hold no NaN.
func nth[T cmp.Ordered](s []T, k int) T {
	lo, hi := 0, len(s)-1
	for hi-lo > nthSmall {
		mid := lo + (hi-lo)/2
		if s[mid] < s[lo] {
			s[lo], s[mid] = s[mid], s[lo]
		}
		if s[hi] < s[lo] {
			s[lo], s[hi] = s[hi], s[lo]
		}
		if s[hi] < s[mid] {
			s[mid], s[hi] = s[hi], s[mid]
		}
		p := s[mid]
		i, j := lo, hi
		for i <= j {
			for s[i] < p {
				i++
			}
			for p < s[j] {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		// s[lo:j+1] holds no value over p, s[i:hi+1] none under it, and
		// anything between equals p.
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return s[k]
		}
	}
	// A few values left: insertion sort them.
	for i := lo + 1; i <= hi; i++ {
		for j := i; j > lo && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[k]
}

// nthSmall is the size of range nth finishes by insertion sort.
const nthSmall = 12
