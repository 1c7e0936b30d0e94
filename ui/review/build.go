// The screen's layout (heading, timeline, controls, side panel) and the
// saving of the self-review.

package review

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
	"failforward/timer"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Show builds the review screen and puts it on the window: the take's timeline with its parts,
// playback and editing controls, and the insights panel beside it (below
// it in a narrow window), each part scrolling on its own.
func (v *View) Show() {
	v.w = screenWidgets{}
	r := v
	top := v.reviewHeading()
	v.reviewWave()
	transport, tools, export := v.reviewControls()
	v.w.status = widgets.Wrapped(Hint, fyne.TextAlignLeading, theme.SizeNameText, false)
	v.setStatus(r.status)
	v.w.insightsBtn = v.button("How it went (I)", widget.MediumImportance, v.toggleInsights)
	leave := container.NewHBox(export, v.w.insightsBtn, layout.NewSpacer(),
		v.button("Retake (Ctrl+R)", widget.MediumImportance, v.h.Retake),
		v.button("New question (N)", widget.MediumImportance, v.h.Next))

	main := container.New(&mainLayout{}, container.NewVScroll(top), v.w.wave,
		container.NewVBox(transport, tools,
			container.New(&hintFloor{ghost: widgets.Wrapped(Hint, fyne.TextAlignLeading, theme.SizeNameText, false)}, v.w.status),
			leave))
	panel, back, side := v.reviewSide()
	v.w.layout = &sideLayout{main: container.NewVScroll(main), side: side, panel: panel,
		toggle: v.w.insightsBtn, back: back, showSide: r.showInsights}
	v.content = container.New(v.w.layout, v.w.layout.main, side)
	v.h.Show(v.content)
	v.showParts()
	v.tickReview()
}

// reviewHeading is the top of the review screen: the question, the
// answer's length against its limit, the feedback and any notes.
func (v *View) reviewHeading() *fyne.Container {
	r := v
	t := r.take
	summary := "Your answer: " + clock(t.Duration) + " of " + timer.Format(v.limit)
	if t.LimitS > 0 {
		summary = "Your answer: " + clock(t.Duration) + " of " + clock(t.LimitS)
	}
	question := t.QuestionText
	if question == "" {
		question = v.question
	}
	top := container.NewVBox(
		widgets.Wrapped(question, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false),
		widgets.Wrapped(summary, fyne.TextAlignLeading, theme.SizeNameHeadingText, true),
	)
	if v.feedback != "" {
		top.Add(widgets.Wrapped(v.feedback, fyne.TextAlignLeading, theme.SizeNameText, false))
	}
	for _, n := range r.notes {
		top.Add(widgets.Wrapped(n, fyne.TextAlignLeading, theme.SizeNameText, false))
	}

	return top
}

// reviewWave makes the review's timeline, with the take's peaks and parts
// and the window's handlers.
func (v *View) reviewWave() {
	r := v
	t := r.take
	v.w.wave = timeline.NewWaveform()
	v.w.wave.SetPeaks(r.pyr)
	v.w.wave.SetDuration(t.Duration)
	v.w.wave.SetFollow(true)
	if r.report != nil {
		v.w.wave.SetGhosts(GhostTimes(*r.report))
	}
	v.w.wave.OnTapped = v.seekAt
	v.w.wave.OnBandTapped = v.bandTapped
	v.w.wave.OnDragBoundary = v.dragBoundary
	v.w.wave.OnSelectRange = v.rangeSelected
	v.w.wave.OnDragEnd = v.dragEnded
}

// reviewControls makes the playback row (play, seek bar, position,
// speed), the row of part and editing tools, and the export button.
func (v *View) reviewControls() (transport, tools, export fyne.CanvasObject) {
	r := v
	v.w.play = v.button("Play (Space)", widget.HighImportance, v.togglePlay)
	v.w.seek = widgets.NewSeekBar(v.seekTo)
	v.w.position = widget.NewLabel(v.positionText(0))
	labels := make([]string, len(speeds))
	for i, s := range speeds {
		labels[i] = speedLabel(s)
	}
	v.w.speed = widgets.NewSelect(v.keys, labels, nil)
	v.w.speed.SetSelected(speedLabel(r.want))
	v.w.speed.OnChanged = func(s string) {
		if f, err := strconv.ParseFloat(strings.TrimSuffix(s, "x"), 64); err == nil {
			v.setSpeed(f)
		}
	}
	prev := v.button("[ Part", widget.MediumImportance, func() { v.stepPart(-1) })
	next := v.button("Part ]", widget.MediumImportance, func() { v.stepPart(1) })
	v.w.playPart = v.button("Play part (P)", widget.MediumImportance, v.playPart)
	v.w.loop = v.button(loopLabel(r.loop), widget.MediumImportance, v.toggleLoop)
	if v.player == nil {
		for _, w := range []fyne.Disableable{v.w.play, v.w.speed, prev, next, v.w.playPart, v.w.loop} {
			w.Disable()
		}
		v.w.seek.SetDisabled(true)
	}
	// The button keeps the width of its longer label, so the bar beside it
	// does not jump between Play and Pause.
	playBox := container.NewGridWrap(v.button("Pause (Space)", widget.HighImportance, nil).MinSize(), v.w.play)

	v.w.undo = v.iconButton("", theme.ContentUndoIcon(), v.undo)
	v.w.redo = v.iconButton("", theme.ContentRedoIcon(), v.redo)
	v.w.split = v.iconButton("Split (X)", theme.ContentCutIcon(), v.split)
	v.w.del = v.iconButton("", theme.DeleteIcon(), v.deleteSelected)
	export = v.iconButton("Export labels (E)", theme.DocumentSaveIcon(), v.exportLabels)
	transport = container.NewBorder(nil, nil, playBox,
		container.NewHBox(v.w.position, widget.NewLabel("Speed"), v.w.speed), v.w.seek)
	tools = container.NewHBox(prev, next, v.w.playPart, v.w.loop, layout.NewSpacer(),
		v.w.undo, v.w.redo, v.w.split, v.w.del)

	return transport, tools, export
}

