"""Rebuild ``src/storylens/compare/weights/judge.json``: the sentence-pair judge's weights.

The "same" model is fitted on MSRP's training split (``msrp-train.tsv``: 1 = the two sentences
say the same thing; lexical features, the static-embedding alignment and 8 + 8 principal
components of the sentence-vector pair). Adding the hand-labelled story pairs to it lowered both
MSRP CV accuracy (judge alone 0.7775 with them, 0.7804 without) and aligned-fact F1 (0.781 with,
0.783 without), so they go to the second model only: "the two share a stated fact" (verbatim,
paraphrase, partial against different; ambiguous left out), fitted on the story pairs of
``storylens/bench/data/compare-labels.jsonl``, their text read from ``stories-dev.jsonl``.
Cross-validated accuracy comes from ``storylens bench compare`` (retrains per fold, scores through
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
    related = story_pairs(args.bench / "stories-dev.jsonl", LABELS, positive=RELATED_LABELS)
    print(f"{len(msrp)} MSRP pairs, {len(related)} story pairs", file=sys.stderr)
    x, y = matrix(msrp)
    data = fit_both(x, y, *matrix(related))
    data["trained_on"] = {"msrp_pairs": len(msrp), "story_pairs": len(related)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
