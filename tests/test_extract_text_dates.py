"""Dates and bylines of plain-text dumps in the forms the held-out audit's tune pages showed
(session 9): weekdays and clock words around a date, a clock written before the date, dated
lines under the headline, byline-labelled datelines, names the page vouches for, Markdown
dumps. Each test fails if its rule goes."""

from __future__ import annotations

import pytest

from storylens.extract.metadata_text import (
    dateline_candidate,
    dateline_date,
    find_dates,
    parse_byline,
    without_markdown,
)
from storylens.extract.text import extract_from_text
from test_extract_published import BODY  # the same three-paragraph report

HEADLINE = "Harbour bridge to close to cars\n"


@pytest.mark.parametrize(
    ("line", "language", "iso"),
    [
        ("Miércoles, 4 de Mayo de 2022 a las 07:46hrs.", "es", "2022-05-04"),
        ("Dienstag, 3. März 2021 um 14:03 Uhr", "de", "2021-03-03T14:03:00"),
        ("mercredi 3 mars 2021 à 14h03", "fr", "2021-03-03"),
        ("Wednesday, March 3, 2021 at 2:03 pm", "en", "2021-03-03T14:03:00"),
    ],
)  # fmt: skip
def test_weekdays_and_clock_words_do_not_count_against_a_dateline(line, language, iso):
    found = dateline_candidate(line, language)
    assert found is not None and found[0] == iso
    assert found[1] == 0  # a plain dateline: it beats a nearer line that says more


def test_a_clock_written_before_the_date_gives_the_time_and_its_zone():
    line = "Published 11:26 pm EST, Tuesday, November 19, 2019"
    assert dateline_date(line, "en") == "2019-11-19T23:26:00-05:00"


def test_a_sentence_starting_with_die_is_not_a_byline_labelled_dateline():
    """"Di" (Italian "by") opens "Die ..." too: the label needs a word boundary."""
    line = (
        "Die bedeutendste Rebsorte Deutschlands, der Riesling, feiert am 13. März 2022 ihren "
        "587sten Geburtstag. An diesem Tag wurde die Rebsorte erstmals erwähnt."
    )
    assert dateline_candidate(line, "de") is None


def test_markdown_escaped_day_numbers_are_dates():
    assert [d.day.isoformat() for d in find_dates("04\\. Februar 2022, 15:29 Uhr", "de")] == [
        "2022-02-04"
    ]
    assert [d.day.isoformat() for d in find_dates("13\\.01.2020", "de")] == ["2020-01-13"]


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT", "en",
         "Mike Wuerthele and Malcolm Owen"),
        ("Von Anna Müller am Dienstag, 3. März 2021", "de", "Anna Müller"),
        ("Por Ana García el miércoles 3 de marzo de 2021", "es", "Ana García"),
    ],
)  # fmt: skip
def test_a_weekday_before_the_date_is_not_part_of_the_name(line, language, name):
    assert parse_byline(line, language) == name


@pytest.mark.parametrize(
    "line",
    [
        "First Published: Tuesday, November 19, 2019 08:38 AM",
        "Suzanne Schulting, Short Trackerin. © AFP / WANG ZHAO",
    ],
)
def test_labels_and_picture_credits_are_not_bylines(line):
    assert parse_byline(line, "en") is None
    assert parse_byline(line, "de") is None


def test_markdown_marks_come_off_metadata_lines():
    marked = ["### By Jane Doe", "* Von Anna Müller", "Jane Doe \\- Nov 19, 2019"]
    assert without_markdown(marked) == ["By Jane Doe", "Von Anna Müller", "Jane Doe - Nov 19, 2019"]
    found = extract_from_text("# " + HEADLINE + "### By Jane Doe\n04\\. Dec 2019\n" + BODY)
    assert found.byline == "Jane Doe"
    assert found.published == "2019-12-04"


@pytest.mark.parametrize(
    ("dateline", "iso"),
    [
        ("21/06/2014 Tony Carter All, Books, Kit Reviews, News", "2014-06-21"),
        ("12.11.2021 red Artikel: Download PDF Drucken Teilen Feedback", "2021-11-12"),
    ],
)
def test_a_line_under_the_headline_that_opens_with_a_date_dates_the_page(dateline, iso):
    found = extract_from_text(HEADLINE + dateline + "\n" + BODY)
    assert found.published == iso
    assert all(dateline not in p for p in found.paragraphs)


