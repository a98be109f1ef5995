"""Rebuild ``src/storylens/compare/weights/judge.json``: the sentence-pair judge's weights.

Training pairs: MSRP's training split (``msrp-train.tsv``: 1 = the two sentences say the same
thing) plus the hand-labelled story sentence pairs of ``storylens/bench/data/compare-labels.jsonl``
(verbatim/paraphrase = same; partial/different = not the same; ambiguous left out), their text
read from ``stories-dev.jsonl``. A second model, "the two share a stated fact" (verbatim,
paraphrase, partial against different), is fitted on the story pairs alone. Cross-validated
accuracy comes from ``storylens bench compare`` (retrains per fold and scores through
``compare_texts``, the path users take).

    PYTHONPATH=src python scripts/train_judge.py [--bench DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storylens.compare.training import (
    RELATED_LABELS,
    fit_both,
    matrix,
    msrp_pairs,
    story_pairs,
)
from storylens.config import default_bench_dir

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/storylens/compare/weights/judge.json"
LABELS = ROOT / "src/storylens/bench/data/compare-labels.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=default_bench_dir())
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    msrp = msrp_pairs(args.bench / "msrp-train.tsv")
    story = story_pairs(args.bench / "stories-dev.jsonl", LABELS)
    print(f"{len(msrp)} MSRP pairs, {len(story)} story pairs", file=sys.stderr)
    x, y = matrix(msrp + story)
    related = story_pairs(args.bench / "stories-dev.jsonl", LABELS, positive=RELATED_LABELS)
    data = fit_both(x, y, *matrix(related))
    data["trained_on"] = {"msrp_pairs": len(msrp), "story_pairs": len(story)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
