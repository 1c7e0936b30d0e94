package widgets

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"failforward/audio/analysis"
	"failforward/audio/takefile"
	"failforward/timer"
)

// Wrapped returns a word-Wrapped label.
func Wrapped(text string, align fyne.TextAlign, size fyne.ThemeSizeName, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, align, fyne.TextStyle{Bold: bold})
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = size
	return l
}

// Bold is a bold label.
func Bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Note is secondary text, Wrapped: in italics rather than faded, so it
// keeps its contrast.
func Note(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Table lays out objects as a table of cols columns, row by row: each
// column as wide as its widest cell, each row as tall as its tallest, with
// spare width shared by the columns.
type Table struct{ Cols int }

func (l Table) sizes(objs []fyne.CanvasObject) (widths, heights []float32) {
	widths = make([]float32, l.Cols)
	heights = make([]float32, (len(objs)+l.Cols-1)/l.Cols)
	for i, o := range objs {
		m := o.MinSize()
		widths[i%l.Cols] = max(widths[i%l.Cols], m.Width)
		heights[i/l.Cols] = max(heights[i/l.Cols], m.Height)
	}
	return widths, heights
}

// Layout places the cells.
func (l Table) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	widths, heights := l.sizes(objs)
	var total float32
	for _, w := range widths {
		total += w
	}
	extra := max(0, size.Width-total) / float32(l.Cols)
	var y float32
	for r, h := range heights {
		var x float32
		for c, w := range widths {
			i := r*l.Cols + c
			if i >= len(objs) {
				break
			}
			objs[i].Move(fyne.NewPos(x, y))
			objs[i].Resize(fyne.NewSize(w+extra, h))
			x += w + extra
		}
		y += h
	}
}

// MinSize is the sum of the column widths and row heights.
func (l Table) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widths, heights := l.sizes(objs)
	var s fyne.Size
	for _, w := range widths {
		s.Width += w
	}
	for _, h := range heights {
		s.Height += h
	}
	return s
}

// SetVisible shows or hides o.
func SetVisible(o fyne.CanvasObject, on bool) {
	switch {
	case on && !o.Visible():
		o.Show()
	case !on && o.Visible():
		o.Hide()
	}
}

// Date formats when a take started, in the time zone it was recorded
// in: "Tue 24 Nov 2026, 20:15".
func Date(t time.Time) string {
	if t.IsZero() {
		return "Date unknown"
	}
	return t.Format("Mon 2 Jan 2006, 15:04")
}

// SetEnabled enables or disables w, touching it only when that changes.
func SetEnabled(w fyne.Disableable, on bool) {
	if on && w.Disabled() {
		w.Enable()
	} else if !on && !w.Disabled() {
		w.Disable()
	}
}

// DialogTextWidth is the width of a KeyDialog's text.
const DialogTextWidth = 440

// WrapAt lays out Wrapped text at a fixed width, so its minimum height is
// that of the lines it needs at that width, before it is first shown.
type WrapAt struct{ Width float32 }

// Layout gives every object the whole size.
func (l WrapAt) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is the width and the height the objects need at that width.
func (l WrapAt) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(l.Width, 0)
	for _, o := range objs {
		if o.Size().Width != l.Width {
			o.Resize(fyne.NewSize(l.Width, o.MinSize().Height))
		}
		s.Height = max(s.Height, o.MinSize().Height)
	}
	return s
}

// Relayout lays out every container again, top down, the content of
// scroll containers included. Wrapped labels learn their width in the
// first layout and only then report their real height, so a second pass
// gives them the room they need from the first frame.
func Relayout(o fyne.CanvasObject) {
	switch sc := o.(type) {
	case *container.Scroll:
		sc.Refresh() // sizes the content to its new minimum
		Relayout(sc.Content)
		return
	case *Scroll:
		sc.Refresh()
		Relayout(sc.Content)
		return
	}
	box, ok := o.(*fyne.Container)
	if !ok {
		return
	}
	if box.Layout != nil {
		box.Layout.Layout(box.Objects, box.Size())
	}
	for _, child := range box.Objects {
		Relayout(child)
	}
}

// Clock formats seconds as the countdown shows times: "1:48".
func Clock(s float64) string {
	return timer.Format(time.Duration(math.Round(s * float64(time.Second))))
}

// The page of the window: its padding, and how wide its column grows.
const (
	PagePad    = 24
	MaxColumn  = 820  // the column of most screens
	WideColumn = 1280 // the same for the screens that show a timeline or a list
)

// Column centres its objects in a column no wider than Max.
type Column struct{ Max float32 }

// Layout centres the objects, at most Max wide.
func (l Column) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.Max)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

// MinSize is the largest minimum size of the objects.
func (l Column) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// Heading is a bold heading at the given text size.
func Heading(text string, size fyne.ThemeSizeName) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = size
	return l
}

// ErrorText is err in words for people: the message the package that made
// it gives (a Message method, as practice's, audio/device's and
// audio/analysis's errors have, found anywhere in err's chain), else
// err's own text.
func ErrorText(err error) string {
	var m interface{ Message() string }
	if errors.As(err, &m) {
		return m.Message()
	}
	return err.Error()
}

// MeasureError says why a take could not be measured and what to do.
func MeasureError(err error) string {
	what, hint, bad := takefile.Problem(err)
	switch {
	case bad:
		return fmt.Sprintf("This recording cannot be measured: %s (%s). The take and its tags are kept.", what, hint)
	case errors.Is(err, fs.ErrNotExist):
		return "The recording of this take is missing, so it cannot be measured. Its tags are kept."
	case errors.Is(err, analysis.ErrRate):
		return "The recording's sample rate is too low to measure. Record at 16 kHz or more next time."
	}
	return fmt.Sprintf("This take could not be measured (%v). Open it again to retry.", err)
}

// Centered centres objs side by side.
func Centered(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(container.NewHBox(objs...))
}
