#!/usr/bin/env bash
# Runs every test: unit, integration, snapshot and differential (pinned buf from npm).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-buf.sh >/dev/null
cargo test --locked --all-targets
