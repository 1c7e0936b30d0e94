package timeline

import (
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"failforward/audio/peaks"
	"failforward/practice"
)

// Waveform test audio: 8 kHz keeps the pyramids small.
const waveRate = 8000

// waveSpeech returns seconds of speech-like audio: 150 Hz bursts ("words") of
// 0.15-0.5 s at varying loudness, with short gaps, and a silent pause of
// 1.5 s every 9 s. It is deterministic.
func waveSpeech(seconds float64) []int16 {
	r := rand.New(rand.NewPCG(21, 22))
	n := int(seconds * waveRate)
	s := make([]int16, n)
	for i := 0; i < n; {
		if (i/waveRate)%9 == 7 {
			i += waveRate * 3 / 2 // the pause stays silent
			continue
		}
		word := waveRate * (15 + r.IntN(35)) / 100
		amp := 1500 + r.Float64()*20000
		for j := 0; j < word && i+j < n; j++ {
			env := math.Sin(math.Pi * float64(j) / float64(word))
			s[i+j] = int16(amp * env * math.Sin(2*math.Pi*150*float64(i+j)/waveRate))
		}
		i += word + waveRate*(3+r.IntN(12))/100
	}
	return s
}

func wavePyramidOf(s []int16) *peaks.Pyramid {
	p := peaks.New(waveRate, int64(len(s)))
	p.Append(s)
	return p
}

// waveStarBands are five contiguous parts over a 40 s take.
func waveStarBands() []Band {
	return []Band{
		{Kind: PartSituation, Start: 0.5, End: 6},
		{Kind: PartTask, Start: 6, End: 11},
		{Kind: PartAction, Start: 11, End: 25},
		{Kind: PartResult, Start: 25, End: 32},
		{Kind: PartLesson, Start: 32, End: 39.5},
	}
}

func newTestWaveform(t *testing.T, size fyne.Size) (*Waveform, fyne.Canvas) {
	t.Helper()
	test.NewTempApp(t)
	w := NewWaveform()
	c := onCanvas(t, w, size)
	return w, c
}

func waveRend(t *testing.T, w *Waveform) *waveRenderer {
	t.Helper()
	return test.TempWidgetRenderer(t, w).(*waveRenderer)
}

func TestWaveformGoldens(t *testing.T) {
	all := waveSpeech(40)
	// live records a 2-minute answer, showing it after each of the given
	// seconds of audio.
	live := func(w *Waveform, upTo ...int) {
		p := peaks.New(waveRate, 120*waveRate)
		w.SetDuration(120)
		w.SetPeaks(p)
		for _, sec := range upTo {
			p.Append(all[p.Len() : sec*waveRate])
			w.Refresh()
		}
	}
	size := fyne.NewSize(640, 200)
	tests := []struct {
		name  string
		setup func(w *Waveform)
	}{
		{"empty", func(w *Waveform) { w.SetDuration(120) }},
		{"live", func(w *Waveform) { live(w, 20) }},
		{"live_more", func(w *Waveform) { live(w, 20, 35) }},
		{"tagged", func(w *Waveform) {
			w.SetPeaks(wavePyramidOf(all))
			w.SetBands(waveStarBands())
			w.SetPauses([][2]float64{{7, 8.5}, {16, 17.5}, {25, 26.5}, {34, 35.5}})
			w.SetGhosts([]float64{5, 12.5, 27})
			w.SetPlayhead(14.25)
		}},
		{"selected", func(w *Waveform) {
			w.SetPeaks(wavePyramidOf(all))
			b := waveStarBands()
			b[2].Selected = true
			w.SetBands(b)
			w.SetSelection(18, 23.5)
		}},
		{"zoomed", func(w *Waveform) {
			w.SetPeaks(wavePyramidOf(all))
			w.SetBands(waveStarBands())
			w.SetView(4, 8)
			w.SetPlayhead(9)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, c := newTestWaveform(t, size)
			c.Capture() // drawn once before the state changes, as on screen
			tt.setup(w)
			test.AssertRendersToMarkup(t, "waveform/"+tt.name+".xml", c)
			test.AssertRendersToImage(t, "waveform/"+tt.name+".png", c)
		})
	}
}

