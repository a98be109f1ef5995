#!/usr/bin/env bash
# Set up (package, test tools, Debian's chromium for browser tests, PostgreSQL 15 server binaries
# for the store tests), lint, run the test suite. The tests start a throwaway PostgreSQL cluster
# on a free loopback port (scripts/pg_test_cluster.sh) and remove it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
bash scripts/install_browser.sh
bash scripts/pg_test_cluster.sh install || echo "test.sh: no PostgreSQL server; its tests will be skipped" >&2
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest "$@"
