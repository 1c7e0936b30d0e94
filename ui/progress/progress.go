// Package progress is the Progress screen: the takes over time as a chart
// of their length and Action share, with a summary, filtered by question
// and story and paged by time. It reaches the window only through
// Handlers and never imports ui or another screen package. Everything
// runs on the Fyne goroutine.
package progress

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Handlers are what the progress screen asks of the window.
type Handlers struct {
	Back func() // Esc / "Back to practice (Esc)"
}

// progressPage is how many takes the chart shows at a time, so each
// keeps room for its bar, its marks and its rating.
const progressPage = 30

// View is the progress screen: a chart of the takes over time,
// oldest on the left, with each answer's length against its limit, the
// Action's share of the story, whether a Lesson was tagged and the
// self-rating; a sentence sums it up. Takes can be filtered by question
// and by story; Left and Right page through older and newer takes.
//
// All methods must be called on the Fyne goroutine. It starts no
// goroutines.
type View struct {
	widgets.ScreenBase

	lib  *practice.Library
	win  fyne.Window
	h    Handlers
	keys widgets.Keys

	all     []practice.Take // the takes that can be read, oldest first
	shown   []practice.Take // those that pass the filters
	texts   map[string]string
	stories []practice.Story
	end     int // the chart shows shown[max(0, end-progressPage):end]

	question, story string
	qOptions        map[string]string
	sOptions        map[string]string
	listErr         error

	qSelect *widgets.Select
	sSelect *widgets.Select
	chart   *progressChart
	summary *widget.Label
	empty   *widget.Label
	older   *widgets.Button
	newer   *widgets.Button
	top     *fyne.Container // heading, filters and summary
	body    fyne.CanvasObject
}

