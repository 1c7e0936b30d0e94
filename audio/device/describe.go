package device

import (
	"fmt"
	"slices"
	"strings"
)

// Describe formats a device list for people: inputs, then outputs, one per
// line, the default marked with "*". It lists the devices of l.HostAPI
// and says how many more the other host APIs have, or, with all, every
// device of every host API under its "Name [API]" name. When a side has no
// device it says so plainly and what to do.
func Describe(l Listing, all bool) string {
	devs, titleIn, titleOut := l.Shown, "Input devices", "Output devices"
	if all {
		devs, titleIn, titleOut = l.All, "Input devices, every sound system", "Output devices, every sound system"
	}
	var b strings.Builder
	side := func(title, none string, input bool) {
		var lines []string
		for _, d := range devs {
			n := d.channels(input)
			if n == 0 {
				continue
			}
			mark := " "
			if (input && d.DefaultInput) || (!input && d.DefaultOutput) {
				mark = "*"
			}
			if all {
				lines = append(lines, fmt.Sprintf("  %s %s  (%d ch, %.0f Hz)", mark, d.Name, n, d.DefaultSampleRate))
			} else {
				lines = append(lines, fmt.Sprintf("  %s %s  (%s, %d ch, %.0f Hz)", mark, d.Name, HostAPILabel(d.HostAPI), n, d.DefaultSampleRate))
			}
		}
		if len(lines) == 0 {
			if !all && slices.ContainsFunc(l.All, func(d Info) bool { return d.channels(input) > 0 }) {
				// Only another host API has one: say where to look.
				none = fmt.Sprintf("No %s devices under %s; failforward devices --all lists those under other sound systems.",
					map[bool]string{true: "input", false: "output"}[input], HostAPILabel(l.HostAPI))
			}
			b.WriteString(none + "\n")
			return
		}
		b.WriteString(title + ":\n")
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	side(titleIn, "No input devices found: plug in a microphone or check your sound settings.", true)
	side(titleOut, "No output devices found: connect speakers or headphones to play takes back.", false)
	if all {
		b.WriteString("* = the default of its sound system. Pass a name as shown, [sound system] included, with --input or --output to use that device.\n")
		if l.HostAPI != "" {
			fmt.Fprintf(&b, "Without one, Fail Forward uses %s.\n", HostAPILabel(l.HostAPI))
		}
		return b.String()
	}
	b.WriteString("* = system default. Pass a name with --input or --output to use another device.\n")
	if n, apis := l.Others(); n > 0 {
		more := "1 more device"
		if n > 1 {
			more = fmt.Sprintf("%d more devices", n)
		}
		fmt.Fprintf(&b, "These are the devices under %s, the sound system Fail Forward uses here; %s under %s: failforward devices --all lists every one.\n",
			HostAPILabel(l.HostAPI), more, andList(apis))
	}
	return b.String()
}

// andList joins words as "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
