#!/usr/bin/env bash
# `make bench`: throughput of the whole pipeline and of its stages.
# Usage: bench/run.sh BUILD_DIR DATA_DIR
set -euo pipefail
build=${1:-build}
data=${2:-../shared/data}
corpus="$data/news-bench/articles.jsonl"
if [ ! -f "$corpus" ]; then
  echo "bench: $corpus not found; the benchmarks need ../shared/data (skipping)"
  exit 0
fi
echo "== whole pipeline (single thread) on news-bench"
"$build/bench/whosaid_bench_pipeline" "$corpus" --runs 3
echo
echo "== peers on this machine, same file (from ../shared/data/news-bench/README.md):"
echo "   wink-nlp 1.0 MB/s (tagging and NER only), compromise 0.07 MB/s, bare C++ tokenizer 200 MB/s"
if [ -x "$build/bench/whosaid_bench_tagger" ]; then
  echo
  echo "== tagger"
  "$build/bench/whosaid_bench_tagger" --benchmark_min_time=0.5
fi
echo; echo "== quote store: ingest end to end, search over >= 1M quotes"; "$build/bench/whosaid_bench_store" "$corpus" --runs 3
if ls "$build"/python/whosaid/_whosaid*.so >/dev/null 2>&1; then
  echo; echo "== Python module and Dask (bench/python_bench.py)"
  PYTHONPATH="$build/python" /usr/bin/python3 "$(dirname "$0")/python_bench.py" "$build/whosaid" "$corpus"
fi