// New builds the progress screen over lib's takes.
func New(lib *practice.Library, win fyne.Window, h Handlers) *View {
	v := &View{lib: lib, win: win, h: h}
	v.keys = widgets.Keys{
		Key:  func(ev *fyne.KeyEvent) { v.TypedKey(ev) },
		Rune: func(r rune) { v.TypedRune(r) },
	}
	heading := widget.NewLabelWithStyle("Your progress", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	v.qSelect = widgets.NewSelect(&v.keys, nil, nil)
	v.sSelect = widgets.NewSelect(&v.keys, nil, nil)
	v.chart = newProgressChart()
	v.summary = widgets.Wrapped("", fyne.TextAlignLeading, theme.SizeNameText, false)
	v.empty = widgets.Wrapped("", fyne.TextAlignCenter, theme.SizeNameText, false)
	v.older = widgets.NewButton(&v.keys, "Older (Left)", widget.MediumImportance, func() { v.page(-1) })
	v.older.Icon = theme.NavigateBackIcon()
	v.newer = widgets.NewButton(&v.keys, "Newer (Right)", widget.MediumImportance, func() { v.page(1) })
	v.newer.Icon = theme.NavigateNextIcon()
	v.newer.IconPlacement = widget.ButtonIconTrailingText
	back := widgets.NewButton(&v.keys, "Back to practice (Esc)", widget.MediumImportance, v.back)

	v.top = container.NewVBox(heading, container.NewGridWithColumns(2, v.qSelect, v.sSelect), v.summary)
	v.body = container.NewBorder(v.top, container.NewHBox(back, layout.NewSpacer(), v.older, v.newer), nil, nil,
		container.NewStack(v.chart, container.NewCenter(v.empty)))
	v.reload()
	return v
}

// Content returns the screen's content, for the window's page.
func (v *View) Content() fyne.CanvasObject { return v.body }

// reload reads the takes again, after a take was recorded or deleted.
func (v *View) reload() {
	var takes []practice.Take
	takes, v.listErr = v.lib.List()
	v.all = v.all[:0]
	v.texts = map[string]string{}
	for _, t := range takes {
		if t.Status == practice.OK {
			v.all = append(v.all, t)
			if _, ok := v.texts[t.QuestionID]; !ok && t.QuestionText != "" {
				v.texts[t.QuestionID] = t.QuestionText
			}
		}
	}
	slices.Reverse(v.all) // oldest first
	v.stories, _ = v.lib.Stories()
	v.fillFilters()
	v.applyFilters()
}

func (v *View) fillFilters() {
	newest := slices.Clone(v.all)
	slices.Reverse(newest)
	qLabels, qMap := widgets.QuestionOptions(newest, v.texts)
	v.qOptions = qMap
	if !widgets.HasQuestion(v.all, v.question) {
		v.question = ""
	}
	v.qSelect.Reset(qLabels, widgets.OptionFor(qMap, v.question, widgets.AllQuestions), func(s string) {
		v.question = v.qOptions[s]
		v.applyFilters()
	})

	sLabels, sMap := widgets.StoryOptions(v.stories)
	v.sOptions = sMap
	if widgets.OptionFor(sMap, v.story, "") == "" {
		v.story = ""
	}
	v.sSelect.Reset(sLabels, widgets.OptionFor(sMap, v.story, widgets.AllStories), func(s string) {
		v.story = v.sOptions[s]
		v.applyFilters()
	})
	if len(v.stories) == 0 {
		v.sSelect.Disable()
	} else {
		v.sSelect.Enable()
	}
}

// applyFilters charts the newest page of the takes that pass the filters.
func (v *View) applyFilters() {
	v.shown = v.shown[:0]
	for _, t := range v.all {
		if (v.question == "" || t.QuestionID == v.question) && (v.story == "" || t.StoryID == v.story) {
			v.shown = append(v.shown, t)
		}
	}
	v.end = len(v.shown)
	v.update()
}

// page moves the chart by one page: -1 older, +1 newer.
func (v *View) page(dir int) {
	end := max(min(len(v.shown), progressPage), min(len(v.shown), v.end+dir*progressPage))
	if end == v.end {
		return
	}
	v.end = end
	v.update()
}

// window returns the takes on the chart.
func (v *View) window() []practice.Take {
	return v.shown[max(0, v.end-progressPage):v.end]
}

func (v *View) update() {
	msg := ""
	switch {
	case v.listErr != nil:
		msg = fmt.Sprintf("The library folder could not be read (%v). Check that it exists and that you may open it, then come back to this screen.", v.listErr)
	case len(v.all) == 0:
		msg = "No takes yet. Press Esc to go back and answer a question — your progress shows here from your second take."
	case len(v.shown) == 0:
		msg = "No takes match these filters. Choose “All questions” and “All stories” to see every take."
	case len(v.shown) == 1:
		msg = "One take so far. Answer again — the chart starts with your second take, so you can see the trend."
	}
	v.empty.SetText(msg)
	widgets.SetVisible(v.empty, msg != "")
	widgets.SetVisible(v.chart, msg == "")
	if msg == "" {
		v.chart.set(progressPoints(v.window()))
	} else {
		v.chart.set(nil)
	}
	v.summary.SetText(v.summaryText())
	if v.summary.Visible() != (len(v.shown) > 0) {
		widgets.SetVisible(v.summary, len(v.shown) > 0)
		v.top.Refresh() // lays the heading out again
	}
	widgets.SetEnabled(v.older, msg == "" && v.end > progressPage)
	widgets.SetEnabled(v.newer, msg == "" && v.end < len(v.shown))
}

// summaryText sums up the takes shown, in words, so the chart's story
// does not rest on the drawing.
func (v *View) summaryText() string {
	n := len(v.shown)
	if n == 0 {
		return ""
	}
	within, lesson, rated, ratings := 0, 0, 0, 0
	for _, t := range v.shown {
		if t.LimitS <= 0 || t.Duration < t.LimitS+1 {
			within++
		}
		if hasKind(t.Parts, practice.Lesson) {
			lesson++
		}
		if t.Review.Rating > 0 {
			rated++
			ratings += t.Review.Rating
		}
	}
	takes := "1 take"
	if n > 1 {
		takes = fmt.Sprintf("%d takes", n)
	}
	when := "on " + libDay(v.shown[0])
	if last := libDay(v.shown[n-1]); last != libDay(v.shown[0]) {
		when = "from " + libDay(v.shown[0]) + " to " + last
	}
	s := fmt.Sprintf("%s %s. Within the limit: %d of %d. Lesson tagged: %d of %d.", takes, when, within, n, lesson, n)
	if rated > 0 {
		s += fmt.Sprintf(" Average rating: %.1f of 5 (%d rated).", float64(ratings)/float64(rated), rated)
	}
	if h := hesitationText(v.shown, v.all); h != "" {
		s += " " + h
	}
	if n > progressPage {
		w := v.window()
		first := v.end - len(w) + 1
		s += fmt.Sprintf(" The chart shows takes %d to %d; Left and Right show older and newer ones.", first, v.end)
	}
	return s
}

// hesitationText says how often the newest of shown hesitated aloud (um,
// uh) and how that changed since the previous take of the same question in
// all (both oldest first), from the figures kept with each take when it was
// analysed. It is "" while no take shown has them, and says so when the
// takes to compare have not been measured yet.
func hesitationText(shown, all []practice.Take) string {
	if !slices.ContainsFunc(shown, func(t practice.Take) bool { return t.Measures != nil }) {
		return ""
	}
	newest := shown[len(shown)-1]
	if newest.Measures == nil {
		return "Um and uh: the newest take here is not measured yet; open it in the review to measure it."
	}
	rate := newest.Measures.FilledPausesPerMin
	s := fmt.Sprintf("Um and uh: %s a minute in the newest take", oneDecimal(rate))
	var prev *practice.Take
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Started.Before(newest.Started) && all[i].QuestionID == newest.QuestionID {
			prev = &all[i]
			break
		}
	}
	switch {
	case prev == nil:
		return s + "."
	case prev.Measures == nil:
		return s + "; the previous take of this question is not measured yet."
	}
	was := prev.Measures.FilledPausesPerMin
	switch d := math.Round((rate-was)*10) / 10; {
	case d < 0:
		return fmt.Sprintf("%s, %s fewer than in the previous take of this question (%s).", s, oneDecimal(-d), oneDecimal(was))
	case d > 0:
		return fmt.Sprintf("%s, %s more than in the previous take of this question (%s).", s, oneDecimal(d), oneDecimal(was))
	}
	return s + ", as in the previous take of this question."
}

