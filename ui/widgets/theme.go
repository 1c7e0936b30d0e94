package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Varianter is a theme that shows one variant, light or dark, whatever
// the system prefers.
type Varianter interface {
	Variant() fyne.ThemeVariant
}

// ThemeVariant is the variant the app shows: the forced one when the
// app's theme is a Varianter, else the system's. Code that picks colours
// by variant (rather than through the theme) should ask this, not
// Settings().ThemeVariant(), which only knows the system's choice.
func ThemeVariant(a fyne.App) fyne.ThemeVariant {
	if t, ok := a.Settings().Theme().(Varianter); ok {
		return t.Variant()
	}
	return a.Settings().ThemeVariant()
}

// ThemeColor resolves a colour name in the widget's theme and the app's
// current variant, so light and dark themes both work.
func ThemeColor(w *widget.BaseWidget, name fyne.ThemeColorName) color.Color {
	return w.Theme().Color(name, ThemeVariant(fyne.CurrentApp()))
}

// FocusRingWidth is the width of the ring around a control that has the
// keyboard focus.
const FocusRingWidth = 2

// NewFocusRing returns the ring drawn around a focused control, hidden.
func NewFocusRing() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.StrokeWidth = FocusRingWidth
	r.Hide()
	return r
}

// FocusRingColor is the ring's colour: near black in the light theme,
// the text colour in the dark one, which stand out against the
// background and every button fill (the primary blue included).
func FocusRingColor(th fyne.Theme) color.Color {
	if ThemeVariant(fyne.CurrentApp()) == theme.VariantLight {
		return color.NRGBA{R: 0x11, G: 0x11, B: 0x11, A: 0xff}
	}
	return th.Color(theme.ColorNameForeground, theme.VariantDark)
}

// RingRenderer is a widget's renderer with a focus ring around it.
type RingRenderer struct {
	fyne.WidgetRenderer

	Ring    *canvas.Rectangle
	Th      func() fyne.Theme
	Focused func() bool
}

// NewRingRenderer draws r with a ring, shown while focused says so, in
// the colours of th.
func NewRingRenderer(r fyne.WidgetRenderer, th func() fyne.Theme, focused func() bool) *RingRenderer {
	return &RingRenderer{WidgetRenderer: r, Ring: NewFocusRing(), Th: th, Focused: focused}
}

// Layout places the widget and the ring just outside it, so the ring
// never covers its text.
func (r *RingRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.Ring.Move(fyne.NewPos(-FocusRingWidth, -FocusRingWidth))
	r.Ring.Resize(size.AddWidthHeight(2*FocusRingWidth, 2*FocusRingWidth))
}

// Objects are the widget's objects and the ring.
func (r *RingRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.Ring)
}

// Refresh redraws the widget and shows or hides the ring.
func (r *RingRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.Ring.StrokeColor = FocusRingColor(r.Th())
	r.Ring.CornerRadius = r.Th().Size(theme.SizeNameInputRadius) + FocusRingWidth
	r.Ring.Hidden = !r.Focused()
	r.Ring.Refresh()
}

// BaseRenderer is the common part of this package's renderers: the
// objects drawn, and nothing to destroy. A renderer embeds it and sets
// Objs once its objects exist.
type BaseRenderer struct {
	Objs []fyne.CanvasObject
}

// Objects returns the objects drawn.
func (r *BaseRenderer) Objects() []fyne.CanvasObject { return r.Objs }

// Destroy does nothing: the renderers hold no resources.
func (r *BaseRenderer) Destroy() {}
