package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/analysis"
	"failforward/audio/wavfile"
	"failforward/internal/wavtest"
	"failforward/practice"
	"failforward/ui/internal/uitest"
	"failforward/ui/widgets"
)

// insRate is the sample rate of the panel's test audio.
const insRate = 16000

func insTake(duration float64) practice.Take {
	return practice.Take{ID: "20261124-201530-q01", QuestionID: "q01", Duration: duration, LimitS: 120, SampleRate: insRate}
}

func insAnalyze(t *testing.T, s []int16) analysis.Report {
	t.Helper()
	r, err := analysis.Analyze(s, insRate, analysis.Options{})
	if err != nil {
		t.Fatalf("analysis.Analyze: %v", err)
	}
	return r
}

func TestInsightsGoldens(t *testing.T) {
	samples, parts := uitest.Story()
	report := insAnalyze(t, samples)
	take := insTake(report.Duration)
	tests := []struct {
		name   string
		update func(in *Insights)
		want   []string // texts the panel must show
	}{
		{"measuring", func(in *Insights) { in.Update(take, nil, nil) },
			[]string{"How it went", "Answer 0:32 · limit 2:00", "Tag the parts with S T A R L to see the balance.", "Measuring your answer…"}},
		{"suggested", func(in *Insights) { in.Update(take, nil, &report) },
			[]string{"Or start from the suggested parts below.", "Task starts at 0:06", "Lesson starts at 0:28", "Use all", "Good Your pace was 3.2 syllables a second"}},
		{"tagged", func(in *Insights) { in.Update(take, parts, &report) }, []string{
			// 5.9, 3.4, 15.4, 3.5 and 3.3 s of a 28.2 s story.
			"Situation 0:05 · 21% (aim ~20%)", "Task 0:03 · 12% (aim ~10%)", "Action 0:15 · 55% (aim ~60%)",
			"Result 0:03 · 12% (aim ~10%)", "Lesson 0:03 · 12% (aim: a short close)",
			"Good The Lesson and Result are there", "Tip One pause was longer than 2 s", "2.6 s long"}},
		{"error", func(in *Insights) {
			in.Update(take, parts, nil)
			in.SetError(&wavfile.FormatError{Path: "answer.wav", What: "the file is not a WAV file", Hint: "pick a .wav file"})
		}, []string{"Check This recording cannot be measured: the file is not a WAV file (pick a .wav file)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			in := NewInsights()
			c := onCanvas(t, in.CanvasObject(), fyne.NewSize(400, 1600))
			tt.update(in)
			test.AssertRendersToMarkup(t, "insights/"+tt.name+".xml", c)
			// It fits beside the timeline, or in a narrow window.
			if w := in.CanvasObject().MinSize().Width; w > 330 {
				t.Errorf("panel needs %.0f px of width, want at most 330", w)
			}
			shown := uitest.CanvasText(c)
			for _, w := range tt.want {
				if !strings.Contains(shown, w) {
					t.Errorf("panel does not show %q; it shows:\n%s", w, shown)
				}
			}
		})
	}
}

func TestInsightsBalanceFindings(t *testing.T) {
	// A setup of 40 s out of an 80 s story and no Lesson.
	parts := []practice.Part{
		{Kind: practice.Situation, Start: 0, End: 30},
		{Kind: practice.Task, Start: 30, End: 40},
		{Kind: practice.Action, Start: 40, End: 75},
		{Kind: practice.Result, Start: 75, End: 80},
	}
	take := insTake(85)
	test.NewTempApp(t)
	in := NewInsights()
	c := onCanvas(t, in.CanvasObject(), fyne.NewSize(420, 1000))
	in.Update(take, parts, nil)
	shown := uitest.CanvasText(c)

	bal := practice.Balance(parts, take.Duration, take.LimitS)
	var codes []string
	for _, f := range bal.Findings {
		codes = append(codes, f.Code)
		if want := "Tip " + f.Text + " " + f.Why; !strings.Contains(shown, want) {
			t.Errorf("finding %s: panel does not show %q", f.Code, want)
		}
	}
	if want := []string{practice.FindingNoLesson, practice.FindingLongSetup}; !reflect.DeepEqual(codes, want) {
		t.Fatalf("balance findings = %v, want %v", codes, want)
	}
	for _, want := range []string{
		"Situation 0:30 · 38% (aim ~20%)", // 30 of 80 s
		"Task 0:10 · 13% (aim ~10%)",      // 12.5% rounds up
		"Action 0:35 · 44% (aim ~60%)",
		"Result 0:05 · 6% (aim ~10%)",
		"Lesson not tagged (aim: a short close)",
		"0:05 of the answer is not tagged.",
		"Situation and Task take 50% of the story; aim for 35% or less.",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("panel does not show %q; it shows:\n%s", want, shown)
		}
	}
	if strings.Contains(shown, "Good") {
		t.Errorf("panel calls the balance good despite findings:\n%s", shown)
	}
}

