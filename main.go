// Command failforward is a desktop coach for rehearsing the interview
// question "What was your biggest failure?". It shows a question, gives think
// time, records the spoken answer under a countdown and replays it.
//
// main only wires: flags and sub-commands, the audio devices, the library
// folder and the window.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"failforward/assets"
	"failforward/audio"
	"failforward/audio/device"
	"failforward/audio/recorder"
	"failforward/cli"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui"
)

const (
	appID      = "app.failforward.practice"
	appName    = "Fail Forward"
	appVersion = "0.1.0"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the settings for this run, from the command line.
type options struct {
	library  string
	input    string
	output   string
	reaction time.Duration
	timer    timer.Config
	// noWelcome keeps the first-start welcome closed for this run.
	noWelcome bool
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage:\n  failforward [flags]%s open the practice window\n%s\nFlags (for this run only):\n",
		strings.Repeat(" ", 21), cli.Usage())
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func run(args []string, stdout, stderr io.Writer) int {
	opt := options{timer: timer.DefaultConfig()}
	fs := flag.NewFlagSet("failforward", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opt.library, "library", "", "folder that keeps your takes (default: your user data folder)")
	fs.DurationVar(&opt.timer.Think, "think", opt.timer.Think, "think time before the answer, e.g. 45s; 0s starts recording at once")
	fs.DurationVar(&opt.timer.Limit, "limit", opt.timer.Limit, "answer time limit, 30s to 5m")
	fs.BoolVar(&opt.timer.Strict, "strict", opt.timer.Strict, "stop the take at the limit (false: count overtime)")
	fs.DurationVar(&opt.reaction, "reaction", practice.DefaultReaction, "how long before a part key (S T A R L) the part is taken to start")
	fs.StringVar(&opt.input, "input", "", "input device name as failforward devices shows it, \"Name [sound system]\" for another sound system (default: the system's default)")
	fs.StringVar(&opt.output, "output", "", "output device name as failforward devices shows it, \"Name [sound system]\" for another sound system (default: the system's default)")
	fs.BoolVar(&opt.noWelcome, "no-welcome", false, "do not open the first-start welcome (it opens while no settings are saved)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return 0
		}
		fmt.Fprintf(stderr, "failforward: %v\n", err)
		usage(stderr, fs)
		return 2
	}
	if err := opt.timer.Validate(); err != nil {
		fmt.Fprintf(stderr, "failforward: %v\n", err)
		return 2
	}

	if name := fs.Arg(0); name != "" {
		cmd, ok := cli.Lookup(name)
		if !ok {
			fmt.Fprintf(stderr, "failforward: unknown command %q\n", name)
			usage(stderr, fs)
			return 2
		}
		return cmd.Run(fs.Args()[1:], stdout, stderr)
	}

	if why := noDisplay(); why != "" {
		fmt.Fprintf(stderr, "failforward: no display to open a window on (%s); start it from a desktop session\n", why)
		return 1
	}

	a := app.NewWithID(appID)
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	app.SetMetadata(fyne.AppMetadata{
		ID: appID, Name: appName, Version: appVersion, Build: 1,
		Icon:       icon,
		Migrations: map[string]bool{"fyneDo": true},
	})
	a.SetIcon(icon)

	// The saved settings, with the flags given on the command line on top
	// for this run.
	saved := ui.LoadSettings(a)
	ui.ApplyTheme(a, saved.Theme)
	applyFlags(fs, &opt, saved)

	lib, err := openLibrary(opt.library)
	if err != nil {
		fmt.Fprintf(stderr, "failforward: %v\n", err)
		return 1
	}

	// One library, one writer: a second window on the same takes would
	// write beside the first.
	lock, err := practice.Lock(lib.Dir)
	if err != nil {
		fmt.Fprintf(stderr, "failforward: %v\n", err)
		title := "Your takes folder could not be opened"
		msg := fmt.Sprintf("The takes folder %s could not be opened (%v). Check that it exists and that you may write to it, or start Fail Forward with --library DIR.", lib.Dir, err)
		var locked *practice.LockedError
		if errors.As(err, &locked) {
			title = "Fail Forward is already open"
			msg = "Your takes are already open in another Fail Forward window. " +
				"Switch to that window, or close it and start Fail Forward again. " +
				"To practise with a different takes folder, start it with --library DIR."
		}
		ui.NewMessageWindow(a, title, msg).ShowAndRun()
		return 1
	}
	unfinished, err := lib.Unfinished()
	if err != nil {
		fmt.Fprintf(stderr, "failforward: looking for unfinished takes: %v\n", err)
	}

	// The sound devices are probed while the window opens; the window
	// needs them only when a take starts.
	sys := startAudio(stderr)
	defer sys.stop()

	questions := practice.Questions()
	if bank, err := lib.Bank(); err != nil {
		fmt.Fprintf(stderr, "failforward: your questions: %v (the built-in questions are used)\n", err)
	} else if enabled := bank.Enabled(questions); len(enabled) > 0 {
		questions = enabled
	}

	audioDevs := &deviceAudio{sys: sys, input: opt.input, output: opt.output}
	mover := &libraryMover{lib: lib, lock: lock}
	defer func() { mover.lock.Unlock() }()
	w := ui.New(a, ui.Options{
		Library:   lib,
		Timer:     opt.timer,
		Audio:     audioDevs,
		Questions: questions,
		Settings:  &saved,
		OnSettings: func(s practice.Settings) {
			audioDevs.input, audioDevs.output = s.InputDevice, s.OutputDevice
		},
		MoveLibrary: mover.move,
		Devices:     deviceNames{sys},
		Rand:        rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed)),
		Unfinished:  unfinished,
		Welcome:     !opt.noWelcome && ui.FirstStart(a),
		// Zero means "the default" to the window; 0s on the command line
		// means no compensation.
		ReactionCompensation: cmp.Or(opt.reaction, -1),
	})
	return showAndRun(a, w, stderr)
}

