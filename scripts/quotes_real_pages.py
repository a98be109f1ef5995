"""Quotes on real non-English news pages: a small held-out check of ``storylens extract``'s quotes
(issue 11).

    PYTHONPATH=src python scripts/quotes_real_pages.py GOLD.jsonl [--mirrors DIR] [--errors]
    PYTHONPATH=src python scripts/quotes_real_pages.py GOLD.jsonl --fundus SET.jsonl [--half A|B]

GOLD.jsonl (kept outside the repository: it quotes the pages) has one line per page::

    {"repo": "mozilla/readability", "path": "test/test-pages/folha/source.html",
     "language": "pt", "quotes": [{"text": ..., "speaker": ... or null,
     "kind": "direct" | "partial" | "not_quote", "speaker_named_nearby": true}, ...]}

``text`` is the quotation as it stands in the extracted body, without its marks (found in order);
``not_quote`` marks scare quotes, titles and names between marks. An optional ``"until"``
(a character offset in the body) says the page was annotated only up to there: quotes starting
later are left out of the score. The pages are read from bare
git mirrors (``DIR/<owner>+<name>/repo``, file at ``HEAD``) and extracted through the code
``storylens extract --json`` uses (``read_stream`` + ``extract_parallel`` with quotes), so the
bodies and quotes here are the command's.

With ``--fundus SET.jsonl`` (the set ``scripts/fundus_set.py`` writes) a gold line names its page
by ``"id"`` (``fundus/de/...``) instead of repo and path, and the page's HTML is that set row's
``html``. ``--half`` keeps one half of the gold pages: :func:`half` (sha1 of the page id, first
byte & 1: 0 is A, 1 is B), fixed before any annotation so that one half can be read and tuned on
and the other reported untouched.

Scoring follows ``storylens.bench.quotes`` / ``quotes_multilingual`` (their helpers are imported):
a predicted quote is right when at least half of its tokens lie in one gold quotation (direct or
partial); a gold quotation is found when predicted quotes cover at least half of its tokens;
speaker accuracy is over found quotations whose gold speaker is named in the article, right when
the predicted speaker shares a name (``quotes_multilingual._shares_a_name``: a token up to an
inflected ending) or, for Chinese and Japanese, a substring of two or more characters. Tokens are
``\\w+`` runs, but each Chinese/Japanese character is a token of its own.

Two baselines in the same run: ``marks`` (``quotes_multilingual.baseline_quotes``: every span
between quotation marks, nearest capitalised word as speaker; for CJK, which has no capitals, the
clause before the quote), and ``nearest`` (storylens's quotes with the speaker replaced by
``bench.quotes.nearest_name_after``, or the clause before for CJK), the speaker floor on the same
found quotes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from storylens.bench.quotes import nearest_name_after, quote_scores
from storylens.bench.quotes_multilingual import _shares_a_name, baseline_quotes
from storylens.config import SETTINGS
from storylens.ingest.readers import read_stream
from storylens.pipeline.parallel import extract_parallel

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(f"[{CJK}]|[^\\W{CJK}]+")
_CJK_CHAR = re.compile(f"[{CJK}]")
_CLAUSE_END = re.compile(r"[。，、！？；：,.!?;:\n“”「」『』\"]")
SYSTEMS = ("storylens", "marks", "nearest")
ALL = "all non-English"  # English pages are the control, reported on their own


def tokens(text: str, start: int, end: int) -> set[int]:
    """Token start offsets in ``text[start:end]``: ``\\w+`` runs, each CJK character alone."""
    return {m.start() for m in _TOKEN.finditer(text, start, end)}


def is_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text or ""))


def same_speaker(gold: str, predicted: str | None) -> bool:
    """A shared name (up to an inflected ending); in CJK a shared run of two or more characters."""
    predicted = predicted or ""
    if is_cjk(gold):
        return any(gold[i : i + 2] in predicted for i in range(len(gold) - 1))
    return _shares_a_name(gold, predicted)


def strict_speaker(gold: str, predicted: str | None) -> bool:
    """Every word of the predicted speaker belongs to the gold name (up to an inflected ending):
    ``Realtor Ghulam``, ``Davis von den Rafflesiaceae`` or, for ``Shaun Ghulam``, ``Shaun
    Cathcart`` fail here though they share a name; in CJK the prediction lies inside the gold."""
    predicted = (predicted or "").strip()
    if not predicted:
        return False
    if is_cjk(gold):
        return len(predicted) >= 2 and predicted in gold
    return all(_shares_a_name(gold, word) for word in _TOKEN.findall(predicted))


def clause_before(text: str, start: int) -> str:
    """The CJK baseline speaker: the clause just before the quote (``他说：“`` -> ``他说``)."""
    cut = start
    while cut > 0 and text[cut - 1] in '：:，, “「『"':
        cut -= 1
    begin = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, cut - 80), cut)), default=0)
    return text[max(begin, cut - 80) : cut]


def zero() -> dict[str, int]:
    return {"pred": 0, "pred_ok": 0, "pred_ok_joined": 0, "gold": 0, "found": 0, "named": 0,
            "speaker_ok": 0, "speaker_strict": 0}  # fmt: skip


def gold_spans(body: str, quotes: list[dict[str, Any]]) -> list[tuple[dict[str, Any], set[int]]]:
    """Each gold quotation (not ``not_quote``) with its tokens, found in order in the body."""
    spans = []
    cursor = 0
    for quote in quotes:
        if quote["kind"] == "not_quote":
            continue
        start = body.index(quote["text"], cursor)
        cursor = start + len(quote["text"])
        spans.append((quote, tokens(body, start, cursor)))
    return spans


def score_page(
    body: str, gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
    counts: dict[str, int], errors: list[dict[str, Any]] | None = None,
) -> None:  # fmt: skip
    """Add one page's counts; ``errors`` collects misses, wrong speakers and wrong quotes."""
    golds = gold_spans(body, gold)
    not_quotes = [
        tokens(body, m.start(), m.end())
        for q in gold if q["kind"] == "not_quote"
        for m in re.finditer(re.escape(q["text"]), body)
    ]  # fmt: skip
    spans = [(tokens(body, q["start"], q["end"]), q) for q in predicted]
    for toks, quote in spans:
        if not toks:
            continue
        counts["pred"] += 1
        if any(len(toks & g) >= 0.5 * len(toks) for _, g in golds):
            counts["pred_ok"] += 1
            counts["pred_ok_joined"] += 1
            continue
        joined = set().union(*(g for _, g in golds)) if golds else set()
        if len(toks & joined) >= 0.5 * len(toks):  # two quotations joined across a cue
            counts["pred_ok_joined"] += 1
        if errors is not None:
            scare = any(len(toks & n) >= 0.5 * len(toks) for n in not_quotes)
            kind = (
                "not_quote"
                if scare
                else "joined"
                if len(toks & joined) >= 0.5 * len(toks)
                else "wrong_quote"
            )
            errors.append({"error": kind,
                           "text": body[quote["start"]:quote["end"]][:90],
                           "speaker": quote.get("speaker")})  # fmt: skip
    for quote, gold_toks in golds:
        counts["gold"] += 1
        counts[f"gold_{quote['kind']}"] = counts.get(f"gold_{quote['kind']}", 0) + 1
        covering = [(len(t & gold_toks), q) for t, q in spans if t & gold_toks]
        if sum(n for n, _ in covering) < 0.5 * len(gold_toks):
            if errors is not None:
                errors.append({"error": "missed", "kind": quote["kind"],
                               "text": quote["text"][:90], "gold": quote["speaker"]})  # fmt: skip
            continue
        counts["found"] += 1
        counts[f"found_{quote['kind']}"] = counts.get(f"found_{quote['kind']}", 0) + 1
        if not quote["speaker"] or not quote.get("speaker_named_nearby", True):
            continue
        counts["named"] += 1
        best = max(covering, key=lambda c: c[0])[1]
        counts["speaker_strict"] += strict_speaker(quote["speaker"], best.get("speaker"))
        if same_speaker(quote["speaker"], best.get("speaker")):
            counts["speaker_ok"] += 1
        elif errors is not None:
            errors.append({"error": "speaker", "text": quote["text"][:90],
                           "gold": quote["speaker"], "predicted": best.get("speaker")})  # fmt: skip


