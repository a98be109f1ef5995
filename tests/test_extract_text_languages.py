"""The plain-text line model on pages that are neither English nor one block per line: French
and German articles framed by menus in their own language, as a block renderer and as a
hard-wrapping renderer (html2text, ``lynx -dump``) write them. The article's paragraphs must
survive and the menu lines must go, whatever the language or dump style."""

from __future__ import annotations

import textwrap

import pytest

from storylens.bench.metrics import tokens
from storylens.extract.layout import page_lines, wrap_width
from storylens.extract.lines import describe
from storylens.extract.text import REASON_RELATED_HEADER, extract_from_text, forced_reason

FRENCH = [
    "Le conseil municipal a adopté mardi soir, après un long débat, la construction d'une "
    "nouvelle ligne de tramway qui doit relier les quartiers nord de la ville à la gare centrale.",
    "Le coût du projet est estimé à environ 240 millions d'euros, dont la plus grande partie "
    "serait prise en charge par l'État et la région, a précisé le maire lors d'une conférence "
    "de presse.",
    "Les opposants regrettent que de nombreuses rues doivent être fermées pendant au moins quatre "
    "ans de travaux et craignent que les commerçants du centre ne souffrent des chantiers.",
    "Les premiers travaux devraient commencer au printemps prochain, si les recours déposés par "
    "plusieurs associations de riverains sont rejetés par le tribunal administratif.",
]
FRENCH_MENU = ["Accueil", "Politique", "Économie", "Culture", "Se connecter", "S'abonner"]
FRENCH_FOOTER = ["Mentions légales", "Nous contacter", "Plan du site", "Publicité"]
GERMAN = [
    "Der Stadtrat hat am Dienstagabend nach langer Debatte den Bau einer neuen Straßenbahnlinie "
    "beschlossen, die den Norden der Stadt mit dem Hauptbahnhof verbinden soll.",
    "Die Kosten werden auf rund 240 Millionen Euro geschätzt, von denen der Bund und das Land den "
    "größten Teil übernehmen wollen, wie der Oberbürgermeister am Mittwoch sagte.",
    "Kritiker bemängeln, dass während der Bauzeit von mindestens vier Jahren zahlreiche Straßen "
    "gesperrt werden müssen und der Einzelhandel unter den Baustellen leiden werde.",
    "Mit den ersten Arbeiten soll im kommenden Frühjahr begonnen werden, sofern das "
    "Verwaltungsgericht die Klagen mehrerer Anwohnervereine abweist.",
]
GERMAN_MENU = ["Startseite", "Politik", "Wirtschaft", "Kultur", "Anmelden", "Abonnieren"]
GERMAN_FOOTER = ["Impressum", "Datenschutz", "Kontakt", "Werbung"]
GERMAN_LIST = [
    "Weitere Artikel aus der Region finden Sie jederzeit in unserem Archiv der vergangenen Jahre",
    "Alle Meldungen zum Nahverkehr und zu Baustellen in der Stadt lesen Sie in unserem Dossier",
]

CASES = {
    "fr": (FRENCH, FRENCH_MENU, FRENCH_FOOTER),
    "de": (GERMAN, GERMAN_MENU, GERMAN_FOOTER),
}


def block_dump(article: list[str], menu: list[str], footer: list[str]) -> str:
    return "\n".join([*menu, "Le tramway / Die Straßenbahn", *article, *footer]) + "\n"


def wrapped_dump(article: list[str], menu: list[str], footer: list[str]) -> str:
    """As html2text writes it: list items unwrapped, paragraphs wrapped at 78, blank lines."""
    parts = [f"  * {item}" for item in menu] + [""]
    for paragraph in article:
        parts += [*textwrap.wrap(paragraph, 78), ""]
    parts += [f"  * {item}" for item in footer]
    return "\n".join(parts) + "\n"


def recall(body: str, gold: list[str]) -> float:
    found, wanted = tokens(body), tokens("\n".join(gold))
    return sum((found & wanted).values()) / sum(wanted.values())


@pytest.mark.parametrize("language", sorted(CASES))
@pytest.mark.parametrize("dump", [block_dump, wrapped_dump])
def test_article_in_its_language_survives_and_menus_go(language: str, dump) -> None:
    article, menu, footer = CASES[language]
    extraction = extract_from_text(dump(article, menu, footer))
    body = "\n".join(extraction.paragraphs)
    assert extraction.language == language
    assert recall(body, article) >= 0.95, extraction.removed
    kept = set(extraction.paragraphs)
    for item in [*menu, *footer]:
        assert not any(line.endswith(item) for line in kept), item


