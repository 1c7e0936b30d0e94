package ui

// The review screen: the finished take on its timeline, playback by part
// and at other speeds, editing of the parts, and the work behind them.

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/audio/peaks"
	"failforward/audio/stretch"
	"failforward/audio/wavfile"
	"failforward/internal/job"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/review"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// bandsOf returns the parts as the waveform's bands, part sel selected.
func bandsOf(p *practice.Parts, sel int) []timeline.Band {
	if p == nil {
		return nil
	}
	bands := make([]timeline.Band, p.Len())
	for i := range bands {
		q := p.At(i)
		bands[i] = timeline.Band{Kind: int(q.Kind), Start: q.Start, End: q.End, Selected: i == sel}
	}
	return bands
}

// editProblem turns an error of the parts model into a sentence: its
// message (practice.Message), starting with a capital.
func editProblem(err error) string {
	msg := practice.Message(err)
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// enterReview shows the review of take: its parts, its waveform (pyr; nil
// reads it from the file) and the notes about how it went. audioPath is
// the recording ("" when nothing was recorded).
func (c *coach) enterReview(take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string, audioPath string) {
	c.leaveReview()
	if parts == nil {
		parts, _ = practice.NewParts(0, nil)
	}
	c.review = reviewState{take: take, notes: notes, parts: parts, pyr: pyr, sel: -1, speed: 1, scale: 1, want: 1}
	c.screen = screenReview
	if c.closed {
		return
	}
	c.openPlayer(audioPath)
	if c.review.pyr == nil && audioPath != "" {
		if p, _, err := peaks.FromWAV(audioPath); err == nil {
			c.review.pyr = p
		}
	}
	c.startInsights(audioPath)
	c.showReview()
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

// leaveReview stops playback and the work started for the review.
func (c *coach) leaveReview() {
	c.saveReview(true)
	c.closePlayer()
	if j := c.review.stretch; j != nil {
		j.Cancel()
		c.review.stretch = nil
	}
	if j := c.review.measure; j != nil {
		j.Cancel()
		c.review.measure = nil
	}
}

// openPlayer opens the take for playback: streamed from the file when
// the Audio can (StreamAudio), so a long take needs little memory, else
// read whole. Review works without it; any problem becomes a note.
func (c *coach) openPlayer(path string) {
	c.closePlayer()
	if path == "" {
		return
	}
	p, rec, err := c.openRecording(path)
	var unreadable *unreadableError
	switch {
	case errors.As(err, &unreadable):
		c.review.notes = append(c.review.notes, fmt.Sprintf("The recording could not be read for playback (%v).", unreadable.err))
		return
	case errors.Is(err, errEmptyRecording):
		c.review.notes = append(c.review.notes, "The recording is empty, so there is nothing to play.")
		return
	case errors.Is(err, audio.ErrNoOutput):
		c.review.notes = append(c.review.notes, "No speakers or headphones found, so playback is off. Your answer is saved; connect an output device to listen later.")
		return
	case err != nil:
		c.review.notes = append(c.review.notes, fmt.Sprintf("Playback could not start (%v). Your answer is saved.", err))
		return
	}
	c.player, c.rate = p, rec.info.SampleRate
	c.review.samples, c.review.frames = rec.samples, rec.info.Frames
	if rec.streamed {
		c.review.path = path
	}
}

// errEmptyRecording is openRecording's error for a file with no audio.
var errEmptyRecording = errors.New("ui: the recording is empty")

// unreadableError is openRecording's error for a file it could not read.
type unreadableError struct{ err error }

func (e *unreadableError) Error() string { return e.err.Error() }
func (e *unreadableError) Unwrap() error { return e.err }

// recording is what openRecording read of a take's file.
type recording struct {
	info     wavfile.Info
	samples  []int16 // the whole take when it is not streamed
	streamed bool    // the player reads the file as it plays
}

// openRecording opens playback of the WAV at path: streamed from the file
// when the audio can, else read whole. The error is an *unreadableError
// when the file could not be read, errEmptyRecording when it holds no
// audio, and otherwise the player's.
func (c *coach) openRecording(path string) (Player, recording, error) {
	if sa, ok := c.opt.Audio.(StreamAudio); ok {
		src, err := wavfile.Open(path)
		if err != nil {
			return nil, recording{}, &unreadableError{err}
		}
		rec := recording{info: src.Info(), streamed: true}
		if rec.info.Frames == 0 {
			_ = src.Close() // read-only: nothing to lose
			return nil, rec, errEmptyRecording
		}
		p, err := sa.OpenStream(src, rec.info.SampleRate) // takes src over
		return p, rec, err
	}
	samples, info, err := wavfile.ReadMono(path)
	if err != nil {
		return nil, recording{}, &unreadableError{err}
	}
	rec := recording{info: info, samples: samples}
	if info.Frames == 0 {
		return nil, rec, errEmptyRecording
	}
	p, err := c.opt.Audio.OpenPlayer(samples, info.SampleRate)
	return p, rec, err
}

func (c *coach) closePlayer() {
	if c.player != nil {
		_ = c.player.Close() // playback only; nothing to save
		c.player = nil
	}
	c.review.underruns = 0 // the next player counts from 0
}

// takeSeconds is the length of the take on review.
func (c *coach) takeSeconds() float64 {
	if n := c.review.frames; n > 0 && c.rate > 0 {
		return float64(n) / float64(c.rate)
	}
	return c.review.take.Duration
}

// playhead is the playback position in seconds of the take (whatever the
// speed).
func (c *coach) playhead() float64 {
	if c.player == nil || c.rate <= 0 {
		return 0
	}
	return min(float64(c.player.Position())*c.review.scale/float64(c.rate), c.takeSeconds())
}

// seekSeconds moves playback to t seconds into the take.
func (c *coach) seekSeconds(t float64) {
	if c.player == nil || c.rate <= 0 {
		return
	}
	t = min(max(t, 0), c.takeSeconds())
	c.player.SeekFrame(min(int64(math.Round(t*float64(c.rate)/c.review.scale)), c.player.Len()))
}

// togglePlay plays or pauses; at the end it plays again from the start (of
// the part, when one is playing alone).
func (c *coach) togglePlay() {
	p := c.player
	if p == nil {
		return
	}
	if p.Playing() {
		p.Pause()
	} else {
		if pt := c.review.part; pt != nil && c.playhead() >= pt.end {
			c.seekSeconds(pt.start)
		} else if p.Position() >= p.Len() {
			p.SeekFrame(0)
		}
		p.Play()
	}
	c.tickReview()
}

// seekTo moves playback to a fraction of the take (the position bar).
func (c *coach) seekTo(ratio float64) {
	if c.player == nil {
		return
	}
	c.review.part = nil
	c.player.SeekFrame(int64(ratio * float64(c.player.Len())))
	c.tickReview()
}

// seekAt moves playback to t seconds and drops the selection (a click on
// the waveform outside the bands).
func (c *coach) seekAt(t float64) {
	c.clearSelection()
	if c.player == nil {
		return
	}
	c.review.part = nil
	c.seekSeconds(t)
	c.tickReview()
}

// seekBy moves playback by d of the take (negative: back) on the review
// screen.
func (c *coach) seekBy(d time.Duration) {
	if c.screen != screenReview || c.player == nil {
		return
	}
	c.review.part = nil
	c.seekSeconds(c.playhead() + d.Seconds())
	c.tickReview()
}

// seekHome moves playback to the start of the take, or its end.
func (c *coach) seekHome(end bool) {
	if c.screen != screenReview || c.player == nil {
		return
	}
	c.review.part = nil
	if end {
		c.seekSeconds(c.takeSeconds())
	} else {
		c.seekSeconds(0)
	}
	c.tickReview()
}

func (c *coach) tickReview() {
	c.pollJobs()
	p := c.player
	if p == nil || c.w.play == nil {
		return
	}
	if err := p.Err(); err != nil {
		c.closePlayer()
		c.review.notes = append(c.review.notes, fmt.Sprintf("Playback stopped (%v). Your answer is still saved.", err))
		c.showReview()
		return
	}
	if u, ok := p.(underrunCounter); ok {
		if n := u.Underruns(); n > c.review.underruns {
			c.review.underruns = n
			c.setStatus(underrunText(n))
		}
	}
	c.followPart()
	// A paused take changes nothing on screen: redrawing it 30 times a
	// second anyway kept a third of a core busy.
	pos, n := p.Position(), p.Len()
	if !c.w.shown || pos != c.w.shownPos || n != c.w.shownLen {
		c.w.shown, c.w.shownPos, c.w.shownLen = true, pos, n
		if n > 0 {
			c.w.seek.SetValue(float64(pos) / float64(n))
		}
		t := c.playhead()
		c.w.wave.SetPlayhead(t)
		if text := c.positionText(t); c.w.position.Text != text {
			c.w.position.SetText(text)
		}
	}
	label := "Play (Space)"
	if p.Playing() {
		label = "Pause (Space)"
	}
	if c.w.play.Text != label {
		c.w.play.SetText(label)
	}
	c.review.wasPlaying = p.Playing()
}

// underrunCounter is a Player that counts the times playback ran ahead of
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
func (c *coach) followPart() {
	r := &c.review
	p := c.player
	playing := p.Playing()
	atEnd := p.Position() >= p.Len()
	if pt := r.part; pt != nil {
		if !playing && !(r.wasPlaying && atEnd) {
			return
		}
		if c.playhead() < pt.end && !atEnd {
			return
		}
		if r.loop {
			c.seekSeconds(pt.start)
			p.Play()
			return
		}
		p.Pause()
		c.seekSeconds(pt.end)
		r.part = nil
		return
	}
	if r.loop && r.wasPlaying && !playing && atEnd {
		p.SeekFrame(0)
		p.Play()
	}
}

func (c *coach) positionText(t float64) string {
	return timer.Format(secDur(t)) + " / " + timer.Format(secDur(c.takeSeconds()))
}

// targetPart returns the selected part, or else the part at the playhead
// (selecting it).
func (c *coach) targetPart() (int, bool) {
	r := &c.review
	if r.sel >= 0 && r.sel < r.parts.Len() {
		return r.sel, true
	}
	if i, ok := r.parts.Find(c.playhead()); ok {
		c.selectPart(i)
		return i, true
	}
	return -1, false
}

// playPart plays the selected part (or the part at the playhead) alone,
// from its start to its end.
func (c *coach) playPart() {
	if c.player == nil {
		c.setStatus("Playback is off for this take.")
		return
	}
	i, ok := c.targetPart()
	if !ok {
		c.setStatus("Select a part first: click its band, or press [ or ] to step to one.")
		return
	}
	pt := c.review.parts.At(i)
	c.review.part = &span{pt.Start, pt.End}
	c.seekSeconds(pt.Start)
	c.player.Play()
	c.setStatus(fmt.Sprintf("Playing the %s alone (%s to %s).", pt.Kind, clock(pt.Start), clock(pt.End)))
	c.tickReview()
}

// toggleLoop turns looping on or off: a part playing alone (or the whole
// take) starts again at its end.
func (c *coach) toggleLoop() {
	r := &c.review
	r.loop = !r.loop
	if c.w.loop != nil {
		c.w.loop.SetText(loopLabel(r.loop))
	}
	if r.loop {
		c.setStatus("Loop is on: a part played alone (P), or the whole take, starts again at its end.")
	} else {
		c.setStatus("Loop is off.")
	}
}

func loopLabel(on bool) string {
	if on {
		return "Loop: on (O)"
	}
	return "Loop: off (O)"
}

// stepPart moves the playhead to the start of the previous (dir < 0) or
// next part and selects it. Back from just after a part's start goes to
// the part before, as a player's previous-track key does.
func (c *coach) stepPart(dir int) {
	r := &c.review
	if r.parts.Len() == 0 {
		c.setStatus("Nothing is tagged yet, so there is no part to step to.")
		return
	}
	const grace = 0.3 // seconds
	t := c.playhead()
	idx := -1
	if dir > 0 {
		for i := range r.parts.Len() {
			if r.parts.At(i).Start > t+0.001 {
				idx = i
				break
			}
		}
	} else {
		for i := r.parts.Len() - 1; i >= 0; i-- {
			if r.parts.At(i).Start < t-grace {
				idx = i
				break
			}
		}
	}
	if idx < 0 {
		if dir > 0 {
			c.setStatus("That was the last part.")
		} else {
			c.setStatus("That was the first part.")
		}
		return
	}
	r.part = nil
	c.w.wave.SetSelection(0, 0)
	c.selectPart(idx)
	pt := r.parts.At(idx)
	c.seekSeconds(pt.Start)
	c.setStatus(selectedText(pt))
	c.tickReview()
}

func selectedText(pt practice.Part) string {
	return fmt.Sprintf("%s selected (%s to %s). P plays it; a letter relabels it; Delete removes it.", pt.Kind, clock(pt.Start), clock(pt.End))
}

// clock formats seconds as m:ss.
func clock(s float64) string { return widgets.Clock(s) }

// selectPart selects part i (-1: none) and shows it.
func (c *coach) selectPart(i int) {
	r := &c.review
	if i >= r.parts.Len() {
		i = -1
	}
	r.sel = i
	c.showParts()
}

// clearSelection drops the selected part and range, and the line that
// named them.
func (c *coach) clearSelection() {
	had := c.review.sel >= 0
	if c.w.wave != nil {
		if _, _, ok := c.w.wave.Selection(); ok {
			had = true
		}
		c.w.wave.SetSelection(0, 0)
	}
	if c.review.sel >= 0 {
		c.selectPart(-1)
	}
	if had {
		c.setStatus("")
	}
}

// bandTapped selects the tapped band.
func (c *coach) bandTapped(i int) {
	c.w.wave.SetSelection(0, 0)
	c.selectPart(i)
	c.setStatus(selectedText(c.review.parts.At(i)))
}

// rangeSelected is called while a range is dragged out on the waveform.
func (c *coach) rangeSelected(start, end float64) {
	if c.review.sel >= 0 {
		c.selectPart(-1)
	}
	c.setStatus(fmt.Sprintf("%s to %s selected. Press S T A R L (or 1 to 5) to tag it as that part.", clock(start), clock(end)))
}

// reviewRune handles the review screen's character keys and reports
// whether it used r.
func (c *coach) reviewRune(r rune) bool {
	if k, ok := practice.KindForKey(string(r)); ok {
		return c.partKey(k)
	}
	switch r {
	case 'p', 'P':
		c.playPart()
	case 'o', 'O':
		c.toggleLoop()
	case 'x', 'X':
		c.split()
	case 'e', 'E':
		c.exportLabels()
	case 'i', 'I':
		c.toggleInsights()
	case '[':
		c.stepPart(-1)
	case ']':
		c.stepPart(1)
	case ',', '<':
		c.stepSpeed(-1)
	case '.', '>':
		c.stepSpeed(1)
	case '+', '=':
		c.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
	case '-':
		c.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyMinus})
	case '0':
		c.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.Key0})
	default:
		return false
	}
	return true
}

