"""Story summaries: facts for the front page and exports, behind one function.

``story_facts`` is the only place that turns a story's articles into facts: today it groups the
comparison's aligned sentence pairs into facts (a fact is one statement and every article that
makes it), reads copied passages and conflicting details off the comparison, and notes who
published first. When the comparison stage stores story facts of its own, only this function
changes. ``glance`` cuts the result down to what a front-page card shows, and that small summary
is stored (``store/glance.py``) so the front page never recomputes a comparison.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.grouping import best_link_groups
from storylens.outlets import outlet_names
from storylens.timestamps import parse_time

if TYPE_CHECKING:
    from storylens.compare import Comparison
    from storylens.models import Article
    from storylens.store.base import Store

GLANCE_ITEMS = 3
"""Facts, conflicts and copies shown on a card."""


@dataclass(frozen=True)
class Fact:
    """One statement several articles make; ``text`` is the first article's wording."""

    text: str
    article_ids: list[str]
    outlets: list[str]


@dataclass(frozen=True)
class Conflict:
    """Articles that state one detail differently."""

    text: str
    outlets: list[str]


@dataclass(frozen=True)
class Copy:
    """Sentences one outlet took word for word from another (``source`` None: unclear)."""

    source: str | None
    target: str | None
    outlets: list[str]
    sentences: int


@dataclass
class StoryFacts:
    story_id: str
    outlets: list[str]
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    first_outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def story_facts(story_id: str, articles: list[Article], comparison: Comparison | None = None,
                store: Store | None = None) -> StoryFacts:  # fmt: skip
    """The facts of one story.

    From the comparison stage's story facts when it has them (stored per story when ``store``
    is given, so a new article is folded in alone), else from the pairwise comparison (pass
    ``comparison`` when the caller has already computed it).
    """
    names = outlet_names((a.id, a.site, a.url) for a in articles)
    result = StoryFacts(story_id, list(dict.fromkeys(names.values())))
    result.first_outlet = _first_outlet(articles, names)
    if len(articles) < 2:
        return result
    if comparison is not None and hasattr(comparison, "coverage"):  # the story-level comparison
        return _from_fact_index(result, comparison, names)
    index = None if comparison is not None else _fact_index(story_id, articles, store)
    if index is not None:
        return _from_fact_index(result, index, names)
    if comparison is None:
        from storylens.compare import compare_articles

        comparison = compare_articles(articles)
    result.facts = _facts(comparison, names)
    result.conflicts = _conflicts(comparison, names)
    result.copies = _copies(comparison, names)
    return result


def _fact_index(story_id: str, articles: list[Article], store: Store | None) -> Any:
    """The comparison stage's fact index of the story, or None before that stage has one."""
    try:
        from storylens.compare.facts import build_facts
    except ImportError:
        return None
    if store is None:
        return build_facts(articles)
    from storylens.compare.storage import update_story_facts

    return update_story_facts(store, story_id, articles)


def _fact_conflicts(fact: Any, names: dict[str, str]) -> list[Conflict]:
    """One conflict per differing detail of a fact, with the outlets on each side (outlets
    reporting the fact without a conflict side with its first wording)."""
    sides: dict[tuple[str, str, str], tuple[dict[str, None], dict[str, None]]] = {}
    for report in fact.reports:
        for c in report.conflicts:
            a, b = sides.setdefault((c.kind, c.first_text, c.text), ({}, {}))
            a.setdefault(names.get(c.first_article_id, "?"))
            b.setdefault(names.get(c.article_id, "?"))
    agreeing = [names.get(r.article_id, "?") for r in fact.reports if not r.conflicts]
    for a, _ in sides.values():  # outlets that report the fact as first worded side with it
        for outlet in agreeing:
            a.setdefault(outlet)
    context = " ".join(fact.first.text.split())
    context = context if len(context) <= 90 else context[:89].rsplit(" ", 1)[0] + "…"
    found = []
    for (_, first_text, text), (a, b) in sides.items():
        summary = (f"“{first_text}” ({_few(list(a))}) vs “{text}” ({_few(list(b))}): "
                   f"{context}")  # fmt: skip
        found.append(Conflict(summary, list(dict.fromkeys([*a, *b]))))
    return found


def _few(outlets: list[str], shown: int = 3) -> str:
    more = f" and {len(outlets) - shown} more" if len(outlets) > shown else ""
    return ", ".join(outlets[:shown]) + more


def _from_fact_index(result: StoryFacts, index: Any, names: dict[str, str]) -> StoryFacts:
    """Facts, conflicts and copies read off the comparison stage's story facts."""
    from storylens.compare.facts import who_copied_whom

    facts = []
    for fact in index.facts:
        ids = list(dict.fromkeys(fact.article_ids))
        outlets = list(dict.fromkeys(names.get(i, i) for i in ids))
        if len(ids) >= 2:
            facts.append(Fact(" ".join(fact.first.text.split()), ids, outlets))
        result.conflicts += _fact_conflicts(fact, names)
    facts.sort(key=lambda f: (-len(f.outlets), -len(f.article_ids), f.text))
    result.facts = facts
    copies = [
        Copy(names.get(src), names.get(dst), [names.get(src, src), names.get(dst, dst)], n)
        for (src, dst), n in who_copied_whom(index.facts).items()
    ]
    result.copies = sorted(copies, key=lambda c: -c.sentences)
    return result


