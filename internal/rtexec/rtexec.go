// Package rtexec starts the child processes of tests that drive the
// virtual sound device, raised where scripts/vaudio.sh --realtime asks
// for it.
//
// Under scripts/vaudio.sh --realtime (FF_VAUDIO_REALTIME=1) the JACK
// server, and the JACK threads in each process, run with real-time
// scheduling, but PortAudio's own threads do not: on a busy machine they
// come more than one ALSA period late, and the virtual device then plays
// silence for a period or stops capturing for good. So there the processes
// that drive the device run with real-time scheduling too (round-robin at
// RR, below the JACK server's), where the system allows it, else at
// niceness Nice, as scripts/wine.sh runs a Windows program; elsewhere they
// run as they are, without a word.
package rtexec

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// The priorities a raised process gets.
const (
	RR   = 10  // round-robin real-time priority, under JACK's 70
	Nice = -10 // niceness where real-time scheduling is refused
)

var raise struct {
	once   sync.Once
	prefix []string // the command that raises a child, or none
}

// CommandContext is exec.CommandContext for a process that drives the
// virtual device, raised as the package doc says.
func CommandContext(ctx context.Context, name string, args ...string) *exec.Cmd {
	raise.once.Do(func() { raise.prefix = prefix() })
	if len(raise.prefix) == 0 {
		return exec.CommandContext(ctx, name, args...)
	}
	return exec.CommandContext(ctx, raise.prefix[0], append(append(raise.prefix[1:], name), args...)...)
}

// prefix returns the command line that runs a program raised, or nil
// when FF_VAUDIO_REALTIME is not 1 or the system allows neither.
func prefix() []string {
	if os.Getenv("FF_VAUDIO_REALTIME") != "1" {
		return nil
	}
	rr := []string{"chrt", "--rr", strconv.Itoa(RR)}
	if chrt, err := exec.LookPath(rr[0]); err == nil && exec.Command(chrt, append(rr[1:], "true")...).Run() == nil {
		return append([]string{chrt}, rr[1:]...)
	}
	return niceCommand(Nice)
}

// niceCommand returns the nice command line that runs a program at
// niceness level, or nil when this process already runs at that level or
// higher, or the system refuses the change (nice then only warns and runs
// the program as it is).
func niceCommand(level int) []string {
	nice, err := exec.LookPath("nice")
	if err != nil {
		return nil
	}
	niceness := func(args ...string) (int, bool) {
		out, err := exec.Command(nice, args...).Output()
		n, perr := strconv.Atoi(strings.TrimSpace(string(out)))
		return n, err == nil && perr == nil
	}
	cur, ok := niceness()
	if !ok || cur <= level {
		return nil
	}
	adj := strconv.Itoa(level - cur)
	if got, ok := niceness("-n", adj, nice); !ok || got != level {
		return nil
	}
	return []string{nice, "-n", adj}
}
