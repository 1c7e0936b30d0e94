// The review screen: the finished take on its timeline, playback by part
// and at other speeds, editing of the parts, and the work behind them.

package review

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/audio/peaks"
	"failforward/audio/stretch"
	"failforward/audio/wavfile"
	"failforward/internal/job"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui/timeline"
	"failforward/ui/widgets"
)

// Audio is what the review plays a take with: the window's audio.
type Audio interface {
	// OpenPlayer prepares playback of mono samples at rate.
	OpenPlayer(samples []int16, rate int) (audio.Player, error)
}

// StreamAudio is an Audio that can also play a take straight from its
// file; the player takes src over and closes it.
type StreamAudio interface {
	OpenStream(src audio.FrameSource, rate int) (audio.Player, error)
}

// Options are what the review screen is given by the window.
type Options struct {
	Library *practice.Library // where the take is saved
	Audio   Audio
	Window  fyne.Window
	Keys    *widgets.Keys // the window's keys, for the buttons
	// Limit is the answer limit of this run, shown for a take that saved
	// none.
	Limit time.Duration
	// Question is shown for a take that saved no question text.
	Question string
	// Feedback is a sentence on the answer's length, "" for none.
	Feedback string
	Now      func() time.Time // nil: time.Now
}

// Handlers are what the review screen asks of the window.
type Handlers struct {
	Show   func(fyne.CanvasObject)  // put the screen's content on the window
	Retake func()                   // the same question again (Ctrl+R)
	Next   func()                   // a new question (N)
	Nav    func(fyne.Shortcut) bool // a text field's shortcut for the window
	Guide  func(practice.Check)     // the checklist's link to the guide
}

// Shortcuts are the review screen's: undo with Ctrl+Z, redo with Ctrl+Y
// and Ctrl+Shift+Z (Cmd on macOS, where the driver reports Cmd+Z as the
// undo shortcut), and Ctrl+R to retake, a key no part letter uses.
var Shortcuts = func() []fyne.Shortcut {
	out := []fyne.Shortcut{&fyne.ShortcutUndo{}, &fyne.ShortcutRedo{}}
	out = append(out, widgets.CtrlShortcuts(true, fyne.KeyZ)...)
	return append(out, widgets.CtrlShortcuts(false, fyne.KeyR)...)
}()

// seekStep is how far the arrow keys move the playhead.
const seekStep = 5 * time.Second

// View is the review screen: the finished take, its parts and waveform,
// and how it is being played. Every method runs on the Fyne goroutine.
type View struct {
	h        Handlers
	lib      *practice.Library
	audio    Audio
	win      fyne.Window
	keys     *widgets.Keys
	limit    time.Duration
	question string
	feedback string
	now      func() time.Time

	player  audio.Player
	rate    int
	w       screenWidgets
	content fyne.CanvasObject

	take  practice.Take
	notes []string // plain sentences: errors, drops, playback problems
	parts *practice.Parts
	pyr   *peaks.Pyramid
	// samples is the take as recorded, kept for playback at other
	// speeds; nil when playback is off or streams from the file.
	samples []int16
	// path is the recording when playback streams from it (the Audio is
	// a StreamAudio); "" otherwise.
	path   string
	frames int64 // frames in the take as recorded; 0 when playback is off

	sel    int    // the selected part, -1 for none
	status string // what the last action did, or why it was not done

	speed     float64             // playback speed; 1 is as recorded
	scale     float64             // take frames per player frame
	stretched map[float64][]int16 // the take at other speeds
	stretch   *job.Job[[]int16]   // the speed being prepared, nil for none
	want      float64             // the speed being prepared

	underruns uint64 // playback gaps already told about (see underrunText)

	part       *span // the part playing alone (P); nil when playing freely
	loop       bool  // play the part (or the take) again at its end
	wasPlaying bool  // the player played at the last tick

	dragging bool            // a boundary drag is under way
	dragFrom []practice.Part // the parts when it began

	check         *Checklist         // the self-review
	tabs          *container.AppTabs // "How it went" and "Your review"
	showChecklist bool               // the self-review tab is on show
	reviewDirty   bool               // the self-review changed since it was saved
	reviewSaved   time.Time          // when the self-review was last saved

	report       *analysis.Report
	measure      *job.Job[analysis.Report] // the analysis under way, nil for none
	insights     *Insights
	showInsights bool // a narrow window shows the insights, not the timeline
}

// span is a stretch of the take in seconds.
type span struct{ start, end float64 }

// screenWidgets are the widgets of the review on show that its actions
// and the ticker update.
type screenWidgets struct {
	play     *widgets.Button
	seek     *widgets.SeekBar
	position *widget.Label
	wave     *timeline.Waveform
	status   *widget.Label // what the last action did
	speed    *widgets.Select
	loop     *widgets.Button
	undo     *widgets.Button
	redo     *widgets.Button
	split    *widgets.Button
	del      *widgets.Button
	playPart *widgets.Button

	insightsBtn *widgets.Button
	layout      *sideLayout

	// the playback position last drawn
	shown              bool
	shownPos, shownLen int64
}

