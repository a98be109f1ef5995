"""How fast the command line starts: ``storylens --help`` and ``storylens stories`` against a
bare ``python -c pass``, each run in a fresh process the way a user's shell runs it. Times are
CPU time (user + system) of that process, medians: wall-clock times of 20-200 ms swing by a
factor of two or more on a shared machine, CPU time much less.

The target of issue 14 is under 8x a bare Python start. ``stories`` runs on a store of the
synthetic newsroom (300 articles) built once before timing.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ENTRY = "from storylens.cli.main import main; main()"
"""What the installed ``storylens`` script runs."""


def run_cli_bench(runs: int = 10) -> dict[str, Any]:
    from storylens.bench.synthetic import newsroom_feed
    from storylens.ingest import read_jsonl_lines
    from storylens.pipeline import ingest_items
    from storylens.store import Store

    with tempfile.TemporaryDirectory(prefix="storylens-bench-cli-") as tmp:
        db = Path(tmp) / "newsroom.db"
        with Store(db) as store:
            lines = [json.dumps(r) for r in newsroom_feed()]
            ingest_items(store, read_jsonl_lines(lines, "feed.jsonl", limit=10_000_000))
        commands = {
            "bare": [sys.executable, "-c", "pass"],
            "help": [sys.executable, "-c", ENTRY, "--help"],
            "stories": [sys.executable, "-c", ENTRY, "stories", "--db", str(db)],
        }
        as_is = {name: _median(cmd, runs, os.environ) for name, cmd in commands.items()}
        cached_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        cached = {name: _median(cmd, runs, cached_env) for name, cmd in commands.items()}
    return {
        "runs": runs,
        "this_environment": _report(as_is, _bytecode_note()),
        "bytecode_cached": _report(cached, "on (as after pip install)"),
    }


def _bytecode_note() -> str:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "off: PYTHONDONTWRITEBYTECODE is set, every start compiles storylens"
    return "on"


def _report(times: dict[str, float], bytecode: str) -> dict[str, Any]:
    bare = times["bare"]
    return {
        "bytecode_cache": bytecode,
        "python_bare_ms": _ms(bare),
        "help_ms": _ms(times["help"]),
        "help_x_bare": round(times["help"] / bare, 1),
        "stories_ms": _ms(times["stories"]),
        "stories_x_bare": round(times["stories"] / bare, 1),
    }


def _median(command: list[str], runs: int, env: Any) -> float:
    """Median CPU time (user + system) of the command's process: unlike wall-clock time it
    hardly moves when other work shares the machine."""
    timings = []
    for _ in range(runs + 1):  # the first run warms the caches and is dropped
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(env))  # fmt: skip
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timings.append(
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        )
    return statistics.median(timings[1:])


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)