// TestWaveformLiveGrows checks that appended audio shows after Refresh and
// that the timeline keeps its scale while the take is shorter than it.
func TestWaveformLiveGrows(t *testing.T) {
	all := waveSpeech(40)
	w, c := newTestWaveform(t, fyne.NewSize(640, 200))
	p := peaks.New(waveRate, 120*waveRate)
	w.SetDuration(120)
	w.SetPeaks(p)
	r := waveRend(t, w)
	drawnUpTo := func() int { // rightmost column with waveform pixels, +1
		c.Capture()
		right := 0
		for x := 0; x < r.img.Rect.Dx(); x++ {
			for y := 0; y < r.img.Rect.Dy(); y++ {
				if r.img.RGBAAt(x, y).A != 0 {
					right = x + 1
					break
				}
			}
		}
		return right
	}
	prev := 0
	for _, upTo := range []int{10, 20, 40} {
		p.Append(all[p.Len() : upTo*waveRate])
		w.Refresh()
		got := drawnUpTo()
		want := int(float64(upTo) / 120 * 640) // the end of the audio
		if got <= prev || got > want+1 || got < want-40 {
			t.Errorf("after %d s the waveform reaches column %d, want about %d (and past %d)", upTo, got, want, prev)
		}
		prev = got
		if start, span := w.View(); start != 0 || span != 120 {
			t.Errorf("after %d s the view is %v+%v, want the whole 120 s answer", upTo, start, span)
		}
	}
}

func TestWaveformPlayheadDoesNotRedraw(t *testing.T) {
	w, c := newTestWaveform(t, fyne.NewSize(600, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(30)))
	r := waveRend(t, w)
	c.Capture()
	renders, requests := r.renders, r.requests
	for i := range 100 {
		sec := float64(i) * 0.3
		w.SetPlayhead(sec)
		want := float32(sec/30*600) - 1
		if got := r.playLine.Position().X; math.Abs(float64(got-want)) > 0.01 || r.playLine.Hidden {
			t.Fatalf("SetPlayhead(%v): playhead at x=%v hidden=%v, want x=%v shown", sec, got, r.playLine.Hidden, want)
		}
		if i%10 == 0 {
			c.Capture()
		}
	}
	if r.renders != renders || r.requests != requests {
		t.Errorf("moving the playhead drew the waveform %d times and asked for %d raster refreshes, want 0 and 0",
			r.renders-renders, r.requests-requests)
	}
	w.SetPlayhead(-1)
	if !r.playLine.Hidden || !r.playKnob.Hidden {
		t.Error("SetPlayhead(-1) left the playhead shown")
	}
}

func TestWaveformRedrawsOnlyWhenTheImageChanges(t *testing.T) {
	all := waveSpeech(30)
	w, c := newTestWaveform(t, fyne.NewSize(600, 200))
	p := peaks.New(waveRate, int64(len(all)))
	p.Append(all[:10*waveRate])
	w.SetPeaks(p)
	r := waveRend(t, w)
	c.Capture()
	tests := []struct {
		name   string
		change func()
		redraw bool
	}{
		{"nothing", func() { w.Refresh() }, false},
		{"bands", func() { w.SetBands(waveStarBands()) }, false},
		{"selection", func() { w.SetSelection(2, 4) }, false},
		{"ghosts and pauses", func() { w.SetGhosts([]float64{3}); w.SetPauses([][2]float64{{1, 2}}) }, false},
		{"more audio", func() { p.Append(all[10*waveRate : 12*waveRate]); w.Refresh() }, true},
		{"zoom", func() { w.SetView(2, 5) }, true},
		{"scroll", func() { w.ScrollBy(1) }, true},
		{"resize", func() { w.Resize(fyne.NewSize(500, 200)) }, true},
		{"nothing again", func() { w.Refresh() }, false},
	}
	for _, tt := range tests {
		before := r.renders
		tt.change()
		c.Capture()
		c.Capture()
		if got := r.renders - before; (got > 0) != tt.redraw || got > 1 {
			t.Errorf("%s: the waveform was drawn %d times, want redraw=%v (once at most)", tt.name, got, tt.redraw)
		}
	}
}

