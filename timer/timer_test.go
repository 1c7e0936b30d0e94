package timer

import (
	"math"
	"strings"
	"testing"
	"time"
)

const s = time.Second

var t0 = time.Date(2026, 11, 24, 20, 15, 30, 0, time.UTC)

// testConfig: 10 s think, 60 s limit, marks at 30 s, 45 s and 60 s.
func testConfig(strict bool) Config {
	c := DefaultConfig()
	c.Think = 10 * s
	c.Limit = 60 * s
	c.Strict = strict
	return c
}

type op int

const (
	update op = iota
	skip
	stop
)

func (o op) String() string { return [...]string{"Update", "SkipThink", "Stop"}[o] }

type step struct {
	op   op
	at   time.Duration // offset from t0
	want State         // checked for update steps only
}

// answering returns the state of an answer at elapsed e under a 60 s limit.
func answering(p Phase, e time.Duration) State {
	return State{
		Phase:     p,
		Elapsed:   e,
		Remaining: max(60*s-e, 0),
		Overtime:  max(e-60*s, 0),
		Fraction:  min(float64(e)/float64(60*s), 1),
	}
}

func thinking(left time.Duration) State { return State{Phase: Think, Remaining: left} }

func started(st State) State  { st.AnswerStarted = true; return st }
func finished(st State) State { st.Finished = true; return st }
func done(st State) State     { st.Phase = Done; return st }

