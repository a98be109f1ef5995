"""The sentence-pair judge's embedding features and the shipped static model's integrity."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from storylens.compare.judge import FEATURES, Prepared, features, judge, load_model, prepare
from storylens.embedding import (
    MODEL_SHA256,
    ModelIntegrityError,
    load_static_model,
    sentence_vector,
    sentence_vectors,
    shipped_model_dir,
    text_token_ids,
)

SHIPPED = shipped_model_dir()


def _feature(a: str, b: str, name: str) -> float:
    return features(prepare(a), prepare(b))[FEATURES.index(name)]


def test_judge_ranks_a_restated_fact_above_one_with_a_changed_detail() -> None:
    """The judge's probability separates them (0.98 vs 0.73; before the embedding features
    0.98 vs 0.86); MSRP calls many changed-detail pairs paraphrases, so both can stay above
    one half: telling them apart outright is the conflict detector's job."""
    original = "The central bank raised interest rates by half a point on Thursday."
    restated = "On Thursday the central bank lifted interest rates by half a point."
    changed = "The central bank left interest rates unchanged on Thursday."
    same = judge(prepare(original), prepare(restated))
    other = judge(prepare(original), prepare(changed))
    assert same.outcome == "same"
    assert same.p_same > other.p_same + 0.15


def test_a_different_sentence_sharing_words_is_not_same() -> None:
    a = "The storm killed 12 people in Texas on Monday, officials said."
    b = "Officials in Texas said on Monday that schools would reopen after the storm."
    verdict = judge(prepare(a), prepare(b))
    assert verdict.outcome != "same" and verdict.p_same < 0.5


def test_word_alignment_counts_synonyms_that_exact_overlap_misses() -> None:
    a = "The automaker recalled 5,000 cars over faulty brakes."
    b = "The car company recalled 5,000 vehicles because of defective brakes."
    assert _feature(a, b, "align_min") > _feature(a, b, "cov_min") + 0.1
    unrelated = "The museum reopened its sculpture garden after a long renovation."
    assert _feature(a, b, "embed_cosine") > _feature(a, unrelated, "embed_cosine") + 0.2


def test_static_sentence_vectors_are_unit_length_and_deterministic() -> None:
    v = sentence_vector("Police arrested a man in Ohio on Friday.")
    assert v.shape == (128,)
    assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-5
    assert np.array_equal(v, sentence_vector("Police arrested a man in Ohio on Friday."))
    assert not sentence_vector("").any()


PIECE_CASES = [
    "Police arrested a man in Ohio on Friday.",
    "“Hello,” she said — it’s 3:45pm, $1,200.50 (approx.)!",
    "Ein Erdbeben der Stärke 6,8 erschütterte Perus Süden.",
    "四川省雅安市周二凌晨发生6.1级地震 and Ｆｕｌｌｗｉｄｔｈ ﾃｽﾄ",
    "e\u0301 \u0301e  double  spaces\ttab\nnewline \u00a0nbsp\u2009thin x\x1cy \ufeffbom",
    "[UNK] [CLS]a literal special tokens",
    "a" * 150 + " overlong word",
    "ΣΑΣ ΟΔΟΣ İstanbul ﬁne",
    " leading and trailing ",
]


@pytest.mark.parametrize("text", PIECE_CASES)
def test_token_ids_from_cached_pieces_are_the_tokenizers_own(text: str) -> None:
    """The static embedding reads ids put together per space-separated piece: they must be
    exactly the ids the model's tokenizer gives the whole text (else every vector shifts)."""
    tokenizer = load_static_model(SHIPPED).tokenizer
    assert text_token_ids(text) == tokenizer.encode(text, add_special_tokens=False).ids


def test_the_shipped_judge_projects_the_pair_vector() -> None:
    model = load_model()
    assert model.projection is not None
    assert model.projection.components.shape[1] == 256
    assert len(model.coef) == len(FEATURES) + len(model.projection.components)


def test_a_model_file_with_another_hash_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "static"
    shutil.copytree(SHIPPED, copy)
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=r"model\.safetensors: sha256 .* refusing"):
        load_static_model(copy)
    weights.unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        load_static_model(copy)


def test_the_shipped_model_loads_offline_from_the_package() -> None:
    model = load_static_model(SHIPPED, MODEL_SHA256)
    assert model.dim == 128


def test_soft_cover_credits_close_forms_and_spelling_variants_only() -> None:
    """Soft cover counts a word the other sentence has in a close form (``strikes`` inside
    ``airstrikes``; ``vulcano``, a spelling variant found by the rapidfuzz matrix) at 0.7 of
    its weight, and a word with no close form not at all."""
    from storylens.compare.judge import _soft_cover

    strikes = prepare("Airstrikes hit Aleppo")
    assert _soft_cover(strikes, prepare("Strikes hit Aleppo")) == sum(
        0.7 * w if s == "airstrik" else w for s, w in strikes.weight_map.items()
    )
    volcano = prepare("the volcano erupted")
    erupted, spelt = volcano.weight_map["erupt"], 0.7 * volcano.weight_map["volcano"]
    assert _soft_cover(volcano, prepare("the vulcano erupted")) == erupted + spelt
    assert _soft_cover(volcano, prepare("the mountain erupted")) == erupted


def test_batched_sentence_vectors_equal_one_by_one_bit_for_bit() -> None:
    """The judge embeds a comparison's sentences in one call: each vector must be exactly the
    one ``sentence_vector`` gives (empty and unknown-only texts included), or features shift."""
    texts = [*PIECE_CASES, "", "   ", "\x00\x01", "Police arrested a man in Ohio on Friday."]
    texts.append(" ".join(["word"] * 700))  # more tokens than MAX_TOKENS
    for got, text in zip(sentence_vectors(texts), texts, strict=True):
        want = sentence_vector(text)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), text
    assert sentence_vectors([]) == []


