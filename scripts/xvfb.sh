#!/usr/bin/env bash
# Runs a command with a private Xvfb screen (1280x800, 24-bit) in DISPLAY and
# stops that Xvfb afterwards.   scripts/xvfb.sh -- COMMAND ARGS...
#
# Without a session bus, D-Bus clients on an X display start one of their
# own ("autolaunch") that outlives the screen; the command gets a private
# session bus instead (dbus-run-session), which ends with it.
set -euo pipefail
[ "${1:-}" = "--" ] && shift

for n in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { num=$n; break; }
done
: "${num:?no free X display number}"

Xvfb ":$num" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  [ -e "/tmp/.X11-unix/X$num" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { echo "xvfb: Xvfb did not start" >&2; exit 1; }
  sleep 0.05
done

export DISPLAY=":$num"
unset WAYLAND_DISPLAY
export LANG=${LANG:-en_US.UTF-8}
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1; then
  dbus-run-session -- "$@"
else
  "$@"
fi
