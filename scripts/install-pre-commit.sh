#!/usr/bin/env bash
# Installs pre-commit from PyPI into a virtual environment under target/pre-commit-venv and
# prints the path of its executable. Idempotent: a second run only prints the path.
set -euo pipefail
version="${PRE_COMMIT_VERSION:-4.3.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${root}/target/pre-commit-venv/${version}"
bin="${venv}/bin/pre-commit"
if [ ! -x "$bin" ] || [ "$("$bin" --version 2>/dev/null)" != "pre-commit ${version}" ]; then
  python3 -m venv "$venv" >&2
  "${venv}/bin/pip" install --quiet --disable-pip-version-check "pre-commit==${version}" >&2
fi
echo "$bin"
