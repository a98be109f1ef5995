"""Rough edges a demanding new user found (session-4 audit): each test names what broke."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from storylens.store import Store
from storylens.web import create_app
from storylens.web.pages import without_the


def test_outlet_names_with_their_own_the_are_not_doubled() -> None:
    assert without_the("The Northern Ledger") == "Northern Ledger"
    assert without_the("Theatre Weekly") == "Theatre Weekly"
    assert without_the("The") == "The"


def test_many_near_copies_are_folded_and_never_read_the_the(newsroom_db: Path) -> None:
    with Store(newsroom_db) as store:
        story_id, copies = store.conn.execute(
            "SELECT story_id, COUNT(*) FROM story_articles WHERE duplicate_of IS NOT NULL "
            "GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    assert copies > 3, "the 60-article story has many near-copies"
    with TestClient(create_app(newsroom_db)) as client:
        html = client.get(f"/stories/{story_id}").text
    head = html.split('<header class="story-head">')[1].split("</header>")[0]
    assert "the The " not in head and "The The " not in head
    visible = re.search(r'<p class="muted">(The [^<]*near-copy[^<]*)</p>', head)
    assert visible and visible.group(1).count("near-copy") == 3
    assert f"and {copies - 3} more near-copies" in head


def test_fact_rows_count_outlets_not_articles(newsroom_db: Path) -> None:
    with Store(newsroom_db) as store:
        (story_id,) = store.conn.execute(
            "SELECT story_id FROM story_articles GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
    with TestClient(create_app(newsroom_db)) as client:
        story = client.get(f"/api/stories/{story_id}").json()
        html = client.get(f"/stories/{story_id}").text
    outlets = len(story["outlets"])
    counts = re.findall(r"(?:(\d+) articles from )?(\d+) outlets? · first:", html)
    assert counts, "each fact row says how many report it"
    assert all(int(n) <= outlets for _, n in counts), "never more outlets than the story has"
    assert any(a and int(a) > int(n) for a, n in counts), "an outlet's second article is counted"


CP1252_PAGES = {
    "en": "The café’s owner said the “crème brûlée” was the best in Zürich — naïvely, perhaps. "
    "“We’re delighted,” she added.",
    "es": "El Gobierno español aprobó el martes una reforma de la ley de vivienda que limitará el "
    "precio del alquiler en las zonas más tensionadas. «Es un paso histórico», afirmó la "
    "ministra, quien añadió que la norma entrará en vigor en enero. La oposición anunció que "
    "recurrirá ante el Tribunal Constitucional.",
}
CP1250_CZECH = (
    "Vláda ve středu schválila návrh zákona o zvýšení minimální mzdy. Ministr financí řekl, že "
    "změna vstoupí v platnost od ledna příštího roku. Odboráři považují zvýšení za příliš malé, "
    "zaměstnavatelé varují před propouštěním v malých firmách."
)


def test_undeclared_cp1252_pages_are_not_read_as_central_european(tmp_path: Path) -> None:
    from storylens.ingest import read_pages
    from storylens.models import Page

    for name, text in CP1252_PAGES.items():
        (tmp_path / f"{name}.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "cs.txt").write_bytes(CP1250_CZECH.encode("cp1250"))
    pages = {p.id: p for p in read_pages([str(tmp_path)]) if isinstance(p, Page)}
    assert pages["en"].content == CP1252_PAGES["en"], "not “naďvely” or “crčme brűlée”"
    assert pages["es"].content == CP1252_PAGES["es"], "not “histňrico”"
    assert pages["cs"].content == CP1250_CZECH, "a real cp1250 page keeps its encoding"


def test_python_dash_m_runs_the_command() -> None:
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parents[1] / "src")
    for module in ("storylens", "storylens.cli.main"):
        done = subprocess.run(
            [sys.executable, "-m", module, "--help"],
            capture_output=True, text=True, env={"PYTHONPATH": src}, check=False,
        )  # fmt: skip
        assert done.returncode == 0 and "Commands:" in done.stdout, module


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    from click.testing import CliRunner

    from storylens.cli.main import cli

    result = CliRunner().invoke(cli, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


ARTICLE = (
    "Flood defences failed in Lowmoor on Tuesday night, and 300 homes were evacuated.\n\n"
    "The council said the river rose two metres in six hours after heavy rain in the hills. "
    "Engineers will inspect the walls on Wednesday, a spokesman said."
)


def test_published_in_pipeline_forms_becomes_iso_8601() -> None:
    from storylens.ingest.dates import published_iso

    assert published_iso(1764633600) == ("2025-12-02T00:00:00+00:00", None)
    assert published_iso("1764633600123")[0] == "2025-12-02T00:00:00+00:00", "milliseconds"
    assert published_iso("Tue, 02 Dec 2025 10:00:00 GMT")[0] == "2025-12-02T10:00:00+00:00"
    assert published_iso("2025-12-02T10:00:00Z") == ("2025-12-02T10:00:00Z", None), "kept"
    assert published_iso("2 December 2025")[0] == "2025-12-02T00:00:00"
    assert published_iso(None) == (None, None)
    unusable = [("yesterday", "not a date"), ("2025-13-45", "not a date"),
                ("02/12/2025", "day-first and month-first"), ({"t": 1}, "an object"),
                ("3019-01-01T00:00:00Z", "in the future"),
                (32503680000, "in the future")]  # fmt: skip
    for bad, why in unusable:
        value, note = published_iso(bad)
        assert value is None and note and why in note, bad


def test_jsonl_fields_that_are_not_text_are_dropped_and_said(tmp_path: Path) -> None:
    import json

    from storylens.ingest import read_pages
    from storylens.models import InputProblem, Page

    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": {"n": 1}, "text": ARTICLE, "site": {"name": "x"}, "title": ["Floods"]},
        {"id": 7, "text": ARTICLE + " More.", "site": "Lowmoor Post", "published": 1764633600},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    items = list(read_pages([str(feed)]))
    pages = [i for i in items if isinstance(i, Page)]
    notes = [i.message for i in items if isinstance(i, InputProblem)]
    assert all(isinstance(i, Page) or i.warning for i in items), "both records are kept"
    first, second = pages
    assert first.site is None and first.title is None and "{" not in first.id
    assert any("'site' is an object" in n for n in notes)
    assert any("'title' is an array" in n for n in notes)
    assert second.id == "7" and second.site == "Lowmoor Post"
    assert second.published == "2025-12-02T00:00:00+00:00"


def test_extract_jsonl_prints_one_line_per_input_even_with_a_warning(tmp_path: Path) -> None:
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": ARTICLE, "published": "yesterday"}) + "\n"
        + json.dumps({"id": "b", "text": ARTICLE + " Later."}) + "\n"
        + "{not json\n"
    )  # fmt: skip
    code, out, err = run("extract", "--jsonl", str(feed), "--workers", "1")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [d["id"] for d in lines] == ["a", "b", None]
    assert lines[0]["published"] is None and "'yesterday' is not a date" in err
    assert "error" in lines[2]


def test_an_epoch_published_dates_the_story(tmp_path: Path) -> None:
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": 1764633600}) + "\n")
    db = tmp_path / "s.db"
    code, _, _ = run("ingest", "--db", str(db), "--workers", "1", str(feed))
    code, out, _ = run("stories", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)[0]["first_published"].startswith("2025-12-02")


PAGE_BODY = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
THREE_RECORDS = [
    ("200 OK", "text/html", f"<html><body><h1>Floods</h1>{PAGE_BODY}</body></html>".encode()),
    ("200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(400)),
    ("200 OK", "text/html", f"<html><body><h1>Floods 2</h1>{PAGE_BODY}</body></html>".encode()),
]


def _warc(path: Path, *, gzip: bool, records: list[tuple[str, str, bytes]] = THREE_RECORDS) -> None:
    """Response records (by default a page, an image, a page), each its own gzip member when
    gzipped."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for n, (status, ctype, payload) in enumerate(records):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.com/{n}", "response", payload=io.BytesIO(payload),
                http_headers=headers))  # fmt: skip


