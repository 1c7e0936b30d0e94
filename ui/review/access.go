package review

// What the window reads of the review screen, and what its tests read and
// do where the screen shows nothing to find on the window. The tests that
// exercise the review alone live in this package and read its fields; the
// window's tests find buttons, labels and the timeline on the window
// (ui/internal/uitest.Find) and what was saved in the library.

import (
	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/audio/peaks"
	"failforward/practice"
)

// Take is the take on review, as last saved or about to be. It stays
// because the window needs it: navigation records which take it leaves.
func (v *View) Take() practice.Take { return v.take }

// AddNotes adds sentences over the timeline; Show shows them. It stays so
// that the window's layout test can show the notes of a silent microphone
// or lost blocks without recording such a take.
func (v *View) AddNotes(n ...string) { v.notes = append(v.notes, n...) }

// Peaks is the take's waveform, nil when it could not be read. It stays
// because the timeline keeps no handle on it: a window test checks that a
// take opened from the library is drawn from its file.
func (v *View) Peaks() *peaks.Pyramid { return v.pyr }

// Measuring tells whether the take is still being measured. It stays
// because the measurements run in the background: the window's tests wait
// for them before a golden file or a check of what they brought.
func (v *View) Measuring() bool { return v.measure != nil }

// Report is the take's measurements, nil until they are done. It stays so
// that a window test can compare them with what take.json keeps.
func (v *View) Report() *analysis.Report { return v.report }

// Player is the take's player, nil when playback is off. It stays because
// no widget tells whether a player is open: the window's tests check that
// leaving closes it and that another speed opens a new one.
func (v *View) Player() audio.Player { return v.player }

// Checklist is the self-review, nil before Show. It stays because it is
// an object of its own, not a widget to find on the window: the window's
// tests fill it in and follow its links into the guide.
func (v *View) Checklist() *Checklist { return v.check }

// Layout tells how the screen is laid out: the timeline and the insights
// side by side (wide), each shown or not, and whether the button that
// switches between them is. It stays because "wide" is the layout's
// decision, not a widget: the window's small-window test reads it.
func (v *View) Layout() (wide, timeline, insights, toggle bool) {
	l := v.w.layout
	return l.wide, l.main.Visible(), l.side.Visible(), v.w.insightsBtn.Visible()
}
