#!/usr/bin/env bash
# Set up (package, test tools, Debian's chromium for browser tests), lint, run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
bash scripts/install_browser.sh
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest "$@"