// partKey tags the selected range as a part of kind k, or relabels the
// selected part. With nothing selected it says what to select: a part
// letter means the part whatever the state (Retake is Ctrl+R).
func (c *coach) partKey(k practice.Kind) bool {
	if start, end, ok := c.w.wave.Selection(); ok {
		c.edit(func(p *practice.Parts) (int, error) { return p.Tag(start, end, k) },
			fmt.Sprintf("Tagged %s to %s as %s.", clock(start), clock(end), k))
		c.w.wave.SetSelection(0, 0)
		return true
	}
	if i := c.review.sel; i >= 0 {
		c.edit(func(p *practice.Parts) (int, error) { return i, p.Relabel(i, k) },
			fmt.Sprintf("Part %d is now the %s.", i+1, k))
		return true
	}
	c.setStatus(fmt.Sprintf("To tag the %s, select a part (click its band) or drag across the waveform first, then press %s.", k, k.Letter()))
	return true
}

// split cuts the part at the playhead in two.
func (c *coach) split() {
	t := c.playhead()
	c.edit(func(p *practice.Parts) (int, error) { return p.Split(t) },
		fmt.Sprintf("Split at %s. The second half is selected.", clock(t)))
}

// deleteSelected removes the selected part.
func (c *coach) deleteSelected() {
	if c.screen != screenReview {
		return
	}
	i := c.review.sel
	if i < 0 {
		c.setStatus("Select a part first (click its band); then Delete removes it.")
		return
	}
	kind := c.review.parts.At(i).Kind
	c.edit(func(p *practice.Parts) (int, error) { return -1, p.Delete(i) },
		fmt.Sprintf("Removed the %s. Undo (Ctrl+Z) brings it back.", kind))
}

