// Editing of the parts on the timeline: selecting, tagging, relabelling,
// splitting, removing, dragging boundaries, undo, the status line, the
// suggested boundaries, and the labels' export.

package review

import (
	"fmt"
	"math"
	"path/filepath"

	"fyne.io/fyne/v2"

	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Bands returns the parts as the waveform's bands, part sel selected.
func Bands(p *practice.Parts, sel int) []timeline.Band { return timeline.PartBands(p, sel) }

// EditProblem turns an error of the parts model into a sentence: its
// message (practice.Message), starting with a capital.
func EditProblem(err error) string { return widgets.EditProblem(err) }

// targetPart returns the selected part, or else the part at the playhead
// (selecting it).
func (v *View) targetPart() (int, bool) {
	r := v
	if r.sel >= 0 && r.sel < r.parts.Len() {
		return r.sel, true
	}
	if i, ok := r.parts.Find(v.playhead()); ok {
		v.selectPart(i)
		return i, true
	}
	return -1, false
}

// stepPart moves the playhead to the start of the previous (dir < 0) or
// next part and selects it. Back from just after a part's start goes to
// the part before, as a player's previous-track key does.
func (v *View) stepPart(dir int) {
	r := v
	if r.parts.Len() == 0 {
		v.setStatus("Nothing is tagged yet, so there is no part to step to.")
		return
	}
	const grace = 0.3 // seconds
	t := v.playhead()
	idx := -1
	if dir > 0 {
		for i := range r.parts.Len() {
			if r.parts.At(i).Start > t+0.001 {
				idx = i
				break
			}
		}
	} else {
		for i := r.parts.Len() - 1; i >= 0; i-- {
			if r.parts.At(i).Start < t-grace {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		if dir > 0 {
			v.setStatus("That was the last part.")
		} else {
			v.setStatus("That was the first part.")
		}
		return
	}
	r.part = nil
	v.w.wave.SetSelection(0, 0)
	v.selectPart(idx)
	pt := r.parts.At(idx)
	v.seekSeconds(pt.Start)
	v.setStatus(selectedText(pt))
	v.tickReview()
}

func selectedText(pt practice.Part) string {
	return fmt.Sprintf("%s selected (%s to %s). P plays it; a letter relabels it; Delete removes it.", pt.Kind, clock(pt.Start), clock(pt.End))
}

// clock formats seconds as m:ss.
func clock(s float64) string { return widgets.Clock(s) }

// selectPart selects part i (-1: none) and shows it.
func (v *View) selectPart(i int) {
	r := v
	if i >= r.parts.Len() {
		i = -1
	}
	r.sel = i
	v.showParts()
}

// clearSelection drops the selected part and range, and the line that
// named them.
func (v *View) clearSelection() {
	had := v.sel >= 0
	if v.w.wave != nil {
		if _, _, ok := v.w.wave.Selection(); ok {
			had = true
		}
		v.w.wave.SetSelection(0, 0)
	}
	if v.sel >= 0 {
		v.selectPart(-1)
	}
	if had {
		v.setStatus("")
	}
}

// bandTapped selects the tapped band.
func (v *View) bandTapped(i int) {
	v.w.wave.SetSelection(0, 0)
	v.selectPart(i)
	v.setStatus(selectedText(v.parts.At(i)))
}

// rangeSelected is called while a range is dragged out on the waveform.
func (v *View) rangeSelected(start, end float64) {
	if v.sel >= 0 {
		v.selectPart(-1)
	}
	v.setStatus(fmt.Sprintf("%s to %s selected. Press S T A R L (or 1 to 5) to tag it as that part.", clock(start), clock(end)))
}

// reviewRune handles the review screen's character keys and reports
// whether it used r.
func (v *View) reviewRune(r rune) bool {
	if k, ok := practice.KindForKey(string(r)); ok {
		return v.partKey(k)
	}
	switch r {
	case 'p', 'P':
		v.playPart()
	case 'o', 'O':
		v.toggleLoop()
	case 'x', 'X':
		v.split()
	case 'e', 'E':
		v.exportLabels()
	case 'i', 'I':
		v.toggleInsights()
	case '[':
		v.stepPart(-1)
	case ']':
		v.stepPart(1)
	case ',', '<':
		v.stepSpeed(-1)
	case '.', '>':
		v.stepSpeed(1)
	case '+', '=':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
	case '-':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyMinus})
	case '0':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.Key0})
	default:
		return false
	}
	return true
}

