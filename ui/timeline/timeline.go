// Package timeline is the waveform timeline of a take: the waveform drawn
// from a peaks pyramid, the STAR parts as coloured bands with their
// names, a ruler, the playhead, pauses, fillers and suggested boundaries,
// with zoom, scroll, seek, selection and dragging of part edges. Screens
// use it for the answer, the review and the welcome's sample; it imports
// no ui package but widgets. Every method is called on the Fyne goroutine.
package timeline

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/peaks"
	"failforward/practice"
	"failforward/ui/widgets"
)

var (
	_ fyne.Tappable      = (*Waveform)(nil)
	_ fyne.Draggable     = (*Waveform)(nil)
	_ fyne.Scrollable    = (*Waveform)(nil)
	_ desktop.Hoverable  = (*Waveform)(nil)
	_ desktop.Cursorable = (*Waveform)(nil)
)

// The five parts of a STAR answer, as Band.Kind values: practice's kinds.
const (
	PartSituation = int(practice.Situation)
	PartTask      = int(practice.Task)
	PartAction    = int(practice.Action)
	PartResult    = int(practice.Result)
	PartLesson    = int(practice.Lesson)
	partCount     = practice.NumKinds
)

// PartName returns the name of a part kind ("Situation" ... "Lesson"), or
// "" for a kind outside 0..4.
func PartName(kind int) string {
	if !practice.Kind(kind).Valid() {
		return ""
	}
	return practice.Kind(kind).String()
}

// PartColor returns the colour the waveform gives a part kind (from
// practice's one table of the parts).
func PartColor(kind int) color.NRGBA { return practice.Kind(kind).Color() }

// Band is one tagged part of a take as the waveform shows it.
type Band struct {
	Kind       int     // PartSituation ... PartLesson
	Start, End float64 // seconds from the start of the take
	Selected   bool    // drawn outlined
}

// PartBands returns the parts as the waveform's bands, part sel
// selected (-1 for none); nil parts give none.
func PartBands(p *practice.Parts, sel int) []Band {
	if p == nil {
		return nil
	}
	bands := make([]Band, p.Len())
	for i := range bands {
		q := p.At(i)
		bands[i] = Band{Kind: int(q.Kind), Start: q.Start, End: q.End, Selected: i == sel}
	}
	return bands
}

// Waveform is the timeline of a take: the waveform from a peaks.Pyramid
// (growing while it is recorded), a time ruler, the STAR parts as coloured
// bands with their letters, a legend, a range selection, ghost boundaries,
// pause spans and a playhead.
//
// The waveform is rendered into an image only when the view, the data, the
// size or the theme change; the playhead and the overlays are separate
// objects that move without redrawing it. Zoom with Ctrl+wheel (or
// Cmd+wheel), + and - through HandleKey; scroll with the wheel.
//
// The widget shows what it is given and reports what the user does through
// the On... callbacks; it never edits the bands itself. All methods must be
// called on the Fyne goroutine (use fyne.Do from others). After appending
// to the pyramid, call Refresh (at most a few dozen times per second) to
// show the new audio.
type Waveform struct {
	widget.BaseWidget

	// OnTapped is called with the time under a tap outside the band lane
	// (for seeking), clamped to the timeline.
	OnTapped func(seconds float64)
	// OnBandTapped is called with the index of the band whose lane was
	// tapped.
	OnBandTapped func(index int)
	// OnDragBoundary is called while an edge of band index is dragged,
	// with the time under the pointer (clamped to the timeline). end
	// tells the end edge from the start edge. Where two bands touch, the
	// shared edge is reported as the end of the earlier band.
	OnDragBoundary func(index int, end bool, seconds float64)
	// OnSelectRange is called while the pointer is dragged across the
	// waveform away from band edges, with the selected span (start <=
	// end). The widget shows the selection itself.
	OnSelectRange func(start, end float64)
	// OnDragEnd is called when a boundary drag or a range selection ends
	// (a good moment to record one undo step).
	OnDragEnd func()

	pyr       *peaks.Pyramid
	duration  float64 // timeline length when zoomed out (data may be longer)
	bands     []Band
	ghosts    []float64
	pauses    [][2]float64
	fillers   [][2]float64
	selStart  float64
	selEnd    float64
	playhead  float64 // seconds; negative hides it
	follow    bool
	fit       bool    // zoomed out: the view is the whole timeline
	viewStart float64 // seconds at the left edge when not fit
	viewSpan  float64 // seconds across the width when not fit

	drag       dragMode
	dragBand   int
	dragEnd    bool
	dragAnchor float64
	hoverEdge  bool
	hoverMods  fyne.KeyModifier

	// mods returns the keyboard modifiers held now; nil asks the driver.
	mods func() fyne.KeyModifier

	rend *waveRenderer // the current renderer, for the playhead fast path
}

type dragMode int