// undo takes back the last edit of the parts.
func (c *coach) undo() {
	if c.screen != screenReview || c.helpOpen {
		return
	}
	if !c.review.parts.Undo() {
		c.setStatus("Nothing to undo.")
		return
	}
	c.review.sel = -1
	c.partsChanged("Undone.")
}

// redo applies the last undone edit again.
func (c *coach) redo() {
	if c.screen != screenReview || c.helpOpen {
		return
	}
	if !c.review.parts.Redo() {
		c.setStatus("Nothing to redo.")
		return
	}
	c.review.sel = -1
	c.partsChanged("Redone.")
}

// edit makes one change to the parts: fn returns the part to select (-1:
// none). A change the model refuses is not made and its reason shown.
func (c *coach) edit(fn func(p *practice.Parts) (int, error), done string) {
	if c.screen != screenReview {
		return
	}
	sel, err := fn(c.review.parts)
	if err != nil {
		c.setStatus("Not changed: " + editProblem(err))
		return
	}
	c.review.sel = sel
	c.partsChanged(done)
}

// dragBoundary moves a part edge as it is dragged; the whole drag is one
// step for Undo.
func (c *coach) dragBoundary(i int, end bool, t float64) {
	r := &c.review
	if !r.dragging {
		r.dragging = true
		r.dragFrom = r.parts.List()
		r.parts.Begin()
	}
	e := practice.StartEdge
	if end {
		e = practice.EndEdge
	}
	got, err := r.parts.MoveEdge(i, e, t)
	if err != nil {
		c.setStatus("Not changed: " + editProblem(err))
		return
	}
	c.setStatus("Boundary at " + clockTenths(got))
	c.showParts()
}

