"""Publication dates of HTML pages from what the page shows around its headline (issue 9):
a dateline under the headline corrects a found date on a later day that the markup does not
declare, an update's dateline is the guess when nothing else dates the page, and dates
written in CJK with a clock time or run together are read."""

from __future__ import annotations

import pytest

from storylens.extract.html import extract_from_html
from storylens.extract.metadata_text import find_dates, update_dateline_date

BODY = " ".join(
    "The harbour authority said the repaired bridge would carry traffic again from Thursday."
    for _ in range(5)
)


def page(head: str, under_headline: str) -> str:
    return (
        f"<html><head><title>Bridge reopens</title>{head}</head><body><article>"
        f"<h1>Bridge reopens</h1>{under_headline}<p>{BODY}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ("", "https://example.com/2022/08/09/bridge-reopens"),  # htmldate reads the URL's date
        ('<meta property="article:modified_time" content="2022-08-09">', None),  # an update's
    ],
)
def test_a_dateline_under_the_headline_corrects_a_later_found_date(
    head: str, url: str | None
) -> None:
    html = page(head, "<div>By Jane Doe Oct. 13, 2016</div>")
    assert extract_from_html(html, url=url).published == "2016-10-13"


def test_a_dateline_does_not_replace_a_found_date_on_the_same_or_an_earlier_day() -> None:
    html = page("", "<div>By Jane Doe Oct. 13, 2016 9:30 am</div>")
    same = extract_from_html(html, url="https://example.com/2016/10/13/bridge-reopens")
    assert same.published == "2016-10-13"
    earlier = extract_from_html(html, url="https://example.com/2016/10/12/bridge-reopens")
    assert earlier.published == "2016-10-12"


def test_a_declared_publication_date_is_not_corrected() -> None:
    declared = '<meta property="article:published_time" content="2022-08-09">'
    html = page(declared, "<div>By Jane Doe Oct. 13, 2016</div>")
    assert extract_from_html(html).published == "2022-08-09"


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("<div>Updated: Dec 15, 2016 2:57 PM UTC</div>", "2016-12-15T14:57:00+00:00"),
        ("<div>最終更新日：2019年4月2日 独立行政法人情報処理推進機構</div>", "2019-04-02"),
    ],
)
def test_an_update_dateline_dates_a_page_showing_no_other_date(line: str, day: str) -> None:
    assert extract_from_html(page("", line)).published == day


def test_a_publication_dateline_wins_over_an_update_dateline() -> None:
    lines = "<div>Updated: Dec 15, 2016</div><div>Published: Dec 14, 2016</div>"
    assert extract_from_html(page("", lines)).published == "2016-12-14"


@pytest.mark.parametrize(
    "line",
    [
        "We updated the timetable after the storm of Dec 15, 2016.",  # a sentence, no label
        "Updated: Dec 15, 2099",  # in the future
        "© 2016 Harbour Herald, updated Dec 15, 2016",  # a copyright notice
    ],
)
def test_what_is_no_update_dateline(line: str) -> None:
    assert update_dateline_date(line, "en") is None


def test_a_cjk_date_followed_by_a_clock_time_without_a_space() -> None:
    assert [d.day.isoformat() for d in find_dates("2019年3月2日09:18 by 深海", "ja")] == [
        "2019-03-02"
    ]


def test_two_dates_run_together_are_both_read() -> None:
    found = find_dates("December 10, 2021April 9, 2019 by Luke Koppa", "en")
    assert [d.day.isoformat() for d in found] == ["2021-12-10", "2019-04-09"]
    assert find_dates("Sale ends 2026Marchx 9, 2019", "en") == []  # no month word
