package practice

import (
	"image/color"
	"math"
	"testing"
)

// luminance is the relative luminance of c (WCAG 2).
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestKindTable(t *testing.T) {
	seen := map[color.NRGBA]Kind{}
	letters := map[string]Kind{}
	for _, k := range Kinds() {
		c := k.Color()
		if c.A != 0xFF || c == UnknownKindColor {
			t.Errorf("%v: colour %v is not opaque or is the unknown grey", k, c)
		}
		if o, ok := seen[c]; ok {
			t.Errorf("%v has the colour of %v", k, o)
		}
		seen[c] = k
		if o, ok := letters[k.Letter()]; ok {
			t.Errorf("%v has the letter of %v", k, o)
		}
		letters[k.Letter()] = k
		// The other ink would read worse on this colour.
		other := white
		if k.Ink() == white {
			other = black
		}
		if got, alt := contrast(k.Ink(), c), contrast(other, c); got < alt {
			t.Errorf("%v: ink %v has contrast %.2f on %v, the other ink %.2f", k, k.Ink(), got, c, alt)
		}
	}
	for _, k := range []Kind{-1, NumKinds} {
		if k.Color() != UnknownKindColor {
			t.Errorf("Kind(%d).Color() = %v, want the unknown grey", int(k), k.Color())
		}
	}
}
