"""User-visible defects on the ingest path, each as the user met it: pages that hold no article,
re-ingesting a file, chains of republished copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import storylens.cli.extract as extract_cli
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


def test_one_line_item_keeps_its_sentence_as_its_body() -> None:
    """The headline is the item's whole text: its body must not come out empty (the facts,
    quotes and the story's lead read the body), whether the title is given or read."""
    line = "Two gang members were arrested in the fatal shooting of a deputy, officials said."
    given = Page(id="g", origin="g.jsonl#g", kind="text", content=line, title=line)
    read = Page(id="r", origin="r.txt", kind="text", content=f"{line}\n\n{line}\n")
    for page in (given, read):
        article = extract_page(page)
        assert article.title == line, page.origin
        assert article.body == line, page.origin


def test_title_given_without_text_leaves_the_body_empty() -> None:
    """Only a text that holds the headline gets it as its body: a record whose text says
    something else, or nothing, is not given the title as text."""
    page = Page(id="e", origin="e.jsonl#e", kind="text", content="", title="Quake hits Peru")
    assert extract_page(page).body == ""


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


def test_reingesting_a_file_reports_its_stored_article_and_story(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    _, first, _ = run("ingest", "--db", db, "--json", "--workers", "1", str(SEEDS[0]))
    code, again, err = run("ingest", "--db", db, "--json", "--workers", "1", str(SEEDS[0]))
    before, after = json.loads(first), json.loads(again)
    assert code == 0 and "0 new articles, 1 already stored" in err
    assert after["added"] is False and "already stored" in after["note"]
    assert after["article_id"] == before["article_id"]
    assert after["story_id"] == before["story_id"] is not None
    assert after["duplicate_of"] is None, "an article is no duplicate of itself"


def test_another_input_with_the_same_text_names_the_stored_one(tmp_path: Path) -> None:
    batch = tmp_path / "feed.jsonl"
    text = SEEDS[0].read_text()
    batch.write_text("".join(json.dumps({"id": i, "text": text}) + "\n" for i in ("a", "b")))
    code, out, _ = run("ingest", "--db", str(tmp_path / "s.db"), "--json", str(batch))
    a, b = (json.loads(line) for line in out.splitlines())
    assert code == 0 and b["added"] is False
    assert b["article_id"] == b["duplicate_of"] == a["article_id"]
    assert b["story_id"] == a["story_id"] is not None


def test_a_chain_of_republished_copies_points_at_the_first_stored(tmp_path: Path) -> None:
    """The 3rd copy is closest to the 2nd (both carry the same update) but names the original."""
    text = SEEDS[0].read_text()
    update = (
        "\n\nUpdate: officials in Moscow later confirmed the talks would continue next month, "
        "and a joint statement on the withdrawal timetable is expected after that meeting."
    )
    records = [
        {"id": "original", "text": text, "site": "first.example"},
        {"id": "copy2", "text": text + update, "site": "second.example"},
        {"id": "copy3", "text": text + update + "\n\nReporting by staff.", "site": "third.example"},
    ]
    batch = tmp_path / "feed.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, out, _ = run("ingest", "--db", str(tmp_path / "s.db"), "--json", str(batch))
    rows = {r["article_id"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0
    assert rows["copy2"]["duplicate_of"] == "original"
    assert rows["copy3"]["duplicate_of"] == "original"


def _quote_batch(tmp_path: Path) -> Path:
    """Quote-bearing records in many languages, repeated so the pool gets several chunks."""
    rows = [json.loads(line) for line in (FIXTURES / "quotes_multilingual.jsonl").open()]
    batch = tmp_path / "quotes.jsonl"
    with batch.open("w") as handle:
        for n in range(40):
            row = rows[n % len(rows)]
            record = {"id": str(n), "title": "News", "text": row["text"]}
            record["language"] = row["language"]
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return batch


def test_extract_json_finds_quotes_in_the_workers_not_where_it_prints(tmp_path: Path) -> None:

    batch = _quote_batch(tmp_path)
    _, expected, _ = run("extract", "--jsonl", str(batch), "--workers", "1")
    assert sum(len(json.loads(line)["quotes"]) for line in expected.splitlines()) > 20

    def printer_must_not_search(*_: object) -> None:
        raise AssertionError("quotes found in the printing process")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract_cli, "article_quotes", printer_must_not_search)
        for workers in ("1", "2"):
            code, out, _ = run("extract", "--jsonl", str(batch), "--workers", workers)
            assert code == 0 and out == expected, f"--workers {workers}: same output, in order"


def test_export_to_a_path_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run("ingest", "--db", db, "--workers", "1", str(SEEDS[0]))
    target = tmp_path / "missing-folder" / "articles.jsonl"
    code, _, err = run("export", "articles", "--db", db, "-o", str(target))
    assert code == 1
    assert err.strip() == (
        f"storylens: {target}: cannot write the export (No such file or directory)"
    )


def test_binary_file_given_as_jsonl_is_one_problem_not_one_per_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 64)  # NUL bytes and many "lines"
    for command in (("extract", "--jsonl", str(junk)), ("cluster", str(junk))):
        code, out, err = run(*command)
        assert code == 1, command
        assert len(out.splitlines()) == 1 and len(err.splitlines()) == 1, command
        assert f"{junk}: binary content (NUL bytes), not JSONL" in err


def test_a_page_given_as_jsonl_is_one_problem_and_a_bad_line_in_jsonl_is_one_too(
    tmp_path: Path,
) -> None:
    for command in (("extract", "--jsonl", str(SEEDS[0])), ("cluster", str(SEEDS[0]))):
        code, out, err = run(*command)
        assert code == 1, command
        assert len(err.splitlines()) == 1, (command, err)
        assert f"{SEEDS[0]}: not JSONL: none of its first 5 lines is JSON" in err
    batch = tmp_path / "feed.jsonl"  # a real batch with one broken line keeps its records
    records = [json.dumps({"id": f"r{n}", "text": SEEDS[n % 2].read_text()}) for n in range(2)]
    batch.write_text(f"not json\n\n{records[0]}\n{{oops\n{records[1]}\n")
    code, out, err = run("extract", "--jsonl", str(batch))
    assert [json.loads(line).get("id") for line in out.splitlines()] == [None, "r0", None, "r1"]
    assert f"{batch}:1: line is not valid JSON" in err and f"{batch}:4: line is not" in err


def test_cluster_reports_a_page_without_an_article_and_goes_on(tmp_path: Path) -> None:
    batch = tmp_path / "feed.jsonl"
    records = [{"id": "cookie", "text": COOKIE_TEXT}, {"id": "news", "text": SEEDS[0].read_text()}]
    batch.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, out, err = run("cluster", str(batch))
    cookie, news = (json.loads(line) for line in out.splitlines())
    assert code == 0
    assert cookie["story"] is None and cookie["error"].startswith("no article found")
    assert news["story"] is not None and "error" not in news
    assert f"{batch}:1: no article found" in err


def test_cut_warc_names_the_file_and_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, seed in enumerate(SEEDS):
        html = (
            "<html><body><article>"
            + "".join(f"<p>{line}</p>" for line in seed.read_text().splitlines() if line.strip())
            + "</article></body></html>"
        )
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://site{n}.example/a", "response", payload=io.BytesIO(html.encode()),
            http_headers=headers))  # fmt: skip
    data = buffer.getvalue()
    cut = tmp_path / "crawl.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    code, _, err = run("ingest", "--db", str(tmp_path / "s.db"), "--workers", "1", str(cut))
    assert code == 0
    assert f"{cut}: truncated or corrupt WARC after 1 page (" in err
    assert "1 new article, 0 already stored, 1 problem" in err


