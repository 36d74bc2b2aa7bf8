# heatdesk: `make run` and `make test` work from a fresh clone on a fresh Debian machine.
SWIFT      ?= swift
HEATDESK_DB ?= $(HOME)/.local/share/heatdesk/demo.sqlite
BIN_DEBUG   = .build/debug/heatdesk
BIN_RELEASE = .build/release/heatdesk

.PHONY: deps build test run bench clean

# Checks first so it is instant when everything is there; installs what is missing.
deps:
	@missing=""; \
	pkg-config --exists ncursesw 2>/dev/null || missing="$$missing libncursesw5-dev pkg-config"; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	[ -x /usr/bin/time ] || missing="$$missing time"; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make deps: the Swift toolchain (swift 6) is not on PATH" >&2; exit 1; }

build: deps
	$(SWIFT) build

# The release build is what people install, and Swift's exclusivity checks and optimizer differ
# there (issue 13): the seeded fuzzer runs in it, and every test that drives the binary (CLI,
# import, sync, tmux) runs against it through HEATDESK_BINARY. XCTest only, and last, so the run
# ends on its own count of the tests it ran.
test: deps
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory fuzz-check
	HEATDESK_BINARY="$(CURDIR)/$(BIN_RELEASE)" $(SWIFT) test --skip-build --disable-swift-testing

# The demo agent: 李明轩 (AG-002), flight and hotel desk, Chinese and English, with work queued.
HEATDESK_AGENT ?= AG-002

run: build
	@mkdir -p "$(dir $(HEATDESK_DB))"
	$(BIN_DEBUG) demo --db "$(HEATDESK_DB)"
	$(BIN_DEBUG) agent --agent "$(HEATDESK_AGENT)" --db "$(HEATDESK_DB)"

bench: deps
	$(SWIFT) build -c release
	Tests/Benchmarks/bench.sh

clean:
	rm -rf .build

# Seeded fuzzing of every reader of outside input, in the release build (Docs/fuzzing.md).
# fuzz-check: a fixed seed and a bounded run (about a minute), for CI; exits non-zero on any failure.
# fuzz: a random seed (printed; replay with SEED=N), longer.
FUZZ_SEED          ?= 20261204
# A fixed number of cases, so every run of make test checks the same inputs whatever the machine's
# speed (about 45 s here); the time bound only guards against a machine far slower than this one.
FUZZ_CHECK_CASES   ?= 2200
FUZZ_CHECK_SECONDS ?= 400
FUZZ_SECONDS       ?= 600
FUZZ_BIN            = .build/release/heatdesk-fuzz
FUZZ_OUT           ?= .build/fuzz-failures

.PHONY: fuzz fuzz-check fuzz-build

fuzz-build: deps
	$(SWIFT) build -c release --product heatdesk
	$(SWIFT) build -c release --product heatdesk-fuzz

fuzz-check: fuzz-build
	$(FUZZ_BIN) --seed $(FUZZ_SEED) --cases $(FUZZ_CHECK_CASES) --seconds $(FUZZ_CHECK_SECONDS) --binary $(BIN_RELEASE) --binary-runs 40 --out $(FUZZ_OUT)

fuzz: fuzz-build
	$(FUZZ_BIN) $(if $(SEED),--seed $(SEED)) --seconds $(FUZZ_SECONDS) --binary $(BIN_RELEASE) --binary-runs 200 --out $(FUZZ_OUT)
