"""Ingest stage: format and encoding detection, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.ingest import decode_bytes, detect_format, read_pages
from storylens.models import InputProblem, Page

ARTICLE = (
    "Council approves new bridge\n\n"
    "The city council voted on Tuesday to approve a new bridge over the river, officials said.\n"
)
HTML = (
    "<!DOCTYPE html><html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>"
    "<p>The city council voted on Tuesday to approve a new bridge over the river.</p>"
    "</article></body></html>"
)


def pages_and_problems(*specs: str, **kw: int) -> tuple[list[Page], list[InputProblem]]:
    items = list(read_pages(specs, **kw))
    return (
        [i for i in items if isinstance(i, Page)],
        [i for i in items if isinstance(i, InputProblem)],
    )


def write_warc(path: Path, bodies: list[bytes], *, gzipped: bool = False) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example.com/story/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        ("WARC/1.0\r\nWARC-Type: warcinfo", "x.bin", "warc"),
        ('{"id": 1, "text": "hi"}\n{"id": 2}', "pages.txt", "jsonl"),
        ("<!doctype html><html><body>x</body></html>", "page.txt", "html"),
        ("<?xml version='1.0'?>\n<html><body>x</body></html>", "page", "html"),
        (ARTICLE, "page.html", "text"),
        ("Plain words about <b>one</b> thing", "notes.txt", "text"),
    ],
)
def test_format_is_detected_from_content(head: str, name: str, expected: str) -> None:
    assert detect_format(head.encode(), name) == expected


def test_encodings_are_detected() -> None:
    latin = "Le président a déclaré que la réforme était nécessaire pour l'économie.".encode(
        "latin-1"
    )
    text, encoding = decode_bytes(latin)
    assert "président" in text and encoding.lower().replace("_", "-") != "utf-8"
    utf16 = "Grüße aus Köln".encode("utf-16")
    assert decode_bytes(utf16)[0] == "Grüße aus Köln"
    assert decode_bytes("naïve café".encode())[0] == "naïve café"


def test_text_and_html_files_become_pages(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.html").write_text(HTML)
    pages, problems = pages_and_problems(str(tmp_path))
    assert not problems
    assert [(p.id, p.kind) for p in pages] == [("a", "text"), ("b", "html")]


def test_empty_binary_and_missing_inputs_are_named_problems(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "good.txt").write_text(ARTICLE)
    pages, problems = pages_and_problems(str(tmp_path), str(tmp_path / "nope.txt"))
    assert [p.id for p in pages] == ["good"]
    messages = {Path(p.origin).name: p.message for p in problems}
    assert "empty" in messages["empty.txt"]
    assert "no text" in messages["blank.txt"]
    assert "binary" in messages["junk.bin"]
    assert "no such file" in messages["nope.txt"]


def test_huge_page_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(b"Headline\n\n" + b"word " * 1000)
        handle.truncate(50 * 1024 * 1024)
    pages, problems = pages_and_problems(str(huge))
    assert not pages
    assert "50.0 MB" in problems[0].message and "limit" in problems[0].message


def test_jsonl_bad_lines_are_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "one", "text": ARTICLE, "url": "https://www.example.org/a"}),
        "{not json",
        json.dumps({"id": "two", "html": HTML, "site": "Example News"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "three"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    pages, problems = pages_and_problems(str(path))
    assert [(p.id, p.kind, p.site) for p in pages] == [
        ("one", "text", "example.org"),
        ("two", "html", "Example News"),
    ]
    assert [p.origin.rsplit(":", 1)[1] for p in problems] == ["2", "4", "5"]
    assert "not valid JSON" in problems[0].message
    assert "no article string ('text', 'html'" in problems[2].message


def test_gzipped_pages_are_read(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(HTML.encode()))
    pages, problems = pages_and_problems(str(tmp_path / "page.html.gz"))
    assert not problems and pages[0].kind == "html" and pages[0].id == "page"


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_responses_become_pages(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, [HTML.encode(), HTML.replace("Bridge", "Tunnel").encode()], gzipped=gzipped)
    pages, problems = pages_and_problems(str(path))
    assert not problems
    assert [p.url for p in pages] == [
        "https://news.example.com/story/0",
        "https://news.example.com/story/1",
    ]
    assert pages[1].site == "news.example.com" and "Tunnel" in pages[1].content


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    write_warc(path, [HTML.encode(), HTML.encode() * 20])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 900])
    pages, problems = pages_and_problems(str(path))
    assert len(pages) == 1
    assert problems and "truncated or corrupt WARC after 1 page (" in problems[0].message


def test_glob_and_directory_with_thousands_of_files(tmp_path: Path) -> None:
    for n in range(2000):
        (tmp_path / f"p{n:04d}.txt").write_text(f"Story {n}\n\nBody of story {n}.\n")
    pages, problems = pages_and_problems(str(tmp_path / "p1*.txt"))
    assert len(pages) == 1000 and not problems
    pages, _ = pages_and_problems(str(tmp_path))
    assert len(pages) == 2000 and pages[0].id == "p0000"
    _, problems = pages_and_problems(str(tmp_path / "zzz*.txt"))
    assert "no file matches" in problems[0].message


def test_news_please_and_schema_org_field_names_are_read(tmp_path: Path) -> None:
    """Breaks if records from common crawlers (news-please's maintext/date_publish/
    source_domain, schema.org's datePublished/inLanguage) lose their text, date, outlet or
    language."""
    path = tmp_path / "crawl.jsonl"
    records = [
        {"maintext": "Body one. " * 20, "title": "One", "date_publish": "2024-03-01 10:00:00",
         "source_domain": "example.org", "language": "en-GB", "url": "https://example.org/1"},
        {"body": "Zweiter Text. " * 20, "headline": "Zwei", "datePublished": "2024-03-02",
         "inLanguage": "DE", "link": "https://www.zeitung.de/2"},
        {"text": "Third. " * 20, "lang": "not a language"},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    pages, problems = pages_and_problems(str(path))
    assert not problems
    assert [(p.title, p.published, p.site, p.language) for p in pages] == [
        ("One", "2024-03-01 10:00:00", "example.org", "en"),
        ("Zwei", "2024-03-02", "zeitung.de", "de"),
        (None, None, None, None),
    ]
    assert pages[0].content.startswith("Body one.")


def test_a_language_given_with_the_page_wins_over_identification() -> None:
    """Breaks if extraction ignores ``Page.language`` (a short Malay text identified as
    Indonesian, say, would then get the wrong stop words downstream)."""
    from storylens.extract import extract_page

    text = "Headline of the day\n\n" + "This is a sentence of the article body. " * 8
    given = Page(id="a", origin="a", kind="text", content=text, language="ms")
    assert extract_page(given).language == "ms"
    assert extract_page(Page(id="b", origin="b", kind="text", content=text)).language == "en"


def test_ingest_defers_collection_and_restores_the_thresholds() -> None:
    """``storylens ingest`` collects garbage less often while it runs (a full collection of
    its large heap cost ~13% of the assigner's CPU) and leaves the process as it found it."""
    import gc

    from storylens.config import SETTINGS
    from storylens.pipeline import batch_collection

    before = gc.get_threshold()
    with batch_collection():
        assert gc.get_threshold() == SETTINGS.store.ingest_gc_threshold != before
    assert gc.get_threshold() == before


def test_every_stage_identifies_languages_with_one_read_of_the_model() -> None:
    """Extraction (raw scores), the story engine and the comparison (probabilities) share one
    read of py3langid's model, and extraction names the language ``py3langid.classify`` does."""
    import py3langid

    from storylens.compare.pipeline import _identifier as compare_identifier
    from storylens.extract.language import detect_language
    from storylens.languages import language_identifier
    from storylens.stories.language import _identifier as stories_identifier

    raw, probabilities = language_identifier(norm_probs=False), language_identifier(norm_probs=True)
    assert raw.nb_ptc is probabilities.nb_ptc
    assert stories_identifier() is compare_identifier() is probabilities
    text = "Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluss."
    assert detect_language(text) == py3langid.classify(text)[0] == "de"