func TestInsightsBars(t *testing.T) {
	test.NewTempApp(t)
	in := NewInsights()
	parts := []practice.Part{
		{Kind: practice.Situation, Start: 0, End: 10},
		{Kind: practice.Action, Start: 10, End: 40},
		{Kind: practice.Lesson, Start: 40, End: 90}, // longer than the story
	}
	onCanvas(t, in.CanvasObject(), fyne.NewSize(400, 900))
	in.Update(insTake(90), parts, nil)
	var bars []*widgets.ShareBar
	collect(in.box, func(o fyne.CanvasObject) {
		if b, ok := o.(*widgets.ShareBar); ok {
			bars = append(bars, b)
		}
	})
	if len(bars) != practice.NumKinds {
		t.Fatalf("%d bars, want %d", len(bars), practice.NumKinds)
	}
	// Of the 40 s story: Situation 10 s, Action 30 s; the Lesson's 50 s is
	// more than the story (its bar stops at the track's end, see widgets).
	wantShare := []float64{0.25, 0, 0.75, 0, 1.25}
	for i, b := range bars {
		share, guide := b.Share()
		if math.Abs(share-wantShare[i]) > 0.01 {
			t.Errorf("bar %d (%v) share = %.3f, want %.3f", i, practice.Kind(i), share, wantShare[i])
		}
		want := []float64{practice.GuideSituation, practice.GuideTask, practice.GuideAction, practice.GuideResult, 0}[i]
		if guide != want {
			t.Errorf("bar %d guide = %v, want %v", i, guide, want)
		}
	}
}

// collect calls f on o and everything inside it.
func collect(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			collect(c, f)
		}
	}
}

func TestInsightsSuggestButtons(t *testing.T) {
	test.NewTempApp(t)
	report := analysis.Report{Duration: 60, Speech: 50, FirstWord: 1, SpeechEnd: 58,
		SuggestedBoundaries: []float64{10, 16, 45, 52}}
	in := NewInsights()
	var ghosts []int
	all := 0
	in.OnAcceptGhost = func(i int) { ghosts = append(ghosts, i) }
	in.OnAcceptAll = func() { all++ }
	onCanvas(t, in.CanvasObject(), fyne.NewSize(400, 1000))

	// A Task already starts at the first suggestion.
	parts := []practice.Part{{Kind: practice.Situation, Start: 1, End: 10}, {Kind: practice.Task, Start: 10, End: 20}}
	in.Update(insTake(60), parts, &report)
	if got := len(in.useButtons); got != 4 {
		t.Fatalf("%d Use buttons, want 4", got)
	}
	for i, b := range in.useButtons {
		if want := i == 0; b.Disabled() != want {
			t.Errorf("Use button %d disabled = %v, want %v", i, b.Disabled(), want)
		}
	}
	for _, i := range []int{3, 1, 0, 2} {
		test.Tap(in.useButtons[i])
	}
	if want := []int{3, 1, 2}; !reflect.DeepEqual(ghosts, want) {
		t.Errorf("OnAcceptGhost calls = %v, want %v (the used one does nothing)", ghosts, want)
	}
	test.Tap(in.useAll)
	if all != 1 {
		t.Errorf("OnAcceptAll called %d times, want 1", all)
	}
	if in.useAll.Importance == widget.HighImportance {
		t.Errorf("Use all is the main action although parts are tagged")
	}

	// Without callbacks the buttons do nothing, and do not panic.
	in.OnAcceptGhost, in.OnAcceptAll = nil, nil
	test.Tap(in.useButtons[2])
	test.Tap(in.useAll)

	// No boundaries: no section.
	in.Update(insTake(60), parts, &analysis.Report{Duration: 60})
	if in.useButtons != nil || in.useAll != nil {
		t.Errorf("a report without boundaries shows suggestion buttons")
	}
}

