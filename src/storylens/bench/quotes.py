"""Quote benchmark on quotes-dev.jsonl (PolNeAR attributions), scored as its README says.

A predicted quote is right when at least half of its ``\\w+`` tokens lie in one gold attribution's
content; a gold direct quote is found when predicted quotes cover at least half of its tokens;
speaker accuracy is over found direct quotes whose gold source names someone (not a pronoun):
right when the predicted speaker shares a name token with the gold source mention. Predictions
come from :func:`storylens.compare.article_quotes`, the function ``storylens extract`` uses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from storylens.compare import article_quotes
from storylens.models import Article

_TOKEN = re.compile(r"\w+")
PRONOUNS = {
    "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who", "that",
    "which", "this", "these", "those", "one", "someone", "everyone", "anyone",
}


def run_quotes(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Direct-quote precision/recall/F1 and speaker accuracy over the articles of ``path``."""
    counts = {"pred": 0, "pred_ok": 0, "gold": 0, "found": 0, "named": 0, "speaker_ok": 0}
    with path.open(encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if limit is not None and k >= limit:
                break
            _score_article(json.loads(line), counts)
    precision = counts["pred_ok"] / counts["pred"] if counts["pred"] else 0.0
    recall = counts["found"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    named = counts["named"]
    return {
        "direct_precision": round(precision, 3),
        "direct_recall": round(recall, 3),
        "direct_f1": round(f1, 3),
        "speaker_accuracy": round(counts["speaker_ok"] / named, 3) if named else 0.0,
        "counts": counts,
    }


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in _TOKEN.finditer(text[start:end])}


def _score_article(row: dict[str, Any], counts: dict[str, int]) -> None:
    text = row["text"]
    article = Article(id=row["id"], origin=row["id"], title=row.get("title") or "", body=text)
    predicted = article_quotes(article)
    golds = []
    for att in row["attributions"]:
        toks: set[int] = set()
        for s, e in att["content_spans"]:
            toks |= _tokens(text, s, e)
        golds.append((att, toks))
    for quote in predicted:
        toks = _tokens(text, quote["start"], quote["end"])
        if not toks:
            continue
        counts["pred"] += 1
        if any(len(toks & g) >= 0.5 * len(toks) for _, g in golds):
            counts["pred_ok"] += 1
    spans = [(_tokens(text, q["start"], q["end"]), q) for q in predicted]
    for att, gold in golds:
        if not att["direct"] or not gold:
            continue
        counts["gold"] += 1
        covering = [(len(t & gold), q) for t, q in spans if t & gold]
        if sum(n for n, _ in covering) < 0.5 * len(gold):
            continue
        counts["found"] += 1
        if not _names_someone(att["source"] or ""):
            continue
        counts["named"] += 1
        speaker = max(covering, key=lambda c: c[0])[1]["speaker"] or ""
        source_words = {w.lower() for w in _TOKEN.findall(att["source"])}
        if source_words & {w.lower() for w in _TOKEN.findall(speaker)}:
            counts["speaker_ok"] += 1


def _names_someone(source: str) -> bool:
    words = _TOKEN.findall(source)
    return any(w[:1].isupper() and w.lower() not in PRONOUNS for w in words)
