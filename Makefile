# whosaid — top-level entry points. See README.md.
#   make run     install deps, build Release, extract quotes from the bundled sample
#   make test    install deps, build, run the whole test suite (ctest)
#   make build   build only; binary at build/whosaid
#   make bench   whole-pipeline throughput on ../shared/data/news-bench
#   make python  the Python module; PYTHONPATH=build/python (docs/python.md)

BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DATA       ?= $(abspath ../shared/data)

.PHONY: all deps configure build run test bench clean python

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DWHOSAID_TESTS=ON -DWHOSAID_BENCH=ON -DWHOSAID_PYTHON=ON >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

run: build
	@$(BUILD)/whosaid extract --format table examples/parliament.txt

test: build
	@cd $(BUILD) && WHOSAID_DATA=$(DATA) ctest --output-on-failure -j $(JOBS)

python: configure
	@cmake --build $(BUILD) -j $(JOBS) --target python -- --no-print-directory

bench: build
	@bash bench/run.sh $(BUILD) $(DATA)

clean:
	rm -rf $(BUILD)
