package peaks

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"failforward/audio/wavfile"
)

// randomSamples returns n samples of a random walk with occasional jumps
// to the extremes, so envelopes differ from bucket to bucket.
func randomSamples(r *rand.Rand, n int) []int16 {
	s := make([]int16, n)
	v := 0
	for i := range s {
		switch r.IntN(500) {
		case 0:
			v = math.MaxInt16
		case 1:
			v = math.MinInt16
		default:
			v += r.IntN(2001) - 1000
			v = min(max(v, math.MinInt16), math.MaxInt16)
		}
		s[i] = int16(v)
	}
	return s
}

// refEnvelope is the min/max of s[a:b] by a plain loop (zero if empty).
func refEnvelope(s []int16, a, b int64) MinMax {
	if a >= b {
		return MinMax{}
	}
	m := MinMax{Min: math.MaxInt16, Max: math.MinInt16}
	for _, v := range s[a:b] {
		m.Min = min(m.Min, v)
		m.Max = max(m.Max, v)
	}
	return m
}

// refLevels computes every level straight from the samples: level k has
// one envelope per BaseBucket<<k samples, up to the first level with a
// single entry.
func refLevels(s []int16) [][]MinMax {
	n := int64(len(s))
	var levels [][]MinMax
	for k := 0; ; k++ {
		size := int64(BaseBucket) << k
		var lv []MinMax
		for a := int64(0); a < n; a += size {
			lv = append(lv, refEnvelope(s, a, min(a+size, n)))
		}
		levels = append(levels, lv)
		if len(lv) <= 1 {
			return levels
		}
	}
}

// refPeaks is Peaks by definition: pick the coarsest level whose bucket is
// no longer than a column, widen each column to whole buckets of that level
// and take the envelope of the samples. top is the top level of s
// (len(refLevels(s))-1).
func refPeaks(s []int16, top int, from, to int64, buckets int) []MinMax {
	n := int64(len(s))
	spc := float64(to-from) / float64(buckets)
	k := top
	for k > 0 && float64(int64(BaseBucket)<<k) > spc {
		k--
	}
	size := int64(BaseBucket) << k
	out := make([]MinMax, buckets)
	for i := range out {
		a := from + (to-from)*int64(i)/int64(buckets)
		b := from + (to-from)*int64(i+1)/int64(buckets)
		if b <= a {
			b = a + 1
		}
		if a >= n || b <= 0 {
			continue
		}
		a = max(a, 0) / size * size
		b = min((min(b, n)+size-1)/size*size, n)
		out[i] = refEnvelope(s, a, b)
	}
	return out
}

// levels returns the pyramid's non-empty levels (empty ones above the top
// are room reserved by New).
func (p *Pyramid) levels() [][]MinMax {
	p.mu.RLock()
	defer p.mu.RUnlock()
	var out [][]MinMax
	for _, lv := range p.lv {
		if len(lv) == 0 && len(out) > 0 {
			break
		}
		out = append(out, append([]MinMax(nil), lv...))
	}
	return out
}

// sameLevels compares levels, treating nil and empty alike.
func sameLevels(got, want [][]MinMax) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range got {
		if len(got[k]) != len(want[k]) || (len(got[k]) > 0 && !reflect.DeepEqual(got[k], want[k])) {
			return false
		}
	}
	return true
}

func TestAppendMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name     string
		n        int
		maxBlock int
		capacity int64
	}{
		{"one sample", 1, 1, 0},
		{"one bucket", BaseBucket, 7, 0},
		{"bucket and one", BaseBucket + 1, 64, BaseBucket + 1},
		{"small blocks", 5000, 100, 0},
		{"capture blocks", 40000, 2100, 40000},
		{"large blocks", 150000, 40000, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := randomSamples(r, tt.n)
			p := New(16000, tt.capacity)
			at := 0
			for at < len(s) {
				m := min(r.IntN(tt.maxBlock+1), len(s)-at) // 0 included
				p.Append(s[at : at+m])
				at += m
				if got := p.Len(); got != int64(at) {
					t.Fatalf("after %d samples Len() = %d", at, got)
				}
				if got, want := p.levels(), refLevels(s[:at]); !sameLevels(got, want) {
					t.Fatalf("after %d samples (block %d): levels differ from the reference\n got %v\nwant %v", at, m, got, want)
				}
			}
		})
	}
}

