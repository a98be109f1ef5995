"""User-visible defects on the ingest path, each as the user met it: pages that hold no article,
re-ingesting a file, chains of republished copies."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.extract import NO_ARTICLE_REASON, extract_page, no_article_found
from storylens.models import Page
from storylens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))

COOKIE_TEXT = "\n".join(
    [
        "Cookie settings",
        "We use cookies to improve your experience.",
        "Accept all",
        "Reject all",
        "Manage preferences",
        "Privacy policy",
        "Home",
        "News",
        "Sport",
    ]
)
COOKIE_HTML = """<html><head><title>Cookie settings</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><h1>Cookie settings</h1>
<p>We use cookies and similar technologies to improve your experience.</p>
<ul><li><a href="#">Accept all</a></li><li><a href="#">Reject all</a></li>
<li><a href="#">Manage preferences</a></li></ul>
<footer><a href="/privacy">Privacy policy</a></footer></body></html>"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cookie_settings_page_holds_no_article_and_keeps_its_text_in_removed() -> None:
    for kind, content in (("text", COOKIE_TEXT), ("html", COOKIE_HTML)):
        article = extract_page(Page(id="c", origin=f"cookie.{kind}", kind=kind, content=content))
        assert article.body == "", kind
        assert no_article_found(article), kind
        reasons = {r.reason for r in article.removed}
        assert NO_ARTICLE_REASON in reasons
        assert any("We use cookies" in r.text for r in article.removed), kind


def test_record_that_is_only_its_headline_is_still_an_article() -> None:
    """A one-line news item (nothing on it was page furniture) must still be stored."""
    line = "The parliament election is over in Turkmenistan."
    page = Page(id="t", origin="t.jsonl#t", kind="text", content=line + "\n", title=line)
    assert not no_article_found(extract_page(page))


def test_ingest_skips_a_navigation_only_page_and_names_it(tmp_path: Path) -> None:
    cookie = tmp_path / "cookie-settings.html"
    cookie.write_text(COOKIE_HTML)
    db = tmp_path / "s.db"
    code, out, err = run("ingest", "--db", str(db), "--workers", "1", str(SEEDS[0]), str(cookie))
    assert code == 0
    assert f"{cookie}: no article found" in err
    assert "1 page without an article (cookie-settings.html)" in err
    with Store(db) as store:
        assert store.count_articles() == 1
    code, out, _ = run("stories", "--db", str(db), "--json")
    assert "Cookie settings" not in out
    assert len(json.loads(out)) == 1
