package cli

import (
	"strings"
	"testing"
)

func TestEveryCommandIsDescribed(t *testing.T) {
	if len(All()) == 0 {
		t.Fatal("no commands registered")
	}
	for _, c := range All() {
		if c.Name == "" || c.Summary == "" || c.Run == nil {
			t.Errorf("command %+v lacks a name, summary or Run", c)
		}
		if !strings.Contains(Usage(), "failforward "+c.Name) {
			t.Errorf("usage text lacks %q", c.Name)
		}
		if got, ok := Lookup(c.Name); !ok || got.Name != c.Name {
			t.Errorf("Lookup(%q) = %v, %v", c.Name, got.Name, ok)
		}
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("registering a name twice did not panic")
		}
	}()
	Register(Command{Name: "devices", Summary: "again", Run: runDevices})
}

func TestDevicesRejectsArguments(t *testing.T) {
	var out, errb strings.Builder
	if code := runDevices([]string{"extra"}, &out, &errb); code != 2 || !strings.Contains(errb.String(), "no arguments") {
		t.Errorf("devices extra: code %d, stderr %q; want 2 and a message", code, errb.String())
	}
}

// TestDevicesAll: --all lists every sound system's devices (on any
// machine: with none, it says so).
func TestDevicesAll(t *testing.T) {
	var out, errb strings.Builder
	if code := runDevices([]string{"--all"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "the default of its sound system") {
		t.Errorf("devices --all: code %d, stdout %q, stderr %q; want 0 and the list of every sound system", code, out.String(), errb.String())
	}
}