// oneDecimal formats v with one decimal: "2.5".
func oneDecimal(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64) }

// libDay is the day a take started: "2 Nov 2026".
func libDay(t practice.Take) string { return t.Started.Format("2 Jan 2006") }

func hasKind(parts []practice.Part, k practice.Kind) bool {
	for _, p := range parts {
		if p.Kind == k {
			return true
		}
	}
	return false
}

func (v *View) back() {
	if v.h.Back != nil {
		v.h.Back()
	}
}

// TypedKey handles Left and Right (older and newer takes) and Esc.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyLeft:
		v.page(-1)
	case fyne.KeyRight:
		v.page(1)
	case fyne.KeyEscape:
		v.back()
	default:
		return false
	}
	return true
}

// TypedRune handles no characters; it is here for the window's key
// routing.
func (v *View) TypedRune(rune) bool { return false }

// progressPoint is one take on the chart.
type progressPoint struct {
	day    string  // "2 Nov"
	length float64 // seconds
	limit  float64 // seconds; 0 for none
	action float64 // the Action's share of the story, 0..1; -1 when no Action is tagged (a gap)
	lesson bool    // a Lesson is tagged
	rating int     // 1..5, 0 for not rated
}

// progressPoints turns takes (oldest first) into the chart's points.
func progressPoints(takes []practice.Take) []progressPoint {
	pts := make([]progressPoint, len(takes))
	perDay := map[string]int{}
	for i, t := range takes {
		b := practice.Balance(t.Parts, t.Duration, t.LimitS)
		action := -1.0 // not drawn at 0 %: nothing says how long the Action was
		if b.Story > 0 && b.Rows[practice.Action].Parts > 0 {
			action = b.Rows[practice.Action].Share
		}
		// The second take of a day is "6 Dec #2", so days stay apart.
		day := t.Started.Format("2 Jan")
		perDay[day]++
		if n := perDay[day]; n > 1 {
			day += " #" + strconv.Itoa(n)
		}
		pts[i] = progressPoint{
			day:    day,
			length: t.Duration,
			limit:  t.LimitS,
			action: action,
			lesson: b.Rows[practice.Lesson].Parts > 0,
			rating: t.Review.Rating,
		}
	}
	return pts
}