func TestWaveformTap(t *testing.T) {
	w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	w.SetBands(waveStarBands())
	var tapped []float64
	var bands []int
	w.OnTapped = func(s float64) { tapped = append(tapped, s) }
	w.OnBandTapped = func(i int) { bands = append(bands, i) }
	g := w.geometry(w.Size())
	laneY := g.laneY + g.laneH/2
	waveY := g.waveY + g.waveH/2
	tests := []struct {
		name     string
		pos      fyne.Position
		wantTime float64 // -1: no OnTapped
		wantBand int     // -1: no OnBandTapped
	}{
		{"waveform start", fyne.NewPos(0, waveY), 0, -1},
		{"waveform middle", fyne.NewPos(200, waveY), 20, -1},
		{"lane on Action", fyne.NewPos(150, laneY), -1, 2},
		{"lane on Lesson", fyne.NewPos(390, laneY), -1, 4},
		{"lane before the first part", fyne.NewPos(2, laneY), 0.2, -1},
		{"ruler", fyne.NewPos(100, 2), 10, -1},
	}
	for _, tt := range tests {
		tapped, bands = nil, nil
		test.TapAt(w, tt.pos)
		switch {
		case tt.wantTime >= 0 && (len(tapped) != 1 || math.Abs(tapped[0]-tt.wantTime) > 1e-6):
			t.Errorf("%s: OnTapped got %v, want [%v]", tt.name, tapped, tt.wantTime)
		case tt.wantTime < 0 && len(tapped) != 0:
			t.Errorf("%s: OnTapped got %v, want no call", tt.name, tapped)
		}
		switch {
		case tt.wantBand >= 0 && (len(bands) != 1 || bands[0] != tt.wantBand):
			t.Errorf("%s: OnBandTapped got %v, want [%d]", tt.name, bands, tt.wantBand)
		case tt.wantBand < 0 && len(bands) != 0:
			t.Errorf("%s: OnBandTapped got %v, want no call", tt.name, bands)
		}
	}
}

// dragWave sends a drag from x0 to x1 in steps, as the driver does.
func dragWave(w *Waveform, x0, x1, y float32) {
	const steps = 4
	prev := x0
	for i := 1; i <= steps; i++ {
		x := x0 + (x1-x0)*float32(i)/steps
		w.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}, Dragged: fyne.NewDelta(x-prev, 0)})
		prev = x
	}
	w.DragEnd()
}