def test_a_sentence_under_the_headline_that_opens_with_a_date_does_not():
    sentence = (
        "3 March 2019 was the day the council first voted on the bridge, after months of "
        "talks with the engineers and the shop owners on both banks."
    )
    found = extract_from_text(HEADLINE + sentence + "\n" + BODY)
    assert found.published is None


FILLER = "".join(f"Section {i}\n" for i in range(16))


def test_a_byline_labelled_dateline_far_from_the_headline_gives_date_and_byline():
    page = FILLER + HEADLINE + BODY + FILLER + "By Jane Doe Nov 18, 2019, 11:47am EST\n"
    found = extract_from_text(page)
    assert found.published == "2019-11-18T11:47:00-05:00"
    assert found.byline == "Jane Doe"


def test_a_name_line_is_the_byline_only_when_the_page_names_its_author_again():
    vouched = HEADLINE + "Jane Doe\n" + BODY + "More from Jane Doe\n"
    assert extract_from_text(vouched).byline == "Jane Doe"
    written_to = HEADLINE + "Jane Doe\n" + BODY + "Write to Jane Doe at jane@example.com\n"
    assert extract_from_text(written_to).byline == "Jane Doe"
    heading = HEADLINE + "Latin America\n" + BODY + "Travel to Latin America this spring\n"
    assert extract_from_text(heading).byline is None


@pytest.mark.parametrize(
    ("line", "language", "name"),
    [
        ("Bruce Y. Lee Senior Contributor", "en", "Bruce Y. Lee"),
        ("Jane Doe - Staff Writer", "en", "Jane Doe"),
        ("Anna Müller, Redakteurin", "de", "Anna Müller"),
        ("Ana García, periodista", "es", "Ana García"),
        ("Johnny Castro johnny.castro@example.net | Viernes 22 abril, 2022", "es",
         "Johnny Castro"),
    ],
)  # fmt: skip
def test_a_name_with_the_writers_role_or_e_mail_is_a_byline(line, language, name):
    assert parse_byline(line, language) == name


@pytest.mark.parametrize("line", ["Latest News Editor", "Letters to the Editor", "Chief Editor"])
def test_a_role_without_a_name_is_no_byline(line):
    assert parse_byline(line, "en") is None


def test_a_sentence_opening_with_by_and_a_weekday_is_no_byline():
    """"By Tuesday morning, …" names a time; a long "By …" line counts as metadata only when it
    is a dated byline."""
    assert parse_byline("By Tuesday morning, it was downgraded to a storm.", "en") is None
    line = (
        "By Saturday, at least 6,000 Web sites had been infected and the number is growing "
        "though ascertaining the exact number is difficult."
    )
    assert extract_from_text(HEADLINE + BODY + line + "\n").byline is None


def test_a_body_line_under_the_headline_is_read_for_its_date_only():
    page = (
        "Piracy patrol in the gulf\nFriday, November 11, 2011\nAnti Piracy Ops by INS Sukanya\n"
        + BODY
    )
    found = extract_from_text(page)
    assert found.published == "2011-11-11"
    assert found.byline is None


def test_a_date_far_from_the_headline_is_the_last_resort():
    """No dateline near the headline, in the header or with a label: the first date the page
    writes (here under a lead and a summary box, 13 lines down) is the page's date."""
    filler = "\n".join(f"Kurz erklärt: Punkt {k} der Zusammenfassung" for k in range(1, 11))
    page = (
        "Startseite\nHarbour bridge to close to cars\n"
        "The city will close the harbour bridge to cars for two years, starting in spring.\n"
        f"{filler}\n28.04.2023, 19:20\n{BODY}"
    )
    assert extract_from_text(page).published.startswith("2023-04-28")


def test_the_last_resort_takes_no_date_still_to_come():
    page = f"{HEADLINE}The bridge closes on 1 March 2999.\n{BODY}"
    assert extract_from_text(page).published is None
