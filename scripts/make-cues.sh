#!/usr/bin/env bash
# Generates the spoken time cues in assets/cues/ with espeak-ng and sox.
# The clips are committed, so building the app never needs either tool; run
# this again only to change the voice or the words.
#
#   scripts/make-cues.sh
#
# Each clip is a short phrase, 16-bit mono PCM at 16 kHz, with the silence
# at both ends trimmed and the level normalised. The app joins them into
# sentences such as "two minutes" + "thirty seconds" + "left" (audio/cue/cue.go
# lists the names it expects; keep the two in step).
set -euo pipefail

cd "$(dirname "$0")/.."
out=assets/cues
. scripts/lib.sh
need espeak-ng espeak-ng sox sox

# name|words
phrases=(
  "min1|one minute"
  "min2|two minutes"
  "min3|three minutes"
  "min4|four minutes"
  "min5|five minutes"
  "sec15|fifteen seconds"
  "sec30|thirty seconds"
  "sec45|forty-five seconds"
  "left|left"
  "timesup|time's up"
  "overtime|over time"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
rm -f "$out"/*.wav

for p in "${phrases[@]}"; do
  name=${p%%|*}
  words=${p#*|}
  espeak-ng -v en-us -s 165 -p 45 -w "$tmp/$name.wav" "$words"
  # Trim the silence at both ends (below 0.3 % for 10 ms), fade in over
  # 5 ms and out over 10 ms so the cut ends make no click, normalise to
  # -3 dBFS and convert to 16 kHz mono 16-bit. No dither (-D), so a run
  # with the same tools gives the same bytes.
  sox -D "$tmp/$name.wav" -b 16 -c 1 -r 16000 -e signed-integer "$out/$name.wav" \
    silence 1 0.01 0.3% fade q 0.005 reverse silence 1 0.01 0.3% fade q 0.01 reverse norm -3
done

total=$(du -cb "$out"/*.wav | tail -n 1 | cut -f 1)
echo "make-cues: wrote ${#phrases[@]} clips to $out ($total bytes)"
