"""Byline shapes seen on held-out-audit tune pages (``extract/metadata_text.py``)."""

import pytest

from storylens.extract.metadata_text import find_metadata, is_name_line, parse_byline


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("by: Cora Neas", "en", "Cora Neas"),
        ("Von: Anna Müller", "de", "Anna Müller"),
        ("By Eric Levitz@EricLevitz", "en", "Eric Levitz"),
        ("By Chris Pokorny@DawgsByNature Nov 18, 2019, 11:47am EST", "en", "Chris Pokorny"),
        ("1. Februar 2022 , Daniel Dillenburg", "de", "Daniel Dillenburg"),
    ],
)
def test_byline_with_a_colon_a_handle_or_after_a_dated_comma(line, language, name):
    assert parse_byline(line, language) == name


@pytest.mark.parametrize(
    "line", ["By the way, this is it", "by the numbers", "Von: 3 bis 5 Uhr", "3. März 2022, 14:00"]
)
def test_lines_that_only_look_like_bylines(line):
    assert parse_byline(line, "de") is None
    assert parse_byline(line, "en") is None


# --- lines near the headline that are not the writer's name (session 12) -------------------

PROSE = [
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring.",
    "Cyclists and people on foot will still be able to cross, the mayor said on Monday.",
    "Shop owners on both banks said they feared losing customers for three years.",
]


def byline_of(head: list[str], tail: list[str] = (), language: str = "en") -> str | None:
    """The byline ``find_metadata`` reads when ``head`` ends with the headline's furniture and
    the article (three prose lines, the body) follows; line 0 is the headline."""
    lines = ["Harbour bridge to close to cars next spring", *head, *PROSE, *tail]
    body = [len(head) + 1 + k for k in range(len(PROSE))]
    return find_metadata(lines, body, language, title_index=0).byline


def test_a_name_beside_the_dateline_is_read():
    """The rule the tests below guard: a name line right above the dateline is the byline."""
    assert byline_of(["Jacob Wade", "Sep 18, 2020"]) == "Jacob Wade"


def test_a_role_or_a_tab_is_no_name():
    assert byline_of(["Forum Moderator", "Sep 18, 2020"]) is None
    assert byline_of(["Political Editor", "Monday 28 September 2020 19:27"]) is None
    assert not is_name_line("Recent Posts", "en")
    assert not is_name_line("Forum Moderator", "en")


def test_a_name_line_with_a_digit_is_no_byline():
    assert byline_of(["Truckwash A31", "Nov 13, 2019"]) is None


def test_a_checker_or_editor_is_not_the_writer():
    assert parse_byline("Verified by Marisa Roe", "en") is None
    assert parse_byline("Fact checked by Fernando Roe", "en") is None
    assert parse_byline("Edited by Jane Roe", "en") is None
    assert parse_byline("Geprüft von Anna Müller", "de") is None
    # a lead-in that only starts like a checker's is still the writer's
    assert parse_byline("Editorial by Jane Roe", "en") == "Jane Roe"


def test_a_menu_word_is_not_a_names_word():
    assert byline_of(["Gesundheit Angst", "30/10/23"], language="de") == "Gesundheit Angst"
    menu = ["Musik", "Gesundheit", "Genuss"]
    assert byline_of(["Gesundheit Angst", "30/10/23"], menu, language="de") is None
    # one one-word line alone (a site's name at the top) is no menu
    assert byline_of(["Gesundheit Angst", "30/10/23"], ["Gesundheit"], language="de") == (
        "Gesundheit Angst"
    )


def test_a_byline_with_a_day_and_clock_time_but_no_year() -> None:
    """US papers print "By Erin Cunningham March 18 at 3:57 PM": no year, so no date is read,
    and the clock time must still end the name."""
    from storylens.extract.metadata_text import parse_byline

    assert parse_byline("By Erin Cunningham March 18 at 3:57 PM", "en") == "Erin Cunningham"
    assert parse_byline("By JANE DOE and JOHN ROE 10:05 AM ET", "en") == "JANE DOE and JOHN ROE"
    assert parse_byline("By May Lee", "en") == "May Lee"  # a month that is a first name stays


# --- modern pages' bylines in plain-text dumps (session 15, issue 9 item 5) ----------------


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("Von Diana Resnik mit AP", "de", "Diana Resnik"),
        ("By Jane Doe with AP", "en", "Jane Doe"),
        ("Von dpa 30.04.2024, 18:58", "de", "dpa"),
        ("Par Le Figaro et AFP", "fr", "Le Figaro et AFP"),
    ],
)
def test_bylines_naming_a_news_agency(line, language, name):
    assert parse_byline(line, language) == name


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("Jane Doe · Example News · Posted: Aug 08, 2024 4:00 AM EDT", "en", "Jane Doe"),
        ("Jane Doe / EXAMPLE.COM / Sep 2, 2024, 17:07 IST", "en", "Jane Doe"),
        ("9. September 2025 um 15:46 Uhr / Anna Wunderlich-Meier", "de", "Anna Wunderlich-Meier"),
        ("27. Januar 2026 • Gregor Meisel • 3 Minuten", "de", "Gregor Meisel"),
        ("Do 25.04.24 | 14:07 Uhr | Von Eva Muster-Rätsch", "de", "Eva Muster-Rätsch"),
        ("Jane Doe|Published 15 hours ago", "en", "Jane Doe"),
        ("Jane Doe2 minutes ago", "en", "Jane Doe"),
        ("Jane Doe 7 hours", "en", "Jane Doe"),
    ],
)
def test_a_name_among_the_parts_of_a_dateline(line, language, name):
    assert parse_byline(line, language) == name


