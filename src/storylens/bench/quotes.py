"""Quote benchmark on quotes-dev.jsonl (PolNeAR attributions), scored as its README says.

A predicted quote is right when at least half of its ``\\w+`` tokens lie in one gold attribution's
content; a gold direct quote is found when predicted quotes cover at least half of its tokens;
speaker accuracy is over found direct quotes whose gold source names someone (not a pronoun):
right when the predicted speaker shares a name token with the gold source mention. Predictions
come from :func:`storylens.compare.article_quotes`, the function ``storylens extract`` uses.

The articles fall into two fixed halves by a hash of their id: the speaker rules were developed
while reading the errors of half ``A`` only; half ``B`` is reported as the held-out check. The
``baseline`` row scores the same quotes with the trivial speaker rule the issue quotes (the
nearest capitalised name after the quote) so each number has its floor beside it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storylens.compare import article_quotes
from storylens.models import Article

_TOKEN = re.compile(r"\w+")
PRONOUNS = {
    "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who", "that",
    "which", "this", "these", "those", "one", "someone", "everyone", "anyone",
}
HALVES = ("A", "B")


def half_of(article_id: str) -> str:
    """The fixed half an article belongs to: ``A`` (rules developed on) or ``B`` (held out)."""
    return HALVES[hashlib.sha1(article_id.encode("utf-8")).digest()[0] & 1]


def run_quotes(
    path: Path, limit: int | None = None, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """Direct-quote precision/recall/F1 and speaker accuracy over the articles of ``path``, for
    the whole file, each half and the nearest-name baseline. ``errors`` (when given) collects
    the speaker misses of half A, for reading while developing rules."""
    counts = {key: _zero() for key in ("all", "A", "B", "baseline_all", "baseline_B")}
    with path.open(encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if limit is not None and k >= limit:
                break
            row = json.loads(line)
            half = half_of(row["id"])
            article = Article(id=row["id"], origin=row["id"], title=row.get("title") or "",
                              body=row["text"])  # fmt: skip
            predicted = article_quotes(article)
            found = _score_article(row, predicted, lambda q: q["speaker"])
            miss = errors if errors is not None and half == "A" else None
            _add(counts["all"], found, row, miss)
            _add(counts[half], found, row, None)
            text = row["text"]
            base = _score_article(row, predicted, lambda q, t=text: nearest_name_after(t, q))
            _add(counts["baseline_all"], base, row, None)
            if half == "B":
                _add(counts["baseline_B"], base, row, None)
    result = quote_scores(counts["all"])
    result["half_A"] = quote_scores(counts["A"])
    result["half_B"] = quote_scores(counts["B"])
    result["baseline_nearest_name_after"] = {
        "all": quote_scores(counts["baseline_all"])["speaker_accuracy"],
        "half_B": quote_scores(counts["baseline_B"])["speaker_accuracy"],
    }
    result["through_extract"] = quotes_through_extract(path, limit)
    return result


def quotes_through_extract(path: Path, limit: int | None = None) -> dict[str, Any]:
    """The same articles given as users give them, a JSONL file of ``{id, text}`` read by
    ``storylens extract --jsonl`` (plain-text extraction first, quotes from its body), scored
    as above: each predicted quote is placed in the gold text by its own words."""
    from storylens.bench.stories import load_records
    from storylens.ingest import read_jsonl_input
    from storylens.models import InputProblem
    from storylens.pipeline.parallel import extract_parallel

    rows = load_records(path, limit)
    by_id = {row["id"]: row for row in rows}
    lines = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)
    counts, unplaced = _zero(), 0
    pages = read_jsonl_input(io.BytesIO(lines.encode("utf-8")), path.name, limit=1 << 40)
    for extracted in extract_parallel(pages, quotes=True):
        if isinstance(extracted, InputProblem):
            continue
        row = by_id[extracted.article.id]
        placed = [_placed(row["text"], extracted.article.body, q) for q in extracted.quotes]
        unplaced += sum(q is None for q in placed)
        found = [q for q in placed if q is not None]
        _add(counts, _score_article(row, found, lambda q: q["speaker"]), row, None)
    return {**quote_scores(counts), "quotes_not_placed": unplaced}


def _placed(text: str, body: str, quote: dict[str, Any]) -> dict[str, Any] | None:
    """``quote`` (offsets into the extracted ``body``) with offsets into the gold ``text``."""
    words = body[quote["start"] : quote["end"]]
    at = text.find(words)
    if at >= 0:
        return {**quote, "start": at, "end": at + len(words)}
    found = re.search(r"\s+".join(map(re.escape, words.split())), text)
    return {**quote, "start": found.start(), "end": found.end()} if found else None


def _zero() -> dict[str, Any]:
    return {"pred": 0, "pred_ok": 0, "gold": 0, "found": 0, "named": 0, "speaker_ok": 0}


def quote_scores(counts: dict[str, int]) -> dict[str, Any]:
    """Direct-quote precision/recall/F1 and speaker accuracy from the counts of one run (also
    used by the multilingual check, which adds ``speaker_exact`` when it counts it)."""
    precision = counts["pred_ok"] / counts["pred"] if counts["pred"] else 0.0
    recall = counts["found"] / counts["gold"] if counts["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    named = counts["named"]
    return {
        "direct_precision": round(precision, 3),
        "direct_recall": round(recall, 3),
        "direct_f1": round(f1, 3),
        "speaker_accuracy": round(counts["speaker_ok"] / named, 4) if named else None,
        **(
            {"speaker_exact": round(counts["speaker_exact"] / named, 4) if named else None}
            if "speaker_exact" in counts
            else {}
        ),
        "counts": dict(counts),
    }


_NAME_AFTER = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*")
_NOT_A_NAME = PRONOUNS | {"the", "a", "an", "but", "and", "in", "on", "at", "as", "if", "mr", "ms"}


def nearest_name_after(text: str, quote: dict[str, Any]) -> str:
    """The trivial baseline: the first capitalised word run after the quote (within 200
    characters) that is not a pronoun or article, e.g. ``“…,” Smith said`` -> ``Smith``."""
    for match in _NAME_AFTER.finditer(text, quote["end"], quote["end"] + 200):
        words = [w for w in match.group().split() if w.lower().strip(".") not in _NOT_A_NAME]
        if words:
            return " ".join(words)
    return ""


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in _TOKEN.finditer(text[start:end])}


def _score_article(
    row: dict[str, Any],
    predicted: list[dict[str, Any]],
    speaker_of: Callable[[dict[str, Any]], str | None],
    source_key: str = "source",
) -> dict[str, Any]:
    """This article's counts, plus its scored speaker misses (gold, predicted, quote). The gold
    speaker is each attribution's ``source_key`` field (``source``: the mention as written)."""
    text = row["text"]
    counts = _zero()
    misses = []
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
        source = att.get(source_key) or ""
        if not _names_someone(source):
            continue
        counts["named"] += 1
        quote = max(covering, key=lambda c: c[0])[1]
        speaker = speaker_of(quote) or ""
        source_words = {w.lower() for w in _TOKEN.findall(source)}
        if source_words & {w.lower() for w in _TOKEN.findall(speaker)}:
            counts["speaker_ok"] += 1
        else:
            misses.append({"gold": source, "gold_span": att.get("source_span"), "speaker":
                           speaker, "start": quote["start"], "end": quote["end"]})  # fmt: skip
    return {"counts": counts, "misses": misses}


def _add(
    total: dict[str, int], found: dict[str, Any], row: dict[str, Any],
    errors: list[dict[str, Any]] | None,
) -> None:
    for key, value in found["counts"].items():
        total[key] += value
    if errors is not None:
        errors.extend({"id": row["id"], "text": row["text"], **m} for m in found["misses"])


def _names_someone(source: str) -> bool:
    words = _TOKEN.findall(source)
    return any(w[:1].isupper() and w.lower() not in PRONOUNS for w in words)
