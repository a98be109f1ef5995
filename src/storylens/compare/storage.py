"""Stored story facts: the comparison's fact index per story, so a new article is folded in alone.

The comparison stage owns these tables and reaches them only through the store's interface
(portable SQL, ``?`` placeholders, ``ON CONFLICT ... DO UPDATE``), in SQLite or PostgreSQL alike.
One row per fact (its reports as JSON: they are always read and written together) and one row per
article already folded in. Reading a story's facts is one indexed query; adding an article writes
only the facts it touched. A read-only store (the web app's) is read but never written: new
articles are then folded in memory, and the caller caches the result.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

from storylens.compare.facts import Conflict, Fact, FactIndex, Report
from storylens.models import Article, PreparedFacts
from storylens.store import Store

FACT_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_facts (
    story_id TEXT NOT NULL,
    fact_id INTEGER NOT NULL,
    first_article_id TEXT NOT NULL,
    reports TEXT NOT NULL,
    PRIMARY KEY (story_id, fact_id)
);
CREATE TABLE IF NOT EXISTS story_fact_articles (
    story_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
"""


class FactStore:
    """Load and save the fact index of each story."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.ensure_schema(FACT_SCHEMA)

    def load(self, story_id: str) -> FactIndex:
        conn = self.store.conn
        rows = conn.execute(
            "SELECT fact_id, reports FROM story_facts WHERE story_id = ? ORDER BY fact_id",
            (story_id,),
        ).fetchall()
        facts = [Fact(row[0], [_report(r) for r in json.loads(row[1])]) for row in rows]
        firsts = sorted({f.first.article_id for f in facts})
        index = FactIndex(facts, self.store.languages_of(firsts))
        folded = conn.execute(
            "SELECT article_id FROM story_fact_articles WHERE story_id = ? ORDER BY position",
            (story_id,),
        ).fetchall()
        index.article_ids = [row[0] for row in folded]
        return index

    def save(self, story_id: str, index: FactIndex, touched: list[Fact], start: int) -> None:
        """Write the touched facts and the articles folded in from position ``start`` on."""
        facts = {f.id: f for f in touched}.values()
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO story_facts (story_id, fact_id, first_article_id, reports) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (story_id, fact_id) "
                "DO UPDATE SET reports = excluded.reports",
                [(story_id, f.id, f.first.article_id, _reports_json(f.reports)) for f in facts],
            )
            conn.executemany(
                "INSERT INTO story_fact_articles (story_id, article_id, position) "
                "VALUES (?, ?, ?) ON CONFLICT (story_id, article_id) DO NOTHING",
                [(story_id, aid, k) for k, aid in enumerate(index.article_ids[start:], start)],
            )

    def folded_ids(self, story_id: str) -> list[str]:
        """The articles already folded into the story's stored facts (one indexed query)."""
        rows = self.store.conn.execute(
            "SELECT article_id FROM story_fact_articles WHERE story_id = ? ORDER BY position",
            (story_id,),
        ).fetchall()
        return [row[0] for row in rows]

    def clear(self, story_id: str) -> None:
        """Forget a story's facts (its article list changed in a way folding cannot follow)."""
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM story_facts WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM story_fact_articles WHERE story_id = ?", (story_id,))


REPORT_FIELDS = tuple(f.name for f in fields(Report))


def _reports_json(reports: list[Report]) -> str:
    """``json.dumps([asdict(r) for r in reports])`` (the same text: the default separator
    between list items is ``", "``), each report encoded once. A fact's row is rewritten
    whenever a report joins it; encoding all its reports again each time grew with the square
    of the fact's reports (of the story's articles, for a fact every article repeats)."""
    return "[" + ", ".join(_report_json(r) for r in reports) + "]"


_ENCODED = "_storylens_json"
"""Where a report keeps its JSON once written (reports are never changed once made)."""


def _report_json(report: Report) -> str:
    encoded = vars(report).get(_ENCODED)
    if encoded is None:
        encoded = json.dumps(_report_dict(report))
        vars(report)[_ENCODED] = encoded
    return encoded


def _report_dict(report: Report) -> dict[str, object]:
    data = {name: getattr(report, name) for name in REPORT_FIELDS}
    data["conflicts"] = [dict(vars(c)) for c in report.conflicts]
    return data


def _report(data: dict) -> Report:
    conflicts = [Conflict(**c) for c in data.pop("conflicts", [])]
    return Report(**data, conflicts=conflicts)


def update_story_facts(store: Store, story_id: str, articles: list) -> FactIndex:
    """The story's fact index with every given article folded in, new ones stored.

    Articles the stored index holds but the story no longer has (a merge, a re-link) make the
    index start over, so facts never cite articles outside the story.
    """
    facts = FactStore(store)
    index = facts.load(story_id)
    wanted = {a.id for a in articles}
    writable = not getattr(store, "readonly", False)
    if any(aid not in wanted for aid in index.article_ids):
        if writable:
            facts.clear(story_id)
        index = FactIndex()
    start = len(index.article_ids)
    touched: list[Fact] = []
    new = [a for a in articles if not index.holds(a.id)]
    for article in sorted(new, key=lambda a: (a.published is None, a.published or "")):
        touched.extend(index.add_article(article))
    if new and writable:
        facts.save(story_id, index, touched, start)
    return index


