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


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("nb", "Brannen startet i natt.\n\n– Vi har ikke funnet noen ennå, sier Kari Nordmann "
         "til avisen.", [("Vi har ikke funnet noen ennå", "Kari Nordmann")]),
        ("sv", "Polisen söker en man.\n\n– Vi vet inte var han är. Vi letar, säger Anna Berg "
         "från polisen.", [("Vi vet inte var han är. Vi letar", "Anna Berg")]),
        ("da", "Borgmester Lars Holm er glad.\n\n– Det er en god dag for byen! siger han.",
         [("Det er en god dag for byen!", "Lars Holm")]),
        ("nb", "Kort fortalt\n\n- Brannen startet i natt.\n- Tre personer ble evakuert.", []),
    ],
)
def test_scandinavian_dash_opens_a_quotation(
    language: str, body: str, expected: list[tuple[str, str]]
) -> None:
    assert quotes(body, language) == expected


def test_de_lone_noun_after_article_and_adjectives_is_no_name() -> None:
    body = (
        "Die Spielerin Anna Berger verlor das Finale.\n\n„Es war ein schwerer Tag“, sagte die "
        "25 Jahre alte Aufbauspielerin und Kapitänin von Köln."
    )
    assert speakers(body, "de") == ["Anna Berger"]


def test_epithet_after_a_cue_stands_for_the_person_quoted_before() -> None:
    body = (
        "Kari Nordmann er klar for finalen.\n\n– Det er det største smilet jeg har hatt på "
        "lenge, sier Nordmann.\n\n– Jeg skal sove godt og spise godt før finalen, sier det "
        "norske VM-håpet."
    )
    assert speakers(body, "nb") == ["Kari Nordmann", "Kari Nordmann"]


def test_epithet_is_the_person_named_most_not_the_last_one_quoted() -> None:
    body = (
        "Kari Brekkestø er klar for finalen. Brekkestø hoppet 4,50.\n\n– Det er et rart "
        "resultat, sier kommentator Per Olsen.\n\n– Jeg skal sove godt og spise godt før "
        "finalen, sier det norske VM-håpet."
    )
    assert speakers(body, "nb") == ["Per Olsen", "Kari Brekkestø"]


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("nb", "– Det er et rart resultat, sier NRK-kommentator Per Olsen.", "Per Olsen"),
        ("da", "Mette Holm åbner en café.\n\n»Vi har travlt!« udbryder hun.", "Mette Holm"),
    ],
)
def test_scandinavian_cues_and_roles(language: str, body: str, speaker: str) -> None:
    assert speakers(body, language) == [speaker]


def test_role_noun_written_after_the_name_and_a_comma_names_the_holder() -> None:
    body = (
        "Los vecinos protestan, dice Marta Gil, portavoz de la asociación. Tras reunirse con el "
        "concejal Pedro Soto, obtuvieron poco. «Nos parece insuficiente», afirma la portavoz."
    )
    assert speakers(body, "es") == ["Marta Gil"]


def test_de_institution_after_a_complement_is_not_a_person() -> None:
    body = (
        "Jonas Keller vom Institute for Applied Studies der Universität Ulm sieht das anders. "
        "„Wir sind spät dran“, sagte der Finanzprofessor."
    )
    assert speakers(body, "de") == ["Jonas Keller"]


def test_cue_after_a_sentence_opening_adverb_is_subjectless() -> None:
    body = "Marta Gil habló ayer en Sevilla. Además insistió en la idea: «Hay que actuar ya»."
    assert speakers(body, "es") == ["Marta Gil"]


def test_pl_jak_podaje_introduces_a_source() -> None:
    body = "Jak podaje agencja prasowa PAP, rząd chce „szybkich zmian w prawie”."
    assert speakers(body, "pl") == ["PAP"]


def test_de_person_one_verb_after_a_complement_is_still_a_person() -> None:
    """A guard for the institution rule above."""
    body = (
        "Nach dem Sturm in Tirol hat Landeshauptmann Jakob Wieser schnell geholfen. „Wir lassen "
        "niemanden allein“, sagte Wieser am Montag."
    )
    assert speakers(body, "de") == ["Jakob Wieser"]


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("sv", "Borgmästaren Eva Lind vädjar om hjälp. Lind skriver på X att läget är svårt.\n\n"
         "Natten var lugn i staden.\n\n”Läget är mycket allvarligt”\n\nUnder natten kom "
         "hjälp från grannkommunen.", "Eva Lind"),
        ("tr", "Bakan Kemal Yıldız yeni yolları anlattı.\n\n\"Yollar yakında hizmete "
         "açılacak\"\n\nYıldız, çalışmaların sürdüğünü belirtti.", "Kemal Yıldız"),
    ],
)
def test_quoted_subheading_is_the_protagonists(language: str, body: str, speaker: str) -> None:
    assert speakers(body, language) == [speaker]


@pytest.mark.parametrize(
    ("language", "body", "speaker"),
    [
        ("fr", "Marie Dubois, qui rencontrera jeudi le ministre Paul Martin, affirme qu'elle "
         "veut « un nouveau départ » pour la ville.", "Marie Dubois"),
        ("es", "Marta Gil, que se reunió ayer con el alcalde Pedro Soto, afirma que la ciudad "
         "necesita «un cambio profundo» pronto.", "Marta Gil"),
    ],
)
def test_subject_is_the_name_before_a_relative_clause(
    language: str, body: str, speaker: str
) -> None:
    assert speakers(body, language) == [speaker]


def test_de_title_after_article_and_noun_is_a_name_not_a_quote() -> None:
    body = (
        "Tom Baker teilte einen Beitrag des Kontos „Freunde für Baker“. Baker schrieb dazu: "
        "„Das gefällt mir sehr gut.“"
    )
    assert quotes(body, "de") == [("Das gefällt mir sehr gut.", "Tom Baker")]


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("sv", "Eva Lind är orolig.\n\n”Bristen på vatten gör läget mycket svårt för alla här."
         "\n\nVi behöver hjälp nu”.", ["Bristen på vatten gör läget mycket svårt för alla här."]),
        ("nb", "– Jeg trodde jeg var ute. Men da sa treneren «Det er ikke over», sier Kari "
         "Brekkestø.", ["Jeg trodde jeg var ute. Men da sa treneren", "Det er ikke over"]),
    ],
)
def test_scandinavian_quotation_left_open_or_holding_another(
    language: str, body: str, expected: list[str]
) -> None:
    assert [text for text, _ in quotes(body, language)][: len(expected)] == expected


def test_nb_dash_quotation_holding_another_takes_the_final_attribution() -> None:
    body = "– Jeg trodde jeg var ute. Men da sa treneren «Det er ikke over», sier Kari Brekkestø."
    assert speakers(body, "nb")[0] == "Kari Brekkestø"


def test_later_partial_quote_of_a_sentence_is_its_subjects() -> None:
    body = (
        "La ministra Marta Gil visitó Sevilla. Poco antes de la reunión, Gil ha recordado que "
        "la «calma» es «frágil» y pidió que la ayuda llegue pronto «y sin más retrasos»."
    )
    assert speakers(body, "es")[-1] == "Marta Gil"