def extract(raw: bytes, origin: str) -> tuple[str, list[dict[str, Any]]]:
    """The body and quotes ``storylens extract --json`` gives for this page."""
    items = list(read_stream(io.BytesIO(raw), origin, limit=SETTINGS.ingest.max_page_bytes))
    for result in extract_parallel(items, workers=1, quotes=True):
        article = getattr(result, "article", None)
        if article is None:
            raise RuntimeError(f"{origin}: no article ({result})")
        return article.body, list(result.quotes or [])  # type: ignore[attr-defined]
    raise RuntimeError(f"{origin}: nothing extracted")


def page_bytes(mirrors: Path, repo: str, path: str) -> bytes:
    git_dir = mirrors / repo.replace("/", "+") / "repo"
    return subprocess.run(["git", "-C", str(git_dir), "show", f"HEAD:{path}"],
                          capture_output=True, check=True).stdout  # fmt: skip


def half(page_id: str) -> str:
    """``A`` or ``B``: the first byte of the page id's sha1, & 1 (a fixed split, not tuned)."""
    return "AB"[hashlib.sha1(page_id.encode("utf-8")).digest()[0] & 1]


def fundus_pages(path: Path, wanted: set[str]) -> dict[str, bytes]:
    """The HTML of the wanted ids in a ``scripts/fundus_set.py`` JSONL set."""
    pages = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                pages[row["id"]] = row["html"].encode("utf-8")
    return pages