def _brute_soft_cover(mine, other) -> float:  # type: ignore[no-untyped-def]
    """Soft cover as first defined: a word of 5+ letters the other lacks counts 0.7 when any of
    the other's stems of 5+ letters is a close form of it."""
    from storylens.compare.judge import close_forms

    total = 0.0
    for s, w in mine.weight_map.items():
        if s in other.weight_map:
            total += w
        elif len(s) >= 5 and any(close_forms(s, o) for o in other.weight_map if len(o) >= 5):
            total += 0.7 * w
    return total


def test_batch_close_form_links_give_each_pairs_own_soft_cover() -> None:
    """Close forms are found once for a batch of pairs (prefixes, endings, one spelling matrix);
    every pair's soft cover, both ways, must equal the word-by-word definition, whatever other
    pairs share the batch (words of other pairs must not leak in)."""
    import random

    from storylens.compare.judge import _soft_cover, close_form_links

    stems = [
        "strike", "airstrike", "striker", "volcano", "vulcano", "volcanic", "erupted", "eruption",
        "killing", "killed", "kill", "overkill", "government", "govenment", "council", "counsel",
        "protest", "protesters", "reprotest", "aleppo", "alepo", "minister", "ministry",
        "administer", "colour", "color", "harbour", "harbor",
    ]  # fmt: skip
    rng = random.Random(7)
    sentences = [prepare(" ".join(rng.sample(stems, rng.randint(1, 7)))) for _ in range(40)]
    pairs = [(sentences[k], sentences[(k * 7 + 3) % 40]) for k in range(40)]
    links = close_form_links(pairs)
    for a, b in pairs:
        assert _soft_cover(a, b, links) == _brute_soft_cover(a, b)
        assert _soft_cover(b, a, links) == _brute_soft_cover(b, a)
        assert _soft_cover(a, b) == _brute_soft_cover(a, b)  # the pair alone


def test_matched_size_is_difflibs_matching_blocks_total() -> None:
    """The lean search behind ``lcs_ratio`` counts the words of difflib's matching blocks, on
    sequences with many repeats (where the longest-block choice and the split matter)."""
    import difflib
    import random

    from storylens.compare.judge import _matched_size

    def _matched_words(x: list[str], y: list[str]) -> int:
        positions: dict[str, list[int]] = {}
        for j, word in enumerate(y):
            positions.setdefault(word, []).append(j)
        return _matched_size(x, positions, len(y))

    rng = random.Random(7)
    for _ in range(3000):
        x = [rng.choice("abcd") for _ in range(rng.randint(0, 14))]
        y = [rng.choice("abcd") for _ in range(rng.randint(0, 14))]
        blocks = difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
        assert _matched_words(x, y) == sum(b.size for b in blocks), (x, y)


_MADE_UP = [
    "Police said Anna Kowalski, 34, was arrested in Gdansk on Monday after the protest.",
    "Kowalsky was arrested on Monday in Gdańsk, police said, after a protest of 3,000 people.",
    "The the the of of a a police police said said.",
    "Officials in Gdansk did not say how many protesters were held on Tuesday.",
    "Anna Kowalski denied the charges.",
    "12 people died and 40 were injured, the ministry said on Monday.",
    "The ministry said 14 people had died and 40 were hurt.",
    "",
    "Ok.",
    "Москва заявила об ударе 5 марта.",
    "北京时间3月5日，国务院总理发表讲话。",
]


def _made_up_pairs() -> list[tuple[Prepared, Prepared]]:
    import random

    words = " ".join(_MADE_UP).split()
    rng = random.Random(11)
    texts = _MADE_UP + [" ".join(rng.choices(words, k=rng.randint(1, 30))) for _ in range(60)]
    prepared = [prepare(t) for t in texts]
    return [(a, b) for a in prepared for b in prepared[::3]]


def test_unmatched_name_count_counts_the_unmatched_names() -> None:
    """The name count by set difference counts the names of the set-building definition."""
    from storylens.compare.judge import _unmatched_name_count, _unmatched_names

    pairs = _made_up_pairs()
    assert any(_unmatched_names(a, b) for a, b in pairs)
    for a, b in pairs:
        assert _unmatched_name_count(a, b) == len(_unmatched_names(a, b))


def test_costly_feature_bounds_hold_and_the_screen_never_drops_a_related_pair() -> None:
    """The word-order ratio and vector product lie within ``_costly_bounds``, and a pair the
    "related" test passes on its full word features is never screened out on its cheap ones."""
    from storylens.compare.judge import (
        _COSTLY,
        _costly_bounds,
        _lexical_features,
        _may_be_related,
        _related_by_words,
        _word_counts_features,
    )

    model = load_model()
    screened = 0
    for a, b in _made_up_pairs():
        full, cheap = _lexical_features(a, b), _word_counts_features(a, b)
        bounds = _costly_bounds(a, b)
        for k, (low, high) in zip(_COSTLY, bounds, strict=True):
            assert low <= full[k] <= high
        assert [v for k, v in enumerate(full) if k not in _COSTLY] == [
            v for k, v in enumerate(cheap) if k not in _COSTLY
        ]
        if _related_by_words(model, full):
            assert _may_be_related(model, cheap, bounds)
        screened += not _may_be_related(model, cheap, bounds)
    assert screened  # the screen does drop pairs
