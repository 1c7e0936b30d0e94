package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"

	"failforward/practice"
)

// noDisplay says why no window can be opened, or "" when one can.
func noDisplay() string {
	return displayProblem(runtime.GOOS, os.Getenv, x11Reachable)
}

// displayProblem says why no window can be opened on the system goos (as
// runtime.GOOS) with the environment getenv, or "" when one can. Only
// X11/Wayland systems can lack a display: Windows and macOS always give a
// program started from the desktop one, and telling someone there that
// they have no display would stop an app that works. A desktop that
// refuses the window anyway is told by showAndRun.
func displayProblem(goos string, getenv func(string) string, reachable func(display string) bool) string {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if getenv("WAYLAND_DISPLAY") != "" {
		return ""
	}
	d := getenv("DISPLAY")
	if d == "" {
		return "DISPLAY and WAYLAND_DISPLAY are not set"
	}
	if !reachable(d) {
		return fmt.Sprintf("no X server answers on DISPLAY=%s", d)
	}
	return ""
}

// lockProblem is the title and the message of the window that says why the
// takes folder dir could not be locked (err from practice.Lock).
func lockProblem(dir string, err error) (title, msg string) {
	title = "Your takes folder could not be opened"
	msg = fmt.Sprintf("The takes folder %s could not be opened (%v). Check that it exists and that you may write to it, or start Fail Forward with --library DIR.", dir, err)
	var locked *practice.LockedError
	if errors.As(err, &locked) {
		title = "Fail Forward is already open"
		msg = "Your takes are already open in another Fail Forward window. " +
			"Switch to that window, or close it and start Fail Forward again. " +
			"To practise with a different takes folder, start it with --library DIR."
	}
	return title, msg
}

// showAndRun shows w and runs the app until the window is closed. When
// the display refuses the window (the X server went away, or turned the
// connection down after the check in noDisplay), Fyne panics in Show,
// before anything runs: that becomes one line (after Fyne's own report of
// the cause) and exit code 1, and run's deferred clean-up (the library
// lock, PortAudio) still runs. A panic once the app runs is not caught.
func showAndRun(a fyne.App, w fyne.Window, stderr io.Writer) int {
	if err := show(w); err != nil {
		fmt.Fprintf(stderr, "failforward: the display did not let a window open (%v); check that your desktop session is running, then start Fail Forward again\n", err)
		return 1
	}
	a.Run()
	return 0
}

// show shows w, turning the windowing system's panic when it cannot start
// into an error.
func show(w fyne.Window) (err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if !strings.Contains(fmt.Sprint(r), "GLFW") {
			panic(r)
		}
		err = fmt.Errorf("the windowing system did not start: %v", r)
	}()
	w.Show()
	return nil
}
