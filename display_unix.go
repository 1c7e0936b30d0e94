//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
)

// x11Reachable reports whether DISPLAY names a server that can be reached:
// a local display (":N") must have its socket; remote ones are assumed to.
func x11Reachable(display string) bool {
	host, rest, ok := strings.Cut(display, ":")
	if !ok || (host != "" && host != "unix") {
		return true
	}
	num, _, _ := strings.Cut(rest, ".")
	_, err := os.Stat(filepath.Join("/tmp/.X11-unix", "X"+num))
	return err == nil
}