// progressChart draws takes over time with canvas objects: a bar per take
// for the answer's length, a mark at its limit, a dot per take for the
// Action's share of the story (joined by a line), a tick or a cross for
// whether a Lesson was tagged and the self-rating as a number, over the
// take's date. A legend names each sign. The length is read on the left
// scale (m:ss), the Action's share on the right (%).
type progressChart struct {
	widget.BaseWidget

	points []progressPoint
}

func newProgressChart() *progressChart {
	c := &progressChart{}
	c.ExtendBaseWidget(c)
	return c
}

// set shows points, oldest first.
func (c *progressChart) set(points []progressPoint) {
	c.points = points
	c.Refresh()
}

// span is the time the left scale covers: the longest answer or limit,
// rounded up to the half minute.
func (c *progressChart) span() float64 {
	s := 60.0
	for _, p := range c.points {
		s = max(s, p.length, p.limit)
	}
	return math.Ceil(s/30) * 30
}

func (c *progressChart) CreateRenderer() fyne.WidgetRenderer {
	r := &progressRenderer{c: c}
	r.rebuild()
	return r
}

// progressTake is the drawing of one take.
type progressTake struct {
	bar    *canvas.Rectangle
	limit  *canvas.Line
	dot    *canvas.Circle
	join   *canvas.Line // from the previous dot; hidden when there is none
	mark   [2]*canvas.Line
	rating *canvas.Text
	day    *canvas.Text
}

// progressLegend is one sign of the legend and its words.
type progressLegend struct {
	sign []fyne.CanvasObject
	text *canvas.Text
}

type progressRenderer struct {
	widgets.BaseRenderer

	c      *progressChart
	frame  [2]*canvas.Line // the left and bottom axes
	grid   []*canvas.Line
	left   []*canvas.Text // m:ss
	right  []*canvas.Text // 0%, 50%, 100%
	rows   [2]*canvas.Text
	takes  []progressTake
	legend []progressLegend
}

// progressBarAlpha is the opacity of the length bars, light enough for
// the limit marks and dots over them to stand out.
const progressBarAlpha = 0x90

func (r *progressRenderer) colors() (fg, bar, grid, action color.Color) {
	th := r.c.Theme()
	v := widgets.ThemeVariant(fyne.CurrentApp())
	fg = th.Color(theme.ColorNameForeground, v)
	bar = timeline.WithAlpha(th.Color(theme.ColorNamePrimary, v), progressBarAlpha)
	grid = timeline.WithAlpha(fg, 0x30)
	action = timeline.PartColor(timeline.PartAction)
	return
}

