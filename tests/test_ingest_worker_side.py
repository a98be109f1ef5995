"""Issue 10 (session 10, helper ingest4): the worker side of ingest computes the same values
faster. Each test compares against the computation it replaced."""

from __future__ import annotations

import random

import numpy as np

from storylens import embedding
from storylens.embedding import MAX_TOKENS, sentence_vector, text_token_ids, word_vector

TEXTS = [
    "Police arrested a man in Ohio on Friday.",
    "“Hello,” she said — it’s 3:45pm, $1,200.50 (approx.)!",
    "Ein Erdbeben der Stärke 6,8 erschütterte Perus Süden.",
    "四川省雅安市周二凌晨发生6.1级地震",
    "[UNK]",
    "",
    "   ",
    "a",
    "Ohio",
    "unbelievably",
    "ΣΑΣ ΟΔΟΣ İstanbul ﬁne",
    " ".join(["the council approved the budget on Tuesday"] * 120),  # > MAX_TOKENS tokens
]


def _old_sentence_vector(text: str) -> np.ndarray:
    """The vector as computed before: the float32 mean of the token rows, over its norm."""
    model = embedding._model()
    ids = text_token_ids(text)[:MAX_TOKENS]
    if model.unk_token_id is not None:
        ids = [i for i in ids if i != model.unk_token_id]
    if not ids:
        return np.zeros(model.dim, dtype=np.float32)
    vector = np.asarray(model.embedding[ids].astype(np.float32).mean(axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _random_texts(count: int) -> list[str]:
    rng = random.Random(10)
    vocabulary = [t for text in TEXTS for t in text.split()] + [
        "bridge", "river", "minister", "said", "résumé", "naïve", "2026", "%", "—", "x",
    ]  # fmt: skip
    return [" ".join(rng.choices(vocabulary, k=rng.randint(1, 40))) for _ in range(count)]


def test_sentence_vector_is_bit_for_bit_the_float32_mean_over_its_norm() -> None:
    for text in TEXTS + _random_texts(300):
        new, old = sentence_vector(text), _old_sentence_vector(text)
        assert new.dtype == old.dtype == np.float32
        assert new.tobytes() == old.tobytes(), text


def test_word_vectors_are_bit_for_bit_the_same() -> None:
    words = {w for text in TEXTS + _random_texts(100) for w in text.split()}
    for word in sorted(words):
        assert word_vector(word).tobytes() == _old_sentence_vector(word).tobytes(), word
