package rtexec

import (
	"context"
	"slices"
	"sync"
	"testing"
)

// reset forgets the prefix found, so the next command looks again.
func reset() {
	raise.once = sync.Once{}
	raise.prefix = nil
}

// TestCommandRunsTheProgram: raised or not, the command runs the program
// with its arguments, and without FF_VAUDIO_REALTIME it is the program
// alone.
func TestCommandRunsTheProgram(t *testing.T) {
	for _, env := range []string{"", "1"} {
		t.Run("FF_VAUDIO_REALTIME="+env, func(t *testing.T) {
			t.Setenv("FF_VAUDIO_REALTIME", env)
			reset()
			t.Cleanup(reset)
			args := []string{"sh", "-c", "echo ok"}
			cmd := CommandContext(context.Background(), args[0], args[1:]...)
			if env == "" && !slices.Equal(cmd.Args, args) {
				t.Errorf("not raised: args %q, want %q", cmd.Args, args)
			}
			if n := len(cmd.Args); n < len(args) || !slices.Equal(cmd.Args[n-len(args):], args) {
				t.Errorf("args %q do not end with the program's %q", cmd.Args, args)
			}
			out, err := cmd.Output()
			if err != nil || string(out) != "ok\n" {
				t.Errorf("%q: output %q, error %v; want \"ok\\n\"", cmd.Args, out, err)
			}
		})
	}
}

// TestNiceCommandLeavesHigherPriority: a process already at the asked
// niceness or above it gets no nice command.
func TestNiceCommandLeavesHigherPriority(t *testing.T) {
	if got := niceCommand(19); got != nil {
		t.Errorf("niceCommand(19) = %q, want none: this process already runs above niceness 19", got)
	}
}
