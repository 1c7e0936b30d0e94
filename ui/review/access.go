package review

// What the window's tests read of the review screen, and the actions
// they take on it as a click would.

import (
	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/audio/peaks"
	"failforward/practice"
)

// Take is the take on review, as last saved or about to be.
func (v *View) Take() practice.Take { return v.take }

// Parts is the take's tagging.
func (v *View) Parts() *practice.Parts { return v.parts }

// Selected is the selected part, -1 for none.
func (v *View) Selected() int { return v.sel }

// Notes are the sentences over the timeline.
func (v *View) Notes() []string { return v.notes }

// AddNotes adds sentences over the timeline; Show shows them.
func (v *View) AddNotes(n ...string) { v.notes = append(v.notes, n...) }

// Peaks is the take's waveform, nil when it could not be read.
func (v *View) Peaks() *peaks.Pyramid { return v.pyr }

// Measuring tells whether the take is still being measured.
func (v *View) Measuring() bool { return v.measure != nil }

// Report is the take's measurements, nil until they are done.
func (v *View) Report() *analysis.Report { return v.report }

// SetReport sets the take's measurements (its suggested boundaries).
func (v *View) SetReport(r *analysis.Report) { v.report = r }

// Player is the take's player, nil when playback is off.
func (v *View) Player() audio.Player { return v.player }

// Speed is the playback speed, 1 as recorded.
func (v *View) Speed() float64 { return v.speed }

// Stretching tells whether another speed is being prepared.
func (v *View) Stretching() bool { return v.stretch != nil }

// Playhead is the playback position in seconds of the take.
func (v *View) Playhead() float64 { return v.playhead() }

// SeekAt moves playback to t seconds, as a click on the waveform does.
func (v *View) SeekAt(t float64) { v.seekAt(t) }

// AcceptGhost uses suggested boundary i, as its Use button does.
func (v *View) AcceptGhost(i int) { v.acceptGhost(i) }

// AcceptAllGhosts uses every suggested part, as Use all does.
func (v *View) AcceptAllGhosts() { v.acceptAllGhosts() }

// SaveParts saves the take with its parts and shows them, with status
// on the status line.
func (v *View) SaveParts(status string) { v.partsChanged(status) }

// ShowParts shows the parts and the selection.
func (v *View) ShowParts() { v.showParts() }

// Checklist is the self-review, nil before Show.
func (v *View) Checklist() *Checklist { return v.check }

// Layout tells how the screen is laid out: the timeline and the insights
// side by side (wide), each shown or not, and whether the button that
// switches between them is.
func (v *View) Layout() (wide, timeline, insights, toggle bool) {
	l := v.w.layout
	return l.wide, l.main.Visible(), l.side.Visible(), v.w.insightsBtn.Visible()
}
