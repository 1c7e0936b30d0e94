// Command failforward is a desktop coach for rehearsing the interview
// question "What was your biggest failure?". It shows a question, gives think
// time, records the spoken answer under a countdown and replays it.
//
// main only wires: flags and sub-commands (flags.go), the display check
// (display.go), the audio devices (internal/devices), the library folder
// and the window.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"failforward/assets"
	"failforward/cli"
	"failforward/internal/devices"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui"
)

const (
	appID      = "app.failforward.practice"
	appName    = "Fail Forward"
	appVersion = "0.1.0"
)

// The review streams long takes only from an Audio that can.
var _ ui.StreamAudio = (*devices.Audio)(nil)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	opt := options{timer: timer.DefaultConfig()}
	fs := newFlagSet(&opt)
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
		title, msg := lockProblem(lib.Dir, err)
		ui.NewMessageWindow(a, title, msg).ShowAndRun()
		return 1
	}
	unfinished, err := lib.Unfinished()
	if err != nil {
		fmt.Fprintf(stderr, "failforward: looking for unfinished takes: %v\n", err)
	}

	// The sound devices are probed while the window opens; the window
	// needs them only when a take starts.
	sys := devices.Start(stderr)
	defer sys.Stop()

	questions := practice.Questions()
	if bank, err := lib.Bank(); err != nil {
		fmt.Fprintf(stderr, "failforward: your questions: %v (the built-in questions are used)\n", err)
	} else if enabled := bank.Enabled(questions); len(enabled) > 0 {
		questions = enabled
	}

	audioDevs := devices.NewAudio(sys, opt.input, opt.output)
	mover := practice.NewMover(lib, lock)
	defer mover.Unlock()
	w := ui.New(a, ui.Options{
		Library:   lib,
		Timer:     opt.timer,
		Audio:     audioDevs,
		Questions: questions,
		Settings:  &saved,
		OnSettings: func(s practice.Settings) {
			audioDevs.Input, audioDevs.Output = s.InputDevice, s.OutputDevice
		},
		MoveLibrary: mover.Move,
		Devices:     devices.NewNames(sys),
		Rand:        rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed)),
		Unfinished:  unfinished,
		Welcome:     !opt.noWelcome && ui.FirstStart(a),
		// Zero means "the default" to the window; 0s on the command line
		// means no compensation.
		ReactionCompensation: cmp.Or(opt.reaction, -1),
	})
	return showAndRun(a, w, stderr)
}