// showAndRun shows w and runs the app until the window is closed. When
// the display refuses the window (the X server went away, or turned the
// connection down after the check in noDisplay), Fyne panics in Show,
// before anything runs: that becomes one line (after Fyne's own report of
// the cause) and exit code 1, and run's deferred clean-up (the library
// lock, PortAudio) still runs. A panic once the app runs is not caught.
func showAndRun(a fyne.App, w fyne.Window, stderr io.Writer) int {
	if err := show(w); err != nil {
		fmt.Fprintf(stderr, "failforward: the display did not let a window open (%v); check that your desktop session is running, then start Fail Forward again\n", err)
		return 1
	}
	a.Run()
	return 0
}

// show shows w, turning the windowing system's panic when it cannot start
// into an error.
func show(w fyne.Window) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if !strings.Contains(fmt.Sprint(r), "GLFW") {
			panic(r)
		}
		err = fmt.Errorf("the windowing system did not start: %v", r)
	}()
	w.Show()
	return nil
}

// applyFlags fills in the options the command line did not set from the
// saved settings.
func applyFlags(fs *flag.FlagSet, opt *options, s practice.Settings) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	cfg := ui.TimerConfig(s)
	if !set["think"] {
		opt.timer.Think = cfg.Think
	}
	if !set["limit"] {
		opt.timer.Limit = cfg.Limit
	}
	if !set["strict"] {
		opt.timer.Strict = cfg.Strict
	}
	opt.timer.Green, opt.timer.Yellow, opt.timer.Red = cfg.Green, cfg.Yellow, cfg.Red
	if opt.timer.Validate() != nil {
		// A flag and a saved mark that do not fit together: the flags win
		// with the default marks.
		d := timer.DefaultConfig()
		opt.timer.Green, opt.timer.Yellow, opt.timer.Red = d.Green, d.Yellow, d.Red
	}
	if !set["reaction"] {
		opt.reaction = s.Reaction
	}
	if !set["input"] {
		opt.input = s.InputDevice
	}
	if !set["output"] {
		opt.output = s.OutputDevice
	}
	if !set["library"] {
		opt.library = s.LibraryDir
	}
}

// libraryMover moves the library to another folder for the settings
// screen, taking the lock of the new folder before anything moves.
type libraryMover struct {
	lib  *practice.Library
	lock *practice.LibraryLock
}

func (m *libraryMover) move(dst string, progress func(done, total int)) (*practice.Library, error) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return nil, fmt.Errorf("the folder %s could not be made (%w); choose another", dst, err)
	}
	newLock, err := practice.Lock(dst)
	if err != nil {
		return nil, err
	}
	moveErr := practice.MoveLibrary(m.lib.Dir, dst, progress)
	lib, err := practice.Open(dst)
	if err != nil {
		newLock.Unlock()
		return nil, errors.Join(moveErr, err)
	}
	if moveErr != nil {
		// Some takes may be in each folder; the old one stays in use
		// until a new attempt finishes the move.
		newLock.Unlock()
		return nil, moveErr
	}
	m.lock.Unlock()
	m.lib, m.lock = lib, newLock
	return lib, nil
}

