"""Speaker rules for shapes found on real non-English news pages (issue 11, session 13).

Each sentence is hand-written (not copied from a page) and fails without its rule."""

from __future__ import annotations

import pytest

from storylens.compare import article_quotes
from storylens.models import Article


def speakers(body: str, language: str) -> list[str | None]:
    article = Article(id="a", origin="a", title="", body=body, language=language)
    return [q["speaker"] for q in article_quotes(article)]  # type: ignore[misc]


def test_zh_original_name_in_brackets_between_name_and_cue() -> None:
    body = "发言人约翰·史密斯(John Smith)表示：“我们将继续合作。”"
    assert speakers(body, "zh") == ["约翰·史密斯"]


def test_zh_long_clause_ending_in_role_and_name() -> None:
    body = "日本宇宙航空研究开发机构驻北京代表处首席发言人山田太郎表示：“我们将继续合作。”"
    assert speakers(body, "zh") == ["山田太郎"]


def test_zh_transcribed_name_with_middle_dot_may_be_long() -> None:
    body = "发言人玛格丽特·范德比尔特表示：“我们将继续合作。”"
    assert speakers(body, "zh") == ["玛格丽特·范德比尔特"]


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("“数据很清楚。”王芳说。\n\n北京大学教授约翰·史密斯（John Smith）研究气候三十年。"
         "他说：“变化正在加快。”", "约翰·史密斯"),
        ("“数据很清楚。”王芳说。\n\n李明认为，问题更复杂。他说：“我们需要更多时间和更多的数据。”",
         "李明"),
    ],
)
def test_zh_pronoun_goes_to_the_person_named_in_narration(body: str, speaker: str) -> None:
    assert speakers(body, "zh") == ["王芳", speaker]


def test_zh_pronoun_without_a_new_name_keeps_the_last_speaker() -> None:
    """A guard for the rule above (passes without it too)."""
    body = "“数据很清楚。”王芳说。\n\n问题更复杂。他说：“我们需要更多时间和更多的数据。”"
    assert speakers(body, "zh") == ["王芳", "王芳"]


def test_zh_cue_opening_indirect_speech_attributes_a_partial_quote() -> None:
    assert speakers("李明补充说，这项计划“还需要更多资金和人手”。", "zh") == ["李明"]


def test_zh_two_character_cue_followed_by_shuo() -> None:
    assert speakers("李明补充说：“这项计划还需要更多资金。”", "zh") == ["李明"]


def test_de_quote_after_a_closed_attribution_is_not_attributed_by_it() -> None:
    body = (
        "Die Pflanze wuchs vor Hunderten von Millionen Jahren. »Es ist wie ein Puzzle mit "
        "lauter gleichen Teilen«, sagte Sackton. »Das ist fast unmöglich.«"
    )
    assert speakers(body, "de") == ["Sackton", "Sackton"]


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("es", "Según el informe, la economía crecerá. «Vamos a salir adelante», opinó Torres.",
         "Torres"),
        ("pt", '"Foi um jogo difícil", falou Tite ao programa.', "Tite"),
        ("cs", "„Jsou to skvělí hráči,“ tvrdí Heskey.", "Heskey"),
    ],
)
def test_common_speech_verbs(language: str, body: str, speaker: str) -> None:
    assert speakers(body, language) == [speaker]
