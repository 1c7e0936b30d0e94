package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"failforward/cli"
	"failforward/practice"
	"failforward/timer"
	"failforward/ui"
)

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

// newFlagSet returns the command line's flags, each filling in its field of
// opt.
func newFlagSet(opt *options) *flag.FlagSet {
	fs := flag.NewFlagSet("failforward", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&opt.library, "library", "", "folder that keeps your takes (default: your user data folder)")
	fs.DurationVar(&opt.timer.Think, "think", opt.timer.Think, "think time before the answer, e.g. 45s, up to "+flagTime(timer.MaxThink)+"; 0s starts recording at once")
	fs.DurationVar(&opt.timer.Limit, "limit", opt.timer.Limit, "answer time limit, "+flagTime(timer.MinLimit)+" to "+flagTime(timer.MaxLimit))
	fs.BoolVar(&opt.timer.Strict, "strict", opt.timer.Strict, "stop the take at the limit (false: count overtime)")
	fs.DurationVar(&opt.reaction, "reaction", practice.DefaultReaction, "how long before a part key (S T A R L) the part is taken to start")
	fs.StringVar(&opt.input, "input", "", "input device name as failforward devices shows it, \"Name [sound system]\" for another sound system (default: the system's default)")
	fs.StringVar(&opt.output, "output", "", "output device name as failforward devices shows it, \"Name [sound system]\" for another sound system (default: the system's default)")
	fs.BoolVar(&opt.noWelcome, "no-welcome", false, "do not open the first-start welcome (it opens while no settings are saved)")
	return fs
}

// flagTime writes d as a flag takes it, without a trailing "0s": 30s, 5m.
func flagTime(d time.Duration) string {
	if s := d.String(); strings.HasSuffix(s, "m0s") {
		return strings.TrimSuffix(s, "0s")
	}
	return d.String()
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

// openLibrary opens the library in dir, or in the user's data folder when
// dir is "".
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