func TestInsightsUpdate(t *testing.T) {
	test.NewTempApp(t)
	in := NewInsights()
	c := onCanvas(t, in.CanvasObject(), fyne.NewSize(400, 900))
	take := insTake(40)
	parts := []practice.Part{{Kind: practice.Action, Start: 1, End: 30}}
	in.Update(take, parts, nil)
	first := in.box.Objects[0]
	in.Update(take, []practice.Part{{Kind: practice.Action, Start: 1, End: 30}}, nil)
	if in.box.Objects[0] != first {
		t.Errorf("an update that changes nothing rebuilt the panel")
	}
	if in.activity == nil {
		t.Fatalf("no activity indicator while measuring")
	}

	in.SetError(os.ErrNotExist)
	collect(in.box, func(o fyne.CanvasObject) {
		if _, ok := o.(*widget.Activity); ok {
			t.Errorf("the activity indicator is still shown after the error")
		}
	})
	wantErr := "The recording of this take is missing"
	if !strings.Contains(uitest.CanvasText(c), wantErr) {
		t.Errorf("error not shown: %s", uitest.CanvasText(c))
	}
	// Editing the parts keeps the error.
	in.Update(take, []practice.Part{{Kind: practice.Action, Start: 2, End: 30}}, nil)
	if shown := uitest.CanvasText(c); !strings.Contains(shown, wantErr) || !strings.Contains(shown, "0:28") {
		t.Errorf("after editing the parts: error or new parts not shown: %s", shown)
	}
	// Another take clears it.
	other := take
	other.ID = "20261124-203000-q02"
	in.Update(other, nil, nil)
	if shown := uitest.CanvasText(c); strings.Contains(shown, wantErr) || !strings.Contains(shown, "Measuring your answer…") {
		t.Errorf("another take: want measuring, not the old error: %s", shown)
	}
}

func TestInsightsPartFigures(t *testing.T) {
	test.NewTempApp(t)
	in := NewInsights()
	c := onCanvas(t, in.CanvasObject(), fyne.NewSize(400, 1600))
	samples, parts := uitest.Story()
	fast := insAnalyze(t, samples)
	// The same answer with the syllables packed tighter: another report.
	slow := insAnalyze(t, uitest.Speech(-0.8, 5, -0.9, 2.5, -0.8, 6, -0.6, 6, -0.9, 2.5, -1.0, 3, -0.5))
	take := insTake(fast.Duration)
	for _, r := range []*analysis.Report{&fast, &slow, &fast} {
		in.Update(take, parts, r)
		shown := uitest.CanvasText(c)
		for _, p := range parts {
			st := r.Segment(p.Start, p.End)
			// The chip's letter follows the name in the markup.
			want := fmt.Sprintf("%s %s %s %.1f", p.Kind, p.Kind.Letter(), widgets.MinSec(st.Speech), st.SyllablesPerS)
			if !strings.Contains(shown, want) {
				t.Errorf("table does not show %q for the %v:\n%s", want, p.Kind, shown)
			}
		}
	}
}