// dragEnded ends a boundary drag: it saves the result as one edit.
func (c *coach) dragEnded() {
	r := &c.review
	if !r.dragging {
		return
	}
	r.dragging = false
	r.parts.Commit()
	if partsEqual(r.dragFrom, r.parts.List()) {
		return
	}
	c.partsChanged("Boundary moved. Undo (Ctrl+Z) puts it back.")
}

func partsEqual(a, b []practice.Part) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clockTenths formats seconds as m:ss.t.
func clockTenths(s float64) string {
	t := int64(math.Round(s * 10))
	return fmt.Sprintf("%d:%02d.%d", t/600, t/10%60, t%10)
}

// partsChanged saves the take with its parts and shows them.
func (c *coach) partsChanged(done string) {
	r := &c.review
	r.take.Parts = r.parts.List()
	if err := c.opt.Library.Save(r.take); err != nil {
		done = fmt.Sprintf("%s But it could not be saved (%v); it stays here while the window is open. Check the takes folder, then make another change to save again.", done, err)
	}
	c.setStatus(done)
	c.showParts()
}

// showParts shows the parts and the selection on the waveform, the state
// of the edit buttons and the insights panel.
func (c *coach) showParts() {
	r := &c.review
	if c.w.wave == nil {
		return
	}
	c.w.wave.SetBands(bandsOf(r.parts, r.sel))
	if c.w.undo != nil {
		widgets.SetEnabled(c.w.undo, r.parts.CanUndo())
		widgets.SetEnabled(c.w.redo, r.parts.CanRedo())
		widgets.SetEnabled(c.w.del, r.sel >= 0)
	}
	if !r.dragging { // the panel is rebuilt once the drag ends
		c.updateInsights()
	}
}

