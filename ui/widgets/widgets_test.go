package widgets

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"failforward/audio"
	"failforward/timer"
)

// clockSize is a countdown's text size, as the answer screen uses.
const clockSize = 112

// onCanvas puts o alone on an unpadded test window of the given size.
func onCanvas(t *testing.T, o fyne.CanvasObject, size fyne.Size) fyne.Canvas {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.SetPadded(false)
	w.Resize(size)
	return w.Canvas()
}

func TestLevelMeterRender(t *testing.T) {
	test.NewTempApp(t)
	m := NewLevelMeter()
	c := onCanvas(t, m, fyne.NewSize(400, 40))
	tests := []struct {
		golden string
		level  audio.Level
	}{
		{"meter/silent.xml", audio.Level{RMS: audio.MinDB, Peak: audio.MinDB, Hold: audio.MinDB}},
		{"meter/speech.xml", audio.Level{RMS: -24, Peak: -12, Hold: -9}},
		{"meter/loud.xml", audio.Level{RMS: -8, Peak: -3, Hold: -2}},
		{"meter/clip.xml", audio.Level{RMS: -3, Peak: 0, Hold: 0, Clipped: true, Clips: 12}},
	}
	for _, tt := range tests {
		m.SetLevel(tt.level)
		test.AssertRendersToMarkup(t, tt.golden, c)
	}
}

func TestLevelMeterClipLabel(t *testing.T) {
	test.NewTempApp(t)
	m := NewLevelMeter()
	onCanvas(t, m, fyne.NewSize(400, 40))
	r := test.TempWidgetRenderer(t, m).(*meterRenderer)
	if !r.clip.Hidden {
		t.Error("CLIP shown for a silent input")
	}
	m.SetLevel(audio.Level{RMS: -3, Peak: 0, Hold: 0, Clipped: true})
	if r.clip.Hidden || r.clip.Text != "CLIP" {
		t.Errorf("clipped input: CLIP hidden=%v text=%q, want shown \"CLIP\"", r.clip.Hidden, r.clip.Text)
	}
	m.SetLevel(audio.Level{RMS: -30, Peak: -20, Hold: -20})
	if !r.clip.Hidden {
		t.Error("CLIP still shown after the clip hold ended")
	}
}

func TestMeterRatio(t *testing.T) {
	tests := []struct {
		db   float64
		want float32
	}{
		{audio.MinDB, 0},
		{-60, 0},
		{-30, 0.5},
		{-6, 0.9},
		{0, 1},
		{3, 1},
	}
	for _, tt := range tests {
		if got := meterRatio(tt.db); got != tt.want {
			t.Errorf("meterRatio(%v) = %v, want %v", tt.db, got, tt.want)
		}
	}
}

func TestMeterZone(t *testing.T) {
	tests := []struct {
		peak    float64
		clipped bool
		want    fyne.ThemeColorName
	}{
		{-40, false, theme.ColorNameSuccess},
		{-6.5, false, theme.ColorNameSuccess},
		{-6, false, theme.ColorNameWarning},
		{-1.5, false, theme.ColorNameWarning},
		{-1, false, theme.ColorNameError},
		{-20, true, theme.ColorNameError},
	}
	for _, tt := range tests {
		if got := meterZone(tt.peak, tt.clipped); got != tt.want {
			t.Errorf("meterZone(%v, %v) = %q, want %q", tt.peak, tt.clipped, got, tt.want)
		}
	}
}

func TestSeekBarTap(t *testing.T) {
	test.NewTempApp(t)
	var got []float64
	s := NewSeekBar(func(r float64) { got = append(got, r) })
	onCanvas(t, s, fyne.NewSize(seekThumb+200, 30))
	tests := []struct {
		x    float32
		want float64
	}{
		{0, 0},
		{seekThumb / 2, 0},
		{seekThumb/2 + 50, 0.25},
		{seekThumb/2 + 100, 0.5},
		{seekThumb/2 + 200, 1},
		{seekThumb + 300, 1},
	}
	for _, tt := range tests {
		got = got[:0]
		test.TapAt(s, fyne.NewPos(tt.x, 15))
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("tap at x=%v: onSeek got %v, want [%v]", tt.x, got, tt.want)
		}
		if s.value != tt.want {
			t.Errorf("tap at x=%v: value %v, want %v", tt.x, s.value, tt.want)
		}
	}

	s.SetDisabled(true)
	got = got[:0]
	test.TapAt(s, fyne.NewPos(50, 15))
	if len(got) != 0 {
		t.Errorf("disabled bar called onSeek with %v", got)
	}
}

func TestSeekBarDragHoldsPlayhead(t *testing.T) {
	test.NewTempApp(t)
	s := NewSeekBar(func(float64) {})
	onCanvas(t, s, fyne.NewSize(seekThumb+200, 30))
	s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(seekThumb/2+150, 15)}})
	s.SetValue(0.1) // playback must not pull the playhead from under the pointer
	if s.value != 0.75 {
		t.Errorf("while dragging value = %v, want 0.75", s.value)
	}
	s.DragEnd()
	s.SetValue(0.1)
	if s.value != 0.1 {
		t.Errorf("after drag value = %v, want 0.1", s.value)
	}
}

