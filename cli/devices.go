package cli

import (
	"fmt"
	"io"

	"failforward/audio/device"
)

func init() {
	Register(Command{
		Name:    "devices",
		Args:    "[--all]",
		Summary: "list audio input and output devices (--all: under every sound system)",
		Run:     runDevices,
	})
}

func runDevices(args []string, stdout, stderr io.Writer) int {
	all := false
	switch {
	case len(args) == 0:
	case len(args) == 1 && (args[0] == "--all" || args[0] == "-all"):
		all = true
	default:
		fmt.Fprintf(stderr, "failforward devices: takes no arguments other than --all (got %q)\n", args)
		return 2
	}
	if err := device.Init(); err != nil {
		fmt.Fprintf(stderr, "failforward devices: audio system: %v\n", err)
		return 1
	}
	defer device.Terminate()
	l, err := device.Devices()
	if err != nil {
		fmt.Fprintf(stderr, "failforward devices: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, device.Describe(l, all))
	return 0
}
