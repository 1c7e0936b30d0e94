package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Tappable      = (*seekBar)(nil)
	_ fyne.Draggable     = (*seekBar)(nil)
	_ desktop.Cursorable = (*seekBar)(nil)
)

// seekBar shows the playback position (0..1) and seeks where it is clicked
// or dragged. It deliberately does not take keyboard focus, so Space keeps
// meaning play/pause after a click; the arrow keys seek at window level.
type seekBar struct {
	widget.BaseWidget

	value    float64 // 0..1
	disabled bool
	dragging bool

	// onSeek is called with the new position (0..1) on tap and while
	// dragging.
	onSeek func(ratio float64)
}

func newSeekBar(onSeek func(float64)) *seekBar {
	s := &seekBar{onSeek: onSeek}
	s.ExtendBaseWidget(s)
	return s
}

// setValue moves the playhead unless the user is dragging it.
func (s *seekBar) setValue(v float64) {
	if s.dragging {
		return
	}
	v = clamp01(v)
	if v == s.value {
		return
	}
	s.value = v
	s.Refresh()
}

func (s *seekBar) setDisabled(d bool) {
	if s.disabled == d {
		return
	}
	s.disabled = d
	s.Refresh()
}

func clamp01(v float64) float64 {
	switch {
	case v < 0:
		return 0
	case v > 1:
		return 1
	default:
		return v
	}
}

// seekThumb is the playhead diameter.
const seekThumb = 18

func (s *seekBar) ratioAt(x float32) float64 {
	w := s.Size().Width - seekThumb
	if w <= 0 {
		return 0
	}
	return clamp01(float64((x - seekThumb/2) / w))
}

func (s *seekBar) seekTo(x float32) {
	if s.disabled {
		return
	}
	s.value = s.ratioAt(x)
	s.Refresh()
	if s.onSeek != nil {
		s.onSeek(s.value)
	}
}

// Tapped seeks to the tapped point.
func (s *seekBar) Tapped(e *fyne.PointEvent) { s.seekTo(e.Position.X) }

// Dragged follows the pointer.
func (s *seekBar) Dragged(e *fyne.DragEvent) {
	if s.disabled {
		return
	}
	s.dragging = true
	s.seekTo(e.Position.X)
}

// DragEnd lets playback move the playhead again.
func (s *seekBar) DragEnd() { s.dragging = false }

// Cursor shows a pointer over the bar.
func (s *seekBar) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (s *seekBar) CreateRenderer() fyne.WidgetRenderer {
	r := &seekRenderer{s: s}
	r.applyTheme()
	return r
}

type seekRenderer struct {
	s           *seekBar
	track, fill canvas.Rectangle
	thumb       canvas.Circle
}

func (r *seekRenderer) applyTheme() {
	b := &r.s.BaseWidget
	r.track.FillColor = themeColor(b, theme.ColorNameInputBorder)
	r.track.CornerRadius = 3
	fg := theme.ColorNamePrimary
	if r.s.disabled {
		fg = theme.ColorNameDisabled
	}
	r.fill.FillColor = themeColor(b, fg)
	r.fill.CornerRadius = 3
	r.thumb.FillColor = themeColor(b, fg)
}

// Layout places track, played part and playhead for the current value.
func (r *seekRenderer) Layout(size fyne.Size) {
	const trackH = 6
	w := size.Width - seekThumb
	if w < 0 {
		w = 0
	}
	y := (size.Height - trackH) / 2
	r.track.Move(fyne.NewPos(seekThumb/2, y))
	r.track.Resize(fyne.NewSize(w, trackH))
	x := w * float32(r.s.value)
	r.fill.Move(fyne.NewPos(seekThumb/2, y))
	r.fill.Resize(fyne.NewSize(x, trackH))
	r.thumb.Move(fyne.NewPos(x, (size.Height-seekThumb)/2))
	r.thumb.Resize(fyne.NewSquareSize(seekThumb))
}

func (r *seekRenderer) MinSize() fyne.Size {
	pad := r.s.Theme().Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(120, seekThumb+pad)
}

func (r *seekRenderer) Refresh() {
	r.applyTheme()
	r.Layout(r.s.Size())
	r.track.Refresh()
	r.fill.Refresh()
	r.thumb.Refresh()
}

func (r *seekRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.track, &r.fill, &r.thumb}
}

func (r *seekRenderer) Destroy() {}