func TestInsightsErrorText(t *testing.T) {
	dir := t.TempDir()
	notWAV := filepath.Join(dir, "notes.wav")
	wavtest.WriteText(t, notWAV, "hello, these are notes")
	low := filepath.Join(dir, "low.wav")
	wavtest.Write(t, low, 2000, make([]int16, 2000))
	tests := []struct {
		path string
		is   error
		want string
	}{
		{filepath.Join(dir, "gone.wav"), fs.ErrNotExist, "is missing"},
		{notWAV, wavfile.ErrFormat, "cannot be measured"},
		{low, analysis.ErrRate, "Record at 16 kHz or more"},
	}
	for _, tt := range tests {
		_, err := analysis.File(tt.path)
		if !errors.Is(err, tt.is) {
			t.Errorf("analysis.File(%s) = %v, want an error wrapping %v", filepath.Base(tt.path), err, tt.is)
			continue
		}
		if !strings.HasPrefix(err.Error(), "analysis: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
		if got := widgets.MeasureError(err); !strings.Contains(got, tt.want) || strings.Contains(got, dir) {
			t.Errorf("widgets.MeasureError(%v) = %q, want it to say %q without the folder", err, got, tt.want)
		}
	}
}

func TestAnalyzeTake(t *testing.T) {
	samples, parts := uitest.Story()
	path := filepath.Join(t.TempDir(), "answer.wav")
	w, err := wavfile.Create(path, insRate)
	if err != nil {
		t.Fatal(err)
	}
	// Written in uneven blocks, as recorded.
	for rest := samples; len(rest) > 0; {
		n := min(len(rest), 1000+len(rest)%777)
		if err := w.Write(rest[:n]); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := analysis.File(path)
	if err != nil {
		t.Fatalf("analysis.File: %v", err)
	}
	want := insAnalyze(t, samples)
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("analysis.File report:\n%s\nwant (analysis.Analyze):\n%s", gj, wj)
	}
	if !reflect.DeepEqual(got.Findings(), want.Findings()) {
		t.Errorf("findings differ:\n%v\nwant\n%v", got.Findings(), want.Findings())
	}
	for _, p := range parts {
		if g, w := got.Segment(p.Start, p.End), want.Segment(p.Start, p.End); g != w || !g.Measured {
			t.Errorf("%v: segment = %+v, want %+v", p.Kind, g, w)
		}
	}
}

func TestSuggestedParts(t *testing.T) {
	samples, _ := uitest.Story()
	real := insAnalyze(t, samples)
	tests := []struct {
		name     string
		r        analysis.Report
		duration float64
		keep     bool // the four boundaries are used as they are
		nilWant  bool
	}{
		{"analysed", real, real.Duration, true, false},
		{"speech", analysis.Report{Duration: 60, Speech: 50, FirstWord: 1.2, SpeechEnd: 58.5, SuggestedBoundaries: []float64{10, 16, 45, 52}}, 60, true, false},
		{"no speech", analysis.Report{Duration: 30, SuggestedBoundaries: []float64{5.4, 8.1, 24.3, 27}}, 30, true, false},
		{"first word after the first boundary", analysis.Report{Duration: 30, Speech: 3, FirstWord: 12, SpeechEnd: 20, SuggestedBoundaries: []float64{5, 13, 18, 19}}, 30, true, false},
		{"speech ends before the last boundary", analysis.Report{Duration: 30, Speech: 3, FirstWord: 1, SpeechEnd: 20, SuggestedBoundaries: []float64{5, 13, 18, 25}}, 30, true, false},
		{"take shorter than the report", analysis.Report{Duration: 60, Speech: 50, FirstWord: 1, SpeechEnd: 58, SuggestedBoundaries: []float64{10, 16, 45, 52}}, 40, false, false},
		{"boundaries crowded", analysis.Report{Duration: 1, SuggestedBoundaries: []float64{0.5, 0.5, 0.501, 0.51}}, 1, false, false},
		{"boundaries at the end", analysis.Report{Duration: 2, SuggestedBoundaries: []float64{2, 2, 2, 2}}, 2, false, false},
		{"tiny take", analysis.Report{Duration: 0.06, SuggestedBoundaries: []float64{0.01, 0.02, 0.03, 0.04}}, 0.06, false, false},
		{"too short for five parts", analysis.Report{Duration: 0.04, SuggestedBoundaries: []float64{0.01, 0.02, 0.03, 0.04}}, 0.04, false, true},
		{"no boundaries", analysis.Report{Duration: 30}, 30, false, true},
		{"three boundaries", analysis.Report{Duration: 30, SuggestedBoundaries: []float64{1, 2, 3}}, 30, false, true},
		{"no duration", analysis.Report{SuggestedBoundaries: []float64{1, 2, 3, 4}}, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := practice.SuggestedParts(tt.r, tt.duration)
			if tt.nilWant {
				if got != nil {
					t.Fatalf("SuggestedParts = %v, want nil", got)
				}
				return
			}
			if len(got) != 5 {
				t.Fatalf("SuggestedParts = %v, want 5 parts", got)
			}
			if err := practice.CheckParts(got, tt.duration); err != nil {
				t.Errorf("parts %v are not valid: %v", got, err)
			}
			for i, p := range got {
				if p.Kind != practice.Kinds()[i] {
					t.Errorf("part %d is %v, want %v", i, p.Kind, practice.Kinds()[i])
				}
				if p.Start < 0 || p.End > tt.duration || p.Len() < practice.MinLen {
					t.Errorf("part %d %+v is outside the %v s take or shorter than %v s", i, p, tt.duration, practice.MinLen)
				}
				if i > 0 && got[i-1].End != p.Start {
					t.Errorf("part %d starts at %v, not where part %d ends (%v)", i, p.Start, i-1, got[i-1].End)
				}
				if i > 0 && tt.keep && p.Start != tt.r.SuggestedBoundaries[i-1] {
					t.Errorf("part %d starts at %v, want the suggested %v", i, p.Start, tt.r.SuggestedBoundaries[i-1])
				}
			}
			if tt.keep {
				// The Situation starts just before the first word, if
				// there is room; the Lesson ends just after the last.
				wantStart, wantEnd := 0.0, tt.duration
				if tt.r.Speech > 0 && tt.r.FirstWord-0.15 < tt.r.SuggestedBoundaries[0]-practice.MinLen {
					wantStart = math.Max(0, tt.r.FirstWord-0.15)
				}
				if tt.r.Speech > 0 && tt.r.SpeechEnd+0.15 > tt.r.SuggestedBoundaries[3]+practice.MinLen {
					wantEnd = math.Min(tt.duration, tt.r.SpeechEnd+0.15)
				}
				if math.Abs(got[0].Start-wantStart) > 0.0005 || math.Abs(got[4].End-wantEnd) > 0.0005 {
					t.Errorf("parts span %v..%v, want %v..%v", got[0].Start, got[4].End, wantStart, wantEnd)
				}
			}
		})
	}
}

