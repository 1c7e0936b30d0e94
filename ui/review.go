package ui

// The window's side of the review screen (package review): opening a take
// on it and leaving it.

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"

	"failforward/audio/peaks"
	"failforward/practice"
	"failforward/ui/guide"
	"failforward/ui/review"
	"failforward/ui/turn"
)

// enterReview shows the review of take: its parts, its waveform (pyr; nil
// reads it from the file) and the notes about how it went. audioPath is
// the recording ("" when nothing was recorded).
func (c *coach) enterReview(take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string, audioPath string) {
	c.leaveReview()
	c.rv = review.New(review.Options{
		Library:  c.opt.Library,
		Audio:    c.opt.Audio,
		Window:   c.win,
		Keys:     &c.keys,
		Limit:    c.cfg.Limit,
		Question: c.q.Text,
		Feedback: turn.Feedback(take, c.cfg),
		Now:      c.now,
	}, review.Handlers{
		Show:   func(o fyne.CanvasObject) { c.setPage(o, placeOf(screenReview).width) },
		Retake: c.retake,
		Next:   c.nextQuestion,
		Nav:    c.navFromField,
		Guide:  func(k practice.Check) { c.showGuide(guide.CheckSection(k)) },
	}, take, parts, pyr, notes)
	c.screen = screenReview
	if c.closed {
		return
	}
	c.nav = c.rv // driven as the screens of places are
	c.rv.Open(audioPath)
	c.rv.Show()
}

// reviewTake opens a saved take of the library on the review screen (a
// take picked from a list, or one just recovered): its parts, and its
// waveform read from the file. It refuses while a take is being recorded.
func (c *coach) reviewTake(id string) error {
	if c.screen == screenThink || c.screen == screenAnswer {
		return errors.New("ui: a take is being recorded")
	}
	t, err := c.opt.Library.Load(id)
	if err != nil {
		return err
	}
	var notes []string
	parts, err := practice.NewParts(t.Duration, t.Parts)
	if err != nil {
		notes = append(notes, fmt.Sprintf("The parts saved with this take could not be used (%v). Tag them again on the waveform.", err))
		parts, _ = practice.NewParts(max(t.Duration, 0), nil)
	}
	if parts == nil {
		return fmt.Errorf("ui: take %s has an invalid duration %v", id, t.Duration)
	}
	c.q = practice.Question{ID: t.QuestionID, Text: t.QuestionText}
	c.enterReview(t, parts, nil, notes, c.opt.Library.AudioPath(id))
	return nil
}

// leaveReview stops the review's playback and work, saving its
// self-review.
func (c *coach) leaveReview() {
	if c.rv == nil {
		return
	}
	if c.nav == Screen(c.rv) {
		c.nav = nil
	}
	c.rv.Close()
}

// The review is driven as the other screens are.
var _ Screen = (*review.View)(nil)
