package main

import "testing"

// TestDisplayProblem: only X11 and Wayland systems can lack a display;
// Windows and macOS never get a "no display", whatever their environment.
func TestDisplayProblem(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	up := func(string) bool { return true }
	down := func(string) bool { return false }
	tests := []struct {
		name      string
		goos      string
		getenv    func(string) string
		reachable func(string) bool
		want      string
	}{
		{"windows, no DISPLAY", "windows", env(), down, ""},
		{"windows with a stale DISPLAY", "windows", env("DISPLAY", ":9"), down, ""},
		{"macOS, no DISPLAY", "darwin", env(), down, ""},
		{"linux, nothing set", "linux", env(), up, "DISPLAY and WAYLAND_DISPLAY are not set"},
		{"linux, Wayland", "linux", env("WAYLAND_DISPLAY", "wayland-0"), down, ""},
		{"linux, X answers", "linux", env("DISPLAY", ":0"), up, ""},
		{"linux, X gone", "linux", env("DISPLAY", ":7"), down, "no X server answers on DISPLAY=:7"},
		{"freebsd, nothing set", "freebsd", env(), up, "DISPLAY and WAYLAND_DISPLAY are not set"},
	}
	for _, tt := range tests {
		if got := displayProblem(tt.goos, tt.getenv, tt.reachable); got != tt.want {
			t.Errorf("%s: displayProblem = %q, want %q", tt.name, got, tt.want)
		}
	}
}