func TestSuggestGhostTimes(t *testing.T) {
	r := analysis.Report{SuggestedBoundaries: []float64{1, 2, 3, 4}}
	got := GhostTimes(r)
	if !reflect.DeepEqual(got, r.SuggestedBoundaries) {
		t.Fatalf("ghostTimes = %v, want %v", got, r.SuggestedBoundaries)
	}
	got[0] = 99
	if r.SuggestedBoundaries[0] != 1 {
		t.Errorf("changing the ghosts changed the report")
	}
	if g := GhostTimes(analysis.Report{}); g != nil {
		t.Errorf("ghostTimes of a report without boundaries = %v, want nil", g)
	}
}

// BenchmarkInsightsUpdate is one step of dragging a part boundary on a
// 2-minute take: the panel is rebuilt with the new parts. It should stay
// well under a frame (16 ms), as it runs on every drag event.
func BenchmarkInsightsUpdate(b *testing.B) {
	test.NewTempApp(b)
	var layout []float64
	for range 24 {
		layout = append(layout, 4, -1) // 2 minutes: 4 s of speech, 1 s pauses
	}
	s := uitest.Speech(layout...)
	report, err := analysis.Analyze(s, insRate, analysis.Options{})
	if err != nil {
		b.Fatal(err)
	}
	parts := []practice.Part{
		{Kind: practice.Situation, Start: 0, End: 20},
		{Kind: practice.Task, Start: 20, End: 32},
		{Kind: practice.Action, Start: 32, End: 95},
		{Kind: practice.Result, Start: 95, End: 108},
		{Kind: practice.Lesson, Start: 108, End: 119},
	}
	in := NewInsights()
	w := test.NewTempWindow(b, in.CanvasObject())
	w.Resize(fyne.NewSize(400, 800))
	take := insTake(report.Duration)
	b.ResetTimer()
	for i := range b.N {
		parts[2].End = 90 + 10*float64(i)/float64(b.N) // a new place every time
		parts[3].Start = parts[2].End
		in.Update(take, parts, &report)
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