def test_a_truncated_html_page_is_noted_under_its_name(tmp_path: Path) -> None:
    import storylens.extract.html as html_extract

    page = tmp_path / "long.html"
    paragraphs = "".join(f"<p>{line}</p>" for line in SEEDS[0].read_text().splitlines() if line)
    page.write_text(f"<html><body><article>{paragraphs * 3}</article></body></html>")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html_extract, "MAX_HTML_CHARS", 4000)
        db = str(tmp_path / "s.db")
        code, _, err = run("ingest", "--db", db, "--workers", "1", str(page))
    assert code == 0
    assert f"storylens: {page}: page truncated: " in err
    assert "1 new article, 0 already stored, 0 problems, 1 note" in err


def test_bench_counts_a_copy_named_after_the_first_of_its_chain() -> None:
    """Its original was itself a (right) copy of an earlier article: the copy names that one."""
    from storylens.bench.duplicates import score_flags

    text = " ".join(f"word{n}" for n in range(60))
    other = " ".join(f"other{n}" for n in range(60))
    copies = {"copy": ("wire2", "verbatim")}
    bodies = {"wire1": text, "wire2": text, "copy": text, "unrelated": other}
    chained = score_flags({"wire2": "wire1", "copy": "wire1"}, copies, bodies)
    assert chained["recall_by_edit"]["verbatim"] == "1/1" and chained["false_flags"] == 0
    bodies["wire2"] = other  # a false flag passes nothing on
    broken = score_flags({"wire2": "wire1", "copy": "wire1"}, copies, bodies)
    assert broken["recall_by_edit"]["verbatim"] == "0/1"


