"""Quotes on an outside file in the quotes-dev shape (e.g. the GenderGapTracker set that
``scripts/ggt_quotes_set.py`` writes), scored exactly as quotes-dev (``bench/quotes.py``).

``storylens bench compare --quotes-file PATH`` prints, for the whole file and its two fixed
halves (``half_of``: the first bit of the SHA-1 of the id; rules may be developed on half A's
errors only, half B stays unread):

- ``storylens``: direct-quote precision/recall/F1 and speaker accuracy against the gold
  ``source`` mention (pronoun and empty sources not scored), as quotes-dev;
- ``speaker_vs_reference``: speaker accuracy against the gold ``reference`` when the file has one
  (GGT's resolved full name, also for "he said" and for quotes with no attribution in their
  sentence), over found direct quotes whose reference names someone;
- ``baseline_every_quoted_span``: every span between quotation marks as the quotes and the
  nearest capitalised word of its paragraph (after the quote first) as the speaker, the
  multilingual bench's baseline (``quotes_multilingual.baseline_quotes``);
- ``baseline_nearest_name_after``: storylens's quotes with quotes-dev's nearest-name-after rule;
- ``outlets``: the storylens figures per outlet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from storylens.bench.quotes import (
    _add,
    _score_article,
    _zero,
    half_of,
    nearest_name_after,
    quote_scores,
)
from storylens.bench.quotes_multilingual import baseline_quotes
from storylens.bench.stories import load_records
from storylens.compare import article_quotes
from storylens.models import Article

SYSTEMS = ("storylens", "speaker_vs_reference", "baseline_every_quoted_span",
           "baseline_every_quoted_span_vs_reference", "baseline_nearest_name_after")  # fmt: skip


def run(data_dir: Path, path: Path, **_: Any) -> dict[str, Any]:
    """Entry point of ``storylens bench compare --quotes-file``."""
    return {"quotes_external": run_quotes_external(Path(path))}


def run_quotes_external(
    path: Path, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Scores by system and half (see the module doc); ``errors`` (when given) collects half
    A's speaker misses against the mention and against the reference, for reading."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    outlets: dict[str, dict[str, int]] = {}
    articles = {"all": 0, "A": 0, "B": 0}
    for row in load_records(path):
        half = half_of(row["id"])
        articles["all"] += 1
        articles[half] += 1
        text = row["text"]
        article = Article(id=row["id"], origin=row["id"], title=row.get("title") or "",
                          body=text)  # fmt: skip
        predicted = article_quotes(article)
        baseline = baseline_quotes(text)
        scored = {
            "storylens": _score_article(row, predicted, lambda q: q["speaker"]),
            "speaker_vs_reference": _score_article(
                row, predicted, lambda q: q["speaker"], source_key="reference"
            ),
            "baseline_every_quoted_span": _score_article(row, baseline, lambda q: q["speaker"]),
            "baseline_every_quoted_span_vs_reference": _score_article(
                row, baseline, lambda q: q["speaker"], source_key="reference"
            ),
            "baseline_nearest_name_after": _score_article(
                row, predicted, lambda q, t=text: nearest_name_after(t, q)
            ),
        }
        for system, found in scored.items():
            for part in ("all", half):
                _add(counts.setdefault((system, part), _zero()), found, row, None)
        _add(outlets.setdefault(row.get("outlet") or "?", _zero()), scored["storylens"], row,
             None)  # fmt: skip
        if errors is not None and half == "A":
            for system in ("storylens", "speaker_vs_reference"):
                errors.extend({"id": row["id"], "versus": system, "text": text, **m}
                              for m in scored[system]["misses"])  # fmt: skip
    result: dict[str, Any] = {"file": str(path), "articles": articles}
    for system in SYSTEMS:
        result[system] = {
            part: quote_scores(counts.get((system, part), _zero())) for part in ("all", "A", "B")
        }
    result["outlets"] = {
        name: {k: v for k, v in quote_scores(c).items() if k != "counts"}
        for name, c in sorted(outlets.items())
    }
    return result