def fold_story(
    store: Store,
    story_id: str,
    article_ids: Sequence[str],
    known: Mapping[str, tuple[Article, PreparedFacts | None]] | None = None,
) -> int:
    """Ingest-time hook: fold the story's articles not yet in its stored facts; returns how many.

    Reads the folded-article list first, so a re-ingest (nothing new) costs one query. Only the
    new articles are judged against the stored facts (cost grows with the new articles'
    sentences, never with pairs); those in ``known`` (the caller's batch, with the facts
    prepared where they were extracted) are not read back from the store. A story that lost
    articles (a split or re-link) has its facts rebuilt; a merge just brings the other story's
    articles in as new ones.
    """
    plan = plan_fold(store, story_id, article_ids, known)
    with store.transaction():
        write_fold(store, plan)
    return plan.folded


@dataclass
class FoldPlan:
    """What folding a story's new articles writes (:func:`plan_fold` reads and judges; then
    :func:`write_fold` writes, so a writer can hold the store's lock for the writes alone)."""

    story_id: str
    clear: bool = False
    """The stored facts cite articles the story lost: drop them first."""
    index: FactIndex | None = None
    touched: list[Fact] = field(default_factory=list)
    start: int = 0
    folded: int = 0
    target: str = ""


def plan_fold(
    store: Store,
    story_id: str,
    article_ids: Sequence[str],
    known: Mapping[str, tuple[Article, PreparedFacts | None]] | None = None,
) -> FoldPlan:
    """:func:`fold_story` up to its writes: which stored facts to drop, the facts the new
    articles touched (reads the store, writes nothing)."""
    facts = FactStore(store)
    folded = facts.folded_ids(story_id)
    wanted = set(article_ids)
    key = (str(getattr(store, "target", id(store))), story_id)
    plan = FoldPlan(story_id, target=key[0])
    if any(aid not in wanted for aid in folded):
        plan.clear = True
        folded = []
    known_ids = set(folded)
    new_ids = [aid for aid in article_ids if aid not in known_ids]
    if not new_ids:
        return plan
    index = _LOADED.pop(key, None)
    if index is None or index.article_ids != folded:  # another writer (or a rollback) moved on
        index = facts.load(story_id) if folded else FactIndex()
    plan.index, plan.start = index, len(index.article_ids)
    new = _new_articles(store, new_ids, known or {}, key[0])
    for article, prepared in sorted(new, key=lambda n: _fold_order(n[0])):
        plan.touched.extend(index.add_article(article, prepared))
        _remember_prepared(key[0], article.id, prepared)
    plan.folded = len(new)
    return plan


def write_fold(store: Store, plan: FoldPlan) -> None:
    """Write what :func:`plan_fold` found (inside the caller's transaction), and keep the
    story's index in memory for its next article."""
    facts = FactStore(store)
    if plan.clear:
        facts.clear(plan.story_id)
    if plan.index is None:
        return
    facts.save(plan.story_id, plan.index, plan.touched, plan.start)
    key = (plan.target, plan.story_id)
    _LOADED[key] = plan.index
    _LOADED.move_to_end(key)
    while len(_LOADED) > LOADED_STORIES:
        _LOADED.popitem(last=False)


def _new_articles(
    store: Store,
    ids: list[str],
    known: Mapping[str, tuple[Article, PreparedFacts | None]],
    target: str,
) -> list[tuple[Article, PreparedFacts | None]]:
    """The articles to fold (in the order of ``ids``), with their prepared facts: from the
    caller's batch when it has them, else read from the store (an article a merge brought in,
    with the facts prepared for it when it was folded recently: :data:`PREPARED_ARTICLES`)."""
    missing = [aid for aid in ids if aid not in known]
    read = {
        a.id: (a, _PREPARED.get((target, a.id))) for a in store.get_articles(missing)
    } if missing else {}  # fmt: skip
    return [known.get(aid) or read[aid] for aid in ids if aid in known or aid in read]


def _remember_prepared(target: str, article_id: str, prepared: PreparedFacts | None) -> None:
    """Keep the facts prepared for an article just folded: a merge or a re-link soon after
    folds it into another story (``fact_units`` checks they were prepared from its body)."""
    if prepared is None:
        return
    _PREPARED[(target, article_id)] = prepared
    _PREPARED.move_to_end((target, article_id))
    while len(_PREPARED) > PREPARED_ARTICLES:
        _PREPARED.popitem(last=False)


def _fold_order(article: Article) -> tuple[bool, str]:
    """Earliest published first, undated ones after."""
    return (article.published is None, article.published or "")


LOADED_STORIES = 64
"""Fact indexes an ingesting process keeps in memory (most recently folded stories): the next
article of a story is then judged against it without reloading the story's facts."""
_LOADED: OrderedDict[tuple[str, str], FactIndex] = OrderedDict()
PREPARED_ARTICLES = 128
"""Articles whose prepared facts an ingesting process keeps after folding them (the most
recent): on stories-dev 141 of the 147 articles a merge or re-link folds again were among the
last 64 folded, and each would otherwise have its sentences prepared again in the assigner."""
_PREPARED: OrderedDict[tuple[str, str], PreparedFacts] = OrderedDict()


def forget_story(store: Store, story_id: str) -> None:
    """Drop the stored facts of a story id that no longer stands alone (merged into another)."""
    write_fold(store, plan_forget(store, story_id))


def plan_forget(store: Store, story_id: str) -> FoldPlan:
    """:func:`forget_story` up to its write (:func:`write_fold`)."""
    return FoldPlan(story_id, clear=bool(FactStore(store).folded_ids(story_id)))
