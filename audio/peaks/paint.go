package peaks

import (
	"image"
	"image/color"
	"math"
)

// Waveform drawing: one column per pixel, a vertical stroke from the
// column's highest to its lowest sample. The scale is linear and set by the
// loudest sample of the whole take (so it does not change with zoom): that
// sample reaches waveHeadroom of the half height, and a quiet take is
// boosted by at most waveMaxGain, so the noise of a silent take stays
// small.
const (
	waveHeadroom = 0.95
	waveMaxGain  = 16.0 // 24 dB
)

// waveGain returns the factor from a sample value to a fraction of the
// half height, for a take whose loudest sample has magnitude peak.
func waveGain(peak int32) float64 {
	return waveHeadroom / max(float64(peak), 32768/waveMaxGain)
}

// Painter draws waveforms from a Pyramid into images. It
// keeps its column buffer between calls, so drawing again at the same
// width does not allocate. The zero value is ready to use; a painter is
// not safe for concurrent use.
type Painter struct {
	cols  []MinMax
	whole [1]MinMax
}

// Draw fills dst with bg and draws the samples [from, to) of p across its
// width in fg, one column per pixel from the column's highest to its
// lowest sample, the middle row being zero (see waveGain for the scale).
// Columns without audio or of digital silence stay bg; any other column
// draws at least one pixel.
func (wp *Painter) Draw(dst *image.RGBA, p *Pyramid, from, to int64, fg, bg color.NRGBA) {
	b := dst.Rect
	width, height := b.Dx(), b.Dy()
	if width <= 0 || height <= 0 {
		return
	}
	fill(dst, bg)
	if p == nil || to <= from {
		return
	}
	env := p.Peaks(0, p.Len(), 1, wp.whole[:0])
	if len(env) == 0 {
		return
	}
	half := float64(height) / 2
	k := waveGain(max(int32(env[0].Max), -int32(env[0].Min))) * half
	wp.cols = p.Peaks(from, to, width, wp.cols)
	px := premultiply(fg)
	for x, m := range wp.cols {
		if m.Min == 0 && m.Max == 0 {
			continue
		}
		y0 := int(math.Round(half - float64(m.Max)*k))
		y1 := int(math.Round(half - float64(m.Min)*k))
		y0 = min(max(y0, 0), height-1)
		y1 = min(max(y1, y0+1), height)
		i := dst.PixOffset(b.Min.X+x, b.Min.Y+y0)
		for y := y0; y < y1; y++ {
			copy(dst.Pix[i:i+4], px[:])
			i += dst.Stride
		}
	}
}

// premultiply returns c as the bytes of an image.RGBA pixel.
func premultiply(c color.NRGBA) [4]uint8 {
	a := uint32(c.A)
	return [4]uint8{uint8(uint32(c.R) * a / 255), uint8(uint32(c.G) * a / 255), uint8(uint32(c.B) * a / 255), c.A}
}

// fill sets every pixel of dst to c.
func fill(dst *image.RGBA, c color.NRGBA) {
	px := premultiply(c)
	w := dst.Rect.Dx() * 4
	for y := dst.Rect.Min.Y; y < dst.Rect.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(dst.Rect.Min.X, y):][:w]
		if y == dst.Rect.Min.Y {
			for i := 0; i < w; i += 4 {
				copy(row[i:i+4], px[:])
			}
			continue
		}
		copy(row, dst.Pix[dst.PixOffset(dst.Rect.Min.X, dst.Rect.Min.Y):][:w])
	}
}