// setStatus shows what the last action did on the review screen.
func (c *coach) setStatus(text string) {
	c.review.status = text
	if c.w.status != nil {
		if text == "" {
			text = reviewHint
		}
		if c.w.status.Text != text {
			h := c.w.status.MinSize().Height
			c.w.status.SetText(text)
			if c.w.status.MinSize().Height != h {
				widgets.Relayout(c.win.Content()) // it wraps to another number of lines
			}
		}
	}
}

// reviewHint is the status line before the first action.
const reviewHint = "Click a band to select a part, drag its edges to adjust, or drag across the waveform and press S T A R L to tag. F1 lists every key."

// Playback speeds offered on the review screen; 1 is as recorded.
var speeds = [...]float64{0.75, 1, 1.25, 1.5}

// speedLabel names a speed as the speed list shows it: "1.25x".
func speedLabel(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) + "x" }

// stepSpeed selects the next slower (dir < 0) or faster speed.
func (c *coach) stepSpeed(dir int) {
	sel := c.w.speed
	if sel == nil || sel.Disabled() {
		c.setStatus("Playback is off for this take, so its speed cannot change.")
		return
	}
	i := sel.SelectedIndex() + dir
	if i < 0 || i >= len(speeds) {
		c.setStatus(fmt.Sprintf("Speeds go from %s to %s.", speedLabel(speeds[0]), speedLabel(speeds[len(speeds)-1])))
		return
	}
	sel.SetSelectedIndex(i) // calls setSpeed
}

