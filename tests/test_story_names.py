"""Capitalised nouns are not names for the story features (issue 10, session 14).

German capitalises every noun, so ``Erdbeben``, ``Feuerwehr`` or ``Lagerhalle`` used to be
``@`` names, and two look-alike events (two earthquakes, two warehouse fires) then agreed on
"names" they share with every report of their kind. ``fixtures/lookalike_events.jsonl`` holds
hand-written short reports: two warehouse fires in German towns, two in French cities, two
Spanish floods (same kind of event, other places and people), and events told by real names
(Thomas Müller, Olaf Scholz, Marine Le Pen) whose reports must still meet.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from storylens.nouns import noun_not_name
from storylens.stories.features import article_terms
from test_stories_languages import assert_grouped_by_event_in_each_language

FIXTURES = Path(__file__).parent / "fixtures"


def _read(name: str) -> dict[str, dict[str, str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in (json.loads(line) for line in lines if line.strip())}


LOOKALIKES = _read("lookalike_events.jsonl")
MULTILINGUAL = _read("multilingual_events.jsonl")
REPORTS = {**LOOKALIKES, **MULTILINGUAL}


def _names(report_id: str) -> set[str]:
    r = REPORTS[report_id]
    terms = article_terms(r["title"], r["text"], r["language"]).counts
    return {t[1:] for t in terms if t.startswith("@")}


@pytest.mark.parametrize(
    ("report_id", "nouns"),
    [
        ("de-quake-1", {"erdbeben", "stärke", "angaben", "epizentrum", "häuser", "region"}),
        ("de-quake-4", {"beben", "erdbeben", "stärke", "bürgermeister", "schulen", "schäden"}),
        ("de-fire-bielefeld-1", {"feuerwehr", "großbrand", "lagerhalle", "rauchwolke", "anwohner"}),
        ("de-fire-magdeburg-1", {"feuerwehr", "großbrand", "lagerhalle", "rauchwolke", "ursache"}),
        ("de-strike-1", {"streik", "stunden", "arbeitszeit", "lohnausgleich", "notfahrplan"}),
    ],
)  # fmt: skip
def test_german_common_nouns_are_not_names(report_id: str, nouns: set[str]) -> None:
    assert not nouns & _names(report_id)


def test_look_alike_german_fires_share_no_names() -> None:
    """Two warehouse fires told in the same words share no name: their towns differ."""
    assert not _names("de-fire-bielefeld-1") & _names("de-fire-magdeburg-1")
    assert not _names("de-fire-bielefeld-2") & _names("de-fire-magdeburg-2")


@pytest.mark.parametrize(
    ("report_id", "names"),
    [
        ("de-quake-2", {"dina_boluarte", "arequipa", "chivay", "peru"}),  # not "präsidentin_..."
        ("de-quake-1", {"arequipa", "chivay"}),  # "Region Arequipa", "Stadt Chivay"
        ("de-mueller-2", {"müller"}),  # a surname, not "Müll" + "-er"
        ("de-scholz-2", {"scholz", "tusk", "warschau"}),
        ("de-strike-1", {"gdl", "deutschen_bahn"}),
        ("de-strike-2", {"claus_weselsky", "gdl", "hamburg"}),
        ("de-fire-magdeburg-1", {"magdeburg"}),  # "Polizei Magdeburg": known only in German
        ("fr-lepen-1", {"marine_le_pen"}),
    ],
)  # fmt: skip
def test_names_stay_names(report_id: str, names: set[str]) -> None:
    assert names <= _names(report_id)


def test_a_surname_the_text_introduced_stays_a_name_alone() -> None:
    """``Söder`` is written almost only in German, like a German noun (zipf 3.7 in German, 1.4
    at most elsewhere); after ``Markus Söder`` the lone surname is his."""
    introduced = "Ministerpräsident Markus Söder lobt den Plan. Am Abend sagte Söder: weiter so."
    assert "@söder" in article_terms("Plan", introduced, "de").counts
    assert "@söder" not in article_terms("Plan", "Am Abend sagte Söder etwas.", "de").counts


def test_an_article_marks_a_noun_but_not_a_name_written_across_languages() -> None:
    """``dem Beben``: a noun; ``die Ukraine``, ``die Nato``, ``den Mac`` take articles too, but
    other languages write them as much as German does."""
    text = "Nach dem Beben will die Nato der Ukraine helfen. Er rettete den Mac aus dem Haus."
    names = {t for t in article_terms("Hilfe", text, "de").counts if t.startswith("@")}
    assert names == {"@nato", "@ukraine", "@mac"}


@pytest.mark.parametrize(
    ("word", "noun"),
    [("Erdbeben", True), ("Lokführergewerkschaft", True), ("Stunden-Woche", True),
     ("Müller", False), ("Merkel", False), ("Fischer", False), ("GDL", False),
     ("Colca-Tal", False)],
)  # fmt: skip
def test_noun_or_name_by_where_the_word_is_written(word: str, noun: bool) -> None:
    assert noun_not_name(word, "de") is noun
    assert noun_not_name(word, "en") is False  # only where every noun is capitalised


REAL_NAMES = ["de-mueller-1", "de-mueller-2", "de-scholz-1", "de-scholz-2", "fr-lepen-1",
              "fr-lepen-2"]  # fmt: skip


@pytest.mark.parametrize("seed", range(10))
def test_look_alike_quakes_stay_apart_and_real_names_join_in_any_order(seed: int) -> None:
    """The multilingual fixture's reports (two look-alike quakes and a strike, in four
    languages) with reports told by real names, in ten arrival orders: look-alikes never share
    a story, reports of one event in one language always do. Before German nouns stopped
    being names, the German quake reports were grouped wrongly in 3 of these 10 orders (seeds
    0 and 5: a Peru report met the Crete reports; seed 2: the Crete reports parted)."""
    feed = [*MULTILINGUAL.values(), *(LOOKALIKES[i] for i in REAL_NAMES)]
    random.Random(seed).shuffle(feed)
    assert_grouped_by_event_in_each_language(feed)
