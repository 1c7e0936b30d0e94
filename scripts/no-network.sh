#!/usr/bin/env bash
# Checks that Fail Forward opens no network connection: runs the built app
# under strace on the virtual sound device and a virtual screen, drives a
# whole practice turn with the keyboard (Space: record, Space: stop, Space:
# play back), and then reads every connect, sendto, sendmsg and socket call
# the app and its threads made. Local sockets (AF_UNIX: the X server, the
# sound server, D-Bus; AF_NETLINK: the kernel) pass; any other family,
# AF_INET and AF_INET6 above all, fails the check.
#
#   scripts/no-network.sh APP            e.g. scripts/no-network.sh bin/failforward
#   scripts/no-network.sh --check LOG    only judge an existing strace log
#
# Before the app it proves the check can fail: a deliberate TCP connect to
# 127.0.0.1, traced the same way, must be caught. The app runs with the
# session bus scripts/xvfb.sh gives it, as on a desktop; without one it
# would start a bus itself.
#
# Needs strace, xdotool, espeak-ng, sox, Xvfb, D-Bus and JACK
# (scripts/vaudio.sh); it says which package is missing before it starts.
# Every wait is bounded: the window has 60 s to appear, the app 10 s to
# stop.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

usage() {
  echo "usage: $0 APP | $0 --check STRACE_LOG" >&2
  exit 2
}

