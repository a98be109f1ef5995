"""Title, date, byline and site of plain-text dumps in several languages (issue 9, item 5)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from storylens.bench.extract import DumpPage, metadata_accuracy, text_baseline
from storylens.extract.lines import describe_page
from storylens.extract.metadata_text import find_dates, parse_byline, parse_date
from storylens.extract.text import extract_from_text
from storylens.extract.textmeta import (
    TITLE_WEIGHTS,
    body_share,
    page_site,
    rank_titles,
    split_site_affix,
    title_text,
)

GERMAN = """Startseite
Politik
Wirtschaft
Sport
Bahn streicht Nachtzüge nach Paris | Tagesblatt
Bahn streicht Nachtzüge nach Paris
Die Verbindung war erst vor drei Jahren eröffnet worden
Von Anna Müller
Stand: 02.12.2026, 14:03 Uhr
Die Deutsche Bahn streicht die Nachtzüge nach Paris zum Fahrplanwechsel im Dezember, wie das \
Unternehmen am Mittwoch in Berlin mitteilte.
Als Grund nannte die Bahn die hohen Kosten und eine zu geringe Auslastung der Züge auf der \
Strecke nach Frankreich.
Am 3. März 1999 war schon einmal eine Verbindung eingestellt worden, damals nach Brüssel, sagte \
ein Sprecher.
Fahrgastverbände kritisierten die Entscheidung scharf und forderten die Bundesregierung zum \
Handeln auf.
Newsletter abonnieren
Impressum
Tagesblatt Verlag
"""
FRENCH = """Accueil
International
La SNCF supprime des trains de nuit vers Berlin
Par Jean-Pierre Dupont
Publié le 2 décembre 2026 à 10h45
La SNCF a annoncé mercredi la suppression de plusieurs trains de nuit vers Berlin à partir du \
changement d'horaire de décembre.
Selon l'entreprise, les coûts d'exploitation sont trop élevés et le taux de remplissage des \
trains reste insuffisant sur cette ligne.
Les associations d'usagers ont vivement critiqué cette décision et demandent au gouvernement \
d'intervenir rapidement.
"""
SPANISH = """Portada
Renfe suprime los trenes nocturnos a Lisboa
Por María José García
2 de diciembre de 2026
Renfe anunció el miércoles la supresión de los trenes nocturnos a Lisboa a partir del cambio de \
horario de diciembre.
Según la empresa, los costes de explotación son demasiado altos y la ocupación de los trenes \
sigue siendo insuficiente en esta línea.
Las asociaciones de usuarios criticaron duramente la decisión y pidieron al Gobierno que \
intervenga cuanto antes.
"""
NARRATIVE_DATE_ONLY = """Home
World
Old bridge finally reopens after long repairs
The bridge over the river reopened to traffic on Tuesday after two years of repairs, city \
officials said in a statement.
It was first closed on 3 March 1999 when engineers found cracks in two of its supporting \
pillars, and again in 2019.
Drivers had used a long detour through the valley, which added about forty minutes to the \
journey each way.
"""


@pytest.mark.parametrize(
    ("page", "title", "published", "byline"),
    [
        (GERMAN, "Bahn streicht Nachtzüge nach Paris", "2026-12-02T14:03:00", "Anna Müller"),
        (FRENCH, "La SNCF supprime des trains de nuit vers Berlin", "2026-12-02",
         "Jean-Pierre Dupont"),
        (SPANISH, "Renfe suprime los trenes nocturnos a Lisboa", "2026-12-02",
         "María José García"),
    ],
)  # fmt: skip
def test_metadata_of_dumps_in_several_languages(page, title, published, byline):
    found = extract_from_text(page)
    assert found.title == title
    assert found.published == published
    assert found.byline == byline
    assert all(byline not in p and "2026" not in p for p in found.paragraphs)


def test_site_from_a_title_line_with_the_site_suffix():
    found = extract_from_text(GERMAN)
    assert found.title == "Bahn streicht Nachtzüge nach Paris"
    assert found.site == "Tagesblatt"


def test_a_date_inside_the_narrative_is_not_the_publication_date():
    found = extract_from_text(NARRATIVE_DATE_ONLY)
    assert found.title == "Old bridge finally reopens after long repairs"
    assert found.published is None
    assert any("3 March 1999" in p for p in found.paragraphs)


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("2. Dezember 2026", "de", "2026-12-02"),
        ("2 décembre 2026", "fr", "2026-12-02"),
        ("2 de diciembre de 2026", "es", "2026-12-02"),
        ("2 grudnia 2026", "pl", "2026-12-02"),
        ("December 2, 2026", "en", "2026-12-02"),
        ("02.12.2026", None, "2026-12-02"),
        ("2026-12-02", None, "2026-12-02"),
        ("2026年12月2日", None, "2026-12-02"),
        ("25/12/2026", None, "2026-12-25"),
        ("Stand: 02.12.2026, 14:03 Uhr", "de", "2026-12-02T14:03:00"),
    ],
)
def test_full_dates_in_many_forms(text, language, iso):
    assert parse_date(text, language) == iso


@pytest.mark.parametrize(
    "text", ["in 2026", "Dezember 2026", "version 1.5.2", "32.13.2026", "phone 02 12 2026 99"]
)
def test_no_date_is_invented(text):
    assert find_dates(text, "de") == []


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Von Anna Müller, dpa", "Anna Müller"),
        ("Par Jean-Pierre Dupont | Publié le 2 décembre", "Jean-Pierre Dupont"),
        ("Por María José García", "María José García"),
        ("Autor: Jan Kowalski", "Jan Kowalski"),
        ("Przez Łukasz Nowak", "Łukasz Nowak"),
        ("Von Anna Müller und Peter Schmidt", "Anna Müller und Peter Schmidt"),
        ("By Joseph Tsidulko November 19, 2019, 07:47 PM EST", "Joseph Tsidulko"),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "Chris Davies"),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", "Joe Rossignol"),
        ("Von Stefan Beiersmann am 29. Mai 2017, 14:14 Uhr", "Stefan Beiersmann"),
        ("Par Jean Dupont le 2 décembre 2026", "Jean Dupont"),
    ],
)
def test_bylines_in_several_languages(line, name):
    language = "fr" if "décembre" in line else "de" if "Mai" in line else "en"
    assert parse_byline(line, language) == name


@pytest.mark.parametrize(
    "line",
    ["Par ailleurs, il a dit", "Von Berlin aus fährt der Zug weiter.", "Por la mañana",
     "By clicking here you agree", "Middle East Summit 2 December 2026 opens in Doha today",
     "Published: 2 December 2026"],
)  # fmt: skip
def test_sentences_opening_with_a_byline_word_are_not_bylines(line):
    assert parse_byline(line) is None


def test_site_affix_is_split_only_when_short():
    assert split_site_affix("Gulf states urge peace | BBC News") == (
        "Gulf states urge peace",
        "BBC News",
    )
    assert split_site_affix("Netanyahu: Israel And Russia Will Work") == (
        "Netanyahu: Israel And Russia Will Work",
        None,
    )
    long_tail = "Storm hits coast - thousands of homes without power across the region tonight"
    assert split_site_affix(long_tail)[1] is None
    lines = ["Storm hits coast | Daily Example", "Storm hits coast", "Text.", "Daily Example"]
    assert page_site(lines, 1) == "Daily Example"
    assert page_site(lines[:3], 1) is None  # a name said once may be a headline part
    assert page_site(["Storm", "Text", "© stock.adobe.com"], 0) is None
    assert page_site(["Storm", "Text", "Copyright 2008 chinadaily.com.cn."], 0) == (
        "chinadaily.com.cn"
    )


def test_headline_beats_its_deck_and_a_far_teaser_by_page_cues():
    lines = [
        "Home",
        "Storm floods coastal towns | Example News",
        "Storm floods coastal towns",
        "Thousands of homes lost power overnight",
        "A storm flooded coastal towns on Monday, cutting power to thousands of homes.",
        "Rescue teams worked through the night in the worst-hit towns along the coast.",
        "Football club signs new striker",
    ]
    facts = describe_page(lines)
    title_score = np.array([0.01, 0.2, 0.3, 0.35, 0.01, 0.01, 0.34])
    body = np.array([False, False, False, False, True, True, False])
    eligible = np.array([True] * len(lines))
    ranked = rank_titles(facts, title_score, body, eligible)
    assert ranked[0][0] == 2
    assert {i for i, _ in ranked} >= {2, 3, 6}


def test_metadata_accuracy_counts_right_wrong_missing_and_baseline():
    pages = [
        DumpPage("a", "Title A\nBody.", meta={"title": "Title A", "date": "2026-12-02"}),
        DumpPage(
            "b", "Menu\nTitle B\nBody 2026-12-01.", meta={"title": "Title B", "date": "2026-12-02"}
        ),
    ]
    found = [{"title": "Title A", "date": None}, {"title": "Menu", "date": "2026-12-01"}]
    baseline = [text_baseline(p.text, "en") for p in pages]
    report = metadata_accuracy(pages, found, baseline)
    assert report["title"] == {
        "pages": 2, "right": 1, "wrong": 1, "missing": 0, "visible": 2, "right_of_visible": 1,
        "baseline_right": 1, "baseline_wrong": 1, "accuracy": 0.5,
    }  # fmt: skip
    assert (report["date"]["right"], report["date"]["wrong"], report["date"]["missing"]) == (
        0,
        1,
        1,
    )
    assert report["date"]["visible"] == 0


def test_headline_beats_a_teaser_above_it_whose_words_the_article_does_not_use():
    """A teaser for another story right above the headline scores higher with the model and
    shares nothing with the lead, but only the headline's words recur in the article below."""
    lines = [
        "Mehr aus der Region",
        "Neuer Radweg am Rhein eröffnet",
        "Stadtrat beschließt Sanierung der Schulen",
        "Am Dienstagabend fiel im Rathaus eine lange erwartete Entscheidung für die Stadt.",
        "Die Eltern hatten seit Jahren auf diesen Moment gewartet, sagte eine Sprecherin.",
        "Die Kosten liegen nach ersten Schätzungen bei rund zwölf Millionen Euro.",
        "Der Stadtrat stimmte mit großer Mehrheit für die Sanierung aller sieben Schulen.",
    ]
    facts = describe_page(lines)
    title_score = np.array([0.05, 0.5, 0.35, 0.01, 0.01, 0.01, 0.01])
    body = np.array([False, False, False, True, True, True, True])
    eligible = np.array([True, True, True, False, False, False, False])
    assert body_share(facts, 2, [3, 4, 5, 6], {}) == 0.75  # all but "beschließt"
    assert body_share(facts, 1, [3, 4, 5, 6], {}) == 0.0
    assert rank_titles(facts, title_score, body, eligible)[0][0] == 2
    without = replace(TITLE_WEIGHTS, body_share=0.0)
    assert rank_titles(facts, title_score, body, eligible, without)[0][0] == 1


