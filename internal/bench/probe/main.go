// Command probe takes the measurements of scripts/bench.sh that need more
// than a stopwatch around a command: how long a long take needs to open,
// how long the app needs to show its window, and how much memory the app
// holds with a long take open on the review screen. Each prints one line of
// key=value pairs for the script to read.
//
//	probe open FILE.wav
//	probe window [-title T] [-timeout D] [-poll D] -- APP ARGS...
//	probe review -library DIR [-watch D] [-title T] [-timeout D] [-poll D] -- APP ARGS...
//
// window and review need an X display and xdotool; window also uses xev
// (x11-utils) to hear of the window the moment it is mapped. review expects DIR to
// hold exactly one take left unfinished (a take folder with answer.wav and
// no take.json): the app offers to recover it, the probe answers with the
// keyboard (Tab Tab Tab Space picks Recover), and the app opens the
// recovered take on the review screen, as it does for any saved take.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"failforward/audio/peaks"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage:
  probe open FILE.wav
  probe window [-title T] [-timeout D] [-poll D] -- APP ARGS...
  probe review -library DIR [-watch D] [-title T] [-timeout D] [-poll D] -- APP ARGS...`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "open":
		err = openTake(args[1:], stdout)
	case "window":
		err = window(args[1:], stdout)
	case "review":
		err = review(args[1:], stdout)
	default:
		fmt.Fprintf(stderr, "probe: unknown command %q\n%s\n", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "probe %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// openTake does what the review screen does to show a saved take's
// waveform: it builds the peaks pyramid from the file. It prints the time
// that took and the resident set afterwards.
func openTake(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("give one WAV file")
	}
	start := time.Now()
	p, info, err := peaks.FromWAV(args[0])
	el := time.Since(start)
	if err != nil {
		return err
	}
	if p.Len() != info.Frames {
		return fmt.Errorf("the pyramid holds %d frames, the file %d", p.Len(), info.Frames)
	}
	rss, err := selfRSS()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seconds=%.4f frames=%d audio_seconds=%.1f rss_mb=%.1f\n",
		el.Seconds(), info.Frames, info.Duration().Seconds(), mb(rss))
	return nil
}

// appFlags are the flags of window and review, before "--" and the app's
// command line.
type appFlags struct {
	title   string
	timeout time.Duration
	poll    time.Duration
	watch   time.Duration
	library string
	cmd     []string
}

func parseAppFlags(name string, args []string, needLibrary bool) (appFlags, error) {
	var f appFlags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.title, "title", "Fail Forward", "the window's title")
	fs.DurationVar(&f.timeout, "timeout", time.Minute, "how long to wait for the window (and for review, the take)")
	fs.DurationVar(&f.poll, "poll", 100*time.Millisecond, "how often to look for the window with xdotool")
	if needLibrary {
		fs.StringVar(&f.library, "library", "", "the library folder the app was given")
		fs.DurationVar(&f.watch, "watch", 15*time.Second, "how long to watch the app once the take is open")
	}
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	f.cmd = fs.Args()
	switch {
	case len(f.cmd) == 0:
		return f, errors.New("give the app's command line after --")
	case needLibrary && f.library == "":
		return f, errors.New("give the app's library folder with -library")
	}
	return f, nil
}

// app is the app under measurement, started by startApp.
type app struct {
	cmd    *exec.Cmd
	out    bytes.Buffer // what it printed, shown when something fails
	exited chan struct{}
	err    error // the result of Wait, once exited is closed
}

// startApp starts the app. Its goroutine waits for the process and ends
// when it exits; stop ends the process.
func startApp(cmdline []string) (*app, error) {
	a := &app{cmd: exec.Command(cmdline[0], cmdline[1:]...), exited: make(chan struct{})}
	a.cmd.Stdout, a.cmd.Stderr = &a.out, &a.out
	if err := a.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		a.err = a.cmd.Wait()
		close(a.exited)
	}()
	return a, nil
}

// stop asks the app to quit, kills it after five seconds, and waits.
func (a *app) stop() {
	_ = a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.exited:
	case <-time.After(5 * time.Second):
		_ = a.cmd.Process.Kill()
		<-a.exited
	}
}

// failed adds what the app printed to err.
func (a *app) failed(err error) error {
	if out := strings.TrimSpace(a.out.String()); out != "" {
		return fmt.Errorf("%w; the app printed:\n%s", err, out)
	}
	return err
}

// findWindow returns the id of a visible window titled exactly title, or
// "" when there is none yet.
func findWindow(ctx context.Context, title string) string {
	out, err := exec.CommandContext(ctx, "xdotool", "search", "--onlyvisible", "--name", "^"+regexp.QuoteMeta(title)+"$").Output()
	if err != nil {
		return ""
	}
	if ids := strings.Fields(string(out)); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// windowName returns the title of window id, or "".
func windowName(ctx context.Context, id string) string {
	out, err := exec.CommandContext(ctx, "xdotool", "getwindowname", id).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// mapped is a window mapped on the screen and when the probe heard of it.
type mapped struct {
	at time.Time
	id string // decimal, as xdotool takes it
}

// mapWatch hears of every top-level window mapped on the screen, as it
// happens, from one xev process listening on the root window: one X
// connection for the whole wait, where polling would open one per look.
type mapWatch struct {
	cmd    *exec.Cmd
	events chan mapped
}

// watchMaps starts xev. Its goroutine reads xev's output until xev ends
// (stop), then closes events.
func watchMaps() (*mapWatch, error) {
	cmd := exec.Command("xev", "-root", "-event", "substructure")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w := &mapWatch{cmd: cmd, events: make(chan mapped, 16)}
	go func() {
		defer close(w.events)
		sc := bufio.NewScanner(out)
		var at time.Time
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "MapNotify event") {
				at = time.Now()
				continue
			}
			if at.IsZero() {
				continue
			}
			if id, ok := mapNotifyWindow(line); ok {
				select {
				case w.events <- mapped{at: at, id: id}:
				default: // nobody is waiting for more windows
				}
			}
			at = time.Time{}
		}
	}()
	// xev listens once it has started; give it that moment, untimed.
	time.Sleep(300 * time.Millisecond)
	return w, nil
}

func (w *mapWatch) stop() {
	_ = w.cmd.Process.Kill()
	_ = w.cmd.Wait()
}

// mapNotifyRE finds the mapped window in the line after "MapNotify event"
// in xev's output: "    event 0x50d, window 0x400020, override NO".
var mapNotifyRE = regexp.MustCompile(`\bwindow (0x[0-9a-fA-F]+)`)

// mapNotifyWindow returns the mapped window's id (decimal) from the
// second line of a MapNotify event printed by xev.
func mapNotifyWindow(line string) (string, bool) {
	m := mapNotifyRE.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	n, err := strconv.ParseUint(m[1], 0, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatUint(n, 10), true
}

// waitWindow waits until the app's window titled title is mapped and
// returns its id and when it was mapped. With watch (xev) it hears of the
// window as it is mapped; it also looks for it with xdotool every poll, in
// case xev missed it, and then reports the time of that look (how says
// which).
func (a *app) waitWindow(watch *mapWatch, title string, timeout, poll time.Duration) (id string, at time.Time, how string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var events <-chan mapped
	if watch != nil {
		events = watch.events
	}
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-events:
			if !ok {
				events = nil // xev ended: polling only
				continue
			}
			if windowName(ctx, m.id) == title {
				return m.id, m.at, "xev", nil
			}
		case <-tick.C:
			id := findWindow(ctx, title)
			if id == "" {
				continue
			}
			found := time.Now()
			// The window was mapped while xdotool looked: xev's report of
			// it is on its way and more precise.
			if events != nil {
				select {
				case m, ok := <-events:
					if ok && m.id == id {
						return id, m.at, "xev", nil
					}
				case <-time.After(50 * time.Millisecond):
				}
			}
			return id, found, "poll", nil
		case <-a.exited:
			return "", time.Time{}, "", a.failed(fmt.Errorf("the app exited (%v) before its window appeared", a.err))
		case <-ctx.Done():
			return "", time.Time{}, "", a.failed(fmt.Errorf("no window titled %q within %v", title, timeout))
		}
	}
}

// window prints the time from starting the app to its window being mapped
// (visible), then closes the app.
func window(args []string, stdout io.Writer) error {
	f, err := parseAppFlags("window", args, false)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		return errors.New("xdotool is needed to see the window (apt-get install xdotool)")
	}
	watch, err := watchMaps()
	if err != nil {
		watch = nil // no xev: polling only, to within one poll
	} else {
		defer watch.stop()
	}
	start := time.Now()
	a, err := startApp(f.cmd)
	if err != nil {
		return err
	}
	defer a.stop()
	_, at, how, err := a.waitWindow(watch, f.title, f.timeout, f.poll)
	if err != nil {
		return err
	}
	rss, _ := procRSS(a.cmd.Process.Pid)
	fmt.Fprintf(stdout, "seconds=%.4f seen_by=%s rss_mb=%.1f\n", at.Sub(start).Seconds(), how, mb(rss.rss))
	return nil
}

// review starts the app on a library holding one unfinished take, recovers
// it with the keyboard so that it opens on the review screen, and watches
// the app for a while (the waveform drawn, playback ready, the analysis
// done in the background). It prints the app's resident set before the
// take opened, at the end and at its peak, and the share of one core the
// app used over the last seconds, with the take open and not playing.
func review(args []string, stdout io.Writer) error {
	f, err := parseAppFlags("review", args, true)
	if err != nil {
		return err
	}
	if _, err := exec.LookPath("xdotool"); err != nil {
		return errors.New("xdotool is needed to drive the window (apt-get install xdotool)")
	}
	a, err := startApp(f.cmd)
	if err != nil {
		return err
	}
	defer a.stop()
	win, _, _, err := a.waitWindow(nil, f.title, f.timeout, f.poll)
	if err != nil {
		return err
	}
	pid := a.cmd.Process.Pid
	time.Sleep(time.Second) // the recovery question shows just after the window
	before, err := procRSS(pid)
	if err != nil {
		return err
	}
	// Focus moves Decide later → Discard… → Recover; Space presses it.
	keys := exec.Command("xdotool", "key", "--delay", "150", "--window", win, "Tab", "Tab", "Tab", "space")
	if out, err := keys.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool key: %v: %s", err, out)
	}
	deadline := time.Now().Add(f.timeout)
	for !recovered(f.library) {
		if time.Now().After(deadline) {
			return a.failed(errors.New("the take was not recovered: the recovery question did not take the keys"))
		}
		select {
		case <-a.exited:
			return a.failed(fmt.Errorf("the app exited (%v) while recovering the take", a.err))
		case <-time.After(20 * time.Millisecond):
		}
	}
	w, err := watchApp(a, pid, f.watch)
	if err != nil {
		return a.failed(err)
	}
	fmt.Fprintf(stdout, "before_mb=%.1f open_mb=%.1f peak_mb=%.1f hwm_mb=%.1f cpu_pct=%.1f watched_seconds=%.1f\n",
		mb(before.rss), mb(w.last.rss), mb(w.peak), mb(w.last.hwm), w.cpuShare*100, f.watch.Seconds())
	return nil
}

// cpuWindow is the span at the end of a watch over which the app's share
// of a core is measured.
const cpuWindow = 5 * time.Second

// watched is what watchApp saw.
type watched struct {
	peak     int64   // largest resident set sampled, bytes
	last     procMem // the last sample
	cpuShare float64 // processor time over the last cpuWindow, in cores
}

// watchApp samples the app's resident set every 100 ms for d, and its
// processor time at the start of the last cpuWindow and at the end.
func watchApp(a *app, pid int, d time.Duration) (watched, error) {
	var w watched
	start := time.Now()
	end := start.Add(d)
	cpuFrom := end.Add(-cpuWindow)
	var cpu0 time.Duration
	var t0 time.Time
	for {
		m, err := procRSS(pid)
		if err != nil {
			return w, err
		}
		w.last, w.peak = m, max(w.peak, m.rss)
		now := time.Now()
		if t0.IsZero() && !now.Before(cpuFrom) {
			if cpu0, err = procCPU(pid); err != nil {
				return w, err
			}
			t0 = now
		}
		if !now.Before(end) {
			cpu, err := procCPU(pid)
			if err != nil {
				return w, err
			}
			if el := now.Sub(t0); el > 0 {
				w.cpuShare = float64(cpu-cpu0) / float64(el)
			}
			return w, nil
		}
		select {
		case <-a.exited:
			return w, fmt.Errorf("the app exited (%v) on the review screen", a.err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// recovered reports whether the one take in the library folder dir has
// been recovered (its take.json says so).
func recovered(dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*", "take.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		var t struct {
			State string `json:"state"`
		}
		if json.Unmarshal(b, &t) == nil && t.State == "recovered" {
			return true
		}
	}
	return false
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