def glance(facts: StoryFacts) -> dict[str, Any]:
    """What a front-page card shows: facts most outlets share, conflicts, first, copies."""
    total = len(facts.outlets)
    most = [f for f in facts.facts if len(f.outlets) * 2 > total and len(f.outlets) >= 2]
    return {
        "outlets": total,
        "shared_facts": len(facts.facts),
        "shared_by_most": [
            {"text": f.text, "outlets": len(f.outlets)} for f in most[:GLANCE_ITEMS]
        ],
        "conflicts": [
            {"text": c.text, "outlets": c.outlets} for c in facts.conflicts[:GLANCE_ITEMS]
        ],
        "conflict_count": len(facts.conflicts),
        "first": facts.first_outlet,
        "copies": [_copy_text(c) for c in _one_per_target(facts.copies)[:GLANCE_ITEMS]],
        "copy_count": len({tuple(sorted(c.outlets)) for c in facts.copies}),
        "copying_outlets": len({c.target for c in facts.copies if c.target}),
    }


def _facts(comparison: Comparison, names: dict[str, str]) -> list[Fact]:
    """Aligned pairs joined into groups along each sentence's best links
    (:func:`~storylens.grouping.best_link_groups`), most outlets first."""
    text: dict[tuple[str, int], str] = {}
    links = []
    for pair in comparison.shared:
        a, b = (pair.a.article_id, pair.a.start), (pair.b.article_id, pair.b.start)
        text.setdefault(a, pair.a.text)
        text.setdefault(b, pair.b.text)
        links.append((a, b, pair.score))
    sets = best_link_groups(links, source=lambda key: key[0])
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for key in sets:
        groups.setdefault(sets.root(key), []).append(key)
    position = {article_id: i for i, article_id in enumerate(names)}
    facts = []
    for members in groups.values():
        members.sort(key=lambda k: (position.get(k[0], len(position)), k[1]))
        ids = list(dict.fromkeys(k[0] for k in members))
        outlets = list(dict.fromkeys(names.get(i, i) for i in ids))
        facts.append(Fact(" ".join(text[members[0]].split()), ids, outlets))
    facts.sort(key=lambda f: (-len(f.outlets), -len(f.article_ids), f.text))
    return facts


def _conflicts(comparison: Comparison, names: dict[str, str]) -> list[Conflict]:
    """Conflicting details of a two-article comparison, then quotes worded differently."""
    found = []
    for item in comparison.conflicts:
        ids = [item.a.article_id, item.b.article_id]
        text = f"{item.kind}: “{item.a.text}” vs “{item.b.text}”"
        found.append(Conflict(text, [names.get(i, i) for i in ids]))
    for match in comparison.quotes:
        if match.kind != "variant":
            continue
        who = match.speaker or "someone"
        outlets = [names.get(q.article_id, q.article_id) for q in (match.a, match.b)]
        found.append(Conflict(f"{who} is quoted differently ({', '.join(outlets)})", outlets))
    return found


def _copies(comparison: Comparison, names: dict[str, str]) -> list[Copy]:
    copies = []
    for reuse in comparison.reuse:
        source = names.get(reuse.source_id) if reuse.source_id else None
        target = names.get(reuse.target_id) if reuse.target_id else None
        outlets = [names.get(reuse.a_id, reuse.a_id), names.get(reuse.b_id, reuse.b_id)]
        copies.append(Copy(source, target, outlets, len(reuse.passages)))
    copies.sort(key=lambda c: -c.sentences)
    return copies


def _one_per_target(copies: list[Copy]) -> list[Copy]:
    """The biggest copy of each outlet that copied: a card names different outlets."""
    seen: set[str] = set()
    kept = []
    for copy in copies:
        key = copy.target or " / ".join(sorted(copy.outlets))
        if key not in seen:
            seen.add(key)
            kept.append(copy)
    return kept


def _copy_text(copy: Copy) -> str:
    count = f"{copy.sentences} sentence{'s' if copy.sentences != 1 else ''}"
    if copy.source and copy.target:
        return f"{copy.target} copied {count} from {copy.source}"
    return f"{copy.outlets[0]} and {copy.outlets[1]} share {count} word for word"


def _first_outlet(articles: list[Article], names: dict[str, str]) -> str | None:
    dated = [(t, a.id) for a in articles if (t := _when(a.published)) is not None]
    return names[min(dated)[1]] if dated else None


def _when(value: str | None) -> float | None:
    moment = parse_time(value)
    return moment.timestamp() if moment else None
