#!/usr/bin/env bash
# Regenerates tests/golden/*.quotes.jsonl from the current build; review the diff
# (git diff tests/golden) before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target golden_test >/dev/null
WHOSAID_UPDATE_GOLDEN=1 "$build/tests/golden_test" >/dev/null
git --no-pager diff --stat -- tests/golden
