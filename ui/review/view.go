// The review screen's type (View), what the window gives it (Options,
// Handlers), and its keys and shortcuts.

package review

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
	"failforward/audio/analysis"
	"failforward/audio/peaks"
	"failforward/internal/job"
	"failforward/practice"
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

// TypedRune handles the review's character keys (N asks the window for
// a new question) and reports whether it used r.
func (v *View) TypedRune(r rune) bool {
	if r == 'v' || r == 'V' {
		v.showChecklistTab()
		return true
	}
	if v.reviewRune(r) {
		return true
	}
	if r == 'n' || r == 'N' {
		v.h.Next()
		return true
	}
	return false
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
