#!/usr/bin/env bash
# End-to-end browser tests of `whosaid serve`, run by ctest (tests/CMakeLists.txt).
# Usage: tests/e2e/run.sh WHOSAID_BINARY BUILD_DIR
#
# Installs playwright-core from package-lock.json with `npm ci` into BUILD_DIR/e2e
# (again only when the lock file changed), ingests tests/fixtures/web into a fresh
# database, and runs browser.test.mjs with node's test runner. The browser is
# Debian's /usr/bin/chromium (scripts/install-deps.sh installs it); playwright
# never downloads one. Screenshots: BUILD_DIR/e2e-screenshots/*.png.
set -euo pipefail
binary=$(realpath "$1")
build=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
work="$build/e2e"
shots="$build/e2e-screenshots"

if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: /usr/bin/chromium is missing; run scripts/install-deps.sh (make test does)" >&2
  exit 1
fi
command -v npm >/dev/null || { echo "e2e: npm is missing (Debian: nodejs, npm)" >&2; exit 1; }

mkdir -p "$work" "$shots"
cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$work/"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.whosaid-lock" 2>/dev/null; then
  echo "e2e: npm ci (playwright-core, pinned in tests/e2e/package-lock.json)"
  (cd "$work" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node_modules/.whosaid-lock"
fi

rm -f "$work/web.db" "$work/web.db-wal" "$work/web.db-shm"
"$binary" ingest --db "$work/web.db" --quiet "$source_dir/tests/fixtures/web/articles.jsonl"

cd "$work"
WHOSAID_BINARY="$binary" WHOSAID_DB="$work/web.db" WHOSAID_SCREENSHOTS="$shots" \
  node --test --test-reporter=spec --test-timeout=120000 --test-concurrency=1 ./*.test.mjs