// rebuild makes the canvas objects for the points in the current theme.
func (r *progressRenderer) rebuild() {
	th := r.c.Theme()
	fg, bar, grid, action := r.colors()
	textSize := th.Size(theme.SizeNameText)
	capSize := th.Size(theme.SizeNameCaptionText)
	text := func(s string, size float32, bold bool) *canvas.Text {
		t := canvas.NewText(s, fg)
		t.TextSize = size
		t.TextStyle = fyne.TextStyle{Bold: bold}
		return t
	}
	r.Objs = nil
	add := func(o ...fyne.CanvasObject) { r.Objs = append(r.Objs, o...) }

	span := r.c.span()
	step := 30.0
	if span > 180 {
		step = 60
	}
	r.grid, r.left = nil, nil
	for s := 0.0; s <= span+1e-9; s += step {
		g := canvas.NewLine(grid)
		r.grid = append(r.grid, g)
		r.left = append(r.left, text(timeline.RulerTime(s, step), capSize, false))
		add(g, r.left[len(r.left)-1])
	}
	r.right = nil
	for _, p := range []string{"0%", "50%", "100%"} {
		t := text(p, capSize, false)
		r.right = append(r.right, t)
		add(t)
	}
	for i := range r.frame {
		r.frame[i] = canvas.NewLine(fg)
		add(r.frame[i])
	}
	r.rows = [2]*canvas.Text{text("Lesson", capSize, true), text("Rating", capSize, true)}
	add(r.rows[0], r.rows[1])

	r.takes = make([]progressTake, len(r.c.points))
	for i, p := range r.c.points {
		tk := &r.takes[i]
		tk.bar = canvas.NewRectangle(bar)
		tk.limit = canvas.NewLine(fg)
		tk.limit.StrokeWidth = 2
		tk.limit.Hidden = p.limit <= 0
		tk.join = canvas.NewLine(action)
		tk.join.StrokeWidth = 2
		tk.join.Hidden = i == 0 || p.action < 0 || r.c.points[i-1].action < 0
		tk.dot = canvas.NewCircle(action)
		tk.dot.StrokeColor = fg
		tk.dot.StrokeWidth = 1
		tk.dot.Hidden = p.action < 0
		for j := range tk.mark {
			tk.mark[j] = canvas.NewLine(fg)
			tk.mark[j].StrokeWidth = 2
		}
		rating := "–"
		if p.rating > 0 {
			rating = strconv.Itoa(p.rating)
		}
		tk.rating = text(rating, textSize, false)
		tk.rating.Alignment = fyne.TextAlignCenter
		tk.day = text(p.day, capSize, false)
		tk.day.Alignment = fyne.TextAlignCenter
		add(tk.bar, tk.limit, tk.join, tk.dot, tk.mark[0], tk.mark[1], tk.rating, tk.day)
	}

	// The legend: a sign and its words for each thing drawn.
	swatch := canvas.NewRectangle(bar)
	limit := canvas.NewLine(fg)
	limit.StrokeWidth = 2
	dot := canvas.NewCircle(action)
	dot.StrokeColor, dot.StrokeWidth = fg, 1
	tick := [2]*canvas.Line{canvas.NewLine(fg), canvas.NewLine(fg)}
	cross := [2]*canvas.Line{canvas.NewLine(fg), canvas.NewLine(fg)}
	for _, l := range append(tick[:], cross[:]...) {
		l.StrokeWidth = 2
	}
	r.legend = []progressLegend{
		{[]fyne.CanvasObject{swatch}, text("Answer length", capSize, false)},
		{[]fyne.CanvasObject{limit}, text("Limit", capSize, false)},
		{[]fyne.CanvasObject{dot}, text("Action share of the story (right scale)", capSize, false)},
		{[]fyne.CanvasObject{tick[0], tick[1]}, text("Lesson tagged", capSize, false)},
		{[]fyne.CanvasObject{cross[0], cross[1]}, text("No Lesson", capSize, false)},
	}
	for _, l := range r.legend {
		add(l.sign...)
		add(l.text)
	}
}

