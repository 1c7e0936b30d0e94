// What the window's tests read of a take under way.

package turn

import (
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Recorder is the take's recorder, nil once the take ended.
func (t *Take) Recorder() *recorder.Recorder { return t.rec }

// Take is the take being recorded as saved so far (its ID is "" in the
// think time).
func (t *Take) Take() practice.Take { return t.take }

// LiveParts are the parts tagged so far while answering (nil before).
func (t *Take) LiveParts() *practice.Parts { return t.live.parts }

// Clock is the large countdown of the screen on show.
func (t *Take) Clock() *widgets.BigText { return t.w.clock }

// Band is the answer's phase band (nil in the think time).
func (t *Take) Band() *widgets.PhaseBand { return t.w.band }

// StopButton is the answer's Stop button (nil in the think time).
func (t *Take) StopButton() *widgets.Button { return t.w.stop }

// Wave is the answer's waveform (nil in the think time).
func (t *Take) Wave() *timeline.Waveform { return t.w.wave }

// SilenceShown tells whether the answer shows the silent-microphone
// message in place of the tagging line.
func (t *Take) SilenceShown() bool { return t.w.silence != nil && t.w.silence.Visible() }
