"""CPU per pairwise comparison of the bench's same-story pair, two source trees A/B in one process.

    PYTHONPATH=src python scripts/pair_cpu.py ../shared/bench/stories-dev.jsonl \
        /work/main/src src [--rounds 5] [--runs 20]

Loads ``storylens`` from each given ``src`` folder under its own module set (swapped into
``sys.modules`` before each tree runs, so lazy imports find their own tree), warms each up, then
alternates rounds of ``--runs`` calls of ``compare_articles`` on the pair ``storylens bench
compare --part speed`` times (``pair_same_story_*``: the two articles of one event closest to 800
words each). Prints every tree's comparisons per CPU second per round and the best, with the load
average: the machine is shared, so the best round is the least disturbed one.

With ``--distinct``, each round instead compares a new slice of stories-dev's same-event pairs
(per event, articles sorted by id, consecutive pairs), the same slice in every tree, each pair
once: per-word caches then warm up as they would over a real batch, not on one pair again and
again. Prints CPU ms per comparison per tree, summed over all rounds.
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


def _event_pairs(path: str) -> list[list[dict[str, str]]]:
    events: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["text"].strip():
            events[row["cluster"]].append(row)
    pairs = []
    for event in sorted(events):
        rows = sorted(events[event], key=lambda r: r["id"])
        pairs.extend([rows[k], rows[k + 1]] for k in range(len(rows) - 1))
    return pairs


def _distinct(args: argparse.Namespace) -> None:
    pairs = _event_pairs(args.data)
    size = len(pairs) // args.rounds
    trees = [(src, *_load_tree(src)) for src in args.trees]
    spent: dict[str, float] = defaultdict(float)
    for r in range(args.rounds):
        chunk = pairs[r * size : (r + 1) * size]
        for src, modules, compare, article in trees[r % 2 :] + trees[: r % 2]:  # who goes first
            _activate(modules)
            batch = [[article(id=x["id"], origin=x["id"], title=x.get("title") or "",
                              body=x["text"]) for x in pair] for pair in chunk]  # fmt: skip
            started = time.process_time()
            for pair in batch:
                compare(pair)
            spent[src] += time.process_time() - started
    for src, seconds in spent.items():
        print(f"{src}: {1000 * seconds / (size * args.rounds):.2f} CPU ms per comparison")
    print(f"{size * args.rounds} same-event pairs of stories-dev, each once per tree")
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--distinct", action="store_true")
    args = parser.parse_args()
    if args.distinct:
        _distinct(args)
        return
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
