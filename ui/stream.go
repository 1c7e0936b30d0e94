package ui

import (
	"failforward/audio/stretch"
	"failforward/audio/wavfile"
)

// openAt opens a player of the take at speed s: buf, the take at s in
// memory, or, when the take streams from its file, the file itself,
// stretched as it plays when s is not 1.
func (c *coach) openAt(s float64, buf []int16) (Player, error) {
	sa, ok := c.opt.Audio.(StreamAudio)
	if c.review.path == "" || !ok {
		return c.opt.Audio.OpenPlayer(buf, c.rate)
	}
	r, err := wavfile.Open(c.review.path)
	if err != nil {
		return nil, err
	}
	if s == 1 {
		return sa.OpenStream(r, c.rate) // takes r over
	}
	src, err := stretch.NewSource(r, c.rate, s)
	if err != nil {
		_ = r.Close() // read-only: nothing to lose
		return nil, err
	}
	return sa.OpenStream(src, c.rate) // takes src, and so r, over
}
