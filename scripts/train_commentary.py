"""Fit the commentary model on every labelled sentence and write compare/weights/commentary.json.

    python scripts/train_commentary.py [BENCH_DIR]

BENCH_DIR (default ../shared/bench or $STORYLENS_BENCH) holds quotes-dev.jsonl and
html-extraction/, whose sentences storylens/bench/data/commentary-labels.jsonl labels.
`storylens bench compare --part commentary` reports the leave-one-corpus-out figures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from storylens.bench.commentary import LABELS, labelled_sentences
from storylens.compare.commentary import fit_commentary_model, model_json

OUT = Path(__file__).resolve().parents[1] / "src/storylens/compare/weights/commentary.json"


def main() -> None:
    default = os.environ.get("STORYLENS_BENCH", "../shared/bench")
    data = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    rows = labelled_sentences(data, LABELS, score_shipped=False)
    model = fit_commentary_model([r.features for r in rows], [r.commentary for r in rows])
    trained_on = {"labels": LABELS.name, "sentences": len(rows),
                  "commentary": sum(r.commentary for r in rows)}  # fmt: skip
    OUT.write_text(model_json(model, trained_on), encoding="utf-8")
    print(f"wrote {OUT} ({len(rows)} sentences)")


if __name__ == "__main__":
    main()
