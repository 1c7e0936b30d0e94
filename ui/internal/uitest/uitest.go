// Package uitest is what the tests of the window and of the screen
// packages share: a test window, keys sent as the desktop driver sends
// them, the text a window shows, and test libraries with takes stored as
// the app stores them. It is imported by tests only.
package uitest

import (
	"fmt"
	"html"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/wavfile"
	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Rate is the sample rate of the test audio.
const Rate = 16000

// Questions are the questions of the tests.
var Questions = []practice.Question{
	{ID: "q01", Text: "What was your biggest failure, and what did you learn from it?", Seed: true},
	{ID: "q02", Text: "Tell me about a project that did not go the way you planned.", Seed: false},
	{ID: "q03", Text: "Describe a time you missed a deadline that mattered.", Seed: false},
}

// ViewWindow is a test window of the app's size with no content yet, on
// a new test app.
func ViewWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(960, 640))
	return w
}

// Keyed is what the window asks of a screen for its keys.
type Keyed interface {
	TypedKey(*fyne.KeyEvent) bool
	TypedRune(rune) bool
	TypedShortcut(fyne.Shortcut) bool
	Shortcuts() []fyne.Shortcut
}

// Route sends the window's keys and shortcuts to v, as the window does
// for the screen on show, and puts content on the window.
func Route(w fyne.Window, v Keyed, content fyne.CanvasObject) {
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { v.TypedKey(ev) })
	w.Canvas().SetOnTypedRune(func(r rune) { v.TypedRune(r) })
	for _, s := range v.Shortcuts() {
		w.Canvas().AddShortcut(s, func(s fyne.Shortcut) { v.TypedShortcut(s) })
	}
	w.SetContent(content)
}

// Ctrl is Ctrl+key as the desktop driver reports it.
func Ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierControl}
}

// Press sends a shortcut the way the driver does: to the focused widget
// if it takes shortcuts, else to the window.
func Press(t *testing.T, w fyne.Window, s fyne.Shortcut) {
	t.Helper()
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	sc, ok := w.Canvas().(fyne.Shortcutable)
	if !ok {
		t.Fatal("the test canvas does not take shortcuts")
	}
	sc.TypedShortcut(s)
}

// Hit sends a named key to the focused widget, or the window.
func Hit(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}

// DialogOpen reports whether a dialog is on the window.
func DialogOpen(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

var textElem = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// markupText is every text of a markup, joined by spaces.
func markupText(markup string) string {
	var parts []string
	for _, m := range textElem.FindAllStringSubmatch(markup, -1) {
		if s := strings.TrimSpace(html.UnescapeString(m[1])); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// CanvasText is every text on the canvas, joined by spaces, so that
// wrapped lines read as one sentence again.
func CanvasText(c fyne.Canvas) string { return markupText(test.RenderToMarkup(c)) }

// ObjectText is every text of one object, as CanvasText.
func ObjectText(o fyne.CanvasObject) string { return markupText(test.RenderObjectToMarkup(o)) }

// ShownText is every text on the window, dialogs included.
func ShownText(w fyne.Window) string {
	s := CanvasText(w.Canvas())
	if o := w.Canvas().Overlays().Top(); o != nil {
		s += " " + ObjectText(o)
	}
	return s
}

// WalkObjects calls fn for o and every object inside it, widgets'
// renderers included.
func WalkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			WalkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			WalkObjects(c, fn)
		}
	}
}

// Find returns the first object of type T under o, widgets' renderers
// included, for which ok is true (any T when ok is nil), and whether
// there is one: a window's tests reach a screen's widgets this way, as
// someone looking at the screen would, rather than through accessors.
func Find[T fyne.CanvasObject](o fyne.CanvasObject, ok func(T) bool) (T, bool) {
	var found T
	done := false
	WalkObjects(o, func(c fyne.CanvasObject) {
		if done {
			return
		}
		if v, is := c.(T); is && (ok == nil || ok(v)) {
			found, done = v, true
		}
	})
	return found, done
}

// MustFind is Find that fails the test when there is no such object;
// what names the object in the message.
func MustFind[T fyne.CanvasObject](t testing.TB, o fyne.CanvasObject, what string, ok func(T) bool) T {
	t.Helper()
	v, found := Find(o, ok)
	if !found {
		t.Fatalf("no %s on show", what)
	}
	return v
}

