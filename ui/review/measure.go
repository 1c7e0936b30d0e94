// The analysis of the take behind the insights panel and the timeline's
// pauses and suggested boundaries.

package review

import (
	"fmt"

	"failforward/audio/analysis"
	"failforward/internal/job"
	"failforward/practice"
	"failforward/ui/widgets"
)

// pollJobs takes in the results of the review's background work.
func (v *View) pollJobs() {
	r := v
	if j := r.stretch; j != nil {
		if res, ok := j.Result(); ok {
			r.stretch = nil
			if res.Err != nil {
				v.setStatus(fmt.Sprintf("Playback at %s is not available (%v). It stays at %s.", speedLabel(r.want), res.Err, speedLabel(r.speed)))
				r.want = r.speed
				if v.w.speed != nil {
					v.w.speed.SetSelected(speedLabel(r.speed))
				}
			} else {
				if r.stretched == nil {
					r.stretched = map[float64][]int16{}
				}
				r.stretched[r.want] = res.Val
				v.applySpeed(r.want, res.Val)
			}
		}
	}
	if j := r.measure; j != nil {
		if res, ok := j.Result(); ok {
			r.measure = nil
			if res.Err != nil {
				r.insights.SetError(res.Err)
			} else {
				r.report = &res.Val
				v.saveMeasures(res.Val)
				if v.w.wave != nil {
					v.w.wave.SetGhosts(GhostTimes(res.Val))
					v.w.wave.SetPauses(pauseSpans(res.Val))
					v.w.wave.SetFillers(fillerSpans(res.Val))
				}
			}
			v.updateInsights()
			// The panel may need more room now. Its new content learns its
			// size in a first layout, as wrapped labels do: two passes.
			widgets.Relayout(v.win.Content())
			widgets.Relayout(v.win.Content())
		}
	}
}

// saveMeasures keeps the take's filled-pause figures in its take.json when
// they changed, so the progress screen can show them without analysing
// every take again.
func (v *View) saveMeasures(rep analysis.Report) {
	r := v
	m := practice.Measures{FilledPauses: len(rep.FilledPauses), FilledPausesPerMin: rep.FilledPausesPerMin}
	if r.take.ID == "" || (r.take.Measures != nil && *r.take.Measures == m) {
		return
	}
	r.take.Measures = &m
	if err := v.lib.Save(r.take); err != nil {
		v.setStatus(fmt.Sprintf("The take's figures could not be saved with it (%v); they are measured again the next time you open it.", err))
	}
}

// pauseSpans returns the report's pauses as the timeline draws them.
func pauseSpans(r analysis.Report) [][2]float64 {
	spans := make([][2]float64, len(r.Pauses))
	for i, p := range r.Pauses {
		spans[i] = [2]float64{p.Start, p.End}
	}
	return spans
}

// fillerSpans returns the filled pauses of r as {start, end} spans.
func fillerSpans(r analysis.Report) [][2]float64 {
	spans := make([][2]float64, len(r.FilledPauses))
	for i, p := range r.FilledPauses {
		spans[i] = [2]float64{p.Start, p.End}
	}
	return spans
}

// startInsights creates the side panel of the review and starts measuring
// the take for it.
func (v *View) startInsights(audioPath string) {
	r := v
	r.insights = NewInsights()
	r.insights.OnAcceptGhost = v.acceptGhost
	r.insights.OnAcceptAll = v.acceptAllGhosts
	r.measure = job.Start(func(<-chan struct{}) (analysis.Report, error) {
		return analysis.File(audioPath)
	})
}

// updateInsights shows the take and its parts in the side panel.
func (v *View) updateInsights() {
	r := v
	if r.insights != nil {
		r.insights.Update(r.take, r.parts.List(), r.report)
	}
}