// New makes the review of take: its parts (nil: none), its waveform (pyr;
// nil reads it from the file on Open) and the notes about how it went.
// Nothing plays or is measured until Open.
func New(o Options, h Handlers, take practice.Take, parts *practice.Parts, pyr *peaks.Pyramid, notes []string) *View {
	if parts == nil {
		parts, _ = practice.NewParts(0, nil)
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	return &View{h: h, lib: o.Library, audio: o.Audio, win: o.Window, keys: o.Keys, limit: o.Limit,
		question: o.Question, feedback: o.Feedback, now: now,
		take: take, notes: notes, parts: parts, pyr: pyr, sel: -1, speed: 1, scale: 1, want: 1}
}

// Open opens the recording at audioPath ("" when nothing was recorded)
// for playback, reads its waveform when New had none, and starts
// measuring it for the insights. Show then puts the screen on the window.
func (v *View) Open(audioPath string) {
	v.OpenPlayer(audioPath)
	if v.pyr == nil && audioPath != "" {
		if p, _, err := peaks.FromWAV(audioPath); err == nil {
			v.pyr = p
		}
	}
	v.startInsights(audioPath)
}

// OpenFile opens playback of the WAV at path with a (streamed from the
// file when a can): the compare screen's players.
func OpenFile(a Audio, path string) (audio.Player, error) {
	p, _, err := openRecording(a, path)
	return p, err
}

// Content is the screen last shown (nil before Show).
func (v *View) Content() fyne.CanvasObject { return v.content }

// Focus gives the focus to nothing: the window's keys drive the screen.
func (v *View) Focus() {}

// TypedKey handles the review's named keys and reports whether it used
// the key.
func (v *View) TypedKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		v.win.Canvas().Unfocus() // out of the self-review's fields
		v.clearSelection()
	case fyne.KeySpace:
		v.togglePlay()
	case fyne.KeyLeft:
		v.seekBy(-seekStep)
	case fyne.KeyRight:
		v.seekBy(seekStep)
	case fyne.KeyHome:
		v.seekHome(false)
	case fyne.KeyEnd:
		v.seekHome(true)
	case fyne.KeyDelete, fyne.KeyBackspace:
		v.deleteSelected()
	default:
		return false
	}
	return true
}

// TypedRune handles the review's character keys and reports whether it
// used r.
func (v *View) TypedRune(r rune) bool {
	if r == 'v' || r == 'V' {
		v.showChecklistTab()
		return true
	}
	return v.reviewRune(r)
}

// TypedShortcut handles the review's shortcuts (see Shortcuts).
func (v *View) TypedShortcut(s fyne.Shortcut) bool {
	if key, shift, ok := widgets.CtrlShortcut(s); ok && !shift && key == fyne.KeyR {
		v.h.Retake()
		return true
	}
	if !isUndoRedo(s) {
		return false
	}
	if s.ShortcutName() == (&fyne.ShortcutUndo{}).ShortcutName() {
		v.undo()
	} else {
		v.redo()
	}
	return true
}

// isUndoRedo tells whether s is one of the undo and redo shortcuts.
func isUndoRedo(s fyne.Shortcut) bool {
	switch s.(type) {
	case *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		return true
	}
	key, shift, ok := widgets.CtrlShortcut(s)
	return ok && shift && key == fyne.KeyZ
}

// Shortcuts are the screen's shortcuts (the package's Shortcuts).
func (v *View) Shortcuts() []fyne.Shortcut { return Shortcuts }

// Tick updates playback, takes in the background work's results and
// saves notes typed since the last save.
func (v *View) Tick() {
	v.tickReview()
	v.tickReviewNotes()
}

// Leave runs then: the review saves as it goes.
func (v *View) Leave(then func()) { then() }

func (v *View) button(label string, imp widget.Importance, tapped func()) *widgets.Button {
	return widgets.NewButton(v.keys, label, imp, tapped)
}

// secDur converts seconds to a Duration.
func secDur(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}

// Bands returns the parts as the waveform's bands, part sel selected.
func Bands(p *practice.Parts, sel int) []timeline.Band {
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

// EditProblem turns an error of the parts model into a sentence: its
// message (practice.Message), starting with a capital.
func EditProblem(err error) string {
	msg := practice.Message(err)
	if msg == "" {
		return msg
	}
	return strings.ToUpper(msg[:1]) + msg[1:]
}

// Close stops playback and the work started for the review, saving the
// self-review; it may run more than once.
func (v *View) Close() {
	v.saveReview(true)
	v.closePlayer()
	if j := v.stretch; j != nil {
		j.Cancel()
		v.stretch = nil
	}
	if j := v.measure; j != nil {
		j.Cancel()
		v.measure = nil
	}
}

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
	v.player, v.rate = p, rec.info.SampleRate
	v.samples, v.frames = rec.samples, rec.info.Frames
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
	info     wavfile.Info
	samples  []int16 // the whole take when it is not streamed
	streamed bool    // the player reads the file as it plays
}

