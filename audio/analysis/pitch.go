package analysis

import "math"

// yinThreshold is YIN's absolute threshold: the first lag whose normalised
// difference falls below it is taken as the period.
const yinThreshold = 0.15

// pitchStage turns the pitch-rate signal into per-frame intensity, pitch and
// aperiodicity. Frame k's block is the pitch-rate samples that fall in frame
// k; for each block it sums the lagged products y[i]*y[i+tau] once, and the
// YIN window of frame k is blocks k-1, k and k+1 (30 ms), so every product is
// computed once however the windows overlap.
type pitchStage struct {
	rate, dec      int // input rate and total decimation
	pr             float64
	minLag, maxLag int

	buf []float64 // pitch-rate samples from index base on
	// energy[j] is the energy of buf[:j], summed as the samples arrive, so
	// that the energy of any stretch of buf is one subtraction.
	energy []float64
	base   int64
	n      int64 // pitch-rate samples pushed
	next   int64 // next block to sum

	sums [3][]float64 // lag sums of blocks k%3
	lens [3]int       // their lengths in samples

	d, cm []float64 // scratch: difference, normalised difference

	intensity, pitch, aper []float32

	// The speech-band level of every block: the band signal's energy is
	// summed as it arrives, block by block.
	bandAcc  float64
	bandCnt  int
	bandNext int64 // first sample of the next block
	band     []float32

	// shape holds, for every frame, the normalised autocorrelation of its
	// window at the lags shapeLags (seconds): a coarse spectral envelope.
	shape [][shapeN]float32
}

// shapeLags are the lags, in seconds, at which a frame's spectral shape is
// sampled: they span the first two formants' periods.
var shapeLags = [shapeN]float64{0.25e-3, 0.5e-3, 0.75e-3, 1.0e-3, 1.5e-3, 2.0e-3}

// shapeN is the number of lags in a frame's spectral shape.
const shapeN = 6

func (p *pitchStage) init(rate, dec int, pr float64, opt Options) {
	p.rate, p.dec, p.pr = rate, dec, pr
	p.minLag = max(2, int(math.Floor(pr/opt.MaxPitch)))
	p.maxLag = max(p.minLag+2, int(math.Ceil(pr/opt.MinPitch)))
	for i := range p.sums {
		p.sums[i] = make([]float64, p.maxLag+1)
	}
	p.d = make([]float64, p.maxLag+2)
	p.cm = make([]float64, p.maxLag+2)
	p.energy = []float64{0}
}

// blockStart is the first pitch-rate sample of frame k: sample i belongs to
// frame i*dec*frameRate/rate.
func (p *pitchStage) blockStart(k int64) int64 {
	den := int64(frameRate * p.dec)
	return (k*int64(p.rate) + den - 1) / den
}

func (p *pitchStage) push(y, band float64) {
	if p.n == p.bandNext {
		if p.n > 0 {
			ms := 0.0
			if p.bandCnt > 0 {
				ms = p.bandAcc / float64(p.bandCnt)
			}
			p.band = append(p.band, float32(powerDB(ms)))
		}
		p.bandAcc, p.bandCnt = 0, 0
		p.bandNext = p.blockStart(int64(len(p.band)) + 1)
	}
	p.bandAcc += band * band
	p.bandCnt++
	p.buf = append(p.buf, y)
	p.energy = append(p.energy, p.energy[len(p.energy)-1]+y*y)
	p.n++
}

// run sums every block whose lookahead is available and estimates the pitch
// of the frame before it. With final set, the signal is first padded with
// zeros so that the last frame is done too.
func (p *pitchStage) run(final bool) {
	if final {
		last := int64(0)
		if p.n > 0 {
			last = (p.n - 1) * int64(p.dec*frameRate) / int64(p.rate)
		}
		need := p.blockStart(last+2) + int64(p.maxLag)
		for p.n < need {
			p.push(0, 0)
		}
	}
	for p.blockStart(p.next+1)+int64(p.maxLag) <= p.n {
		k := p.next
		p.sumBlock(k)
		if k >= 1 {
			p.yin(k - 1)
		}
		p.next++
		// Frame k's window starts at block k-1: the samples before it
		// are dropped once there are enough of them to make the copy
		// rare.
		if drop := p.blockStart(k-1) - p.base; k >= 1 && drop >= dropMin {
			p.drop(int(drop))
		}
	}
}

// dropMin is the number of spent samples at the start of the pitch stage's
// buffer that it drops at a time: about a quarter of a second.
const dropMin = 1024

