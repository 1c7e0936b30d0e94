// The think screen, and the cue card in a column beside the think and
// answer screens.

package turn

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Sizes of the screens.
const (
	thinkClockSize  = 96
	answerClockSize = 112
	// cueColumn is the width of the cue card beside the think and answer
	// screens.
	cueColumn = 300
)

// liveWidgets holds the widgets of the screen on show that the ticks
// update.
type liveWidgets struct {
	stop          *widgets.Button // answer: Stop, "Saving…" once pressed
	clock         *widgets.BigText
	band          *widgets.PhaseBand
	progress      *widget.ProgressBar
	meter         *widgets.LevelMeter
	recording     *widgets.RecordingDot
	elapsed       *widget.Label // answer: the time so far, beside the bar
	answerElapsed time.Duration

	wave      *timeline.Waveform
	tagLine   *widget.Label     // answer: the keys hint, then the last mark
	silence   *widget.Label     // answer: the silent-microphone message
	cueScroll *container.Scroll // think and answer: the cue card beside
}

func (t *Take) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(t.o.Keys, label, imp, tapped)
}

// show puts body on the window, in a column no wider than maxW.
func (t *Take) show(body fyne.CanvasObject, maxW float32) {
	t.content = body
	t.h.Show(body, maxW)
}

// cueSide is the cue card in a column of its own beside the screen, or
// nil when it is hidden.
func (t *Take) cueSide() fyne.CanvasObject {
	card := t.o.CueCard
	if card == nil {
		return nil
	}
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(fyne.NewSize(cueColumn, 0))
	t.w.cueScroll = container.NewVScroll(widget.NewCard("", "", card))
	return container.NewStack(floor, t.w.cueScroll)
}

// followCue scrolls the cue card beside the answer to the note of part
// k, the one just tagged, so the cues needed late in an answer (Result,
// Lesson) come into view without a key or the mouse.
func (t *Take) followCue(k practice.Kind) {
	sc := t.w.cueScroll
	if sc == nil || t.o.Cue == nil {
		return
	}
	row := t.o.Cue.Row(k)
	if row == nil {
		return
	}
	drv := fyne.CurrentApp().Driver()
	y := drv.AbsolutePositionForObject(row).Y - drv.AbsolutePositionForObject(sc.Content).Y
	sc.ScrollToOffset(fyne.NewPos(0, max(0, y-theme.Padding())))
}

func (t *Take) showThink() {
	t.w = liveWidgets{}
	t.w.clock = widgets.NewBigText(timer.FormatRemaining(t.o.Timer.Think), thinkClockSize)
	mic := widget.NewLabel("Microphone")
	t.w.meter = widgets.NewLevelMeter()
	body := container.NewVBox(
		layout.NewSpacer(),
		QuestionCard(t.o.Question.Text),
		widgets.Wrapped("Think time", fyne.TextAlignCenter, theme.SizeNameSubHeadingText, true),
		t.w.clock,
		widgets.Wrapped("Space: start answering now", fyne.TextAlignCenter, theme.SizeNameText, false),
		widgets.Centered(t.button("Cancel (Esc)", widget.MediumImportance, func() { t.Leave(nil) })),
		layout.NewSpacer(),
		container.NewBorder(nil, nil, mic, nil, t.w.meter),
		widgets.Wrapped("Recording starts when the answer time starts.", fyne.TextAlignCenter, theme.SizeNameCaptionText, false),
	)
	if side := t.cueSide(); side != nil {
		t.show(container.NewBorder(nil, nil, nil, side, body), widgets.WideColumn)
		return
	}
	t.show(body, widgets.MaxColumn)
}

func (t *Take) updateThink(st timer.State, snap recorder.Snapshot) {
	t.w.clock.Set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	t.w.meter.SetLevel(snap.Level)
}
