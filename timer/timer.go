// Package timer is the countdown of one practice take: think time, then the
// answer under a time limit with green, yellow and red phases, then done.
//
// A Countdown is pure state. It never reads the clock and starts no
// goroutines: the caller passes the current time to every method (usually
// time.Now() from a UI ticker), which makes the behaviour fully testable.
// Time that appears to go backwards is clamped to the latest time seen, so a
// Countdown never moves back to an earlier phase.
package timer

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Phase is the stage a countdown is in.
type Phase int

// The phases in the order a take passes through them. Green, Yellow and Red
// start at the configured fractions of the limit; a phase whose span is
// empty (two equal fractions) is skipped.
const (
	Idle   Phase = iota // not started
	Think               // think time before the answer
	Speak               // answering, before the green mark
	Green               // answering, past the green mark
	Yellow              // answering, past the yellow mark
	Red                 // answering, past the red mark (at or over the limit by default)
	Done                // the answer ended: limit reached in strict mode, or stopped
)

var phaseNames = [...]string{
	Idle:   "idle",
	Think:  "think",
	Speak:  "speak",
	Green:  "green",
	Yellow: "yellow",
	Red:    "red",
	Done:   "done",
}

// String returns the phase as a plain lowercase word, such as "think".
func (p Phase) String() string {
	if p >= 0 && int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return fmt.Sprintf("Phase(%d)", int(p))
}

// Limits accepted by Config.Validate: the one source of them for the
// command line's flags, the saved settings (practice.Settings.Validate)
// and the settings screen.
const (
	MinLimit = 30 * time.Second // shortest answer limit
	MaxLimit = 5 * time.Minute  // longest answer limit
	MaxThink = 5 * time.Minute  // longest think time
)

// Config sets the durations and colour marks of a countdown.
type Config struct {
	Think time.Duration // think time; 0 starts the answer at once
	Limit time.Duration // answer time limit

	// Green, Yellow and Red are the marks where those phases start, as
	// fractions of Limit.
	Green, Yellow, Red float64

	// Strict ends the answer at the limit. Otherwise the answer goes on
	// in the Red phase and Overtime counts up until Stop.
	Strict bool
}

// DefaultConfig returns 30 s think time, a 2 min limit, marks at 50 %, 75 %
// and 100 % of the limit, and strict mode: the defaults of the flags and of
// a new user's settings (practice.DefaultSettings).
func DefaultConfig() Config {
	return Config{
		Think:  30 * time.Second,
		Limit:  2 * time.Minute,
		Green:  0.5,
		Yellow: 0.75,
		Red:    1,
		Strict: true,
	}
}

// Validate reports whether c is usable: Limit within MinLimit..MaxLimit,
// Think within 0..MaxThink, and 0 < Green <= Yellow <= Red <= 1. Equal marks
// are allowed and make the earlier phase empty (Yellow == Red: no yellow).
func (c Config) Validate() error {
	var errs []error
	if c.Limit < MinLimit || c.Limit > MaxLimit {
		errs = append(errs, fmt.Errorf("timer: limit %v is outside %v..%v", c.Limit, MinLimit, MaxLimit))
	}
	if c.Think < 0 || c.Think > MaxThink {
		errs = append(errs, fmt.Errorf("timer: think time %v is outside 0s..%v", c.Think, MaxThink))
	}
	marks := []struct {
		name string
		v    float64
	}{{"green", c.Green}, {"yellow", c.Yellow}, {"red", c.Red}}
	for _, m := range marks {
		// The negated comparison also rejects NaN.
		if !(m.v > 0 && m.v <= 1) {
			errs = append(errs, fmt.Errorf("timer: %s mark %v is outside (0, 1]", m.name, m.v))
		}
	}
	if c.Green > c.Yellow || c.Yellow > c.Red {
		errs = append(errs, fmt.Errorf("timer: marks must satisfy green <= yellow <= red, got %v, %v, %v", c.Green, c.Yellow, c.Red))
	}
	return errors.Join(errs...)
}

// State is what a countdown shows at one moment.
type State struct {
	Phase Phase

	// Remaining is the think time left in Think, and the time left until
	// the limit while answering (0 in overtime). After the answer ended it
	// keeps the value it had at the end.
	Remaining time.Duration

	// Elapsed is the time since the answer started (0 in Think).
	Elapsed time.Duration

	// Overtime is the time past the limit; only non-strict answers have it.
	Overtime time.Duration

	// AnswerStarted is true on the one Update that first observes the
	// answer having started (after think time ran out, SkipThink, or a
	// Start with zero think time).
	AnswerStarted bool

	// Finished is true on the one Update that first observes the end of
	// the countdown (strict limit reached, or Stop).
	Finished bool

	// Fraction is Elapsed / Limit clamped to 0..1, for a progress bar.
	Fraction float64
}

// Countdown runs one take's countdown. The zero value is not usable; call
// New. A Countdown is not safe for concurrent use.
type Countdown struct {
	cfg Config
	// marks where Green, Yellow and Red start, as durations into the answer
	green, yellow, red time.Duration

	phase       Phase
	last        time.Time // latest time seen; earlier times are clamped to it
	thinkStart  time.Time
	answerStart time.Time
	answering   bool // the answer has started
	endAt       time.Time
	ended       bool // the countdown reached Done

	reportStart, reportEnd bool // events not yet reported by Update
}

// New returns a countdown in the Idle phase. cfg should pass Validate; New
// does not check it, but odd values never make it panic.
func New(cfg Config) *Countdown {
	c := &Countdown{cfg: cfg}
	c.green = mark(cfg.Limit, cfg.Green)
	c.yellow = mark(cfg.Limit, cfg.Yellow)
	c.red = mark(cfg.Limit, cfg.Red)
	return c
}

