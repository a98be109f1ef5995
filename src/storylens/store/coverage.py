"""Who covered a story and who did not, by the user's outlet registry.

Coverage bars count a story's outlets by a registry column (country, language, owner, or any
column of the user's, such as a leaning); outlets the registry does not know are counted as
"not in registry". "Not covered by" lists registered outlets that *usually cover such stories*:
outlets with an article in at least half (``USUAL_SHARE``) of the recent stories that at least
``MIN_OUTLETS`` outlets covered, which did not cover this one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.store.outlets import Outlet, OutletMatcher, outlet_name

if TYPE_CHECKING:
    from storylens.store.base import Store

MIN_OUTLETS = 3
USUAL_SHARE = 0.5
RECENT_STORIES = 2000
NOT_IN_REGISTRY = "not in registry"


@dataclass(frozen=True)
class Bar:
    """One segment of a coverage bar: a column value and how many of the outlets have it."""

    value: str
    count: int
    percent: float


def coverage_bars(
    outlets: Iterable[tuple[str | None, str | None]], matcher: OutletMatcher, column: str
) -> list[Bar]:
    """Distinct outlets of a story (as ``(site, url)`` pairs) counted by ``column``."""
    seen: dict[str, Outlet | None] = {}
    for site, url in outlets:
        outlet = matcher.match(site, url)
        key = outlet.name if outlet else outlet_name(site, url)
        seen.setdefault(key, outlet)
    counts = Counter(
        (o.value(column) or "unknown") if o else NOT_IN_REGISTRY for o in seen.values()
    )
    total = sum(counts.values()) or 1
    ordered = sorted(counts.items(), key=lambda kv: (kv[0] == NOT_IN_REGISTRY, -kv[1], kv[0]))
    return [Bar(value, n, round(100.0 * n / total, 1)) for value, n in ordered]


def usual_outlets(store: Store, matcher: OutletMatcher) -> list[str]:
    """Registered outlets in at least ``USUAL_SHARE`` of the recent multi-outlet stories."""
    rows = store.conn.execute(
        "SELECT sa.story_id, sa.site, a.url FROM story_articles sa "
        "LEFT JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN "
        "(SELECT id FROM stories WHERE merged_into IS NULL ORDER BY last_seen DESC LIMIT ?)",
        (RECENT_STORIES,),
    ).fetchall()
    per_story: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for story_id, site, url in rows:
        names.setdefault(story_id, set()).add(outlet_name(site, url))
        outlet = matcher.match(site, url)
        if outlet is not None:
            per_story.setdefault(story_id, set()).add(outlet.name)
    big = [sid for sid, outlets in names.items() if len(outlets) >= MIN_OUTLETS]
    if not big:
        return []
    counts = Counter(name for sid in big for name in per_story.get(sid, ()))
    return sorted(n for n, c in counts.items() if c >= USUAL_SHARE * len(big))


def not_covered_by(
    outlets: Iterable[tuple[str | None, str | None]], matcher: OutletMatcher, usual: list[str]
) -> list[str]:
    """Usual outlets with no article in this story."""
    present = {o.name for site, url in outlets if (o := matcher.match(site, url))}
    return [name for name in usual if name not in present]


def story_outlet_pairs(store: Store, story_id: str) -> list[tuple[str | None, str | None]]:
    """``(site, url)`` of every article of a story, for coverage."""
    rows = store.conn.execute(
        "SELECT COALESCE(sa.site, a.site), a.url FROM story_articles sa "
        "LEFT JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?",
        (story_id,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


