// Playback of the take on review: opening its file, the playhead, seeking,
// a part played alone and looping.

package review

import (
	"errors"
	"fmt"
	"math"
	"time"

	"failforward/audio"
	"failforward/audio/takefile"
	"failforward/timer"
)

// OpenPlayer opens the take for playback: streamed from the file when
// the Audio can (StreamAudio), so a long take needs little memory, else
// read whole. Review works without it; any problem becomes a note.
func (v *View) OpenPlayer(path string) {
	v.closePlayer()
	if path == "" {
		return
	}
	p, rec, err := openRecording(v.audio, path)
	var unreadable *unreadableError
	switch {
	case errors.As(err, &unreadable):
		v.notes = append(v.notes, fmt.Sprintf("The recording could not be read for playback (%v).", unreadable.err))
		return
	case errors.Is(err, errEmptyRecording):
		v.notes = append(v.notes, "The recording is empty, so there is nothing to play.")
		return
	case errors.Is(err, audio.ErrNoOutput):
		v.notes = append(v.notes, "No speakers or headphones found, so playback is off. Your answer is saved; connect an output device to listen later.")
		return
	case err != nil:
		v.notes = append(v.notes, fmt.Sprintf("Playback could not start (%v). Your answer is saved.", err))
		return
	}
	v.player, v.rate = p, rec.rate
	v.samples, v.frames = rec.samples, rec.frames
	if rec.streamed {
		v.path = path
	}
}

// errEmptyRecording is openRecording's error for a file with no audio.
var errEmptyRecording = errors.New("review: the recording is empty")

// unreadableError is openRecording's error for a file it could not read.
type unreadableError struct{ err error }

func (e *unreadableError) Error() string { return e.err.Error() }

func (e *unreadableError) Unwrap() error { return e.err }

// recording is what openRecording read of a take's file.
type recording struct {
	rate     int     // frames a second
	frames   int64   // the take's length
	samples  []int16 // the whole take when it is not streamed
	streamed bool    // the player reads the file as it plays
}

// openRecording opens playback of the WAV at path with a: streamed from the file
// when the audio can, else read whole. The error is an *unreadableError
// when the file could not be read, errEmptyRecording when it holds no
// audio, and otherwise the player's.
func openRecording(a Audio, path string) (audio.Player, recording, error) {
	if sa, ok := a.(StreamAudio); ok {
		src, err := takefile.Open(path)
		if err != nil {
			return nil, recording{}, &unreadableError{err}
		}
		rec := recording{rate: src.Rate(), frames: src.Len(), streamed: true}
		if rec.frames == 0 {
			_ = src.Close() // read-only: nothing to lose
			return nil, rec, errEmptyRecording
		}
		p, err := sa.OpenStream(src, rec.rate) // takes src over
		return p, rec, err
	}
	samples, rate, err := takefile.Read(path)
	if err != nil {
		return nil, recording{}, &unreadableError{err}
	}
	rec := recording{rate: rate, frames: int64(len(samples)), samples: samples}
	if rec.frames == 0 {
		return nil, rec, errEmptyRecording
	}
	p, err := a.OpenPlayer(samples, rate)
	return p, rec, err
}

func (v *View) closePlayer() {
	if v.player != nil {
		_ = v.player.Close() // playback only; nothing to save
		v.player = nil
	}
	v.underruns = 0 // the next player counts from 0
}

// takeSeconds is the length of the take on review.
func (v *View) takeSeconds() float64 {
	if n := v.frames; n > 0 && v.rate > 0 {
		return float64(n) / float64(v.rate)
	}
	return v.take.Duration
}

// playhead is the playback position in seconds of the take (whatever the
// speed).
func (v *View) playhead() float64 {
	if v.player == nil || v.rate <= 0 {
		return 0
	}
	return min(float64(v.player.Position())*v.scale/float64(v.rate), v.takeSeconds())
}

// seekSeconds moves playback to t seconds into the take.
func (v *View) seekSeconds(t float64) {
	if v.player == nil || v.rate <= 0 {
		return
	}
	t = min(max(t, 0), v.takeSeconds())
	v.player.SeekFrame(min(int64(math.Round(t*float64(v.rate)/v.scale)), v.player.Len()))
}

// togglePlay plays or pauses; at the end it plays again from the start (of
// the part, when one is playing alone).
func (v *View) togglePlay() {
	p := v.player
	if p == nil {
		return
	}
	if p.Playing() {
		p.Pause()
	} else {
		if pt := v.part; pt != nil && v.playhead() >= pt.end {
			v.seekSeconds(pt.start)
		} else if p.Position() >= p.Len() {
			p.SeekFrame(0)
		}
		p.Play()
	}
	v.tickReview()
}

// seekTo moves playback to a fraction of the take (the position bar).
func (v *View) seekTo(ratio float64) {
	if v.player == nil {
		return
	}
	v.part = nil
	v.player.SeekFrame(int64(ratio * float64(v.player.Len())))
	v.tickReview()
}