func TestIncrementalEqualsOneShot(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 100003} {
		s := randomSamples(r, n)
		once := New(48000, 0)
		once.Append(s)
		for _, capacity := range []int64{0, int64(n), int64(n) / 3, int64(n) * 2} {
			inc := New(48000, capacity)
			for at := 0; at < n; {
				m := min(1+r.IntN(3000), n-at)
				inc.Append(s[at : at+m])
				at += m
			}
			if got, want := inc.levels(), once.levels(); !sameLevels(got, want) {
				t.Errorf("n=%d capacity=%d: incremental levels differ from building at once", n, capacity)
			}
		}
	}
}

func TestPeaksMatchesReferenceAtEveryLevel(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 100, 5000, 300001} {
		s := randomSamples(r, n)
		p := New(16000, int64(n))
		for at := 0; at < n; {
			m := min(1+r.IntN(1200), n-at)
			p.Append(s[at : at+m])
			at += m
		}
		top := len(refLevels(s)) - 1
		var dst []MinMax
		// Every level, one beyond the top, and zoomed in past level 0.
		for k := -2; k <= top+1; k++ {
			for range 12 {
				// A column length in [BaseBucket<<k, BaseBucket<<(k+1)).
				spc := float64(BaseBucket) * math.Pow(2, float64(k)+r.Float64())
				buckets := 1 + r.IntN(300)
				span := max(int64(spc*float64(buckets)), 1)
				from := r.Int64N(int64(n)+200) - 100 // may start before 0
				to := from + span                    // may run past the end
				if r.IntN(4) == 0 {
					from, to = 0, int64(n)
				}
				dst = p.Peaks(from, to, buckets, dst)
				if want := refPeaks(s, top, from, to, buckets); !reflect.DeepEqual(dst, want) {
					t.Fatalf("n=%d level %d: Peaks(%d, %d, %d)\n got %v\nwant %v", n, k, from, to, buckets, dst, want)
				}
			}
		}
	}
}

func TestPeaksEdgeCases(t *testing.T) {
	s := []int16{5, -3, 7, 1}
	p := New(8000, 0)
	p.Append(s)
	tests := []struct {
		name     string
		from, to int64
		buckets  int
		want     []MinMax
	}{
		{"no buckets", 0, 4, 0, []MinMax{}},
		{"empty span", 3, 3, 4, []MinMax{}},
		{"reversed span", 4, 0, 2, []MinMax{}},
		{"whole", 0, 4, 1, []MinMax{{-3, 7}}},
		{"past the end", 4, 8, 2, []MinMax{{}, {}}},
		{"before the start", -8, 0, 2, []MinMax{{}, {}}},
		{"more columns than samples", 0, 2, 4, []MinMax{{-3, 7}, {-3, 7}, {-3, 7}, {-3, 7}}},
	}
	for _, tt := range tests {
		got := p.Peaks(tt.from, tt.to, tt.buckets, nil)
		if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s: Peaks(%d, %d, %d) = %v, want %v", tt.name, tt.from, tt.to, tt.buckets, got, tt.want)
		}
	}
	empty := New(8000, 0)
	if got := empty.Peaks(0, 100, 3, nil); !reflect.DeepEqual(got, []MinMax{{}, {}, {}}) {
		t.Errorf("empty pyramid: Peaks = %v, want three zero columns", got)
	}
}

func TestPeaksReusesDst(t *testing.T) {
	p := New(8000, 0)
	p.Append(randomSamples(rand.New(rand.NewPCG(7, 8)), 10000))
	dst := make([]MinMax, 0, 100)
	got := p.Peaks(0, 10000, 50, dst)
	if len(got) != 50 || &got[0] != &dst[:1][0] {
		t.Errorf("Peaks with room for 100 columns returned len %d, same storage %v", len(got), &got[0] == &dst[:1][0])
	}
}