def baselines(body: str, predicted: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    marks = baseline_quotes(body)
    for quote in marks:
        if is_cjk(body[quote["start"] : quote["end"]]):
            quote["speaker"] = clause_before(body, quote["start"])
    nearest = []
    for quote in predicted:
        cjk = is_cjk(body[quote["start"] : quote["end"]])
        speaker = clause_before(body, quote["start"]) if cjk else nearest_name_after(body, quote)
        nearest.append({**quote, "speaker": speaker})
    return {"marks": marks, "nearest": nearest}


def run(
    gold_path: Path, mirrors: Path, show_errors: bool = False,
    fundus: Path | None = None, only_half: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    counts: dict[tuple[str, str], dict[str, int]] = {}
    errors: list[dict[str, Any]] = []
    with gold_path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    if only_half:
        rows = [r for r in rows if half(r.get("id") or f"{r['repo']}:{r['path']}") == only_half]
    html = fundus_pages(fundus, {r["id"] for r in rows}) if fundus else {}
    for row in rows:
        if fundus:
            body, predicted = extract(html[row["id"]], row["id"])
        else:
            body, predicted = extract(page_bytes(mirrors, row["repo"], row["path"]), row["path"])
        outputs = {"storylens": predicted, **baselines(body, predicted)}
        if "until" in row:  # annotated only up to this character of the body
            outputs = {k: [q for q in v if q["start"] < row["until"]] for k, v in outputs.items()}
        for system in SYSTEMS:
            page_errors: list[dict[str, Any]] | None = [] if system == "storylens" else None
            keys = [row["language"]] + ([] if row["language"] == "en" else [ALL])
            for language in keys:
                score_page(body, row["quotes"], outputs[system],
                           counts.setdefault((system, language), zero()),
                           page_errors if language == keys[0] else None)  # fmt: skip
            for error in page_errors or []:
                page = row.get("id") or f"{row['repo']}:{row['path']}"
                errors.append({"page": page,
                               "language": row["language"], **error})  # fmt: skip
    result: dict[str, Any] = {"pages": len(rows), "languages": {}}
    for (system, language), numbers in sorted(counts.items()):
        result["languages"].setdefault(language, {})[system] = quote_scores(numbers)
    if show_errors:
        result["errors"] = errors
    return result


def table(result: dict[str, Any]) -> str:
    lines = ["| language | gold (direct+partial) | storylens P / R / F1 | P joined "
             "| speaker acc (n) | strict | marks baseline F1 | marks speaker "
             "| nearest-name speaker |",
             "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    langs = sorted(result["languages"], key=lambda k: (k == ALL, k == "en", k))
    for language in langs:
        s = result["languages"][language]
        sl, mk, nr = s["storylens"], s["marks"], s["nearest"]
        c = sl["counts"]

        def acc(x: dict[str, Any]) -> str:
            return "-" if x["speaker_accuracy"] is None else f"{x['speaker_accuracy']:.2f}"

        lines.append(
            f"| {language} | {c['gold']} ({c.get('gold_direct', 0)}+{c.get('gold_partial', 0)})"
            f" | {sl['direct_precision']:.2f} / {sl['direct_recall']:.2f} / {sl['direct_f1']:.2f}"
            f" | {c['pred_ok_joined'] / c['pred'] if c['pred'] else 0:.2f}"
            f" | {acc(sl)} ({c['speaker_ok']}/{c['named']})"
            f" | {c['speaker_strict'] / c['named'] if c['named'] else 0:.2f}"
            f" | {mk['direct_f1']:.2f} | {acc(mk)}"
            f" | {acc(nr)} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--fundus", type=Path, help="read pages by id from this fundus set")
    parser.add_argument("--half", choices=("A", "B"), help="score only this half of the pages")
    parser.add_argument("--errors", action="store_true", help="list every storylens error")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = run(args.gold, args.mirrors, args.errors, args.fundus, args.half)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(table(result))
        for error in result.get("errors", []):
            print(json.dumps(error, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
