#!/usr/bin/env bash
# Load test of `whosaid serve` (ctest label "slow"): over the web fixtures, wrk
# with 50 connections on /api/search, then 64 connections mixing search and
# extract while 8 slowloris clients trickle headers. Fails on any socket error
# or non-2xx response; prints requests/s and p99 for the record.
#   tests/load/run.sh WHOSAID_BINARY BUILD_DIR [SECONDS]
set -euo pipefail
bin=$1; out=$2/load; secs=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "wrk not installed (scripts/install-deps.sh)"; exit 1; }
mkdir -p "$out"; rm -f "$out/load.db"
"$bin" ingest --db "$out/load.db" -q "$here/../fixtures/web/articles.jsonl"
"$bin" serve --db "$out/load.db" --port 0 -q > "$out/serve.out" 2> "$out/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$out/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out/serve.out")
port=${url##*:}; port=${port%/}

check() {  # wrk output → fails on errors
  echo "$1" | grep -E "Requests/sec|99%"
  if echo "$1" | grep -qE "Non-2xx|Socket errors"; then echo "$1"; echo "FAIL: errors"; exit 1; fi
}
check "$(wrk -t2 -c50 -d"${secs}s" --latency -s "$here/search.lua" "$url")"
python3 "$here/slowloris.py" "$port" 8 $((secs + 2)) 4 &
slow=$!
sleep 1
check "$(wrk -t2 -c64 -d"${secs}s" --latency -s "$here/mixed.lua" "$url")"
wait $slow
echo "PASS"
