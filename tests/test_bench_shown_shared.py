"""``alignment.sentences_shown_shared`` of ``storylens bench compare``: what a reader is told of
each labelled sentence (reported by the other article too, or only here)."""

from __future__ import annotations

from storylens.bench.compare import _all_shared, _score_shown


def _label(a: list[int], b: list[int], label: str) -> dict:
    return {"a_span": a, "b_span": b, "label": label}


LABELS = [
    _label([0, 10], [0, 12], "partial"),  # a1 ~ b1
    _label([0, 10], [13, 30], "partial"),  # a1 ~ b2: a1 says what b1 and b2 say
    _label([11, 20], [0, 12], "different"),  # a2 is only in A
    _label([21, 40], [31, 50], "ambiguous"),  # a3, b3: not scored
]


def _counts() -> dict[str, int]:
    return {"tp": 0, "fp": 0, "fn": 0, "tn": 0}


def test_a_sentence_shown_shared_with_any_of_its_partners_is_right() -> None:
    """a1 shares a fact with b1 only: a1, b1 are right, b2 is missed, a2 is rightly alone."""
    counts = _counts()
    _score_shown([((0, 10), (0, 12))], LABELS, counts)
    assert counts == {"tp": 2, "fp": 0, "fn": 1, "tn": 1}


def test_a_sentence_shown_shared_when_it_is_only_here_is_a_false_positive() -> None:
    counts = _counts()
    _score_shown([((0, 10), (0, 12)), ((0, 10), (13, 30)), ((11, 20), (13, 30))], LABELS, counts)
    assert counts == {"tp": 3, "fp": 1, "fn": 0, "tn": 0}
    assert _all_shared(counts) == {"precision": 0.75, "recall": 1.0, "f1": 0.857}