const (
	dragNone dragMode = iota
	dragEdge
	dragSelect
)

const (
	// minViewSpan is the shortest span the view zooms in to, in seconds.
	minViewSpan = 1.0
	// zoomStep is the factor one + or - press zooms by.
	zoomStep = 1.5
	// edgeGrab is how close (in pixels either side) a drag must start to
	// a band edge to move it.
	edgeGrab = 6
	// wheelNotch is the scroll delta of one wheel notch; one notch
	// scrolls wheelScroll of the view or zooms by wheelZoom.
	wheelNotch  = 25
	wheelScroll = 0.1
	wheelZoom   = 1.25
	// followMargin is how far into the view (as a fraction of it) the
	// playhead lands, from the left, and the newest audio, from the
	// right, when following pages the view.
	followMargin = 0.1
)

// NewWaveform returns an empty timeline, zoomed out, with the playhead
// hidden.
func NewWaveform() *Waveform {
	w := &Waveform{fit: true, playhead: -1}
	w.ExtendBaseWidget(w)
	return w
}

// SetPeaks sets the audio to show (nil for none). The pyramid may still be
// growing: call Refresh after appending to show the new audio.
func (w *Waveform) SetPeaks(p *peaks.Pyramid) {
	w.pyr = p
	w.Refresh()
}

// SetDuration sets the length of the timeline in seconds, e.g. the answer
// limit while recording so the waveform grows across a fixed scale. When
// the audio is longer, the timeline is as long as the audio.
func (w *Waveform) SetDuration(seconds float64) {
	w.duration = max(seconds, 0)
	w.Refresh()
}

// SetBands sets the tagged parts (copied).
func (w *Waveform) SetBands(bands []Band) {
	w.bands = append(w.bands[:0], bands...)
	w.Refresh()
}

// SetSelection selects the span from start to end in seconds; an empty or
// reversed span clears the selection.
func (w *Waveform) SetSelection(start, end float64) {
	if end <= start {
		start, end = 0, 0
	}
	w.selStart, w.selEnd = start, end
	w.Refresh()
}

// Selection returns the selected span and whether there is one.
func (w *Waveform) Selection() (start, end float64, ok bool) {
	return w.selStart, w.selEnd, w.selEnd > w.selStart
}

// SetGhosts sets ghost boundaries (seconds), drawn as faint lines: e.g.
// where the parts began in an earlier take, or suggested boundaries.
func (w *Waveform) SetGhosts(seconds []float64) {
	w.ghosts = append(w.ghosts[:0], seconds...)
	w.Refresh()
}

// SetPauses sets the pause spans ({start, end} in seconds), drawn as a bar
// along the bottom of the waveform.
func (w *Waveform) SetPauses(spans [][2]float64) {
	w.pauses = append(w.pauses[:0], spans...)
	w.Refresh()
}

// SetFillers sets the filled-pause spans ("um", "uh"; {start, end} in
// seconds), drawn like pauses but as an outlined, taller bar with the word
// "um" above it, so they differ from pauses by shape and label, not colour
// alone.
func (w *Waveform) SetFillers(spans [][2]float64) {
	w.fillers = append(w.fillers[:0], spans...)
	w.Refresh()
}

// SetFollow makes the view, when zoomed in, page along to keep the newest
// audio and the playhead in sight.
func (w *Waveform) SetFollow(on bool) {
	w.follow = on
	w.Refresh()
}

// SetPlayhead moves the playhead to seconds (negative hides it). Only the
// playhead moves: the waveform image is not redrawn, so it is cheap to
// call at display rate. With SetFollow on and the view zoomed in, a
// playhead leaving the view pages the view.
func (w *Waveform) SetPlayhead(seconds float64) {
	w.playhead = seconds
	if w.follow && !w.fit && seconds >= 0 {
		start, span := w.View()
		if seconds < start || seconds > start+span {
			w.viewStart = seconds - followMargin*span
			w.Refresh()
			return
		}
	}
	if w.rend != nil {
		w.rend.placePlayhead(w.Size())
	}
}

// Playhead returns the playhead position in seconds (negative: hidden).
func (w *Waveform) Playhead() float64 { return w.playhead }

// Total returns the length of the timeline in seconds: the duration set,
// or the audio's length when that is longer.
func (w *Waveform) Total() float64 {
	t := w.duration
	if w.pyr != nil && w.pyr.Rate() > 0 {
		t = max(t, float64(w.pyr.Len())/float64(w.pyr.Rate()))
	}
	return t
}

// View returns the span of the timeline in view: its start and length in
// seconds.
func (w *Waveform) View() (start, span float64) {
	total := max(w.Total(), minViewSpan)
	if w.fit {
		return 0, total
	}
	span = min(max(w.viewSpan, minViewSpan), total)
	start = min(max(w.viewStart, 0), total-span)
	return start, span
}

