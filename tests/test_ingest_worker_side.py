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


def _datasketch_signature(text: str):  # type: ignore[no-untyped-def]
    """The MinHash as datasketch's own ``update_batch`` computes it (the code replaced)."""
    from datasketch import MinHash

    from storylens.stories.duplicates import MIN_SHINGLES, NUM_PERM, SCHEME, shingles

    items = shingles(text)
    if len(items) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, seed=1)
    minhash.update_batch(list(items))
    minhash.shingles = len(items)
    return minhash


def test_minhash_values_are_datasketchs_and_the_worker_bytes_the_engines() -> None:
    from storylens.stories.duplicates import signature, signature_bytes, text_signature_bytes

    rng = random.Random(7)
    words = [f"w{k}" for k in range(400)] + ["état", "Straße", "东京", "2026", "ok"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 900))) for _ in range(200)]
    texts += ["too short to sign", "", "one two three four five six seven eight nine ten eleven"]
    signed = 0
    for text in texts:
        mine, theirs = signature(text), _datasketch_signature(text)
        assert (mine is None) == (theirs is None)
        if mine is None:
            assert text_signature_bytes(text) is None
            continue
        signed += 1
        assert mine.hashvalues.dtype == theirs.hashvalues.dtype
        assert np.array_equal(mine.hashvalues, theirs.hashvalues)
        assert mine.shingles == theirs.shingles
        assert mine.jaccard(theirs) == 1.0
        assert text_signature_bytes(text) == signature_bytes(mine) == signature_bytes(theirs)
    assert signed > 150


def test_shingles_are_every_run_of_four_words() -> None:
    from storylens.stories.duplicates import SHINGLE_WORDS, shingles

    rng = random.Random(3)
    for count in [0, 1, 3, 4, 5, 9, 60]:
        words = [rng.choice(["Alpha", "beta", "GAMMA", "δέλτα", "7"]) for _ in range(count)]
        text = " ".join(words)
        lowered = text.lower().split()
        expected = {
            " ".join(lowered[i : i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(max(0, len(lowered) - SHINGLE_WORDS + 1))
        }
        assert shingles(text) == expected
