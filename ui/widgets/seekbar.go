package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Tappable      = (*SeekBar)(nil)
	_ fyne.Draggable     = (*SeekBar)(nil)
	_ desktop.Cursorable = (*SeekBar)(nil)
)

// SeekBar shows the playback position (0..1) and seeks where it is clicked
// or dragged. It deliberately does not take keyboard focus, so Space keeps
// meaning play/pause after a click; the arrow keys seek at window level.
type SeekBar struct {
	widget.BaseWidget

	value    float64 // 0..1
	disabled bool
	dragging bool

	// onSeek is called with the new position (0..1) on tap and while
	// dragging.
	onSeek func(ratio float64)
}

// NewSeekBar returns a bar at 0 that calls onSeek with the position the
// user seeks to.
func NewSeekBar(onSeek func(float64)) *SeekBar {
	s := &SeekBar{onSeek: onSeek}
	s.ExtendBaseWidget(s)
	return s
}

// SetValue moves the playhead unless the user is dragging it.
func (s *SeekBar) SetValue(v float64) {
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

// SetDisabled greys the bar out and stops it seeking, or brings it back.
func (s *SeekBar) SetDisabled(d bool) {
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

func (s *SeekBar) ratioAt(x float32) float64 {
	w := s.Size().Width - seekThumb
	if w <= 0 {
		return 0
	}
	return clamp01(float64((x - seekThumb/2) / w))
}

func (s *SeekBar) seekTo(x float32) {
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
func (s *SeekBar) Tapped(e *fyne.PointEvent) { s.seekTo(e.Position.X) }

// Dragged follows the pointer.
func (s *SeekBar) Dragged(e *fyne.DragEvent) {
	if s.disabled {
		return
	}
	s.dragging = true
	s.seekTo(e.Position.X)
}

// DragEnd lets playback move the playhead again.
func (s *SeekBar) DragEnd() { s.dragging = false }

// Cursor shows a pointer over the bar.
func (s *SeekBar) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer draws the track, the played part and the playhead.
func (s *SeekBar) CreateRenderer() fyne.WidgetRenderer {
	r := &seekRenderer{s: s}
	r.Objs = []fyne.CanvasObject{&r.track, &r.fill, &r.thumb}
	r.applyTheme()
	return r
}

type seekRenderer struct {
	BaseRenderer

	s           *SeekBar
	track, fill canvas.Rectangle
	thumb       canvas.Circle
}

func (r *seekRenderer) applyTheme() {
	b := &r.s.BaseWidget
	r.track.FillColor = ThemeColor(b, theme.ColorNameInputBorder)
	r.track.CornerRadius = 3
	fg := theme.ColorNamePrimary
	if r.s.disabled {
		fg = theme.ColorNameDisabled
	}
	r.fill.FillColor = ThemeColor(b, fg)
	r.fill.CornerRadius = 3
	r.thumb.FillColor = ThemeColor(b, fg)
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
