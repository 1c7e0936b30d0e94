// The live tagging of the answer being recorded (the part keys), and the
// finished take's assembly: its parts moved onto the recording's time
// and the notes on how it went.

package turn

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
	"time"

	"failforward/audio"
	"failforward/audio/recorder"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// liveState is the tagging of the take being recorded.
type liveState struct {
	// parts are in seconds from armAt, the moment the recorder was
	// armed; the take's first sample was captured within about a block
	// of it. finish moves them onto the recording's own time once the
	// recorder says when its first sample was captured.
	parts   *practice.Parts
	armAt   time.Time
	silence bool   // the silence message was shown for this take
	note    string // the line under the waveform
}

// tagHint is the line under the live waveform before the first mark.
const tagHint = "Press S T A R L (or 1 to 5) as you start each part: Situation, Task, Action, Result, Lesson."

// liveTime is how far into the recording the answer is now, in seconds
// from the moment the recorder was armed.
func (t *Take) liveTime() float64 {
	return max(0, t.o.Now().Sub(t.live.armAt).Seconds())
}

// growLive stretches the live tagging to the time recorded so far: the
// clock's, or the audio's when that is ahead.
func (t *Take) growLive(frames int64, rate int) {
	d := t.liveTime()
	if rate > 0 {
		d = max(d, float64(frames)/float64(rate))
	}
	if d > t.live.parts.Duration() {
		_ = t.live.parts.SetDuration(d) // d is finite and positive
	}
}

// markLive marks the start of a part of kind k while recording: the key
// came a reaction time after the speaker began the part.
func (t *Take) markLive(k practice.Kind) {
	if !t.answering || t.ended || t.live.parts == nil {
		return
	}
	now := t.liveTime()
	snap := t.rec.Snapshot()
	t.growLive(snap.Frames, snap.SampleRate)
	at := practice.MarkTime(now, t.o.Reaction)
	// A key held down repeats: a part of the same kind running already
	// keeps going rather than being cut into pieces.
	if i, ok := t.live.parts.Find(at); ok && t.live.parts.At(i).Kind == k {
		t.setLiveNote(fmt.Sprintf("The %s is running since %s. Press the next part's letter when you start it.", k, widgets.Clock(t.live.parts.At(i).Start)))
		return
	}
	if _, err := t.live.parts.MarkStart(k, at); err != nil {
		t.setLiveNote(fmt.Sprintf("That key was not marked (%s). Keep going; you can fix the parts afterwards.", widgets.EditProblem(err)))
		return
	}
	t.w.wave.SetBands(timeline.PartBands(t.live.parts, -1))
	t.followCue(k)
	note := fmt.Sprintf("%s from %s. Next part? Press its letter when you start it.", k, timer.Format(secDur(at)))
	if err := t.saveLive(); err != nil {
		note = fmt.Sprintf("%s from %s. (The parts could not be saved yet: %v. They are kept and saved when you stop.)", k, timer.Format(secDur(at)), err)
	}
	t.setLiveNote(note)
}

func (t *Take) setLiveNote(text string) {
	t.live.note = text
	if t.w.tagLine != nil {
		t.w.tagLine.SetText(text)
	}
}

// saveLive saves the take as being recorded, with the parts tagged so far,
// so that a crash keeps them.
func (t *Take) saveLive() error {
	tk := t.take
	tk.Duration = t.live.parts.Duration()
	tk.Parts = t.live.parts.List()
	return t.o.Library.SaveRecording(tk)
}

