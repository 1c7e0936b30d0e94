// The answer screen: the countdown with its phase band and progress, the
// waveform filling as the answer is recorded, with the parts tagged so
// far, the tagging line, the level meter and Stop.

package turn

import (
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/timer"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

func (t *Take) showAnswer() {
	limit := t.o.Timer.Limit
	t.w = liveWidgets{}
	t.w.clock = widgets.NewBigText(timer.FormatRemaining(limit), answerClockSize)
	t.w.band = widgets.NewPhaseBand()
	t.w.band.Set(timer.Speak, "Keep going")
	t.w.progress = widget.NewProgressBar()
	// The time in words beside the bar rather than on it: Fyne writes it
	// in white, 2:1 on the bar's light track in the light theme.
	t.w.progress.TextFormatter = func() string { return "" }
	t.w.elapsed = widget.NewLabel(t.elapsedText())
	t.w.recording = widgets.NewRecordingDot()
	t.w.recording.Set("Recording 0:00")
	// The waveform fills from left to right across the answer limit.
	t.w.wave = timeline.NewWaveform()
	t.w.wave.SetDuration(limit.Seconds())
	t.w.wave.SetPeaks(t.rec.Peaks())
	t.w.wave.SetBands(timeline.PartBands(t.live.parts, -1))
	t.w.tagLine = widgets.Wrapped(t.live.note, fyne.TextAlignCenter, theme.SizeNameText, false)
	t.w.silence = widgets.Wrapped(audio.SilenceMessage(runtime.GOOS), fyne.TextAlignLeading, theme.SizeNameText, true)
	t.w.silence.Hidden = !t.live.silence
	t.w.tagLine.Hidden = t.live.silence
	t.w.stop = t.button("Stop (Space)", widget.HighImportance, t.stop)
	stop := container.NewHBox(
		t.button("Cancel (Esc)", widget.MediumImportance, func() { t.Leave(nil) }),
		t.w.stop)

	// The clock beside the phase band and progress, so the waveform gets
	// the height a small window has left.
	timing := container.NewBorder(nil, nil, t.w.clock, nil,
		container.NewVBox(layout.NewSpacer(), t.w.band,
			container.NewBorder(nil, nil, nil, t.w.elapsed, t.w.progress), layout.NewSpacer()))
	t.w.meter = widgets.NewLevelMeter()
	bottom := container.NewVBox(
		t.w.tagLine,
		t.w.silence,
		container.NewBorder(nil, nil, t.w.recording, stop, t.w.meter),
	)
	body := container.NewBorder(
		container.NewVBox(widgets.Wrapped(t.o.Question.Text, fyne.TextAlignCenter, theme.SizeNameSubHeadingText, false), timing),
		bottom, nil, t.cueSide(),
		t.w.wave,
	)
	t.show(body, widgets.WideColumn)
}

func (t *Take) updateAnswer(st timer.State, snap recorder.Snapshot) {
	if st.Overtime > 0 {
		t.w.clock.Set("+"+timer.Format(st.Overtime), theme.ColorNameError)
	} else {
		t.w.clock.Set(timer.FormatRemaining(st.Remaining), theme.ColorNameForeground)
	}
	t.w.band.Set(st.Phase, phaseText(st))
	t.w.answerElapsed = st.Elapsed
	t.w.progress.SetValue(st.Fraction)
	if text := t.elapsedText(); t.w.elapsed.Text != text {
		t.w.elapsed.SetText(text)
	}
	t.w.recording.Set("Recording " + timer.Format(framesDur(snap.Frames, snap.SampleRate)))
	t.w.meter.SetLevel(snap.Level)
	// The live parts grow with the recording; SetBands also shows the new
	// audio.
	t.growLive(snap.Frames, snap.SampleRate)
	t.w.wave.SetBands(timeline.PartBands(t.live.parts, -1))
	if snap.DigitalSilence && !t.live.silence {
		// In place of the tagging hint: with a silent input there is
		// nothing to tag yet.
		t.live.silence = true
		t.w.silence.Show()
		t.w.tagLine.Hide()
		widgets.Relayout(t.o.Window.Content())
	}
}

// elapsedText is the answer time so far against the limit: "0:05 of 2:00".
func (t *Take) elapsedText() string {
	return timer.Format(t.w.answerElapsed) + " of " + timer.Format(t.o.Timer.Limit)
}

func framesDur(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(frames) / float64(rate) * float64(time.Second))
}