func TestCountdown(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		noStart bool
		steps   []step
	}{
		{
			name: "strict full run through every phase",
			cfg:  testConfig(true),
			steps: []step{
				{update, 0, thinking(10 * s)},
				{update, 5 * s, thinking(5 * s)},
				{update, 9*s + 999*time.Millisecond, thinking(time.Millisecond)},
				{update, 10 * s, started(answering(Speak, 0))},
				{update, 11 * s, answering(Speak, s)},
				{update, 39*s + 999*time.Millisecond, answering(Speak, 29*s+999*time.Millisecond)},
				{update, 40 * s, answering(Green, 30*s)},
				{update, 55 * s, answering(Yellow, 45*s)},
				{update, 69*s + 999*time.Millisecond, answering(Yellow, 59*s+999*time.Millisecond)},
				{update, 70 * s, finished(done(answering(Red, 60*s)))},
				{update, 80 * s, done(answering(Red, 60*s))},
			},
		},
		{
			name: "overtime in red until stopped",
			cfg:  testConfig(false),
			steps: []step{
				{update, 0, thinking(10 * s)},
				{update, 10 * s, started(answering(Speak, 0))},
				{update, 69 * s, answering(Yellow, 59*s)},
				{update, 70 * s, answering(Red, 60*s)},
				{update, 82 * s, answering(Red, 72*s)},
				{update, 400 * s, answering(Red, 390*s)},
				{stop, 401 * s, State{}},
				{update, 402 * s, finished(done(answering(Red, 391*s)))},
				{update, 403 * s, done(answering(Red, 391*s))},
			},
		},
		{
			name: "skip think",
			cfg:  testConfig(true),
			steps: []step{
				{update, 3 * s, thinking(7 * s)},
				{skip, 4 * s, State{}},
				{update, 5 * s, started(answering(Speak, s))},
				{update, 15 * s, answering(Speak, 11*s)},
				{skip, 16 * s, State{}}, // not in Think: no effect
				{update, 16 * s, answering(Speak, 12*s)},
				{update, 64 * s, finished(done(answering(Red, 60*s)))},
			},
		},
		{
			name: "skip think after think time already ran out",
			cfg:  testConfig(true),
			steps: []step{
				{skip, 15 * s, State{}},
				{update, 16 * s, started(answering(Speak, 6*s))},
			},
		},
		{
			name: "early stop while speaking",
			cfg:  testConfig(true),
			steps: []step{
				{update, 10 * s, started(answering(Speak, 0))},
				{stop, 20 * s, State{}},
				{stop, 21 * s, State{}}, // second stop: no effect
				{update, 22 * s, finished(done(answering(Speak, 10*s)))},
				{update, 90 * s, done(answering(Speak, 10*s))},
			},
		},
		{
			name: "stop during think ends without an answer",
			cfg:  testConfig(true),
			steps: []step{
				{update, 2 * s, thinking(8 * s)},
				{stop, 4 * s, State{}},
				{update, 5 * s, State{Phase: Done, Remaining: 6 * s, Finished: true}},
				{update, 30 * s, State{Phase: Done, Remaining: 6 * s}},
			},
		},
		{
			name: "stop exactly at the strict limit reports once",
			cfg:  testConfig(true),
			steps: []step{
				{update, 10 * s, started(answering(Speak, 0))},
				{stop, 70 * s, State{}},
				{update, 70 * s, finished(done(answering(Red, 60*s)))},
				{update, 71 * s, done(answering(Red, 60*s))},
			},
		},
		{
			name: "zero think time starts the answer at once",
			cfg:  func() Config { c := testConfig(true); c.Think = 0; return c }(),
			steps: []step{
				{update, 0, started(answering(Speak, 0))},
				{update, 30 * s, answering(Green, 30*s)},
			},
		},
		{
			name: "zero think time, first update later",
			cfg:  func() Config { c := testConfig(false); c.Think = 0; return c }(),
			steps: []step{
				{update, 50 * s, started(answering(Yellow, 50*s))},
			},
		},
		{
			name: "jump from think past the strict limit",
			cfg:  testConfig(true),
			steps: []step{
				{update, 0, thinking(10 * s)},
				{update, 200 * s, finished(started(done(answering(Red, 60*s))))},
				{update, 201 * s, done(answering(Red, 60*s))},
			},
		},
		{
			name: "jump from think into overtime",
			cfg:  testConfig(false),
			steps: []step{
				{update, s, thinking(9 * s)},
				{update, 100 * s, started(answering(Red, 90*s))},
				{update, 101 * s, answering(Red, 91*s)},
			},
		},
		{
			name: "jump from think into yellow",
			cfg:  testConfig(true),
			steps: []step{
				{update, 0, thinking(10 * s)},
				{update, 56 * s, started(answering(Yellow, 46*s))},
			},
		},
		{
			name: "jump from speak past the limit",
			cfg:  testConfig(true),
			steps: []step{
				{update, 12 * s, started(answering(Speak, 2*s))},
				{update, 500 * s, finished(done(answering(Red, 60*s)))},
			},
		},
		{
			name: "time going backwards is clamped",
			cfg:  testConfig(true),
			steps: []step{
				{update, 40 * s, started(answering(Green, 30*s))},
				{update, 20 * s, answering(Green, 30*s)},
				{update, -time.Hour, answering(Green, 30*s)},
				{update, 41 * s, answering(Green, 31*s)},
			},
		},
		{
			name: "time going backwards in think",
			cfg:  testConfig(true),
			steps: []step{
				{update, 5 * s, thinking(5 * s)},
				{update, 2 * s, thinking(5 * s)},
				{update, 6 * s, thinking(4 * s)},
			},
		},
		{
			name: "skip think with an earlier time uses the latest time",
			cfg:  testConfig(true),
			steps: []step{
				{update, 5 * s, thinking(5 * s)},
				{skip, 2 * s, State{}},
				{update, 6 * s, started(answering(Speak, s))},
			},
		},
		{
			name: "stop with an earlier time uses the latest time",
			cfg:  testConfig(false),
			steps: []step{
				{update, 30 * s, started(answering(Speak, 20*s))},
				{stop, 25 * s, State{}},
				{update, 31 * s, finished(done(answering(Speak, 20*s)))},
			},
		},
		{
			name:    "not started",
			cfg:     testConfig(true),
			noStart: true,
			steps: []step{
				{update, 0, State{Phase: Idle}},
				{skip, s, State{}},
				{stop, 2 * s, State{}},
				{update, 100 * s, State{Phase: Idle}},
			},
		},
		{
			name: "equal yellow and red marks skip yellow",
			cfg:  func() Config { c := testConfig(false); c.Yellow, c.Red = 0.75, 0.75; return c }(),
			steps: []step{
				{update, 54 * s, started(answering(Green, 44*s))},
				{update, 55 * s, answering(Red, 45*s)},
			},
		},
		{
			name: "red mark before the limit",
			cfg:  func() Config { c := testConfig(true); c.Red = 0.9; return c }(),
			steps: []step{
				{update, 63 * s, started(answering(Yellow, 53*s))},
				{update, 64 * s, answering(Red, 54*s)},
				{update, 70 * s, finished(done(answering(Red, 60*s)))},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.cfg)
			if !tt.noStart {
				c.Start(t0)
			}
			for i, st := range tt.steps {
				now := t0.Add(st.at)
				switch st.op {
				case skip:
					c.SkipThink(now)
				case stop:
					c.Stop(now)
				case update:
					if got := c.Update(now); got != st.want {
						t.Errorf("step %d: Update(+%v)\n got %+v\nwant %+v", i, st.at, got, st.want)
					}
				}
			}
		})
	}
}

