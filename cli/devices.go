package cli

import (
	"fmt"
	"io"

	"failforward/audio/device"
)

func init() {
	Register(Command{
		Name:    "devices",
		Summary: "list audio input and output devices",
		Run:     runDevices,
	})
}

func runDevices(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "failforward devices: takes no arguments (got %q)\n", args)
		return 2
	}
	if err := device.Init(); err != nil {
		fmt.Fprintf(stderr, "failforward devices: audio system: %v\n", err)
		return 1
	}
	defer device.Terminate()
	devs, err := device.List()
	if err != nil {
		fmt.Fprintf(stderr, "failforward devices: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, device.Describe(devs))
	return 0
}
