"""Events in German, French and Spanish group as English ones do (issue 10, item 4).

``fixtures/multilingual_events.jsonl`` holds hand-written short reports of three events (an
earthquake in Peru, a look-alike earthquake off Crete the same day, a rail strike), two per
language in German, French and Spanish and one in English. It is small and its reports are
parallel (the same facts in each language): a check that language-aware tokens, stop words and
language identification work, not a measure of quality (BENCHMARKS.md says so).
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from storylens.models import Article
from storylens.stories import StoryEngine
from storylens.stories.features import article_terms
from storylens.stories.language import language_of

REPORTS = [
    json.loads(line)
    for line in (Path(__file__).parent / "fixtures" / "multilingual_events.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]


def test_the_language_of_every_report_is_identified() -> None:
    for report in REPORTS:
        assert language_of(None, report["title"] + "\n" + report["text"]) == report["language"]


@pytest.mark.parametrize(
    ("language", "stop"),
    [("de", {"der", "die", "und", "nach"}), ("fr", {"le", "la", "des", "une"}),
     ("es", {"el", "la", "del", "una"})],
)  # fmt: skip
def test_stop_words_of_the_reports_language_are_dropped(language: str, stop: set[str]) -> None:
    report = next(r for r in REPORTS if r["language"] == language)
    terms = article_terms(report["title"], report["text"], language).counts
    assert not stop & set(terms)
    assert any(t.startswith("@") for t in terms) and any(t.startswith("#") for t in terms)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reports_of_one_event_group_in_their_own_language_and_look_alikes_stay_apart(
    seed: int,
) -> None:
    """In any arrival order (no language given: the engine identifies it), both reports of an
    event in one language share a story, and no story mixes two events (the two earthquakes
    share their words in every language)."""
    feed = list(REPORTS)
    random.Random(seed).shuffle(feed)
    assert_grouped_by_event_in_each_language(feed)


def assert_grouped_by_event_in_each_language(feed: list[dict]) -> None:
    """Add the reports to a new engine in ``feed``'s order: no story mixes two events, and
    the reports of one event in one language share a story."""
    engine = StoryEngine()
    for r in feed:
        engine.add(Article(id=r["id"], origin="fixture", title=r["title"], body=r["text"]))
    for a, b in itertools.combinations(feed, 2):
        together = engine.story_of(a["id"]) == engine.story_of(b["id"])
        if a["event"] != b["event"]:
            assert not together, (a["id"], b["id"])
        elif a["language"] == b["language"]:
            assert together, (a["id"], b["id"])