def test_a_cut_gzipped_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    from storylens.ingest import read_pages
    from storylens.models import InputProblem, Page

    path = tmp_path / "crawl.warc.gz"
    _warc(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])  # inside the last page's gzip member
    items = list(read_pages([str(path)]))
    pages = [i for i in items if isinstance(i, Page)]
    problems = [i.message for i in items if isinstance(i, InputProblem)]
    assert [p.url for p in pages] == ["https://example.com/0"], "before: nothing was kept"
    assert problems and "truncated" in problems[0] and "after 1 page (" in problems[0]


def test_a_warc_cut_in_a_record_header_or_a_skipped_record_says_so(tmp_path: Path) -> None:
    from storylens.ingest import read_pages
    from storylens.models import InputProblem, Page

    path = tmp_path / "crawl.warc"
    _warc(path, gzip=False)
    data = path.read_bytes()
    third = data.rindex(b"WARC/1.0\r\n")
    second = data.rindex(b"WARC/1.0\r\n", 0, third)
    for cut in (third + 20, second + 300):  # in the last header; in the image record
        path.write_bytes(data[:cut])
        items = list(read_pages([str(path)]))
        assert [i.url for i in items if isinstance(i, Page)] == ["https://example.com/0"]
        problems = [i.message for i in items if isinstance(i, InputProblem)]
        assert problems and "truncated" in problems[0], cut