// openRecording opens playback of the WAV at path with a: streamed from the file
// when the audio can, else read whole. The error is an *unreadableError
// when the file could not be read, errEmptyRecording when it holds no
// audio, and otherwise the player's.
func openRecording(a Audio, path string) (audio.Player, recording, error) {
	if sa, ok := a.(StreamAudio); ok {
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
	p, err := a.OpenPlayer(samples, info.SampleRate)
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

// targetPart returns the selected part, or else the part at the playhead
// (selecting it).
func (v *View) targetPart() (int, bool) {
	r := v
	if r.sel >= 0 && r.sel < r.parts.Len() {
		return r.sel, true
	}
	if i, ok := r.parts.Find(v.playhead()); ok {
		v.selectPart(i)
		return i, true
	}
	return -1, false
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

// stepPart moves the playhead to the start of the previous (dir < 0) or
// next part and selects it. Back from just after a part's start goes to
// the part before, as a player's previous-track key does.
func (v *View) stepPart(dir int) {
	r := v
	if r.parts.Len() == 0 {
		v.setStatus("Nothing is tagged yet, so there is no part to step to.")
		return
	}
	const grace = 0.3 // seconds
	t := v.playhead()
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
			v.setStatus("That was the last part.")
		} else {
			v.setStatus("That was the first part.")
		}
		return
	}
	r.part = nil
	v.w.wave.SetSelection(0, 0)
	v.selectPart(idx)
	pt := r.parts.At(idx)
	v.seekSeconds(pt.Start)
	v.setStatus(selectedText(pt))
	v.tickReview()
}

func selectedText(pt practice.Part) string {
	return fmt.Sprintf("%s selected (%s to %s). P plays it; a letter relabels it; Delete removes it.", pt.Kind, clock(pt.Start), clock(pt.End))
}

// clock formats seconds as m:ss.
func clock(s float64) string { return widgets.Clock(s) }

// selectPart selects part i (-1: none) and shows it.
func (v *View) selectPart(i int) {
	r := v
	if i >= r.parts.Len() {
		i = -1
	}
	r.sel = i
	v.showParts()
}

// clearSelection drops the selected part and range, and the line that
// named them.
func (v *View) clearSelection() {
	had := v.sel >= 0
	if v.w.wave != nil {
		if _, _, ok := v.w.wave.Selection(); ok {
			had = true
		}
		v.w.wave.SetSelection(0, 0)
	}
	if v.sel >= 0 {
		v.selectPart(-1)
	}
	if had {
		v.setStatus("")
	}
}

// bandTapped selects the tapped band.
func (v *View) bandTapped(i int) {
	v.w.wave.SetSelection(0, 0)
	v.selectPart(i)
	v.setStatus(selectedText(v.parts.At(i)))
}

// rangeSelected is called while a range is dragged out on the waveform.
func (v *View) rangeSelected(start, end float64) {
	if v.sel >= 0 {
		v.selectPart(-1)
	}
	v.setStatus(fmt.Sprintf("%s to %s selected. Press S T A R L (or 1 to 5) to tag it as that part.", clock(start), clock(end)))
}

// reviewRune handles the review screen's character keys and reports
// whether it used r.
func (v *View) reviewRune(r rune) bool {
	if k, ok := practice.KindForKey(string(r)); ok {
		return v.partKey(k)
	}
	switch r {
	case 'p', 'P':
		v.playPart()
	case 'o', 'O':
		v.toggleLoop()
	case 'x', 'X':
		v.split()
	case 'e', 'E':
		v.exportLabels()
	case 'i', 'I':
		v.toggleInsights()
	case '[':
		v.stepPart(-1)
	case ']':
		v.stepPart(1)
	case ',', '<':
		v.stepSpeed(-1)
	case '.', '>':
		v.stepSpeed(1)
	case '+', '=':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyPlus})
	case '-':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.KeyMinus})
	case '0':
		v.w.wave.HandleKey(&fyne.KeyEvent{Name: fyne.Key0})
	default:
		return false
	}
	return true
}

