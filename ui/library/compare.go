package library

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// CompareHandlers are what the compare screen asks of the window.
type CompareHandlers struct {
	Back func() // Esc / "Back to the library (Esc)"
}

// Compare shows two takes of the same question side by side: their
// parts on one time scale with the limit marked, the time of each part,
// and how each was spoken (speaking time, pace, pauses, first word), with
// the change from the earlier take (A) to the later one (B). Either take
// can be played.
//
// The takes are measured on a goroutine started by the constructor; it
// hands each result over a channel that tick reads, and ends when both
// are measured, or after the take it is measuring when close is called.
// The figures read "Measuring…" until then. close stops playback; a
// result that arrives after close is dropped.
//
// All methods must be called on the Fyne goroutine.
type Compare struct {
	widgets.ScreenBase

	lib        *practice.Library
	win        fyne.Window
	h          CompareHandlers
	keys       widgets.Keys
	openPlayer func(path string) (audio.Player, error)

	takes    [2]practice.Take // A, the earlier, and B
	reports  [2]*analysis.Report
	errs     [2]error
	measured chan struct{}      // closed when the measuring goroutine ends
	results  chan compareResult // the measurements, taken in by tick
	quit     chan struct{}      // closed by close: measure no further
	closed   bool

	players [2]audio.Player
	playing int // the take playing, -1 for none

	bars        *compareBars
	heads       *stickyHeads    // the tables' column headers, kept in view
	partsTable  *fyne.Container // length and time per part
	speechTable *fyne.Container // the measured figures
	play        [2]*widgets.Button
	status      *widget.Label
	note        string // what the last action did
	body        fyne.CanvasObject
}

// compareNames are the takes' names on screen.
var compareNames = [2]string{"A", "B"}

// NewCompare shows takes a and b (in either order: the earlier one
// becomes A). openPlayer opens a take's answer.wav for playback.
func NewCompare(lib *practice.Library, a, b practice.Take, openPlayer func(path string) (audio.Player, error), win fyne.Window, h CompareHandlers) *Compare {
	return newCompareWith(lib, a, b, openPlayer, win, h, analysis.File)
}