func TestWaveformDrag(t *testing.T) {
	type boundary struct {
		index int
		end   bool
		sec   float64
	}
	tests := []struct {
		name       string
		x0, x1     float32
		wantBounds []boundary
		wantSel    [2]float64 // zero: none
	}{
		// 400 px show 40 s: 10 px per second.
		{"shared edge of Situation and Task", 61, 80, []boundary{{0, true, 6.575}, {0, true, 7.05}, {0, true, 7.525}, {0, true, 8}}, [2]float64{}},
		{"start of Situation", 3, 0, []boundary{{0, false, 0.225}, {0, false, 0.15}, {0, false, 0.075}, {0, false, 0}}, [2]float64{}},
		{"end of Lesson", 396, 400, []boundary{{4, true, 39.7}, {4, true, 39.8}, {4, true, 39.9}, {4, true, 40}}, [2]float64{}},
		{"select forwards", 150, 230, nil, [2]float64{15, 23}},
		{"select backwards", 230, 150, nil, [2]float64{15, 23}},
		{"select past the end", 350, 480, nil, [2]float64{35, 40}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
			w.SetPeaks(wavePyramidOf(waveSpeech(40)))
			w.SetBands(waveStarBands())
			var got []boundary
			var sel [][2]float64
			ends := 0
			w.OnDragBoundary = func(i int, end bool, s float64) { got = append(got, boundary{i, end, s}) }
			w.OnSelectRange = func(a, b float64) { sel = append(sel, [2]float64{a, b}) }
			w.OnDragEnd = func() { ends++ }
			g := w.geometry(w.Size())
			dragWave(w, tt.x0, tt.x1, g.waveY+10)
			if len(got) != len(tt.wantBounds) {
				t.Fatalf("OnDragBoundary calls %v, want %v", got, tt.wantBounds)
			}
			for i := range got {
				if got[i].index != tt.wantBounds[i].index || got[i].end != tt.wantBounds[i].end || math.Abs(got[i].sec-tt.wantBounds[i].sec) > 1e-6 {
					t.Errorf("OnDragBoundary call %d = %+v, want %+v", i, got[i], tt.wantBounds[i])
				}
			}
			if tt.wantSel == ([2]float64{}) {
				if len(sel) != 0 {
					t.Errorf("OnSelectRange called %v during an edge drag", sel)
				}
			} else {
				last := sel[len(sel)-1]
				if math.Abs(last[0]-tt.wantSel[0]) > 1e-6 || math.Abs(last[1]-tt.wantSel[1]) > 1e-6 {
					t.Errorf("OnSelectRange last = %v, want %v", last, tt.wantSel)
				}
				if s, e, ok := w.Selection(); !ok || s != last[0] || e != last[1] {
					t.Errorf("Selection() = %v, %v, %v; want the reported %v", s, e, ok, last)
				}
			}
			if ends != 1 {
				t.Errorf("OnDragEnd called %d times, want 1", ends)
			}
		})
	}
}

func TestWaveformZoomAndScroll(t *testing.T) {
	w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	var mods fyne.KeyModifier
	w.mods = func() fyne.KeyModifier { return mods }
	scroll := func(x, dy float32) {
		w.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, 50)}, Scrolled: fyne.NewDelta(0, dy)})
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	type view struct{ start, span float64 }
	tests := []struct {
		name string
		do   func()
		want view
	}{
		{"plain wheel when zoomed out", func() { scroll(100, wheelNotch) }, view{0, 40}},
		{"ctrl+wheel up zooms in at the pointer", func() { mods = fyne.KeyModifierControl; scroll(100, wheelNotch) }, view{10 - 0.25*32, 32}},
		{"cmd+wheel down zooms out", func() { mods = fyne.KeyModifierSuper; scroll(100, -wheelNotch) }, view{0, 40}},
		{"+ zooms in around the middle", func() { mods = 0; w.HandleKey(&fyne.KeyEvent{Name: fyne.KeyEqual}) }, view{20 - 40/zoomStep/2, 40 / zoomStep}},
		{"wheel down scrolls later", func() { scroll(0, -wheelNotch) }, view{20 - 40/zoomStep/2 + wheelScroll*40/zoomStep, 40 / zoomStep}},
		{"wheel up twice scrolls earlier", func() { scroll(0, 2*wheelNotch) }, view{20 - 40/zoomStep/2 - wheelScroll*40/zoomStep, 40 / zoomStep}},
		{"scrolling stops at the start", func() { w.ScrollBy(-100) }, view{0, 40 / zoomStep}},
		{"scrolling stops at the end", func() { w.ScrollBy(100) }, view{40 - 40/zoomStep, 40 / zoomStep}},
		{"zoom in stops at the shortest span", func() {
			for range 20 {
				w.HandleKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
			}
		}, view{40 - 40/zoomStep/2 - minViewSpan/2, minViewSpan}},
		{"- zooms out", func() { w.HandleKey(&fyne.KeyEvent{Name: fyne.KeyMinus}) }, view{40 - 40/zoomStep/2 - minViewSpan*zoomStep/2, minViewSpan * zoomStep}},
		{"0 fits", func() { w.HandleKey(&fyne.KeyEvent{Name: fyne.Key0}) }, view{0, 40}},
		{"zoom out stops at the whole take", func() { w.ZoomOut() }, view{0, 40}},
	}
	for _, tt := range tests {
		tt.do()
		if start, span := w.View(); !near(start, tt.want.start) || !near(span, tt.want.span) {
			t.Errorf("%s: view %v+%v, want %v+%v", tt.name, start, span, tt.want.start, tt.want.span)
		}
	}
	if w.HandleKey(&fyne.KeyEvent{Name: fyne.KeySpace}) {
		t.Error("HandleKey used Space")
	}
}

