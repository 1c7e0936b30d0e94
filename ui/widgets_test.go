package ui

import (
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"failforward/audio"
	"failforward/practice"
	"failforward/timer"
)

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
	m := newLevelMeter()
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
		m.setLevel(tt.level)
		test.AssertRendersToMarkup(t, tt.golden, c)
	}
}

func TestLevelMeterClipLabel(t *testing.T) {
	test.NewTempApp(t)
	m := newLevelMeter()
	onCanvas(t, m, fyne.NewSize(400, 40))
	r := test.TempWidgetRenderer(t, m).(*meterRenderer)
	if !r.clip.Hidden {
		t.Error("CLIP shown for a silent input")
	}
	m.setLevel(audio.Level{RMS: -3, Peak: 0, Hold: 0, Clipped: true})
	if r.clip.Hidden || r.clip.Text != "CLIP" {
		t.Errorf("clipped input: CLIP hidden=%v text=%q, want shown \"CLIP\"", r.clip.Hidden, r.clip.Text)
	}
	m.setLevel(audio.Level{RMS: -30, Peak: -20, Hold: -20})
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
	s := newSeekBar(func(r float64) { got = append(got, r) })
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

	s.setDisabled(true)
	got = got[:0]
	test.TapAt(s, fyne.NewPos(50, 15))
	if len(got) != 0 {
		t.Errorf("disabled bar called onSeek with %v", got)
	}
}

func TestSeekBarDragHoldsPlayhead(t *testing.T) {
	test.NewTempApp(t)
	s := newSeekBar(func(float64) {})
	onCanvas(t, s, fyne.NewSize(seekThumb+200, 30))
	s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(seekThumb/2+150, 15)}})
	s.setValue(0.1) // playback must not pull the playhead from under the pointer
	if s.value != 0.75 {
		t.Errorf("while dragging value = %v, want 0.75", s.value)
	}
	s.DragEnd()
	s.setValue(0.1)
	if s.value != 0.1 {
		t.Errorf("after drag value = %v, want 0.1", s.value)
	}
}

func TestSeekBarIsNotFocusable(t *testing.T) {
	if _, ok := any(&seekBar{}).(fyne.Focusable); ok {
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
		if got := phaseFill(phase); got != name {
			t.Errorf("phaseFill(%v) = %q, want %q", phase, got, name)
		}
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			fill := theme.DefaultTheme().Color(name, v)
			// The band's text is bold and larger than 18.7 px, "large
			// text" for WCAG AA, which asks 3:1.
			if c := contrast(fill, readableOn(fill)); c < 3 {
				t.Errorf("%v band in variant %d: text contrast %.2f, want at least 3", phase, v, c)
			}
		}
	}
}

func TestPhaseText(t *testing.T) {
	tests := []struct {
		st   timer.State
		want string
	}{
		{timer.State{Phase: timer.Speak}, "Keep going"},
		{timer.State{Phase: timer.Green}, "Green · you can wrap up from here"},
		{timer.State{Phase: timer.Yellow}, "Yellow · time to land the lesson"},
		{timer.State{Phase: timer.Red}, "Red · at the limit"},
		{timer.State{Phase: timer.Red, Overtime: time.Second}, "Red · overtime, finish your thought"},
	}
	for _, tt := range tests {
		if got := phaseText(tt.st); got != tt.want {
			t.Errorf("phaseText(%+v) = %q, want %q", tt.st, got, tt.want)
		}
	}
}

// TestWidgetsFollowTheme checks that Refresh re-reads the theme, so light
// and dark variants both work.
func TestWidgetsFollowTheme(t *testing.T) {
	test.NewTempApp(t)
	b := newPhaseBand()
	b.set(timer.Green, "Green")
	clock := newBigText("1:00", answerClockSize)
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
		{"band text", br.label.Color, readableOn(th.Color(theme.ColorNameSuccess, v))},
		{"clock", cr.text.Color, th.Color(theme.ColorNameForeground, v)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s colour = %v, want %v from the new theme", c.name, c.got, c.want)
		}
	}
	if got := cr.text.TextSize; got != answerClockSize {
		t.Errorf("clock text size = %v, want %v", got, answerClockSize)
	}
}

func TestSettingsLine(t *testing.T) {
	tests := []struct {
		cfg  timer.Config
		want string
	}{
		{timer.DefaultConfig(), "Think 0:30 · Answer limit 2:00 · Stops at the limit"},
		{timer.Config{Think: 0, Limit: 90 * time.Second, Strict: false}, "No think time · Answer limit 1:30 · Overtime allowed"},
		{timer.Config{Think: 2 * time.Minute, Limit: 5 * time.Minute, Strict: true}, "Think 2:00 · Answer limit 5:00 · Stops at the limit"},
	}
	for _, tt := range tests {
		if got := settingsLine(tt.cfg); got != tt.want {
			t.Errorf("settingsLine(%+v) = %q, want %q", tt.cfg, got, tt.want)
		}
	}
}

func TestFeedback(t *testing.T) {
	cfg := timer.DefaultConfig()
	tests := []struct {
		name string
		take practice.Take
		want string
	}{
		{"limit", practice.Take{Duration: 120, LimitS: 120, Stopped: "limit"}, "The limit ended this one. Next time, start landing the lesson when the band turns yellow."},
		{"over", practice.Take{Duration: 132.4, LimitS: 120, Stopped: "user"}, "You went 0:12 over the limit. Try landing the lesson when the band turns yellow."},
		{"short", practice.Take{Duration: 40, LimitS: 120, Stopped: "user"}, "A short answer. Listen back: does it say what happened, what you did and what you learned?"},
		{"within", practice.Take{Duration: 100, LimitS: 120, Stopped: "user"}, "Within the limit. Listen back for the lesson: is it clear and specific?"},
	}
	for _, tt := range tests {
		if got := feedback(tt.take, cfg); got != tt.want {
			t.Errorf("%s: feedback = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestFramesDur(t *testing.T) {
	tests := []struct {
		frames int64
		rate   int
		want   time.Duration
	}{
		{16000, 16000, time.Second},
		{24000, 48000, 500 * time.Millisecond},
		{100, 0, 0},
	}
	for _, tt := range tests {
		if got := framesDur(tt.frames, tt.rate); got != tt.want {
			t.Errorf("framesDur(%d, %d) = %v, want %v", tt.frames, tt.rate, got, tt.want)
		}
	}
}
