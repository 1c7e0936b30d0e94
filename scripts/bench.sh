#!/usr/bin/env bash
# Measures Fail Forward where users feel speed, against tools people trust,
# side by side in one run, and prints one line per comparison with both
# medians, the ratio and the goal:
#
#   waveform     failforward waveform vs ffmpeg showwavespic (60-min file)
#   analyze      failforward analyze vs sox stat (60-min and 2-min files)
#   open         open-to-ready of a 60-min take: its waveform pyramid
#                built from the file (file in the page cache, and not)
#   start        the app's start to its first window, under Xvfb
#   review RSS   memory with a 60-min take open on the review screen
#   recording    memory growth while recording for 10 minutes (the soak)
#   capture      Go benchmarks of the per-block work while recording:
#                processor time per second of audio, allocations per block
#
#   scripts/bench.sh [--quick] [--runs N] [--no-recording] [--no-audio]
#
# --quick is a smoke check: 2 runs, a 10-minute file in place of the
# 60-minute one and a 1-minute recording. --no-recording leaves out the
# recording (it takes as long as the recording). --no-audio runs the app
# without the virtual sound device (scripts/vaudio.sh): it then opens on
# its "no microphone" screen and plays nothing. Each timed pair runs
# interleaved (ours, theirs, ours, theirs, ...) after one untimed warm-up
# of each, so both see the same machine and a warm page cache.
#
# It installs what it needs (scripts/deps.sh test, and ffmpeg), builds the
# app once into a temporary folder, makes its inputs there with espeak-ng
# and sox (about 1 GB of disk for the 60-minute runs, deleted afterwards),
# and at the end prints the results again as a Markdown table, with the
# machine, for PERFORMANCE.md. It exits non-zero only when a measurement
# could not be taken; a missed goal is a FAIL line.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5
long_min=60
short_min=2
rec_min=10
recording=1
audio=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) runs=2 long_min=10 rec_min=1; shift ;;
    --runs)
      [ $# -ge 2 ] || { echo "bench: --runs needs a number" >&2; exit 2; }
      runs=$2; shift 2 ;;
    --no-recording) recording=0; shift ;;
    --no-audio) audio=0; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option '$1' (see scripts/bench.sh --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in
  '' | *[!0-9]* | 0) echo "bench: --runs wants a positive number, got '$runs'" >&2; exit 2 ;;
esac

# ---- helpers -------------------------------------------------------------

# secs START_NS END_NS: the seconds between two `date +%s%N` readings.
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b - a) / 1e9 }'; }

# timed ARRAY CMD...: runs CMD (output to the log) and appends its wall
# time in seconds to the array named ARRAY. A failing command ends the run.
timed() {
  local -n into=$1
  shift
  local s e
  s=$(date +%s%N)
  if ! "$@" >>"$work/commands.log" 2>&1; then
    echo "bench: this command failed: $*" >&2
    tail -n 20 "$work/commands.log" >&2
    exit 1
  fi
  e=$(date +%s%N)
  into+=("$(secs "$s" "$e")")
}

# median VALUES...: the median, to 4 decimals.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) printf "%.4f", v[(NR + 1) / 2]; else printf "%.4f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# field KEY LINE: the value of KEY=value in a probe's output line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

rows=() # name|ours|baseline|ratio|goal|result, for the table at the end

# compare NAME OURS_LABEL THEIRS_LABEL MAX_RATIO OURS... -- THEIRS...: the
# line of a timed pair; MAX_RATIO "" reports the ratio with no goal.
compare() {
  local name=$1 ours_label=$2 theirs_label=$3 goal=$4
  shift 4
  local ours=() theirs=()
  while [ "$1" != "--" ]; do ours+=("$1"); shift; done
  shift
  theirs=("$@")
  local mo mt ratio verdict goal_text
  mo=$(median "${ours[@]}")
  mt=$(median "${theirs[@]}")
  ratio=$(awk -v a="$mo" -v b="$mt" 'BEGIN { printf "%.2f", a / b }')
  if [ -n "$goal" ]; then
    goal_text="goal <= ${goal}x"
    verdict=$(awk -v r="$ratio" -v g="$goal" 'BEGIN { print (r <= g) ? "PASS" : "FAIL" }')
  else
    goal_text="no goal, for the record"
    verdict="INFO"
  fi
  printf '%s: %s %.2f s  %s %.2f s  ratio %sx (%s)  %s\n' \
    "$name" "$ours_label" "$mo" "$theirs_label" "$mt" "$ratio" "$goal_text" "$verdict"
  rows+=("$name|$(printf '%.3f s' "$mo")|$(printf '%.3f s' "$mt") ($theirs_label)|${ratio}x|${goal:+<= ${goal}x}|$verdict")
}