// newCompareWith is NewCompare with the function that measures a
// take's recording.
func newCompareWith(lib *practice.Library, a, b practice.Take, openPlayer func(path string) (audio.Player, error), win fyne.Window, h CompareHandlers, analyze func(path string) (analysis.Report, error)) *Compare {
	if b.Started.Before(a.Started) || (b.Started.Equal(a.Started) && b.ID < a.ID) {
		a, b = b, a
	}
	v := &Compare{lib: lib, win: win, h: h, openPlayer: openPlayer, takes: [2]practice.Take{a, b}, playing: -1,
		measured: make(chan struct{}), quit: make(chan struct{}), results: make(chan compareResult, 2)}
	v.keys = widgets.Keys{
		Key:  func(ev *fyne.KeyEvent) { v.TypedKey(ev) },
		Rune: func(r rune) { v.TypedRune(r) },
	}
	heading := widget.NewLabelWithStyle("Compare two takes", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	question := a.QuestionText
	if question == "" {
		question = b.QuestionText
	}
	dates := fmt.Sprintf("A: %s · B: %s", widgets.Date(a.Started), widgets.Date(b.Started))
	top := container.NewVBox(heading, widgets.Wrapped(question, fyne.TextAlignLeading, theme.SizeNameText, false),
		widget.NewLabelWithStyle(dates, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))

	v.bars = newCompareBars(a, b)
	v.partsTable = container.New(widgets.Table{Cols: 4})
	v.speechTable = container.New(widgets.Table{Cols: 4})
	for i := range v.play {
		v.play[i] = widgets.NewButton(&v.keys, playLabel(i, false), widget.MediumImportance, func() { v.togglePlay(i) })
		v.play[i].Icon = theme.MediaPlayIcon()
	}
	v.status = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	back := widgets.NewButton(&v.keys, "Back to the library (Esc)", widget.MediumImportance, v.Back)
	middle := container.NewVBox(
		widgets.Heading("Parts", theme.SizeNameText),
		widgets.Note("Both takes on one time scale; the line marks the limit."),
		v.bars,
		container.New(pairLayout{},
			container.NewVBox(widgets.Heading("Time per part", theme.SizeNameText), v.partsTable),
			container.NewVBox(widgets.Heading("How it was spoken", theme.SizeNameText), v.speechTable)),
	)
	scroll := container.NewVScroll(middle)
	v.heads = newStickyHeads(scroll, v.partsTable, v.speechTable)
	v.body = container.NewBorder(top,
		container.NewVBox(v.status, container.NewHBox(back, layout.NewSpacer(), v.play[0], v.play[1])),
		nil, nil, container.NewStack(scroll, v.heads.box))
	v.fillTable()
	v.updateStatus()

	paths := [2]string{lib.AudioPath(a.ID), lib.AudioPath(b.ID)}
	go func() {
		defer close(v.measured)
		for i, p := range paths {
			select {
			case <-v.quit:
				return
			default:
			}
			r, err := analyze(p)
			v.results <- compareResult{i: i, r: r, err: err}
		}
	}()
	return v
}

// Content returns the screen's content, for the window's page.
func (v *Compare) Content() fyne.CanvasObject { return v.body }

// setReport shows the measurement of take i.
func (v *Compare) setReport(i int, r analysis.Report, err error) {
	if v.closed {
		return
	}
	if err != nil {
		v.errs[i] = err
	} else {
		v.reports[i] = &r
	}
	v.fillTable()
	v.updateStatus()
}

func playLabel(i int, playing bool) string {
	if playing {
		return fmt.Sprintf("Pause %s (%s)", compareNames[i], compareNames[i])
	}
	return fmt.Sprintf("Play %s (%s)", compareNames[i], compareNames[i])
}

// fillTable writes the figures: a row per figure, with A, B and the
// change from A to B.
func (v *Compare) fillTable() {
	a, b := v.takes[0], v.takes[1]
	header := func() []fyne.CanvasObject {
		return []fyne.CanvasObject{widgets.Bold(""), compareCell("A", true), compareCell("B", true), compareCell("Change", true)}
	}
	cells := header()
	row := func(name, va, vb, change string) {
		cells = append(cells, widget.NewLabel(name), compareCell(va, false), compareCell(vb, false), compareCell(change, false))
	}
	row("Length", takeLength(a), takeLength(b), secondsChange(math.Trunc(b.Duration)-math.Trunc(a.Duration)))
	ba := practice.Balance(a.Parts, a.Duration, a.LimitS)
	bb := practice.Balance(b.Parts, b.Duration, b.LimitS)
	for k := range practice.NumKinds {
		ra, rb := ba.Rows[k], bb.Rows[k]
		change := ""
		if ra.Parts > 0 && rb.Parts > 0 {
			change = secondsChange(math.Trunc(rb.Seconds) - math.Trunc(ra.Seconds))
		}
		row(practice.Kind(k).String(), partSeconds(ra), partSeconds(rb), change)
	}
	v.partsTable.Objects = cells
	v.partsTable.Refresh()

	cells = header()
	for _, f := range compareFigures {
		var vals [2]string
		for i := range 2 {
			switch {
			case v.errs[i] != nil:
				vals[i] = "not measured"
			case v.reports[i] == nil:
				vals[i] = "Measuring…"
			default:
				vals[i] = f.value(v.reports[i])
			}
		}
		change := ""
		if v.reports[0] != nil && v.reports[1] != nil {
			change = f.change(v.reports[0], v.reports[1])
		}
		row(f.name, vals[0], vals[1], change)
	}
	v.speechTable.Objects = cells
	v.speechTable.Refresh()
}

// compareFigure is one measured figure of the compare screen: its name,
// its value for a take and its change from take a to take b.
type compareFigure struct {
	name   string
	value  func(r *analysis.Report) string
	change func(a, b *analysis.Report) string
}

// compareFigures are the measured figures, in the order shown.
var compareFigures = []compareFigure{
	{"Speaking time",
		func(r *analysis.Report) string { return widgets.Clock(r.Speech) },
		func(a, b *analysis.Report) string { return secondsChange(math.Trunc(b.Speech) - math.Trunc(a.Speech)) }},
	{"Pace (syl/s)",
		func(r *analysis.Report) string {
			if r.Speech == 0 {
				return "no speech"
			}
			return strconv.FormatFloat(round1(r.SyllablesPerS), 'f', 1, 64)
		},
		func(a, b *analysis.Report) string {
			if a.Speech == 0 || b.Speech == 0 {
				return ""
			}
			return signed(round1(b.SyllablesPerS)-round1(a.SyllablesPerS), 1, "")
		}},
	{"Pauses",
		func(r *analysis.Report) string { return strconv.Itoa(len(r.Pauses)) },
		func(a, b *analysis.Report) string { return signed(float64(len(b.Pauses)-len(a.Pauses)), 0, "") }},
	{"Longest pause",
		func(r *analysis.Report) string { return tenths(r.LongestPause) },
		func(a, b *analysis.Report) string {
			return signed(round1(b.LongestPause)-round1(a.LongestPause), 1, " s")
		}},
	{"Um, uh",
		func(r *analysis.Report) string {
			return fmt.Sprintf("%d (%s/min)", len(r.FilledPauses), strconv.FormatFloat(round1(r.FilledPausesPerMin), 'f', 1, 64))
		},
		func(a, b *analysis.Report) string {
			return signed(float64(len(b.FilledPauses)-len(a.FilledPauses)), 0, "")
		}},
	{"First word after",
		func(r *analysis.Report) string {
			if r.Speech == 0 {
				return "no speech"
			}
			return tenths(r.FirstWord)
		},
		func(a, b *analysis.Report) string {
			if a.Speech == 0 || b.Speech == 0 {
				return ""
			}
			return signed(round1(b.FirstWord)-round1(a.FirstWord), 1, " s")
		}},
}

// compareCell is a figure, aligned to the right like numbers in a table.
func compareCell(text string, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: bold})
	return l
}

