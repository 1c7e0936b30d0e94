# Fail Forward. `make run` and `make test` are the two commands you need;
# both install missing system packages first (Debian/Ubuntu) or say what to
# install (other systems).

GO      ?= go
BIN     := bin/failforward
ARGS    ?=

.PHONY: run build test deps test-deps clean package package-check

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

clean:
	rm -rf bin dist
