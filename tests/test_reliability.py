"""Issue 12 (no silent loss) and issue 14 item 4 (only pages are articles), through the readers
and the real ingest pipeline into a real store."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.ingest import DecodeError, decode_page, read_pages
from storylens.ingest.readers import read_stream
from storylens.models import InputProblem, Page
from storylens.pipeline import ingest_items
from storylens.store import Store
from storylens.stories.duplicates import MAX_SHINGLE_CHARS, shingles

PARAGRAPH = (
    "The regional council said on Monday that the new bridge over the river would open next "
    "spring, after two years of delays caused by funding disputes and a wet winter."
)
ARTICLE = "Bridge to open next spring\n\n" + "\n\n".join([PARAGRAPH] * 4) + "\n"
HTML_UTF8 = (
    "<html><head><meta charset='utf-8'><title>Café crème in Zürich</title></head><body>"
    "<article><h1>Café crème in Zürich</h1>"
    + "".join(f"<p>Les élèves du café {i} ont dit: naïve façade, {PARAGRAPH}</p>" for i in range(6))
    + "</article></body></html>"
)


def split(items: list) -> tuple[list[Page], list[InputProblem]]:
    pages = [i for i in items if isinstance(i, Page)]
    return pages, [i for i in items if isinstance(i, InputProblem)]


def jsonl_records(count: int, paragraphs: int = 7) -> bytes:
    lines = []
    for n in range(count):
        body = "\n\n".join(f"Record {n} paragraph {p}. {PARAGRAPH}" for p in range(paragraphs))
        lines.append(json.dumps({"id": f"r{n}", "text": f"Record {n}\n\n{body}"}))
    return ("\n".join(lines) + "\n").encode()


# containers: limits per record, not per file -------------------------------------------------


def test_25_mb_jsonl_of_10000_records_is_read_whole_from_a_file_and_from_stdin(
    tmp_path: Path,
) -> None:
    data = jsonl_records(10_000, paragraphs=13)
    assert len(data) > 24 * 1024 * 1024  # over the 20 MB page limit as a whole
    path = tmp_path / "big.jsonl"
    path.write_bytes(data)
    pages, problems = split(list(read_pages([str(path)])))
    assert (len(pages), problems) == (10_000, [])
    limit = 20 * 1024 * 1024
    pages, problems = split(list(read_stream(io.BytesIO(data), "<stdin>", limit=limit)))
    assert (len(pages), problems) == (10_000, [])
    assert pages[-1].id == "r9999" and pages[-1].content.endswith(PARAGRAPH)


def test_jsonl_from_stdin_is_stored_record_by_record(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    data = jsonl_records(40, paragraphs=3)
    result = CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--max-page-mb", "0.005", "-"], input=data
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_articles() == 40


def test_an_oversized_jsonl_record_is_named_and_the_others_are_kept(tmp_path: Path) -> None:
    big = json.dumps({"id": "huge", "text": "word " * 5000})
    small = json.dumps({"id": "ok", "text": ARTICLE})
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([small, big, small.replace('"ok"', '"ok2"')]) + "\n")
    pages, problems = split(list(read_pages([str(path)], max_page_bytes=5000)))
    assert [p.id for p in pages] == ["ok", "ok2"]
    assert len(problems) == 1 and problems[0].origin.endswith("mixed.jsonl:2")
    assert "over the" in problems[0].message


def test_jsonl_with_a_byte_order_mark_keeps_its_first_record() -> None:
    data = b"\xef\xbb\xbf" + jsonl_records(3, paragraphs=2)
    pages, problems = split(list(read_stream(io.BytesIO(data), "bom.jsonl", limit=1 << 20)))
    assert [p.id for p in pages] == ["r0", "r1", "r2"] and problems == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_jsonl_in_utf16_or_utf32_is_read_record_by_record(encoding: str) -> None:
    records = [json.dumps({"id": f"r{n}", "text": f"Grüße {n}\n\n{PARAGRAPH}"}) for n in range(3)]
    data = "\n".join(records).encode(encoding)
    pages, problems = split(list(read_stream(io.BytesIO(data), "wide.jsonl", limit=1 << 20)))
    assert [p.id for p in pages] == ["r0", "r1", "r2"] and problems == []
    assert pages[0].content.startswith("Grüße 0")


def test_gzipped_jsonl_is_limited_per_record(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl_records(300, paragraphs=3)))
    pages, problems = split(list(read_pages([str(path)], max_page_bytes=10_000)))
    assert (len(pages), problems) == (300, [])


def test_truncated_gzip_page_is_reported_not_stored_as_a_fragment(tmp_path: Path) -> None:
    data = gzip.compress((ARTICLE * 30).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    pages, problems = split(list(read_pages([str(path)])))
    assert pages == []
    assert "truncated gzip" in problems[0].message and problems[0].origin.endswith("cut.txt.gz")


def test_truncated_gzip_jsonl_keeps_whole_records_and_reports_the_cut(tmp_path: Path) -> None:
    data = gzip.compress(jsonl_records(200, paragraphs=2))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    pages, problems = split(list(read_pages([str(path)])))
    assert 0 < len(pages) < 200
    assert all(p.content.endswith(PARAGRAPH) for p in pages)  # no half record stored
    assert len(problems) == 1 and "truncated gzip" in problems[0].message


# exact decoding -------------------------------------------------------------------------------


def test_one_stray_byte_in_a_utf8_page_is_replaced_and_reported() -> None:
    data = HTML_UTF8.encode()
    bad = data[:200] + b"\xff" + data[200:]
    decoded = decode_page(bad)
    assert decoded.encoding == "utf-8"
    assert "Zürich" in decoded.text and "élèves" in decoded.text and "Ã" not in decoded.text
    assert decoded.text.count("\ufffd") == 1
    assert decoded.problem and "1 invalid utf-8 byte" in decoded.problem
    assert "byte 200" in decoded.problem


def test_replaced_bytes_are_reported_by_ingest_and_the_page_is_stored(tmp_path: Path) -> None:
    path = tmp_path / "stray.html"
    data = HTML_UTF8.encode()
    path.write_bytes(data[:300] + b"\xff" + data[300:])
    with Store(tmp_path / "s.db") as store:
        report = ingest_items(store, read_pages([str(path)]))
        assert report.added == 1
        article = store.get_article(report.outcomes[0].article_id)
    assert article is not None and "élèves" in article.body
    assert [p.warning for p in report.problems] == [True]
    assert "replaced" in report.problems[0].message and report.problems[0].origin == str(path)


def test_a_declared_legacy_charset_is_used() -> None:
    html = HTML_UTF8.replace("charset='utf-8'", "charset='windows-1252'")
    decoded = decode_page(html.encode("cp1252"))
    assert decoded.problem is None and "Zürich" in decoded.text and "élèves" in decoded.text


def test_a_warc_response_is_decoded_with_its_http_charset(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    text = "Grüße aus Köln\n\n" + "Der Rat hat am Montag über die Brücke entschieden. " * 20
    path = tmp_path / "latin.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/plain; charset=ISO-8859-1")], protocol="HTTP/1.0"
        )
        record = writer.create_warc_record(
            "https://news.example.de/a", "response",
            payload=io.BytesIO(text.encode("latin-1")), http_headers=headers,
        )  # fmt: skip
        writer.write_record(record)
    pages, problems = split(list(read_pages([str(path)])))
    assert problems == [] and "Grüße aus Köln" in pages[0].content


# content sniffing: only pages are articles ------------------------------------------------------


def office_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b"x" * 300, "pdf"),
        ("story.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x01" * 200, "image"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 200, "image"),
        ("notes.docx", office_document(), "document"),
        ("pages.zip", b"PK\x03\x04" + b"\x00" * 100, "zip"),
        ("page.html.gz", gzip.compress(b"%PDF-1.4\n" + b"x" * 400), "pdf"),
    ],
)
def test_files_that_are_not_pages_are_refused_with_the_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    pages, problems = split(list(read_pages([str(path)])))
    assert pages == []
    assert problems[0].origin == str(path)
    assert reason in problems[0].message.lower() and "not a text" in problems[0].message


def mixed_folder(tmp_path: Path) -> Path:
    """Two pages and four files that are not pages (issue 14, item 4)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.html").write_text(HTML_UTF8)
    (folder / "package.json").write_text(json.dumps({"name": "x", "version": "1"}, indent=2))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.bin").write_bytes(os.urandom(4000))
    return folder