// reviewSide makes the side of the review: the insights panel and the
// self-review in tabs, with the way back to the timeline for a narrow
// window.
func (v *View) reviewSide() (panel fyne.CanvasObject, back *widgets.Button, side fyne.CanvasObject) {
	r := v
	t := r.take
	// The insights panel's place: beside the timeline in a wide window;
	// in a narrow one it takes the timeline's place while "How it went"
	// is on.
	panel = container.NewStack()
	if r.insights != nil {
		panel = r.insights.CanvasObject()
	}
	back = v.button("Back to the timeline (I)", widget.MediumImportance, v.toggleInsights)
	if r.check == nil {
		r.check = NewChecklist(t, v.reviewChanged, v.keys, v.h.Nav, v.h.Guide)
	}
	r.tabs = container.NewAppTabs(
		container.NewTabItem("How it went", panel),
		container.NewTabItem("Your review (V)", container.NewVScroll(r.check.Content())))
	if r.showChecklist {
		r.tabs.SelectIndex(1)
	}
	r.tabs.OnSelected = func(ti *container.TabItem) { r.showChecklist = r.tabs.SelectedIndex() == 1 }
	side = container.NewBorder(container.NewHBox(back), nil, nil, nil, r.tabs)
	return panel, back, side
}

// toggleInsights shows the insights panel in place of the timeline, or the
// timeline again, in a window too narrow for both.
func (v *View) toggleInsights() {
	if v.w.layout == nil || v.w.layout.wide {
		return
	}
	v.showInsights = !v.showInsights
	v.w.layout.showSide = v.showInsights
	v.win.Content().Refresh()
	widgets.Relayout(v.win.Content())
}

func (v *View) iconButton(label string, icon fyne.Resource, tapped func()) *widgets.Button {
	b := v.button(label, widget.MediumImportance, tapped)
	b.Icon = icon
	return b
}

// reviewSaveEvery is how often typing in the self-review's notes is
// saved; ticks and leaving the review save the rest.
const reviewSaveEvery = time.Second

// reviewChanged takes in a change of the self-review on the review screen.
// Ticks and checks are saved at once, notes at most every second.
func (v *View) reviewChanged(rv practice.SelfReview) {
	r := v
	notesOnly := rv.Notes != r.take.Review.Notes && rv.Rating == r.take.Review.Rating &&
		len(rv.Checked) == len(r.take.Review.Checked)
	r.take.Review = rv
	r.reviewDirty = true
	if !notesOnly || v.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		v.saveReview(false)
	}
}

// saveReview saves the self-review of the take on review if it changed.
// When the review screen is being left, a failure is shown in a dialog
// with the notes, so they can be copied; otherwise on the status line.
func (v *View) saveReview(leaving bool) {
	r := v
	if !r.reviewDirty || r.take.ID == "" {
		return
	}
	r.reviewDirty = false
	r.reviewSaved = v.now()
	err := v.lib.Save(r.take)
	if err == nil {
		return
	}
	r.reviewDirty = true
	if !leaving {
		v.setStatus(fmt.Sprintf("Your review could not be saved (%v). Check that the takes folder can be written; your notes stay on screen.", err))
		return
	}
	msg := fmt.Sprintf("Your review of this take could not be saved (%v). Check that the takes folder can be written.", err)
	if r.take.Review.Notes != "" {
		msg += " Your notes were:\n\n" + r.take.Review.Notes
	}
	dialog.ShowInformation("Your review was not saved", msg, v.win)
}

// tickReviewNotes saves notes typed since the last save, once a second.
func (v *View) tickReviewNotes() {
	if r := v; r.reviewDirty && v.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		v.saveReview(false)
	}
}

// showChecklistTab switches the review screen's side panel to the
// self-review (V).
func (v *View) showChecklistTab() {
	r := v
	if r.tabs == nil {
		return
	}
	r.showChecklist = true
	r.tabs.SelectIndex(1)
	if v.w.layout != nil && !v.w.layout.wide && !r.showInsights {
		v.toggleInsights()
	}
	if r.check != nil {
		r.check.FocusFirst(v.win)
	}
}