// partSeconds is the time of one kind of part: "0:24", or "not tagged".
func partSeconds(row practice.BalanceRow) string {
	if row.Parts == 0 {
		return "not tagged"
	}
	return widgets.Clock(row.Seconds)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// tenths writes seconds with one decimal: "1.4 s".
func tenths(s float64) string { return strconv.FormatFloat(round1(s), 'f', 1, 64) + " s" }

// secondsChange writes a change of whole seconds: "-12 s", "+3 s", "same".
func secondsChange(d float64) string { return signed(d, 0, " s") }

// signed writes d with a sign and the given decimals and unit, or "same"
// when it rounds to nothing.
func signed(d float64, decimals int, unit string) string {
	p := math.Pow(10, float64(decimals))
	r := math.Round(d*p) / p
	if r == 0 {
		return "same"
	}
	sign := "+"
	if r < 0 {
		sign, r = "-", -r
	}
	return sign + strconv.FormatFloat(r, 'f', decimals, 64) + unit
}

// updateStatus says what is going on: measuring, a measuring problem, or
// what the last action did.
func (v *Compare) updateStatus() {
	msg := v.note
	if msg == "" {
		for i, err := range v.errs {
			if err != nil {
				msg = "Take " + compareNames[i] + ": " + widgets.MeasureError(err)
				break
			}
		}
	}
	if msg == "" && (v.reports[0] == nil || v.reports[1] == nil) {
		msg = "Measuring both takes… The parts and lengths are already here."
	}
	if msg == "" {
		msg = "A plays the earlier take, B the later one. Changes are from A to B."
	}
	v.status.SetText(msg)
}

// togglePlay plays or pauses take i; starting one take pauses the other.
func (v *Compare) togglePlay(i int) {
	if v.closed {
		return
	}
	if v.playing == i && v.players[i] != nil && v.players[i].Playing() {
		v.players[i].Pause()
		v.playing = -1
		v.note = ""
		v.updatePlay()
		return
	}
	if o := 1 - i; v.players[o] != nil {
		v.players[o].Pause()
	}
	if v.players[i] == nil {
		p, err := v.openPlayer(v.lib.AudioPath(v.takes[i].ID))
		if err != nil {
			v.playing = -1
			if errors.Is(err, audio.ErrNoOutput) {
				v.note = "No speakers or headphones found, so playback is off. Connect an output device, then press " + compareNames[i] + " again."
			} else {
				v.note = fmt.Sprintf("Take %s could not be played (%v). Its figures are still here.", compareNames[i], err)
			}
			v.updatePlay()
			return
		}
		v.players[i] = p
	}
	v.players[i].Play()
	v.playing = i
	v.note = ""
	v.updatePlay()
}

// pauseAll pauses whichever take is playing.
func (v *Compare) pauseAll() {
	for _, p := range v.players {
		if p != nil {
			p.Pause()
		}
	}
	v.playing = -1
	v.updatePlay()
}

// compareResult is the measurement of take i.
type compareResult struct {
	i   int
	r   analysis.Report
	err error
}

// Tick takes in the measurements that are ready and follows playback:
// call it from the window's ticker while the screen is on show, so the
// figures appear and the buttons say Play again when a take ends.
func (v *Compare) Tick() {
	for taken := false; !taken; {
		select {
		case res := <-v.results:
			v.setReport(res.i, res.r, res.err)
		default:
			taken = true
		}
	}
	if v.playing >= 0 && (v.players[v.playing] == nil || !v.players[v.playing].Playing()) {
		if p := v.players[v.playing]; p != nil && p.Err() != nil {
			v.note = fmt.Sprintf("Playback of take %s stopped (%v).", compareNames[v.playing], p.Err())
		}
		v.playing = -1
		v.updatePlay()
	}
	v.showPlayheads()
	v.heads.update()
}

// showPlayheads draws the playhead on the lane of the take playing, and
// on a paused take where it stopped.
func (v *Compare) showPlayheads() {
	for i, p := range v.players {
		t := -1.0
		if p != nil && p.Len() > 0 && p.Position() > 0 && p.Position() < p.Len() {
			t = float64(p.Position()) / float64(p.Len()) * v.takes[i].Duration
		}
		v.bars.setPlayhead(i, t)
	}
}

func (v *Compare) updatePlay() {
	for i, b := range v.play {
		on := v.playing == i
		b.SetText(playLabel(i, on))
		if on {
			b.SetIcon(theme.MediaPauseIcon())
			b.Importance = widget.HighImportance
		} else {
			b.SetIcon(theme.MediaPlayIcon())
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	if v.playing >= 0 && v.note == "" {
		v.status.SetText(fmt.Sprintf("Playing take %s (%s).", compareNames[v.playing], widgets.Date(v.takes[v.playing].Started)))
		return
	}
	v.updateStatus()
}

// Close stops playback and releases the players. Call it when leaving
// the screen.
func (v *Compare) Close() {
	if !v.closed {
		close(v.quit)
	}
	v.closed = true
	for i, p := range v.players {
		if p != nil {
			p.Pause()
			_ = p.Close() // playback only; nothing to save
			v.players[i] = nil
		}
	}
	v.playing = -1
}

func (v *Compare) Back() {
	if v.h.Back != nil {
		v.h.Back()
	}
}

// TypedKey handles Space (pause) and Esc (back).
func (v *Compare) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		v.Back()
	case fyne.KeySpace:
		v.pauseAll()
	default:
		return false
	}
	return true
}

// TypedRune handles A and B, play or pause that take.
func (v *Compare) TypedRune(r rune) bool {
	switch r {
	case 'a', 'A':
		v.togglePlay(0)
	case 'b', 'B':
		v.togglePlay(1)
	default:
		return false
	}
	return true
}

// pairLayout places two objects side by side, sharing the width, when
// both fit at their minimum width; one above the other when not.
type pairLayout struct{}

func (pairLayout) side(objs []fyne.CanvasObject, width float32) bool {
	return len(objs) == 2 && objs[0].MinSize().Width+objs[1].MinSize().Width+theme.Padding()*4 <= width
}

// Layout places the objects.
func (l pairLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if l.side(objs, size.Width) {
		gap := theme.Padding() * 4
		w := (size.Width - gap) / 2
		objs[0].Move(fyne.NewPos(0, 0))
		objs[0].Resize(fyne.NewSize(w, objs[0].MinSize().Height))
		objs[1].Move(fyne.NewPos(w+gap, 0))
		objs[1].Resize(fyne.NewSize(w, objs[1].MinSize().Height))
		return
	}
	var y float32
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

// MinSize is the wider object's width and the height of both stacked, as
// the layout cannot know the width it will get.
func (pairLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height += theme.Padding()
		}
	}
	return s
}