// seekAt moves playback to t seconds and drops the selection (a click on
// the waveform outside the bands).
func (v *View) seekAt(t float64) {
	v.clearSelection()
	if v.player == nil {
		return
	}
	v.part = nil
	v.seekSeconds(t)
	v.tickReview()
}

// seekBy moves playback by d of the take (negative: back) on the review
// screen.
func (v *View) seekBy(d time.Duration) {
	if v.player == nil {
		return
	}
	v.part = nil
	v.seekSeconds(v.playhead() + d.Seconds())
	v.tickReview()
}

// seekHome moves playback to the start of the take, or its end.
func (v *View) seekHome(end bool) {
	if v.player == nil {
		return
	}
	v.part = nil
	if end {
		v.seekSeconds(v.takeSeconds())
	} else {
		v.seekSeconds(0)
	}
	v.tickReview()
}

func (v *View) tickReview() {
	v.pollJobs()
	p := v.player
	if p == nil || v.w.play == nil {
		return
	}
	if err := p.Err(); err != nil {
		v.closePlayer()
		v.notes = append(v.notes, fmt.Sprintf("Playback stopped (%v). Your answer is still saved.", err))
		v.Show()
		return
	}
	if u, ok := p.(underrunCounter); ok {
		if n := u.Underruns(); n > v.underruns {
			v.underruns = n
			v.setStatus(underrunText(n))
		}
	}
	v.followPart()
	// A paused take changes nothing on screen: redrawing it 30 times a
	// second anyway kept a third of a core busy.
	pos, n := p.Position(), p.Len()
	if !v.w.shown || pos != v.w.shownPos || n != v.w.shownLen {
		v.w.shown, v.w.shownPos, v.w.shownLen = true, pos, n
		if n > 0 {
			v.w.seek.SetValue(float64(pos) / float64(n))
		}
		t := v.playhead()
		v.w.wave.SetPlayhead(t)
		if text := v.positionText(t); v.w.position.Text != text {
			v.w.position.SetText(text)
		}
	}
	label := "Play (Space)"
	if p.Playing() {
		label = "Pause (Space)"
	}
	if v.w.play.Text != label {
		v.w.play.SetText(label)
	}
	v.wasPlaying = p.Playing()
}

// underrunCounter is a audio.Player that counts the times playback ran ahead of
// the reading of the file (a streaming device player does).
type underrunCounter interface {
	Underruns() uint64
}

// underrunText tells the user about n playback gaps: the disk was slow,
// the recording itself is whole.
func underrunText(n uint64) string {
	times := "once"
	if n > 1 {
		times = fmt.Sprintf("%d times", n)
	}
	return "Playback waited for the disk " + times + ", so you may have heard a short gap. Your recording itself is complete."
}

// followPart ends (or loops) a part playing alone at its end, and loops
// the whole take at its end when looping is on.
func (v *View) followPart() {
	r := v
	p := v.player
	playing := p.Playing()
	atEnd := p.Position() >= p.Len()
	if pt := r.part; pt != nil {
		if !playing && !(r.wasPlaying && atEnd) {
			return
		}
		if v.playhead() < pt.end && !atEnd {
			return
		}
		if r.loop {
			v.seekSeconds(pt.start)
			p.Play()
			return
		}
		p.Pause()
		v.seekSeconds(pt.end)
		r.part = nil
		return
	}
	if r.loop && r.wasPlaying && !playing && atEnd {
		p.SeekFrame(0)
		p.Play()
	}
}

func (v *View) positionText(t float64) string {
	return timer.Format(secDur(t)) + " / " + timer.Format(secDur(v.takeSeconds()))
}

// playPart plays the selected part (or the part at the playhead) alone,
// from its start to its end.
func (v *View) playPart() {
	if v.player == nil {
		v.setStatus("Playback is off for this take.")
		return
	}
	i, ok := v.targetPart()
	if !ok {
		v.setStatus("Select a part first: click its band, or press [ or ] to step to one.")
		return
	}
	pt := v.parts.At(i)
	v.part = &span{pt.Start, pt.End}
	v.seekSeconds(pt.Start)
	v.player.Play()
	v.setStatus(fmt.Sprintf("Playing the %s alone (%s to %s).", pt.Kind, clock(pt.Start), clock(pt.End)))
	v.tickReview()
}

// toggleLoop turns looping on or off: a part playing alone (or the whole
// take) starts again at its end.
func (v *View) toggleLoop() {
	r := v
	r.loop = !r.loop
	if v.w.loop != nil {
		v.w.loop.SetText(loopLabel(r.loop))
	}
	if r.loop {
		v.setStatus("Loop is on: a part played alone (P), or the whole take, starts again at its end.")
	} else {
		v.setStatus("Loop is off.")
	}
}

func loopLabel(on bool) string {
	if on {
		return "Loop: on (O)"
	}
	return "Loop: off (O)"
}
