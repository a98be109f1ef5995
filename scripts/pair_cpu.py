"""CPU per pairwise comparison of the bench's same-story pair, two source trees A/B in one process.

    PYTHONPATH=src python scripts/pair_cpu.py ../shared/bench/stories-dev.jsonl \
        /work/main/src src [--rounds 5] [--runs 20]

Loads ``storylens`` from each given ``src`` folder under its own module set (swapped into
``sys.modules`` before each tree runs, so lazy imports find their own tree), warms each up, then
alternates rounds of ``--runs`` calls of ``compare_articles`` on the pair ``storylens bench
compare --part speed`` times (``pair_same_story_*``: the two articles of one event closest to 800
words each). Prints every tree's comparisons per CPU second per round and the best, with the load
average: the machine is shared, so the best round is the least disturbed one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType


def _load_tree(src: str) -> tuple[dict[str, ModuleType], object, object]:
    """Import storylens from ``src``; its modules, ``compare_articles`` and ``Article``."""
    for name in [m for m in sys.modules if m == "storylens" or m.startswith("storylens.")]:
        del sys.modules[name]
    sys.path.insert(0, str(Path(src).resolve()))
    try:
        from storylens.compare import compare_articles
        from storylens.models import Article
    finally:
        sys.path.pop(0)
    modules = {m: mod for m, mod in sys.modules.items() if m.split(".")[0] == "storylens"}
    return modules, compare_articles, Article


def _activate(modules: dict[str, ModuleType]) -> None:
    for name in [m for m in sys.modules if m == "storylens" or m.startswith("storylens.")]:
        del sys.modules[name]
    sys.modules.update(modules)


def _same_story_pair(path: str) -> list[dict[str, str]]:
    """The bench's pair: per event its two articles closest to 800 words, the closest such pair."""
    clusters: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["text"].strip():
            clusters[row["cluster"]].append(row)

    def distance(row: dict[str, str]) -> int:
        return abs(len(row["text"].split()) - 800)

    pairs = (sorted(rows, key=distance)[:2] for rows in clusters.values() if len(rows) > 1)
    return min(pairs, key=lambda pair: sum(map(distance, pair)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    rows = _same_story_pair(args.data)
    print("pair:", [r["id"] for r in rows], [len(r["text"].split()) for r in rows])
    trees = []
    for src in args.trees:
        modules, compare, article = _load_tree(src)
        pair = [article(id=r["id"], origin=r["id"], title=r.get("title") or "", body=r["text"])
                for r in rows]  # fmt: skip
        trees.append((src, modules, compare, pair))
    rates: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        for src, modules, compare, pair in trees:
            _activate(modules)
            compare(pair)  # warm (models, word caches)
            started = time.process_time()
            for _ in range(args.runs):
                compare(pair)
            rates[src].append(args.runs / (time.process_time() - started))
    for src, values in rates.items():
        rounds = " ".join(f"{v:.1f}" for v in values)
        print(f"{src}: best {max(values):.1f}/CPU-s  rounds {rounds}")
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