// partKey tags the selected range as a part of kind k, or relabels the
// selected part. With nothing selected it says what to select: a part
// letter means the part whatever the state (Retake is Ctrl+R).
func (v *View) partKey(k practice.Kind) bool {
	if start, end, ok := v.w.wave.Selection(); ok {
		v.edit(func(p *practice.Parts) (int, error) { return p.Tag(start, end, k) },
			fmt.Sprintf("Tagged %s to %s as %s.", clock(start), clock(end), k))
		v.w.wave.SetSelection(0, 0)
		return true
	}
	if i := v.sel; i >= 0 {
		v.edit(func(p *practice.Parts) (int, error) { return i, p.Relabel(i, k) },
			fmt.Sprintf("Part %d is now the %s.", i+1, k))
		return true
	}
	v.setStatus(fmt.Sprintf("To tag the %s, select a part (click its band) or drag across the waveform first, then press %s.", k, k.Letter()))
	return true
}

// split cuts the part at the playhead in two.
func (v *View) split() {
	t := v.playhead()
	v.edit(func(p *practice.Parts) (int, error) { return p.Split(t) },
		fmt.Sprintf("Split at %s. The second half is selected.", clock(t)))
}

// deleteSelected removes the selected part.
func (v *View) deleteSelected() {
	i := v.sel
	if i < 0 {
		v.setStatus("Select a part first (click its band); then Delete removes it.")
		return
	}
	kind := v.parts.At(i).Kind
	v.edit(func(p *practice.Parts) (int, error) { return -1, p.Delete(i) },
		fmt.Sprintf("Removed the %s. Undo (Ctrl+Z) brings it back.", kind))
}

// undo takes back the last edit of the parts.
func (v *View) undo() {
	if !v.parts.Undo() {
		v.setStatus("Nothing to undo.")
		return
	}
	v.sel = -1
	v.partsChanged("Undone.")
}

// redo applies the last undone edit again.
func (v *View) redo() {
	if !v.parts.Redo() {
		v.setStatus("Nothing to redo.")
		return
	}
	v.sel = -1
	v.partsChanged("Redone.")
}

// edit makes one change to the parts: fn returns the part to select (-1:
// none). A change the model refuses is not made and its reason shown.
func (v *View) edit(fn func(p *practice.Parts) (int, error), done string) {
	sel, err := fn(v.parts)
	if err != nil {
		v.setStatus("Not changed: " + EditProblem(err))
		return
	}
	v.sel = sel
	v.partsChanged(done)
}

// dragBoundary moves a part edge as it is dragged; the whole drag is one
// step for Undo.
func (v *View) dragBoundary(i int, end bool, t float64) {
	r := v
	if !r.dragging {
		r.dragging = true
		r.dragFrom = r.parts.List()
		r.parts.Begin()
	}
	e := practice.StartEdge
	if end {
		e = practice.EndEdge
	}
	got, err := r.parts.MoveEdge(i, e, t)
	if err != nil {
		v.setStatus("Not changed: " + EditProblem(err))
		return
	}
	v.setStatus("Boundary at " + clockTenths(got))
	v.showParts()
}

// dragEnded ends a boundary drag: it saves the result as one edit.
func (v *View) dragEnded() {
	r := v
	if !r.dragging {
		return
	}
	r.dragging = false
	r.parts.Commit()
	if partsEqual(r.dragFrom, r.parts.List()) {
		return
	}
	v.partsChanged("Boundary moved. Undo (Ctrl+Z) puts it back.")
}

func partsEqual(a, b []practice.Part) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clockTenths formats seconds as m:ss.t.
func clockTenths(s float64) string {
	t := int64(math.Round(s * 10))
	return fmt.Sprintf("%d:%02d.%d", t/600, t/10%60, t%10)
}

// partsChanged saves the take with its parts and shows them.
func (v *View) partsChanged(done string) {
	r := v
	r.take.Parts = r.parts.List()
	if err := v.lib.Save(r.take); err != nil {
		done = fmt.Sprintf("%s But it could not be saved (%v); it stays here while the window is open. Check the takes folder, then make another change to save again.", done, err)
	}
	v.setStatus(done)
	v.showParts()
}

// showParts shows the parts and the selection on the waveform, the state
// of the edit buttons and the insights panel.
func (v *View) showParts() {
	r := v
	if v.w.wave == nil {
		return
	}
	v.w.wave.SetBands(Bands(r.parts, r.sel))
	if v.w.undo != nil {
		widgets.SetEnabled(v.w.undo, r.parts.CanUndo())
		widgets.SetEnabled(v.w.redo, r.parts.CanRedo())
		widgets.SetEnabled(v.w.del, r.sel >= 0)
	}
	if !r.dragging { // the panel is rebuilt once the drag ends
		v.updateInsights()
	}
}

