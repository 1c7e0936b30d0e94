package prefs

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrastTheme is Fyne's default theme with the colours that fall short
// of readable contrast made stronger: the borders of inputs and unchecked
// boxes (1.2:1 to 1.5:1 by default, here at least 3:1 against the
// background and the input background, and the box drawn bolder), the text of disabled controls
// (1.1:1 to 1.3:1, here at least 4.5:1 against a disabled button) and the
// placeholder text of empty fields (3.2:1 in light, here 4.5:1 or more);
// the light theme's text is darker, so disabled text stays distinct.
type contrastTheme struct {
	fyne.Theme
}

// Stronger colours, per variant; see contrastTheme.
var (
	lightInputBorder = color.NRGBA{R: 0x85, G: 0x85, B: 0x85, A: 0xff}
	darkInputBorder  = color.NRGBA{R: 0x7a, G: 0x7a, B: 0x7a, A: 0xff}
	lightDisabled    = color.NRGBA{R: 0x6b, G: 0x6b, B: 0x6b, A: 0xff}
	darkDisabled     = color.NRGBA{R: 0x95, G: 0x95, B: 0x95, A: 0xff}
	lightPlaceholder = color.NRGBA{R: 0x6a, G: 0x6a, B: 0x6a, A: 0xff}
	// The light text, darker than Fyne's #565656, so that disabled text
	// (now 4.5:1 itself) still looks clearly fainter than enabled text.
	lightForeground = color.NRGBA{R: 0x2b, G: 0x2b, B: 0x2b, A: 0xff}
)

// Color returns the stronger colours and the default theme's others.
func (t contrastTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	light := v == theme.VariantLight
	switch n {
	case theme.ColorNameInputBorder:
		if light {
			return lightInputBorder
		}
		return darkInputBorder
	case theme.ColorNameDisabled:
		if light {
			return lightDisabled
		}
		return darkDisabled
	case theme.ColorNamePlaceHolder:
		if light {
			return lightPlaceholder
		}
	case theme.ColorNameForeground:
		if light {
			return lightForeground
		}
	}
	return t.Theme.Color(n, v)
}

// boxOutline is an unchecked box with an outline 2.5 units of 24 wide;
// Fyne's is 1 unit, under a pixel at the usual size, so even a strong
// colour shows faintly.
var boxOutline = fyne.NewStaticResource("check-box-outline.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
  <path d="M3,3 H21 V21 H3 Z M5.5,5.5 V18.5 H18.5 V5.5 Z"/>
</svg>`))

// Icon returns the bolder unchecked box and the default theme's others.
func (t contrastTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	if n == theme.IconNameCheckButton {
		return boxOutline
	}
	return t.Theme.Icon(n)
}

// AppTheme is the theme of the window: the default theme made readable.
func AppTheme() fyne.Theme { return contrastTheme{Theme: theme.DefaultTheme()} }

// relLuminance is the relative luminance of c (WCAG 2), over white when c
// is translucent.
func relLuminance(c color.Color) float64 {
	r, g, b, a := c.RGBA()
	lin := func(v uint32) float64 {
		// Composite the premultiplied value over white, then linearise.
		s := (float64(v) + float64(0xffff-a)) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// ContrastRatio is the WCAG contrast ratio of two colours, from 1 to 21.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
