"""``storylens bench duplicates``: near-duplicate flags (republished copies) through ingest.

No public set labels republished news copies, so the copies are made here, the way outlets make
them, from the articles of ``stories-dev.jsonl``: each sampled original is republished once by
another outlet with that outlet's menu, newsletter box and footer around it, and one of these
edits (:data:`EDITS`): verbatim, trimmed to its first 70% of paragraphs (a wire copy cut to fit),
lightly edited (a few words and one sentence changed), updated (two paragraphs of another report of
the same event appended), a rewritten lead (the first paragraph replaced by another report's
lead), and an excerpt (the first 40% only: a borderline case, reported apart, not counted as a
near-duplicate). The feed (originals and copies, each copy after its original) is written as a
JSONL file and ingested with :func:`storylens.pipeline.ingest_items`, as ``storylens ingest``
does, so extraction and the stored near-duplicate flags are what users get.

Scores: recall per edit (a copy is found when it is flagged as a copy of its original, of
another copy of that original, or of the article its original was itself rightly flagged a copy
of: ``duplicate_of`` names the first stored article of a chain of copies) and precision over
every flag, where a flag between two originals counts as false only when their bodies share
under 30% of their word 4-grams (real wire copies inside the corpus are not errors). Reported
per sub-corpus: ``duplicate_containment`` was chosen on ECB+ and MMDS is the held-out figure
(``duplicate_jaccard`` predates this benchmark).
Baseline: an exact hash of the extracted body (what a plain dedup does).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storylens.config import SETTINGS, StorySettings
from storylens.models import Page
from storylens.store import Store
from storylens.stories.duplicates import shingles

DEV_FILE = "stories-dev.jsonl"
SAMPLE_PER_CORPUS = 120
LOOSE_OVERLAP = 0.3
"""Below this share of common word 4-grams a flag between two originals is a false one."""

Edit = Callable[[list[str], list[str], random.Random], list[str]]


def run(data_dir: Path, **opts: Any) -> dict[str, Any]:
    records = [json.loads(line) for line in (data_dir / DEV_FILE).open(encoding="utf-8")
               if line.strip()]
    result: dict[str, Any] = {"edits": list(EDITS), "duplicate_jaccard":
                              SETTINGS.stories.duplicate_jaccard, "corpora": {}}
    for prefix, name in (("ecb", "ECB+"), ("mmd", "MMDS")):
        subset = [r for r in records if str(r["id"]).startswith(prefix)]
        if subset:
            result["corpora"][name] = score_corpus(subset, opts.get("sample", SAMPLE_PER_CORPUS))
    return result


def score_corpus(
    records: list[dict[str, Any]], sample: int, settings: StorySettings | None = None
) -> dict[str, Any]:
    feed, copies = make_feed(records, sample, random.Random(0))
    flags, bodies, seconds = ingest_feed(feed, settings)
    return {
        "articles": len(feed),
        "copies": len(copies),
        "articles_per_second": round(len(feed) / seconds, 1),
        "ours": score_flags(flags, copies, bodies),
        "exact_body_hash": score_flags(exact_hash_flags(feed, bodies), copies, bodies),
    }


# making the feed -----------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    """Blank-line paragraphs; lines, or pairs of sentences, when the text has no breaks (MMDS)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    if len(parts) <= 1:
        parts = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if len(parts) <= 1:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", (text or "").strip())
        parts = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return [p for p in parts if p]