// setSpeed plays the take at speed s, keeping its pitch. A take that
// streams from its file is stretched as it plays, so the change is at
// once. A take in memory is stretched once per speed, on a goroutine;
// until that is done playback goes on at the old speed.
func (c *coach) setSpeed(s float64) {
	r := &c.review
	if c.player == nil || (r.samples == nil && r.path == "") || s == r.want {
		return
	}
	if r.stretch != nil {
		r.stretch.Cancel()
		r.stretch = nil
	}
	r.want = s
	if r.path != "" {
		c.applySpeed(s, nil)
		return
	}
	if buf := c.bufferAt(s); buf != nil {
		c.applySpeed(s, buf)
		return
	}
	samples, rate := r.samples, c.rate
	r.stretch = job.Start(func(quit <-chan struct{}) ([]int16, error) {
		return stretchSamples(samples, rate, s, quit)
	})
	c.setStatus(fmt.Sprintf("Getting %s ready…", speedLabel(s)))
}

// bufferAt returns the take at speed s if it is ready.
func (c *coach) bufferAt(s float64) []int16 {
	if s == 1 {
		return c.review.samples
	}
	return c.review.stretched[s]
}

// applySpeed reopens playback on buf, the take at speed s (nil when the
// take streams from its file), at the same place in the take and playing
// if it was.
func (c *coach) applySpeed(s float64, buf []int16) {
	r := &c.review
	t := c.playhead()
	playing := c.player != nil && c.player.Playing()
	was := r.speed
	c.closePlayer()
	p, err := c.openAt(s, buf)
	if err != nil {
		msg := fmt.Sprintf("Playback at %s could not start (%v).", speedLabel(s), err)
		if p, err = c.openAt(was, c.bufferAt(was)); err != nil {
			r.notes = append(r.notes, msg+" Playback is off; your answer is saved.")
			c.showReview()
			return
		}
		s = was
		c.setStatus(msg + " It stays at " + speedLabel(was) + ".")
	} else {
		c.setStatus(fmt.Sprintf("Now at %s, same pitch.", speedLabel(s)))
	}
	c.player = p
	r.speed, r.want = s, s
	r.scale = float64(r.frames) / float64(max(p.Len(), 1))
	if c.w.speed != nil && c.w.speed.Selected != speedLabel(s) {
		c.w.speed.SetSelected(speedLabel(s))
	}
	c.seekSeconds(t)
	if playing {
		p.Play()
	}
	c.tickReview()
}

