#!/usr/bin/env bash
# `make bench`: throughput of the whole pipeline and of its stages.
# Usage: bench/run.sh BUILD_DIR DATA_DIR
# Environment:
#   BASE=/path/to/old/whosaid   also run that binary, alternately with BUILD_DIR/whosaid,
#                               over the same file and print both figures and their ratio
#   BASE_REF=f70df6e            without BASE: build that commit's whosaid (Release, from
#                               `git archive`, cached as BUILD_DIR/base/whosaid-<hash>) and
#                               use it as BASE
#   BENCH_CLI_RUNS=3            runs of each binary in that comparison
#   BENCH_NO_WINK=1             skip the wink-nlp peer (it needs node and npm ci)
set -euo pipefail
build=${1:-build}
data=${2:-../shared/data}
here=$(cd "$(dirname "$0")" && pwd)
corpus="$data/news-bench/articles.jsonl"
if [ ! -f "$corpus" ]; then
  echo "bench: $corpus not found; the benchmarks need ../shared/data (skipping)"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whosaid-bench.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

# ---- 1. The pipeline in process: MB/s and articles/s (wall and CPU), peak RSS,
# allocations per article, each stage's share (bench/pipeline_throughput.cc).
echo "== whole pipeline (single thread) on news-bench"
"$build/bench/whosaid_bench_pipeline" "$corpus" --runs 3 | tee "$tmp/pipeline.txt"
# "extraction, 1 thread, CPU  (median of 3 runs): 2.01 s = 2.51 MB/s, ..." -> 2.51
pipeline_figure() { awk -v what="$1" '$0 ~ "^extraction, 1 thread, " what {for (i = 1; i < NF; i++) if ($(i + 1) == "MB/s,") {print $i; exit}}' "$tmp/pipeline.txt"; }
whosaid_cpu_mbs=$(pipeline_figure CPU)
whosaid_wall_mbs=$(pipeline_figure wall)

# ---- 2. The command line, process level (model load, JSONL in, JSON out):
# `whosaid extract --jsonl -f jsonl` over the same file under /usr/bin/time, and
# with BASE=/path/to/old/whosaid the old binary too, the two alternated run by
# run so that both see the same load. MB are the articles' text bytes.
echo
echo "== whosaid extract --jsonl -f jsonl on news-bench, process level (/usr/bin/time)"
text_mb=$(python3 -c 'import json, sys; print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1], encoding="utf-8") if l.strip()) / 1e6)' "$corpus")
runs=${BENCH_CLI_RUNS:-3}
base=${BASE:-}
if [ -z "$base" ] && [ -n "${BASE_REF:-}" ]; then
  if ! ref=$(git -C "$here/.." rev-parse --short "${BASE_REF}^{commit}" 2>/dev/null); then
    echo "comparison: skipped: BASE_REF=$BASE_REF is not a commit of this repository"
  else
    base="$build/base/whosaid-$ref"
    if [ ! -x "$base" ]; then
      echo "building $BASE_REF ($ref) into $base (once; git archive, cmake Release, target whosaid)"
      mkdir -p "$build/base"
      src="$build/base/src-$ref"
      rm -rf "$src" && mkdir -p "$src"
      if git -C "$here/.." archive "$ref" | tar -x -C "$src" &&
         cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release >"$src/cmake.log" 2>&1 &&
         cmake --build "$src/build" -j "$(nproc)" --target whosaid >>"$src/cmake.log" 2>&1; then
        cp "$src/build/whosaid" "$base"
        rm -rf "$src"
      else
        echo "comparison: skipped: building $BASE_REF failed (log: $src/cmake.log)"
        base=""
      fi
    fi
  fi
fi
if [ -n "$base" ] && [ ! -x "$base" ]; then
  echo "comparison: skipped: BASE=$base is not an executable file"
  base=""