func TestSeekBarIsNotFocusable(t *testing.T) {
	if _, ok := any(&SeekBar{}).(fyne.Focusable); ok {
		t.Error("seekBar takes keyboard focus; Space would stop reaching the window")
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestPhaseBandTextIsReadable(t *testing.T) {
	if size := phaseBandTextScale * theme.DefaultTheme().Size(theme.SizeNameSubHeadingText); size < 18.7 {
		t.Errorf("band text size %.1f: want large text (at least 18.7)", size)
	}
	fills := map[timer.Phase]fyne.ThemeColorName{
		timer.Speak:  theme.ColorNamePrimary,
		timer.Green:  theme.ColorNameSuccess,
		timer.Yellow: theme.ColorNameWarning,
		timer.Red:    theme.ColorNameError,
		timer.Done:   theme.ColorNameInputBackground,
	}
	for phase, name := range fills {
		if got := PhaseFill(phase); got != name {
			t.Errorf("phaseFill(%v) = %q, want %q", phase, got, name)
		}
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			fill := theme.DefaultTheme().Color(name, v)
			// The band's text is bold and larger than 18.7 px, "large
			// text" for WCAG AA, which asks 3:1.
			if c := contrast(fill, ReadableOn(fill)); c < 3 {
				t.Errorf("%v band in variant %d: text contrast %.2f, want at least 3", phase, v, c)
			}
		}
	}
}

// TestWidgetsFollowTheme checks that Refresh re-reads the theme, so light
// and dark variants both work.
func TestWidgetsFollowTheme(t *testing.T) {
	test.NewTempApp(t)
	b := NewPhaseBand()
	b.Set(timer.Green, "Green")
	clock := NewBigText("1:00", clockSize)
	onCanvas(t, b, fyne.NewSize(300, 50))
	onCanvas(t, clock, fyne.NewSize(300, 150))
	br := test.TempWidgetRenderer(t, b).(*phaseBandRenderer)
	cr := test.TempWidgetRenderer(t, clock).(*bigTextRenderer)

	th := test.NewTheme()
	test.ApplyTheme(t, th)
	b.Refresh()
	clock.Refresh()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	checks := []struct {
		name      string
		got, want color.Color
	}{
		{"band fill", br.bg.FillColor, th.Color(theme.ColorNameSuccess, v)},
		{"band text", br.label.Color, ReadableOn(th.Color(theme.ColorNameSuccess, v))},
		{"clock", cr.text.Color, th.Color(theme.ColorNameForeground, v)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s colour = %v, want %v from the new theme", c.name, c.got, c.want)
		}
	}
	if got := cr.text.TextSize; got != clockSize {
		t.Errorf("clock text size = %v, want %v", got, clockSize)
	}
}

// TestShareBar: the fill is the share of the track (at most all of it),
// in the part's colour, and the guide mark sits at the guide (none for 0).
func TestShareBar(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		kind         int
		share, guide float64
		fill         float64
	}{
		{0, 0.25, 0.15, 0.25}, {1, 0, 0.1, 0}, {2, 0.75, 0.5, 0.75}, {4, 1.25, 0, 1},
	} {
		b := NewShareBar(c.kind, c.share, c.guide)
		onCanvas(t, b, fyne.NewSize(300, 20))
		r := test.TempWidgetRenderer(t, b).(*shareBarRenderer)
		width := r.track.Size().Width
		if width <= 0 || width > b.Size().Width {
			t.Fatalf("kind %d: track %v wide in a %v wide bar", c.kind, width, b.Size().Width)
		}
		if r.fill.Position().X != r.track.Position().X {
			t.Errorf("kind %d: fill starts at %v, the track at %v", c.kind, r.fill.Position().X, r.track.Position().X)
		}
		if got := r.fill.Size().Width / width; math.Abs(float64(got)-c.fill) > 0.01 {
			t.Errorf("kind %d: fill = %.3f of the track, want %.3f", c.kind, got, c.fill)
		}
		if got, want := r.fill.FillColor, color.Color(partColor(c.kind)); got != want {
			t.Errorf("kind %d: colour = %v, want the part's %v", c.kind, got, want)
		}
		if r.guide.Hidden != (c.guide == 0) {
			t.Errorf("kind %d: guide mark hidden = %v, want %v", c.kind, r.guide.Hidden, c.guide == 0)
		}
		if c.guide > 0 {
			mid := (r.guide.Position().X + r.guide.Size().Width/2 - r.track.Position().X) / width
			if math.Abs(float64(mid)-c.guide) > 0.01 {
				t.Errorf("kind %d: guide mark at %.3f of the track, want %.3f", c.kind, mid, c.guide)
			}
		}
	}
}
