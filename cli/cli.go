// Package cli holds failforward's sub-commands (failforward devices,
// failforward export, ...): each registers itself from its own file, and
// main dispatches to it. A command reads its own flags, writes results to
// stdout and one clear line per problem to stderr, and returns the exit
// code.
package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Command is one sub-command.
type Command struct {
	Name    string // the word after failforward
	Args    string // argument synopsis for the usage text, e.g. "FILE.wav [--json]"
	Summary string // one line for the usage text
	// Run runs the command with the arguments after its name.
	Run func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]Command{}

// Register adds a command; it panics on a duplicate name (a programming
// error caught by any test of the package).
func Register(c Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// Lookup returns the command called name.
func Lookup(name string) (Command, bool) {
	c, ok := commands[name]
	return c, ok
}

// All returns every command, sorted by name.
func All() []Command {
	all := make([]Command, 0, len(commands))
	for _, c := range commands {
		all = append(all, c)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// Usage lists the commands, one per line, for the main usage text.
func Usage() string {
	var b strings.Builder
	for _, c := range All() {
		syn := strings.TrimSpace(c.Name + " " + c.Args)
		if len(syn) > 28 {
			fmt.Fprintf(&b, "  failforward %s\n  %-40s %s\n", syn, "", c.Summary)
			continue
		}
		fmt.Fprintf(&b, "  failforward %-28s %s\n", syn, c.Summary)
	}
	return b.String()
}
