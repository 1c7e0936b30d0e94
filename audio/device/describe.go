package device

import (
	"fmt"
	"strings"
)

// Describe formats a device list for people: inputs, then outputs, one per
// line, the system default marked with "*". When a side has no device it
// says so plainly and what to do.
func Describe(devs []Info) string {
	var b strings.Builder
	side := func(title, none string, has func(Info) int, isDefault func(Info) bool) {
		var lines []string
		for _, d := range devs {
			n := has(d)
			if n == 0 {
				continue
			}
			mark := " "
			if isDefault(d) {
				mark = "*"
			}
			lines = append(lines, fmt.Sprintf("  %s %s  (%s, %d ch, %.0f Hz)", mark, d.Name, d.HostAPI, n, d.DefaultSampleRate))
		}
		if len(lines) == 0 {
			b.WriteString(none + "\n")
			return
		}
		b.WriteString(title + ":\n")
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	side("Input devices", "No input devices found: plug in a microphone or check your sound settings.",
		func(d Info) int { return d.MaxInputChannels }, func(d Info) bool { return d.DefaultInput })
	side("Output devices", "No output devices found: connect speakers or headphones to play takes back.",
		func(d Info) int { return d.MaxOutputChannels }, func(d Info) bool { return d.DefaultOutput })
	b.WriteString("* = system default. Pass a name with --input or --output to use another device.\n")
	return b.String()
}
