package analysis

import "math"

// cic is the first decimator: two cascaded moving averages of length d
// (a second-order CIC filter), whose 2d-1 taps form a triangle summing to 1.
// Its nulls sit on the multiples of rate/d, where the decimation folds
// energy onto 0 Hz. Output m is centred on input sample m*d.
//
// It runs as a CIC does, on integers: two running sums per input sample,
// and per output the second difference of the second sum taken d samples
// apart, which is the triangle's weighted sum of the last 2d-1 inputs. The
// sums overflow on long takes, but wrap around (Go's integers do) and the
// differences of wrapped sums are exact, as the outputs fit easily in 64
// bits; so the outputs are exact whatever the length of the take.
type cic struct {
	d      int
	scale  float64 // 1/d², so the taps sum to 1
	i1, i2 int64   // the running sums
	e1, e2 int64   // i2 at the ends of the last two blocks of d inputs
	pos    int     // inputs into the current block
}

// decimate takes samples through the filter and appends its outputs to out.
func (c *cic) decimate(b []int16, out []float64) []float64 {
	sums := make([]int64, len(b))
	for j, s := range b {
		c.i1 += int64(s)
		c.i2 += c.i1
		sums[j] = c.i2
	}
	return c.emit(sums, out)
}

// emit appends the outputs that fall in the next len(sums) inputs, given
// the second running sum after each of them, to out.
func (c *cic) emit(sums []int64, out []float64) []float64 {
	e1, e2 := c.e1, c.e2
	for j := c.d - 1 - c.pos; j < len(sums); j += c.d {
		out = append(out, float64(sums[j]-2*e1+e2)*c.scale)
		e1, e2 = sums[j], e1
	}
	c.e1, c.e2 = e1, e2
	c.pos = (c.pos + len(sums)) % c.d
	return out
}

// lowpass returns an n-tap Hamming-windowed sinc low-pass filter with cutoff
// fc (a fraction of the sample rate) and unit gain at 0 Hz.
func lowpass(n int, fc float64) []float64 {
	h := make([]float64, n)
	m := float64(n-1) / 2
	var sum float64
	for i := range h {
		x := float64(i) - m
		v := 2 * fc
		if x != 0 {
			v = math.Sin(2*math.Pi*fc*x) / (math.Pi * x)
		}
		v *= 0.54 - 0.46*math.Cos(2*math.Pi*float64(i)/float64(n-1))
		h[i] = v
		sum += v
	}
	for i := range h {
		h[i] /= sum
	}
	return h
}

// biquad is a second-order IIR section (direct form I).
type biquad struct {
	b0, b1, b2, a1, a2 float64
	x1, x2, y1, y2     float64
}

// highpass returns a Butterworth high-pass section with cutoff fc at sample
// rate fs.
func highpass(fc, fs float64) biquad { return highpassQ(fc, fs, 1/math.Sqrt2) }

// highpass4 returns the two sections of a fourth-order Butterworth high-pass
// with cutoff fc at sample rate fs: 24 dB an octave below fc.
func highpass4(fc, fs float64) [2]biquad {
	return [2]biquad{highpassQ(fc, fs, 0.5412), highpassQ(fc, fs, 1.3066)}
}

// highpassQ returns a high-pass section with cutoff fc and quality q.
func highpassQ(fc, fs, q float64) biquad {
	w := 2 * math.Pi * fc / fs
	alpha := math.Sin(w) / (2 * q)
	cw := math.Cos(w)
	a0 := 1 + alpha
	return biquad{
		b0: (1 + cw) / 2 / a0,
		b1: -(1 + cw) / a0,
		b2: (1 + cw) / 2 / a0,
		a1: -2 * cw / a0,
		a2: (1 - alpha) / a0,
	}
}

// lowpass2 returns a Butterworth low-pass section with cutoff fc at sample
// rate fs.
func lowpass2(fc, fs float64) biquad {
	w := 2 * math.Pi * fc / fs
	alpha := math.Sin(w) / math.Sqrt2 // Q = 1/sqrt(2)
	cw := math.Cos(w)
	a0 := 1 + alpha
	return biquad{
		b0: (1 - cw) / 2 / a0,
		b1: (1 - cw) / a0,
		b2: (1 - cw) / 2 / a0,
		a1: -2 * cw / a0,
		a2: (1 - alpha) / a0,
	}
}

func (f *biquad) step(x float64) float64 {
	y := f.b0*x + f.b1*f.x1 + f.b2*f.x2 - f.a1*f.y1 - f.a2*f.y2
	f.x2, f.x1 = f.x1, x
	f.y2, f.y1 = f.y1, y
	return y
}
