"""The external HTML sets: the converter's test.js parsing (scripts/external_html_sets.py) and
the bench's scoring rules (storylens.bench.external)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from storylens.bench import external


@pytest.fixture(scope="module")
def script(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("external_html_sets")


TEST_JS = r"""
describe('ExampleExtractor', () => {
  describe('initial test case', () => {
    let result;
    let url;
    beforeAll(() => {
      url =
        'https://example.org/2020/01/02/' +
        "a-story.html";
      const html = fs.readFileSync('./fixtures/example.org.html');
      result = Mercury.parse(url, { html, fallback: false });
    });
    it('is selected properly', () => {
      assert.equal(extractor.domain, URL.parse(url).hostname);
    });
    it('returns the title', async () => {
      const { title } = await result;
      assert.equal(
        title,
        'It\'s "here": caf\u00e9 news'
      );
    });
    it('returns the author', async () => {
      const { author } = await result;
      assert.equal(author, null);
    });
    it('returns the date_published', async () => {
      const { date_published } = await result;
      assert.equal(date_published, `2020-01-02T10:00:00.000Z`);
    });
    it('returns the dek', async () => {
      const { dek } = await result;
      assert.equal(dek, 'Not read');
    });
    it('returns the content', async () => {
      const first9 = excerptContent($('*').first().text(), 9);
      assert.equal(first9, makeText(9));
    });
  });
  it('works with another page', async () => {
    const html = fs.readFileSync('./fixtures/example.org--other.html');
    assert.equal(title, 'Not the first case');
  });
});
"""


def test_test_js_first_case_literals_and_skips(script: ModuleType) -> None:
    found, skipped = script.parse_test_js(TEST_JS)
    assert found["url"] == "https://example.org/2020/01/02/a-story.html"
    assert found["fixture"] == "example.org.html"
    assert found["title"] == "It's \"here\": caf\u00e9 news"
    assert found["author"] is None  # null: no gold
    assert found["date_published"] == "2020-01-02T10:00:00.000Z"
    assert "content_start" not in found  # a call, not a literal
    assert skipped == {"content_start": 1}
    assert "dek" not in found


def test_test_js_content_words(script: ModuleType) -> None:
    text = "const first13 = excerptContent(\n x,\n 13);\nassert.equal(\n first13,\n 'One two'\n);"
    found, skipped = script.parse_test_js(text)
    assert found["content_start"] == "One two"
    assert not skipped


def test_halves_are_fixed_by_id() -> None:
    assert {external.half_of(f"page-{i}") for i in range(20)} == {"A", "B"}
    assert external.half_of("readability/bbc-1") == external.half_of("readability/bbc-1")


def test_title_rule_accepts_a_site_suffix_on_the_gold() -> None:
    gold = "Rain falls in Spain again | The Daily Example"
    assert external.SAME["title"]("Rain falls in Spain again", gold)
    assert not external.SAME["title"]("The Daily Example", gold)


def test_body_start_found_exact_and_by_words() -> None:
    rows = [{"body_start": "Hello   world, again"}, {"body_start": "Never there"}, {}]
    found = external.starts_found(rows, ["x Hello world, again y", "nothing", "body"])
    assert found == {"pages": 2, "exact": 0.5, "words": 0.5}
    glued = external.starts_found([{"body_start": "Hello world"}], ["hello, world!"])
    assert glued == {"pages": 1, "exact": 0.0, "words": 1.0}


def test_date_any_zone_accepts_a_local_day_of_a_utc_instant_only() -> None:
    same = external.SAME["date_any_zone"]
    assert same("2019-03-05", "2019-03-04T15:00:00.000Z")  # Tokyo's 5 March
    assert same("2019-03-04", "2019-03-04T15:00:00.000Z")
    assert not same("2019-03-06", "2019-03-04T15:00:00.000Z")
    assert not same("2019-03-05", "2019-03-04")  # no offset: as written
    assert not external.SAME["date"]("2019-03-05", "2019-03-04T15:00:00.000Z")


def test_only_jsonl_files_of_html_pages_are_read_as_sets(tmp_path: Path) -> None:
    (tmp_path / "pages.jsonl").write_text('{"id": "a", "html": "<p>x</p>"}\n', "utf-8")
    (tmp_path / "quotes.jsonl").write_text('{"id": "q", "text": "x"}\n', "utf-8")
    assert list(external.read_sets(tmp_path)) == ["pages"]


def test_parts_split_english_from_the_rest_when_the_set_gives_languages() -> None:
    rows = [{"id": "a", "lang": "en-GB"}, {"id": "b", "lang": "de"}, {"id": "c", "lang": None}]
    parts = external.parts_of(rows)
    assert parts["all/en"] == [0] and parts["all/other"] == [1]
    assert set(parts["half_A/en"]) | set(parts["half_B/en"]) == {0}
    assert "all/en" not in external.parts_of([{"id": "a", "lang": "en"}, {"id": "b"}])


def test_fundus_gold_is_the_version_whose_paragraphs_are_on_the_page(
    load_script: Callable[[str], ModuleType],
) -> None:
    fundus = load_script("fundus_set")
    old = {"body": {"summary": ["Lead."], "sections": [{"paragraphs": ["Old one."]}]}}
    new = {"body": {"summary": [], "sections": [
        {"headline": ["Sub"], "paragraphs": ["New  one.", "New two."]}]}}  # fmt: skip
    text = fundus.page_text("<html><body><p>New one.</p><div>New <b>two</b>.</div></body></html>")
    assert fundus.share_found(new, text) == 1.0 and fundus.share_found(old, text) == 0.0
    assert fundus.gold_lines(old) == ["Lead.", "Old one."]
    assert fundus.gold_lines(new) == ["Sub", "New one.", "New two."]


NEWSPAPER_CONFTEST = '''
@pytest.fixture
def language_article_fixture():
    return [
        ("page_de", "https://example.de/" "a.html", "de"),
    ]
'''


def test_newspaper_rows_take_the_expected_text_day_and_fixture_language(
    load_script: Callable[[str], ModuleType], monkeypatch: pytest.MonkeyPatch
) -> None:
    newspaper = load_script("newspaper_set")
    files = {
        "tests/conftest.py": NEWSPAPER_CONFTEST.encode(),
        "tests/data/html/page_de.html": b"<html><p>Erster Satz.</p></html>",
        "tests/data/html/page_en.html": b"<html><p>First.</p></html>",
        "tests/data/html/same_en.html": b"<html><p>First.</p></html>",
        "tests/data/html/front.html": b"<html><a>Home</a></html>",
        "tests/data/txt/page_de.txt": b"Erster  Satz.\n\n\nZweiter.\n",
        "tests/data/txt/page_en.txt": b"First.",
        "tests/data/txt/same_en.txt": b"First.",
        "tests/data/metadata/page_en.json": json.dumps({
            "title": " A  title ", "authors": ["Print", "Jane Roe"], "language": "en",
            "publish_date": "2023-11-06T13:00:00+09:00", "url": "https://example.com/x"}).encode(),
    }  # fmt: skip
    monkeypatch.setattr(newspaper, "git_show", lambda repo, path: files.get(path))
    def listing(repo: Path, path: str) -> list[str]:
        return [p.rsplit("/", 1)[1] for p in files if p.startswith(f"{path}/")]

    monkeypatch.setattr(newspaper, "git_ls", listing)
    rows, stats = newspaper.build(Path("unused"))
    by_id = {row["id"]: row for row in rows}
    assert sorted(by_id) == ["newspaper4k/page_de", "newspaper4k/page_en"]
    assert stats["skipped: no expected text"] == 1 and stats["skipped: duplicate page"] == 1
    german, english = by_id["newspaper4k/page_de"], by_id["newspaper4k/page_en"]
    assert german["body"] == "Erster Satz.\nZweiter."
    assert german["lang"] == "de" and german["url"] == "https://example.de/a.html"
    assert german["title"] is None
    assert (english["title"], english["published"]) == ("A title", "2023-11-06")
    assert english["lang"] == "en"
    assert english["byline"] is None and english["byline_newspaper4k"] == "Print, Jane Roe"
