#!/usr/bin/env bash
# Installs the Debian packages whosaid needs to build and test, and only those
# that are missing. Safe to run repeatedly; `make` calls it before building.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev sqlite3 libgumbo-dev zlib1g-dev
  libcpp-httplib-dev libmicrohttpd-dev   # server: libmicrohttpd; httplib: the test client
  wordnet-base   # WordNet 3.0: whosaid train wordnet, and the test that data/wordnet.tsv rebuilds
  chromium wrk
  python3 python3-dev pybind11-dev python3-pybind11 python3-pytest
  python3-dask python3-distributed python3-pandas python3-setuptools python3-pip python3-wheel  # Python module, Dask
  clang-14 libclang-rt-14-dev llvm-14   # make fuzz: libFuzzer, sanitizers, llvm-symbolizer
)
# node and npm: the browser test (tests/e2e/run.sh: npm ci from its lock file,
# then node's test runner). Debian's nodejs and npm, unless both commands are
# already there (NodeSource's nodejs brings its own npm and conflicts with
# Debian's npm package).
NODE_PACKAGES=(nodejs npm)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${PACKAGES[@]}" "${NODE_PACKAGES[@]}"; exit 0; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
