"""Copied passages between articles and, where the evidence allows, who copied from whom.

Copies are the aligned sentence pairs that are (nearly) word for word the same, and the sentences
of a rewritten copy: a long run of aligned sentences in the same order, covering much of both
articles (:func:`mark_paraphrase_copies`; a rewrite desk rewords every sentence, splits and merges a
few, drops or adds a paragraph, but keeps the wire story's order). Direction comes
from, in order of strength: publication times, one article crediting the other's outlet, and
containment (an article nearly all found in a longer one is usually a trimmed copy). Two
articles crediting the same
agency point to shared wire copy rather than one copying the other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from storylens.compare.model import Credit, Reuse, Span
from storylens.compare.text import normalize
from storylens.models import Article
from storylens.writing import token_count

if TYPE_CHECKING:
    from storylens.compare.align import Alignment, SentenceItem
    from storylens.compare.facts import Fact

MIN_COPIED_WORDS = 12
"""Fewer copied words than this (a stock phrase, a short quote) is not called reuse."""
RUN_STEP = 2
"""Consecutive links of a rewritten run advance at most this many sentences in either article (a
sentence split in two, two merged, one left out or added)."""
RUN_MIN_LINKS = 4
"""A run needs this many distinct sentences of each article: a few shared facts in the same order
are not a copy."""
RUN_MIN_SHARE = 0.36
"""A run's summed alignment scores per sentence of the *longer* article needed to call it a
rewritten copy. On the ``tune`` half of ``bench/data/reuse-paraphrases.jsonl`` hand-written
rewrite-desk copies reach 0.40 or more, independent reports of the same event 0.26 or less;
on independent reports of one event in stories-dev (ECB+ outlets, unlabelled) up to 0.32. Per
sentence of the longer article, so a short article whose few sentences all echo part of a long
one is not called a copy of it."""
RUN_MIN_SHARE_STORY = 0.22
"""The same for the story comparison's facts, whose reports carry the judge's ``p_same`` rather
than an alignment score (on the ``tune`` half: rewrite-desk copies 0.26 or more but one at 0.11,
independent reports 0.16 or less)."""


def mark_paraphrase_copies(
    items: list[SentenceItem], alignments: list[Alignment]
) -> list[Alignment]:
    """``alignments`` with the links of each strong same-order run marked ``copied``.

    For each article pair, the run is the chain of aligned sentence pairs (no conflicting
    detail) advancing in both articles by at most :data:`RUN_STEP` sentences per link with the
    highest summed score. It is a rewritten copy when it takes :data:`RUN_MIN_LINKS` distinct
    sentences from each article and
    its summed score reaches :data:`RUN_MIN_SHARE` per sentence of the longer article.
    Independent reports of one event share facts too, but fewer, more loosely (partial, low
    scores) and seldom long stretches in the same order.
    """
    sentences: dict[int, int] = defaultdict(int)
    for item in items:
        sentences[item.doc] += 1
    by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, al in enumerate(alignments):
        if not al.clashes:
            by_pair[(items[al.i].doc, items[al.j].doc)].append(k)
    marked: set[int] = set()
    for (da, db), ks in by_pair.items():
        run, total = _best_run(items, alignments, ks)
        used = [(items[alignments[k].i].index, items[alignments[k].j].index) for k in run]
        if _long_enough(used) and total >= RUN_MIN_SHARE * max(sentences[da], sentences[db]):
            marked.update(run)
    if not marked:
        return alignments
    return [replace(al, copied=True) if k in marked else al for k, al in enumerate(alignments)]


def rewritten_reports(facts: list[Fact]) -> set[tuple[int, int]]:
    """(fact, report) positions of the reports that belong to a rewritten copy of the fact's
    first article: the story comparison's counterpart of :func:`mark_paraphrase_copies`, on the
    links each report makes to its fact's first report (no conflicting detail), scored by
    ``p_same``, sentences ordered by their offsets."""
    starts: dict[str, set[int]] = defaultdict(set)
    links: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for f, fact in enumerate(facts):
        for r, report in enumerate(fact.reports):
            starts[report.article_id].add(report.start)
            if (
                r
                and report.article_id != fact.first.article_id
                and not report.conflicts
                and not report.also
            ):
                links[(fact.first.article_id, report.article_id)].append((f, r))
    rank = {a: {s: k for k, s in enumerate(sorted(found))} for a, found in starts.items()}
    marked: set[tuple[int, int]] = set()
    for (a, b), found in links.items():
        pos = [
            (rank[a][facts[f].first.start], rank[b][facts[f].reports[r].start]) for f, r in found
        ]
        run, total = best_run(pos, [facts[f].reports[r].p_same for f, r in found])
        longer = max(len(starts[a]), len(starts[b]))
        if _long_enough([pos[n] for n in run]) and total >= RUN_MIN_SHARE_STORY * longer:
            marked.update(found[n] for n in run)
    return marked


def _long_enough(run: list[tuple[int, int]]) -> bool:
    """Whether a run takes :data:`RUN_MIN_LINKS` distinct sentences from each article."""
    return min(len({i for i, _ in run}), len({j for _, j in run})) >= RUN_MIN_LINKS


def _best_run(
    items: list[SentenceItem], alignments: list[Alignment], ks: list[int]
) -> tuple[list[int], float]:
    """The highest-scoring same-order chain among the alignments ``ks`` of one article pair."""
    pos = [(items[alignments[k].i].index, items[alignments[k].j].index) for k in ks]
    run, total = best_run(pos, [alignments[k].score for k in ks])
    return [ks[n] for n in run], total


def best_run(pos: list[tuple[int, int]], scores: list[float]) -> tuple[list[int], float]:
    """The chain of links (sentence index in each article) advancing in both articles by at
    most :data:`RUN_STEP` per link with the highest summed score: indices into ``pos``, sum."""
    order = sorted(range(len(pos)), key=lambda n: (pos[n], n))
    at = [pos[n] for n in order]
    own = [scores[n] for n in order]
    best = list(own)
    prev = [-1] * len(order)
    for n, (i, j) in enumerate(at):
        m = n - 1
        while m >= 0 and i - at[m][0] <= RUN_STEP:
            dj = j - at[m][1]
            if 0 <= dj <= RUN_STEP and at[m] != (i, j) and best[m] + own[n] > best[n]:
                best[n], prev[n] = best[m] + own[n], m
            m -= 1
    if not order:
        return [], 0.0
    end = max(range(len(order)), key=lambda n: (best[n], -n))
    total, run = best[end], []
    while end >= 0:
        run.append(order[end])
        end = prev[end]
    return run[::-1], total


def find_reuse(
    a: Article,
    b: Article,
    passages: list[tuple[Span, Span]],
    credits: dict[str, list[Credit]],
) -> Reuse | None:
    """How two articles share copied sentences, or None when they share too little."""
    if sum(token_count(pa.text) for pa, _ in passages) < MIN_COPIED_WORDS:
        return None
    copied_a = sum(s.end - s.start for s in _distinct(passages, 0))
    copied_b = sum(s.end - s.start for s in _distinct(passages, 1))
    share_a = copied_a / max(len(a.body.strip()), 1)
    share_b = copied_b / max(len(b.body.strip()), 1)
    source, evidence = _direction(a, b, share_a, share_b, credits)
    target = None if source is None else (b.id if source == a.id else a.id)
    return Reuse(
        source_id=source,
        target_id=target,
        a_id=a.id,
        b_id=b.id,
        passages=passages,
        copied_chars=max(copied_a, copied_b),
        share_of_a=round(min(share_a, 1.0), 3),
        share_of_b=round(min(share_b, 1.0), 3),
        direction_evidence=evidence,
    )


def _distinct(passages: list[tuple[Span, Span]], side: int) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for pair in passages:
        span = pair[side]
        seen.setdefault((span.start, span.end), span)
    return list(seen.values())


def _direction(
    a: Article, b: Article, share_a: float, share_b: float, credits: dict[str, list[Credit]]
) -> tuple[str | None, list[str]]:
    """The source article's id (None when it cannot be told) and the evidence in words."""
    evidence: list[str] = []
    source: str | None = None
    for first, second in ((a, b), (b, a)):
        if _credits_outlet(credits.get(second.id, []), first):
            evidence.append(f"{_name(second)} credits {_name(first)}")
            source = source or first.id
    if a.published and b.published and a.published != b.published:
        earlier = a if a.published < b.published else b
        evidence.append(f"{_name(earlier)} published first ({earlier.published})")
        source = source or earlier.id
    shared = _shared_credits(credits.get(a.id, []), credits.get(b.id, []))
    if shared:
        evidence.append(f"both credit {', '.join(shared)}: probably shared wire copy")
    elif source is None:
        source = _by_containment(a, b, share_a, share_b, evidence)
    if source is None:
        evidence.append("no publication times or credits tell the direction")
    return source, evidence


