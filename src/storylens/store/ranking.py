"""The front page's story ranking: which stories matter most right now, and how each is shown.

Rule (also in the page's help): ``weight = (outlets + articles / 4) x 0.5 ** (age / 2 days)``,
where ``age`` is how long before the newest story in view the story's last article appeared. So
a story many outlets covered beats one outlet's many articles, and a story loses half its weight
for every two days it has been quiet. Age is measured against the newest story, not the clock, so
an archive ranks the same way next year. Only the ``RANK_POOL`` most recently active stories that
match the filters are ranked; later pages go on in order of last activity.

Reads the story tables (``store/stories.py``) and articles; writes nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from storylens.store.outlets import outlet_names, table_exists
from storylens.timestamps import parse_time

if TYPE_CHECKING:
    from storylens.store.base import Store

HALF_LIFE_DAYS = 2.0
ARTICLE_WEIGHT = 0.25
RANK_POOL = 2000
LEAD_CHARS = 320
SQL_CHUNK = 500
_SECONDS_PER_DAY = 86_400.0
_TITLE_WORD = re.compile(r"\w{3,}")


@dataclass(frozen=True)
class StoryFilters:
    """What the front page, the API and the CLI can narrow the stories by."""

    query: str | None = None
    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    """ISO date or time: only stories with an article published (or seen) at or after it."""
    until: str | None = None

    @classmethod
    def from_form(cls, query: str, outlet: str, language: str, since: str, until: str
                  ) -> StoryFilters:  # fmt: skip
        """Filters from a form or query string, where an empty or blank field means "any"."""
        given = (query, outlet, language, since, until)
        return cls(*(value.strip() or None for value in given))


@dataclass(frozen=True)
class StoryMember:
    """One article of a ranked story, as the front page needs it."""

    article_id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    language: str | None
    duplicate_of: str | None


@dataclass
class RankedStory:
    """A story as the front page shows it: headline and lead come from one article."""

    id: str
    title: str
    lead: str
    lead_article_id: str | None
    articles: int
    outlets: list[str]
    """Outlet names in order of their first article."""
    first_published: str | None
    last_published: str | None
    weight: float
    languages: list[str] = field(default_factory=list)
    members: list[StoryMember] = field(default_factory=list)

    @property
    def first_outlet(self) -> str | None:
        """The outlet whose article has the earliest publication time, if any is dated."""
        dated = [m for m in self.members if m.published]
        return min(dated, key=lambda m: _sort_time(m.published)).outlet if dated else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lead": self.lead,
            "lead_article_id": self.lead_article_id,
            "articles": self.articles,
            "outlets": self.outlets,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "first_outlet": self.first_outlet,
            "languages": self.languages,
            "weight": round(self.weight, 3),
        }


def check_filters(filters: StoryFilters) -> list[str]:
    """What is wrong with the filters, one sentence per problem (bad dates are ignored)."""
    problems = []
    for name, value in (("since", filters.since), ("until", filters.until)):
        if value and _days(value) is None:
            problems.append(f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
    return problems


def rank_stories(
    store: Store, filters: StoryFilters | None = None, *, limit: int = 20, offset: int = 0,
    sort: str = "weight",
) -> tuple[list[RankedStory], int]:  # fmt: skip
    """One page of stories (by weight, or ``sort="recent"``) and how many match in all."""
    if not has_story_tables(store):
        return [], 0
    filters = filters or StoryFilters()
    where, params = _where(filters)
    total = store.conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {where}", params).fetchone()
    rows = _page_rows(store, where, params, limit, offset, sort)
    return build_ranked(store, rows), int(total[0])


def has_story_tables(store: Store) -> bool:
    """Whether the story engine has written anything yet. Checked by querying rather than by
    creating the tables, so listing an empty store writes nothing and loads no engine code."""
    return table_exists(store, "stories") and table_exists(store, "story_articles")


def ranked_by_ids(store: Store, story_ids: list[str]) -> list[RankedStory]:
    """Ranked-story views of the given stories (for exports and single cards), in that order."""
    rows = []
    for chunk in _chunks(story_ids):
        marks = ",".join("?" * len(chunk))
        rows += store.conn.execute(
            f"SELECT *, 0.0 AS weight FROM stories WHERE id IN ({marks})", chunk
        ).fetchall()
    order = {sid: i for i, sid in enumerate(story_ids)}
    return build_ranked(store, sorted(rows, key=lambda r: order[r["id"]]))


def story_weight(outlets: int, articles: int, age_days: float) -> float:
    """The ranking rule of this module's docstring."""
    return (outlets + ARTICLE_WEIGHT * articles) * 0.5 ** (max(age_days, 0.0) / HALF_LIFE_DAYS)