// SetView shows span seconds from start (clamped to the timeline; a span
// covering the whole timeline zooms out fully).
func (w *Waveform) SetView(start, span float64) {
	total := max(w.Total(), minViewSpan)
	if span >= total {
		w.fit = true
	} else {
		w.fit = false
		w.viewSpan = max(span, minViewSpan)
		w.viewStart = min(max(start, 0), total-w.viewSpan)
	}
	w.Refresh()
}

// ZoomAt zooms by factor (> 1 zooms in) keeping the time at seconds where
// it is on the screen.
func (w *Waveform) ZoomAt(factor, seconds float64) {
	if factor <= 0 {
		return
	}
	start, span := w.View()
	newSpan := min(max(span/factor, minViewSpan), max(w.Total(), minViewSpan))
	rel := 0.5
	if span > 0 {
		rel = (seconds - start) / span
	}
	w.SetView(seconds-rel*newSpan, newSpan)
}

// ZoomIn zooms in one step around the playhead when it is in view, else
// around the middle of the view.
func (w *Waveform) ZoomIn() { w.ZoomAt(zoomStep, w.zoomCentre()) }

// ZoomOut zooms out one step (see ZoomIn).
func (w *Waveform) ZoomOut() { w.ZoomAt(1/zoomStep, w.zoomCentre()) }

// ZoomToFit shows the whole timeline.
func (w *Waveform) ZoomToFit() {
	w.fit = true
	w.Refresh()
}

func (w *Waveform) zoomCentre() float64 {
	start, span := w.View()
	if w.playhead >= start && w.playhead <= start+span {
		return w.playhead
	}
	return start + span/2
}

// ScrollBy moves the view by seconds (positive: later).
func (w *Waveform) ScrollBy(seconds float64) {
	if w.fit {
		return
	}
	start, span := w.View()
	w.SetView(start+seconds, span)
}

// HandleKey zooms on + (or =), - and 0 (zoom to fit) and reports whether
// it used the key. The widget does not take keyboard focus (keys such as
// Space keep their window-wide meaning), so the window's key handler
// passes keys on to it.
func (w *Waveform) HandleKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyPlus, fyne.KeyEqual:
		w.ZoomIn()
	case fyne.KeyMinus:
		w.ZoomOut()
	case fyne.Key0:
		w.ZoomToFit()
	default:
		return false
	}
	return true
}

// xToTime converts an x position on the widget to seconds.
func (w *Waveform) xToTime(x float32) float64 {
	start, span := w.View()
	width := w.Size().Width
	if width <= 0 {
		return start
	}
	return start + float64(x)/float64(width)*span
}

// timeToX converts seconds to an x position on a widget width wide.
func (w *Waveform) timeToX(t float64, width float32) float32 {
	start, span := w.View()
	return float32((t - start) / span * float64(width))
}

func (w *Waveform) clampTime(t float64) float64 {
	return min(max(t, 0), w.Total())
}

// edgeAt finds the band edge within edgeGrab pixels of x. Where edges
// coincide, the end of the earlier band wins.
func (w *Waveform) edgeAt(x float32) (index int, end, ok bool) {
	width := w.Size().Width
	best := float32(edgeGrab) + 0.001
	for i, b := range w.bands {
		for _, e := range [2]bool{true, false} {
			t := b.Start
			if e {
				t = b.End
			}
			d := float32(math.Abs(float64(w.timeToX(t, width) - x)))
			if d < best {
				best, index, end, ok = d, i, e, true
			}
		}
	}
	return index, end, ok
}

// bandAt finds the band under the time t (the later one where two
// overlap).
func (w *Waveform) bandAt(t float64) (int, bool) {
	for i := len(w.bands) - 1; i >= 0; i-- {
		if t >= w.bands[i].Start && t < w.bands[i].End {
			return i, true
		}
	}
	return 0, false
}

// Tapped reports a tap on a band's lane through OnBandTapped, and any
// other tap through OnTapped.
func (w *Waveform) Tapped(e *fyne.PointEvent) {
	g := w.geometry(w.Size())
	t := w.xToTime(e.Position.X)
	if e.Position.Y >= g.laneY && e.Position.Y < g.laneY+g.laneH {
		if i, ok := w.bandAt(t); ok {
			if w.OnBandTapped != nil {
				w.OnBandTapped(i)
			}
			return
		}
	}
	if w.OnTapped != nil {
		w.OnTapped(w.clampTime(t))
	}
}

