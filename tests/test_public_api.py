"""The small public API: the whole pipeline on the seeds, through top-level names only."""

from __future__ import annotations

from pathlib import Path

import pytest

import storylens

SEEDS = sorted((Path(__file__).parent / "fixtures").glob("0*.txt"))


def test_every_public_name_resolves_and_unknown_names_fail() -> None:
    for name in storylens.__all__:
        assert getattr(storylens, name) is not None
    with pytest.raises(AttributeError):
        storylens.no_such_thing  # noqa: B018


def test_pipeline_end_to_end_through_the_public_api(tmp_path: Path) -> None:
    with storylens.Store(tmp_path / "s.db") as store:
        report = storylens.ingest_items(store, storylens.read_pages(map(str, SEEDS)))
        assert report.added == 2 and not report.problems
        stories = storylens.list_stories(store)
        assert [s.articles for s in stories] == [2]
        story = storylens.get_story(store, stories[0].id)
        assert story is not None
        articles = [store.get_article(i) for i in story.article_ids]
    comparison = storylens.compare_articles([a for a in articles if a is not None]).to_dict()
    speakers = {q[side]["speaker"] for q in comparison["quotes"] for side in ("a", "b")}
    assert "Benjamin Netanyahu" in speakers