# absolute NAME VALUE UNIT MAX [NOTE]: a line for a figure with an absolute
# goal (value < MAX).
absolute() {
  local name=$1 value=$2 unit=$3 max=$4 note=${5:-} verdict
  if ! [[ "$value" =~ ^-?[0-9]+(\.[0-9]+)?$ ]]; then
    echo "bench: no figure for $name (got '$value')" >&2
    exit 1
  fi
  verdict=$(awk -v v="$value" -v m="$max" 'BEGIN { print (v < m) ? "PASS" : "FAIL" }')
  [ "$unit" = s ] && value=$(printf '%.3f' "$value")
  printf '%s: failforward %s %s (goal < %s %s)%s  %s\n' "$name" "$value" "$unit" "$max" "$unit" "${note:+  $note}" "$verdict"
  rows+=("$name|$value $unit|—|—|< $max $unit|$verdict")
}

# evict FILE: drops FILE from the page cache, so the next read comes from
# the disk. It touches nothing else on the machine.
evict() { dd if="$1" iflag=nocache count=0 status=none 2>/dev/null || true; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# ---- the app's own measurements, run inside Xvfb and the virtual device --

# With --app-phase the script is running inside scripts/xvfb.sh (and
# scripts/vaudio.sh when it could start): it times the start to the first
# window and the memory on the review screen, and writes the figures to
# files in the work folder for the outer run to print.
if [ "${FF_BENCH_APP_PHASE:-}" = 1 ]; then
  bin=$FF_BENCH_BIN
  probe=$FF_BENCH_PROBE
  out=$FF_BENCH_OUT
  # A warm-up start (fonts, caches) that is not counted.
  lib=$(mktemp -d "$out/lib.XXXXXX")
  "$probe" window -- "$bin" --no-welcome --library "$lib" >/dev/null
  for i in $(seq 1 "$FF_BENCH_RUNS"); do
    lib=$(mktemp -d "$out/lib.XXXXXX")
    "$probe" window -- "$bin" --no-welcome --library "$lib" >>"$out/start-warm.txt"
    evict "$bin"
    lib=$(mktemp -d "$out/lib.XXXXXX")
    "$probe" window -- "$bin" --no-welcome --library "$lib" >>"$out/start-cold.txt"
  done
  # One take left unfinished in an otherwise empty library: the app offers
  # to recover it and opens it on the review screen.
  lib=$(mktemp -d "$out/lib.XXXXXX")
  take="$lib/20260101-090000-q01"
  mkdir "$take"
  cp "$FF_BENCH_TAKE" "$take/answer.wav"
  "$probe" review -timeout 120s -watch 15s -library "$lib" -- "$bin" --no-welcome --library "$lib" >"$out/review.txt"
  exit 0
fi

# ---- what it needs -------------------------------------------------------

scripts/deps.sh test
if ! command -v ffmpeg >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null 2>&1 || { echo "bench: need root to install ffmpeg" >&2; exit 1; }
      sudo=(sudo)
    fi
    echo "bench: installing ffmpeg"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
  else
    echo "bench: ffmpeg not found; install it (e.g. brew install ffmpeg, dnf install ffmpeg)" >&2
    exit 1
  fi
fi
. scripts/lib.sh
need_go
need ffmpeg ffmpeg sox sox soxi sox espeak-ng espeak-ng Xvfb xvfb xdotool xdotool xev x11-utils

work=$(mktemp -d "${TMPDIR:-/tmp}/ffbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# ---- the machine ---------------------------------------------------------

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($cpu), $mem RAM, $os, kernel $(uname -r), $(go version | cut -d' ' -f3)"
echo "bench: load average at start $(loadavg); $runs runs per figure"
load_start=$(loadavg)

# ---- build once, make the inputs -----------------------------------------

echo "bench: building"
go build -o "$work/failforward" .
go build -o "$work/probe" ./internal/bench/probe
ff=$work/failforward
probe=$work/probe

echo "bench: making ${long_min}- and ${short_min}-minute takes of speech with espeak-ng and sox"
gen=$work/gen
mkdir "$gen"
sentences=(
  "The release slipped by two weeks because I skipped the load test."
  "I was leading a team of four, and the launch date was fixed by a partner."
  "I owned the mistake, told the partner the same day, and wrote a new plan."
  "We shipped a smaller first version on time and the rest a week later."
  "What I learned is to test the riskiest part first, even when time is short."
  "Since then I put a load test in every plan before we agree on a date."
)
parts=()
for i in "${!sentences[@]}"; do
  espeak-ng -s 160 -w "$gen/s$i.22k.wav" "${sentences[$i]}"
  # 48 kHz 16-bit mono, then a pause of 0.3 to 0.7 s after the sentence.
  sox -D "$gen/s$i.22k.wav" -r 48000 -b 16 -c 1 "$gen/s$i.wav" pad 0 "0.$((3 + i % 5))"
  parts+=("$gen/s$i.wav")
done
sox -D "${parts[@]}" "$gen/answer.wav" pad 0 1.5 # about 31 s, with a longer pause
block=$(soxi -D "$gen/answer.wav")
repeats() { awk -v m="$1" -v b="$block" 'BEGIN { printf "%d", m * 60 / b + 1 }'; }
long=$gen/long.wav
short=$gen/short.wav
sox -D "$gen/answer.wav" "$long" repeat "$(repeats "$long_min")" trim 0 "$((long_min * 60))"
sox -D "$gen/answer.wav" "$short" repeat "$(repeats "$short_min")" trim 0 "$((short_min * 60))"
for f in "$long" "$short"; do
  echo "bench:   $(basename "$f"): $(soxi -d "$f"), $(soxi -r "$f") Hz, $(soxi -b "$f")-bit, $(soxi -c "$f") channel, $(du -h "$f" | cut -f1)"
done
L="${long_min}min"
S="${short_min}min"
echo

# ---- the capture path: Go benchmarks -------------------------------------

# Meter, waveform pyramid, WAV write and the recorder's whole per-block
# path, for one 1024-frame block at 48 kHz: processor time per second of
# audio, and allocations per block (goal: none in steady state).
benchtime=1s
[ "$runs" -ge 5 ] || benchtime=200ms
go test -run '^$' -bench 'MeterCaptureBlock|AppendCaptureBlock|WriterCaptureBlock|ConsumeBlock' \
  -benchmem -benchtime "$benchtime" ./audio/ ./audio/peaks/ ./audio/wavfile/ ./audio/recorder/ >"$work/gobench.txt" 2>&1 || {
  echo "bench: the capture benchmarks failed:" >&2
  tail -n 20 "$work/gobench.txt" >&2
  exit 1
}
while read -r name cpu xrt allocs; do
  verdict=PASS
  [ "$allocs" = 0 ] || verdict=FAIL
  printf 'capture %s: %s µs CPU per second of audio (%sx real time), %s allocs per block (goal 0)  %s\n' \
    "$name" "$cpu" "$xrt" "$allocs" "$verdict"
  rows+=("capture: $name, per 1024-frame block|$cpu µs CPU per s of audio ($xrt× real time), $allocs allocs|—|—|0 allocs/op|$verdict")
done < <(awk '/^Benchmark/ {
    name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
    for (i = 2; i < NF; i++) {
      if ($(i + 1) == "cpu-ns/audio-s") cpu = $i
      if ($(i + 1) == "x-realtime") xrt = $i
      if ($(i + 1) == "allocs/op") allocs = $i
    }
    printf "%s %.1f %.0f %s\n", name, cpu / 1000, xrt, allocs
  }' "$work/gobench.txt")
[ "$(grep -c '^Benchmark' "$work/gobench.txt")" -eq 5 ] || {
  echo "bench: expected 5 capture benchmarks:" >&2
  cat "$work/gobench.txt" >&2
  exit 1
}

# ---- waveform: failforward vs ffmpeg -------------------------------------

ours=() theirs=()
png=$work/wave.png
ff_waveform() { "$ff" waveform "$long" -o "$png" --width 1920 --height 200; }
ffmpeg_waveform() {
  ffmpeg -nostdin -hide_banner -loglevel error -y -i "$long" \
    -filter_complex showwavespic=s=1920x200 -frames:v 1 "$work/ffmpeg.png"
}
warm=()
timed warm ff_waveform
timed warm ffmpeg_waveform
for _ in $(seq 1 "$runs"); do
  timed ours ff_waveform
  timed theirs ffmpeg_waveform
done
compare "waveform $L" failforward "ffmpeg showwavespic" 0.5 "${ours[@]}" -- "${theirs[@]}"

# ---- analyze: failforward vs sox stat ------------------------------------

for f in "$long" "$short"; do
  name=$L
  [ "$f" = "$short" ] && name=$S
  ours=() theirs=() warm=()
  timed warm "$ff" analyze "$f"
  timed warm sox "$f" -n stat
  for _ in $(seq 1 "$runs"); do
    timed ours "$ff" analyze "$f"
    timed theirs sox "$f" -n stat
  done
  compare "analyze $name" "failforward analyze" "sox stat" "" "${ours[@]}" -- "${theirs[@]}"
done

# ---- open-to-ready: the waveform pyramid of a long take ------------------

warm=() cold=()
"$probe" open "$long" >/dev/null
for _ in $(seq 1 "$runs"); do
  warm+=("$(field seconds "$("$probe" open "$long")")")
  evict "$long"
  cold+=("$(field seconds "$("$probe" open "$long")")")
done
absolute "open-to-ready $L (file in page cache)" "$(median "${warm[@]}")" s 1
absolute "open-to-ready $L (file read from disk)" "$(median "${cold[@]}")" s 1

# ---- the app: start-up and memory on the review screen -------------------

app_out=$work/app
mkdir "$app_out"
app_env=(FF_BENCH_APP_PHASE=1 FF_BENCH_BIN="$ff" FF_BENCH_PROBE="$probe" FF_BENCH_OUT="$app_out"
  FF_BENCH_RUNS="$runs" FF_BENCH_TAKE="$long")
run_app_phase() {
  rm -rf "${app_out:?}"/*
  if [ "$audio" = 1 ]; then
    env "${app_env[@]}" scripts/vaudio.sh --period 4096 -- scripts/xvfb.sh -- "$0" >"$work/app.log" 2>&1
  else
    env "${app_env[@]}" scripts/xvfb.sh -- "$0" >"$work/app.log" 2>&1
  fi
}
audio_note="on the virtual sound device"
[ "$audio" = 1 ] || audio_note="without a sound device"
if ! run_app_phase; then
  if [ "$audio" = 1 ] && grep -q "^vaudio: the JACK server did not start" "$work/app.log"; then
    # No virtual device here: the app opens without audio and says so;
    # the figures still count.
    audio=0
    audio_note="without a sound device (the virtual one did not start)"
  fi
  if [ "$audio" = 1 ] || ! run_app_phase; then
    echo "bench: the app could not be measured:" >&2
    tail -n 30 "$work/app.log" >&2
    exit 1
  fi
fi
starts=() cold_starts=()
while read -r line; do starts+=("$(field seconds "$line")"); done <"$app_out/start-warm.txt"
while read -r line; do cold_starts+=("$(field seconds "$line")"); done <"$app_out/start-cold.txt"
polled=$(cat "$app_out/start-warm.txt" "$app_out/start-cold.txt" | grep -c 'seen_by=poll' || true)
seen=""
[ "$polled" = 0 ] || seen="; $polled of $((2 * runs)) windows seen by polling, to within 0.1 s"
absolute "start to first window" "$(median "${starts[@]}")" s 1 "(Xvfb, empty library, $audio_note$seen)"
absolute "start to first window, binary read from disk" "$(median "${cold_starts[@]}")" s 1
rev=$(cat "$app_out/review.txt")
absolute "RSS, $L take open on the review screen (peak)" "$(field peak_mb "$rev")" MB 500 \
  "(after 15 s: $(field open_mb "$rev") MB; before opening: $(field before_mb "$rev") MB; $audio_note)"
cpu_pct=$(field cpu_pct "$rev")
printf 'review screen, %s take open, not playing: the app uses %s%% of a core (no goal, for the record)  INFO\n' "$L" "$cpu_pct"
rows+=("processor use, $L take open on the review screen, not playing|$cpu_pct% of a core|—|—||INFO")

# ---- recording: memory growth over the soak ------------------------------

if [ "$recording" = 1 ]; then
  echo "bench: recording ${rec_min} minutes on the virtual device (scripts/soak.sh)..."
  soak_ok=1
  FF_SOAK_DIR=$work scripts/soak.sh "$rec_min" >"$work/soak.log" 2>&1 || soak_ok=0
  rss_line=$(grep -m1 'RSS recording ' "$work/soak.log" | sed 's/^[[:space:]]*//' || true)
  if [ -z "$rss_line" ]; then
    echo "bench: the recording could not be measured:" >&2
    tail -n 30 "$work/soak.log" >&2
    exit 1
  fi
  growth=$(sed -n 's/.*growth \(-\{0,1\}[0-9.]*\) MB.*/\1/p' <<<"$rss_line")
  note="($(sed 's/^RSS recording *//' <<<"$rss_line"))"
  [ "$soak_ok" = 1 ] || note="$note; the soak reported a problem, see below"
  absolute "RSS growth while recording ${rec_min} min" "$growth" MB 50 "$note"
  if [ "$soak_ok" = 0 ]; then
    grep -E 'FAIL|want|soak:' "$work/soak.log" | head -n 20 || true
  fi
fi

echo
echo "bench: load average at start $load_start, at end $(loadavg)"
echo
echo "| measure | failforward (median) | baseline (median) | ratio | goal | result |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r a b c d e f <<<"$r"
  echo "| $a | $b | $c | $d | ${e:-—} | $f |"
done
