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
# 127.0.0.1, traced the same way, must be caught. The app runs with a
# session bus of its own (dbus-run-session) when one can be made, as on a
# desktop; without one it would start a bus itself.
#
# Needs strace, xdotool, espeak-ng, sox, Xvfb and JACK (scripts/vaudio.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

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
  for tool in strace xdotool espeak-ng sox Xvfb; do
    command -v "$tool" >/dev/null 2>&1 || { echo "no-network: $tool not found" >&2; exit 1; }
  done
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

# stop_app ends every traced process, then strace itself.
stop_app() {
  local pids
  pids=$(traced "$strace_pid")
  [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 "$strace_pid" 2>/dev/null || break
    sleep 0.1
  done
  pids=$(traced "$strace_pid")
  [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
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

session=()
command -v dbus-run-session >/dev/null 2>&1 && session=(dbus-run-session --)
echo "no-network: running $app under strace"
FF_CAPTURE_RAW=$tmp/speech.raw FF_PLAYBACK_RAW=$tmp/played.raw \
  "${session[@]}" strace -f -qq -o "$log" -e trace=connect,sendto,sendmsg,socket \
  "$app" --library "$tmp/takes" --think 0s --limit 30s >"$tmp/app.log" 2>&1 &
bg_pid=$!
# strace is the session's child, or the process started here.
strace_pid=$bg_pid
for _ in $(seq 1 50); do
  s=$(pgrep -P "$bg_pid" -x strace || true)
  [ -n "$s" ] && { strace_pid=$s; break; }
  [ ${#session[@]} -eq 0 ] && break
  sleep 0.1
done

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
wait "$bg_pid" 2>/dev/null || true

echo "no-network: practice turn done, $(wc -l <"$log") socket calls traced"
check "$log"
