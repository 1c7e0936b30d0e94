// Package peaks keeps the min/max envelope of a take at many resolutions,
// so a waveform of any width and zoom draws in time proportional to its
// width, not to the length of the take.
//
// A Pyramid holds levels of buckets: level 0 has one min/max pair per
// BaseBucket samples, and each level above halves the count (a bucket of
// level k covers BaseBucket<<k samples). It grows by Append while a take
// is recorded and is built from a file by FromWAV. It imports only the
// standard library and the project's WAV reader.
package peaks

import (
	"sync"
)

// BaseBucket is how many samples one bucket of level 0 covers. A bucket of
// level k covers BaseBucket<<k samples.
const BaseBucket = 64

// baseShift is log2(BaseBucket).
const baseShift = 6

// MinMax is the lowest and highest sample of a span. A span that holds no
// samples is the zero value.
type MinMax struct {
	Min, Max int16
}

// merge returns the envelope of both spans.
func (m MinMax) merge(o MinMax) MinMax {
	if o.Min < m.Min {
		m.Min = o.Min
	}
	if o.Max > m.Max {
		m.Max = o.Max
	}
	return m
}

// envelope returns the min/max of a non-empty block. Two independent
// running pairs let the processor overlap the comparisons.
func envelope(block []int16) MinMax {
	lo0, hi0 := block[0], block[0]
	lo1, hi1 := lo0, hi0
	i := 0
	for ; i+2 <= len(block); i += 2 {
		a, b := block[i], block[i+1]
		lo0, hi0 = min(lo0, a), max(hi0, a)
		lo1, hi1 = min(lo1, b), max(hi1, b)
	}
	if i < len(block) {
		lo0, hi0 = min(lo0, block[i]), max(hi0, block[i])
	}
	return MinMax{Min: min(lo0, lo1), Max: max(hi0, hi1)}
}

// Pyramid is the multi-resolution min/max envelope of a mono 16-bit stream.
//
// Level k has one entry per BaseBucket<<k samples; its last entry covers
// the samples appended so far and grows as more arrive, so the newest audio
// shows at once. The top level is the first with a single entry.
//
// A Pyramid is safe for concurrent use: one goroutine (the recorder) may
// Append while others (the UI) call Peaks, Len and Rate. Each call holds an
// internal lock for its own duration only (Append: a few microseconds per
// block of a thousand samples; Peaks: proportional to the number of buckets
// asked for). A Pyramid starts no goroutines.
type Pyramid struct {
	rate int

	mu sync.RWMutex
	n  int64      // samples appended
	lv [][]MinMax // lv[k]: level k; lv[0] is never removed
}

// New returns an empty pyramid for audio at rate samples per second, with
// room for capacity samples: appending up to that many never allocates.
// Beyond it the levels grow as slices do (amortised O(1) per sample).
func New(rate int, capacity int64) *Pyramid {
	p := &Pyramid{rate: rate}
	capacity = max(capacity, 0)
	buckets := (capacity + BaseBucket - 1) / BaseBucket
	p.lv = make([][]MinMax, 1, levelsFor(buckets)+1)
	p.lv[0] = make([]MinMax, 0, buckets)
	for c := buckets; c > 1; {
		c = (c + 1) / 2
		p.lv = append(p.lv, make([]MinMax, 0, c))
	}
	// Levels above the top stay empty until the data reaches them.
	return p
}

// levelsFor is the number of levels above level 0 that buckets level-0
// buckets need (0 for 0 or 1 bucket).
func levelsFor(buckets int64) int {
	k := 0
	for buckets > 1 {
		buckets = (buckets + 1) / 2
		k++
	}
	return k
}

// Rate returns the sample rate given to New (or read by FromWAV).
func (p *Pyramid) Rate() int { return p.rate }

// Len returns the number of samples appended so far.
func (p *Pyramid) Len() int64 {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.n
}

// Append adds a block of samples. It is amortised O(len(block)) and does
// not allocate while the total stays within the capacity given to New.
func (p *Pyramid) Append(block []int16) {
	if len(block) == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()

	first := p.n >> baseShift // level-0 bucket receiving the first sample
	lv0 := p.lv[0]
	for len(block) > 0 {
		pos := int(p.n & (BaseBucket - 1))
		take := min(BaseBucket-pos, len(block))
		m := envelope(block[:take])
		if pos == 0 {
			lv0 = append(lv0, m)
		} else {
			lv0[len(lv0)-1] = lv0[len(lv0)-1].merge(m)
		}
		p.n += int64(take)
		block = block[take:]
	}
	p.lv[0] = lv0

	// Recompute the entries above the changed level-0 span.
	lo, hi := first, int64(len(lv0)-1)
	for k := 1; len(p.lv[k-1]) > 1; k++ {
		if k == len(p.lv) {
			p.lv = append(p.lv, nil)
		}
		below, cur := p.lv[k-1], p.lv[k]
		lo, hi = lo>>1, hi>>1
		for j := lo; j <= hi; j++ {
			m := below[2*j]
			if 2*j+1 < int64(len(below)) {
				m = m.merge(below[2*j+1])
			}
			if j < int64(len(cur)) {
				cur[j] = m
			} else {
				cur = append(cur, m)
			}
		}
		p.lv[k] = cur
	}
}

// top returns the highest level with entries. The caller holds the lock.
func (p *Pyramid) top() int {
	k := 0
	for k+1 < len(p.lv) && len(p.lv[k+1]) > 0 {
		k++
	}
	return k
}

// levelFor picks the coarsest level whose buckets are no longer than
// samplesPerColumn (level 0 when even its buckets are longer), capped at
// top.
func levelFor(samplesPerColumn float64, top int) int {
	k := 0
	for k < top && float64(int64(BaseBucket)<<(k+1)) <= samplesPerColumn {
		k++
	}
	return k
}

// Peaks divides the samples [from, to) into buckets equal columns and
// returns the envelope of each, reusing dst's storage when it is large
// enough. Column i covers samples [from+i*(to-from)/buckets,
// from+(i+1)*(to-from)/buckets) (at least one sample).
//
// The envelope comes from the coarsest level whose buckets are no longer
// than a column, so a column's envelope is that of its samples widened to
// whole buckets of that level: at most one bucket more on each side. When
// columns are shorter than BaseBucket (zoomed in past the pyramid's finest
// level) neighbouring columns repeat the same level-0 bucket. Columns that
// lie wholly before sample 0 or at or after Len are the zero MinMax.
// Peaks costs O(buckets) whatever the span.
func (p *Pyramid) Peaks(from, to int64, buckets int, dst []MinMax) []MinMax {
	if buckets <= 0 || to <= from {
		return dst[:0]
	}
	if cap(dst) < buckets {
		dst = make([]MinMax, buckets)
	}
	dst = dst[:buckets]

	p.mu.RLock()
	defer p.mu.RUnlock()
	span := to - from
	k := levelFor(float64(span)/float64(buckets), p.top())
	lv := p.lv[k]
	shift := uint(baseShift + k)
	for i := range dst {
		a := from + span*int64(i)/int64(buckets)
		b := from + span*int64(i+1)/int64(buckets)
		if b <= a {
			b = a + 1
		}
		if a >= p.n || b <= 0 {
			dst[i] = MinMax{}
			continue
		}
		a = max(a, 0)
		b = min(b, p.n)
		ia, ib := a>>shift, (b-1)>>shift
		m := lv[ia]
		for j := ia + 1; j <= ib; j++ {
			m = m.merge(lv[j])
		}
		dst[i] = m
	}
	return dst
}
