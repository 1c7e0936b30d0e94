// The layouts of the review screen: the heading, timeline and controls in
// a column, and the insights beside it or in its place.

package review

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/ui/widgets"
)

// mainLayout stacks the review's heading (a scroll of the question,
// summary and notes), the timeline and the controls. The controls keep
// their height and the timeline its minimum; the heading gets what it
// needs up to what is left (at least topFloor), and scrolls beyond that,
// so the controls stay on screen in a small window however many notes
// the take has.
type mainLayout struct{}

// topFloor is the least height of the review's heading.
const topFloor = 90

func (mainLayout) parts(objs []fyne.CanvasObject) (top *container.Scroll, wave, bottom fyne.CanvasObject) {
	return objs[0].(*container.Scroll), objs[1], objs[2]
}

func (l mainLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	top, wave, bottom := l.parts(objs)
	pad := theme.Padding()
	bh := bottom.MinSize().Height
	left := size.Height - bh - wave.MinSize().Height - 2*pad
	th := min(top.Content.MinSize().Height, max(left, topFloor))
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	wave.Move(fyne.NewPos(0, th+pad))
	wave.Resize(fyne.NewSize(size.Width, max(size.Height-th-bh-2*pad, wave.MinSize().Height)))
	bottom.Move(fyne.NewPos(0, size.Height-bh))
	bottom.Resize(fyne.NewSize(size.Width, bh))
}

func (l mainLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	top, wave, bottom := l.parts(objs)
	w := max(top.Content.MinSize().Width, wave.MinSize().Width, bottom.MinSize().Width)
	h := min(top.Content.MinSize().Height, topFloor) + wave.MinSize().Height + bottom.MinSize().Height + 2*theme.Padding()
	return fyne.NewSize(w, h)
}

// hintFloor keeps the review's status line at least as tall as the hint
// it starts with, at the width it has: a shorter message (a part
// selected) then leaves the timeline where it is instead of making it
// jump by a line.
type hintFloor struct{ ghost *widget.Label }

func (l *hintFloor) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *hintFloor) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
		if w := o.Size().Width; w > 0 && l.ghost.Size().Width != w {
			l.ghost.Resize(fyne.NewSize(w, l.ghost.MinSize().Height))
		}
	}
	if l.ghost.Size().Width > 0 {
		s.Height = max(s.Height, l.ghost.MinSize().Height)
	}
	return s
}

// sideLayout places the review's timeline (main) and insights (side)
// side by side when the window is wide enough for both, the insights
// taking sideShare of the width. In a narrower window it shows one of
// them at a time, with a button to switch, so a small window never has to
// grow wider than its minimum.
type sideLayout struct {
	main, side   fyne.CanvasObject
	panel        fyne.CanvasObject // the insights inside side
	toggle, back *widgets.Button   // switch between them when narrow
	wide         bool
	showSide     bool // narrow: the insights are on show
}

// The insights get sideShare of a wide review screen, and at least
// sideMin (or what they ask for, when more).
const (
	sideShare = 0.32
	sideMin   = 340
)

// sideWidth is the insights' width in a window width wide, and whether
// the timeline fits beside them.
func (l *sideLayout) sideWidth(width float32) (float32, bool) {
	sw := max(float32(math.Round(float64(width*sideShare))), sideMin, l.panel.MinSize().Width)
	return sw, width-sw >= l.main.MinSize().Width
}

func (l *sideLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	sw, wide := l.sideWidth(size.Width - pad)
	l.wide = wide
	l.toggle.Hidden = wide
	l.back.Hidden = wide
	switch {
	case wide:
		l.main.Move(fyne.NewPos(0, 0))
		l.main.Resize(fyne.NewSize(size.Width-sw-pad, size.Height))
		l.side.Move(fyne.NewPos(size.Width-sw, 0))
		l.side.Resize(fyne.NewSize(sw, size.Height))
		l.main.Show()
		l.side.Show()
	case l.showSide:
		l.side.Move(fyne.NewPos(0, 0))
		l.side.Resize(size)
		l.side.Show()
		l.main.Hide()
	default:
		l.main.Move(fyne.NewPos(0, 0))
		l.main.Resize(size)
		l.main.Show()
		l.side.Hide()
	}
}

// MinSize is that of the wider of the two, shown one at a time.
func (l *sideLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return l.main.MinSize().Max(l.side.MinSize())
}
