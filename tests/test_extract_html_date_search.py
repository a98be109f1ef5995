"""The publication day of an HTML page whose markup declares none: htmldate's fast search, then
its extensive one, but never the first-of-a-month guess it makes from a year or month alone."""

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
        ("<div>March 5, 2019</div>", "2019-03-05"),  # only the extensive search reads it
        ("<span>5. März 2019</span>", "2019-03-05"),
        ("<div class='meta'>Posted March 5th, 2019</div>", "2019-03-05"),  # the fast search
        ("<footer>© 2019 Harbour Herald</footer>", None),  # a year alone: no day
        ("", None),
    ],
)
def test_a_date_written_on_the_page_but_not_a_year_alone(extra: str, day: str | None) -> None:
    assert published(extra) == day
