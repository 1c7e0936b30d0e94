package peaks

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"
)

// paintRate is the sample rate of the painter's test audio.
const paintRate = 8000

// waveRefColumn is the rows a column of the given envelope covers on an image
// h pixels high when the take's loudest sample has magnitude peak, worked
// out from the scale's definition.
func waveRefColumn(lo, hi int16, peak, h int) (y0, y1 int) {
	if lo == 0 && hi == 0 {
		return 0, 0
	}
	half := float64(h) / 2
	scale := 0.95 / math.Max(float64(peak), 32768.0/16) // full height for the peak, at most +24 dB
	y0 = int(math.Round(half - float64(hi)*scale*half))
	y1 = int(math.Round(half - float64(lo)*scale*half))
	y0 = min(max(y0, 0), h-1)
	return y0, min(max(y1, y0+1), h)
}

func TestPainterMatchesReference(t *testing.T) {
	// One column per BaseBucket samples, so each column's envelope is exact.
	const cols, h = 120, 60
	r := rand.New(rand.NewPCG(31, 32))
	for _, loudest := range []float64{32767, 9000, 40} {
		s := make([]int16, cols*BaseBucket)
		peak := 0
		for c := range cols {
			amp := []float64{0, 1, 0.001, 0.03, 0.3, 0.7}[c%6] * loudest * (0.5 + r.Float64()/2)
			for i := range BaseBucket {
				v := amp * math.Sin(2*math.Pi*float64(i)/float64(BaseBucket)*float64(1+c%3))
				if c%7 == 3 {
					v = math.Abs(v) + amp/3 // a column above zero throughout
				}
				s[c*BaseBucket+i] = int16(v)
				peak = max(peak, int(math.Abs(float64(int16(v)))))
			}
		}
		checkWavePainter(t, s, peak, cols, h)
	}
}

func checkWavePainter(t *testing.T, s []int16, peak, cols, h int) {
	t.Helper()
	p := New(paintRate, 0)
	p.Append(s)
	img := image.NewRGBA(image.Rect(0, 0, cols, h))
	fg := color.NRGBA{10, 20, 30, 255}
	bg := color.NRGBA{250, 250, 250, 255}
	var wp Painter
	wp.Draw(img, p, 0, int64(len(s)), fg, bg)
	for x := range cols {
		lo, hi := s[x*BaseBucket], s[x*BaseBucket]
		for _, v := range s[x*BaseBucket : (x+1)*BaseBucket] {
			lo, hi = min(lo, v), max(hi, v)
		}
		y0, y1 := waveRefColumn(lo, hi, peak, h)
		for y := range h {
			want := bg
			if y >= y0 && y < y1 {
				want = fg
			}
			if got := color.NRGBAModel.Convert(img.At(x, y)); got != want {
				t.Fatalf("peak %d: column %d (envelope %d..%d) row %d = %v, want %v (rows %d..%d)", peak, x, lo, hi, y, got, want, y0, y1)
			}
		}
	}
	// Drawing again at the same width reuses the column buffer.
	if allocs := testing.AllocsPerRun(10, func() { wp.Draw(img, p, 0, int64(len(s)), fg, bg) }); allocs != 0 {
		t.Errorf("Draw allocates %v times per call, want 0", allocs)
	}
}

// waveBenchSpeech fills s with 200 Hz bursts whose loudness changes every
// quarter second and a silent second every seven, from sample offset at.
func waveBenchSpeech(s []int16, at int64, rate int) {
	var period [240]int16
	for i := range period {
		period[i] = int16(1000 * math.Sin(2*math.Pi*float64(i)/240))
	}
	for i := range s {
		t := at + int64(i)
		if (t/int64(rate))%7 == 6 {
			s[i] = 0
			continue
		}
		amp := 3 + 2*((t/int64(rate/4))%11)
		s[i] = period[t%240] * int16(amp)
	}
}

// BenchmarkWaveformDraw60min draws a 60-minute take at 48 kHz across a
// 1920x200 image from its pyramid, as the widget and the CLI do.
func BenchmarkWaveformDraw60min(b *testing.B) {
	const rate = 48000
	total := int64(60 * 60 * rate)
	p := New(rate, total)
	buf := make([]int16, rate)
	for at := int64(0); at < total; at += rate {
		waveBenchSpeech(buf, at, rate)
		p.Append(buf)
	}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 200))
	var wp Painter
	fg := color.NRGBA{0x33, 0x33, 0x33, 0xFF}
	b.ReportAllocs()
	for b.Loop() {
		wp.Draw(img, p, 0, total, fg, color.NRGBA{})
	}
}
