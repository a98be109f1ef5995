#!/usr/bin/env python3
"""Fuzz the readers and extractors for longer than the test suite does (issue 12).

Runs the targets of ``tests/fuzz_targets.py`` with Hypothesis for ``--seconds`` each (default
60), or, with ``--atheris`` when the atheris package is installed, with coverage-guided fuzzing
for the same time. A failing input is printed and saved under ``--out`` so it can become a test.

    PYTHONPATH=src python scripts/fuzz.py --seconds 300
    PYTHONPATH=src python scripts/fuzz.py --target read --atheris --seconds 600
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzz_targets import MARKUP, TARGETS, page_bytes  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--seconds", type=float, default=60.0, help="Per target.")
    parser.add_argument("--atheris", action="store_true", help="Coverage-guided (if installed).")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    names = list(TARGETS) if args.target == "all" else [args.target]
    if args.atheris:
        return run_atheris(names[0], args.seconds)
    failures = 0
    for name in names:
        failures += run_hypothesis(name, args.seconds, args.out)
    return 1 if failures else 0


def run_hypothesis(name: str, seconds: float, out: Path) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import HypothesisException

    target = TARGETS[name]
    data = page_bytes(8192, markup=MARKUP + "\x00")
    deadline = time.monotonic() + seconds
    examples = 0
    failing: list[bytes] = []

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(data)
    def check(sample: bytes) -> None:
        nonlocal examples
        if time.monotonic() > deadline:
            raise _TimeUp
        examples += 1
        try:
            target(sample)
        except Exception:
            failing.append(sample)
            raise

    try:
        check()
    except _TimeUp:
        pass
    except (Exception, HypothesisException):
        traceback.print_exc()
    status = "FAILED" if failing else "ok"
    print(f"{name}: {examples} inputs in {seconds:.0f} s: {status}", flush=True)
    if failing:
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{name}-{int(time.time())}.bin"
        path.write_bytes(failing[-1])
        print(f"  smallest failing input saved to {path}")
    return 1 if failing else 0


class _TimeUp(BaseException):
    """Stops Hypothesis when the time budget is spent (not a failure)."""


def run_atheris(name: str, seconds: float) -> int:
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        print("atheris is not installed (pip install atheris); use the Hypothesis mode")
        return 2
    target = TARGETS[name]
    sys.argv = [sys.argv[0], f"-max_total_time={int(seconds)}"]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