// setStatus shows what the last action did on the review screen.
func (v *View) setStatus(text string) {
	v.status = text
	if v.w.status != nil {
		if text == "" {
			text = Hint
		}
		if v.w.status.Text != text {
			h := v.w.status.MinSize().Height
			v.w.status.SetText(text)
			if v.w.status.MinSize().Height != h {
				widgets.Relayout(v.win.Content()) // it wraps to another number of lines
			}
		}
	}
}

// Hint is the status line before the first action.
const Hint = "Click a band to select a part, drag its edges to adjust, or drag across the waveform and press S T A R L to tag. F1 lists every key."

// Names of the label files Export writes into the take's folder.
const (
	LabelsName   = "labels.txt"
	ChaptersName = "chapters.vtt"
)

// exportLabels writes the parts as an Audacity label track and as WebVTT
// chapters into the take's folder.
func (v *View) exportLabels() {
	r := v
	list := r.parts.List()
	if len(list) == 0 {
		v.setStatus("Nothing is tagged yet, so there are no labels to export. Tag the parts first, then export.")
		return
	}
	audioPath := v.lib.AudioPath(r.take.ID)
	if audioPath == "" {
		v.setStatus("This take has no folder to export into.")
		return
	}
	dir := filepath.Dir(audioPath)
	files := []struct{ name, text string }{
		{LabelsName, practice.FormatAudacity(list)},
		{ChaptersName, practice.FormatWebVTT(list)},
	}
	for _, f := range files {
		if err := practice.WriteFileAtomic(filepath.Join(dir, f.name), []byte(f.text)); err != nil {
			v.setStatus(fmt.Sprintf("The labels could not be written (%v). Check that the takes folder can be written, then export again.", err))
			return
		}
	}
	v.setStatus(fmt.Sprintf("Exported %s (Audacity labels) and %s (WebVTT chapters) to %s", LabelsName, ChaptersName, dir))
}

// acceptGhost makes suggested boundary i the start of part kind i+1. When
// the take has a part of that kind already, its start moves there (with
// the end of the part before it, when they touch), so Use never makes a
// second part of the same kind beside the first; otherwise a part of that
// kind starts there.
func (v *View) acceptGhost(i int) {
	r := v
	if r.report == nil || i < 0 || i >= len(r.report.SuggestedBoundaries) {
		return
	}
	t := r.report.SuggestedBoundaries[i]
	k := practice.Kind(i + 1)
	j := nearestOfKind(r.parts, k, t)
	if j < 0 {
		v.edit(func(p *practice.Parts) (int, error) { return p.MarkStart(k, t) },
			fmt.Sprintf("The %s now starts at %s.", k, clock(t)))
		return
	}
	var got float64
	moved := false
	v.edit(func(p *practice.Parts) (int, error) {
		var err error
		got, err = p.MoveEdge(j, practice.StartEdge, t)
		moved = err == nil
		return j, err
	}, "")
	if !moved {
		return // edit said why
	}
	msg := fmt.Sprintf("The %s now starts at %s.", k, clock(got))
	if math.Abs(got-t) > 0.0005 {
		msg = fmt.Sprintf("The %s now starts at %s, as near to the suggested %s as the parts around it allow.", k, clock(got), clock(t))
	}
	v.setStatus(msg)
}

// nearestOfKind is the index of the part of kind k that starts nearest to
// t, -1 when there is none.
func nearestOfKind(p *practice.Parts, k practice.Kind, t float64) int {
	best := -1
	for i := range p.Len() {
		if p.At(i).Kind != k {
			continue
		}
		if best < 0 || math.Abs(p.At(i).Start-t) < math.Abs(p.At(best).Start-t) {
			best = i
		}
	}
	return best
}

// acceptAllGhosts replaces the parts with the ones the pauses suggest, as
// one step for Undo.
func (v *View) acceptAllGhosts() {
	r := v
	if r.report == nil {
		return
	}
	list := practice.SuggestedParts(*r.report, r.parts.Duration())
	if list == nil {
		v.setStatus("There are no suggested parts for this take.")
		return
	}
	v.edit(func(p *practice.Parts) (int, error) {
		p.Begin()
		var err error
		for i := p.Len() - 1; i >= 0 && err == nil; i-- {
			err = p.Delete(i)
		}
		for _, q := range list {
			if err == nil {
				_, err = p.Tag(q.Start, q.End, q.Kind)
			}
		}
		p.Commit()
		if err != nil {
			p.Undo()
		}
		return -1, err
	}, "Tagged the five suggested parts. Undo (Ctrl+Z) brings back the ones before.")
}