// progressGeometry is where the parts of the chart go.
type progressGeometry struct {
	x0, x1     float32 // the plot's left and right edges
	y0, y1     float32 // the plot's top and bottom
	lessonY    float32 // the middle of the Lesson row
	ratingY    float32 // the top of the Rating row
	dayY       float32 // the top of the dates
	slot       float32 // the width per take
	mark       float32 // the size of a tick or cross
	legendH    float32
	rowLabelsW float32
}

func (r *progressRenderer) geometry(size fyne.Size) progressGeometry {
	th := r.c.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	textSize := th.Size(theme.SizeNameText)
	capSize := th.Size(theme.SizeNameCaptionText)
	capH := fyne.MeasureText("0", capSize, fyne.TextStyle{}).Height
	textH := fyne.MeasureText("0", textSize, fyne.TextStyle{}).Height
	var g progressGeometry
	g.rowLabelsW = fyne.MeasureText("Rating", capSize, fyne.TextStyle{Bold: true}).Width
	leftW := max(g.rowLabelsW, fyne.MeasureText("10:00", capSize, fyne.TextStyle{}).Width)
	rightW := fyne.MeasureText("100%", capSize, fyne.TextStyle{}).Width
	g.x0 = leftW + pad
	g.x1 = size.Width - rightW - pad
	g.legendH = capH + pad
	g.y0 = g.legendH + pad
	g.mark = textH * 0.7
	g.dayY = size.Height - capH
	g.ratingY = g.dayY - pad/2 - textH
	g.lessonY = g.ratingY - pad/2 - g.mark/2 - 2
	g.y1 = g.lessonY - g.mark/2 - pad
	if n := len(r.c.points); n > 0 {
		g.slot = (g.x1 - g.x0) / float32(n)
	}
	return g
}

