"""Bylines from the visible HTML page: the writers' names stay, the furniture around them goes
(lead-ins, roles, date words, link labels), and what names no person gives no byline (the
site, its host, a desk, a lone handle). A declared author is only trimmed, never dropped."""

from __future__ import annotations

import pytest

from storylens.extract.html import extract_from_html
from storylens.extract.html_byline import clean_byline

URL = "https://www.harbourherald.example/local/bridge-reopens"
BODY = " ".join(
    f"Paragraph {n} of the report: the harbour authority said the repaired bridge would carry "
    "traffic again from Thursday, after engineers finished checking the cables and the deck."
    for n in range(1, 6)
)


def page(byline_html: str, head: str = "") -> str:
    """A made-up article of the Harbour Herald with ``byline_html`` above its body."""
    return (
        f"<html><head><title>Bridge reopens | Harbour Herald</title>{head}</head><body>"
        "<header><a href='/'>Harbour Herald</a></header><article>"
        f"<h1>Bridge reopens after storm repairs</h1>{byline_html}<p>{BODY}</p>"
        "</article></body></html>"
    )


def byline_of(html: str) -> str | None:
    return extract_from_html(html, url=URL).byline


@pytest.mark.parametrize(
    ("byline_html", "expected"),
    [
        ('<a class="author-link">View all posts by Maria Lindqvist</a>', "Maria Lindqvist"),
        ('<span class="byline">Geschrieben von Anna Müller</span>', "Anna Müller"),
        ('<span class="byline">Par Jeanne Martin</span>', "Jeanne Martin"),
        ('<span class="author">Maria Lindqvist Senior Contributor</span>', "Maria Lindqvist"),
        ('<span class="author">Phil Helsel is a reporter</span>', "Phil Helsel"),
        ('<span class="byline">By Maria Lindqvist, AP National Writer</span>', "Maria Lindqvist"),
        ('<span class="byline">Maria Lindqvist Harbour Herald Staff</span>', "Maria Lindqvist"),
        ('<span class="byline">By Maria Lindqvist Monday, March 4, 2024</span>', "Maria Lindqvist"),
        ('<span class="author">Elizabeth Gibney Search</span>', "Elizabeth Gibney"),
        ('<span class="author">Sean Martin Sean Martin</span>', "Sean Martin"),
        ('<span class="byline">By Maria Lindqvist, everardoherrera.com</span>', "Maria Lindqvist"),
    ],
)
def test_the_writer_stays_without_what_surrounds_the_name(byline_html: str, expected: str) -> None:
    assert byline_of(page(byline_html)) == expected


@pytest.mark.parametrize(
    "byline_html",
    [
        '<span class="author">Harbour Herald</span>',  # the site
        '<span class="author">www.harbourherald.example</span>',  # its host
        '<span class="author">Redaktion</span>',  # a desk
        '<span class="author">Geschrieben von Harbour Herald</span>',
        '<span class="author">Harbour Herald Staff</span>',  # the site's desk
        '<span class="author">Coastal Times Staff</span>',  # another's
        '<span class="author">Newsroom Team</span>',
        '<span class="author">admin</span>',  # a lone handle
        '<span class="author">Posted by webmaster</span>',
        '<span class="author">Foto: Jan Nowak</span>',  # a credit
        '<span class="author">Zuletzt geändert</span>',  # no name at all
        '<span class="author">Bergportal GmbH</span>',  # a company
        '<span class="author">D. E.</span>',  # initials alone
    ],
)
def test_what_names_no_person_gives_no_byline(byline_html: str) -> None:
    assert byline_of(page(byline_html)) is None


def test_several_writers_stay() -> None:
    html = page('<span class="byline">By Maria Lindqvist and Jonas Berg</span>')
    assert byline_of(html) == "Maria Lindqvist; Jonas Berg"


def test_a_news_agency_alone_is_a_byline() -> None:
    assert byline_of(page('<span class="author">Reuters</span>')) == "Reuters"


def test_a_name_written_without_spaces_stays() -> None:
    assert byline_of(page('<span class="author">山田太郎</span>')) == "山田太郎"


def test_month_names_inside_a_name_stay() -> None:
    assert clean_byline("Mary June Smith", declared=False) == "Mary June Smith"
    assert clean_byline("Anna Müller und Jan Nowak", declared=False) == "Anna Müller und Jan Nowak"


def test_a_declared_author_is_trimmed_but_a_declared_site_or_desk_stays() -> None:
    head = '<meta name="author" content="Harbour Herald Staff">'
    assert byline_of(page("", head)) == "Harbour Herald Staff"
    head = '<meta name="author" content="By Maria Lindqvist, Staff Writer">'
    assert byline_of(page("", head)) == "Maria Lindqvist"
    assert clean_byline("November", declared=True) is None


# --- a byline shown under the headline, in an element no byline class names --------------------


@pytest.mark.parametrize(
    ("byline_html", "expected"),
    [
        ("<div class='x1'>By <span class='k2'>Maria Lindqvist</span></div>", "Maria Lindqvist"),
        ("<div><span>By</span><div><a href='/p/ml'>Maria Lindqvist</a></div></div>",
         "Maria Lindqvist"),  # a lone "By" block, then the name's block
        ("<div>By <a href='/p/ml'>Maria Lindqvist</a> - Jan 9, 2017 at 10:05AM</div>",
         "Maria Lindqvist"),
        ("<div>Par <a href='/p/jm'>Jeanne Martin</a></div>", "Jeanne Martin"),
        ("<div>By <a href='/'>Harbour Herald</a></div>", None),  # the site, not a writer
        ("<div>By Thursday the bridge should be open</div>", None),
        ("", None),
    ],
)
def test_a_visible_by_line_under_the_headline_names_the_writer(
    byline_html: str, expected: str | None
) -> None:
    assert byline_of(page(byline_html)) == expected


def test_a_by_line_after_the_article_start_or_without_a_headline_is_not_read() -> None:
    after = page("").replace("</article>", "<div>By <span>Maria Lindqvist</span></div></article>")
    assert byline_of(after) is None
    no_headline = page("<div>By <span>Maria Lindqvist</span></div>")
    no_headline = no_headline.replace("<h1>", "<div class='hd'>").replace("</h1>", "</div>")
    no_headline = no_headline.replace("<title>Bridge reopens | Harbour Herald</title>", "")
    assert byline_of(no_headline) is None
