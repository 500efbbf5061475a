#!/usr/bin/env bash
# scripts/install-deps.sh names every Debian package the test suite needs on a
# clean Debian 12 (issue 15 point 15): the browser test's node, npm and
# chromium, the load test's wrk, WordNet, the Python module's packages, the
# fuzzers' clang. Fails naming what is missing from `install-deps.sh --list`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
listed=$(bash "$here/../scripts/install-deps.sh" --list)
needed=(nodejs npm chromium wrk wordnet-base sqlite3 python3-pytest python3-dask pybind11-dev clang-14
        libgtest-dev libbenchmark-dev)
status=0
for p in "${needed[@]}"; do
  if ! grep -qx "$p" <<<"$listed"; then
    echo "install-deps.sh --list does not name $p" >&2
    status=1
  fi
done
exit $status
