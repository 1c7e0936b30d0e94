package fake

// FirstDiff returns the index of the first sample where a and b differ
// (the shorter one's length when one is a prefix of the other), or -1 when
// they are equal.
func FirstDiff(a, b []int16) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}
