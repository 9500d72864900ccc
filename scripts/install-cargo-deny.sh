#!/usr/bin/env bash
# Installs the pinned cargo-deny from crates.io into target/tools (built from source with
# `cargo install --locked`; PROTOGATE_TOOLS_DIR overrides the place, e.g. a directory that
# survives between CI runs) and prints the path of its binary. Idempotent: a second run only
# prints the path.
set -euo pipefail
version="${CARGO_DENY_VERSION:-0.20.2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="${PROTOGATE_TOOLS_DIR:-${root}/target/tools}"
bin="${tools}/bin/cargo-deny"
if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "cargo-deny ${version}" ]; then
  # A separate target dir keeps the tool's build out of the project's incremental cache.
  CARGO_TARGET_DIR="${tools}/build" cargo install --locked --quiet --root "$tools" \
    --version "$version" cargo-deny >&2
  rm -rf "${tools}/build"
fi
"$bin" --version >/dev/null
echo "$bin"