func TestWaveformZoomKeepsPlayheadInPlace(t *testing.T) {
	w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	w.SetPlayhead(30)
	before := w.timeToX(30, 400)
	w.ZoomIn()
	if got := w.timeToX(30, 400); math.Abs(float64(got-before)) > 1e-3 {
		t.Errorf("zooming in moved the playhead from x=%v to x=%v", before, got)
	}
}

func TestWaveformFollow(t *testing.T) {
	all := waveSpeech(40)
	w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
	p := peaks.New(waveRate, int64(len(all)))
	p.Append(all[:5*waveRate])
	w.SetPeaks(p)
	w.SetDuration(40)
	w.SetView(0, 10)
	w.SetFollow(true)
	p.Append(all[5*waveRate : 12*waveRate])
	w.Refresh()
	if start, span := w.View(); start+span < 12 || start > 12 {
		t.Errorf("following: view %v+%v does not show the newest audio at 12 s", start, span)
	}
	w.SetPlayhead(30)
	if start, span := w.View(); 30 < start || 30 > start+span {
		t.Errorf("following: view %v+%v does not show the playhead at 30 s", start, span)
	}
	w.SetFollow(false)
	w.SetPlayhead(5)
	if start, _ := w.View(); start <= 5 {
		t.Errorf("not following: the view moved to %v for the playhead", start)
	}
}

func TestRulerStep(t *testing.T) {
	tests := []struct {
		span  float64
		width float32
		want  float64
	}{
		{120, 600, 15},    // 5 px/s: 15 s is 75 px
		{120, 1920, 5},    // 16 px/s
		{2, 600, 0.2},     // 300 px/s
		{3600, 1920, 120}, // 0.53 px/s
		{1e6, 100, 3600},
	}
	for _, tt := range tests {
		if got := RulerStep(tt.span, tt.width, 60); got != tt.want {
			t.Errorf("RulerStep(%v, %v, 60) = %v, want %v", tt.span, tt.width, got, tt.want)
		}
	}
}

func TestFormatRulerTime(t *testing.T) {
	tests := []struct {
		t, step float64
		want    string
	}{
		{0, 5, "0:00"},
		{65, 5, "1:05"},
		{3725, 60, "1:02:05"},
		{12.3, 0.1, "0:12.3"},
		{61.5, 0.5, "1:01.5"},
	}
	for _, tt := range tests {
		if got := RulerTime(tt.t, tt.step); got != tt.want {
			t.Errorf("RulerTime(%v, %v) = %q, want %q", tt.t, tt.step, got, tt.want)
		}
	}
}

// BenchmarkWaveformSetPlayhead is the per-frame cost of moving the
// playhead during playback.
func BenchmarkWaveformSetPlayhead(b *testing.B) {
	test.NewTempApp(b)
	w := NewWaveform()
	win := test.NewTempWindow(b, w)
	win.Resize(fyne.NewSize(1280, 300))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	win.Canvas().Capture()
	b.ReportAllocs()
	sec := 0.0
	for b.Loop() {
		sec += 1.0 / 60
		if sec > 40 {
			sec = 0
		}
		w.SetPlayhead(sec)
	}
}