func TestEventsReportedOnce(t *testing.T) {
	// Whatever the update rhythm, AnswerStarted and Finished are each
	// reported exactly once, and the phase never goes back.
	for _, strict := range []bool{true, false} {
		for _, tick := range []time.Duration{time.Millisecond * 7, 333 * time.Millisecond, s, 9 * s, 31 * s, 200 * s} {
			c := New(testConfig(strict))
			c.Start(t0)
			var starts, ends int
			prev := Think
			for at := time.Duration(0); at <= 1000*s; at = min(at+tick, 1000*s) {
				if !strict && at >= 100*s && c.Phase() != Done {
					c.Stop(t0.Add(at))
				}
				st := c.Update(t0.Add(at))
				if st.AnswerStarted {
					starts++
				}
				if st.Finished {
					ends++
				}
				if st.Phase < prev {
					t.Fatalf("strict=%v tick=%v: phase went back from %v to %v at +%v", strict, tick, prev, st.Phase, at)
				}
				prev = st.Phase
				if at == 1000*s {
					break
				}
			}
			if starts != 1 || ends != 1 {
				t.Errorf("strict=%v tick=%v: got %d AnswerStarted and %d Finished, want 1 and 1", strict, tick, starts, ends)
			}
			if prev != Done {
				t.Errorf("strict=%v tick=%v: got final phase %v, want done", strict, tick, prev)
			}
		}
	}
}

func TestAnswerStartAndEnd(t *testing.T) {
	c := New(testConfig(true))
	if got := c.AnswerStart(); !got.IsZero() {
		t.Errorf("before Start: AnswerStart() = %v, want zero", got)
	}
	c.Start(t0)
	c.Update(t0.Add(3 * s))
	if got := c.AnswerStart(); !got.IsZero() {
		t.Errorf("in think: AnswerStart() = %v, want zero", got)
	}
	c.SkipThink(t0.Add(4 * s))
	if got, want := c.AnswerStart(), t0.Add(4*s); !got.Equal(want) {
		t.Errorf("after SkipThink: AnswerStart() = %v, want %v", got, want)
	}
	if got := c.AnswerEnd(); !got.IsZero() {
		t.Errorf("while answering: AnswerEnd() = %v, want zero", got)
	}
	c.Update(t0.Add(500 * s))
	if got, want := c.AnswerEnd(), t0.Add(64*s); !got.Equal(want) {
		t.Errorf("after limit: AnswerEnd() = %v, want %v", got, want)
	}

	// A restart forgets the previous take.
	c.Start(t0.Add(600 * s))
	if got := c.AnswerStart(); !got.IsZero() {
		t.Errorf("after restart: AnswerStart() = %v, want zero", got)
	}
	if got, want := c.Update(t0.Add(601*s)), thinking(9*s); got != want {
		t.Errorf("after restart: Update = %+v, want %+v", got, want)
	}

	// Stopped in think: no answer times.
	c = New(testConfig(true))
	c.Start(t0)
	c.Stop(t0.Add(s))
	if a, e := c.AnswerStart(), c.AnswerEnd(); !a.IsZero() || !e.IsZero() {
		t.Errorf("stopped in think: AnswerStart, AnswerEnd = %v, %v, want zero times", a, e)
	}
}