def test_web_ingest_lists_a_page_without_an_article_as_skipped(seeded_db: Path) -> None:
    from fastapi.testclient import TestClient

    from storylens.web.app import create_app

    files = [
        ("files", ("cookie-settings.html", COOKIE_HTML.encode())),
        ("files", ("news.txt", SEEDS[0].read_text().replace("Netanyahu", "Bennett").encode())),
    ]
    with TestClient(create_app(seeded_db)) as client:
        report = client.post("/api/ingest", files=files).json()
        streamed = client.post("/api/ingest", params={"stream": "true"}, files=files[:1]).text
    assert report["added"] == 1 and report["problems"] == []
    assert [s["input"] for s in report["skipped"]] == ["cookie-settings.html"]
    assert report["skipped"][0]["error"].startswith("no article found")
    kinds = [json.loads(line).get("kind") for line in streamed.splitlines()]
    assert "skipped" in kinds


def test_extract_says_no_article_found_for_a_cookie_page(tmp_path: Path) -> None:
    page = tmp_path / "cookie-settings.txt"
    page.write_text(COOKIE_TEXT)
    code, out, _ = run("extract", "--workers", "1", str(page))
    assert code == 0
    assert "No article found (only 7 words of text beside page furniture)." in out


def _small_text_limit(patch: pytest.MonkeyPatch, limit: int) -> None:
    import dataclasses

    import storylens.extract as extract_stage
    import storylens.extract.text as text_extract

    settings = text_extract.SETTINGS
    extract = dataclasses.replace(settings.extract, max_text_chars=limit)
    for module in (text_extract, extract_stage):
        patch.setattr(module, "SETTINGS", dataclasses.replace(settings, extract=extract))


def test_a_huge_text_page_is_cut_after_its_article_and_the_cut_is_noted() -> None:
    article = SEEDS[0].read_text()
    menus = "Home\nWorld\nPolitics\nSport\nSubscribe to our newsletter\n"
    filler = "".join(f"{menus}Related story {n}: readers also looked at this\n" for n in range(400))
    content = article + "\n" + filler
    with pytest.MonkeyPatch.context() as patch:
        _small_text_limit(patch, len(article) + 500)
        result = extract_page(Page(id="big", origin="big.txt", content=content, kind="text"))
    assert "Related story 399" not in " ".join(r.text for r in result.removed)
    assert "joint task force" in result.body
    notes = [r.text for r in result.removed if r.reason == "page truncated"]
    assert len(notes) == 1
    assert f"{len(content)} characters of text, cut to the first " in notes[0]


def test_a_truncated_text_page_is_noted_under_its_name(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    page.write_text(SEEDS[0].read_text() + "\nHome\nWorld\n" * 300)
    with pytest.MonkeyPatch.context() as patch:
        _small_text_limit(patch, 4000)
        code, _, err = run("ingest", "--db", str(tmp_path / "s.db"), "--workers", "1", str(page))
    assert code == 0
    assert f"storylens: {page}: page truncated: " in err
    assert "1 new article, 0 already stored, 0 problems, 1 note" in err


def test_an_html_page_holding_too_much_text_is_cut_and_the_cut_is_noted() -> None:
    paragraphs = [line for line in SEEDS[0].read_text().splitlines() if len(line) > 80]
    many = "".join(f"<p>{n}: {line}</p>" for n in range(40) for line in paragraphs)
    html = f"<html><body><article><h1>Israel and Russia</h1>{many}</article></body></html>"
    page = Page(id="h", origin="long.html", content=html, kind="html")
    whole = extract_page(page)
    with pytest.MonkeyPatch.context() as patch:
        _small_text_limit(patch, 5000)
        result = extract_page(page)
    assert 4000 < len(result.body) <= 5000 + 2 * result.body.count("\n\n")
    assert whole.body.startswith(result.body)
    notes = [r.text for r in result.removed if r.reason == "page truncated"]
    assert len(notes) == 1 and "characters of article text, cut to the first" in notes[0]


def _extract_or_fail(page: Page, **kwargs):
    if "explodes" in page.origin:
        raise RuntimeError("broken parser")
    return extract_page(page, **kwargs)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_whose_extraction_fails_is_a_problem_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    import storylens.pipeline.parallel as parallel
    from storylens.models import InputProblem

    monkeypatch.setattr(parallel, "extract_page", _extract_or_fail)  # workers fork with it
    body = "The council approved the new harbour bridge on Tuesday after a long debate. " * 4
    pages = [
        Page(id=f"p{k}", origin=f"{name}.txt", kind="text", content=f"Bridge vote {k}\n\n{body}")
        for k, name in enumerate(["first", "explodes", "last"] * 20)
    ]
    out = list(parallel.extract_parallel(pages, workers=workers, sign=True, chunk_pages=4))
    problems = [o for o in out if isinstance(o, InputProblem)]
    extracted = [o for o in out if not isinstance(o, InputProblem)]
    assert [p.origin for p in problems] == ["explodes.txt"] * 20
    assert all("extraction failed (RuntimeError: broken parser)" in p.message for p in problems)
    assert [e.article.origin for e in extracted] == ["first.txt", "last.txt"] * 20