// compareBars draws the parts of two takes as horizontal bars on one time
// scale, a lane per take: each part a bar in its timeline colour with its
// letter on it, the take's length as a track behind them, a line at the
// answer limit, the total against the limit at the end of the lane, and
// a time scale below.
type compareBars struct {
	widget.BaseWidget

	takes [2]practice.Take
	head  [2]float64 // the playhead in each lane, seconds; -1 for none
	r     *compareBarsRenderer
}

func newCompareBars(a, b practice.Take) *compareBars {
	c := &compareBars{takes: [2]practice.Take{a, b}, head: [2]float64{-1, -1}}
	c.ExtendBaseWidget(c)
	return c
}

// span is the time the lanes show: the longer take or limit.
func (c *compareBars) span() float64 {
	s := 1.0
	for _, t := range c.takes {
		s = max(s, t.Duration, t.LimitS)
	}
	return s
}

func (c *compareBars) CreateRenderer() fyne.WidgetRenderer {
	r := &compareBarsRenderer{c: c}
	r.rebuild()
	c.r = r
	return r
}

// setPlayhead shows the playhead of lane i at t seconds (t < 0 hides it),
// moving only the line.
func (c *compareBars) setPlayhead(i int, t float64) {
	if c.head[i] == t {
		return
	}
	c.head[i] = t
	if r := c.r; r != nil && r.lanes[i].head != nil {
		r.placeHead(i, r.geometry(c.Size()))
		r.lanes[i].head.Refresh()
	}
}