def _where(filters: StoryFilters) -> tuple[str, list[object]]:
    clauses, params = ["s.merged_into IS NULL"], []
    if filters.query:
        clause, words = story_search(filters.query)
        clauses.append(clause)
        params += words
    if filters.since and (since := _days(filters.since)) is not None:
        clauses.append("COALESCE(s.dated_last, s.last_seen) >= ?")
        params.append(since)
    if filters.until and (until := _days(filters.until, end_of_day=True)) is not None:
        clauses.append("COALESCE(s.dated_first, s.first_seen) <= ?")
        params.append(until)
    member = (
        "EXISTS (SELECT 1 FROM story_articles sa LEFT JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.story_id = s.id AND {})"
    )
    if filters.outlet:
        name = filters.outlet.strip().lower()
        by_url = "a.url LIKE ? ESCAPE '\\'"
        clauses.append(member.format(f"(LOWER(sa.site) = ? OR {by_url} OR {by_url})"))
        params += [name, f"%://{_escape_like(name)}/%", f"%://www.{_escape_like(name)}/%"]
    if filters.language:
        clauses.append(member.format("LOWER(a.language) LIKE ? ESCAPE '\\'"))
        params.append(_escape_like(filters.language.strip().lower()) + "%")
    return " AND ".join(clauses), params


def story_search(query: str, story: str = "s") -> tuple[str, list[object]]:
    """SQL condition (and its parameters) for stories whose text contains ``query``, ignoring
    case: the stored title and lead, or any member article's title. The headline a story is
    shown under is one of these (:func:`story_headline`), so a search finds what people see.
    ``story`` is the alias of the ``stories`` table in the caller's query."""
    pattern = "%" + _escape_like(query.lower()) + "%"
    condition = (
        f"(LOWER({story}.title) LIKE ? ESCAPE '\\' OR LOWER({story}.lead) LIKE ? ESCAPE '\\' "
        "OR EXISTS (SELECT 1 FROM story_articles m "
        f"WHERE m.story_id = {story}.id AND LOWER(m.title) LIKE ? ESCAPE '\\'))"
    )
    return condition, [pattern, pattern, pattern]


def _page_rows(
    store: Store, where: str, params: list[object], limit: int, offset: int, sort: str
) -> list[Any]:
    recent = f"SELECT s.* FROM stories s WHERE {where} ORDER BY s.last_seen DESC, s.id"
    if sort == "recent" or offset >= RANK_POOL:
        return store.conn.execute(f"{recent} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    pool = store.conn.execute(f"{recent} LIMIT ?", [*params, RANK_POOL]).fetchall()
    newest = max((r["last_seen"] for r in pool), default=0.0)
    weighted = [(_row_weight(r, newest), r) for r in pool]
    weighted.sort(key=lambda pair: (-pair[0], -pair[1]["last_seen"], pair[1]["id"]))
    return [_with_weight(r, w) for w, r in weighted[offset : offset + limit]]


def _row_weight(row: Any, newest: float) -> float:
    outlets = len(json.loads(row["outlets"])) or 1
    return story_weight(outlets, row["size"], newest - row["last_seen"])


def _with_weight(row: Any, weight: float) -> dict[str, Any]:
    return {**dict(row), "weight": weight}


def build_ranked(store: Store, rows: list[Any]) -> list[RankedStory]:
    """Story rows plus their members, outlet names and representative article."""
    members = _members(store, [r["id"] for r in rows])
    heads = {r["id"]: story_headline(members.get(r["id"], []), r["title"]) for r in rows}
    texts = _bodies(store, [i for i, _title in heads.values() if i])
    ranked = []
    for row in rows:
        own = members.get(row["id"], [])
        lead_id, title = heads[row["id"]]
        lead = first_paragraph(texts[lead_id]) if lead_id in texts else _stored_lead(lead_id, row)
        outlets = list(dict.fromkeys(m.outlet for m in own))
        dated = sorted((m.published for m in own if m.published), key=_sort_time)
        ranked.append(
            RankedStory(
                id=row["id"],
                title=title,
                lead=lead,
                lead_article_id=lead_id,
                articles=row["size"],
                outlets=outlets,
                first_published=dated[0] if dated else None,
                last_published=dated[-1] if dated else None,
                weight=float(row["weight"]) if "weight" in row.keys() else 0.0,  # noqa: SIM118
                languages=sorted({m.language for m in own if m.language}),
                members=own,
            )
        )
    return ranked


def _members(store: Store, story_ids: list[str]) -> dict[str, list[StoryMember]]:
    found: dict[str, list[StoryMember]] = {}
    for chunk in _chunks(story_ids):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            "SELECT sa.story_id, sa.article_id, sa.site, a.url, sa.published, sa.title, "
            "a.language, sa.duplicate_of, a.site AS article_site FROM story_articles sa "
            f"LEFT JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN ({marks}) "
            "ORDER BY sa.story_id, sa.event_time, sa.seq",
            chunk,
        )
        by_story: dict[str, list[Any]] = {}
        for r in rows:
            by_story.setdefault(r["story_id"], []).append(r)
        for story_id, own in by_story.items():
            names = outlet_names((r["article_id"], r["site"] or r["article_site"], r["url"])
                                 for r in own)  # fmt: skip
            found[story_id] = [_member(r, names[r["article_id"]]) for r in own]
    return found


