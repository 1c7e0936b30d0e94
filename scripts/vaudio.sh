#!/usr/bin/env bash
# Runs a command with a virtual sound device: a private JACK server on its
# dummy driver provides a real-time clock, and the ALSA default PCM is a file
# plugin on top of it. Capture reads the raw file named by FF_CAPTURE_RAW and
# playback writes the raw file named by FF_PLAYBACK_RAW (both S16_LE mono at
# the stream's rate; each process sets them for itself before PortAudio
# starts). Past the end of the input file capture delivers zeros.
#
#   scripts/vaudio.sh [--rate 48000] [--period 1024] [--realtime] [--verbose] -- COMMAND ARGS...
#
# --period is the JACK period in frames: longer periods ride out a busy
# machine (a late period makes the ALSA plugin stop for good). --realtime
# runs the server (and its clients' audio threads) with real-time
# scheduling where the system allows it, so other work on the machine
# cannot stall the device's clock; without permission it says so and runs
# as before. Only JACK's own threads in the clients get it, not PortAudio's:
# the tests start the processes that drive the device with real-time
# scheduling of their own when FF_VAUDIO_REALTIME is 1 (audio/device's
# tests, the end-to-end tests), as scripts/wine.sh raises a Windows program.
#
# Exports ALSA_CONFIG_PATH, JACK_DEFAULT_SERVER, JACK_NO_START_SERVER=1,
# FF_VAUDIO=1, FF_VAUDIO_RATE, FF_VAUDIO_PERIOD and FF_VAUDIO_REALTIME (1
# when the server runs with real-time scheduling) to the command, stops the JACK server
# afterwards and exits with the command's status. The server's output goes to
# a log that is shown only when the server fails (or with --verbose).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need jackd jackd2 jack_wait jackd2 chrt util-linux mktemp coreutils

# JACK registers every server in one table in /dev/shm with room for eight.
# A server that is killed never leaves it, so a machine where test servers
# were killed eventually refuses to start any ("Too many servers already
# active"). As root, run in a private mount namespace with a /dev/shm of our
# own: nothing is shared with other JACK servers and nothing is left behind.
if [ -z "${FF_VAUDIO_NS:-}" ] && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 &&
  unshare --mount --propagation private true 2>/dev/null; then
  exec unshare --mount --propagation private env FF_VAUDIO_NS=1 bash "$0" "$@"
fi
if [ "${FF_VAUDIO_NS:-}" = 1 ]; then
  mount -t tmpfs -o mode=1777,size=512m ff-vaudio-shm /dev/shm
fi

usage() {
  echo "usage: $0 [--rate HZ] [--period FRAMES] [--realtime] [--verbose] -- COMMAND ARGS..." >&2
  exit 2
}

rate=48000
period=1024
verbose=0
realtime=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rate)
      [ $# -ge 2 ] || usage
      rate=$2
      shift 2
      ;;
    --rate=*)
      rate=${1#--rate=}
      shift
      ;;
    --period)
      [ $# -ge 2 ] || usage
      period=$2
      shift 2
      ;;
    --realtime)
      realtime=1
      shift
      ;;
    --verbose | -v)
      verbose=1
      shift
      ;;
    --)
      shift
      break
      ;;
    -h | --help) usage ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || usage
case "$rate" in
  '' | *[!0-9]*) echo "vaudio: --rate wants a number of Hz, got '$rate'" >&2; exit 2 ;;
esac
case "$period" in
  '' | *[!0-9]*) echo "vaudio: --period wants a number of frames, got '$period'" >&2; exit 2 ;;
esac
if ! compgen -G "/usr/lib*/alsa-lib/libasound_module_pcm_jack.so" >/dev/null && ! compgen -G "/usr/lib*/*/alsa-lib/libasound_module_pcm_jack.so" >/dev/null; then
  echo "vaudio: ALSA's JACK plugin is missing; Debian/Ubuntu: scripts/deps.sh test installs it (or: apt-get install --no-install-recommends libasound2-plugins)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vaudio.XXXXXX")
log="$tmp/jackd.log"
server="ffjack-$$-${RANDOM}"
jackd_pid=""

show_log() {
  if [ -s "$log" ]; then
    echo "vaudio: jackd log ($server):" >&2
    sed 's/^/  jackd: /' "$log" >&2
  fi
}

cleanup() {
  local status=$?
  if [ -n "$jackd_pid" ] && kill -0 "$jackd_pid" 2>/dev/null; then
    # Give it time to exit cleanly (it waits 5 s for each client that died
    # without closing), then insist.
    stop_pid "$jackd_pid" 15
  fi
  # A server or client that died without cleaning up leaves its shared
  # memory behind; the names carry this run's unique server name.
  rm -f /dev/shm/jack_"$server"_* /dev/shm/jack_sem.*_"$server"_* 2>/dev/null || true
  [ "$verbose" = 1 ] && show_log
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

export JACK_DEFAULT_SERVER="$server"
export JACK_NO_START_SERVER=1

sched=(-r)
export FF_VAUDIO_REALTIME=0
if [ "$realtime" = 1 ]; then
  if chrt -f 10 true 2>/dev/null; then
    sched=(-R -P 70)
    FF_VAUDIO_REALTIME=1
  else
    echo "vaudio: real-time scheduling is not allowed here; the device runs without it" >&2
  fi
fi

jackd "${sched[@]}" -n "$server" -d dummy -r "$rate" -p "$period" -C 2 -P 2 </dev/null >"$log" 2>&1 &
jackd_pid=$!

if ! jack_wait -w -t 10 >>"$log" 2>&1 || ! kill -0 "$jackd_pid" 2>/dev/null; then
  echo "vaudio: the JACK server did not start" >&2
  show_log
  exit 1
fi

cat >"$tmp/asound.conf" <<'EOF'
pcm.!default {
  type asym
  capture.pcm {
    type file
    file "/dev/null"
    infile { @func getenv vars [ FF_CAPTURE_RAW ] default "/dev/null" }
    format "raw"
    slave.pcm { type plug slave.pcm { type jack
      capture_ports { 0 system:capture_1 }
      playback_ports { 0 system:playback_1 } } }
  }
  playback.pcm {
    type file
    file { @func getenv vars [ FF_PLAYBACK_RAW ] default "/dev/null" }
    format "raw"
    perm 0644
    slave.pcm { type plug slave.pcm { type jack
      capture_ports { 0 system:capture_1 }
      playback_ports { 0 system:playback_1 } } }
  }
}
EOF

export ALSA_CONFIG_PATH="$tmp/asound.conf"
export FF_VAUDIO=1
export FF_VAUDIO_RATE="$rate"
export FF_VAUDIO_PERIOD="$period"

status=0
"$@" || status=$?

if ! kill -0 "$jackd_pid" 2>/dev/null; then
  echo "vaudio: the JACK server stopped during the run" >&2
  [ "$verbose" = 1 ] || show_log
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
