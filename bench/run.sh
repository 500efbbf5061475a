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
if [ -x "$build/bench/whosaid_bench_parser" ]; then
  echo
  echo "== dependency parser (parse only, tags given; one core)"
  "$build/bench/whosaid_bench_parser" --benchmark_min_time=0.5 --benchmark_filter=ParseWords \
    | awk '/BM_ParseWords/ {for (i = 1; i <= NF; i++) if ($i ~ /tokens\/s=/) {sub("tokens/s=", "", $i); sub("/s$", "", $i); print "parser: " $i " tokens/s on one core (target >= 250k)"}} {print}'
fi
echo; echo "== quote store: ingest end to end, search over >= 1M quotes"; "$build/bench/whosaid_bench_store" "$corpus" --runs 3
if ls "$build"/python/whosaid/_whosaid*.so >/dev/null 2>&1; then
  echo; echo "== Python module and Dask (bench/python_bench.py)"
  PYTHONPATH="$build/python" /usr/bin/python3 "$(dirname "$0")/python_bench.py" "$build/whosaid" "$corpus"
fi

# ---- whosaid serve: wrk load test of /api/search over >= 1M quotes.
# The database is built once with `whosaid ingest` from news-bench copies with
# changed ids, outlets and dates (cached as BUILD/bench-serve/news-1m.db; delete
# it to rebuild), then the server runs on a free loopback port for 30 s of wrk
# with 4 connections, once for each query mix of bench/serve_search.lua.
# Target: p99 <= 50 ms, 0 errors (a response slower than 10 s counts as one).
echo
echo "== whosaid serve: 30 s of /api/search, 4 connections (wrk), database of >= 1M quotes"
if ! command -v wrk >/dev/null; then
  echo "serve bench: wrk is missing (scripts/install-deps.sh installs it); skipping"
  exit 0
fi
serve_dir="$build/bench-serve"
serve_db="$serve_dir/news-1m.db"
mkdir -p "$serve_dir"
serve_quotes() { sqlite3 "file:$1?mode=ro" "SELECT count(*) FROM quotes" 2>/dev/null || echo 0; }
if [ ! -f "$serve_db" ] || [ "$(serve_quotes "$serve_db")" -lt 1000000 ]; then
  rm -f "$serve_db" "$serve_db-wal" "$serve_db-shm"
  per_copy_db="$serve_dir/one-copy.db"
  rm -f "$per_copy_db"*
  "$build/whosaid" ingest --db "$per_copy_db" --quiet "$corpus"
  per_copy=$(serve_quotes "$per_copy_db")
  rm -f "$per_copy_db"*
  copies=$(( (1000000 + per_copy - 1) / per_copy + 1 ))
  echo "building $serve_db: $copies copies of news-bench ($per_copy quotes each) through whosaid ingest"
  python3 - "$corpus" "$copies" <<'PY' | "$build/whosaid" ingest --db "$serve_db" --no-progress -
import json, sys, datetime
corpus, copies = sys.argv[1], int(sys.argv[2])
records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
outlets = ["BBC", "Herald", "Stuff", "Radio NZ", "Guardian", "Press", "Post", "Times"]
start = datetime.date(2004, 1, 1)
out = sys.stdout
for k in range(copies):
    for i, r in enumerate(records):
        day = start + datetime.timedelta(days=(k * 53 + i * 3) % 4380)  # 2004-2015
        out.write(json.dumps({"id": f"copy{k}/{r['id']}", "outlet": outlets[(i + k) % len(outlets)],
                              "date": day.isoformat(), "title": r["text"].split("\n", 1)[0][:120],
                              "text": r["text"]}, ensure_ascii=False) + "\n")
PY
fi
echo "database: $(serve_quotes "$serve_db") quotes, $(du -hL "$serve_db" | cut -f1)"
serve_out="$serve_dir/serve.out"
"$build/whosaid" serve --db "$serve_db" --port 0 --quiet >"$serve_out" 2>"$serve_dir/serve.err" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$serve_out" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve bench: the server did not start"; cat "$serve_dir/serve.err"; exit 1; }
# The first pass over an 870 MB database that is not in the OS page cache
# measures the disk, not the server (p99 ~290 ms cold vs ~40 ms warm on this
# machine), so 10 s of the same mix warm the cache first and are not reported.
echo "-- warm-up: 10 s of the full query mix (not reported)"
WHOSAID_MIX=all wrk -t 2 -c 4 -d 10s --timeout 10s -s "$(dirname "$0")/serve_search.lua" "$url" >/dev/null
for mix in all text; do
  echo "-- query mix: $mix (bench/serve_search.lua)"
  WHOSAID_MIX=$mix wrk -t 2 -c 4 -d 30s --timeout 10s --latency -s "$(dirname "$0")/serve_search.lua" "$url" \
    | tee "$serve_dir/wrk-$mix.txt"
done
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
trap - EXIT
for mix in all text; do
  p99=$(awk '$1 == "99%" {print $2}' "$serve_dir/wrk-$mix.txt")
  errors=$(awk '/Non-2xx|Socket errors/' "$serve_dir/wrk-$mix.txt" | tr -s ' ')
  echo "serve /api/search, mix $mix: p99 $p99 (target <= 50 ms);${errors:- 0 errors}"
done