fi
binaries=("$build/whosaid")
labels=(new)
[ -n "$base" ] && { binaries+=("$base"); labels+=(base); }
have_time=1
[ -x /usr/bin/time ] || { have_time=0; echo "process level: skipped: /usr/bin/time is missing (Debian package: time)"; }
if [ "$have_time" = 1 ]; then
  failed=""
  for r in $(seq "$runs"); do
    for k in "${!binaries[@]}"; do
      # elapsed s, user s, system s, peak RSS KiB
      status=0
      /usr/bin/time -f '%e %U %S %M' -o "$tmp/time-${labels[$k]}-$r" \
        "${binaries[$k]}" extract --jsonl -f jsonl "$corpus" >/dev/null 2>"$tmp/extract.err" || status=$?
      if [ "$status" != 0 ]; then
        why="${binaries[$k]} extract --jsonl -f jsonl $corpus exited with status $status: $(tail -1 "$tmp/extract.err")"
        if [ "${labels[$k]}" = base ]; then  # go on without it
          echo "comparison: skipped: $why"
          base=""
          binaries=("${binaries[0]}")
          labels=("${labels[0]}")
        else
          failed=$why
          break 2
        fi
      fi
    done
  done
fi
if [ "$have_time" = 1 ] && [ -n "$failed" ]; then
  echo "process level: skipped: $failed"
elif [ "$have_time" = 1 ]; then
  # Median of the runs: wall, user, sys, user+sys, peak RSS.
  summarise() {
    cat "$tmp"/time-"$1"-* | awk -v mb="$text_mb" '
      { wall[NR] = $1; user[NR] = $2; sys[NR] = $3; cpu[NR] = $2 + $3; rss[NR] = $4 }
      function median(a, n,   i, j, t) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return a[int((n + 1) / 2)]
      }
      END { n = NR; w = median(wall, n); u = median(user, n); s = median(sys, n); c = median(cpu, n); m = median(rss, n)
            printf "%.3f %.3f %.3f %.3f %.1f %.3f %.3f\n", w, u, s, c, m / 1024, mb / c, mb / w }'
  }
  declare -A cpu_mbs wall_mbs
  for k in "${!labels[@]}"; do
    read -r w u s c m cmbs wmbs <<<"$(summarise "${labels[$k]}")"
    cpu_mbs[${labels[$k]}]=$cmbs
    wall_mbs[${labels[$k]}]=$wmbs
    printf '%-4s %s: %.2f MB per CPU-second (user+sys %.2f s: user %.2f, sys %.2f), %.2f MB/s wall (%.2f s), peak RSS %.0f MB; median of %s runs\n' \
      "${labels[$k]}" "${binaries[$k]}" "$cmbs" "$c" "$u" "$s" "$wmbs" "$w" "$m" "$runs"
  done
  if [ -n "$base" ]; then
    awk -v n="${cpu_mbs[new]}" -v b="${cpu_mbs[base]}" -v nw="${wall_mbs[new]}" -v bw="${wall_mbs[base]}" \
      'BEGIN { printf "new/base: %.2fx MB per CPU-second, %.2fx wall (runs alternated: new, base, new, base, ...)\n", n / b, nw / bw }'
  elif [ -z "${BASE:-}" ] && [ -z "${BASE_REF:-}" ]; then
    echo "comparison: skipped: no BASE (make bench BASE=/path/to/old/whosaid, or BASE_REF=<commit>, runs it side by side)"
  fi
fi

# ---- 3. The peer: wink-nlp (tagging and named entities only) on the same texts,
# in process like section 1 (bench/wink/wink_bench.mjs). Its packages are
# installed into bench/wink/node_modules with `npm ci` from the lock file the
# first time (and again when the lock file changes).
echo
echo "== peer on this machine, same texts: wink-nlp (sentences, POS tags, entities), in process"
wink_dir="$here/wink"
wink_skip=""
if [ -n "${BENCH_NO_WINK:-}" ]; then
  wink_skip="BENCH_NO_WINK is set"
elif ! command -v node >/dev/null; then
  wink_skip="node is not installed (scripts/install-deps.sh installs nodejs and npm)"