func TestWaveformCursorOverEdges(t *testing.T) {
	w, _ := newTestWaveform(t, fyne.NewSize(400, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	w.SetBands(waveStarBands())
	tests := []struct {
		x    float32
		want desktop.Cursor
	}{
		{60, desktop.HResizeCursor},  // Situation|Task at 6 s
		{65, desktop.HResizeCursor},  // within reach
		{70, desktop.DefaultCursor},  // too far
		{200, desktop.DefaultCursor}, // inside Action
		{250, desktop.HResizeCursor}, // Action|Result at 25 s
	}
	for _, tt := range tests {
		w.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(tt.x, 100)}})
		if got := w.Cursor(); got != tt.want {
			t.Errorf("pointer at x=%v: cursor %v, want %v", tt.x, got, tt.want)
		}
	}
	w.MouseOut()
	if got := w.Cursor(); got != desktop.DefaultCursor {
		t.Errorf("after MouseOut: cursor %v, want the default", got)
	}
}

func TestPartNamesAndColours(t *testing.T) {
	seen := map[color.NRGBA]bool{}
	for k, want := range []string{"Situation", "Task", "Action", "Result", "Lesson"} {
		if got := PartName(k); got != want {
			t.Errorf("PartName(%d) = %q, want %q", k, got, want)
		}
		c := PartColor(k)
		if seen[c] || c.A != 0xFF {
			t.Errorf("PartColor(%d) = %v: repeated or not opaque", k, c)
		}
		seen[c] = true
	}
	for _, k := range []int{-1, 5} {
		if PartName(k) != "" || PartColor(k) != practice.UnknownKindColor {
			t.Errorf("kind %d: name %q colour %v, want \"\" and the grey for unknown parts", k, PartName(k), PartColor(k))
		}
	}
}

// TestWaveformFillerMarks checks that filled pauses are marked under the
// waveform by an outlined bar with the word "um", unlike the solid pause
// bars, and that marks out of view are hidden.
func TestWaveformFillerMarks(t *testing.T) {
	w, c := newTestWaveform(t, fyne.NewSize(400, 200))
	w.SetPeaks(wavePyramidOf(waveSpeech(40)))
	w.SetPauses([][2]float64{{4, 5}})
	w.SetFillers([][2]float64{{10, 10.4}, {30, 30.5}})
	c.Capture()
	r := waveRend(t, w)
	if len(r.fills) != 2 {
		t.Fatalf("%d filler marks, want 2", len(r.fills))
	}
	for i, f := range r.fills {
		if !f.bar.Visible() || !f.label.Visible() || f.label.Text != "um" {
			t.Errorf("filler %d: bar shown %v, label %q shown %v; want both shown, labelled um", i, f.bar.Visible(), f.label.Text, f.label.Visible())
		}
		if f.bar.StrokeWidth == 0 || f.bar.FillColor != color.Transparent {
			t.Errorf("filler %d: bar fill %v stroke %.1f; want an outline, unlike a pause's solid bar", i, f.bar.FillColor, f.bar.StrokeWidth)
		}
		if f.bar.Size().Height <= r.pauses[0].Size().Height {
			t.Errorf("filler %d is %.0f px high, a pause %.0f: want it taller", i, f.bar.Size().Height, r.pauses[0].Size().Height)
		}
	}
	w.SetView(0, 20) // the second filler is out of view
	c.Capture()
	if r.fills[1].bar.Visible() || r.fills[1].label.Visible() {
		t.Error("a filler out of view is still shown")
	}
	if !r.fills[0].bar.Visible() {
		t.Error("a filler in view is hidden")
	}
	w.SetFillers(nil)
	c.Capture()
	for i, f := range r.fills {
		if f.bar.Visible() || f.label.Visible() {
			t.Errorf("filler %d still shown after SetFillers(nil)", i)
		}
	}
}

// onCanvas puts o alone on an unpadded test window of the given size.
func onCanvas(t *testing.T, o fyne.CanvasObject, size fyne.Size) fyne.Canvas {
	t.Helper()
	w := test.NewTempWindow(t, o)
	w.SetPadded(false)
	w.Resize(size)
	return w.Canvas()
}
