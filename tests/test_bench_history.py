"""The bulk synthetic history of ``bench scale``: the engine's own shape, on both backends."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storylens.bench.history import HISTORY_STORY_SIZE, write_history
from storylens.bench.stories import synthetic_articles
from storylens.config import SETTINGS
from storylens.store import Store
from storylens.stories import StoryEngine
from storylens.stories.features import article_terms
from storylens.stories.storage import RETIRED

HISTORY = 400
LIVE = 40


def _scalar(store: Store, sql: str) -> int:
    return int(store.conn.execute(sql).fetchone()[0])


def test_engine_assigns_on_top_of_the_bulk_history(store_target: str | Path) -> None:
    articles = list(synthetic_articles(HISTORY + LIVE))
    with Store(store_target) as store:
        assert write_history(store, iter(articles), HISTORY) == HISTORY
        history_ids = {r[0] for r in store.conn.execute("SELECT id FROM stories").fetchall()}
        expected_df: Counter[str] = Counter()
        for article in articles[:HISTORY]:
            expected_df.update(article_terms(article.title, article.body).counts.keys())
        stored_df = dict(store.conn.execute("SELECT term, df FROM story_df").fetchall())
        assert stored_df == dict(expected_df)

        engine = StoryEngine(store, SETTINGS.stories)
        assert engine.df.n_docs == HISTORY
        assert len(engine.index) == 0  # the history is retired: nothing active to assign to
        for article in articles[HISTORY:]:
            with store.transaction():
                engine.add(article)

        assert len(history_ids) == HISTORY // HISTORY_STORY_SIZE
        assert _scalar(store, "SELECT COUNT(*) FROM story_articles") == HISTORY + LIVE
        assert _scalar(store, "SELECT COUNT(DISTINCT seq) FROM story_articles") == HISTORY + LIVE
        assert _scalar(store, "SELECT MAX(seq) FROM story_articles") == HISTORY + LIVE
        meta = dict(store.conn.execute("SELECT key, value FROM story_meta").fetchall())
        assert int(meta["n_docs"]) == HISTORY + LIVE
        assert int(meta["story_seq"]) > HISTORY // HISTORY_STORY_SIZE
        live = store.conn.execute("SELECT story_id FROM story_articles WHERE seq > ?", (HISTORY,))
        live_stories = {r[0] for r in live.fetchall()}
        assert live_stories and not live_stories & history_ids
        states = dict(store.conn.execute(
            "SELECT story_id, state FROM story_state").fetchall())  # fmt: skip
        assert all(states[s] == RETIRED for s in history_ids)
        sizes = store.conn.execute(
            "SELECT s.size, COUNT(a.article_id) FROM stories s "
            "JOIN story_articles a ON a.story_id = s.id GROUP BY s.id, s.size"
        ).fetchall()
        assert all(int(size) == int(count) for size, count in sizes)

    with Store(store_target) as store:  # a restart restores the same engine state
        assert StoryEngine(store, SETTINGS.stories).df.n_docs == HISTORY + LIVE
        with pytest.raises(ValueError, match="empty story store"):
            write_history(store, iter(articles), 10)
