package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// fyneNotch is how far Fyne's desktop driver scrolls for one notch of the
// mouse wheel on Linux and Windows.
const fyneNotch = 25

// TestScrollScalesWheel: a wheel notch moves a Scroll WheelScale times as
// far as a plain container.Scroll, which moves it by the notch alone.
func TestScrollScalesWheel(t *testing.T) {
	test.NewTempApp(t)
	content := func() fyne.CanvasObject {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(100, 2000))
		return r
	}
	plain := container.NewVScroll(content())
	scaled := NewVScroll(content())
	for _, s := range []fyne.CanvasObject{plain, scaled} {
		s.Resize(fyne.NewSize(100, 200))
	}
	ev := &fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -fyneNotch)}
	plain.Scrolled(ev)
	scaled.Scrolled(ev)
	if plain.Offset.Y != fyneNotch {
		t.Fatalf("a plain scroll moved %v for a notch, want %v: Fyne changed", plain.Offset.Y, fyneNotch)
	}
	if got, want := scaled.Offset.Y, fyneNotch*WheelScale; got != want {
		t.Errorf("a notch moved the Scroll %v, want %v", got, want)
	}
	if ev.Scrolled.DY != -fyneNotch {
		t.Errorf("the event was changed to %v; the caller's event must stay as it was", ev.Scrolled.DY)
	}
}

// TestWheelScale: the wheel is scaled where Fyne scrolls a fixed 25 px a
// notch, and left alone on macOS, whose scrolling is accelerated.
func TestWheelScale(t *testing.T) {
	for goos, want := range map[string]float32{"linux": 3, "windows": 3, "freebsd": 3, "darwin": 1} {
		if got := wheelScale(goos); got != want {
			t.Errorf("wheelScale(%q) = %v, want %v", goos, got, want)
		}
	}
}