def test_long_list_items_do_not_hide_the_wrap_width() -> None:
    """html2text leaves list items unwrapped, so they run past the width; the paragraphs are
    still re-joined at the width they were wrapped at."""
    long_items = [f"  * {item}, {n}. Folge" for item in GERMAN_LIST for n in range(1, 4)]
    text = wrapped_dump(GERMAN, GERMAN_MENU, []) + "\n".join(long_items) + "\n"
    raw = text.splitlines()
    assert 70 <= (wrap_width(raw) or 0) <= 78
    assert all(paragraph in page_lines(text) for paragraph in GERMAN)


RELATED_HEADERS = {
    "de": ["Mehr zum Thema", "Lesen Sie auch:", "Weitere Beiträge aus der Kolumne:"],
    "fr": ["À lire aussi", "Sur le même sujet"],
    "es": ["Más sobre Política", "Noticias relacionadas"],
    "pt": ["Leia também"],
    "pl": ["Czytaj też"],
    "it": ["Leggi anche"],
}


@pytest.mark.parametrize("header", [h for hs in RELATED_HEADERS.values() for h in hs])
def test_related_headers_in_other_languages(header: str) -> None:
    """The header over a list of other stories is named in the page's own language too."""
    assert describe(header).related_header
    assert forced_reason(header) == REASON_RELATED_HEADER


@pytest.mark.parametrize(
    "line",
    [
        "Lesen Sie auch, was der Minister dazu sagte.",
        "Lire aussi le rapport complet de la commission",
        "Mehr zu den Themen der Woche",
    ],
)
def test_sentences_that_start_like_related_headers_are_not_headers(line: str) -> None:
    assert not describe(line).related_header


def test_german_related_header_after_the_article_is_dropped_with_its_reason() -> None:
    teasers = ["Neue Buslinie im Süden geplant", "Bahnhof wird ab Mai umgebaut"]
    text = "\n".join([*GERMAN_MENU, "Die Straßenbahn", *GERMAN, "Mehr zum Thema", *teasers])
    extraction = extract_from_text(text)
    assert "Mehr zum Thema" not in extraction.paragraphs
    assert ("Mehr zum Thema", REASON_RELATED_HEADER) in {
        (r.text, r.reason) for r in extraction.removed
    }
    assert recall("\n".join(extraction.paragraphs), GERMAN) >= 0.95


@pytest.mark.parametrize(
    "line", ["## Mehr zum Thema", "# Related stories", "### Lesen Sie auch:", "#### À lire aussi"]
)
def test_related_headers_under_heading_marks(line: str) -> None:
    """html2text puts ``## `` before headings; the header over other stories is the same header
    with the mark (it was missed on 94-135 lines of each corpus's html2text dumps)."""
    assert describe(line).related_header
    assert forced_reason(line) == REASON_RELATED_HEADER


def test_list_items_are_not_section_headers() -> None:
    """A ``* Comments`` bullet is a button in a share bar above the article, not the start of
    the comments: read as a header it ended the article there."""
    assert not describe("* Comments").comments_header
    assert not describe("* Related stories").related_header


def test_byline_and_comments_header_under_renderer_marks() -> None:
    assert describe("### By Jane Doe").byline
    assert describe("## Comments (12)").comments_header
    assert not describe("## Comments on the budget were due on Friday.").comments_header


def test_comment_section_under_a_marked_heading_is_dropped() -> None:
    """A comments section opened by an html2text heading ("## 2 Comments") ends the article:
    the readers' comments after it are not kept, the article before it is."""
    comments = [
        "Great piece, the council should have listened to the residents years ago and now the "
        "whole city pays for it with endless roadworks.",
        "I disagree, the tram will be worth every cent once it runs and the buses are gone from "
        "the old town, you will see that in five years.",
    ]
    article = [
        "The city council approved a new tram line on Tuesday evening after a long debate, linking "
        "the northern districts with the central station by the end of the decade.",
        "The project is expected to cost about 240 million euros, most of it paid by the state, "
        "the mayor told reporters at a press conference on Wednesday morning.",
        "Critics say that many streets will be closed for at least four years and fear that shops "
        "in the centre will suffer from the building sites for a long time.",
        "Work is due to start next spring if the court rejects the appeals of several residents' "
        "associations, which argue that the noise will be unbearable for them.",
    ]
    text = "\n".join(["# City approves tram line", *article, "## 2 Comments", *comments])
    extraction = extract_from_text(text)
    assert not set(comments) & set(extraction.paragraphs)
    assert recall("\n".join(extraction.paragraphs), article) >= 0.95