// Dragged moves a band edge when the drag began on one, and otherwise
// selects the span dragged across.
func (w *Waveform) Dragged(e *fyne.DragEvent) {
	if w.drag == dragNone {
		x0 := e.Position.X - e.Dragged.DX
		if i, end, ok := w.edgeAt(x0); ok {
			w.drag, w.dragBand, w.dragEnd = dragEdge, i, end
		} else {
			w.drag, w.dragAnchor = dragSelect, w.clampTime(w.xToTime(x0))
		}
	}
	t := w.clampTime(w.xToTime(e.Position.X))
	switch w.drag {
	case dragEdge:
		if w.OnDragBoundary != nil {
			w.OnDragBoundary(w.dragBand, w.dragEnd, t)
		}
	case dragSelect:
		a, b := min(w.dragAnchor, t), max(w.dragAnchor, t)
		w.SetSelection(a, b)
		if w.OnSelectRange != nil {
			w.OnSelectRange(a, b)
		}
	}
}

// DragEnd finishes a drag and calls OnDragEnd.
func (w *Waveform) DragEnd() {
	if w.drag == dragNone {
		return
	}
	w.drag = dragNone
	if w.OnDragEnd != nil {
		w.OnDragEnd()
	}
}

// Scrolled zooms around the pointer with Ctrl (or Cmd) held and scrolls
// the view otherwise.
func (w *Waveform) Scrolled(e *fyne.ScrollEvent) {
	d := float64(e.Scrolled.DY)
	if d == 0 {
		d = float64(e.Scrolled.DX)
	}
	if d == 0 {
		return
	}
	if w.modifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0 {
		w.ZoomAt(math.Pow(wheelZoom, d/wheelNotch), w.xToTime(e.Position.X))
		return
	}
	_, span := w.View()
	w.ScrollBy(-d / wheelNotch * wheelScroll * span)
}

// modifiers returns the modifier keys held now.
func (w *Waveform) modifiers() fyne.KeyModifier {
	if w.mods != nil {
		return w.mods()
	}
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return w.hoverMods
}

// MouseIn tracks the pointer for the edge cursor.
func (w *Waveform) MouseIn(e *desktop.MouseEvent) { w.MouseMoved(e) }

// MouseMoved tracks the pointer for the edge cursor.
func (w *Waveform) MouseMoved(e *desktop.MouseEvent) {
	w.hoverMods = e.Modifier
	_, _, w.hoverEdge = w.edgeAt(e.Position.X)
}

// MouseOut forgets the pointer.
func (w *Waveform) MouseOut() { w.hoverEdge = false }

// Cursor shows a resize cursor over band edges.
func (w *Waveform) Cursor() desktop.Cursor {
	if w.hoverEdge || w.drag == dragEdge {
		return desktop.HResizeCursor
	}
	return desktop.DefaultCursor
}

// waveGeometry is the vertical layout: the ruler at the top, then the
// band lane, the waveform, and the legend at the bottom.
type waveGeometry struct {
	rulerH        float32
	laneY, laneH  float32
	waveY, waveH  float32
	legY, legH    float32
	labelH, tickH float32
}

