package widgets

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/timer"
)

// BigText is a single line of large text (the countdowns). It keeps the
// colour as a theme colour name and resolves it on every Refresh, so it
// follows theme changes.
type BigText struct {
	widget.BaseWidget

	text      string
	size      float32
	colorName fyne.ThemeColorName
}

// NewBigText returns text at the given size in the foreground colour.
func NewBigText(text string, size float32) *BigText {
	t := &BigText{text: text, size: size, colorName: theme.ColorNameForeground}
	t.ExtendBaseWidget(t)
	return t
}

// Set changes text and colour and refreshes only when something changed.
func (t *BigText) Set(text string, colorName fyne.ThemeColorName) {
	if t.text == text && t.colorName == colorName {
		return
	}
	t.text, t.colorName = text, colorName
	t.Refresh()
}

// CreateRenderer draws the text centred and bold.
func (t *BigText) CreateRenderer() fyne.WidgetRenderer {
	r := &bigTextRenderer{t: t}
	r.Objs = []fyne.CanvasObject{&r.text}
	r.text.Alignment = fyne.TextAlignCenter
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type bigTextRenderer struct {
	BaseRenderer

	t    *BigText
	text canvas.Text
}

func (r *bigTextRenderer) update() {
	r.text.Text = r.t.text
	r.text.TextSize = r.t.size
	r.text.Color = ThemeColor(&r.t.BaseWidget, r.t.colorName)
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

// PhaseBand is a full-width band whose colour and text both name the answer
// phase, so the phase never depends on colour alone.
type PhaseBand struct {
	widget.BaseWidget

	phase timer.Phase
	text  string
}

// NewPhaseBand returns a band for the speaking phase.
func NewPhaseBand() *PhaseBand {
	b := &PhaseBand{phase: timer.Speak}
	b.ExtendBaseWidget(b)
	return b
}

// Set shows phase p with text, refreshing only on a change.
func (b *PhaseBand) Set(p timer.Phase, text string) {
	if b.phase == p && b.text == text {
		return
	}
	b.phase, b.text = p, text
	b.Refresh()
}

// PhaseFill returns the band colour name for a phase.
func PhaseFill(p timer.Phase) fyne.ThemeColorName {
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

// ReadableOn returns near-black or white, whichever contrasts more with the
// fill (WCAG relative luminance). The themes' "foreground on success" is
// white, which is hard to read on the bright success and warning colours.
func ReadableOn(fill color.Color) color.Color {
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

// CreateRenderer draws the band and its text.
func (b *PhaseBand) CreateRenderer() fyne.WidgetRenderer {
	r := &phaseBandRenderer{b: b}
	r.Objs = []fyne.CanvasObject{&r.bg, &r.label}
	r.label.Alignment = fyne.TextAlignCenter
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type phaseBandRenderer struct {
	BaseRenderer

	b     *PhaseBand
	bg    canvas.Rectangle
	label canvas.Text
}

func (r *phaseBandRenderer) update() {
	th := r.b.Theme()
	r.bg.FillColor = ThemeColor(&r.b.BaseWidget, PhaseFill(r.b.phase))
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.label.Text = r.b.text
	r.label.Color = ReadableOn(r.bg.FillColor)
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

// RecordingDot is the "Recording 0:27" indicator: a dot in the error colour
// and text, so it does not rely on colour.
type RecordingDot struct {
	widget.BaseWidget

	text string
}

// NewRecordingDot returns an indicator with no text yet.
func NewRecordingDot() *RecordingDot {
	d := &RecordingDot{}
	d.ExtendBaseWidget(d)
	return d
}

// Set shows text, refreshing only on a change.
func (d *RecordingDot) Set(text string) {
	if d.text == text {
		return
	}
	d.text = text
	d.Refresh()
}

// CreateRenderer draws the dot and the text.
func (d *RecordingDot) CreateRenderer() fyne.WidgetRenderer {
	r := &recordingDotRenderer{d: d}
	r.Objs = []fyne.CanvasObject{&r.dot, &r.label}
	r.label.TextStyle = fyne.TextStyle{Bold: true}
	r.update()
	return r
}

type recordingDotRenderer struct {
	BaseRenderer

	d     *RecordingDot
	dot   canvas.Circle
	label canvas.Text
}

func (r *recordingDotRenderer) update() {
	r.dot.FillColor = ThemeColor(&r.d.BaseWidget, theme.ColorNameError)
	r.label.Text = r.d.text
	r.label.Color = ThemeColor(&r.d.BaseWidget, theme.ColorNameForeground)
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

// Text is the band's text.
func (b *PhaseBand) Text() string { return b.text }

// Text is the indicator's text.
func (d *RecordingDot) Text() string { return d.text }

// Text is the text shown.
func (t *BigText) Text() string { return t.text }

// ColorName is the theme colour the text is drawn in.
func (t *BigText) ColorName() fyne.ThemeColorName { return t.colorName }

// Phase is the phase the band shows.
func (b *PhaseBand) Phase() timer.Phase { return b.phase }
