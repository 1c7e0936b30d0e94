# Fail Forward. `make run` and `make test` are the two commands you need;
# both install missing system packages first (Debian/Ubuntu) or say what to
# install (other systems).

GO      ?= go
BIN     := bin/failforward
ARGS    ?=

.PHONY: run build test deps test-deps package-deps clean package package-check soak fuzz bench

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

# Installable packages in dist/: the .deb, the Linux archive and the macOS bundle.
package: package-deps
	scripts/package.sh

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

clean:
	rm -rf bin dist