def _verbatim(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    return list(paras)


def _trimmed(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    return paras[: max(2, round(len(paras) * 0.7))]


def _excerpt(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    return paras[: max(1, round(len(paras) * 0.4))]


def _edited(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    """Every 25th word dropped or swapped with its neighbour, and one sentence left out."""
    out = []
    for para in paras:
        words = para.split()
        for i in range(rng.randrange(25), len(words) - 1, 25):
            if rng.random() < 0.5:
                words[i], words[i + 1] = words[i + 1], words[i]
            else:
                words[i] = ""
        out.append(" ".join(w for w in words if w))
    longest = max(range(len(out)), key=lambda i: len(out[i]))
    sentences = re.split(r"(?<=[.!?])\s+", out[longest])
    if len(sentences) > 1:
        sentences.pop(rng.randrange(len(sentences)))
        out[longest] = " ".join(sentences)
    return out


def _updated(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    return list(paras) + other[-2:]


def _lead_rewritten(paras: list[str], other: list[str], rng: random.Random) -> list[str]:
    return other[:1] + paras[1:]


EDITS: dict[str, Edit] = {
    "verbatim": _verbatim,
    "trimmed_70": _trimmed,
    "edited": _edited,
    "updated": _updated,
    "lead_rewritten": _lead_rewritten,
    "excerpt_40": _excerpt,
}
BORDERLINE = {"excerpt_40"}
"""Edits reported apart: a 40% excerpt is arguably a different text, not a near-duplicate."""


def _outlet_template(number: int) -> tuple[list[str], list[str]]:
    """The lines one made-up outlet puts around every article (menu, newsletter, footer)."""
    head = [f"Daily Courier {number}", "Home | World | Politics | Business | Sport | Culture"]
    tail = [
        f"Sign up for the Daily Courier {number} newsletter and get the day's news every morning.",
        "Related: More stories from this section",
        f"© 2026 Daily Courier {number}. All rights reserved. Privacy | Terms | Contact",
    ]
    return head, tail


def make_feed(
    records: list[dict[str, Any]], sample: int, rng: random.Random
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, str]]]:
    """Originals in input order with one copy each of ``sample`` of them inserted later; returns
    the feed and ``{copy id: (original id, edit)}``."""
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_event[r["cluster"]].append(r)
    eligible = [r for r in records if len(_paragraphs(r.get("text") or "")) >= 4]
    chosen = rng.sample(eligible, min(sample, len(eligible)))
    names = list(EDITS)
    feed: list[dict[str, Any]] = [dict(r) for r in records]
    copies: dict[str, tuple[str, str]] = {}
    for n, original in enumerate(chosen):
        edit = names[n % len(names)]
        peers = [p for p in by_event[original["cluster"]] if p["id"] != original["id"]]
        other = _paragraphs(rng.choice(peers)["text"]) if peers else []
        if not other and edit in ("updated", "lead_rewritten"):
            edit = "verbatim"
        head, tail = _outlet_template(n % 12)
        body = EDITS[edit](_paragraphs(original["text"]), other, rng)
        copy_id = f"copy-{n}-{original['id']}"
        copy = {
            "id": copy_id,
            "title": f"{original.get('title') or ''} | Daily Courier {n % 12}",
            "text": "\n\n".join([*head, *body, *tail]),
            "site": f"courier{n % 12}.example",
            "cluster": original["cluster"],
        }
        start = next(i for i, r in enumerate(feed) if r["id"] == original["id"]) + 1
        feed.insert(rng.randrange(start, len(feed) + 1), copy)
        copies[copy_id] = (original["id"], edit)
    return feed, copies


# ingest and scoring --------------------------------------------------------------------------


def ingest_feed(
    feed: list[dict[str, Any]], settings: StorySettings | None = None
) -> tuple[dict[str, str], dict[str, str], float]:
    """Ingest ``feed`` as a JSONL file into a temporary store; returns each record's flag
    (``{id: duplicate_of id}``), each record's extracted body, and the seconds taken."""
    from storylens.ingest import read_pages
    from storylens.pipeline import ingest_items

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for r in feed:
                line = {"id": r["id"], "title": r.get("title") or "", "text": r.get("text") or ""}
                if r.get("site") or r.get("source"):
                    line["site"] = r.get("site") or r["source"]
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        with Store(Path(folder) / "bench.db") as store:
            record_of: dict[str, str] = {}

            def remember(items: Any) -> Any:
                for item in items:
                    if isinstance(item, Page):
                        record_of[item.origin] = item.id
                    yield item

            started = time.perf_counter()
            report = ingest_items(store, remember(read_pages([str(path)])), settings=settings)
            seconds = time.perf_counter() - started
            record = {o.article_id: record_of.get(o.origin, o.article_id) for o in report.outcomes}
            flags = {record[o.article_id]: record.get(o.duplicate_of, o.duplicate_of)
                     for o in report.outcomes if o.duplicate_of}
            bodies = {record.get(a.id, a.id): a.body for a in store.get_articles(list(record))}
    return flags, bodies, seconds


def exact_hash_flags(feed: list[dict[str, Any]], bodies: dict[str, str]) -> dict[str, str]:
    """The baseline: a record is a copy of the first earlier one with the same extracted body."""
    first: dict[str, str] = {}
    flags: dict[str, str] = {}
    for r in feed:
        body = bodies.get(r["id"])
        if not body or not body.strip():
            continue
        key = hashlib.sha1(" ".join(body.split()).encode("utf-8")).hexdigest()
        if key in first:
            flags[r["id"]] = first[key]
        else:
            first[key] = r["id"]
    return flags


def score_flags(
    flags: dict[str, str], copies: dict[str, tuple[str, str]], bodies: dict[str, str]
) -> dict[str, Any]:
    def root(article_id: str) -> str:
        return copies[article_id][0] if article_id in copies else article_id

    def sources(original: str) -> set[str]:
        """The original and what it was itself rightly flagged a copy of, and so on: a copy of
        it names the first stored article of that chain (``duplicate_of`` resolves chains)."""
        chain, current = {original}, original
        while (up := flags.get(current)) is not None and root(up) not in chain:
            if _overlap(bodies.get(current, ""), bodies.get(up, "")) < LOOSE_OVERLAP:
                break  # a false flag passes nothing on
            current = root(up)
            chain.add(current)
        return chain

    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for copy_id, (original, edit) in copies.items():
        found[edit][1] += 1
        target = flags.get(copy_id)
        if target is not None and root(target) in sources(original):
            found[edit][0] += 1
    right = wrong = 0
    loose: list[float] = []
    for article_id, target in flags.items():
        if root(article_id) == root(target):
            right += 1
            continue
        overlap = _overlap(bodies.get(article_id, ""), bodies.get(target, ""))
        if overlap < LOOSE_OVERLAP:
            wrong += 1
        else:
            loose.append(overlap)
    counted = [e for e in found if e not in BORDERLINE]
    hit = sum(found[e][0] for e in counted)
    total = sum(found[e][1] for e in counted)
    return {
        "recall": round(hit / total, 3) if total else None,
        "precision": round(right / (right + wrong), 3) if right + wrong else None,
        "recall_by_edit": {e: f"{h}/{n}" for e, (h, n) in sorted(found.items())},
        "flags": len(flags),
        "false_flags": wrong,
        "flags_between_overlapping_originals": len(loose),
        "their_4gram_containment_min_median": (
            [round(min(loose), 2), round(sorted(loose)[len(loose) // 2], 2)] if loose else None
        ),
    }


def _overlap(a: str, b: str) -> float:
    """Share of the smaller text's word 4-grams found in the other (containment)."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))
