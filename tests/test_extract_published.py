"""Publication time, title and byline that hold up on other sites (issue 9 item 5, issue 10
item 1): given with the input, else read from the page, else unknown — never the ingest time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.bench.extract_metadata import (
    GoldPage,
    declared_metadata,
    same_published,
    split_of,
    strip_declared_metadata,
    title_variants,
)
from storylens.cli.main import cli
from storylens.extract import extract_page
from storylens.extract.metadata_text import dateline_date
from storylens.extract.text import extract_from_text
from storylens.extract.textmeta import is_breadcrumb
from storylens.models import Page

BODY = (
    "The council voted on Tuesday to close the old harbour bridge to cars from next spring, "
    "after engineers found that two of its supporting pillars had cracked.\n"
    "Cyclists and people on foot will still be able to cross, the mayor said, while the city "
    "looks for money to repair the structure over the next three years.\n"
    "Shop owners on both banks said they feared losing customers during the long works.\n"
)
UNDATED = "Harbour bridge to close to cars\n" + BODY + "© 2019 Harbour Times. All rights reserved\n"
DATELINED = "Harbour bridge to close to cars\nBy Jane Doe\nPublished: 3 December 2019\n" + BODY
BREADCRUMB = (
    "Home › Local › Transport\nHarbour bridge to close to cars\nBy Jane Doe\n"
    "Published: 3 December 2019\n" + BODY
)
UPDATED_ONLY = "Harbour bridge to close to cars\nBy Jane Doe\nUpdated: 5 December 2019\n" + BODY


def test_a_page_without_a_date_has_no_published_time():
    found = extract_from_text(UNDATED)
    assert found.title == "Harbour bridge to close to cars"
    assert found.published is None


def test_a_dateline_date_is_the_published_time():
    found = extract_from_text(DATELINED)
    assert found.published == "2019-12-03"
    assert found.byline == "Jane Doe"
    assert all("3 December 2019" not in p for p in found.paragraphs)


def test_an_update_date_is_not_the_published_time():
    found = extract_from_text(UPDATED_ONLY)
    assert found.published is None
    assert all("5 December 2019" not in p for p in found.paragraphs)  # still metadata


@pytest.mark.parametrize(
    "line",
    ["© 2019 Harbour Times", "Copyright 2008-2019 Example News, 12.03.2019",
     "— Jane Doe (@janedoe) November 1, 2019", "Updated Nov 13, 2019, 10:28am EST",
     "1 March 2099"],
)  # fmt: skip
def test_copyright_embedded_post_update_and_future_dates_are_not_publication_dates(line):
    assert dateline_date(line, "en") is None


@pytest.mark.parametrize(
    ("line", "language", "iso"),
    [
        ("Last updated 04 Jun 2020, originally created 17 Jun 2019", "en", "2019-06-17"),
        ("28.04.2021 - 07:18 | Quelle: dpa | Lesedauer etwa 4 min. | Text vorlesen", "de",
         "2021-04-28T07:18:00"),
        ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "en", "2019-11-19T22:31:00-06:00"),
        ("Publicado el 08/05/2022", "es", "2022-05-08"),
        ("05/08/2022", "en", "2022-05-08"),
    ],
)  # fmt: skip
def test_dateline_forms(line, language, iso):
    assert dateline_date(line, language) == iso


def test_a_breadcrumb_is_not_the_title():
    assert is_breadcrumb("Home › Local › Transport")
    assert is_breadcrumb("Startseite > Politik > Bahn streicht Nachtzüge")
    assert not is_breadcrumb("Syria: US forces / Russia blocking return")
    assert not is_breadcrumb("Storm hits coast | Daily Example")
    assert extract_from_text(BREADCRUMB).title == "Harbour bridge to close to cars"


def test_a_date_given_with_the_page_wins_and_none_stays_none():
    given = Page(id="a", origin="a.txt", kind="text", content=DATELINED, published="2019-12-04")
    assert extract_page(given).published == "2019-12-04"
    unknown = Page(id="b", origin="b.txt", kind="text", content=UNDATED)
    assert extract_page(unknown).published is None


def test_extract_and_ingest_json_report_published_as_null_when_unknown(tmp_path: Path):
    page = tmp_path / "bridge.txt"
    page.write_text(UNDATED, encoding="utf-8")
    dated = tmp_path / "dated.txt"
    dated.write_text(DATELINED.replace("Harbour", "River"), encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["extract", "--json", str(page), str(dated)]).stdout
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["published"] for d in docs] == [None, "2019-12-03"]
    db = tmp_path / "s.db"
    out = runner.invoke(cli, ["ingest", "--db", str(db), "--json", str(page), str(dated)]).stdout
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["published"] for e in events] == [None, "2019-12-03"]
    assert events[1]["byline"] == "Jane Doe"


HTML = """<html lang="de"><head><title>Brücke gesperrt | Hafenblatt</title>
<meta property="og:title" content="Brücke gesperrt">
<meta property="og:site_name" content="Hafenblatt">
<meta name="author" content="Anna Müller">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished":
"2019-12-03T23:30:00-05:00", "author": [{"@type": "Person", "name": "Jan Nowak"},
{"@type": "Organization", "name": "Hafenblatt GmbH"}]}</script></head>
<body><h1>Brücke gesperrt</h1><p>Text.</p></body></html>"""


def test_bench_gold_comes_from_declared_metadata_only():
    page = GoldPage("p", "snippets-dev", HTML, "hafenblatt.de")
    declared_metadata(page)
    assert page.language == "de"
    assert "Brücke gesperrt" in page.titles
    assert page.date == "2019-12-03T23:30:00-05:00"
    assert page.bylines == ["Jan Nowak", "Anna Müller"]  # the organisation is no author
    assert page.site == "Hafenblatt"
    stripped = strip_declared_metadata(HTML)
    assert "og:title" not in stripped and "datePublished" not in stripped
    assert "<h1>Brücke gesperrt</h1>" in stripped


def test_bench_scoring_rules():
    assert same_published("2019-12-04T04:30:00+00:00", "2019-12-03T23:30:00-05:00")
    assert not same_published("2019-12-04", "2019-12-03T23:30:00-05:00")  # as written
    assert title_variants("Headline here now | Site") == ["Headline here now | Site",
                                                          "Headline here now"]  # fmt: skip
    assert split_of("example.com") == split_of("example.com")
    assert {split_of(f"site{i}.com") for i in range(20)} == {"tune", "held_out"}