func (w *Waveform) geometry(size fyne.Size) waveGeometry {
	th := w.Theme()
	capSize := th.Size(theme.SizeNameCaptionText)
	pad := th.Size(theme.SizeNameInnerPadding)
	g := waveGeometry{tickH: 4}
	g.labelH = fyne.MeasureText("0:00", capSize, fyne.TextStyle{}).Height
	g.rulerH = g.labelH + g.tickH
	g.laneY = g.rulerH
	g.laneH = fyne.MeasureText("S", th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Height + pad/2
	g.waveY = g.laneY + g.laneH
	g.legH = g.labelH + pad
	g.waveH = max(size.Height-g.waveY-g.legH, 0)
	g.legY = g.waveY + g.waveH
	return g
}

// CreateRenderer builds the renderer.
func (w *Waveform) CreateRenderer() fyne.WidgetRenderer {
	r := &waveRenderer{w: w}
	r.raster.Generator = r.generate
	r.empty.Text = "Your answer's waveform appears here as you speak."
	r.empty.Alignment = fyne.TextAlignCenter
	for k := range r.legend {
		r.legend[k].letter.Text = practice.Kind(k).Letter()
		r.legend[k].letter.Alignment = fyne.TextAlignCenter
		r.legend[k].letter.TextStyle = fyne.TextStyle{Bold: true}
		r.legend[k].name.Text = practice.Kind(k).String()
	}
	w.rend = r
	r.grow()
	r.applyTheme()
	r.rebuild()
	r.key = r.wantKey()
	return r
}

// bandObjects are the objects of one band.
type bandObjects struct {
	tint, lane, startEdge, endEdge canvas.Rectangle
	letter                         canvas.Text
}

// legendItem is one part in the legend.
type legendItem struct {
	swatch       canvas.Rectangle
	letter, name canvas.Text
}

type rulerMark struct {
	tick  canvas.Rectangle
	label canvas.Text
}

type waveRenderer struct {
	w *Waveform

	bg       canvas.Rectangle
	raster   canvas.Raster
	sel      canvas.Rectangle
	selEdges [2]canvas.Rectangle
	empty    canvas.Text
	playHalo canvas.Rectangle // keeps the playhead visible on the waveform
	playLine canvas.Rectangle
	playKnob canvas.Circle
	legend   [partCount]legendItem

	bands  []*bandObjects
	ghosts []*canvas.Rectangle
	pauses []*canvas.Rectangle
	fills  []*fillerMark
	marks  []*rulerMark

	objects []fyne.CanvasObject
	geom    waveGeometry // as of the last Layout

	// The waveform image and what it shows. key is what Refresh last
	// asked the raster to show; drawn is what img holds.
	key      rasterKey
	drawn    rasterKey
	img      *image.RGBA
	painter  peaks.Painter
	renders  int // images drawn (tests check the playhead draws none)
	requests int // raster refreshes asked of the canvas

	waveFG    color.NRGBA
	tintAlpha uint8
}

// rasterKey is everything the waveform image depends on.
type rasterKey struct {
	pyr         *peaks.Pyramid
	n           int64
	start, span float64
	fg          color.NRGBA
	w, h        int
}

// rebuild collects the objects in drawing order after a pool grew.
func (r *waveRenderer) rebuild() {
	o := []fyne.CanvasObject{&r.bg}
	for _, b := range r.bands {
		o = append(o, &b.tint)
	}
	for _, p := range r.pauses {
		o = append(o, p)
	}
	for _, f := range r.fills {
		o = append(o, &f.bar, &f.label)
	}
	o = append(o, &r.sel, &r.raster, &r.selEdges[0], &r.selEdges[1])
	for _, g := range r.ghosts {
		o = append(o, g)
	}
	for _, b := range r.bands {
		o = append(o, &b.lane, &b.letter, &b.startEdge, &b.endEdge)
	}
	for _, m := range r.marks {
		o = append(o, &m.tick, &m.label)
	}
	for i := range r.legend {
		o = append(o, &r.legend[i].swatch, &r.legend[i].letter, &r.legend[i].name)
	}
	r.objects = append(o, &r.empty, &r.playHalo, &r.playLine, &r.playKnob)
}

// grow makes sure the pools hold what the widget shows; it reports whether
// the object list changed.
func (r *waveRenderer) grow() bool {
	changed := false
	for len(r.bands) < len(r.w.bands) {
		b := &bandObjects{}
		b.letter.Alignment = fyne.TextAlignCenter
		b.letter.TextStyle = fyne.TextStyle{Bold: true}
		r.bands = append(r.bands, b)
		changed = true
	}
	for len(r.ghosts) < len(r.w.ghosts) {
		r.ghosts = append(r.ghosts, &canvas.Rectangle{})
		changed = true
	}
	for len(r.pauses) < len(r.w.pauses) {
		r.pauses = append(r.pauses, &canvas.Rectangle{})
		changed = true
	}
	for len(r.fills) < len(r.w.fillers) {
		f := &fillerMark{}
		f.label.Text = "um"
		f.label.Alignment = fyne.TextAlignCenter
		f.label.TextStyle = fyne.TextStyle{Italic: true}
		r.fills = append(r.fills, f)
		changed = true
	}
	return changed
}

// fillerMark is a filled pause on the timeline: an outlined bar and its
// label.
type fillerMark struct {
	bar   canvas.Rectangle
	label canvas.Text
}

// WithAlpha returns c with alpha a.
func WithAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

func (r *waveRenderer) applyTheme() {
	w := r.w
	b := &w.BaseWidget
	th := w.Theme()
	fg := widgets.ThemeColor(b, theme.ColorNameForeground)
	capSize := th.Size(theme.SizeNameCaptionText)
	textSize := th.Size(theme.SizeNameText)
	dark := widgets.ThemeVariant(fyne.CurrentApp()) == theme.VariantDark

	r.bg.FillColor = widgets.ThemeColor(b, theme.ColorNameInputBackground)
	r.bg.StrokeColor = widgets.ThemeColor(b, theme.ColorNameInputBorder)
	r.bg.StrokeWidth = 1
	r.waveFG = WithAlpha(fg, 0xE0)
	r.tintAlpha = 0x50
	if dark {
		r.tintAlpha = 0x70
	}
	// A neutral selection, so it is not mistaken for a part's colour.
	r.sel.FillColor = WithAlpha(fg, 0x30)
	for i := range r.selEdges {
		r.selEdges[i].FillColor = fg
	}
	r.empty.Color = widgets.ThemeColor(b, theme.ColorNamePlaceHolder)
	r.empty.TextSize = textSize
	r.playHalo.FillColor = WithAlpha(widgets.ThemeColor(b, theme.ColorNameBackground), 0xC0)
	r.playLine.FillColor = fg
	r.playKnob.FillColor = fg

	for i, bo := range r.bands {
		if i >= len(w.bands) {
			break
		}
		band := w.bands[i]
		c := PartColor(band.Kind)
		alpha := r.tintAlpha
		if band.Selected {
			alpha = min(255, alpha*2)
		}
		bo.tint.FillColor = WithAlpha(c, alpha)
		bo.lane.FillColor = c
		bo.lane.StrokeColor, bo.lane.StrokeWidth = nil, 0
		if band.Selected {
			bo.lane.StrokeColor, bo.lane.StrokeWidth = fg, 2
		}
		bo.startEdge.FillColor = c
		bo.endEdge.FillColor = c
		bo.letter.Color = color.Black
		if band.Kind >= 0 && band.Kind < partCount {
			bo.letter.Color = practice.Kind(band.Kind).Ink()
			bo.letter.Text = practice.Kind(band.Kind).Letter()
		} else {
			bo.letter.Text = "?"
		}
		bo.letter.TextSize = textSize
	}
	for _, g := range r.ghosts {
		g.FillColor = widgets.ThemeColor(b, theme.ColorNamePlaceHolder)
	}
	for _, p := range r.pauses {
		p.FillColor = WithAlpha(fg, 0x90)
		p.CornerRadius = 2
	}
	for _, f := range r.fills {
		f.bar.FillColor = color.Transparent
		f.bar.StrokeColor = fg
		f.bar.StrokeWidth = 1.5
		f.bar.CornerRadius = 2
		f.label.Color = fg
		f.label.TextSize = capSize
	}
	for _, m := range r.marks {
		m.tick.FillColor = widgets.ThemeColor(b, theme.ColorNameInputBorder)
		m.label.Color = fg
		m.label.TextSize = capSize
	}
	for k := range r.legend {
		it := &r.legend[k]
		it.swatch.FillColor = practice.Kind(k).Color()
		it.swatch.CornerRadius = 2
		it.letter.Color = practice.Kind(k).Ink()
		it.letter.TextSize = capSize
		it.name.Color = fg
		it.name.TextSize = capSize
	}
}

// Layout places everything for the current state.
func (r *waveRenderer) Layout(size fyne.Size) {
	w := r.w
	g := w.geometry(size)
	r.geom = g
	width := size.Width

	r.bg.Move(fyne.NewPos(0, g.laneY))
	r.bg.Resize(fyne.NewSize(width, g.laneH+g.waveH))
	r.raster.Move(fyne.NewPos(0, g.waveY))
	r.raster.Resize(fyne.NewSize(width, g.waveH))

	start, span := w.View()
	xOf := func(t float64) float32 { return float32((t - start) / span * float64(width)) }
	// place puts an object between two times, clipped to the widget; it
	// hides the object and reports false when nothing of it is in view.
	// line puts a vertical line of width lw centred on a time.
	place := func(o fyne.CanvasObject, t0, t1 float64, y, h float32) bool {
		x0, x1 := max(xOf(t0), 0), min(xOf(t1), width)
		if x1 <= x0 {
			o.Hide()
			return false
		}
		o.Move(fyne.NewPos(x0, y))
		o.Resize(fyne.NewSize(x1-x0, h))
		o.Show()
		return true
	}
	line := func(o fyne.CanvasObject, t float64, lw, y, h float32) {
		x := xOf(t)
		if x < -lw || x > width+lw {
			o.Hide()
			return
		}
		o.Move(fyne.NewPos(x-lw/2, y))
		o.Resize(fyne.NewSize(lw, h))
		o.Show()
	}

	for i, bo := range r.bands {
		if i >= len(w.bands) {
			for _, o := range []fyne.CanvasObject{&bo.tint, &bo.lane, &bo.letter, &bo.startEdge, &bo.endEdge} {
				o.Hide()
			}
			continue
		}
		b := w.bands[i]
		place(&bo.tint, b.Start, b.End, g.waveY, g.waveH)
		if place(&bo.lane, b.Start, b.End, g.laneY, g.laneH) {
			bo.letter.Move(bo.lane.Position())
			bo.letter.Resize(bo.lane.Size())
			bo.letter.Hidden = bo.letter.MinSize().Width > bo.lane.Size().Width
		} else {
			bo.letter.Hide()
		}
		line(&bo.startEdge, b.Start, 2, g.waveY, g.waveH)
		line(&bo.endEdge, b.End, 2, g.waveY, g.waveH)
	}
	for i, gr := range r.ghosts {
		if i >= len(w.ghosts) {
			gr.Hide()
			continue
		}
		line(gr, w.ghosts[i], 1, g.laneY, g.laneH+g.waveH)
	}
	const pauseH = 5
	for i, p := range r.pauses {
		if i >= len(w.pauses) {
			p.Hide()
			continue
		}
		place(p, w.pauses[i][0], w.pauses[i][1], g.waveY+g.waveH-pauseH, pauseH)
	}
	const fillH = 9
	for i, f := range r.fills {
		if i >= len(w.fillers) || !place(&f.bar, w.fillers[i][0], w.fillers[i][1], g.waveY+g.waveH-fillH, fillH) {
			f.bar.Hide()
			f.label.Hide()
			continue
		}
		lh := f.label.MinSize().Height
		lw := max(f.bar.Size().Width, f.label.MinSize().Width)
		f.label.Move(fyne.NewPos(f.bar.Position().X+f.bar.Size().Width/2-lw/2, g.waveY+g.waveH-fillH-lh))
		f.label.Resize(fyne.NewSize(lw, lh))
		f.label.Show()
	}
	if s, e, ok := w.Selection(); ok && place(&r.sel, s, e, g.waveY, g.waveH) {
		line(&r.selEdges[0], s, 2, g.waveY, g.waveH)
		line(&r.selEdges[1], e, 2, g.waveY, g.waveH)
	} else {
		r.sel.Hide()
		r.selEdges[0].Hide()
		r.selEdges[1].Hide()
	}

	r.layoutRuler(size, g, start, span)
	r.layoutLegend(size, g)

	r.empty.Hidden = (w.pyr != nil && w.pyr.Len() > 0) || len(w.bands) > 0
	r.empty.Move(fyne.NewPos(0, g.waveY))
	r.empty.Resize(fyne.NewSize(width, g.waveH))
	if r.empty.MinSize().Width > width {
		r.empty.Hide()
	}
	r.placePlayhead(size)
}

// placePlayhead moves the playhead objects only (in the geometry of the
// last Layout).
func (r *waveRenderer) placePlayhead(size fyne.Size) {
	w := r.w
	g := r.geom
	const knob = 9
	start, span := w.View()
	x := float32((w.playhead - start) / span * float64(size.Width))
	if w.playhead < 0 || x < 0 || x > size.Width {
		r.playHalo.Hide()
		r.playLine.Hide()
		r.playKnob.Hide()
		return
	}
	h := g.tickH + g.laneH + g.waveH
	r.playHalo.Move(fyne.NewPos(x-2, g.laneY))
	r.playHalo.Resize(fyne.NewSize(4, g.laneH+g.waveH))
	r.playLine.Move(fyne.NewPos(x-1, g.rulerH-g.tickH))
	r.playLine.Resize(fyne.NewSize(2, h))
	r.playKnob.Move(fyne.NewPos(x-knob/2, g.rulerH-g.tickH-knob+2))
	r.playKnob.Resize(fyne.NewSquareSize(knob))
	if r.playLine.Hidden {
		// Show does not repaint a rectangle by itself.
		r.playHalo.Show()
		r.playLine.Show()
		canvas.Refresh(&r.playHalo)
		canvas.Refresh(&r.playLine)
	}
	if r.playKnob.Hidden {
		r.playKnob.Show()
	}
}

// rulerSteps are the spacings the ruler chooses from, in seconds.
var rulerSteps = []float64{0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}

// RulerStep picks the smallest spacing that leaves minGap pixels between
// marks across width pixels showing span seconds.
func RulerStep(span float64, width, minGap float32) float64 {
	for _, s := range rulerSteps {
		if float32(s/span)*width >= minGap {
			return s
		}
	}
	return rulerSteps[len(rulerSteps)-1]
}

// RulerTime writes t as m:ss, with tenths when the step needs them
// and hours past the hour.
func RulerTime(t, step float64) string {
	if step < 1 {
		tenths := int64(math.Round(t * 10))
		return fmt.Sprintf("%d:%02d.%d", tenths/600, tenths/10%60, tenths%10)
	}
	s := int64(math.Round(t))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func (r *waveRenderer) layoutRuler(size fyne.Size, g waveGeometry, start, span float64) {
	w := r.w
	capSize := w.Theme().Size(theme.SizeNameCaptionText)
	label := fyne.MeasureText("00:00.0", capSize, fyne.TextStyle{}).Width
	step := RulerStep(span, size.Width, label+12)
	first := math.Ceil(start/step-1e-9) * step
	n := 0
	for t := first; t <= start+span+1e-9; t = first + float64(n)*step {
		if n == len(r.marks) {
			m := &rulerMark{}
			m.tick.FillColor = widgets.ThemeColor(&w.BaseWidget, theme.ColorNameInputBorder)
			m.label.Color = widgets.ThemeColor(&w.BaseWidget, theme.ColorNameForeground)
			m.label.TextSize = capSize
			r.marks = append(r.marks, m)
			r.rebuild()
		}
		m := r.marks[n]
		x := float32((t - start) / span * float64(size.Width))
		m.tick.Move(fyne.NewPos(min(x, size.Width-1), g.rulerH-g.tickH))
		m.tick.Resize(fyne.NewSize(1, g.tickH))
		m.tick.Show()
		m.label.Text = RulerTime(t, step)
		lw := m.label.MinSize().Width
		lx := min(x+2, size.Width-lw)
		m.label.Move(fyne.NewPos(lx, 0))
		m.label.Resize(fyne.NewSize(lw, g.labelH))
		// A label pushed back from the right edge would sit on the one
		// before: leave it out.
		m.label.Hidden = lx < x-lw/2
		n++
	}
	for _, m := range r.marks[n:] {
		m.tick.Hide()
		m.label.Hide()
	}
}

func (r *waveRenderer) layoutLegend(size fyne.Size, g waveGeometry) {
	const gap, itemGap = 4, 12
	sw := g.labelH
	y := g.legY + (g.legH-sw)/2 + 1
	// Names go when they do not fit: the letters stay.
	full := float32(0)
	for k := range r.legend {
		full += sw + gap + r.legend[k].name.MinSize().Width + itemGap
	}
	names := full-itemGap <= size.Width
	x := float32(0)
	for k := range r.legend {
		it := &r.legend[k]
		it.swatch.Move(fyne.NewPos(x, y))
		it.swatch.Resize(fyne.NewSquareSize(sw))
		it.letter.Move(fyne.NewPos(x, y))
		it.letter.Resize(fyne.NewSquareSize(sw))
		x += sw + gap
		it.name.Hidden = !names
		if names {
			nw := it.name.MinSize().Width
			it.name.Move(fyne.NewPos(x, y))
			it.name.Resize(fyne.NewSize(nw, sw))
			x += nw
		}
		x += itemGap
	}
}

// MinSize leaves room for the ruler, the lane, some waveform and the
// legend letters.
func (r *waveRenderer) MinSize() fyne.Size {
	g := r.w.geometry(fyne.NewSize(0, 0))
	return fyne.NewSize(160, g.rulerH+g.laneH+60+g.legH)
}

// Refresh re-reads the theme and the state; the waveform image is redrawn
// only when what it shows changed.
func (r *waveRenderer) Refresh() {
	w := r.w
	if w.follow && !w.fit && w.pyr != nil && w.pyr.Rate() > 0 {
		end := float64(w.pyr.Len()) / float64(w.pyr.Rate())
		if start, span := w.View(); end > start+span {
			w.viewStart = end - (1-followMargin)*span
		}
	}
	if r.grow() {
		r.rebuild()
	}
	r.applyTheme()
	r.Layout(w.Size())
	for _, o := range r.objects {
		if o != &r.raster {
			canvas.Refresh(o)
		}
	}
	if k := r.wantKey(); k != r.key {
		r.key = k
		r.requests++
		canvas.Refresh(&r.raster)
	}
}

// wantKey is the raster key for the current state (size excluded: the
// raster redraws itself on resize).
func (r *waveRenderer) wantKey() rasterKey {
	w := r.w
	k := rasterKey{pyr: w.pyr, fg: r.waveFG}
	k.start, k.span = w.View()
	if w.pyr != nil {
		k.n = w.pyr.Len()
	}
	return k
}

// generate is the raster's generator: it returns the cached image unless
// the view, data, colour or size changed since it was drawn.
func (r *waveRenderer) generate(pw, ph int) image.Image {
	k := r.key
	k.w, k.h = pw, ph
	if r.img != nil && k == r.drawn {
		return r.img
	}
	if r.img == nil || r.img.Rect.Dx() != pw || r.img.Rect.Dy() != ph {
		r.img = image.NewRGBA(image.Rect(0, 0, pw, ph))
	}
	r.drawn = k
	r.renders++
	p := r.w.pyr
	if p == nil || p.Rate() <= 0 {
		clear(r.img.Pix)
		return r.img
	}
	rate := float64(p.Rate())
	from := int64(math.Round(k.start * rate))
	to := int64(math.Round((k.start + k.span) * rate))
	r.painter.Draw(r.img, p, from, to, k.fg, color.NRGBA{})
	return r.img
}

func (r *waveRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *waveRenderer) Destroy() {
	if r.w.rend == r {
		r.w.rend = nil
	}
}

// Bands are the parts shown.
func (w *Waveform) Bands() []Band { return w.bands }

// Pauses are the pauses shown, as [start, end] in seconds.
func (w *Waveform) Pauses() [][2]float64 { return w.pauses }

// TimeToX is the x position of t seconds at the widget's width.
func (w *Waveform) TimeToX(t float64) float32 { return w.timeToX(t, w.Size().Width) }

// LaneMidY is the height of the middle of the band lane, where a tap
// selects a part.
func (w *Waveform) LaneMidY() float32 {
	g := w.geometry(w.Size())
	return g.laneY + g.laneH/2
}

// WaveMidY is the height of the middle of the waveform, below the band
// lane, where a drag selects a range.
func (w *Waveform) WaveMidY() float32 {
	g := w.geometry(w.Size())
	return g.waveY + g.waveH/2
}