def test_jsonl_batches_may_be_gzipped_for_extract_and_cluster(tmp_path: Path) -> None:
    import gzip
    import json

    records = [{"id": "a", "text": ARTICLE, "site": {"x": 1}}, {"id": "b", "text": ARTICLE}]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    code, out, _ = run("extract", "--jsonl", str(path), "--workers", "1")
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"]
    code, out, err = run("cluster", str(path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [d["id"] for d in lines] == ["a", "b"], "a note is no extra line"
    assert lines[1]["duplicate_of"] == "a" and "'site' is an object" in err
    code, out, _ = run("cluster", str(path), "--limit", "1")
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a"]


def test_warc_error_pages_and_redirects_are_not_articles(tmp_path: Path) -> None:
    from storylens.ingest import read_pages
    from storylens.models import Page

    path = tmp_path / "crawl.warc"
    not_found = b"<html><body><h1>Page not found</h1><p>Try the home page.</p></body></html>"
    _warc(path, gzip=False, records=[
        ("404 Not Found", "text/html", not_found),
        ("301 Moved Permanently", "text/html", b"<html><body>Moved</body></html>"),
        THREE_RECORDS[0],
        ("503 Service Unavailable", "text/html", b"<html><body>Try later</body></html>"),
    ])  # fmt: skip
    pages = [i for i in read_pages([str(path)]) if isinstance(i, Page)]
    assert [p.url for p in pages] == ["https://example.com/2"]


def test_sentences_end_at_chinese_japanese_arabic_and_hindi_marks() -> None:
    from storylens.compare.sentences import split_sentences

    def texts(text: str) -> list[str]:
        return [s.text for s in split_sentences(text)]

    zh = ["北京市发生了地震。", "市政府启动应急预案！", "没有人员伤亡吗？", "专家说最强。"]
    assert texts("".join(zh)) == zh
    ja = ["東京で大雨が降った。", "首相は「被害を把握したい。」と述べた。", "運休が相次いだ。"]
    assert texts("".join(ja)) == ja, "a quotation and its attribution stay one sentence"
    assert texts("هل وقع زلزال؟ قالت السلطات إن زلزالا ضرب المنطقة.") == [
        "هل وقع زلزال؟", "قالت السلطات إن زلزالا ضرب المنطقة."
    ]  # fmt: skip
    assert texts("भूकंप आया। सरकार ने कहा कि कोई हताहत नहीं हुआ।") == [
        "भूकंप आया।", "सरकार ने कहा कि कोई हताहत नहीं हुआ।"
    ]  # fmt: skip


def test_compare_refuses_stdin_twice_with_a_usage_error() -> None:
    code, out, err = run("compare", "-", "-", input="Some text.\n")
    assert code == 2 and "'-' (stdin) can be given only once" in err and not out


def test_export_of_an_unknown_story_is_an_error_not_an_empty_file(newsroom_db: Path) -> None:
    code, out, err = run("export", "stories", "--db", str(newsroom_db), "--story", "s-nope")
    assert code == 1 and not out and "s-nope: no such story" in err


def test_show_given_an_article_id_names_its_story(newsroom_db: Path) -> None:
    with Store(newsroom_db) as store:
        article_id, story_id = store.conn.execute(
            "SELECT article_id, story_id FROM story_articles LIMIT 1"
        ).fetchone()
    code, _, err = run("show", "--db", str(newsroom_db), article_id)
    assert code == 1 and f"storylens show {story_id}" in err


def test_storylines_paging_options_refuse_negative_numbers(newsroom_db: Path) -> None:
    for option, value in (("--limit", "0"), ("--limit", "-1"), ("--offset", "-5")):
        code, _, err = run("storylines", "--db", str(newsroom_db), option, value)
        assert code == 2 and "is not in the range" in err, (option, value)


def test_pages_name_an_icon_that_is_served(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        html = client.get("/").text
        icon = re.search(r'<link rel="icon"[^>]*href="([^"]+)"', html)
        assert icon, "else every browser asks for /favicon.ico and logs a 404"
        served = client.get(icon.group(1))
    assert served.status_code == 200 and "<svg" in served.text


def test_ingest_summary_counts_notes_apart_from_problems(tmp_path: Path) -> None:
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": "soon"}) + "\n")
    (tmp_path / "empty.txt").write_text("")
    db = tmp_path / "s.db"
    code, _, err = run("ingest", "--db", str(db), "--workers", "1", str(feed),
                       str(tmp_path / "empty.txt"))  # fmt: skip
    assert code == 0 and "1 new article, 0 already stored, 1 problem, 1 note ->" in err


ARABIC = (
    "زلزال يضرب المنطقة\n\n"
    "قالت السلطات إن زلزالا بقوة خمس درجات ضرب المنطقة صباح اليوم، ولم ترد تقارير عن إصابات.\n\n"
    "وأضاف المتحدث باسم الحكومة أن فرق الإنقاذ تعمل في المنطقة منذ الصباح."
)


def test_right_to_left_text_is_laid_out_by_its_own_direction(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text(ARABIC, encoding="utf-8")
    db = tmp_path / "s.db"
    code, _, _ = run("ingest", "--db", str(db), "--workers", "1", str(tmp_path / "ar.txt"))
    assert code == 0
    with TestClient(create_app(db)) as client:
        article = client.get("/articles/ar").text
        front = client.get("/").text
    assert re.search(r'<h1 dir="auto">زلزال', article)
    assert re.search(r'<p dir="auto">قالت السلطات', article), "paragraphs take their direction"
    assert re.search(r'<h2 id="story-1" dir="auto">', front)


def test_refused_records_keep_their_id_in_batch_output(tmp_path: Path) -> None:
    import json

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "no-text", "title": "Only a title"}) + "\n"
        + json.dumps({"id": "blank", "text": "   "}) + "\n"
        + "{broken\n"
    )  # fmt: skip
    code, out, _ = run("extract", "--jsonl", str(feed), "--workers", "1")
    assert code == 1 and [json.loads(line)["id"] for line in out.splitlines()] == [
        "no-text", "blank", None
    ]  # fmt: skip
    code, out, _ = run("cluster", str(feed))
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["no-text", "blank", None]


def test_output_in_a_latin1_locale_escapes_instead_of_crashing(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    page = tmp_path / "zh.txt"
    page.write_text("北京发生地震\n\n据新华社报道，今天上午十点，北京市发生了地震。没有人员伤亡的报告。\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
           "PYTHONIOENCODING": "latin-1"}  # fmt: skip
    for args in (["extract", str(page)], ["extract", "--json", str(page)]):
        done = subprocess.run([sys.executable, "-m", "storylens", *args], capture_output=True,
                              env=env, check=False)  # fmt: skip
        assert done.returncode == 0 and b"Traceback" not in done.stderr, args
    assert json.loads(done.stdout)["title"] == "北京发生地震", "JSON stays lossless (\\u escapes)"


def test_front_page_says_when_by_names_no_registry_column(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        bad = client.get("/api/front?by=nonsense").json()
        good = client.get("/api/front?by=country").json()
    assert bad["coverage_by"] == "country" and bad["problems"]
    assert "'nonsense' is not a registry column" in bad["problems"][0]
    assert good["problems"] == []