// pollJobs takes in the results of the review's background work.
func (c *coach) pollJobs() {
	r := &c.review
	if j := r.stretch; j != nil {
		if res, ok := j.Result(); ok {
			r.stretch = nil
			if res.Err != nil {
				c.setStatus(fmt.Sprintf("Playback at %s is not available (%v). It stays at %s.", speedLabel(r.want), res.Err, speedLabel(r.speed)))
				r.want = r.speed
				if c.w.speed != nil {
					c.w.speed.SetSelected(speedLabel(r.speed))
				}
			} else {
				if r.stretched == nil {
					r.stretched = map[float64][]int16{}
				}
				r.stretched[r.want] = res.Val
				c.applySpeed(r.want, res.Val)
			}
		}
	}
	if j := r.measure; j != nil {
		if res, ok := j.Result(); ok {
			r.measure = nil
			if res.Err != nil {
				r.insights.SetError(res.Err)
			} else {
				r.report = &res.Val
				c.saveMeasures(res.Val)
				if c.w.wave != nil {
					c.w.wave.SetGhosts(review.GhostTimes(res.Val))
					c.w.wave.SetPauses(pauseSpans(res.Val))
					c.w.wave.SetFillers(fillerSpans(res.Val))
				}
			}
			c.updateInsights()
			// The panel may need more room now. Its new content learns its
			// size in a first layout, as wrapped labels do: two passes.
			widgets.Relayout(c.win.Content())
			widgets.Relayout(c.win.Content())
		}
	}
}

// saveMeasures keeps the take's filled-pause figures in its take.json when
// they changed, so the progress screen can show them without analysing
// every take again.
func (c *coach) saveMeasures(rep analysis.Report) {
	r := &c.review
	m := practice.Measures{FilledPauses: len(rep.FilledPauses), FilledPausesPerMin: rep.FilledPausesPerMin}
	if r.take.ID == "" || (r.take.Measures != nil && *r.take.Measures == m) {
		return
	}
	r.take.Measures = &m
	if err := c.opt.Library.Save(r.take); err != nil {
		c.setStatus(fmt.Sprintf("The take's figures could not be saved with it (%v); they are measured again the next time you open it.", err))
	}
}

// pauseSpans returns the report's pauses as the timeline draws them.
func pauseSpans(r analysis.Report) [][2]float64 {
	spans := make([][2]float64, len(r.Pauses))
	for i, p := range r.Pauses {
		spans[i] = [2]float64{p.Start, p.End}
	}
	return spans
}

// fillerSpans returns the filled pauses of r as {start, end} spans.
func fillerSpans(r analysis.Report) [][2]float64 {
	spans := make([][2]float64, len(r.FilledPauses))
	for i, p := range r.FilledPauses {
		spans[i] = [2]float64{p.Start, p.End}
	}
	return spans
}

// stretchChunk is how much of the take stretchSamples does between looks
// at quit, in seconds.
const stretchChunk = 0.5

// errCancelled is returned by a job that was asked to stop.
var errCancelled = errors.New("ui: cancelled")