func (r *progressRenderer) Layout(size fyne.Size) {
	g := r.geometry(size)
	span := r.c.span()
	yOfTime := func(s float64) float32 { return g.y1 - float32(s/span)*(g.y1-g.y0) }
	yOfShare := func(s float64) float32 { return g.y1 - float32(s)*(g.y1-g.y0) }
	place := func(o fyne.CanvasObject, x, y float32) {
		o.Move(fyne.NewPos(x, y))
		o.Resize(o.MinSize())
	}
	line := func(l *canvas.Line, x1, y1, x2, y2 float32) {
		l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	}

	step := 30.0
	if span > 180 {
		step = 60
	}
	for i, gl := range r.grid {
		y := yOfTime(float64(i) * step)
		line(gl, g.x0, y, g.x1, y)
		t := r.left[i]
		m := t.MinSize()
		place(t, g.x0-m.Width-4, y-m.Height/2)
	}
	for i, t := range r.right {
		m := t.MinSize()
		place(t, g.x1+4, yOfShare(float64(i)/2)-m.Height/2)
	}
	line(r.frame[0], g.x0, g.y0, g.x0, g.y1)
	line(r.frame[1], g.x0, g.y1, g.x1, g.y1)
	for i, t := range r.rows {
		m := t.MinSize()
		y := g.lessonY - m.Height/2
		if i == 1 {
			y = g.ratingY + (fyne.MeasureText("0", r.c.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Height-m.Height)/2
		}
		place(t, g.x0-m.Width-4, y)
	}

	// Dates: as many as fit without touching.
	every := 1
	if len(r.takes) > 0 {
		w := fyne.MeasureText("30 Sep", r.c.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Width
		for _, tk := range r.takes {
			w = max(w, tk.day.MinSize().Width)
		}
		w += 8
		every = max(1, int(math.Ceil(float64(w/g.slot))))
	}
	barW := max(2, min(g.slot*0.6, 48))
	dotR := max(3, min(g.slot*0.18, 5))
	for i, p := range r.c.points {
		tk := &r.takes[i]
		cx := g.x0 + g.slot*(float32(i)+0.5)
		top := yOfTime(p.length)
		tk.bar.Move(fyne.NewPos(cx-barW/2, top))
		tk.bar.Resize(fyne.NewSize(barW, g.y1-top))
		ly := yOfTime(p.limit)
		line(tk.limit, cx-g.slot/2, ly, cx+g.slot/2, ly)
		if p.action >= 0 {
			dy := yOfShare(p.action)
			tk.dot.Move(fyne.NewPos(cx-dotR, dy-dotR))
			tk.dot.Resize(fyne.NewSquareSize(2 * dotR))
			if i > 0 && !tk.join.Hidden {
				prev := r.c.points[i-1]
				line(tk.join, cx-g.slot, yOfShare(prev.action), cx, dy)
			}
		}
		m := min(g.mark, g.slot*0.6)
		if p.lesson {
			tickLines(tk.mark, cx, g.lessonY, m)
		} else {
			crossLines(tk.mark, cx, g.lessonY, m)
		}
		rm := tk.rating.MinSize()
		tk.rating.Move(fyne.NewPos(cx-g.slot/2, g.ratingY))
		tk.rating.Resize(fyne.NewSize(g.slot, rm.Height))
		tk.day.Hidden = (len(r.takes)-1-i)%every != 0 // the newest always
		dm := tk.day.MinSize()
		tk.day.Move(fyne.NewPos(cx-dm.Width/2, g.dayY))
		tk.day.Resize(dm)
	}
	r.layoutLegend(g)
}

// tickLines draws a tick mark of size s centred at x, y.
func tickLines(l [2]*canvas.Line, x, y, s float32) {
	l[0].Position1, l[0].Position2 = fyne.NewPos(x-s/2, y), fyne.NewPos(x-s/8, y+s/2)
	l[1].Position1, l[1].Position2 = fyne.NewPos(x-s/8, y+s/2), fyne.NewPos(x+s/2, y-s/2)
}

// crossLines draws a cross of size s centred at x, y.
func crossLines(l [2]*canvas.Line, x, y, s float32) {
	h := s * 0.4
	l[0].Position1, l[0].Position2 = fyne.NewPos(x-h, y-h), fyne.NewPos(x+h, y+h)
	l[1].Position1, l[1].Position2 = fyne.NewPos(x-h, y+h), fyne.NewPos(x+h, y-h)
}

// layoutLegend puts the legend in a row above the plot.
func (r *progressRenderer) layoutLegend(g progressGeometry) {
	th := r.c.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	h := g.legendH - pad
	x := g.x0
	for i, l := range r.legend {
		s := h
		cy := h / 2
		switch i {
		case 0:
			l.sign[0].Move(fyne.NewPos(x, cy-s/3))
			l.sign[0].Resize(fyne.NewSize(s, 2*s/3))
		case 1:
			ln := l.sign[0].(*canvas.Line)
			ln.Position1, ln.Position2 = fyne.NewPos(x, cy), fyne.NewPos(x+s, cy)
		case 2:
			d := s * 0.6
			l.sign[0].Move(fyne.NewPos(x+(s-d)/2, cy-d/2))
			l.sign[0].Resize(fyne.NewSquareSize(d))
		case 3:
			tickLines([2]*canvas.Line{l.sign[0].(*canvas.Line), l.sign[1].(*canvas.Line)}, x+s/2, cy, s*0.8)
		case 4:
			crossLines([2]*canvas.Line{l.sign[0].(*canvas.Line), l.sign[1].(*canvas.Line)}, x+s/2, cy, s*0.8)
		}
		m := l.text.MinSize()
		l.text.Move(fyne.NewPos(x+s+pad/2, cy-m.Height/2))
		l.text.Resize(m)
		x += s + pad/2 + m.Width + 2*pad
	}
}

func (r *progressRenderer) MinSize() fyne.Size {
	th := r.c.Theme()
	textH := fyne.MeasureText("0", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	return fyne.NewSize(400, 8*textH)
}

func (r *progressRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}