func TestAppendDoesNotAllocate(t *testing.T) {
	const rate, block = 48000, 1008 // 21 ms blocks
	p := New(rate, 10*60*rate)
	b := randomSamples(rand.New(rand.NewPCG(9, 10)), block)
	p.Append(b) // the first block creates nothing either, but warm up anyway
	if got := testing.AllocsPerRun(2000, func() { p.Append(b) }); got != 0 {
		t.Errorf("Append of a %d-sample block allocates %v times per call, want 0", block, got)
	}
}

func TestConcurrentAppendAndPeaks(t *testing.T) {
	s := randomSamples(rand.New(rand.NewPCG(11, 12)), 200000)
	p := New(16000, 0)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for at := 0; at < len(s); at += 1000 {
			p.Append(s[at:min(at+1000, len(s))])
		}
	}()
	var dst []MinMax
	for p.Len() < int64(len(s)) {
		n := p.Len()
		dst = p.Peaks(0, n, 100, dst)
		// Whatever arrived meanwhile, each column holds at least its own
		// samples' envelope and nothing beyond the data's envelope.
		all := refEnvelope(s, 0, p.Len())
		for i, got := range dst {
			a, b := n*int64(i)/100, n*int64(i+1)/100
			if b <= a {
				b = a + 1
			}
			if a >= n {
				continue
			}
			own := refEnvelope(s, a, min(b, n))
			if got.Min > own.Min || got.Max < own.Max || got.Min < all.Min || got.Max > all.Max {
				t.Fatalf("while appending, column %d of the first %d samples = %v; own envelope %v, data's %v", i, n, got, own, all)
			}
		}
	}
	wg.Wait()
	if got, want := p.levels(), refLevels(s); !sameLevels(got, want) {
		t.Error("after concurrent appends the levels differ from the reference")
	}
}

// writeWAV writes samples to a new 16-bit mono WAV file in dir.
func writeWAV(t testing.TB, dir string, rate int, s []int16) string {
	t.Helper()
	path := filepath.Join(dir, "take.wav")
	w, err := wavfile.Create(path, rate)
	if err != nil {
		t.Fatal(err)
	}
	for at := 0; at < len(s); at += 50000 {
		if err := w.Write(s[at:min(at+50000, len(s))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFromWAV(t *testing.T) {
	s := randomSamples(rand.New(rand.NewPCG(13, 14)), 3*readChunk+123)
	path := writeWAV(t, t.TempDir(), 22050, s)
	p, info, err := FromWAV(path)
	if err != nil {
		t.Fatalf("FromWAV: %v", err)
	}
	if info.Frames != int64(len(s)) || info.SampleRate != 22050 || p.Rate() != 22050 || p.Len() != int64(len(s)) {
		t.Errorf("FromWAV: info %+v, rate %d, len %d; want %d frames at 22050", info, p.Rate(), p.Len(), len(s))
	}
	if got, want := p.levels(), refLevels(s); !sameLevels(got, want) {
		t.Error("FromWAV levels differ from the reference")
	}
}

func TestFromWAVErrors(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.wav")
	if err := os.WriteFile(text, []byte("not audio at all, just some words"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := FromWAV(text); !errors.Is(err, wavfile.ErrFormat) {
		t.Errorf("FromWAV(text file) error = %v, want one wrapping wavfile.ErrFormat", err)
	}
	if _, _, err := FromWAV(filepath.Join(dir, "missing.wav")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FromWAV(missing) error = %v, want one wrapping os.ErrNotExist", err)
	}
}

func TestLevelFor(t *testing.T) {
	tests := []struct {
		spc  float64
		top  int
		want int
	}{
		{1, 10, 0},
		{BaseBucket, 10, 0},
		{2*BaseBucket - 1, 10, 0},
		{2 * BaseBucket, 10, 1},
		{1000 * BaseBucket, 10, 9},
		{1000 * BaseBucket, 3, 3},
		{1e12, 0, 0},
	}
	for _, tt := range tests {
		if got := levelFor(tt.spc, tt.top); got != tt.want {
			t.Errorf("levelFor(%v, %d) = %d, want %d", tt.spc, tt.top, got, tt.want)
		}
	}
}