// DragWave drags the pointer across the timeline w from one time to
// another in a few moves, at height y, and lets go.
func DragWave(w *timeline.Waveform, from, to float64, y float32) {
	x0, x1 := w.TimeToX(from), w.TimeToX(to)
	const steps = 4
	last := x0
	for i := 1; i <= steps; i++ {
		x := x0 + (x1-x0)*float32(i)/steps
		w.Dragged(&fyne.DragEvent{
			PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)},
			Dragged:    fyne.NewDelta(x-last, 0),
		})
		last = x
	}
	w.DragEnd()
}

// TapBand taps the lane of band i of the timeline w.
func TapBand(w *timeline.Waveform, i int) {
	b := w.Bands()[i]
	test.TapAt(w, fyne.NewPos(w.TimeToX((b.Start+b.End)/2), w.LaneMidY()))
}

// WaitFor calls tick until done reports true, and fails the test when it
// has not after 10 seconds; what names what is awaited.
func WaitFor(t testing.TB, what string, tick func(), done func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
		tick()
	}
}

// RoundParts rounds times to the millisecond, as take.json keeps them.
func RoundParts(ps []practice.Part) []practice.Part {
	out := make([]practice.Part, len(ps))
	for i, p := range ps {
		out[i] = practice.Part{Kind: p.Kind, Start: math.Round(p.Start*1000) / 1000, End: math.Round(p.End*1000) / 1000}
	}
	return out
}

// CheckSaved fails unless take.json of the take id in lib holds parts (to
// the millisecond); step names the moment in the message.
func CheckSaved(t testing.TB, lib *practice.Library, id, step string, parts []practice.Part) {
	t.Helper()
	take, err := lib.Load(id)
	if err != nil {
		t.Fatalf("%s: Load: %v", step, err)
	}
	if got, want := RoundParts(take.Parts), RoundParts(parts); !slices.Equal(got, want) {
		t.Errorf("%s: take.json parts = %v, want %v", step, take.Parts, want)
	}
}

// OpenLibrary opens an empty library in a temporary folder.
func OpenLibrary(t testing.TB) *practice.Library {
	t.Helper()
	lib, err := practice.Open(filepath.Join(t.TempDir(), "takes"))
	if err != nil {
		t.Fatalf("practice.Open: %v", err)
	}
	return lib
}

// T0 is when the first test take of a library starts; the takes of the
// tests follow it at fixed times, so the goldens stay the same.
var T0 = time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)

// TakeSpec describes a take to store in a test library.
type TakeSpec struct {
	Q      practice.Question
	At     time.Time
	Dur    float64 // seconds
	Limit  float64 // seconds; 0 means 120
	Parts  []practice.Part
	Review practice.SelfReview
	Story  string
	Audio  []int16 // nil: a tenth of a second of silence
}

// AddTake stores a take in lib as the app would: its folder, answer.wav
// and take.json.
func AddTake(tb testing.TB, lib *practice.Library, s TakeSpec) practice.Take {
	tb.Helper()
	take, dir, err := lib.NewTake(s.Q, s.At)
	if err != nil {
		tb.Fatalf("NewTake: %v", err)
	}
	audio := s.Audio
	if audio == nil {
		audio = make([]int16, Rate/10)
	}
	w, err := wavfile.Create(filepath.Join(dir, practice.AudioName), Rate)
	if err != nil {
		tb.Fatalf("wavfile.Create: %v", err)
	}
	if err := w.Write(audio); err != nil {
		tb.Fatalf("writing the test take's audio: %v", err)
	}
	if err := w.Close(); err != nil {
		tb.Fatalf("closing the test take's audio: %v", err)
	}
	take.Duration = s.Dur
	take.LimitS = s.Limit
	if take.LimitS == 0 {
		take.LimitS = 120
	}
	take.ThinkS = 30
	take.SampleRate = Rate
	take.Strict = true
	take.Stopped = "user"
	take.Parts = s.Parts
	take.Review = s.Review
	take.StoryID = s.Story
	if err := lib.Save(take); err != nil {
		tb.Fatalf("Save: %v", err)
	}
	return take
}

// StarParts tags a take of dur seconds with the five parts, leaving out
// the kinds in skip.
func StarParts(dur float64, skip ...practice.Kind) []practice.Part {
	shares := []float64{0.15, 0.1, 0.5, 0.1, 0.15}
	var parts []practice.Part
	at := 0.0
	for i, k := range practice.Kinds() {
		end := at + shares[i]*dur
		if !slices.Contains(skip, k) {
			parts = append(parts, practice.Part{Kind: k, Start: float64(int(at*1000)) / 1000, End: float64(int(end*1000)) / 1000})
		}
		at = end
	}
	return parts
}