// partKey tags the selected range as a part of kind k, or relabels the
// selected part. With nothing selected it says what to select: a part
// letter means the part whatever the state (Retake is Ctrl+R).
func (v *View) partKey(k practice.Kind) bool {
	if start, end, ok := v.w.wave.Selection(); ok {
		v.edit(func(p *practice.Parts) (int, error) { return p.Tag(start, end, k) },
			fmt.Sprintf("Tagged %s to %s as %s.", clock(start), clock(end), k))
		v.w.wave.SetSelection(0, 0)
		return true
	}
	if i := v.sel; i >= 0 {
		v.edit(func(p *practice.Parts) (int, error) { return i, p.Relabel(i, k) },
			fmt.Sprintf("Part %d is now the %s.", i+1, k))
		return true
	}
	v.setStatus(fmt.Sprintf("To tag the %s, select a part (click its band) or drag across the waveform first, then press %s.", k, k.Letter()))
	return true
}

// split cuts the part at the playhead in two.
func (v *View) split() {
	t := v.playhead()
	v.edit(func(p *practice.Parts) (int, error) { return p.Split(t) },
		fmt.Sprintf("Split at %s. The second half is selected.", clock(t)))
}

// deleteSelected removes the selected part.
func (v *View) deleteSelected() {
	i := v.sel
	if i < 0 {
		v.setStatus("Select a part first (click its band); then Delete removes it.")
		return
	}
	kind := v.parts.At(i).Kind
	v.edit(func(p *practice.Parts) (int, error) { return -1, p.Delete(i) },
		fmt.Sprintf("Removed the %s. Undo (Ctrl+Z) brings it back.", kind))
}

// undo takes back the last edit of the parts.
func (v *View) undo() {
	if !v.parts.Undo() {
		v.setStatus("Nothing to undo.")
		return
	}
	v.sel = -1
	v.partsChanged("Undone.")
}

// redo applies the last undone edit again.
func (v *View) redo() {
	if !v.parts.Redo() {
		v.setStatus("Nothing to redo.")
		return
	}
	v.sel = -1
	v.partsChanged("Redone.")
}

// edit makes one change to the parts: fn returns the part to select (-1:
// none). A change the model refuses is not made and its reason shown.
func (v *View) edit(fn func(p *practice.Parts) (int, error), done string) {
	sel, err := fn(v.parts)
	if err != nil {
		v.setStatus("Not changed: " + EditProblem(err))
		return
	}
	v.sel = sel
	v.partsChanged(done)
}

// dragBoundary moves a part edge as it is dragged; the whole drag is one
// step for Undo.
func (v *View) dragBoundary(i int, end bool, t float64) {
	r := v
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
		v.setStatus("Not changed: " + EditProblem(err))
		return
	}
	v.setStatus("Boundary at " + clockTenths(got))
	v.showParts()
}

