package widgets

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/practice"
)

// Bar geometry, in units of the theme's padding.
const (
	shareBarHeight = 1.5 // the bar's thickness
	shareBarMark   = 2.5 // the guide mark's height
)

// partColor is the colour of part kind k (practice's table of the parts).
func partColor(k int) color.NRGBA { return practice.Kind(k).Color() }

// BalanceRow is one kind's line: its letter chip, name, time, share and
// guide, over a bar showing the share with a mark at the guide.
func BalanceRow(row practice.BalanceRow) fyne.CanvasObject {
	k := int(row.Kind)
	name := widget.NewLabel(practice.Kind(k).String())
	nums := widget.NewLabel(BalanceText(row))
	nums.Alignment = fyne.TextAlignTrailing
	line := container.NewBorder(nil, nil, name, nums)
	bar := NewShareBar(k, row.Share, row.Guide)
	return container.NewBorder(nil, nil, NewPartChip(k), nil, container.NewVBox(line, bar))
}

// BalanceText is a row's figures: "0:24 · 21% (aim ~20%)", or "not
// tagged (aim ~20%)"; the Lesson's aim is "a short close".
func BalanceText(row practice.BalanceRow) string {
	aim := fmt.Sprintf("(aim ~%d%%)", Percent(row.Guide))
	if row.Guide == 0 {
		aim = "(aim: a short close)"
	}
	if row.Parts == 0 {
		return "not tagged " + aim
	}
	return fmt.Sprintf("%s · %d%% %s", MinSec(row.Seconds), Percent(row.Share), aim)
}

// MinSec formats seconds as m:ss, truncated to whole seconds as the
// countdown and the balance findings show times.
func MinSec(s float64) string {
	n := int64(max(s, 0))
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// Percent is a share as a whole percentage, rounded as the balance
// findings round it.
func Percent(share float64) int { return int(math.Round(share * 100)) }

// PartChip is a part's letter on a square of its timeline colour, the
// letter in black or white, whichever reads better on it.
type PartChip struct {
	widget.BaseWidget
	kind int
}

// NewPartChip returns the chip of part kind.
func NewPartChip(kind int) *PartChip {
	c := &PartChip{kind: kind}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the square and the letter.
func (c *PartChip) CreateRenderer() fyne.WidgetRenderer {
	r := &partChipRenderer{c: c}
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.text.Alignment = fyne.TextAlignCenter
	r.update()
	return r
}

type partChipRenderer struct {
	c    *PartChip
	bg   canvas.Rectangle
	text canvas.Text
}

func (r *partChipRenderer) update() {
	th := r.c.Theme()
	fill := partColor(r.c.kind)
	r.bg.FillColor = fill
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.text.Text = practice.Kind(r.c.kind).Letter()
	r.text.Color = ReadableOn(fill)
	r.text.TextSize = th.Size(theme.SizeNameText)
}

// side is the chip's square size; inset is the space at its left, which
// lines it up with the text of labels and headings.
func (r *partChipRenderer) side() (side, inset float32) {
	th := r.c.Theme()
	p := th.Size(theme.SizeNameInnerPadding)
	return th.Size(theme.SizeNameText) + 1.5*p, p - th.Size(theme.SizeNamePadding)
}

// Layout centres the square vertically, after the inset.
func (r *partChipRenderer) Layout(size fyne.Size) {
	s, inset := r.side()
	pos := fyne.NewPos(inset, (size.Height-s)/2)
	r.bg.Move(pos)
	r.bg.Resize(fyne.NewSize(s, s))
	r.text.Move(pos)
	r.text.Resize(fyne.NewSize(s, s))
}

func (r *partChipRenderer) MinSize() fyne.Size {
	s, inset := r.side()
	return fyne.NewSize(inset+s, s)
}

func (r *partChipRenderer) Refresh() {
	r.update()
	r.bg.Refresh()
	r.text.Refresh()
}

func (r *partChipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.bg, &r.text}
}

func (r *partChipRenderer) Destroy() {}

// ShareBar shows a share of the story as a bar in a part's colour on a
// track as wide as the whole story, with a mark at the share to aim for
// (none when guide is 0).
type ShareBar struct {
	widget.BaseWidget
	kind         int
	share, guide float64
}

// Share is the share shown, and Guide the share to aim for.
func (b *ShareBar) Share() (share, guide float64) { return b.share, b.guide }

// NewShareBar returns the bar of part kind at share, with its mark at
// guide (both 0..1).
func NewShareBar(kind int, share, guide float64) *ShareBar {
	b := &ShareBar{kind: kind, share: share, guide: guide}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the track, the share and the guide mark.
func (b *ShareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &shareBarRenderer{b: b}
	r.update()
	return r
}

type shareBarRenderer struct {
	b                  *ShareBar
	track, fill, guide canvas.Rectangle
}

func (r *shareBarRenderer) update() {
	th := r.b.Theme()
	v := ThemeVariant(fyne.CurrentApp())
	r.track.FillColor = th.Color(theme.ColorNameInputBackground, v)
	r.track.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	r.track.StrokeWidth = 1
	r.fill.FillColor = partColor(r.b.kind)
	r.guide.FillColor = th.Color(theme.ColorNameForeground, v)
	r.guide.Hidden = r.b.guide <= 0
	rad := th.Size(theme.SizeNamePadding) * shareBarHeight / 2
	r.track.CornerRadius, r.fill.CornerRadius = rad, rad
}

// Layout insets the track by the labels' inner padding, so that it spans
// from the start of the part's name to the end of its figures.
func (r *shareBarRenderer) Layout(size fyne.Size) {
	th := r.b.Theme()
	p := th.Size(theme.SizeNamePadding)
	in := th.Size(theme.SizeNameInnerPadding)
	width := max(0, size.Width-2*in)
	h := p * shareBarHeight
	y := (size.Height - h) / 2
	r.track.Move(fyne.NewPos(in, y))
	r.track.Resize(fyne.NewSize(width, h))
	r.fill.Move(fyne.NewPos(in, y))
	r.fill.Resize(fyne.NewSize(float32(math.Min(max(r.b.share, 0), 1))*width, h))
	mh := p * shareBarMark
	x := in + float32(math.Min(r.b.guide, 1))*width
	r.guide.Move(fyne.NewPos(x-1, (size.Height-mh)/2))
	r.guide.Resize(fyne.NewSize(2, mh))
}

func (r *shareBarRenderer) MinSize() fyne.Size {
	p := r.b.Theme().Size(theme.SizeNamePadding)
	return fyne.NewSize(10*p, p*shareBarMark)
}

func (r *shareBarRenderer) Refresh() {
	r.update()
	r.Layout(r.b.Size())
	r.track.Refresh()
	r.fill.Refresh()
	r.guide.Refresh()
}

func (r *shareBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{&r.track, &r.fill, &r.guide}
}

func (r *shareBarRenderer) Destroy() {}
