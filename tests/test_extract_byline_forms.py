"""Byline shapes seen on held-out-audit tune pages (``extract/metadata_text.py``)."""

import pytest

from storylens.extract.metadata_text import parse_byline


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
