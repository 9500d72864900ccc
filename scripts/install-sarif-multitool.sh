#!/usr/bin/env bash
# Installs Microsoft's SARIF multitool (the reference SARIF validator) from the npm registry into
# target/sarif-multitool and prints the path of its launcher. Idempotent. The npm package wraps
# a .NET program: where no .NET runtime is available `validate` cannot run, and the tests fall
# back to the SARIF 2.1.0 JSON schema (shipped in the serde-sarif crate).
set -euo pipefail
version="${SARIF_MULTITOOL_VERSION:-5.7.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${root}/target/sarif-multitool/${version}"
bin="${cache}/node_modules/.bin/sarif-multitool"
if [ ! -x "$bin" ]; then
  mkdir -p "$cache"
  npm install --silent --no-audit --no-fund --prefix "$cache" "@microsoft/sarif-multitool@${version}" >&2
fi
echo "$bin"
