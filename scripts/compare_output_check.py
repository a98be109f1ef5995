"""Write ``compare_articles`` JSON for many comparisons, to show a speed change left output alone.

    PYTHONPATH=src python scripts/compare_output_check.py \
        ../shared/bench/stories-dev.jsonl OUT.jsonl

Run it in two trees and ``cmp`` the two OUT files: they must be byte-equal. The comparisons:
same-event pairs of stories-dev (per event, articles sorted by id, the first three consecutive
pairs), one four-article comparison per event with four or more articles, the other-language
events of ``tests/fixtures/multilingual_events.jsonl`` as pairs (with their language), and the
Chinese/Japanese pairs of ``bench/data/compare-cjk.jsonl``. Prints how many comparisons were
written, the sha256 of the file, and the CPU seconds spent per stories-dev pair (each pair is
compared once, so per-sentence work is not repeated, unlike a bench that times one pair again
and again). Runs under ``PYTHONHASHSEED=0`` (it re-executes itself so): the order of shared
facts with equal scores and of unmatched quotes follows string hashing, so two runs of one tree
differ without a fixed seed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from storylens.compare import compare_articles
from storylens.models import Article

ROOT = Path(__file__).resolve().parent.parent
PAIRS_PER_EVENT = 3


def _stories_groups(path: Path) -> tuple[list[list[Article]], list[list[Article]]]:
    """Same-event pairs, and four-article groups, of stories-dev."""
    events: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["text"].strip():
            events[row["cluster"]].append(row)
    pairs, groups = [], []
    for event in sorted(events):
        articles = [
            Article(id=r["id"], origin=r["id"], title=r.get("title") or "", body=r["text"])
            for r in sorted(events[event], key=lambda r: r["id"])
        ]
        starts = range(len(articles) - 1)[:PAIRS_PER_EVENT]
        pairs.extend([articles[k], articles[k + 1]] for k in starts)
        if len(articles) >= 4:
            groups.append(articles[:4])
    return pairs, groups


def _other_language_pairs() -> list[list[Article]]:
    events: dict[str, list[Article]] = defaultdict(list)
    path = ROOT / "tests" / "fixtures" / "multilingual_events.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        article = Article(
            id=row["id"], origin=row["id"], title=row.get("title") or "", body=row["text"],
            language=row.get("language"),
        )
        events[row["event"]].append(article)
    return [group[k : k + 2] for group in events.values() for k in range(len(group) - 1)]


def _cjk_pairs() -> list[list[Article]]:
    path = ROOT / "src" / "storylens" / "bench" / "data" / "compare-cjk.jsonl"
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("type") != "pair":
            continue
        pairs.append([
            Article(id=f"{row['id']}-{side}", origin=side, title="", body="".join(row[side]),
                    language=row.get("language"))
            for side in ("a", "b")
        ])  # fmt: skip
    return pairs


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    if os.environ.get("PYTHONHASHSEED") != "0":
        environment = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], environment)
    pairs, groups = _stories_groups(Path(sys.argv[1]))
    digest = hashlib.sha256()
    count = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        started = time.process_time()
        for pair in pairs:
            line = json.dumps(compare_articles(pair).to_dict(), ensure_ascii=False, sort_keys=True)
            out.write(line + "\n")
            digest.update(line.encode())
        pair_cpu = time.process_time() - started
        for group in [*groups, *_other_language_pairs(), *_cjk_pairs()]:
            line = json.dumps(compare_articles(group).to_dict(), ensure_ascii=False, sort_keys=True)
            out.write(line + "\n")
            digest.update(line.encode())
            count += 1
    print(f"{len(pairs)} stories-dev pairs + {count} other comparisons")
    print(f"sha256 {digest.hexdigest()}")
    print(f"stories-dev pairs: {1000 * pair_cpu / len(pairs):.1f} CPU ms per pair")


if __name__ == "__main__":
    main()