// maxTicks bounds the labels of the time scale.
const maxTicks = 41

type compareLane struct {
	name   *canvas.Text
	track  *canvas.Rectangle
	parts  []*canvas.Rectangle
	labels []*canvas.Text
	limit  *canvas.Line
	total  *canvas.Text
	head   *canvas.Line // the playhead while the take plays
}

type compareBarsRenderer struct {
	widgets.BaseRenderer

	c      *compareBars
	lanes  [2]compareLane
	limitT *canvas.Text // "Limit 2:00" over the first lane's line
	ticks  []*canvas.Text
}

// rebuild makes the canvas objects for the takes in the current theme.
func (r *compareBarsRenderer) rebuild() {
	th := r.c.Theme()
	v := widgets.ThemeVariant(fyne.CurrentApp())
	fg := th.Color(theme.ColorNameForeground, v)
	size := th.Size(theme.SizeNameText)
	capSize := th.Size(theme.SizeNameCaptionText)
	r.Objs = nil
	for i, t := range r.c.takes {
		l := &r.lanes[i]
		l.name = canvas.NewText(compareNames[i], fg)
		l.name.TextStyle = fyne.TextStyle{Bold: true}
		l.name.TextSize = size
		l.track = canvas.NewRectangle(th.Color(theme.ColorNameInputBackground, v))
		l.track.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
		l.track.StrokeWidth = 1
		l.parts, l.labels = nil, nil
		r.Objs = append(r.Objs, l.name, l.track)
		for _, p := range t.Parts {
			fill := timeline.PartColor(int(p.Kind))
			rect := canvas.NewRectangle(fill)
			text := canvas.NewText(p.Kind.Letter(), widgets.ReadableOn(fill))
			text.TextStyle = fyne.TextStyle{Bold: true}
			text.TextSize = size
			text.Alignment = fyne.TextAlignCenter
			l.parts = append(l.parts, rect)
			l.labels = append(l.labels, text)
			r.Objs = append(r.Objs, rect, text)
		}
		l.limit = canvas.NewLine(fg)
		l.limit.StrokeWidth = 2
		l.limit.Hidden = t.LimitS <= 0
		l.total = canvas.NewText(takeLength(t), fg)
		l.total.TextSize = size
		l.head = canvas.NewLine(fg)
		l.head.StrokeWidth = 3
		r.Objs = append(r.Objs, l.limit, l.total, l.head)
	}
	r.limitT = canvas.NewText("", fg)
	r.limitT.TextSize = capSize
	if lim := r.c.takes[0].LimitS; lim > 0 {
		r.limitT.Text = "Limit " + widgets.Clock(lim)
	}
	r.Objs = append(r.Objs, r.limitT)
	r.ticks = make([]*canvas.Text, maxTicks)
	for i := range r.ticks {
		r.ticks[i] = canvas.NewText("", fg)
		r.ticks[i].TextSize = capSize
		r.Objs = append(r.Objs, r.ticks[i])
	}
}