def _credits_outlet(credits: list[Credit], article: Article) -> bool:
    site = normalize(article.site or "")
    return bool(site) and any(
        normalize(c.name) in site or site in normalize(c.name) for c in credits
    )


def _shared_credits(ca: list[Credit], cb: list[Credit]) -> list[str]:
    names_b = {c.name for c in cb}
    return sorted({c.name for c in ca if c.name in names_b})


def _by_containment(
    a: Article, b: Article, share_a: float, share_b: float, evidence: list[str]
) -> str | None:
    """Weak evidence: an article nearly all found in a longer one is usually trimmed from it."""
    if share_a >= 0.8 > share_b:
        evidence.append(f"{_trimmed(a, b)}: likely a trimmed copy (weak)")
        return b.id
    if share_b >= 0.8 > share_a:
        evidence.append(f"{_trimmed(b, a)}: likely a trimmed copy (weak)")
        return a.id
    return None


def _name(article: Article) -> str:
    """How evidence names an article for readers: its outlet, else its URL's host."""
    host = urlparse(article.url).hostname if article.url else None
    return article.site or (host.removeprefix("www.") if host else f"article {article.id}")


def _trimmed(short: Article, long: Article) -> str:
    return f"the {_name(short)} article is nearly all contained in the {_name(long)} one"
