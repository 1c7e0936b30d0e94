// Playback at other speeds, the pitch kept: stretched as it plays from
// the file, or once per speed on a goroutine for a take in memory.

package review

import (
	"errors"
	"fmt"
	"strconv"

	"failforward/audio"
	"failforward/audio/stretch"
	"failforward/audio/takefile"
	"failforward/internal/job"
)

// Playback speeds offered on the review screen; 1 is as recorded.
var speeds = [...]float64{0.75, 1, 1.25, 1.5}

// speedLabel names a speed as the speed list shows it: "1.25x".
func speedLabel(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) + "x" }

// stepSpeed selects the next slower (dir < 0) or faster speed.
func (v *View) stepSpeed(dir int) {
	sel := v.w.speed
	if sel == nil || sel.Disabled() {
		v.setStatus("Playback is off for this take, so its speed cannot change.")
		return
	}
	i := sel.SelectedIndex() + dir
	if i < 0 || i >= len(speeds) {
		v.setStatus(fmt.Sprintf("Speeds go from %s to %s.", speedLabel(speeds[0]), speedLabel(speeds[len(speeds)-1])))
		return
	}
	sel.SetSelectedIndex(i) // calls setSpeed
}

// setSpeed plays the take at speed s, keeping its pitch. A take that
// streams from its file is stretched as it plays, so the change is at
// once. A take in memory is stretched once per speed, on a goroutine;
// until that is done playback goes on at the old speed.
func (v *View) setSpeed(s float64) {
	r := v
	if v.player == nil || (r.samples == nil && r.path == "") || s == r.want {
		return
	}
	if r.stretch != nil {
		r.stretch.Cancel()
		r.stretch = nil
	}
	r.want = s
	if r.path != "" {
		v.applySpeed(s, nil)
		return
	}
	if buf := v.bufferAt(s); buf != nil {
		v.applySpeed(s, buf)
		return
	}
	samples, rate := r.samples, v.rate
	r.stretch = job.Start(func(quit <-chan struct{}) ([]int16, error) {
		return stretchSamples(samples, rate, s, quit)
	})
	v.setStatus(fmt.Sprintf("Getting %s ready…", speedLabel(s)))
}

// bufferAt returns the take at speed s if it is ready.
func (v *View) bufferAt(s float64) []int16 {
	if s == 1 {
		return v.samples
	}
	return v.stretched[s]
}

// applySpeed reopens playback on buf, the take at speed s (nil when the
// take streams from its file), at the same place in the take and playing
// if it was.
func (v *View) applySpeed(s float64, buf []int16) {
	r := v
	t := v.playhead()
	playing := v.player != nil && v.player.Playing()
	was := r.speed
	v.closePlayer()
	p, err := v.openAt(s, buf)
	if err != nil {
		msg := fmt.Sprintf("Playback at %s could not start (%v).", speedLabel(s), err)
		if p, err = v.openAt(was, v.bufferAt(was)); err != nil {
			r.notes = append(r.notes, msg+" Playback is off; your answer is saved.")
			v.Show()
			return
		}
		s = was
		v.setStatus(msg + " It stays at " + speedLabel(was) + ".")
	} else {
		v.setStatus(fmt.Sprintf("Now at %s, same pitch.", speedLabel(s)))
	}
	v.player = p
	r.speed, r.want = s, s
	r.scale = float64(r.frames) / float64(max(p.Len(), 1))
	if v.w.speed != nil && v.w.speed.Selected != speedLabel(s) {
		v.w.speed.SetSelected(speedLabel(s))
	}
	v.seekSeconds(t)
	if playing {
		p.Play()
	}
	v.tickReview()
}

// stretchChunk is how much of the take stretchSamples does between looks
// at quit, in seconds.
const stretchChunk = 0.5

// errCancelled is returned by a job that was asked to stop.
var errCancelled = errors.New("review: cancelled")

// stretchSamples returns in played at speed (pitch kept), as stretch.Stretch
// does, in chunks, giving up with errCancelled once quit is closed.
func stretchSamples(in []int16, rate int, speed float64, quit <-chan struct{}) ([]int16, error) {
	s, err := stretch.New(rate, speed)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	out := make([]int16, 0, int(float64(len(in))/speed)+rate)
	step := max(1, int(stretchChunk*float64(rate)))
	for i := 0; i < len(in); i += step {
		select {
		case <-quit:
			return nil, errCancelled
		default:
		}
		out = s.Process(out, in[i:min(i+step, len(in))])
	}
	return s.Flush(out), nil
}

// openAt opens a player of the take at speed s: buf, the take at s in
// memory, or, when the take streams from its file, the file itself,
// stretched as it plays when s is not 1.
func (v *View) openAt(s float64, buf []int16) (audio.Player, error) {
	sa, ok := v.audio.(StreamAudio)
	if v.path == "" || !ok {
		return v.audio.OpenPlayer(buf, v.rate)
	}
	r, err := takefile.Open(v.path)
	if err != nil {
		return nil, err
	}
	if s == 1 {
		return sa.OpenStream(r, v.rate) // takes r over
	}
	src, err := stretch.NewSource(r, v.rate, s)
	if err != nil {
		_ = r.Close() // read-only: nothing to lose
		return nil, err
	}
	return sa.OpenStream(src, v.rate) // takes src, and so r, over
}