// finish stops the recording, saves the take and hands it over
// (Finished). reason is stoppedUser or stoppedLimit; with a non-nil
// streamErr the take ended because the input failed.
func (t *Take) finish(reason string, streamErr error) {
	t.closeAsking()
	t.stopping = false
	t.ended = true
	res, stopErr := t.rec.Stop()
	var notes []string
	if streamErr == nil && stopErr != nil && !errors.Is(stopErr, recorder.ErrNotRecording) {
		streamErr = stopErr
	}
	if streamErr != nil {
		reason = "error: " + streamErr.Error()
		notes = append(notes, t.failureNote(streamErr))
	}
	take := t.take
	take.Duration = 0
	if res.SampleRate > 0 {
		take.Duration = float64(res.Frames) / float64(res.SampleRate)
	}
	take.SampleRate = res.SampleRate
	take.Dropped = res.Dropped
	take.Stopped = reason
	if res.Frames > 0 {
		take.StartDelayMS = float64((t.armedAfter + res.FirstSample).Microseconds()) / 1000
	}
	parts, err := finalParts(t.live.parts, take.Duration, res.FirstSample)
	if parts == nil {
		parts, _ = practice.NewParts(0, nil) // 0 is a valid duration
	}
	if err != nil {
		notes = append(notes, fmt.Sprintf("The parts you tagged could not be kept (%v). Tag them again on the waveform.", err))
	}
	take.Parts = parts.List()
	if res.Dropped > 0 {
		notes = append(notes, DroppedNote(res.Dropped))
	}
	snap := t.rec.Snapshot()
	if t.live.silence || snap.DigitalSilence {
		notes = append(notes, audio.SilenceMessage(runtime.GOOS))
	}
	if err := t.o.Library.Save(take); err != nil {
		notes = append(notes, fmt.Sprintf("The take details could not be saved (%v). The recording itself is in the takes folder.", err))
	}
	pyr := t.rec.Peaks()
	_ = t.rec.Close() // the take is finished; a close error changes nothing on disk
	t.rec = nil
	t.live = liveState{}
	t.h.Finished(take, parts, pyr, notes, res.Path)
}

// finalParts moves the parts tagged while recording (in seconds from the
// moment the recorder was armed) onto the recording's time: its first
// sample was captured firstSample after that moment. Parts cut off at the
// ends go; the last part, still running at the end, runs to the end of
// the take.
// With no live tagging it returns an empty tagging.
func finalParts(live *practice.Parts, duration float64, firstSample time.Duration) (*practice.Parts, error) {
	empty, err := practice.NewParts(max(duration, 0), nil)
	if err != nil {
		return nil, err
	}
	if live == nil || live.Len() == 0 {
		return empty, nil
	}
	shift := -firstSample.Seconds()
	liveEnd := live.Duration()
	var list []practice.Part
	all := live.List()
	for i, p := range all {
		s := min(max(p.Start+shift, 0), duration)
		e := min(max(p.End+shift, 0), duration)
		// Only the last part runs on: a part before it may reach the
		// end too, when the last was marked at the very end and is
		// still empty.
		if i == len(all)-1 && p.End >= liveEnd {
			e = duration
		}
		if e-s >= practice.MinLen {
			list = append(list, practice.Part{Kind: p.Kind, Start: s, End: e})
		}
	}
	parts, err := practice.NewParts(duration, list)
	if err != nil {
		return empty, err
	}
	return parts, nil
}

// failureNote explains a take that ended early: the microphone failing, or
// the file not being written.
func (t *Take) failureNote(err error) string {
	if errors.Is(err, syscall.ENOSPC) {
		return "The disk is full, so recording stopped. Your answer up to that point is saved. Free some space, then try again."
	}
	var srcErr error
	if t.src != nil {
		srcErr = t.src.Err()
	}
	if errors.Is(err, errInputEnded) || (srcErr != nil && errors.Is(err, srcErr)) {
		return fmt.Sprintf("The microphone stopped sending sound (%v). Your answer up to that point is saved. Check the device, then try again.", err)
	}
	return fmt.Sprintf("Saving the recording failed (%v). Your answer up to that point is kept. Check that the disk has free space, then try again.", err)
}

// DroppedNote is the review's note on n blocks of sound lost while
// recording.
func DroppedNote(n uint64) string {
	if n == 1 {
		return "1 block of sound was lost between the microphone and the disk, so the recording has a short gap. Closing busy apps can help."
	}
	return fmt.Sprintf("%d blocks of sound were lost between the microphone and the disk, so the recording has short gaps. Closing busy apps can help.", n)
}
