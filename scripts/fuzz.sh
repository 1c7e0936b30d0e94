#!/usr/bin/env bash
# Runs every fuzz target of the project (func FuzzXxx in a _test.go file)
# with Go's fuzzer, one after another, each for DURATION.
#
#   scripts/fuzz.sh [DURATION] [PACKAGE...]
#
# DURATION is a Go duration or count, as -fuzztime takes it (default 10s;
# make test uses a short one). PACKAGEs (e.g. ./practice/) limit the run.
# The seed corpora under each package's testdata/fuzz/ run as plain tests
# in go test as well. A failure prints the input, which Go saves under
# testdata/fuzz/FuzzXxx/: commit it with the fix, as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go

duration=${1:-10s}
[ $# -gt 0 ] && shift
case "$duration" in
  *[0-9]s | *[0-9]m | *[0-9]h | *[0-9]x) ;;
  *) echo "fuzz: DURATION must look like 10s, 2m or 1000x, got '$duration'" >&2; exit 2 ;;
esac

if [ $# -gt 0 ]; then
  dirs=("$@")
else
  mapfile -t dirs < <(go list -f '{{.Dir}}' ./... | sed "s|^$PWD|.|")
fi

# The fuzzer's workers would take every core; one or two leave room for
# anything else running (and for tests on a real-time audio device).
workers=${FUZZ_WORKERS:-2}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# fuzz_one DIR NAME runs one target, its output also kept in $log.
fuzz_one() {
  go test -run '^$' -fuzz "^${2}\$" -fuzztime "$duration" -parallel "$workers" "$1/" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

targets=0
failed=()
for dir in "${dirs[@]}"; do
  dir=${dir%/}
  names=$(grep -ho '^func Fuzz[A-Za-z0-9_]*(' "$dir"/*_test.go 2>/dev/null | sed 's/^func //; s/($//' | sort -u || true)
  for name in $names; do
    targets=$((targets + 1))
    printf '\n== %s %s (%s)\n' "$dir" "$name" "$duration"
    if ! fuzz_one "$dir" "$name"; then
      # The engine sometimes misses its own -fuzztime deadline while its
      # workers stop ("context deadline exceeded") without having found
      # anything: that target runs once more. A failing input is never
      # retried.
      if grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
        echo "fuzz: $name stopped on the engine's own deadline with no failing input; running it once more"
        fuzz_one "$dir" "$name" || failed+=("$dir $name")
      else
        failed+=("$dir $name")
      fi
    fi
  done
done

echo
if [ "$targets" -eq 0 ]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} of $targets targets failed:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "fuzz: $targets targets ran for $duration each, no failures"