HYPHENATED = [
    "Die Waffen gelten als Jagd- oder Sportwaffen und fallen deshalb nicht unter das "
    "Kriegswaffen-Kontrollgesetz, wie ein VW-Händler aus Erfurt und ein BMW-Vertreter aus Weimar "
    "am Montag-Morgen berichteten.",
    "Nach Angaben des Bundesamts für Wirtschaft und Ausfuhrkontrolle sank der Absatz von "
    "Mineralöl-Produkten in der Bundesrepublik von Januar bis November gegenüber der "
    "Vorjahres-Periode deutlich.",
    "Der Landrat sprach von einer Herausforderung für die Corona-Schutzmaßnahmen, die "
    "Nahverkehrs-Gesellschaft und die Kreis-Verwaltung, die bis zum Frühjahr neue Konzepte "
    "vorlegen soll.",
]


@pytest.mark.parametrize("width", [66, 75, 78])
def test_words_wrapped_after_their_hyphen_are_joined_without_a_space(width: int) -> None:
    """Wrapping renderers (html2text, ``lynx -dump``) break compounds after the hyphen
    ("BMW-" / "Vertreter"); the re-joined paragraph is the paragraph, not "BMW- Vertreter"
    (which a phrase search for "BMW-Vertreter" would not find)."""
    text = "\n\n".join(textwrap.fill(p, width) for p in HYPHENATED * 2)
    assert any(line.endswith("-") for line in text.splitlines())  # the case under test
    assert page_lines(text) == HYPHENATED * 2


def test_a_long_list_block_does_not_outvote_the_article_prose() -> None:
    """A reference list kept as one block is longer than any paragraph; sampled whole, its
    titles and dates named the wrong language for an English encyclopedia article."""
    from storylens.extract.language import detect_language, language_sample

    references = "\n".join(
        f'^ "Rapport annuel {n}". Ministère de la Culture. Consulté le {n} mars 2008. p.\xa0{n}.'
        for n in range(1, 30)
    )
    prose = (
        "The harbour bridge reopened to traffic on Thursday morning after eight months of "
        "repairs, the city council said, and ferry operators will return to their usual timetable."
    )
    sample = language_sample([prose, references])
    assert sample.startswith(prose[:60])
    assert detect_language(sample) == "en"


def test_a_list_of_names_does_not_name_the_language_of_an_article_page() -> None:
    """An article whose longest lines are lists of names (delegates by state, a lineup): the
    sample an HTML body's language is read from prefers prose."""
    from storylens.extract.html import extract_from_html

    names = ", ".join(
        f"{first} {last}" for first in ("Charlie", "Arnie", "Rich", "Dean", "Juliana")
        for last in ("Arlinghaus", "Arnesen", "Ashooh", "Barker", "Bergeron")
    )
    prose = (
        "The panel of insiders was asked every week who won the debate, and most of them said "
        "that the governor had done better than anyone expected before the night began."
    )
    page = (
        "<html><body><article><h1>Insiders weigh in</h1>"
        + "".join(
            f"<p>{state}: {names}</p>"
            for state in ("Iowa", "Nevada", "Florida", "Ohio", "Texas", "Maine")
        )
        + f"<p>{prose}</p><p>{prose}</p></article></body></html>"
    )
    assert extract_from_html(page).language == "en"


def test_the_declared_language_settles_an_unsure_answer_only() -> None:
    from storylens.extract.language import detect_language

    unsure = "O governo disse que a economia cresce."  # Portuguese or Galician: too short to tell
    german = (
        "Der Gemeinderat hat am Dienstagabend nach einer langen Debatte den Bau einer neuen "
        "Straßenbahnlinie beschlossen, die die nördlichen Viertel mit dem Bahnhof verbinden soll."
    )
    assert detect_language(unsure) == "pt"
    assert detect_language(unsure, "gl") == "gl"
    assert detect_language(german, "en") == "de"  # sure: the page's declaration is overruled


def test_code_blocks_do_not_hide_the_wrap_width() -> None:
    """Indented code (html2text's ``<pre>``) keeps its own line lengths, many past the width
    the prose was wrapped at; the prose around it is still re-joined at that width."""
    code = [f"    SELECT column_{n}, count(*) AS total_{n} FROM events_table_{n} GROUP BY 1 "
            f"ORDER BY 2 DESC;" for n in range(12)]  # fmt: skip
    parts: list[str] = []
    for paragraph in GERMAN:
        parts += [*textwrap.wrap(paragraph, 78), "", *code[:4], ""]
    text = "\n".join(parts) + "\n"
    assert all(len(line) > 80 for line in code)
    assert 70 <= (wrap_width([line for line in text.splitlines() if line[:1] != " "]) or 0) <= 78
    assert wrap_width(text.splitlines()) not in range(70, 79)  # the code hides it
    blocks = page_lines(text)
    assert all(paragraph in blocks for paragraph in GERMAN)
