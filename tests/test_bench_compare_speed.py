"""The pairwise speed figure must time two reports of one event: reports of different events
share no candidate sentences, so the judge (most of a comparison's cost) would never run."""

from __future__ import annotations

from storylens.bench.compare import _same_story_pair
from storylens.models import Article


def _article(ident: str, words: int) -> Article:
    return Article(id=ident, origin=ident, title="", body=" ".join(["word"] * words))


def test_speed_pair_is_two_reports_of_one_event_closest_to_800_words() -> None:
    event_a = [_article("a1", 800), _article("a2", 300), _article("a3", 790)]
    event_b = [_article("b1", 805)]  # closest to 800 words, but alone in its event
    event_c = [_article("c1", 700), _article("c2", 650)]

    pair = _same_story_pair([event_a, event_b, event_c])

    assert sorted(a.id for a in pair) == ["a1", "a3"]