// deviceNames lists the sound devices for the settings screen.
type deviceNames struct{ sys *audioSystem }

// names are the devices of the host API shown on this system, then those
// of the others, named "Name [API]" (device.Listing.Choices).
func (d deviceNames) names(input bool) []string {
	d.sys.wait()
	l, err := device.Devices()
	if err != nil {
		return nil
	}
	return l.Choices(input)
}

func (d deviceNames) Inputs() []string  { return d.names(true) }
func (d deviceNames) Outputs() []string { return d.names(false) }

func openLibrary(dir string) (*practice.Library, error) {
	if dir == "" {
		d, err := practice.DefaultDir()
		if err != nil {
			return nil, fmt.Errorf("no folder for your takes (%w); pass one with --library DIR", err)
		}
		dir = d
	}
	return practice.Open(dir)
}

// noDisplay says why no window can be opened, or "" when one can.
func noDisplay() string {
	return displayProblem(runtime.GOOS, os.Getenv, x11Reachable)
}

// displayProblem says why no window can be opened on the system goos (as
// runtime.GOOS) with the environment getenv, or "" when one can. Only
// X11/Wayland systems can lack a display: Windows and macOS always give a
// program started from the desktop one, and telling someone there that
// they have no display would stop an app that works. A desktop that
// refuses the window anyway is told by showAndRun.
func displayProblem(goos string, getenv func(string) string, reachable func(display string) bool) string {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	d := getenv("DISPLAY")
	if d == "" {
		return "DISPLAY and WAYLAND_DISPLAY are not set"
	}
	if !reachable(d) {
		return fmt.Sprintf("no X server answers on DISPLAY=%s", d)
	}
	return ""
}

// audioSystem starts PortAudio on a goroutine of its own, so the window
// does not wait for every sound device to be probed (most of the start-up
// time on a machine with many of them). The goroutine ends when PortAudio
// is up or has failed; wait blocks until then.
type audioSystem struct {
	ready  chan struct{}
	err    error // set before ready is closed
	stderr io.Writer
	once   sync.Once
}

func startAudio(stderr io.Writer) *audioSystem {
	s := &audioSystem{ready: make(chan struct{}), stderr: stderr}
	go func() {
		defer close(s.ready)
		s.err = device.Init()
	}()
	return s
}

// wait returns once PortAudio has started. A failure is reported once;
// the window then says there is no microphone.
func (s *audioSystem) wait() {
	<-s.ready
	s.once.Do(func() {
		if s.err != nil {
			fmt.Fprintf(s.stderr, "failforward: audio system: %v\n", s.err)
		}
	})
}

// stop ends PortAudio, after it has finished starting.
func (s *audioSystem) stop() {
	s.wait()
	if s.err == nil {
		_ = device.Terminate() // at exit; the streams are closed
	}
}

// deviceAudio opens the real input and output devices for the window.
type deviceAudio struct {
	sys           *audioSystem
	input, output string
}

// The review streams long takes only from an Audio that can.
var _ ui.StreamAudio = (*deviceAudio)(nil)

func (d *deviceAudio) OpenInput() (recorder.Source, error) {
	d.sys.wait()
	c, err := device.OpenCapture(device.CaptureConfig{Device: d.input})
	if errors.Is(err, audio.ErrNoInput) {
		// PortAudio only sees devices plugged in since Init: look again.
		if device.Reload() == nil {
			c, err = device.OpenCapture(device.CaptureConfig{Device: d.input})
		}
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (d *deviceAudio) OpenPlayer(samples []int16, rate int) (ui.Player, error) {
	d.sys.wait()
	p, err := device.OpenPlayer(device.OutputConfig{Device: d.output}, samples, rate)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// OpenStream plays a take from its file, so the review needs little memory
// for a long one (ui.StreamAudio).
func (d *deviceAudio) OpenStream(src audio.FrameSource, rate int) (ui.Player, error) {
	d.sys.wait()
	p, err := device.OpenStream(device.OutputConfig{Device: d.output}, src, rate)
	if err != nil {
		return nil, err
	}
	return p, nil
}
