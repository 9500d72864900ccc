#!/usr/bin/env bash
# Installs the pinned buf (the differential oracle) from the npm registry into target/buf-cache
# and prints the path of its binary. Idempotent: a second run only prints the path.
set -euo pipefail
version="${BUF_VERSION:-1.75.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${root}/target/buf-cache/${version}"
bin="${cache}/node_modules/.bin/buf"
if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "$version" ]; then
  mkdir -p "$cache"
  npm install --silent --no-audit --no-fund --prefix "$cache" "@bufbuild/buf@${version}" >&2
fi
"$bin" --version >/dev/null
echo "$bin"