func mark(limit time.Duration, f float64) time.Duration {
	if math.IsNaN(f) || f < 0 {
		f = 0
	}
	return time.Duration(math.Round(float64(limit) * f))
}

// Config returns the configuration the countdown was made with.
func (c *Countdown) Config() Config { return c.cfg }

// Start (re)starts the countdown at now: it enters Think, or the answer
// straight away when the think time is zero.
func (c *Countdown) Start(now time.Time) {
	cfg, green, yellow, red := c.cfg, c.green, c.yellow, c.red
	*c = Countdown{cfg: cfg, green: green, yellow: yellow, red: red}
	c.phase = Think
	c.last = now
	c.thinkStart = now
	if cfg.Think <= 0 {
		c.beginAnswer(now)
	}
}

// SkipThink ends the think time at now and starts the answer. It does
// nothing outside the Think phase.
func (c *Countdown) SkipThink(now time.Time) {
	now = c.clamp(now)
	c.advance(now)
	if c.phase == Think {
		c.beginAnswer(now)
	}
}

// Stop ends the countdown at now. While answering this is the early end of
// the answer; during think time it ends the take without an answer
// (AnswerStarted is then never reported). It does nothing when idle or done.
func (c *Countdown) Stop(now time.Time) {
	now = c.clamp(now)
	c.advance(now)
	if c.phase != Idle && c.phase != Done {
		c.end(now)
	}
}

// Update advances the countdown to now and returns its state.
func (c *Countdown) Update(now time.Time) State {
	if c.phase == Idle {
		return State{Phase: Idle}
	}
	now = c.clamp(now)
	c.advance(now)
	s := c.stateAt(now)
	s.AnswerStarted, c.reportStart = c.reportStart, false
	s.Finished, c.reportEnd = c.reportEnd, false
	return s
}

// Phase returns the current phase without advancing the countdown.
func (c *Countdown) Phase() Phase { return c.phase }

// AnswerStart returns when the answer started, or the zero time if it has
// not started.
func (c *Countdown) AnswerStart() time.Time {
	if !c.answering {
		return time.Time{}
	}
	return c.answerStart
}

// AnswerEnd returns when the answer ended (limit or Stop), or the zero time
// if it has not ended or never started.
func (c *Countdown) AnswerEnd() time.Time {
	if !c.answering || !c.ended {
		return time.Time{}
	}
	return c.endAt
}

// clamp returns now, or the latest time seen if now is earlier, and records
// it as the latest time seen.
func (c *Countdown) clamp(now time.Time) time.Time {
	if c.phase == Idle {
		return now
	}
	if now.Before(c.last) {
		return c.last
	}
	c.last = now
	return now
}

// advance applies every transition due by now, in order, so a jump over
// several phases still starts and ends the answer exactly once.
func (c *Countdown) advance(now time.Time) {
	if c.phase == Idle || c.phase == Done {
		return
	}
	if !c.answering {
		at := c.thinkStart.Add(c.cfg.Think)
		if now.Before(at) {
			return
		}
		c.beginAnswer(at)
	}
	if c.cfg.Strict {
		at := c.answerStart.Add(c.cfg.Limit)
		if !now.Before(at) {
			c.end(at)
			return
		}
	}
	c.phase = c.answerPhase(now.Sub(c.answerStart))
}

func (c *Countdown) beginAnswer(at time.Time) {
	c.answering = true
	c.answerStart = at
	c.reportStart = true
	c.phase = c.answerPhase(0)
	if c.cfg.Strict && c.cfg.Limit <= 0 {
		c.end(at)
	}
}

func (c *Countdown) end(at time.Time) {
	c.ended = true
	c.endAt = at
	c.phase = Done
	c.reportEnd = true
}

func (c *Countdown) answerPhase(elapsed time.Duration) Phase {
	switch {
	case elapsed >= c.red:
		return Red
	case elapsed >= c.yellow:
		return Yellow
	case elapsed >= c.green:
		return Green
	default:
		return Speak
	}
}

// stateAt computes the state at now, or at the end time once ended.
func (c *Countdown) stateAt(now time.Time) State {
	s := State{Phase: c.phase}
	if c.ended {
		now = c.endAt
	}
	if !c.answering {
		s.Remaining = max(c.cfg.Think-now.Sub(c.thinkStart), 0)
		return s
	}
	limit := c.cfg.Limit
	s.Elapsed = now.Sub(c.answerStart)
	s.Remaining = max(limit-s.Elapsed, 0)
	s.Overtime = max(s.Elapsed-limit, 0)
	if limit > 0 {
		s.Fraction = min(float64(s.Elapsed)/float64(limit), 1)
	} else {
		s.Fraction = 1
	}
	return s
}

// Format formats d as minutes and seconds, "m:ss", truncating to whole
// seconds: 65.9 s is "1:05". Minutes are not wrapped into hours, and a
// negative d gets a leading "-".
func Format(d time.Duration) string {
	return format(d.Truncate(time.Second))
}

// FormatRemaining formats d like Format but rounds partial seconds up, as a
// countdown display does: it shows "0:01" until the time is really up.
func FormatRemaining(d time.Duration) string {
	if d < 0 {
		return format(d.Truncate(time.Second))
	}
	if r := d % time.Second; r != 0 {
		d += time.Second - r
	}
	return format(d)
}

func format(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign = "-"
		d = -d
	}
	secs := int64(d / time.Second)
	return fmt.Sprintf("%s%d:%02d", sign, secs/60, secs%60)
}