// dragEnded ends a boundary drag: it saves the result as one edit.
func (v *View) dragEnded() {
	r := v
	if !r.dragging {
		return
	}
	r.dragging = false
	r.parts.Commit()
	if partsEqual(r.dragFrom, r.parts.List()) {
		return
	}
	v.partsChanged("Boundary moved. Undo (Ctrl+Z) puts it back.")
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
func (v *View) partsChanged(done string) {
	r := v
	r.take.Parts = r.parts.List()
	if err := v.lib.Save(r.take); err != nil {
		done = fmt.Sprintf("%s But it could not be saved (%v); it stays here while the window is open. Check the takes folder, then make another change to save again.", done, err)
	}
	v.setStatus(done)
	v.showParts()
}

// showParts shows the parts and the selection on the waveform, the state
// of the edit buttons and the insights panel.
func (v *View) showParts() {
	r := v
	if v.w.wave == nil {
		return
	}
	v.w.wave.SetBands(Bands(r.parts, r.sel))
	if v.w.undo != nil {
		widgets.SetEnabled(v.w.undo, r.parts.CanUndo())
		widgets.SetEnabled(v.w.redo, r.parts.CanRedo())
		widgets.SetEnabled(v.w.del, r.sel >= 0)
	}
	if !r.dragging { // the panel is rebuilt once the drag ends
		v.updateInsights()
	}
}

// setStatus shows what the last action did on the review screen.
func (v *View) setStatus(text string) {
	v.status = text
	if v.w.status != nil {
		if text == "" {
			text = Hint
		}
		if v.w.status.Text != text {
			h := v.w.status.MinSize().Height
			v.w.status.SetText(text)
			if v.w.status.MinSize().Height != h {
				widgets.Relayout(v.win.Content()) // it wraps to another number of lines
			}
		}
	}
}

// Hint is the status line before the first action.
const Hint = "Click a band to select a part, drag its edges to adjust, or drag across the waveform and press S T A R L to tag. F1 lists every key."

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

// pollJobs takes in the results of the review's background work.
func (v *View) pollJobs() {
	r := v
	if j := r.stretch; j != nil {
		if res, ok := j.Result(); ok {
			r.stretch = nil
			if res.Err != nil {
				v.setStatus(fmt.Sprintf("Playback at %s is not available (%v). It stays at %s.", speedLabel(r.want), res.Err, speedLabel(r.speed)))
				r.want = r.speed
				if v.w.speed != nil {
					v.w.speed.SetSelected(speedLabel(r.speed))
				}
			} else {
				if r.stretched == nil {
					r.stretched = map[float64][]int16{}
				}
				r.stretched[r.want] = res.Val
				v.applySpeed(r.want, res.Val)
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
				v.saveMeasures(res.Val)
				if v.w.wave != nil {
					v.w.wave.SetGhosts(GhostTimes(res.Val))
					v.w.wave.SetPauses(pauseSpans(res.Val))
					v.w.wave.SetFillers(fillerSpans(res.Val))
				}
			}
			v.updateInsights()
			// The panel may need more room now. Its new content learns its
			// size in a first layout, as wrapped labels do: two passes.
			widgets.Relayout(v.win.Content())
			widgets.Relayout(v.win.Content())
		}
	}
}

// saveMeasures keeps the take's filled-pause figures in its take.json when
// they changed, so the progress screen can show them without analysing
// every take again.
func (v *View) saveMeasures(rep analysis.Report) {
	r := v
	m := practice.Measures{FilledPauses: len(rep.FilledPauses), FilledPausesPerMin: rep.FilledPausesPerMin}
	if r.take.ID == "" || (r.take.Measures != nil && *r.take.Measures == m) {
		return
	}
	r.take.Measures = &m
	if err := v.lib.Save(r.take); err != nil {
		v.setStatus(fmt.Sprintf("The take's figures could not be saved with it (%v); they are measured again the next time you open it.", err))
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

// Names of the label files Export writes into the take's folder.
const (
	LabelsName   = "labels.txt"
	ChaptersName = "chapters.vtt"
)

// exportLabels writes the parts as an Audacity label track and as WebVTT
// chapters into the take's folder.
func (v *View) exportLabels() {
	r := v
	list := r.parts.List()
	if len(list) == 0 {
		v.setStatus("Nothing is tagged yet, so there are no labels to export. Tag the parts first, then export.")
		return
	}
	audioPath := v.lib.AudioPath(r.take.ID)
	if audioPath == "" {
		v.setStatus("This take has no folder to export into.")
		return
	}
	dir := filepath.Dir(audioPath)
	files := []struct{ name, text string }{
		{LabelsName, practice.FormatAudacity(list)},
		{ChaptersName, practice.FormatWebVTT(list)},
	}
	for _, f := range files {
		if err := practice.WriteFileAtomic(filepath.Join(dir, f.name), []byte(f.text)); err != nil {
			v.setStatus(fmt.Sprintf("The labels could not be written (%v). Check that the takes folder can be written, then export again.", err))
			return
		}
	}
	v.setStatus(fmt.Sprintf("Exported %s (Audacity labels) and %s (WebVTT chapters) to %s", LabelsName, ChaptersName, dir))
}

// startInsights creates the side panel of the review and starts measuring
// the take for it.
func (v *View) startInsights(audioPath string) {
	r := v
	r.insights = NewInsights()
	r.insights.OnAcceptGhost = v.acceptGhost
	r.insights.OnAcceptAll = v.acceptAllGhosts
	r.measure = job.Start(func(<-chan struct{}) (analysis.Report, error) {
		return analysis.File(audioPath)
	})
}

// updateInsights shows the take and its parts in the side panel.
func (v *View) updateInsights() {
	r := v
	if r.insights != nil {
		r.insights.Update(r.take, r.parts.List(), r.report)
	}
}

// acceptGhost makes suggested boundary i the start of part kind i+1. When
// the take has a part of that kind already, its start moves there (with
// the end of the part before it, when they touch), so Use never makes a
// second part of the same kind beside the first; otherwise a part of that
// kind starts there.
func (v *View) acceptGhost(i int) {
	r := v
	if r.report == nil || i < 0 || i >= len(r.report.SuggestedBoundaries) {
		return
	}
	t := r.report.SuggestedBoundaries[i]
	k := practice.Kind(i + 1)
	j := nearestOfKind(r.parts, k, t)
	if j < 0 {
		v.edit(func(p *practice.Parts) (int, error) { return p.MarkStart(k, t) },
			fmt.Sprintf("The %s now starts at %s.", k, clock(t)))
		return
	}
	var got float64
	moved := false
	v.edit(func(p *practice.Parts) (int, error) {
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
	v.setStatus(msg)
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
func (v *View) acceptAllGhosts() {
	r := v
	if r.report == nil {
		return
	}
	list := practice.SuggestedParts(*r.report, r.parts.Duration())
	if list == nil {
		v.setStatus("There are no suggested parts for this take.")
		return
	}
	v.edit(func(p *practice.Parts) (int, error) {
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

// openAt opens a player of the take at speed s: buf, the take at s in
// memory, or, when the take streams from its file, the file itself,
// stretched as it plays when s is not 1.
func (v *View) openAt(s float64, buf []int16) (audio.Player, error) {
	sa, ok := v.audio.(StreamAudio)
	if v.path == "" || !ok {
		return v.audio.OpenPlayer(buf, v.rate)
	}
	r, err := wavfile.Open(v.path)
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

// Show builds the review screen and puts it on the window: the take's timeline with its parts,
// playback and editing controls, and the insights panel beside it (below
// it in a narrow window), each part scrolling on its own.
func (v *View) Show() {
	v.w = screenWidgets{}
	r := v
	top := v.reviewHeading()
	v.reviewWave()
	transport, tools, export := v.reviewControls()
	v.w.status = widgets.Wrapped(Hint, fyne.TextAlignLeading, theme.SizeNameText, false)
	v.setStatus(r.status)
	v.w.insightsBtn = v.button("How it went (I)", widget.MediumImportance, v.toggleInsights)
	leave := container.NewHBox(export, v.w.insightsBtn, layout.NewSpacer(),
		v.button("Retake (Ctrl+R)", widget.MediumImportance, v.h.Retake),
		v.button("New question (N)", widget.MediumImportance, v.h.Next))

	main := container.New(&mainLayout{}, container.NewVScroll(top), v.w.wave,
		container.NewVBox(transport, tools,
			container.New(&hintFloor{ghost: widgets.Wrapped(Hint, fyne.TextAlignLeading, theme.SizeNameText, false)}, v.w.status),
			leave))
	panel, back, side := v.reviewSide()
	v.w.layout = &sideLayout{main: container.NewVScroll(main), side: side, panel: panel,
		toggle: v.w.insightsBtn, back: back, showSide: r.showInsights}
	v.content = container.New(v.w.layout, v.w.layout.main, side)
	v.h.Show(v.content)
	v.showParts()
	v.tickReview()
}

// reviewHeading is the top of the review screen: the question, the
// answer's length against its limit, the feedback and any notes.
func (v *View) reviewHeading() *fyne.Container {
	r := v
	t := r.take
	summary := "Your answer: " + clock(t.Duration) + " of " + timer.Format(v.limit)
	if t.LimitS > 0 {
		summary = "Your answer: " + clock(t.Duration) + " of " + clock(t.LimitS)
	}
	question := t.QuestionText
	if question == "" {
		question = v.question
	}
	top := container.NewVBox(
		widgets.Wrapped(question, fyne.TextAlignLeading, theme.SizeNameSubHeadingText, false),
		widgets.Wrapped(summary, fyne.TextAlignLeading, theme.SizeNameHeadingText, true),
	)
	if v.feedback != "" {
		top.Add(widgets.Wrapped(v.feedback, fyne.TextAlignLeading, theme.SizeNameText, false))
	}
	for _, n := range r.notes {
		top.Add(widgets.Wrapped(n, fyne.TextAlignLeading, theme.SizeNameText, false))
	}

	return top
}

// reviewWave makes the review's timeline, with the take's peaks and parts
// and the window's handlers.
func (v *View) reviewWave() {
	r := v
	t := r.take
	v.w.wave = timeline.NewWaveform()
	v.w.wave.SetPeaks(r.pyr)
	v.w.wave.SetDuration(t.Duration)
	v.w.wave.SetFollow(true)
	if r.report != nil {
		v.w.wave.SetGhosts(GhostTimes(*r.report))
	}
	v.w.wave.OnTapped = v.seekAt
	v.w.wave.OnBandTapped = v.bandTapped
	v.w.wave.OnDragBoundary = v.dragBoundary
	v.w.wave.OnSelectRange = v.rangeSelected
	v.w.wave.OnDragEnd = v.dragEnded
}

// reviewControls makes the playback row (play, seek bar, position,
// speed), the row of part and editing tools, and the export button.
func (v *View) reviewControls() (transport, tools, export fyne.CanvasObject) {
	r := v
	v.w.play = v.button("Play (Space)", widget.HighImportance, v.togglePlay)
	v.w.seek = widgets.NewSeekBar(v.seekTo)
	v.w.position = widget.NewLabel(v.positionText(0))
	labels := make([]string, len(speeds))
	for i, s := range speeds {
		labels[i] = speedLabel(s)
	}
	v.w.speed = widgets.NewSelect(v.keys, labels, nil)
	v.w.speed.SetSelected(speedLabel(r.want))
	v.w.speed.OnChanged = func(s string) {
		if f, err := strconv.ParseFloat(strings.TrimSuffix(s, "x"), 64); err == nil {
			v.setSpeed(f)
		}
	}
	prev := v.button("[ Part", widget.MediumImportance, func() { v.stepPart(-1) })
	next := v.button("Part ]", widget.MediumImportance, func() { v.stepPart(1) })
	v.w.playPart = v.button("Play part (P)", widget.MediumImportance, v.playPart)
	v.w.loop = v.button(loopLabel(r.loop), widget.MediumImportance, v.toggleLoop)
	if v.player == nil {
		for _, w := range []fyne.Disableable{v.w.play, v.w.speed, prev, next, v.w.playPart, v.w.loop} {
			w.Disable()
		}
		v.w.seek.SetDisabled(true)
	}
	// The button keeps the width of its longer label, so the bar beside it
	// does not jump between Play and Pause.
	playBox := container.NewGridWrap(v.button("Pause (Space)", widget.HighImportance, nil).MinSize(), v.w.play)

	v.w.undo = v.iconButton("", theme.ContentUndoIcon(), v.undo)
	v.w.redo = v.iconButton("", theme.ContentRedoIcon(), v.redo)
	v.w.split = v.iconButton("Split (X)", theme.ContentCutIcon(), v.split)
	v.w.del = v.iconButton("", theme.DeleteIcon(), v.deleteSelected)
	export = v.iconButton("Export labels (E)", theme.DocumentSaveIcon(), v.exportLabels)
	transport = container.NewBorder(nil, nil, playBox,
		container.NewHBox(v.w.position, widget.NewLabel("Speed"), v.w.speed), v.w.seek)
	tools = container.NewHBox(prev, next, v.w.playPart, v.w.loop, layout.NewSpacer(),
		v.w.undo, v.w.redo, v.w.split, v.w.del)

	return transport, tools, export
}

// reviewSide makes the side of the review: the insights panel and the
// self-review in tabs, with the way back to the timeline for a narrow
// window.
func (v *View) reviewSide() (panel fyne.CanvasObject, back *widgets.Button, side fyne.CanvasObject) {
	r := v
	t := r.take
	// The insights panel's place: beside the timeline in a wide window;
	// in a narrow one it takes the timeline's place while "How it went"
	// is on.
	panel = container.NewStack()
	if r.insights != nil {
		panel = r.insights.CanvasObject()
	}
	back = v.button("Back to the timeline (I)", widget.MediumImportance, v.toggleInsights)
	if r.check == nil {
		r.check = NewChecklist(t, v.reviewChanged, v.keys, v.h.Nav, v.h.Guide)
	}
	r.tabs = container.NewAppTabs(
		container.NewTabItem("How it went", panel),
		container.NewTabItem("Your review (V)", container.NewVScroll(r.check.Content())))
	if r.showChecklist {
		r.tabs.SelectIndex(1)
	}
	r.tabs.OnSelected = func(ti *container.TabItem) { r.showChecklist = r.tabs.SelectedIndex() == 1 }
	side = container.NewBorder(container.NewHBox(back), nil, nil, nil, r.tabs)
	return panel, back, side
}

// toggleInsights shows the insights panel in place of the timeline, or the
// timeline again, in a window too narrow for both.
func (v *View) toggleInsights() {
	if v.w.layout == nil || v.w.layout.wide {
		return
	}
	v.showInsights = !v.showInsights
	v.w.layout.showSide = v.showInsights
	v.win.Content().Refresh()
	widgets.Relayout(v.win.Content())
}

func (v *View) iconButton(label string, icon fyne.Resource, tapped func()) *widgets.Button {
	b := v.button(label, widget.MediumImportance, tapped)
	b.Icon = icon
	return b
}

// reviewSaveEvery is how often typing in the self-review's notes is
// saved; ticks and leaving the review save the rest.
const reviewSaveEvery = time.Second

// reviewChanged takes in a change of the self-review on the review screen.
// Ticks and checks are saved at once, notes at most every second.
func (v *View) reviewChanged(rv practice.SelfReview) {
	r := v
	notesOnly := rv.Notes != r.take.Review.Notes && rv.Rating == r.take.Review.Rating &&
		len(rv.Checked) == len(r.take.Review.Checked)
	r.take.Review = rv
	r.reviewDirty = true
	if !notesOnly || v.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		v.saveReview(false)
	}
}

// saveReview saves the self-review of the take on review if it changed.
// When the review screen is being left, a failure is shown in a dialog
// with the notes, so they can be copied; otherwise on the status line.
func (v *View) saveReview(leaving bool) {
	r := v
	if !r.reviewDirty || r.take.ID == "" {
		return
	}
	r.reviewDirty = false
	r.reviewSaved = v.now()
	err := v.lib.Save(r.take)
	if err == nil {
		return
	}
	r.reviewDirty = true
	if !leaving {
		v.setStatus(fmt.Sprintf("Your review could not be saved (%v). Check that the takes folder can be written; your notes stay on screen.", err))
		return
	}
	msg := fmt.Sprintf("Your review of this take could not be saved (%v). Check that the takes folder can be written.", err)
	if r.take.Review.Notes != "" {
		msg += " Your notes were:\n\n" + r.take.Review.Notes
	}
	dialog.ShowInformation("Your review was not saved", msg, v.win)
}

// tickReviewNotes saves notes typed since the last save, once a second.
func (v *View) tickReviewNotes() {
	if r := v; r.reviewDirty && v.now().Sub(r.reviewSaved) >= reviewSaveEvery {
		v.saveReview(false)
	}
}

// showChecklistTab switches the review screen's side panel to the
// self-review (V).
func (v *View) showChecklistTab() {
	r := v
	if r.tabs == nil {
		return
	}
	r.showChecklist = true
	r.tabs.SelectIndex(1)
	if v.w.layout != nil && !v.w.layout.wide && !r.showInsights {
		v.toggleInsights()
	}
	if r.check != nil {
		r.check.FocusFirst(v.win)
	}
}

// What the window's tests read of the screen.

// Take is the take on review, as last saved or about to be.
func (v *View) Take() practice.Take { return v.take }

// Parts is the take's tagging.
func (v *View) Parts() *practice.Parts { return v.parts }

// Selected is the selected part, -1 for none.
func (v *View) Selected() int { return v.sel }

// Notes are the sentences over the timeline.
func (v *View) Notes() []string { return v.notes }

// AddNotes adds sentences over the timeline; Show shows them.
func (v *View) AddNotes(n ...string) { v.notes = append(v.notes, n...) }

// Peaks is the take's waveform, nil when it could not be read.
func (v *View) Peaks() *peaks.Pyramid { return v.pyr }

// Measuring tells whether the take is still being measured.
func (v *View) Measuring() bool { return v.measure != nil }

// Report is the take's measurements, nil until they are done.
func (v *View) Report() *analysis.Report { return v.report }

// SetReport sets the take's measurements (its suggested boundaries).
func (v *View) SetReport(r *analysis.Report) { v.report = r }

// Player is the take's player, nil when playback is off.
func (v *View) Player() audio.Player { return v.player }

// Samples is the take in memory, nil when it streams from its file or
// playback is off.
func (v *View) Samples() []int16 { return v.samples }

// StreamPath is the file playback streams from, "" when none.
func (v *View) StreamPath() string { return v.path }

// Speed is the playback speed, 1 as recorded.
func (v *View) Speed() float64 { return v.speed }

// Stretching tells whether another speed is being prepared.
func (v *View) Stretching() bool { return v.stretch != nil }

// Playhead is the playback position in seconds of the take.
func (v *View) Playhead() float64 { return v.playhead() }

// TakeSeconds is the length of the take.
func (v *View) TakeSeconds() float64 { return v.takeSeconds() }

// SeekAt moves playback to t seconds, as a click on the waveform does.
func (v *View) SeekAt(t float64) { v.seekAt(t) }

// AcceptGhost uses suggested boundary i, as its Use button does.
func (v *View) AcceptGhost(i int) { v.acceptGhost(i) }

// AcceptAllGhosts uses every suggested part, as Use all does.
func (v *View) AcceptAllGhosts() { v.acceptAllGhosts() }

// SaveParts saves the take with its parts and shows them, with status
// on the status line.
func (v *View) SaveParts(status string) { v.partsChanged(status) }

// ShowParts shows the parts and the selection.
func (v *View) ShowParts() { v.showParts() }

// Checklist is the self-review, nil before Show.
func (v *View) Checklist() *Checklist { return v.check }

// Tabs are "How it went" and "Your review", nil before Show.
func (v *View) Tabs() *container.AppTabs { return v.tabs }

// Wave is the timeline on show.
func (v *View) Wave() *timeline.Waveform { return v.w.wave }

// StatusLine is the status line's text.
func (v *View) StatusLine() string { return v.w.status.Text }

// PlayButton, SeekBar, PositionLabel, SpeedSelect, LoopButton and
// DeleteButton are the controls on show.
func (v *View) PlayButton() *widgets.Button { return v.w.play }

// SeekBar is the position bar on show.
func (v *View) SeekBar() *widgets.SeekBar { return v.w.seek }

// PositionLabel is the position and length on show.
func (v *View) PositionLabel() *widget.Label { return v.w.position }

// SpeedSelect is the speed list on show.
func (v *View) SpeedSelect() *widgets.Select { return v.w.speed }

// LoopButton is the loop button on show.
func (v *View) LoopButton() *widgets.Button { return v.w.loop }

// DeleteButton is the button that removes the selected part.
func (v *View) DeleteButton() *widgets.Button { return v.w.del }

// Layout tells how the screen is laid out: the timeline and the insights
// side by side (wide), each shown or not, and whether the button that
// switches between them is.
func (v *View) Layout() (wide, timeline, insights, toggle bool) {
	l := v.w.layout
	return l.wide, l.main.Visible(), l.side.Visible(), v.w.insightsBtn.Visible()
}