// stretchSamples returns in played at speed (pitch kept), as stretch.Stretch
// does, in chunks, giving up with errCancelled once quit is closed.
func stretchSamples(in []int16, rate int, speed float64, quit <-chan struct{}) ([]int16, error) {
	s, err := stretch.New(rate, speed)
	if err != nil {
		return nil, fmt.Errorf("ui: %w", err)
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

// Names of the label files Export writes into the take's folder.
const (
	labelsName   = "labels.txt"
	chaptersName = "chapters.vtt"
)

// exportLabels writes the parts as an Audacity label track and as WebVTT
// chapters into the take's folder.
func (c *coach) exportLabels() {
	r := &c.review
	list := r.parts.List()
	if len(list) == 0 {
		c.setStatus("Nothing is tagged yet, so there are no labels to export. Tag the parts first, then export.")
		return
	}
	audioPath := c.opt.Library.AudioPath(r.take.ID)
	if audioPath == "" {
		c.setStatus("This take has no folder to export into.")
		return
	}
	dir := filepath.Dir(audioPath)
	files := []struct{ name, text string }{
		{labelsName, practice.FormatAudacity(list)},
		{chaptersName, practice.FormatWebVTT(list)},
	}
	for _, f := range files {
		if err := practice.WriteFileAtomic(filepath.Join(dir, f.name), []byte(f.text)); err != nil {
			c.setStatus(fmt.Sprintf("The labels could not be written (%v). Check that the takes folder can be written, then export again.", err))
			return
		}
	}
	c.setStatus(fmt.Sprintf("Exported %s (Audacity labels) and %s (WebVTT chapters) to %s", labelsName, chaptersName, dir))
}

// startInsights creates the side panel of the review and starts measuring
// the take for it.
func (c *coach) startInsights(audioPath string) {
	r := &c.review
	r.insights = review.NewInsights()
	r.insights.OnAcceptGhost = c.acceptGhost
	r.insights.OnAcceptAll = c.acceptAllGhosts
	r.measure = job.Start(func(<-chan struct{}) (analysis.Report, error) {
		return analysis.File(audioPath)
	})
}

// updateInsights shows the take and its parts in the side panel.
func (c *coach) updateInsights() {
	r := &c.review
	if r.insights != nil {
		r.insights.Update(r.take, r.parts.List(), r.report)
	}
}

// acceptGhost makes suggested boundary i the start of part kind i+1. When
// the take has a part of that kind already, its start moves there (with
// the end of the part before it, when they touch), so Use never makes a
// second part of the same kind beside the first; otherwise a part of that
// kind starts there.
func (c *coach) acceptGhost(i int) {
	r := &c.review
	if r.report == nil || i < 0 || i >= len(r.report.SuggestedBoundaries) {
		return
	}
	t := r.report.SuggestedBoundaries[i]
	k := practice.Kind(i + 1)
	j := nearestOfKind(r.parts, k, t)
	if j < 0 {
		c.edit(func(p *practice.Parts) (int, error) { return p.MarkStart(k, t) },
			fmt.Sprintf("The %s now starts at %s.", k, clock(t)))
		return
	}
	var got float64
	moved := false
	c.edit(func(p *practice.Parts) (int, error) {
		var err error
		got, err = p.MoveEdge(j, practice.StartEdge, t)
		moved = err == nil
		return j, err
	}, "")
	if !moved {
		return // edit said why
	}
	msg := fmt.Sprintf("The %s now starts at %s.", k, clock(got))
	if math.Abs(got-t) > 0.0005 {
		msg = fmt.Sprintf("The %s now starts at %s, as near to the suggested %s as the parts around it allow.", k, clock(got), clock(t))
	}
	c.setStatus(msg)
}

// nearestOfKind is the index of the part of kind k that starts nearest to
// t, -1 when there is none.
func nearestOfKind(p *practice.Parts, k practice.Kind, t float64) int {
	best := -1
	for i := range p.Len() {
		if p.At(i).Kind != k {
			continue
		}
		if best < 0 || math.Abs(p.At(i).Start-t) < math.Abs(p.At(best).Start-t) {
			best = i
		}
	}
	return best
}

// acceptAllGhosts replaces the parts with the ones the pauses suggest, as
// one step for Undo.
func (c *coach) acceptAllGhosts() {
	r := &c.review
	if r.report == nil {
		return
	}
	list := practice.SuggestedParts(*r.report, r.parts.Duration())
	if list == nil {
		c.setStatus("There are no suggested parts for this take.")
		return
	}
	c.edit(func(p *practice.Parts) (int, error) {
		p.Begin()
		var err error
		for i := p.Len() - 1; i >= 0 && err == nil; i-- {
			err = p.Delete(i)
		}
		for _, q := range list {
			if err == nil {
				_, err = p.Tag(q.Start, q.End, q.Kind)
			}
		}
		p.Commit()
		if err != nil {
			p.Undo()
		}
		return -1, err
	}, "Tagged the five suggested parts. Undo (Ctrl+Z) brings back the ones before.")
}