def test_a_folder_of_mixed_files_stores_exactly_its_two_pages(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    with Store(tmp_path / "s.db") as store:
        report = ingest_items(store, read_pages([str(folder)]))
    assert report.added == 2
    named = {Path(p.origin).name for p in report.problems}
    assert named == {"package.json", "logo.png", "empty.txt", "junk.bin"}
    json_problem = next(p for p in report.problems if p.origin.endswith("package.json"))
    assert "no article records" in json_problem.message


def test_the_cli_names_every_file_that_is_not_a_page(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "s.db"), str(folder)])
    assert result.exit_code == 0
    for name in ("package.json", "logo.png", "empty.txt", "junk.bin"):
        assert name in result.output, result.output
    assert "2 new articles" in result.output


def test_a_json_file_of_article_records_is_read() -> None:
    records = [{"id": "one", "text": ARTICLE}, {"id": "two", "html": HTML_UTF8}]
    data = json.dumps(records, indent=2).encode()
    pages, problems = split(list(read_stream(io.BytesIO(data), "batch.json", limit=1 << 20)))
    assert [p.id for p in pages] == ["one", "two"] and problems == []


def test_text_starting_with_a_bracket_is_still_a_page() -> None:
    data = ("[Reuters] " + ARTICLE).encode()
    pages, problems = split(list(read_stream(io.BytesIO(data), "wire.txt", limit=1 << 20)))
    assert len(pages) == 1 and problems == []


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_a_file_name_with_non_utf8_bytes_keeps_its_page(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(ARTICLE.encode())
    with Store(tmp_path / "s.db") as store:
        report = ingest_items(store, read_pages([str(tmp_path)]))
        assert report.added == 1, report.to_dict()
        article = store.get_article(report.outcomes[0].article_id)
    assert article is not None and article.origin.endswith("caf\\xe9.txt")


# huge pages cost linear time and bounded memory -----------------------------------------------


def test_near_duplicate_shingles_read_only_the_start_of_a_huge_body() -> None:
    words = " ".join(f"w{i}" for i in range(120_000))
    assert len(words) > MAX_SHINGLE_CHARS * 2
    assert shingles(words) == shingles(words[:MAX_SHINGLE_CHARS])


# NUL bytes and encodings without a byte-order mark ------------------------------------------


def test_a_utf16_page_without_a_byte_order_mark_is_read_not_called_binary() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        decoded = decode_page(ARTICLE.encode(encoding))
        assert decoded.text == ARTICLE and decoded.encoding == encoding


def test_a_few_stray_nul_bytes_are_removed_and_reported_binary_stays_binary() -> None:
    data = HTML_UTF8.encode()
    decoded = decode_page(data[:300] + b"\x00" + data[300:900] + b"\x00" + data[900:])
    assert "\x00" not in decoded.text and "élèves" in decoded.text
    assert decoded.problem and "2 NUL bytes removed" in decoded.problem
    with pytest.raises(DecodeError, match="binary"):
        decode_page(bytes(range(256)) * 40)
    with pytest.raises(DecodeError, match="binary"):
        decode_page(b"PK\x03\x04" + b"\x00\x00\x14\x00" * 200)  # a zip-like header
    with pytest.raises(DecodeError, match="binary"):  # NULs in every other byte, not text
        decode_page(b"".join(bytes([n % 32, 0]) for n in range(4000)))


def test_nul_characters_in_jsonl_text_are_stored_without_them(store_target: object) -> None:
    text = ARTICLE.replace("river", "ri\u0000ver")
    record = {"id": "nul", "title": "Bridge\u0000 to open", "text": text}
    data = (json.dumps(record) + "\n").encode()
    with Store(store_target) as store:
        report = ingest_items(store, read_stream(io.BytesIO(data), "nul.jsonl", limit=1 << 20))
        assert report.added == 1, report.problems
        article = store.get_article("nul")
    assert article is not None and "\x00" not in article.body + (article.title or "")
    assert "river" in article.body


def test_a_broken_link_in_a_folder_is_named_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    pages, problems = split(list(read_pages([str(tmp_path)])))
    assert [p.id for p in pages] == ["good"]
    assert len(problems) == 1 and problems[0].origin.endswith("gone.txt")
    assert "broken link" in problems[0].message


def test_json_nested_too_deeply_is_one_problem_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"id": "x", "text": ' + "[" * 100_000 + "\n")
    (tmp_path / "good.txt").write_text(ARTICLE)
    pages, problems = split(list(read_pages([str(tmp_path)])))
    assert [p.id for p in pages] == ["good"]
    messages = {Path(p.origin.split(":")[0]).name: p.message for p in problems}
    assert "nested too deeply" in messages["deep.json"]
    assert "nested too deeply" in messages["deep.jsonl"]


def test_a_stray_nul_byte_in_a_jsonl_file_costs_neither_the_file_nor_the_record() -> None:
    records = [json.dumps({"id": f"r{n}", "text": f"Report {n}\n\n{PARAGRAPH}"}) for n in range(3)]
    data = "\n".join(records).encode().replace(b"Report 1", b"Report\x00 1")
    pages, problems = split(list(read_stream(io.BytesIO(data), "nul.jsonl", limit=1 << 20)))
    assert [p.id for p in pages] == ["r0", "r1", "r2"]
    assert pages[1].content.startswith("Report 1")
    assert [p.warning for p in problems] == [True] and "1 NUL byte removed" in problems[0].message