// drop removes the first n samples of the buffer. The energies of what
// stays are counted afresh from its start, so they stay as precise as
// those of a short buffer.
func (p *pitchStage) drop(n int) {
	m := copy(p.buf, p.buf[n:])
	p.buf = p.buf[:m]
	e0 := p.energy[n]
	m = copy(p.energy, p.energy[n:])
	p.energy = p.energy[:m]
	for j := range p.energy {
		p.energy[j] -= e0
	}
	p.base += int64(n)
}

// sumBlock computes the lag sums and the intensity of block k.
func (p *pitchStage) sumBlock(k int64) {
	s := int(p.blockStart(k) - p.base)
	e := int(p.blockStart(k+1) - p.base)
	c := p.sums[k%3]
	x := p.buf[s:e]
	n := len(x)
	// Six lags at a time: each sample of the block is loaded once for six
	// products, and the six sums, independent of each other, keep the
	// multipliers and adders busy (with more, the compiler runs out of
	// registers and keeps sums in memory). Each slice below is cut to the
	// block's length, so the loop runs without bounds checks; each lag's
	// products are added in the order of the samples.
	tau := 0
	for ; tau+5 <= p.maxLag; tau += 6 {
		y := p.buf[s+tau : e+tau+5]
		y0, y1, y2 := y[0:n], y[1:n+1], y[2:n+2]
		y3, y4, y5 := y[3:n+3], y[4:n+4], y[5:n+5]
		var a0, a1, a2, a3, a4, a5 float64
		for i, v := range x {
			a0 += v * y0[i]
			a1 += v * y1[i]
			a2 += v * y2[i]
			a3 += v * y3[i]
			a4 += v * y4[i]
			a5 += v * y5[i]
		}
		c[tau], c[tau+1], c[tau+2] = a0, a1, a2
		c[tau+3], c[tau+4], c[tau+5] = a3, a4, a5
	}
	for ; tau <= p.maxLag; tau++ {
		y := p.buf[s+tau : e+tau]
		y = y[:n]
		var a float64
		for i, v := range x {
			a += v * y[i]
		}
		c[tau] = a
	}
	p.lens[k%3] = e - s
	ms := 0.0
	if e > s {
		ms = c[0] / float64(e-s)
	}
	p.intensity = append(p.intensity, float32(powerDB(ms)))
}

// yin estimates the pitch of frame k from the lag sums of blocks k-1..k+1.
func (p *pitchStage) yin(k int64) {
	ws := k - 1
	if ws < 0 {
		ws = 0
	}
	r := p.d // reuse as the windowed lag sums, then as d
	for tau := range r[:p.maxLag+1] {
		r[tau] = 0
	}
	for b := ws; b <= k+1; b++ {
		for tau, v := range p.sums[b%3] {
			r[tau] += v
		}
	}
	s := int(p.blockStart(ws) - p.base)
	e := int(p.blockStart(k+2) - p.base)
	if e-s < 1 || r[0] <= 0 {
		p.pitch = append(p.pitch, 0)
		p.aper = append(p.aper, 1)
		p.shape = append(p.shape, [shapeN]float32{})
		return
	}
	var sh [shapeN]float32
	for j, lag := range shapeLags {
		x := lag * p.pr
		i := int(x)
		if i+1 > p.maxLag {
			break
		}
		fr := x - float64(i)
		sh[j] = float32((r[i]*(1-fr) + r[i+1]*fr) / r[0])
	}
	p.shape = append(p.shape, sh)
	// The window's energy at lag tau, from the running energies.
	w := e - s
	en := p.energy[s : s+w+p.maxLag+1]
	e0 := r[0]
	d, cm := p.d, p.cm
	d[0], cm[0] = 0, 1
	var cum float64
	for tau := 1; tau <= p.maxLag; tau++ {
		et := en[w+tau] - en[tau]
		v := e0 + et - 2*r[tau]
		if v < 0 {
			v = 0
		}
		d[tau] = v
		cum += v
		if cum > 0 {
			cm[tau] = v * float64(tau) / cum
		} else {
			cm[tau] = 1
		}
	}
	best := -1
	for tau := p.minLag; tau <= p.maxLag; tau++ {
		if cm[tau] < yinThreshold {
			for tau+1 <= p.maxLag && cm[tau+1] < cm[tau] {
				tau++
			}
			best = tau
			break
		}
	}
	if best < 0 {
		best = p.minLag
		for tau := p.minLag + 1; tau <= p.maxLag; tau++ {
			if cm[tau] < cm[best] {
				best = tau
			}
		}
	}
	period := float64(best)
	if best > 1 && best < p.maxLag {
		a, b, c := d[best-1], d[best], d[best+1]
		if den := a - 2*b + c; den > 0 {
			period += (a - c) / (2 * den)
		}
	}
	p.pitch = append(p.pitch, float32(p.pr/period))
	p.aper = append(p.aper, float32(cm[best]))
}
