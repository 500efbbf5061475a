#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang in BUILD_DIR and runs each for
# SECONDS seconds, starting from the seeds in fuzz/corpus/<target>/. Fails on the
# first crash, hang, sanitizer report or broken invariant, naming the input kept.
#
#   scripts/fuzz.sh [SECONDS] [BUILD_DIR] [TARGET…]      (make fuzz FUZZ_SECONDS=N)
#
# New inputs the fuzzer finds go to BUILD_DIR/corpus/<target>/ (not the repo);
# crashing inputs to BUILD_DIR/artifacts/. To keep a crasher as a regression
# seed, copy it into fuzz/corpus/<target>/ with a name saying what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
BUILD_DIR=${2:-build-fuzz}
shift $(( $# > 2 ? 2 : $# ))
JOBS=${JOBS:-2}
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in fuzz/*_fuzzer.cc; do t=$(basename "$f" _fuzzer.cc); TARGETS+=("$t"); done
fi

CLANG=${CLANG:-clang-14}
CLANGXX=${CLANGXX:-clang++-14}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Debug -DWHOSAID_FUZZ=ON \
  -DCMAKE_C_COMPILER="$CLANG" -DCMAKE_CXX_COMPILER="$CLANGXX" >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS" --target fuzzers -- --no-print-directory >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

mkdir -p "$BUILD_DIR/artifacts"
# Runs one target; its verdict goes to $BUILD_DIR/artifacts/$t.verdict.
run_target() {
  local t=$1 bin="$BUILD_DIR/fuzz/${1}_fuzzer" work="$BUILD_DIR/corpus/$1" log="$BUILD_DIR/artifacts/$1.log"
  mkdir -p "$work"
  if "$bin" "$work" "fuzz/corpus/$t" -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=3072 \
       -artifact_prefix="$BUILD_DIR/artifacts/$t-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    printf 'fuzz: %-16s %ss ok (%s runs)\n' "$t" "$SECONDS_EACH" "${runs:-?}"
    echo ok >"$BUILD_DIR/artifacts/$t.verdict"
  else
    printf 'fuzz: %-16s %ss FAILED\n' "$t" "$SECONDS_EACH"
    grep -E "INVARIANT|ERROR:|runtime error|SUMMARY|Test unit written|timeout" "$log" | head -20 || true
    echo "  full log: $log"
    echo failed >"$BUILD_DIR/artifacts/$t.verdict"
  fi
}

# JOBS targets at a time (one core each: libFuzzer runs one process per target).
ran=0
for t in "${TARGETS[@]}"; do
  rm -f "$BUILD_DIR/artifacts/$t.verdict"
  if [ ! -x "$BUILD_DIR/fuzz/${t}_fuzzer" ]; then echo "fuzz: $t not built (its sources are absent), skipped"; continue; fi
  ran=$((ran + 1))
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  run_target "$t" &
done
wait
failed=()
for t in "${TARGETS[@]}"; do
  if [ "$(cat "$BUILD_DIR/artifacts/$t.verdict" 2>/dev/null)" = failed ]; then failed+=("$t"); fi
done
echo "fuzz: $((ran - ${#failed[@]})) passed, ${#failed[@]} failed"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
