# Fail Forward. `make run` and `make test` are the two commands you need;
# both install missing system packages first (Debian/Ubuntu) or say what to
# install (other systems).

GO      ?= go
BIN     := bin/failforward
ARGS    ?=

.PHONY: run build test deps test-deps package-deps clean package package-check soak fuzz bench package-windows test-windows fresh-check

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build -o $(BIN) .

test: test-deps
	scripts/test.sh

deps:
	scripts/deps.sh build

test-deps:
	scripts/deps.sh test

package-deps:
	scripts/deps.sh package

# Installable packages in dist/: the .deb, the Linux archive, the macOS
# bundle, and the Windows zip and installer.
package: package-deps
	scripts/package.sh
	scripts/package-windows.sh

# The Windows zip and installer, cross-built here (scripts/package-windows.sh).
package-windows: deps
	scripts/package-windows.sh

# The Windows build under Wine, on the virtual sound device and screen: the
# CLI against the Linux build, the window, a take, the library lock, the
# installer and uninstaller (wine_test.go). WINE_TESTS picks some of them.
WINE_TESTS ?= ^TestWine
test-windows:
	scripts/deps.sh windows_test
	scripts/package-windows.sh
	FF_WINDOWS_DIST=dist FF_REQUIRE_WINE=1 FF_REQUIRE_VAUDIO=1 FF_REQUIRE_TOOLS=1 FF_REQUIRE_DISPLAY=1 \
	  scripts/vaudio.sh --realtime -- scripts/xvfb.sh -- $(GO) test -count=1 -v -run '$(WINE_TESTS)' .

# Makes the packages and checks their contents: lintian, appstreamcli and
# desktop-file-validate, and (as root, as in CI) installs the .deb with
# apt, runs it and removes it (scripts/package-install-test.sh).
package-check: test-deps package-deps
	scripts/package-check.sh

# A 60-minute take on the virtual device: no frame lost, memory flat.
soak: test-deps
	scripts/soak.sh 60

# Speed and memory against ffmpeg and sox, in one run (PERFORMANCE.md).
bench: test-deps
	scripts/bench.sh

# Every fuzz target for a minute each.
fuzz:
	scripts/fuzz.sh 1m

# make build and make test in a fresh minimal Debian 12 root given only the
# README's prerequisites (needs root and debootstrap). 20 minutes on two
# quiet cores, 30 or more on a busy machine, so CI does not run it.
fresh-check:
	scripts/fresh-check.sh

clean:
	rm -rf bin dist