// Reviewed is a self-review with the given rating, notes and the first n
// checks ticked.
func Reviewed(rating, n int, notes string) practice.SelfReview {
	r := practice.SelfReview{Rating: rating, Notes: notes, Updated: T0}
	for _, c := range practice.Checks()[:n] {
		if r.Checked == nil {
			r.Checked = map[practice.Check]bool{}
		}
		r.Checked[c] = true
	}
	return r
}

// ManyTakes stores n takes of the three test questions, one every few
// hours from T0, with varied lengths, parts and ratings.
func ManyTakes(tb testing.TB, lib *practice.Library, n int) []practice.Take {
	tb.Helper()
	rng := rand.New(rand.NewPCG(3, 5))
	takes := make([]practice.Take, n)
	for i := range n {
		dur := 60 + float64(rng.IntN(80)) + 0.5
		var skip []practice.Kind
		if rng.IntN(3) == 0 {
			skip = append(skip, practice.Lesson)
		}
		if rng.IntN(5) == 0 {
			skip = append(skip, practice.Result)
		}
		notes := ""
		if i%4 == 0 {
			notes = fmt.Sprintf("Take %d: slow down in the Action.\nSecond line, not shown.", i+1)
		}
		takes[i] = AddTake(tb, lib, TakeSpec{
			Q:      Questions[i%len(Questions)],
			At:     T0.Add(time.Duration(i) * 7 * time.Hour),
			Dur:    dur,
			Parts:  StarParts(dur, skip...),
			Review: Reviewed(rng.IntN(6), rng.IntN(8), notes),
		})
	}
	return takes
}

// WindowText is every text element on the window, dialogs included, each
// trimmed and joined by spaces, empty ones too.
func WindowText(w fyne.Window) string {
	var parts []string
	for _, m := range textElem.FindAllStringSubmatch(test.RenderToMarkup(w.Canvas()), -1) {
		parts = append(parts, strings.TrimSpace(m[1]))
	}
	return strings.Join(parts, " ")
}

// InView reports whether o lies wholly inside the window and inside every
// scroll container around it, as far as they show.
func InView(w fyne.Window, o fyne.CanvasObject) bool {
	drv := fyne.CurrentApp().Driver()
	p, s := drv.AbsolutePositionForObject(o), o.Size()
	lo, hi := fyne.NewPos(0, 0), fyne.NewPos(w.Canvas().Size().Width, w.Canvas().Size().Height)
	var found bool
	var walk func(c fyne.CanvasObject, lo, hi fyne.Position) bool
	clip := func(sc fyne.CanvasObject, content fyne.CanvasObject, lo, hi fyne.Position) bool {
		sp, ss := drv.AbsolutePositionForObject(sc), sc.Size()
		return walk(content, fyne.NewPos(max(lo.X, sp.X), max(lo.Y, sp.Y)),
			fyne.NewPos(min(hi.X, sp.X+ss.Width), min(hi.Y, sp.Y+ss.Height)))
	}
	walk = func(c fyne.CanvasObject, lo, hi fyne.Position) bool {
		if c == nil || !c.Visible() {
			return false
		}
		if c == o {
			found = p.Y >= lo.Y-0.5 && p.Y+s.Height <= hi.Y+0.5 && p.X >= lo.X-0.5 && p.X+s.Width <= hi.X+0.5
			return true
		}
		switch v := c.(type) {
		case *container.Scroll:
			return clip(v, v.Content, lo, hi)
		case *widgets.Scroll:
			return clip(v, v.Content, lo, hi)
		case *fyne.Container:
			for _, x := range v.Objects {
				if walk(x, lo, hi) {
					return true
				}
			}
		case fyne.Widget:
			for _, x := range test.WidgetRenderer(v).Objects() {
				if walk(x, lo, hi) {
					return true
				}
			}
		}
		return false
	}
	walk(w.Content(), lo, hi)
	return found
}

// LaunchStory is a story with every part written.
var LaunchStory = practice.Story{
	Title:     "The launch I rushed",
	Situation: "Checkout redesign, two weeks before Black Friday",
	Task:      "I owned the release plan",
	Action:    "Skipped the load test to hit the date; rolled back at 2 a.m.; wrote the incident review",
	Result:    "Four hours of failed payments; we recovered most orders",
	Lesson:    "A date never beats a load test: I now put the test in the plan first",
}

