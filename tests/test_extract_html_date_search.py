"""The publication day of an HTML page whose markup declares none: htmldate's fast search, else
a dateline between the headline and the first paragraph (an update's date only when no other
date is shown: see test_extract_html_date_rules.py), never a date elsewhere on the page (a
related article's, a copyright year)."""

from __future__ import annotations

import pytest

from storylens.extract.html import extract_from_html

BODY = " ".join(
    "The harbour authority said the repaired bridge would carry traffic again from Thursday."
    for _ in range(5)
)


def published(extra: str) -> str | None:
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        f"<h1>Bridge reopens</h1>{extra}<p>{BODY}</p></article></body></html>"
    )
    return extract_from_html(html).published


@pytest.mark.parametrize(
    ("extra", "day"),
    [
        ("<div>March 5, 2019</div>", "2019-03-05"),  # htmldate's fast search misses it
        ("<div><span>Published: 5 March 2019</span></div>", "2019-03-05"),
        ("<div>Updated 7 March 2019</div>", "2019-03-07"),  # an update: the guess left
        ("<div class='meta'>Posted March 5th, 2019</div>", "2019-03-05"),  # htmldate's fast search
        ("<footer>© 2019 Harbour Herald</footer>", None),  # a year alone: no day
        ("", None),
    ],
)
def test_a_date_written_on_the_page_but_not_a_year_alone(extra: str, day: str | None) -> None:
    assert published(extra) == day


def test_a_date_after_the_article_start_is_not_the_publication_day() -> None:
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        f"<h1>Bridge reopens</h1><p>{BODY}</p></article>"
        "<aside><h2>More news</h2><div>Ferry timetable changes</div><div>March 1, 2018</div>"
        "</aside></body></html>"
    )
    assert extract_from_html(html).published is None


def test_a_dateline_right_above_the_headline_counts() -> None:
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        "<div>News</div><div>2019/03/05</div>"
        f"<h1>Bridge reopens</h1><p>{BODY}</p></article></body></html>"
    )
    assert extract_from_html(html).published == "2019-03-05"
