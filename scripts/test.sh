#!/usr/bin/env bash
# Runs every test of the workspace: unit, integration, snapshot, differential (pinned buf from
# the npm registry), and the reference server's end-to-end tests (grpcurl from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-buf.sh >/dev/null
cargo test --locked --workspace --all-targets
