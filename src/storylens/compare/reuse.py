"""Copied passages between articles and, where the evidence allows, who copied from whom.

Copies are the aligned sentence pairs that are (nearly) word for word the same. Direction comes
from, in order of strength: publication times, one article crediting the other's outlet, and
containment (an article nearly all found in a longer one is usually a trimmed copy). Two
articles crediting the same
agency point to shared wire copy rather than one copying the other.
"""

from __future__ import annotations

from urllib.parse import urlparse

from storylens.compare.model import Credit, Reuse, Span
from storylens.compare.text import normalize
from storylens.models import Article
from storylens.writing import token_count

MIN_COPIED_WORDS = 12
"""Fewer copied words than this (a stock phrase, a short quote) is not called reuse."""


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