elif [ ! -f "$wink_dir/node_modules/wink-nlp/package.json" ] ||
     [ ! -f "$wink_dir/node_modules/wink-eng-lite-web-model/package.json" ] ||
     [ "$wink_dir/package-lock.json" -nt "$wink_dir/node_modules/.package-lock.json" ]; then
  if ! command -v npm >/dev/null; then
    wink_skip="npm is not installed, so wink-nlp cannot be installed (scripts/install-deps.sh installs it)"
  else
    echo "npm ci in bench/wink (wink-nlp, wink-eng-lite-web-model, pinned in package-lock.json)"
    if ! (cd "$wink_dir" && npm ci --no-audit --no-fund --loglevel=error) >"$tmp/npm.log" 2>&1; then
      wink_skip="npm ci in bench/wink failed (no registry?): $(tail -1 "$tmp/npm.log")"
    fi
  fi
fi
if [ -n "$wink_skip" ]; then
  echo "wink-nlp: skipped: $wink_skip"
else
  # Tagging and entities only (the figure whosaid is held to), then wink-nlp's
  # default pipe (which adds negation, sentiment and custom entities).
  for pipe in sbd,pos,ner default; do
    if ! node "$wink_dir/wink_bench.mjs" "$corpus" --runs 3 --pipe "$pipe" >"$tmp/wink.txt" 2>"$tmp/wink.err"; then
      echo "wink-nlp: skipped: the wink bench failed: $(tail -1 "$tmp/wink.err")"
      break
    fi
    cat "$tmp/wink.txt"
    wink_field() { awk -v key="$1" '{for (i = 1; i < NF; i++) if ($i == key) {v = $(i + 1); sub(",", "", v); print v}}' "$tmp/wink.txt"; }
    awk -v pipe="$(wink_field pipe)" -v wc="$(wink_field cpu_MB_s)" -v ww="$(wink_field wall_MB_s)" \
        -v sc="$whosaid_cpu_mbs" -v sw="$whosaid_wall_mbs" 'BEGIN {
      if (wc > 0 && ww > 0 && sc > 0)
        printf "whosaid (whole pipeline, section 1: %.2f MB/s CPU, %.2f wall) / wink-nlp (pipe %s: %.2f MB/s CPU, %.2f wall): %.2fx CPU, %.2fx wall\n",
               sc, sw, pipe, wc, ww, sc / wc, sw / ww }'
  done
fi
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
echo; echo "== quote store: ingest end to end (1 and 2 threads), search over >= 1M quotes"; "$build/bench/whosaid_bench_store" "$corpus" --runs 3
if ls "$build"/python/whosaid/_whosaid*.so >/dev/null 2>&1; then
  echo; echo "== Python module and Dask (bench/python_bench.py)"
  PYTHONPATH="$build/python" /usr/bin/python3 "$(dirname "$0")/python_bench.py" "$build/whosaid" "$corpus"
fi

# ---- whosaid serve: wrk load test of /api/search over >= 1M quotes.
# The database is built once with `whosaid ingest` from news-bench copies with
# changed ids, outlets and dates (cached as BUILD/bench-serve/news-1m.db; delete
# it to rebuild), then the server runs on a free loopback port for 30 s of wrk
# with 4 connections, once for each query mix of bench/serve_search.lua.
# bench/serve_per_query.py says which queries of the mix are slow.
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
# `serve` opens the database read-only and refuses an older schema: a cached
# database built by an older whosaid is migrated by an ingest of nothing.
: | "$build/whosaid" ingest --db "$serve_db" --quiet -
echo "database: $(serve_quotes "$serve_db") quotes, $(du -hL "$serve_db" | cut -f1)"
serve_out="$serve_dir/serve.out"
"$build/whosaid" serve --db "$serve_db" --port 0 --quiet >"$serve_out" 2>"$serve_dir/serve.err" &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true; cleanup' EXIT
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
trap cleanup EXIT
for mix in all text; do
  p99=$(awk '$1 == "99%" {print $2}' "$serve_dir/wrk-$mix.txt")
  errors=$(awk '/Non-2xx|Socket errors/' "$serve_dir/wrk-$mix.txt" | tr -s ' ')
  echo "serve /api/search, mix $mix: p99 $p99 (target <= 50 ms);${errors:- 0 errors}"
done
