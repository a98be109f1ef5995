#!/usr/bin/env bash
# Set up, then run the main job on the bundled example pages: ingest, list stories, compare.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export STORYLENS_DB="${STORYLENS_DB:-demo.db}"
rm -f "$STORYLENS_DB" "$STORYLENS_DB-wal" "$STORYLENS_DB-shm"
.venv/bin/storylens ingest examples/pages
.venv/bin/storylens stories
story=$(.venv/bin/storylens stories --json | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
.venv/bin/storylens show "$story" --compare
echo
echo "Browse it: .venv/bin/storylens serve --db $STORYLENS_DB  (then open http://127.0.0.1:8000)"
