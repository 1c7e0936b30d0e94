package review

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/analysis"
	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Insights is the review screen's side panel, "How it went": the balance
// of the tagged STAR parts against the guide, the parts the pauses
// suggest, and how the answer was spoken (pace, pauses, pitch, loudness),
// for the whole take and part by part.
//
// Feed it with Update whenever the take, its parts or its analysis change;
// it rebuilds its content only when something it shows changed. Measuring
// a long take takes a while: pass a nil report until analysis.File returns
// (run it off the Fyne goroutine and deliver the result with fyne.Do),
// then Update again with the report, or SetError with its error.
//
// All methods must be called on the Fyne goroutine. It starts no
// goroutines.
type Insights struct {
	// OnAcceptGhost is called with the index (0..3) of a suggested
	// boundary whose Use button was pressed: boundary i is where part
	// kind i+1 (Task, Action, Result, Lesson) would begin.
	OnAcceptGhost func(i int)
	// OnAcceptAll is called when Use all is pressed: the caller replaces
	// the parts with practice.SuggestedParts(report, duration).
	OnAcceptAll func()

	box    *fyne.Container
	scroll *container.Scroll

	// What is shown now, to skip updates that change nothing.
	shown    bool
	take     practice.Take
	parts    []practice.Part
	report   *analysis.Report
	err      error
	activity *widget.Activity // turning while the take is measured
	// segs caches the figures of parts of report, as measuring a part
	// costs more than showing it and a drag changes only two parts.
	segs map[[2]float64]analysis.SegmentStats

	// The suggestion buttons, kept for tests.
	useButtons []*widget.Button
	useAll     *widget.Button
}

// NewInsights returns an empty panel; call Update to fill it.
func NewInsights() *Insights {
	in := &Insights{box: container.NewVBox()}
	in.scroll = container.NewVScroll(in.box)
	return in
}

// CanvasObject returns the panel, scrolling vertically so it fits small
// windows.
func (in *Insights) CanvasObject() fyne.CanvasObject { return in.scroll }

// Update shows take with the given parts (in time order, as tagged now)
// and its analysis; a nil report means it is still being measured. An
// error set with SetError stays until a report arrives or another take is
// shown.
func (in *Insights) Update(take practice.Take, parts []practice.Part, report *analysis.Report) {
	errBefore := in.err
	if (in.shown && in.take.ID != take.ID) || report != nil {
		in.err = nil
	}
	if in.shown && insSameTake(in.take, take) && slices.Equal(in.parts, parts) && in.report == report && in.err == errBefore {
		return
	}
	in.shown = true
	if report != in.report {
		in.segs = nil
	}
	in.take, in.parts, in.report = take, slices.Clone(parts), report
	in.rebuild()
}

// SetError shows that the take could not be measured, in place of the
// speech figures: err is what analysis.File returned.
func (in *Insights) SetError(err error) {
	if err == nil || in.err == err {
		return
	}
	in.err = err
	in.report, in.segs = nil, nil
	in.rebuild()
}

// insSameTake reports whether a and b show the same in the panel.
func insSameTake(a, b practice.Take) bool {
	return a.ID == b.ID && a.Duration == b.Duration && a.LimitS == b.LimitS
}

// rebuild replaces the panel's content with the current state.
func (in *Insights) rebuild() {
	if in.activity != nil {
		in.activity.Stop()
		in.activity = nil
	}
	in.useButtons, in.useAll = nil, nil

	objs := []fyne.CanvasObject{widgets.Heading("How it went", theme.SizeNameSubHeadingText)}
	summary := "Answer " + widgets.MinSec(in.take.Duration)
	if in.take.LimitS > 0 {
		summary += " · limit " + widgets.MinSec(in.take.LimitS)
	}
	objs = append(objs, widgets.Note(summary))
	objs = append(objs, in.balanceSection()...)
	if s := in.suggestSection(); s != nil {
		objs = append(objs, widget.NewSeparator())
		objs = append(objs, s...)
	}
	objs = append(objs, widget.NewSeparator())
	objs = append(objs, in.speechSection()...)
	in.box.Objects = objs
	// Wrapped text knows its height only once it has a width: lay out
	// twice, so that the panel is right at once rather than a frame later.
	in.box.Refresh()
	in.scroll.Refresh()
}

