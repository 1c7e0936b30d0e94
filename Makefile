# Fail Forward. `make run` and `make test` are the two commands you need;
# both install missing system packages first (Debian/Ubuntu) or say what to
# install (other systems).

GO      ?= go
BIN     := bin/failforward
ARGS    ?=

.PHONY: run build test deps test-deps clean package package-check soak fuzz bench fresh-check

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

# Installable packages in dist/: the Linux archive and the macOS bundle.
package: deps
	scripts/package.sh

# Makes the packages and checks their contents.
package-check: test-deps
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
