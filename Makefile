# Fail Forward. `make run` and `make test` are the two commands you need;
# both install missing system packages first (Debian/Ubuntu) or say what to
# install (other systems).

GO      ?= go
BIN     := bin/failforward
ARGS    ?=

.PHONY: run build test deps test-deps clean

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

clean:
	rm -rf bin dist