// balanceSection shows the time and share of each kind of part against
// the guide, and what a coach would point out.
func (in *Insights) balanceSection() []fyne.CanvasObject {
	b := practice.Balance(in.parts, in.take.Duration, in.take.LimitS)
	objs := []fyne.CanvasObject{widgets.Heading("Balance", theme.SizeNameText)}
	var findings []practice.Finding
	if len(in.parts) == 0 {
		text := "Tag the parts with S T A R L to see the balance."
		for _, f := range b.Findings {
			if f.Code == practice.FindingNothingTagged {
				text += " " + f.Why
			}
		}
		if in.report != nil && len(in.report.SuggestedBoundaries) == 4 {
			text += " Or start from the suggested parts below."
		}
		objs = append(objs, insWrapped(text))
	} else {
		objs = append(objs, widgets.Note("Shares are of the story: Situation, Task, Action and Result together."))
		for _, row := range b.Rows {
			objs = append(objs, widgets.BalanceRow(row))
		}
		if b.Untagged >= 1 {
			objs = append(objs, widgets.Note(widgets.MinSec(b.Untagged)+" of the answer is not tagged."))
		}
	}
	for _, f := range b.Findings {
		if f.Code != practice.FindingNothingTagged {
			findings = append(findings, f)
		}
	}
	for _, f := range findings {
		objs = append(objs, insFinding(analysis.Tip, f.Text+" "+f.Why))
	}
	if len(in.parts) > 0 && len(findings) == 0 {
		objs = append(objs, insFinding(analysis.Good, "The Lesson and Result are there, the setup is short and the Action has room."))
	}
	return objs
}

// suggestSection lists the part boundaries the pauses suggest, each with a
// Use button, and Use all; nil when there is nothing to suggest.
func (in *Insights) suggestSection() []fyne.CanvasObject {
	r := in.report
	if r == nil || len(r.SuggestedBoundaries) != 4 {
		return nil
	}
	text := "Your pauses suggest where each part begins."
	if len(in.parts) > 0 {
		text += " Use all replaces the parts tagged now."
	}
	objs := []fyne.CanvasObject{widgets.Heading("Suggested parts", theme.SizeNameText), insWrapped(text)}
	for i, t := range r.SuggestedBoundaries {
		k := practice.Kind(i + 1)
		label := widget.NewLabel(fmt.Sprintf("%s starts at %s", k, widgets.MinSec(t)))
		use := widget.NewButton("Use", func() {
			if in.OnAcceptGhost != nil {
				in.OnAcceptGhost(i)
			}
		})
		if insStartsAt(in.parts, k, t) {
			use.SetText("In use")
			use.Disable()
		}
		in.useButtons = append(in.useButtons, use)
		objs = append(objs, container.NewBorder(nil, nil, widgets.NewPartChip(int(k)), use, label))
	}
	in.useAll = widget.NewButton("Use all", func() {
		if in.OnAcceptAll != nil {
			in.OnAcceptAll()
		}
	})
	if len(in.parts) == 0 {
		in.useAll.Importance = widget.HighImportance
	}
	objs = append(objs, container.NewHBox(layout.NewSpacer(), in.useAll))
	return objs
}

// insStartsAt reports whether a part of kind k already starts at t, to
// the 10 ms the suggestions are rounded to.
func insStartsAt(parts []practice.Part, k practice.Kind, t float64) bool {
	for _, p := range parts {
		if p.Kind == k && math.Abs(p.Start-t) < 0.005 {
			return true
		}
	}
	return false
}

// speechSection shows how the answer was spoken: "Measuring…" while the
// report is on its way, the findings, and a table per part.
func (in *Insights) speechSection() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{widgets.Heading("Speaking", theme.SizeNameText)}
	switch {
	case in.err != nil:
		return append(objs, insFinding(analysis.Warning, widgets.MeasureError(in.err)))
	case in.report == nil:
		in.activity = widget.NewActivity()
		in.activity.Start()
		spin := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding()/2, 0), in.activity)
		return append(objs, container.NewHBox(spin, widget.NewLabel("Measuring your answer…")))
	}
	r := in.report
	overall := map[string]analysis.Severity{}
	for _, f := range r.Findings() {
		overall[f.Kind] = max(overall[f.Kind], f.Severity)
		objs = append(objs, insFinding(f.Severity, f.Text))
	}
	// The long-pause tip covers the pauses of every part.
	overall[analysis.KindPauses] = max(overall[analysis.KindPauses], overall[analysis.KindLongPause])
	var rows []fyne.CanvasObject
	var tips []fyne.CanvasObject
	for _, p := range in.parts {
		if p.Len() <= 0 {
			continue
		}
		st := in.segment(p)
		if !st.Measured {
			return objs // a report read back from disk: no per-part figures
		}
		rows = append(rows, insPartCells(p, st)...)
		for _, f := range st.Findings() {
			// A part's tip is news only when the whole take did not get
			// the same kind of tip.
			if f.Severity >= analysis.Tip && overall[f.Kind] < analysis.Tip {
				tips = append(tips, insFinding(f.Severity, fmt.Sprintf("In the %s (from %s): %s", p.Kind, widgets.MinSec(p.Start), f.Text)))
			}
		}
	}
	if len(rows) == 0 {
		return objs
	}
	header := []fyne.CanvasObject{widgets.Bold("Part"), widgets.Bold("Speech"), widgets.Bold("Pace"), widgets.Bold("Longest\npause")}
	for _, h := range header[1:] {
		h.(*widget.Label).Alignment = fyne.TextAlignTrailing
	}
	objs = append(objs, widgets.Heading("By part", theme.SizeNameText),
		widgets.Note(fmt.Sprintf("Pace is in syllables a second; the usual is %.1f to %.1f. Pauses over %.0f s are marked; a part's filled pauses (um, uh) are counted under its longest pause.", analysis.PaceLow, analysis.PaceHigh, analysis.LongPause)),
		container.New(widgets.Table{Cols: 4}, append(header, rows...)...))
	return append(objs, tips...)
}