// SaveStory puts a story in the library.
func SaveStory(t *testing.T, lib *practice.Library, s practice.Story) practice.Story {
	t.Helper()
	saved, err := lib.SaveStory(s)
	if err != nil {
		t.Fatalf("SaveStory(%q): %v", s.Title, err)
	}
	return saved
}

// SaveShot writes img under testdata/failed (ignored by git), to look at.
func SaveShot(t *testing.T, name string, img image.Image) {
	t.Helper()
	dir := filepath.Join("testdata", "failed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// CustomSettings differ from the defaults in every field.
func CustomSettings() practice.Settings {
	return practice.Settings{
		InputDevice:  "USB Microphone",
		OutputDevice: "Headphones",
		Think:        45 * time.Second,
		Limit:        90 * time.Second,
		Green:        0.4,
		Yellow:       0.7,
		Red:          0.9,
		Strict:       false,
		Reaction:     400 * time.Millisecond,
		LibraryDir:   "library elsewhere",
		Theme:        practice.ThemeDark,
		Cues:         practice.CuesSpoken,
	}
}

// Devices lists fixed sound devices.
type Devices struct{ In, Out []string }

// Inputs are the microphones.
func (d Devices) Inputs() []string { return d.In }

// Outputs are the speakers.
func (d Devices) Outputs() []string { return d.Out }

// TwoDevices are a built-in microphone and speakers and a USB headset.
var TwoDevices = Devices{
	In:  []string{"Built-in Microphone", "USB Headset"},
	Out: []string{"Built-in Speakers", "USB Headset"},
}

// FindButton returns the first button labelled text under o, or nil.
func FindButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := FindButton(c, text); b != nil {
				return b
			}
		}
		return nil
	}
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			if b := FindButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// DamagedTakes adds one take with a cut-short take.json and one whose
// recording never finished (a folder without take.json).
func DamagedTakes(t *testing.T, lib *practice.Library) (damaged, unfinished string) {
	t.Helper()
	damaged = "20261104-101500-q02"
	unfinished = "20261105-111500-q03"
	for _, id := range []string{damaged, unfinished} {
		if err := os.Mkdir(filepath.Join(lib.Dir, id), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(lib.Dir, damaged, practice.SidecarName), []byte(`{"schema": 1, "id": `), 0o600); err != nil {
		t.Fatal(err)
	}
	return damaged, unfinished
}

// Speech returns deterministic speech-like audio: each entry of layout
// is seconds of "speech" (positive: voiced syllables of a harmonic tone
// at a varying pitch, about four a second) or of silence (negative), with
// faint noise throughout.
func Speech(layout ...float64) []int16 {
	r := rand.New(rand.NewPCG(7, 11))
	var out []float64
	for _, sec := range layout {
		n := int(math.Abs(sec) * Rate)
		if sec < 0 {
			out = append(out, make([]float64, n)...)
			continue
		}
		seg := make([]float64, n)
		for i := 0; i < n; {
			syl := Rate * (16 + r.IntN(8)) / 100
			gap := Rate * (4 + r.IntN(5)) / 100
			f0 := 110 + r.Float64()*90
			amp := 4000 + r.Float64()*6000
			var ph float64
			for j := 0; j < syl && i+j < n; j++ {
				env := math.Pow(math.Sin(math.Pi*float64(j)/float64(syl)), 2)
				ph += 2 * math.Pi * f0 * (1 + 0.1*float64(j)/float64(syl)) / Rate
				var v float64
				for h := 1; h <= 6; h++ {
					v += math.Sin(float64(h)*ph) / float64(h)
				}
				seg[i+j] = amp * env * v
			}
			i += syl + gap
		}
		out = append(out, seg...)
	}
	s := make([]int16, len(out))
	for i, v := range out {
		s[i] = int16(max(-32767, min(32767, math.Round(v+r.NormFloat64()*30))))
	}
	return s
}

// Story is a 32.5 s answer in five spoken stretches, the Action with a
// 2.6 s pause in it, and the parts that tag it.
func Story() ([]int16, []practice.Part) {
	s := Speech(-0.8, 5, -0.9, 2.5, -0.8, 6, -2.6, 6, -0.9, 2.5, -1.0, 3, -0.5)
	parts := []practice.Part{
		{Kind: practice.Situation, Start: 0.7, End: 6.6},
		{Kind: practice.Task, Start: 6.6, End: 10},
		{Kind: practice.Action, Start: 10, End: 25.4},
		{Kind: practice.Result, Start: 25.4, End: 28.9},
		{Kind: practice.Lesson, Start: 28.9, End: 32.2},
	}
	return s, parts
}
