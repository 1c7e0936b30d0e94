package widgets

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// WheelScale is how much further a Scroll moves per wheel notch than
// Fyne's own: its desktop driver moves 25 px a notch on Linux and Windows,
// under two lines of text, so a long form crawls. Three times that is
// about four lines, as other desktop programs scroll. On macOS the driver
// already follows the system's accelerated scrolling, so it stays 1.
var WheelScale float32 = wheelScale(runtime.GOOS)

func wheelScale(goos string) float32 {
	if goos == "darwin" {
		return 1
	}
	return 3
}

// Scroll is a vertical scroll container for long forms: the mouse wheel
// moves it WheelScale times as far as a plain container.Scroll.
type Scroll struct {
	container.Scroll
}

// NewVScroll returns a vertical Scroll around content.
func NewVScroll(content fyne.CanvasObject) *Scroll {
	s := &Scroll{}
	s.Direction = container.ScrollVerticalOnly
	s.Content = content
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled moves the content by the scaled wheel delta.
func (s *Scroll) Scrolled(ev *fyne.ScrollEvent) {
	scaled := *ev
	scaled.Scrolled = fyne.NewDelta(ev.Scrolled.DX*WheelScale, ev.Scrolled.DY*WheelScale)
	s.Scroll.Scrolled(&scaled)
}
