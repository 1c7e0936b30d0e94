package prefs

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

func TestContrastRatio(t *testing.T) {
	black, white := color.NRGBA{A: 0xff}, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if got := ContrastRatio(black, white); got < 20.99 || got > 21.01 {
		t.Errorf("black on white = %.2f, want 21", got)
	}
	grey := color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff} // 4.54:1 on white
	if got := ContrastRatio(white, grey); got < 4.5 || got > 4.6 {
		t.Errorf("#767676 on white = %.2f, want 4.54", got)
	}
}

// TestThemeContrast checks, in both themes, the contrast of the colours
// the controls draw with: text at least 4.5:1 against what it sits on,
// boundaries of inputs and boxes and the focus ring at least 3:1.
func TestThemeContrast(t *testing.T) {
	a := test.NewTempApp(t)
	for _, th := range []practice.Theme{practice.ThemeLight, practice.ThemeDark} {
		ApplyTheme(a, th)
		tm := a.Settings().Theme()
		v := widgets.ThemeVariant(a)
		col := func(n fyne.ThemeColorName) color.Color { return tm.Color(n, v) }
		ring := widgets.FocusRingColor(tm)
		for _, c := range []struct {
			what   string
			fg, bg color.Color
			min    float64
		}{
			{"text on the background", col(theme.ColorNameForeground), col(theme.ColorNameBackground), 4.5},
			{"text on a button", col(theme.ColorNameForeground), col(theme.ColorNameButton), 4.5},
			{"text on an input", col(theme.ColorNameForeground), col(theme.ColorNameInputBackground), 4.5},
			{"disabled text on a disabled button", col(theme.ColorNameDisabled), col(theme.ColorNameDisabledButton), 4.5},
			{"disabled text on the background", col(theme.ColorNameDisabled), col(theme.ColorNameBackground), 4.5},
			{"placeholder in an input", col(theme.ColorNamePlaceHolder), col(theme.ColorNameInputBackground), 4.5},
			{"unchecked box and input border on the background", col(theme.ColorNameInputBorder), col(theme.ColorNameBackground), 3},
			{"input border on the input", col(theme.ColorNameInputBorder), col(theme.ColorNameInputBackground), 3},
			{"focus ring on the background", ring, col(theme.ColorNameBackground), 3},
			{"focus ring beside a button", ring, col(theme.ColorNameButton), 3},
			{"focus ring beside the primary button", ring, col(theme.ColorNamePrimary), 3},
		} {
			if got := ContrastRatio(c.fg, c.bg); got < c.min {
				t.Errorf("%s theme: %s is %.2f:1, want at least %.1f:1", th, c.what, got, c.min)
			}
		}
		// Disabled text must still look fainter than enabled text.
		if got := ContrastRatio(col(theme.ColorNameForeground), col(theme.ColorNameDisabled)); got < 2 {
			t.Errorf("%s theme: enabled and disabled text differ by only %.2f:1, want at least 2:1", th, got)
		}
	}
}

// maxContrastIn is the highest contrast of any pixel in r of img against
// bg.
func maxContrastIn(img image.Image, r image.Rectangle, bg color.Color) float64 {
	best := 1.0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			best = max(best, ContrastRatio(img.At(x, y), bg))
		}
	}
	return best
}

// TestDrawnContrast renders an unchecked self-review box and a focused
// primary button in both themes and measures their pixels: the box's
// outline at least 3:1 against the background, and a focus ring around
// the button at least 3:1 against the background.
func TestDrawnContrast(t *testing.T) {
	a := test.NewTempApp(t)
	for _, th := range []practice.Theme{practice.ThemeLight, practice.ThemeDark} {
		ApplyTheme(a, th)
		bg := a.Settings().Theme().Color(theme.ColorNameBackground, widgets.ThemeVariant(a))
		box := widgets.NewCheck(nil, "I owned my part")
		btn := widgets.NewButton(nil, "Start (Space)", widget.HighImportance, func() {})
		w := test.NewWindow(container.NewPadded(container.NewVBox(box, container.NewCenter(btn))))
		w.Resize(fyne.NewSize(300, 140))
		w.Canvas().Focus(btn)
		img := w.Canvas().Capture()
		uitest.SaveShot(t, fmt.Sprintf("contrast_%s.png", th), img)
		scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
		rect := func(o fyne.CanvasObject, grow float32) image.Rectangle {
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
			s := o.Size()
			return image.Rect(int((p.X-grow)*scale), int((p.Y-grow)*scale), int((p.X+s.Width+grow)*scale), int((p.Y+s.Height+grow)*scale))
		}
		// The box is the first image the check draws.
		var icon fyne.CanvasObject
		uitest.WalkObjects(box, func(o fyne.CanvasObject) {
			if im, ok := o.(*canvas.Image); ok && icon == nil && im.Visible() {
				icon = im
			}
		})
		if icon == nil {
			t.Fatal("no box image in the check")
		}
		if got := maxContrastIn(img, rect(icon, 0), bg); got < 3 {
			t.Errorf("%s theme: the unchecked box's outline is %.2f:1 against the background, want at least 3:1", th, got)
		}
		// The ring: in the band just outside the button's left and right
		// sides, away from the corners and the shadow, on every row.
		outer, inner := rect(btn, 2*widgets.FocusRingWidth), rect(btn, 0)
		ringBest := 21.0
		for y := inner.Min.Y + inner.Dy()/4; y < inner.Max.Y-inner.Dy()/4; y++ {
			for _, r := range []image.Rectangle{
				image.Rect(outer.Min.X, y, inner.Min.X, y+1),
				image.Rect(inner.Max.X, y, outer.Max.X, y+1),
			} {
				ringBest = min(ringBest, maxContrastIn(img, r, bg))
			}
		}
		if ringBest < 3 {
			t.Errorf("%s theme: the focus ring is %.2f:1 against the background, want at least 3:1", th, ringBest)
		}
		w.Close()
	}
}
