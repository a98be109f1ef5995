"""``storylens bench extract --part clean``: a clean article goes through extraction whole.

The extraction benchmarks score boilerplate removal on pages full of boilerplate; a feed of
clean articles (a news API's JSONL: title, text, date, site) is the commonest input, and there
every line is the article. A line model that learns "drop more" can raise every boilerplate
score while cutting leads and sentences out of clean articles (session 9's boosted-tree
context pass kept 0.965 of the words here against 0.976). This part reads ``stories-dev.jsonl``
and ``storylines-dev.jsonl`` with :func:`storylens.ingest.read_pages` and extracts them with
:func:`storylens.extract.extract_pages` (the reader and extraction stage ``storylens ingest``
runs, site templates included) and scores each article's title + body against its record's
text (a record's title may be a web address): token recall, pages that keep under 90% of their
words, pages left empty, why the first long paragraph went where it did, and why long lines
(over 15 words) were dropped. No line model is
trained on these files. Keeping every line scores recall 1.0 (the trivial baseline); a few
records do hold stray lines ("posted in ...", a photo credit), so the figure to watch is the
change between two versions, not the distance to 1.0.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from storylens.bench.metrics import overlap, tokens

FILES = ("stories-dev.jsonl", "storylines-dev.jsonl")
LONG_LINE_WORDS = 15
LOW_RECALL = 0.90


def run(data_dir: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score every file of :data:`FILES` found in ``data_dir`` (``limit``: first N records)."""
    found = [data_dir / name for name in FILES if (data_dir / name).is_file()]
    if not found:
        raise FileNotFoundError(f"{data_dir}: none of {', '.join(FILES)} found")
    return {
        "files": {path.name: score_file(path, limit) for path in found},
        "baseline_keep_every_line": {"recall": 1.0},
    }


def score_file(path: Path, limit: int | None) -> dict[str, Any]:
    from storylens.extract import extract_pages
    from storylens.ingest import read_pages
    from storylens.models import Article

    records = read_records(path, limit)
    pages = [p for p in read_pages([str(path)]) if p.id in records]
    wanted_total = kept_total = 0
    low = empty = 0
    long_reasons: Counter[str] = Counter()
    lead_reasons: Counter[str] = Counter()
    for item in extract_pages(pages):
        if not isinstance(item, Article) or item.id not in records:
            continue
        text = records[item.id]
        wanted = tokens(text)
        kept = overlap(tokens(f"{item.title}\n{item.body}"), wanted)
        wanted_total += sum(wanted.values())
        kept_total += kept
        low += kept < LOW_RECALL * sum(wanted.values())
        empty += not item.body.strip()
        reasons = {removed.text.strip(): removed.reason for removed in item.removed}
        if lead := first_long_paragraph(text):
            lead_reasons[reasons.get(lead, "kept")] += 1
        for line, reason in reasons.items():
            if len(line.split()) > LONG_LINE_WORDS:
                long_reasons[reason] += 1
    return {
        "articles": len(records),
        "token_recall": round(kept_total / max(wanted_total, 1), 4),
        f"articles_under_{LOW_RECALL:.2f}_recall": low,
        "articles_without_body": empty,
        f"first_paragraph_over_{LONG_LINE_WORDS}_words": dict(lead_reasons.most_common()),
        f"lines_over_{LONG_LINE_WORDS}_words_dropped": sum(long_reasons.values()),
        "their_reasons": dict(long_reasons.most_common()),
    }


def read_records(path: Path, limit: int | None) -> dict[str, str]:
    """``{id: text}`` of the file's records, as the reader names them."""
    records: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            if limit is not None and len(records) >= limit:
                break
            row = json.loads(raw)
            records[str(row["id"])] = row.get("text") or ""
    return records


def first_long_paragraph(text: str) -> str | None:
    """The record's first paragraph (line) of more than :data:`LONG_LINE_WORDS` words."""
    return next((p.strip() for p in text.splitlines() if len(p.split()) > LONG_LINE_WORDS), None)