@pytest.mark.parametrize(
    "line",
    [
        "Copyright Jane Doe/Copyright 2024 The AP. All rights reserved",
        "Politik | 03.05.2024",
        "28.04.2021 | Quelle: dpa | Lesedauer 4 min.",
        "Uppdaterad 15.59 | Publicerad 14.14",
        "Latin America | Europe | Asia",
    ],
)
def test_credits_and_datelines_without_a_writer(line):
    assert parse_byline(line, "en") is None
    assert parse_byline(line, "de") is None


@pytest.mark.parametrize(
    ("head", "language", "name"),
    [
        (["By", "Jane Roe0"], "en", "Jane Roe"),
        (["By", "Jane RoeTravel News Reporter", "11:58, 23 APR 2024"], "en", "Jane Roe"),
        (["Kommentar von", "Anna Müller", "Redakteurin"], "de", "Anna Müller"),
        (["Jane Roe", "Author of the article:"], "en", "Jane Roe"),
    ],
)
def test_a_name_on_the_line_after_a_by_line_or_beside_an_author_label(head, language, name):
    assert byline_of(head, language=language) == name


def test_a_label_line_needs_a_name_next_to_it():
    assert byline_of(["By", "Latest News"]) is None
    assert byline_of(["Von", "der Redaktion"], language="de") is None


@pytest.mark.parametrize(
    ("head", "language", "name"),
    [
        (["Jane Roe Parliamentary editor", "21 May 2025 - 14:19"], "en", "Jane Roe"),
        (["Anna Müller Redakteurin", "03.05.2024 15:42 Uhr"], "de", "Anna Müller"),
        (["dpa", "28.04.2023 | 17:52 Uhr"], "de", "dpa"),
    ],
)
def test_a_name_and_role_or_an_agency_beside_the_dateline(head, language, name):
    assert byline_of(head, language=language) == name


def test_a_lower_case_by_printed_against_the_name():
    assert parse_byline("byJane Roe", "en") == "Jane Roe"
    assert parse_byline("bypass the city", "en") is None


def test_a_name_above_the_first_date_written_further_down():
    """No dateline near the article (a summary box pushes it 13 lines down): the page's first
    date is the fallback, and a name right above it is the writer."""
    box = [f"Die Zusammenfassung in Satz {k} ohne ein Datum." for k in range(12)]
    lines = ["Schulen im Notbetrieb", *PROSE, *box, "Anna Müller", "30. Juni 2025, 15:59 Uhr"]
    body = list(range(1, 1 + len(PROSE) + len(box)))
    meta = find_metadata(lines, body, "de", title_index=0)
    assert (meta.published, meta.byline) == ("2025-06-30T15:59:00", "Anna Müller")


@pytest.mark.parametrize(
    ("head", "language", "name"),
    [
        (["James Nevison", "Author of the article:"], "en", "James Nevison"),
        (["von", "Michelle de Oliveira"], "de", "Michelle de Oliveira"),
        (["By", "David Roe"], "en", "David Roe"),
    ],
)
def test_a_labelled_name_may_hold_a_first_name_of_the_stop_word_lists(head, language, name):
    """The stop-word lists are frequency lists and hold "James", "David"; beside a label they
    no longer rule a name out (a lone name line still needs all its words to be no stop
    word)."""
    assert byline_of(head, language=language) == name
    assert not is_name_line(name, language)


def test_a_labelled_line_of_function_words_or_a_dateline_is_still_no_name():
    assert byline_of(["Author of the article:", "Published Jun 04, 2026 • 2 minute read"]) is None
    assert byline_of(["By", "Read More"]) is None
    assert not is_name_line("Für Arbeitgeber", "de", labelled=True)


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("Autori: Jānis Bērziņš, Anna Kalniņa", "lv", "Jānis Bērziņš"),
        ("Författare: Anna Berg", "sv", "Anna Berg"),
        ("Autorzy: Jan Kowalski", "pl", "Jan Kowalski"),
        ("Yazar: Kemal Yıldız", "tr", "Kemal Yıldız"),
    ],
)
def test_author_labels_of_other_languages_and_plurals(line, language, name):
    """"Autori:", "Författare:", "Autorzy:", "Yazar:": the label before the writers' names in
    more languages than "Autor:" (a Latvian page kept its "Autori:" line in the body)."""
    assert parse_byline(line, language) == name
