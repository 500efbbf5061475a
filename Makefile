# whosaid — top-level entry points. See README.md.
#   make run     install deps, build Release, extract quotes from the bundled sample
#   make test    install deps, build, run the everyday test suite (ctest without the
#                tests labelled `slow`): what to run after a change, ~10 minutes
#   make check   the slow checks: the `slow` tests (linear time, 50-100 MB inputs),
#                the suite under ASan+UBSan, and each fuzz target for FUZZ_SECONDS
#   make test-slow      the `slow` tests only
#   make test-sanitize  the test suite built with ASan+UBSan in build-sanitize/, run
#   make fuzz           each libFuzzer target for FUZZ_SECONDS (default 60), clang, build-fuzz/
#   make build   build only; binary at build/whosaid
#   make install install build/whosaid into $(PREFIX)/bin (PREFIX default /usr/local)
#   make bench   throughput on ../shared/data/news-bench (bench/run.sh): the pipeline's
#                MB/s and articles/s (wall, CPU), stage shares, peak RSS, allocations
#                per article; `whosaid extract` at process level; wink-nlp on the same
#                texts (node; npm ci into bench/wink); ingest with 1 and 2 threads;
#                tagger, parser, store, Python and serve benchmarks. ~10 minutes
#   make bench BASE=/path/to/old/whosaid   also runs that binary alternately with
#                build/whosaid on the same file and prints both MB per CPU-second
#                and their ratio (new/base)
#   make bench BASE_REF=f70df6e   the same with that commit, built once into
#                build/base/whosaid-<hash> (git archive + cmake, target whosaid)
#   make python  the Python module; PYTHONPATH=build/python (docs/python.md)
# .ci/run is `make test` then `make check`.

BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DATA       ?= $(abspath ../shared/data)
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD     ?= build-fuzz
FUZZ_SECONDS   ?= 60

PREFIX     ?= /usr/local
BASE       ?=
BASE_REF   ?=

.PHONY: all deps configure build install run test test-quick test-slow check test-sanitize fuzz bench clean python

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DWHOSAID_TESTS=ON -DWHOSAID_BENCH=ON -DWHOSAID_PYTHON=ON >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

install: build
	@cmake --install $(BUILD) --prefix $(PREFIX) --component Unspecified

run: build
	@$(BUILD)/whosaid extract --format table examples/parliament.txt

test: build
	@cd $(BUILD) && WHOSAID_DATA=$(DATA) ctest --output-on-failure -j $(JOBS) -LE slow

# The everyday suite under its old name.
test-quick: test

check: build
	@$(MAKE) --no-print-directory test-slow
	@$(MAKE) --no-print-directory test-sanitize
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)

# One at a time: the linear-time test measures CPU time and the big-input tests
# hold hundreds of megabytes.
test-slow: build
	@cd $(BUILD) && WHOSAID_DATA=$(DATA) ctest --output-on-failure -L slow

python: configure
	@cmake --build $(BUILD) -j $(JOBS) --target python -- --no-print-directory

# -O1 with line tables only (and assertions on): half the build time of
# RelWithDebInfo's -O2 -g, which is most of this target's time, with the same
# stack traces.
test-sanitize: deps
	@cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1" -DCMAKE_C_FLAGS="-O1 -g1" \
	  -DWHOSAID_SANITIZE=ON -DWHOSAID_TESTS=ON >/dev/null
	@cmake --build $(SANITIZE_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(SANITIZE_BUILD) && WHOSAID_DATA=$(DATA) \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE slow

fuzz: deps
	@JOBS=$(JOBS) bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BUILD)

bench: build
	@BASE="$(BASE)" BASE_REF="$(BASE_REF)" bash bench/run.sh $(BUILD) $(DATA)

clean:
	rm -rf $(BUILD)
