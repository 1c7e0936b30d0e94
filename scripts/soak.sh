#!/usr/bin/env bash
# Records one long take on the virtual sound device (scripts/vaudio.sh)
# through the real capture stream and recorder, and checks that nothing is
# lost: frames written equal elapsed time × rate within one block, no block
# dropped, the take an unbroken run of the input, the resident set growing
# less than 50 MB, and the file opening the way the review screen opens it.
#
#   scripts/soak.sh [MINUTES]     (default 60; make test runs 3)
#
# Needs about 12 MB of temporary disk per minute (input and take, deleted
# afterwards; FF_SOAK_DIR chooses the folder). Prints progress every 10 s,
# a report with the figures at the end, and the JACK server's log (late
# wake-ups and evicted clients show there).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go

minutes=${1:-60}
case "$minutes" in
  '' | *[!0-9.]* | *.*.*) echo "soak: MINUTES must be a number, got '$minutes'" >&2; exit 2 ;;
esac
# The test's own time limit: the take plus set-up, writing and reading.
limit=$(awk -v m="$minutes" 'BEGIN { printf "%dm", m * 1.2 + 10 }')

# The virtual device's JACK server misses deadlines on a busy machine, and
# the ALSA plugin on it then stops for good. A longer period (85 ms at
# 48 kHz) rides out what the default one (21 ms) cannot, where vaudio.sh
# offers it; FF_VAUDIO_PERIOD tells the test the device's buffer.
vaudio_args=(--verbose)
if grep -q -- '--period' scripts/vaudio.sh; then
  vaudio_args+=(--period "${FF_SOAK_PERIOD:-4096}")
fi
# Real-time scheduling keeps the device's clock steady while the rest of
# the machine is busy, where the system allows it.
if grep -q -- '--realtime' scripts/vaudio.sh; then
  vaudio_args+=(--realtime)
fi

echo "soak: recording $minutes minutes (time limit $limit)"
FF_SOAK_MINUTES=$minutes FF_REQUIRE_VAUDIO=1 \
  scripts/vaudio.sh "${vaudio_args[@]}" -- go test -count=1 -run '^TestSoak$' -timeout "$limit" -v ./internal/soak/