func TestMonotonicClock(t *testing.T) {
	// Real clock readings carry a monotonic part; the countdown must use
	// them like any other time.
	now := time.Now()
	c := New(testConfig(true))
	c.Start(now)
	if got := c.Update(now.Add(12 * s)); got != started(answering(Speak, 2*s)) {
		t.Errorf("got %+v", got)
	}
}

func TestValidate(t *testing.T) {
	with := func(f func(*Config)) Config { c := DefaultConfig(); f(&c); return c }
	tests := []struct {
		name    string
		cfg     Config
		wantErr string // "" for valid
	}{
		{"default", DefaultConfig(), ""},
		{"shortest limit", with(func(c *Config) { c.Limit = MinLimit }), ""},
		{"longest limit", with(func(c *Config) { c.Limit = MaxLimit }), ""},
		{"limit too short", with(func(c *Config) { c.Limit = MinLimit - 1 }), "limit"},
		{"limit too long", with(func(c *Config) { c.Limit = MaxLimit + 1 }), "limit"},
		{"zero think", with(func(c *Config) { c.Think = 0 }), ""},
		{"longest think", with(func(c *Config) { c.Think = MaxThink }), ""},
		{"negative think", with(func(c *Config) { c.Think = -1 }), "think"},
		{"think too long", with(func(c *Config) { c.Think = MaxThink + 1 }), "think"},
		{"all marks equal", with(func(c *Config) { c.Green, c.Yellow, c.Red = 1, 1, 1 }), ""},
		{"red before limit", with(func(c *Config) { c.Red = 0.9 }), ""},
		{"zero green", with(func(c *Config) { c.Green = 0 }), "green"},
		{"negative green", with(func(c *Config) { c.Green = -0.1 }), "green"},
		{"NaN yellow", with(func(c *Config) { c.Yellow = math.NaN() }), "yellow"},
		{"red over 1", with(func(c *Config) { c.Red = 1.01 }), "red"},
		{"green after yellow", with(func(c *Config) { c.Green = 0.8 }), "green <= yellow <= red"},
		{"yellow after red", with(func(c *Config) { c.Red = 0.7 }), "green <= yellow <= red"},
		{"zero config", Config{}, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("Validate() = nil, want an error about %q", tt.wantErr)
			case err != nil && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("Validate() = %v, want it to mention %q", err, tt.wantErr)
			case err != nil && !strings.HasPrefix(err.Error(), "timer: "):
				t.Errorf("Validate() = %q, want the prefix %q", err, "timer: ")
			}
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	want := Config{Think: 30 * s, Limit: 2 * time.Minute, Green: 0.5, Yellow: 0.75, Red: 1, Strict: true}
	if got := DefaultConfig(); got != want {
		t.Errorf("DefaultConfig() = %+v, want %+v", got, want)
	}
}

func TestPhaseString(t *testing.T) {
	tests := []struct {
		p    Phase
		want string
	}{
		{Idle, "idle"}, {Think, "think"}, {Speak, "speak"}, {Green, "green"},
		{Yellow, "yellow"}, {Red, "red"}, {Done, "done"},
		{Phase(7), "Phase(7)"}, {Phase(-1), "Phase(-1)"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Phase(%d).String() = %q, want %q", int(tt.p), got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		d             time.Duration
		want, wantRem string
	}{
		{0, "0:00", "0:00"},
		{ms, "0:00", "0:01"},
		{999 * ms, "0:00", "0:01"},
		{s, "0:01", "0:01"},
		{s + ms, "0:01", "0:02"},
		{59*s + 999*ms, "0:59", "1:00"},
		{65 * s, "1:05", "1:05"},
		{2 * time.Minute, "2:00", "2:00"},
		{61*time.Minute + 5*s, "61:05", "61:05"},
		{-3 * s, "-0:03", "-0:03"},
		{-500 * ms, "0:00", "0:00"},
		{-65*s - 500*ms, "-1:05", "-1:05"},
	}
	for _, tt := range tests {
		if got := Format(tt.d); got != tt.want {
			t.Errorf("Format(%v) = %q, want %q", tt.d, got, tt.want)
		}
		if got := FormatRemaining(tt.d); got != tt.wantRem {
			t.Errorf("FormatRemaining(%v) = %q, want %q", tt.d, got, tt.wantRem)
		}
	}
}