// compareGeometry is where the lanes go.
type compareGeometry struct {
	x0, width  float32 // the time scale's left edge and width
	laneH, gap float32 // a lane's height and the space between lanes
	top        float32 // the first lane's top, under the limit label
}

func (r *compareBarsRenderer) geometry(size fyne.Size) compareGeometry {
	th := r.c.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	textSize := th.Size(theme.SizeNameText)
	name := fyne.MeasureText("B", textSize, fyne.TextStyle{Bold: true}).Width
	total := fyne.MeasureText("00:00 of 00:00", textSize, fyne.TextStyle{}).Width
	x0 := pad + name + pad
	return compareGeometry{
		x0:    x0,
		width: max(10, size.Width-x0-pad-total-pad),
		laneH: textSize + 2*th.Size(theme.SizeNamePadding) + 4,
		gap:   th.Size(theme.SizeNamePadding) * 2,
		top:   fyne.MeasureText("Limit", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height + 2,
	}
}

func (r *compareBarsRenderer) Layout(size fyne.Size) {
	g := r.geometry(size)
	span := r.c.span()
	xOf := func(t float64) float32 { return g.x0 + float32(t/span)*g.width }
	pad := r.c.Theme().Size(theme.SizeNameInnerPadding)
	for i, t := range r.c.takes {
		l := &r.lanes[i]
		y := g.top + float32(i)*(g.laneH+g.gap)
		l.name.Move(fyne.NewPos(pad, y+(g.laneH-l.name.MinSize().Height)/2))
		l.name.Resize(l.name.MinSize())
		l.track.Move(fyne.NewPos(g.x0, y))
		l.track.Resize(fyne.NewSize(xOf(t.Duration)-g.x0, g.laneH))
		for j, p := range t.Parts {
			px, pw := xOf(p.Start), max(1, xOf(p.End)-xOf(p.Start))
			l.parts[j].Move(fyne.NewPos(px, y))
			l.parts[j].Resize(fyne.NewSize(pw, g.laneH))
			lab := l.labels[j]
			lab.Hidden = pw < lab.MinSize().Width+2
			lab.Move(fyne.NewPos(px, y))
			lab.Resize(fyne.NewSize(pw, g.laneH))
		}
		lx := xOf(t.LimitS)
		l.limit.Position1 = fyne.NewPos(lx, y-g.gap/2)
		l.limit.Position2 = fyne.NewPos(lx, y+g.laneH+g.gap/2)
		l.total.Move(fyne.NewPos(g.x0+g.width+pad, y+(g.laneH-l.total.MinSize().Height)/2))
		l.total.Resize(l.total.MinSize())
		r.placeHead(i, g)
	}
	if lim := r.c.takes[0].LimitS; lim > 0 {
		w := r.limitT.MinSize().Width
		r.limitT.Move(fyne.NewPos(min(xOf(lim)-w/2, g.x0+g.width-w), 0))
		r.limitT.Resize(r.limitT.MinSize())
	}

	// The time scale under the lanes.
	capSize := r.c.Theme().Size(theme.SizeNameCaptionText)
	labelW := fyne.MeasureText("00:00", capSize, fyne.TextStyle{}).Width
	step := timeline.RulerStep(span, g.width, labelW+16)
	y := g.top + 2*g.laneH + g.gap + g.gap/2
	for i, t := range r.ticks {
		sec := float64(i) * step
		t.Hidden = sec > span+1e-9
		if t.Hidden {
			continue
		}
		t.Text = timeline.RulerTime(sec, step)
		w := t.MinSize().Width
		x := xOf(sec) - w/2
		t.Move(fyne.NewPos(max(0, min(x, size.Width-w)), y))
		t.Resize(t.MinSize())
	}
}

// placeHead puts lane i's playhead where compareBars.head says.
func (r *compareBarsRenderer) placeHead(i int, g compareGeometry) {
	l := &r.lanes[i]
	t := r.c.head[i]
	l.head.Hidden = t < 0
	x := g.x0 + float32(t/r.c.span())*g.width
	y := g.top + float32(i)*(g.laneH+g.gap)
	l.head.Position1 = fyne.NewPos(x, y-g.gap/2)
	l.head.Position2 = fyne.NewPos(x, y+g.laneH+g.gap/2)
}

func (r *compareBarsRenderer) MinSize() fyne.Size {
	g := r.geometry(fyne.NewSize(400, 0))
	capH := fyne.MeasureText("0:00", r.c.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	return fyne.NewSize(300, g.top+2*g.laneH+g.gap+g.gap/2+capH)
}

func (r *compareBarsRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

// stickyHeads keeps the column headers (A, B, Change) of the compare
// tables in view: once a table's own header row has scrolled above the
// top, a copy of it is drawn there, over the scroll, until the table
// itself has scrolled away.
type stickyHeads struct {
	scroll *container.Scroll
	tables []*fyne.Container
	box    *fyne.Container // the copies, placed by hand
	rows   [][]*widget.Label
	bgs    []*canvas.Rectangle
}

func newStickyHeads(scroll *container.Scroll, tables ...*fyne.Container) *stickyHeads {
	h := &stickyHeads{scroll: scroll, tables: tables, box: container.NewWithoutLayout()}
	for range tables {
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.Hide()
		row := []*widget.Label{compareCell("A", true), compareCell("B", true), compareCell("Change", true)}
		h.box.Add(bg)
		for _, c := range row {
			c.Hide()
			h.box.Add(c)
		}
		h.bgs = append(h.bgs, bg)
		h.rows = append(h.rows, row)
	}
	scroll.OnScrolled = func(fyne.Position) { h.update() }
	return h
}

// update shows each table's header copy where its own has scrolled away.
func (h *stickyHeads) update() {
	drv := fyne.CurrentApp().Driver()
	base := drv.AbsolutePositionForObject(h.box)
	top := drv.AbsolutePositionForObject(h.scroll).Y
	for i, t := range h.tables {
		show := len(t.Objects) >= 8 && t.Visible()
		var cells []fyne.CanvasObject
		if show {
			tp := drv.AbsolutePositionForObject(t)
			headH := t.Objects[1].Size().Height
			// The own header is above the top, and a row below it is still
			// in view.
			show = tp.Y < top && tp.Y+t.Size().Height-headH > top
			cells = t.Objects[1:4]
		}
		h.bgs[i].Hidden = !show
		for j, c := range h.rows[i] {
			if !show {
				c.Hide()
				continue
			}
			c.Show()
			p := drv.AbsolutePositionForObject(cells[j])
			c.Move(fyne.NewPos(p.X-base.X, top-base.Y))
			c.Resize(cells[j].Size())
		}
		if show {
			first := drv.AbsolutePositionForObject(cells[0])
			last := cells[2].Size().Width + drv.AbsolutePositionForObject(cells[2]).X
			h.bgs[i].FillColor = theme.Color(theme.ColorNameBackground)
			h.bgs[i].Move(fyne.NewPos(first.X-base.X, top-base.Y))
			h.bgs[i].Resize(fyne.NewSize(last-first.X, cells[0].Size().Height))
		}
	}
	h.box.Refresh()
}
