"""The scorer of scripts/quotes_real_pages.py on tiny hand-written bodies (issue 11)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def qrp(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("quotes_real_pages")


BODY = (
    "„Wir bauen jetzt schneller“, sagt Anna Weber. Das „grüne Herz“ der Stadt wächst.\n"
    "„Die Preise steigen“, sagt die Chefin."
)
GOLD = [
    {"text": "Wir bauen jetzt schneller", "speaker": "Anna Weber", "kind": "direct"},
    {"text": "grüne Herz", "speaker": None, "kind": "not_quote"},
    {"text": "Die Preise steigen", "speaker": "Anna Weber", "kind": "direct"},
]


def _span(text: str, speaker: str | None) -> dict[str, object]:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text), "speaker": speaker}


def test_scores_quotes_scare_quotes_and_speakers(qrp) -> None:  # type: ignore[no-untyped-def]
    predicted = [
        _span("Wir bauen jetzt schneller", "Anna Weber"),
        _span("grüne Herz", None),
        _span("Die Preise steigen", "die Chefin"),
    ]
    counts = qrp.zero()
    errors: list[dict[str, object]] = []
    qrp.score_page(BODY, GOLD, predicted, counts, errors)
    assert (counts["pred"], counts["pred_ok"]) == (3, 2)
    assert (counts["gold"], counts["found"]) == (2, 2)
    assert (counts["named"], counts["speaker_ok"], counts["speaker_strict"]) == (2, 1, 1)
    assert sorted(e["error"] for e in errors) == ["not_quote", "speaker"]


def test_a_missed_quote_and_a_joined_span(qrp) -> None:  # type: ignore[no-untyped-def]
    body = "„Eins zwei drei“, sagt Anna Weber, „vier fünf sechs.“ Sonst nichts."
    gold = [
        {"text": "Eins zwei drei", "speaker": "Anna Weber", "kind": "direct"},
        {"text": "vier fünf sechs.", "speaker": "Anna Weber", "kind": "direct"},
    ]
    joined = {"start": 0, "end": body.index(" Sonst"), "speaker": "Anna Weber"}
    counts = qrp.zero()
    errors: list[dict[str, object]] = []
    qrp.score_page(body, gold, [joined], counts, errors)
    # one span over both quotations and the cue: wrong for "one gold quote", right when joined
    assert (counts["pred_ok"], counts["pred_ok_joined"], counts["found"]) == (0, 1, 2)
    assert [e["error"] for e in errors] == ["joined"]
    counts = qrp.zero()
    qrp.score_page(body, gold, [], counts, errors)
    assert (counts["gold"], counts["found"]) == (2, 0)


def test_cjk_tokens_are_characters_and_names_share_two(qrp) -> None:  # type: ignore[no-untyped-def]
    assert len(qrp.tokens("他说：“我不同意。”", 0, 10)) == 6  # 他说我不同意
    assert qrp.same_speaker("戴夫·汉森", "汉森")
    assert not qrp.same_speaker("戴夫·汉森", "森")
    assert qrp.same_speaker("Shaun Ghulam", "Shaun Cathcart")  # a shared first name counts...
    assert not qrp.strict_speaker("Shaun Ghulam", "Shaun Cathcart")  # ...but not strictly
    assert qrp.strict_speaker("Tomasz Zieliński", "Tomasza Zielińskiego")
    assert qrp.clause_before("美国发言人张三表示：“不行。”", 11) == "美国发言人张三表示"


def test_half_is_the_first_sha1_byte_of_the_page_id(qrp) -> None:  # type: ignore[no-untyped-def]
    # sha1("fundus/de/a")[0] = 135 (odd: B); the split must never depend on anything else
    assert qrp.half("fundus/de/a") == "B"
    assert {qrp.half(f"fundus/de/{c}") for c in "abcdefghij"} == {"A", "B"}
