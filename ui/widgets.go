package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/timer"
)

// themeColor resolves a colour name in the widget's theme and the app's
// current variant, so light and dark themes both work.
func themeColor(w *widget.BaseWidget, name fyne.ThemeColorName) color.Color {
	return w.Theme().Color(name, themeVariant(fyne.CurrentApp()))
}

// bigText is a single line of large text (the countdowns). It keeps the
// colour as a theme colour name and resolves it on every Refresh, so it
// follows theme changes.
type bigText struct {
	widget.BaseWidget

	text      string
	size      float32
	colorName fyne.ThemeColorName
}

func newBigText(text string, size float32) *bigText {
	t := &bigText{text: text, size: size, colorName: theme.ColorNameForeground}
	t.ExtendBaseWidget(t)
	return t
}

// set changes text and colour and refreshes only when something changed.
func (t *bigText) set(text string, colorName fyne.ThemeColorName) {
	if t.text == text && t.colorName == colorName {
		return
	}
	t.text, t.colorName = text, colorName
	t.Refresh()
}

func (t *bigText) CreateRenderer() fyne.WidgetRenderer {
	r := &bigTextRenderer{t: t}
	r.text.Alignment = fyne.TextAlignCenter
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type bigTextRenderer struct {
	t    *bigText
	text canvas.Text
}

func (r *bigTextRenderer) update() {
	r.text.Text = r.t.text
	r.text.TextSize = r.t.size
	r.text.Color = themeColor(&r.t.BaseWidget, r.t.colorName)
}

func (r *bigTextRenderer) Layout(size fyne.Size) {
	r.text.Move(fyne.NewPos(0, 0))
	r.text.Resize(size)
}

func (r *bigTextRenderer) MinSize() fyne.Size { return r.text.MinSize() }

func (r *bigTextRenderer) Refresh() {
	r.update()
	r.text.Refresh()
}

func (r *bigTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{&r.text} }

func (r *bigTextRenderer) Destroy() {}

// phaseBand is a full-width band whose colour and text both name the answer
// phase, so the phase never depends on colour alone.
type phaseBand struct {
	widget.BaseWidget

	phase timer.Phase
	text  string
}

func newPhaseBand() *phaseBand {
	b := &phaseBand{phase: timer.Speak}
	b.ExtendBaseWidget(b)
	return b
}

func (b *phaseBand) set(p timer.Phase, text string) {
	if b.phase == p && b.text == text {
		return
	}
	b.phase, b.text = p, text
	b.Refresh()
}

// phaseFill returns the band colour name for a phase.
func phaseFill(p timer.Phase) fyne.ThemeColorName {
	switch p {
	case timer.Speak:
		return theme.ColorNamePrimary
	case timer.Green:
		return theme.ColorNameSuccess
	case timer.Yellow:
		return theme.ColorNameWarning
	case timer.Red:
		return theme.ColorNameError
	default:
		return theme.ColorNameInputBackground
	}
}

// readableOn returns near-black or white, whichever contrasts more with the
// fill (WCAG relative luminance). The themes' "foreground on success" is
// white, which is hard to read on the bright success and warning colours.
func readableOn(fill color.Color) color.Color {
	r, g, b, _ := fill.RGBA()
	lin := func(v uint32) float64 {
		c := float64(v) / 0xffff
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	// Contrast against black is (l+0.05)/0.05, against white 1.05/(l+0.05).
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return color.NRGBA{R: 0x14, G: 0x14, B: 0x14, A: 0xff}
	}
	return color.White
}

func (b *phaseBand) CreateRenderer() fyne.WidgetRenderer {
	r := &phaseBandRenderer{b: b}
	r.label.Alignment = fyne.TextAlignCenter
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type phaseBandRenderer struct {
	b     *phaseBand
	bg    canvas.Rectangle
	label canvas.Text
}

func (r *phaseBandRenderer) update() {
	th := r.b.Theme()
	r.bg.FillColor = themeColor(&r.b.BaseWidget, phaseFill(r.b.phase))
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.label.Text = r.b.text
	r.label.Color = readableOn(r.bg.FillColor)
	r.label.TextSize = phaseBandTextScale * th.Size(theme.SizeNameSubHeadingText)
}

// phaseBandTextScale makes the band's text large enough to read at arm's
// length while speaking, and "large text" for contrast purposes.
const phaseBandTextScale = 1.25

func (r *phaseBandRenderer) Layout(size fyne.Size) {
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	r.label.Move(fyne.NewPos(0, 0))
	r.label.Resize(size)
}

func (r *phaseBandRenderer) MinSize() fyne.Size {
	pad := r.b.Theme().Size(theme.SizeNameInnerPadding) * 2
	return r.label.MinSize().AddWidthHeight(pad, pad)
}

func (r *phaseBandRenderer) Refresh() {
	r.update()
	r.bg.Refresh()
	r.label.Refresh()
}

func (r *phaseBandRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.bg, &r.label}
}

func (r *phaseBandRenderer) Destroy() {}

// recordingDot is the "Recording 0:27" indicator: a dot in the error colour
// and text, so it does not rely on colour.
type recordingDot struct {
	widget.BaseWidget

	text string
}

func newRecordingDot() *recordingDot {
	d := &recordingDot{}
	d.ExtendBaseWidget(d)
	return d
}

func (d *recordingDot) set(text string) {
	if d.text == text {
		return
	}
	d.text = text
	d.Refresh()
}

func (d *recordingDot) CreateRenderer() fyne.WidgetRenderer {
	r := &recordingDotRenderer{d: d}
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type recordingDotRenderer struct {
	d     *recordingDot
	dot   canvas.Circle
	label canvas.Text
}

func (r *recordingDotRenderer) update() {
	r.dot.FillColor = themeColor(&r.d.BaseWidget, theme.ColorNameError)
	r.label.Text = r.d.text
	r.label.Color = themeColor(&r.d.BaseWidget, theme.ColorNameForeground)
	r.label.TextSize = r.d.Theme().Size(theme.SizeNameText)
}

func (r *recordingDotRenderer) dotSize() float32 { return r.label.TextSize * 0.8 }

func (r *recordingDotRenderer) Layout(size fyne.Size) {
	d := r.dotSize()
	gap := r.d.Theme().Size(theme.SizeNamePadding)
	r.dot.Move(fyne.NewPos(0, (size.Height-d)/2))
	r.dot.Resize(fyne.NewSquareSize(d))
	r.label.Move(fyne.NewPos(d+gap, 0))
	r.label.Resize(fyne.NewSize(size.Width-d-gap, size.Height))
}

// MinSize keeps room for "Recording 00:00", so the meter beside the
// indicator does not shift as the digits change.
func (r *recordingDotRenderer) MinSize() fyne.Size {
	gap := r.d.Theme().Size(theme.SizeNamePadding)
	s := r.label.MinSize()
	widest := fyne.MeasureText("Recording 00:00", r.label.TextSize, r.label.TextStyle)
	s.Width = max(s.Width, widest.Width)
	return s.AddWidthHeight(r.dotSize()+gap, 0)
}

func (r *recordingDotRenderer) Refresh() {
	r.update()
	r.Layout(r.d.Size())
	r.dot.Refresh()
	r.label.Refresh()
}

func (r *recordingDotRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.dot, &r.label}
}

func (r *recordingDotRenderer) Destroy() {}