// segment returns the figures of part p of the report shown.
func (in *Insights) segment(p practice.Part) analysis.SegmentStats {
	key := [2]float64{p.Start, p.End}
	if st, ok := in.segs[key]; ok {
		return st
	}
	if in.segs == nil || len(in.segs) >= 64 { // a long drag: start afresh
		in.segs = map[[2]float64]analysis.SegmentStats{}
	}
	st := in.report.Segment(p.Start, p.End)
	in.segs[key] = st
	return st
}

// insPartCells is one part's row of the table: the part, its speaking
// time, pace, longest pause and filled pauses (under it), with words marking what is outside the
// usual range.
func insPartCells(p practice.Part, st analysis.SegmentStats) []fyne.CanvasObject {
	k := int(p.Kind)
	part := container.NewBorder(nil, nil, widgets.NewPartChip(k), nil, widget.NewLabel(timeline.PartName(k)))
	speech, pace, pause := widgets.MinSec(st.Speech), "no speech", "none"
	if st.Speech > 0 {
		pace = fmt.Sprintf("%.1f", st.SyllablesPerS)
		switch {
		case st.SyllablesPerS < analysis.PaceLow:
			pace += " slow"
		case st.SyllablesPerS > analysis.PaceHigh:
			pace += " fast"
		}
	}
	if st.Pauses > 0 {
		pause = fmt.Sprintf("%.1f s", st.LongestPause)
		if st.LongestPause > analysis.LongPause {
			pause += " long"
		}
	}
	cells := []fyne.CanvasObject{part}
	if st.FilledPauses > 0 {
		pause += "\n" + strconv.Itoa(st.FilledPauses) + " um"
	}
	for _, s := range []string{speech, pace, pause} {
		l := widget.NewLabel(s)
		l.Alignment = fyne.TextAlignTrailing
		cells = append(cells, l)
	}
	return cells
}

// insSeverity returns the word and icon that show a severity, so it never
// rests on colour alone.
func insSeverity(s analysis.Severity) (string, fyne.Resource) {
	switch s {
	case analysis.Good:
		return "Good", theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case analysis.Tip:
		return "Tip", theme.NewPrimaryThemedResource(theme.NavigateNextIcon())
	case analysis.Warning:
		return "Check", theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return "Note", theme.InfoIcon()
}

// insFinding is a finding's line: its icon, its severity word in bold and
// the text, wrapped.
func insFinding(s analysis.Severity, text string) fyne.CanvasObject {
	word, icon := insSeverity(s)
	rt := widget.NewRichText(
		&widget.TextSegment{Text: word + "  ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: text, Style: widget.RichTextStyleInline},
	)
	rt.Wrapping = fyne.TextWrapWord
	// The icon sits beside the first line, in line with the headings.
	pad := theme.InnerPadding()
	ic := container.New(layout.NewCustomPaddedLayout(pad*0.75, 0, pad/2, 0), widget.NewIcon(icon))
	return container.NewBorder(nil, nil, container.NewVBox(ic), nil, rt)
}

// insWrapped is body text wrapped to the panel's width.
func insWrapped(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// GhostTimes returns the suggested part boundaries of report, for
// timeline.Waveform.SetGhosts; nil when there are none.
func GhostTimes(report analysis.Report) []float64 {
	if len(report.SuggestedBoundaries) == 0 {
		return nil
	}
	return slices.Clone(report.SuggestedBoundaries)
}