# check LOG: prints a summary of the socket calls in an strace -f log and
# fails if any reaches beyond the machine.
check() {
  local log=$1
  [ -r "$log" ] || { echo "no-network: cannot read $log" >&2; return 2; }
  awk '
    function family(line) {
      if (match(line, /sa_family=AF_[A-Z0-9]+/)) return substr(line, RSTART + 10, RLENGTH - 10)
      if (match(line, /socket\(AF_[A-Z0-9]+/)) return substr(line, RSTART + 7, RLENGTH - 7)
      return ""
    }
    function local_family(f) { return f == "AF_UNIX" || f == "AF_LOCAL" || f == "AF_NETLINK" }
    /(connect|sendto|sendmsg|socket)\(/ {
      call = $0
      sub(/^[0-9]+ +/, "", call)       # the pid strace -f puts first
      name = call; sub(/\(.*/, "", name)
      f = family(call)
      if (f == "") next                # sendto on a connected socket: no address
      count[name " " f]++
      if (f == "AF_UNIX" && match(call, /sun_path=@?"[^"]*"/)) {
        paths[substr(call, RSTART + 9, RLENGTH - 9)] = 1
      }
      if (!local_family(f)) {
        bad++
        if (bad <= 20) printf "no-network: NETWORK ACCESS: %s\n", call
      }
    }
    END {
      print "no-network: socket calls by kind and address family:"
      n = 0
      for (k in count) { printf "  %-32s %d\n", k, count[k]; n++ }
      if (n == 0) print "  (none)"
      print "no-network: local sockets reached:"
      m = 0
      for (p in paths) { printf "  %s\n", p; m++ }
      if (m == 0) print "  (none)"
      if (bad > 0) {
        printf "no-network: FAIL: %d socket call(s) beyond local sockets\n", bad
        exit 1
      }
      print "no-network: ok: only local sockets"
    }
  ' "$log"
}

if [ "${1:-}" = "--check" ]; then
  [ $# -eq 2 ] || usage
  check "$2"
  exit
fi

if [ "${1:-}" != "--inner" ]; then
  [ $# -eq 1 ] || usage
  app=$1
  [ -x "$app" ] || { echo "no-network: $app is not an executable (build it first: make build)" >&2; exit 2; }
  need strace strace xdotool xdotool espeak-ng espeak-ng sox sox Xvfb xvfb \
    dbus-run-session dbus jackd jackd2 awk mawk
  case "$app" in /*) ;; *) app=$PWD/$app ;; esac
  selftest=$(mktemp "${TMPDIR:-/tmp}/no-network-selftest.XXXXXX")
  strace -f -qq -o "$selftest" -e trace=connect,sendto,sendmsg,socket \
    bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null || true
  if check "$selftest" >/dev/null; then
    rm -f "$selftest"
    echo "no-network: the check missed a deliberate connect to 127.0.0.1: it is broken" >&2
    exit 1
  fi
  rm -f "$selftest"
  echo "no-network: self-test: a deliberate connect to 127.0.0.1 is caught"
  exec scripts/vaudio.sh -- scripts/xvfb.sh -- "$0" --inner "$app"
fi

# Inner part: runs with the virtual sound device and screen.
app=$2
rate=${FF_VAUDIO_RATE:-48000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/no-network.XXXXXX")
log=$tmp/strace.log
strace_pid=""

# traced lists the processes strace traces: the app and whatever it
# started, daemons that left its process tree included.
traced() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(awk '/^TracerPid:/ { print $2 }' "$p/status" 2>/dev/null)" = "$1" ] && echo "${p#/proc/}"
  done
  return 0
}

# gone PID SECONDS: waits up to SECONDS for PID to end; fails if it did not.
gone() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$1" 2>/dev/null
}

# stop_app ends every traced process, then strace itself: politely for 5 s,
# then by force.
stop_app() {
  local pids
  pids=$(traced "$strace_pid")
  [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  if ! gone "$strace_pid" 5; then
    pids=$(traced "$strace_pid")
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
    gone "$strace_pid" 5 || kill -KILL "$strace_pid" 2>/dev/null
  fi
  wait "$strace_pid" 2>/dev/null || true
  strace_pid=""
}

cleanup() {
  local status=$?
  if [ -n "$strace_pid" ] && kill -0 "$strace_pid" 2>/dev/null; then
    stop_app
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT

espeak-ng -w "$tmp/speech.wav" "My biggest failure was a release I shipped without a load test."
sox -D "$tmp/speech.wav" -t raw -e signed-integer -b 16 -c 1 -L -r "$rate" "$tmp/speech.raw"

# scripts/xvfb.sh runs this part with a session bus of its own.
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "no-network: no session bus (run through scripts/xvfb.sh)" >&2; exit 1; }
echo "no-network: running $app under strace"
FF_CAPTURE_RAW=$tmp/speech.raw FF_PLAYBACK_RAW=$tmp/played.raw \
  strace -f -qq -o "$log" -e trace=connect,sendto,sendmsg,socket \
  "$app" --no-welcome --library "$tmp/takes" --think 0s --limit 30s >"$tmp/app.log" 2>&1 &
bg_pid=$!
strace_pid=$bg_pid

win=""
for _ in $(seq 1 120); do
  win=$(xdotool search --onlyvisible --name "Fail Forward" 2>/dev/null | head -n 1 || true)
  [ -n "$win" ] && break
  kill -0 "$bg_pid" 2>/dev/null || { echo "no-network: the app exited early:" >&2; cat "$tmp/app.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$win" ] || { echo "no-network: no window appeared within 60 s" >&2; exit 1; }

echo "no-network: practice turn: record 3 s, stop, play back"
xdotool key --window "$win" space
sleep 3
xdotool key --window "$win" space
sleep 1.5
xdotool key --window "$win" space
sleep 3

# The turn must really have happened: a take saved with its audio.
takes=$(find "$tmp/takes" -name take.json 2>/dev/null | wc -l)
wavs=$(find "$tmp/takes" -name answer.wav -size +44c 2>/dev/null | wc -l)
if [ "$takes" -ne 1 ] || [ "$wavs" -ne 1 ]; then
  echo "no-network: the practice turn did not save a take ($takes take.json, $wavs answer.wav)" >&2
  cat "$tmp/app.log" >&2
  exit 1
fi

# Stop the app, then let strace finish the log.
stop_app

echo "no-network: practice turn done, $(wc -l <"$log") socket calls traced"
check "$log"