def _member(row: Any, outlet: str) -> StoryMember:
    return StoryMember(
        article_id=row["article_id"],
        outlet=outlet,
        title=row["title"],
        published=row["published"],
        url=row["url"],
        language=row["language"],
        duplicate_of=row["duplicate_of"],
    )


class HeadlineCandidate(Protocol):
    """What choosing a story's headline reads of each of its articles."""

    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def duplicate_of(self) -> str | None: ...


def story_headline(
    members: Sequence[HeadlineCandidate], stored_title: str
) -> tuple[str | None, str]:
    """The article a story is shown under and its headline, the one chooser for every view
    (the front page, ``storylens stories``, ``storylens show``, the story page): the
    :func:`representative` article's title, else the title stored with the story.

    ``members`` in publication (then arrival) order, as the story's articles are listed."""
    lead_id = representative(members)
    title = next((m.title for m in members if m.article_id == lead_id), "")
    return lead_id, title or stored_title


def representative(members: Sequence[HeadlineCandidate]) -> str | None:
    """The article whose headline shares the most words with the story's other headlines.

    Linear in the story: word counts over all headlines, then one pass to score each. Ties go to
    the earlier article; near-copies are skipped when an original exists.
    """
    if not members:
        return None
    words = [set(_TITLE_WORD.findall(m.title.lower())) for m in members]
    counts = Counter(w for ws in words for w in ws)
    best, best_score = None, -1.0
    for member, ws in zip(members, words, strict=True):
        if member.duplicate_of or not member.title.strip():
            continue
        score = sum(counts[w] - 1 for w in ws) / (len(ws) + 2)
        if score > best_score:
            best, best_score = member.article_id, score
    return best or members[0].article_id


def _bodies(store: Store, article_ids: list[str]) -> dict[str, str]:
    """The body of each article, in one query per chunk."""
    found: dict[str, str] = {}
    for chunk in _chunks(article_ids):
        marks = ",".join("?" * len(chunk))
        for row in store.conn.execute(
            f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk
        ):
            found[row["id"]] = row["body"]
    return found


def _stored_lead(lead_id: str | None, row: Any) -> str:
    """The lead stored with the story when it has no articles; none when its article is gone."""
    return row["lead"] if lead_id is None else ""


def first_paragraph(body: str, limit: int = LEAD_CHARS) -> str:
    """The article's first paragraph, cut at a word near ``limit`` characters."""
    paragraph = next((p.strip() for p in body.split("\n\n") if p.strip()), "")
    paragraph = " ".join(paragraph.split())
    if len(paragraph) <= limit:
        return paragraph
    return paragraph[:limit].rsplit(" ", 1)[0] + "…"


def _days(value: str, *, end_of_day: bool = False) -> float | None:
    moment = parse_time(value.strip())
    if moment is None:
        return None
    days = moment.timestamp() / _SECONDS_PER_DAY
    return days + (1.0 - 1e-6 if end_of_day and len(value.strip()) <= 10 else 0.0)


def _sort_time(value: str | None) -> float:
    moment = parse_time(value)
    return moment.timestamp() if moment else float("inf")


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + SQL_CHUNK] for i in range(0, len(items), SQL_CHUNK)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
