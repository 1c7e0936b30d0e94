#!/usr/bin/env bash
# Runs every check and test of Fail Forward: formatting, vet, staticcheck and
# the whole test suite with the race detector, on a virtual audio device
# (scripts/vaudio.sh) and a virtual screen (Xvfb) so that nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
need_go
need git git strace strace xdotool xdotool Xvfb xvfb sox sox espeak-ng espeak-ng jackd jackd2

staticcheck_version=v0.8.2
actionlint_version=v1.7.12

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "staticcheck"
go run "honnef.co/go/tools/cmd/staticcheck@$staticcheck_version" ./...

step "go vet for macOS and Windows (the packages that build without cgo, so without PortAudio or Fyne)"
for target in darwin/arm64 windows/amd64; do
  export CGO_ENABLED=0 GOOS=${target%/*} GOARCH=${target#*/}
  # shellcheck disable=SC2046 # one word per package
  go vet $(go list -e -test -f '{{.Incomplete}} {{.ImportPath}}{{range .Deps}} {{.}}{{end}}' ./... |
    awk '{ p = $2; sub(/(_test)?(\.test)?$/, "", p); seen[p] = 1 }
      $1 == "true" || / fyne\.io\/fyne\/v2/ { bad[p] = 1 }
      END { for (p in seen) if (!bad[p]) print p }' | sort)
  unset CGO_ENABLED GOOS GOARCH
done

step "actionlint (the release workflow)"
go run "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version"

# The PortAudio binding passes stream ids to C as pointers, which the race
# build's pointer checks reject from the second stream on (see audio/device).
checkptr_off=-gcflags=github.com/gordonklaus/portaudio=-d=checkptr=0

step "go test -race (virtual audio device, virtual screen)"
# FF_REQUIRE_* turn the skips of tests that need a device, a screen or a
# tool into failures: here everything they need is installed.
FF_REQUIRE_VAUDIO=1 FF_REQUIRE_TOOLS=1 FF_REQUIRE_DISPLAY=1 \
  scripts/vaudio.sh --realtime -- scripts/xvfb.sh -- go test -race "$checkptr_off" -count=1 "$@" ./...

step "fuzz: every target for a short run"
scripts/fuzz.sh "${FF_FUZZ_TIME:-5s}"

step "privacy: a whole practice turn opens no network connection"
go build -race "$checkptr_off" -o bin/failforward-race .
scripts/no-network.sh bin/failforward-race

step "soak: a ${FF_SOAK_MINUTES:-3}-minute take on the virtual device (make soak: 60 minutes)"
scripts/soak.sh "${FF_SOAK_MINUTES:-3}"
