"""Speaker rules for shapes found on real news pages in other languages (issue 11, session 15:
half A of the fundus pages).

Each sentence is hand-written (not copied from a page) and fails without its rule."""

from __future__ import annotations

import pytest

from storylens.compare import article_quotes
from storylens.models import Article


def quotes(body: str, language: str) -> list[tuple[str, str | None]]:
    article = Article(id="a", origin="a", title="", body=body, language=language)
    return [(q["text"], q["speaker"]) for q in article_quotes(article)]  # type: ignore[misc]


def speakers(body: str, language: str) -> list[str | None]:
    return [speaker for _, speaker in quotes(body, language)]


@pytest.mark.parametrize(
    "body",
    [
        'Törende konuşan Bakan Ayşe Demir, "Yeni yollar yakında hizmete açılacak." diye konuştu.',
        'Bakan Ayşe Demir törene katıldı.\n\nYatırımların sürdüğünü belirten Demir, "Yeni yollar '
        'yakında hizmete açılacak." ifadesini kullandı.',
        'Ayşe Demir, "Yeni yollar yakında hizmete açılacak" dedi.',
    ],
)
def test_tr_cue_after_the_quote_with_the_speaker_before_it(body: str) -> None:
    assert speakers(body, "tr") == ["Ayşe Demir"]


def test_tr_case_ending_after_an_apostrophe_is_not_part_of_the_name() -> None:
    body = (
        "Bakan Ayşe Demir'in açıklamasına göre çalışmalar sürüyor.\n\n"
        '"Yeni yollar yakında hizmete açılacak." diye konuştu.'
    )
    assert speakers(body, "tr") == ["Ayşe Demir"]


def test_name_starts_after_the_last_role_noun_of_a_capitalised_run() -> None:
    body = 'Sağlık İşleri Başkanı Kemal Yıldız, "Hastaneler hazır durumda." dedi.'
    assert speakers(body, "tr") == ["Kemal Yıldız"]