def test_a_menu_item_the_article_uses_does_not_beat_the_headline():
    """Modern pages print their menus one item a line; an item the lead happens to use
    ("Wahlen") shares "all" its words with the article, which used to outweigh the headline's
    cues on a page where the model doubts both (session 15, issue 9)."""
    lines = [
        "Politik",
        "Wahlen",
        "Wirtschaft",
        "Parteien ringen um eine Mehrheit im neuen Landtag",
        "Nach den Wahlen beginnen die Gespräche, denn keine Koalition hat eine Mehrheit.",
        "Die Wahlen wirken noch lange nach, sagte die Landesvorsitzende am Montag.",
        "Beobachter rechnen mit einer langen Hängepartie im Landtag.",
    ]
    facts = describe_page(lines)
    title_score = np.array([0.01, 0.01, 0.01, 0.03, 0.01, 0.01, 0.01])
    body = np.array([False, False, False, False, True, True, True])
    eligible = np.array([True, True, True, True, False, False, False])
    assert rank_titles(facts, title_score, body, eligible)[0][0] == 3


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("* # Stromausfall in Berlin: Ampeln aus", "Stromausfall in Berlin: Ampeln aus"),
        ("4. # Künstliche Intelligenz in der Schule", "Künstliche Intelligenz in der Schule"),
        ("* Collectors hunt rare dollar bills", "Collectors hunt rare dollar bills"),
        ("3. Liga: Dresden gewinnt in Ulm", "3. Liga: Dresden gewinnt in Ulm"),
        ("- Angsten vil øke", "- Angsten vil øke"),
    ],
)
def test_a_headline_is_shown_without_the_markdown_marks_around_it(line, title):
    """html2text writes the headline as a heading inside a list ("* # Headline")."""
    assert title_text(line) == title
