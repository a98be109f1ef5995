"""CPU time per article of each stage of a real ``storylens ingest`` (issue 10's speed work).

    PYTHONPATH=src python scripts/ingest_stage_cpu.py /tmp/x.db stories-dev.jsonl [WORKERS]
    STORYLENS_FOLD_FACTS=0 PYTHONPATH=src python scripts/ingest_stage_cpu.py /tmp/x.db ...

Runs ``storylens ingest --db DB INPUT --workers N`` (default 2) in this process through
:func:`storylens.bench.ingest_speed.measure_ingest` (the ``ingest_throughput`` figure of
``storylens bench scale``) and prints its figures as JSON. The database file is replaced.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from storylens.bench.ingest_speed import measure_ingest

if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    print(json.dumps(measure_ingest(Path(sys.argv[2]), Path(sys.argv[1]), workers), indent=2))
