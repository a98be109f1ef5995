"""Run one storylens command and print the CPU of this (the printing) process and of its workers.

Usage: PYTHONPATH=src python scripts/cli_cpu_split.py extract --jsonl IN.jsonl --workers 2 >OUT

With ``--workers`` the process that reads and prints caps the speed: its own CPU seconds
(RUSAGE_SELF) against the workers' (RUSAGE_CHILDREN) say how much work is left on it.
"""

from __future__ import annotations

import atexit
import resource
import sys
import time

STARTED = time.perf_counter()


def _report() -> None:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"printing process CPU {own.ru_utime + own.ru_stime:.2f} s, workers CPU "
        f"{workers.ru_utime + workers.ru_stime:.2f} s, wall {time.perf_counter() - STARTED:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    atexit.register(_report)
    from storylens.cli.main import main

    sys.argv = ["storylens", *sys.argv[1:]]
    main()
