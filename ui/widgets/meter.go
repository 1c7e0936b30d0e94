package widgets

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"failforward/audio"
)

// The meter shows levels from meterFloorDB to 0 dBFS; anything quieter sits
// at the left edge.
const meterFloorDB = -60.0

// meterTicks are the scale marks in dBFS, left to right.
var meterTicks = [...]float64{-60, -48, -36, -24, -12, -6, 0}

// LevelMeter is the live input level: a bar for the RMS level over a paler
// bar for the block peak, a tick for the held peak, a dBFS scale below and
// a "CLIP" label while the input clips. Levels are in dBFS (audio.Level).
type LevelMeter struct {
	widget.BaseWidget

	level audio.Level
}

// NewLevelMeter returns a meter showing silence.
func NewLevelMeter() *LevelMeter {
	m := &LevelMeter{level: audio.Level{RMS: audio.MinDB, Peak: audio.MinDB, Hold: audio.MinDB}}
	m.ExtendBaseWidget(m)
	return m
}

// SetLevel shows a new level; it refreshes only when the level changed.
func (m *LevelMeter) SetLevel(l audio.Level) {
	if m.level == l {
		return
	}
	m.level = l
	m.Refresh()
}

// meterRatio maps a dBFS level to 0..1 across the meter.
func meterRatio(db float64) float32 {
	switch {
	case db <= meterFloorDB:
		return 0
	case db >= 0:
		return 1
	default:
		return float32((db - meterFloorDB) / -meterFloorDB)
	}
}

// meterZone names the colour for a peak level: comfortable, loud, too loud.
func meterZone(peak float64, clipped bool) fyne.ThemeColorName {
	switch {
	case clipped || peak >= -1:
		return theme.ColorNameError
	case peak >= -6:
		return theme.ColorNameWarning
	default:
		return theme.ColorNameSuccess
	}
}

// CreateRenderer draws the bars, the scale and the clip label.
func (m *LevelMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m}
	r.clip.Text = "CLIP"
	r.clip.TextStyle = fyne.TextStyle{Bold: true}
	r.clip.Alignment = fyne.TextAlignCenter
	for i, db := range meterTicks {
		r.labels[i].Text = strconv.Itoa(int(db))
		r.labels[i].Alignment = fyne.TextAlignCenter
	}
	r.labels[len(meterTicks)-1].Text = "0 dBFS"
	r.labels[len(meterTicks)-1].Alignment = fyne.TextAlignTrailing
	r.labels[0].Alignment = fyne.TextAlignLeading

	objs := []fyne.CanvasObject{&r.track, &r.peak, &r.rms, &r.hold}
	for i := range r.ticks {
		objs = append(objs, &r.ticks[i])
	}
	for i := range r.labels {
		objs = append(objs, &r.labels[i])
	}
	r.Objs = append(objs, &r.clip)
	r.applyTheme()
	return r
}

type meterRenderer struct {
	BaseRenderer

	m *LevelMeter

	track, peak, rms, hold canvas.Rectangle
	ticks                  [len(meterTicks)]canvas.Rectangle
	labels                 [len(meterTicks)]canvas.Text
	clip                   canvas.Text
}

const (
	meterBarHeight = 18
	meterHoldWidth = 3
	labelGap       = 6 // least room between two scale labels
)

func (r *meterRenderer) applyTheme() {
	th := r.m.Theme()
	b := &r.m.BaseWidget
	l := r.m.level
	zone := ThemeColor(b, meterZone(l.Peak, l.Clipped))

	r.track.FillColor = ThemeColor(b, theme.ColorNameInputBackground)
	r.track.StrokeColor = ThemeColor(b, theme.ColorNameInputBorder)
	r.track.StrokeWidth = 1
	r.rms.FillColor = zone
	r.peak.FillColor = fade(zone)
	r.hold.FillColor = ThemeColor(b, theme.ColorNameForeground)
	fg := ThemeColor(b, theme.ColorNameForeground)
	small := th.Size(theme.SizeNameCaptionText)
	for i := range r.ticks {
		r.ticks[i].FillColor = ThemeColor(b, theme.ColorNameInputBorder)
		r.labels[i].Color = fg
		r.labels[i].TextSize = small
	}
	r.clip.Color = ThemeColor(b, theme.ColorNameError)
	r.clip.TextSize = th.Size(theme.SizeNameText)
	r.clip.Hidden = !l.Clipped
}

// fade halves a colour's opacity.
func fade(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A /= 2
	return n
}

// clipWidth is the room kept right of the bar for the "CLIP" label.
func (r *meterRenderer) clipWidth() float32 {
	return r.clip.MinSize().Width + 2*r.m.Theme().Size(theme.SizeNamePadding)
}

// Layout places the bars for the current level; it changes no colours.
func (r *meterRenderer) Layout(size fyne.Size) {
	w := size.Width - r.clipWidth()
	if w < 0 {
		w = 0
	}
	l := r.m.level
	r.track.Move(fyne.NewPos(0, 0))
	r.track.Resize(fyne.NewSize(w, meterBarHeight))
	r.peak.Move(fyne.NewPos(0, 0))
	r.peak.Resize(fyne.NewSize(w*meterRatio(l.Peak), meterBarHeight))
	r.rms.Move(fyne.NewPos(0, 0))
	r.rms.Resize(fyne.NewSize(w*meterRatio(l.RMS), meterBarHeight))
	hx := w*meterRatio(l.Hold) - meterHoldWidth
	if hx < 0 {
		hx = 0
	}
	r.hold.Move(fyne.NewPos(hx, 0))
	r.hold.Resize(fyne.NewSize(meterHoldWidth, meterBarHeight))
	r.hold.Hidden = l.Hold <= meterFloorDB

	// Labels are placed right to left; one that would touch the label to
	// its right is hidden, so a narrow meter drops the crowded marks.
	labelH := r.labels[0].MinSize().Height
	free := size.Width
	for i := len(meterTicks) - 1; i >= 0; i-- {
		x := w * meterRatio(meterTicks[i])
		tx := min(max(x-0.5, 0), w-1)
		r.ticks[i].Move(fyne.NewPos(tx, meterBarHeight))
		r.ticks[i].Resize(fyne.NewSize(1, 4))
		lw := r.labels[i].MinSize().Width
		lx := x - lw/2
		switch r.labels[i].Alignment {
		case fyne.TextAlignLeading:
			lx = x
		case fyne.TextAlignTrailing:
			lx = x - lw
		}
		r.labels[i].Move(fyne.NewPos(lx, meterBarHeight+4))
		r.labels[i].Resize(fyne.NewSize(lw, labelH))
		r.labels[i].Hidden = lx+lw+labelGap > free
		if !r.labels[i].Hidden {
			free = lx
		}
	}
	cw := r.clipWidth()
	r.clip.Move(fyne.NewPos(w, 0))
	r.clip.Resize(fyne.NewSize(cw, meterBarHeight))
}

func (r *meterRenderer) MinSize() fyne.Size {
	labelH := r.labels[0].MinSize().Height
	return fyne.NewSize(240+r.clipWidth(), meterBarHeight+4+labelH)
}

func (r *meterRenderer) Refresh() {
	r.applyTheme()
	r.Layout(r.m.Size())
	for _, o := range r.Objs {
		canvas.Refresh(o)
	}
}
