"""The storylens command as a user runs it: extract, ingest, errors and exit codes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())["documents"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_extract_json_gives_the_documented_keys_for_each_seed() -> None:
    code, out, _ = run("extract", "--json", *map(str, SEEDS))
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["path"]).name for d in docs] == [s.name for s in SEEDS]
    for doc in docs:
        assert {"path", "title", "body", "published", "byline", "site", "removed"} <= doc.keys()
        assert doc["title"] == EXPECTED[Path(doc["path"]).name]["title"]
        assert all({"text", "reason"} == set(r) for r in doc["removed"])


def test_extract_human_output_shows_title_and_body() -> None:
    code, out, _ = run("extract", str(SEEDS[1]))
    assert code == 0
    assert EXPECTED[SEEDS[1].name]["title"] in out
    assert "Lavrov" in out and "lines removed" in out


def test_extract_jsonl_keeps_input_order_and_reports_bad_lines(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        json.dumps({"id": "b", "text": SEEDS[1].read_text()})
        + "\nnot json at all\n"
        + json.dumps({"id": "a", "text": SEEDS[0].read_text(), "url": "https://x.example/a"})
        + "\n"
    )
    code, out, err = run("extract", "--jsonl", str(batch))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["id"] for r in rows] == ["b", None, "a"]
    assert "not valid JSON" in rows[1]["error"]
    assert f"{batch}:2" in err
    assert rows[2]["site"] == "x.example"


def test_extract_jsonl_from_stdin() -> None:
    line = json.dumps({"id": "s", "text": SEEDS[0].read_text()})
    code, out, _ = run("extract", "--jsonl", "-", input=line + "\n")
    assert code == 0 and json.loads(out)["id"] == "s"


def test_exit_status_is_non_zero_only_when_nothing_worked(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _, err = run("extract", str(empty))
    assert code == 1 and f"{empty}: empty input" in err
    code, _, err = run("extract", str(empty), str(SEEDS[0]))
    assert code == 0 and "empty input" in err


def test_ingest_stores_once_and_reingest_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, _, err = run("ingest", "--db", str(db), *map(str, SEEDS))
    assert code == 0 and "2 new articles, 0 already stored" in err
    code, _, err = run("ingest", "--db", str(db), str(FIXTURES / "0*.txt"))
    assert code == 0 and "0 new articles, 2 already stored" in err
    with Store(db) as store:
        assert store.count_articles() == 2
        article = store.get_article(SEEDS[0].stem)
        assert article is not None and article.content_hash
        assert store.get_page_content(SEEDS[0].stem) == SEEDS[0].read_text()


def test_ingest_uses_the_environment_variable_for_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLENS_DB", str(tmp_path / "env.db"))
    code, _, _ = run("ingest", str(SEEDS[0]))
    assert code == 0 and (tmp_path / "env.db").exists()


def test_ingest_goes_on_past_bad_inputs_and_keeps_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run("ingest", "--db", str(db), str(SEEDS[0]))
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run("ingest", "--db", str(db), str(junk), str(SEEDS[1]))
    assert code == 0 and f"{junk}: binary content" in err
    code, _, _ = run("ingest", "--db", str(db), str(junk))
    assert code == 1
    with Store(db) as store:
        assert store.count_articles() == 2


def test_a_failure_while_storing_rolls_back_that_page_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.stories import StoryEngine

    db = tmp_path / "s.db"
    run("ingest", "--db", str(db), str(SEEDS[0]))
    original = StoryEngine.add

    def flaky(self: StoryEngine, article, **known):  # type: ignore[no-untyped-def]
        if article.id == SEEDS[1].stem:
            raise RuntimeError("disk on fire")
        return original(self, article, **known)  # the signature computed at extraction

    monkeypatch.setattr(StoryEngine, "add", flaky)
    code, _, err = run("ingest", "--db", str(db), str(SEEDS[1]))
    assert code == 1 and "could not store (RuntimeError: disk on fire)" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT id FROM pages").fetchall() == [(SEEDS[0].stem,)]
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone() == (1,)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my precious notes, not sqlite " * 100)
    before = db.read_bytes()
    code, _, err = run("ingest", "--db", str(db), str(SEEDS[0]))
    assert code == 1 and str(db) in err and "not a usable storylens database" in err
    assert db.read_bytes() == before


def test_same_name_different_content_gets_its_own_id(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    other = tmp_path / "other" / SEEDS[0].name
    other.parent.mkdir()
    shutil.copy(SEEDS[0], other)
    other.write_text(other.read_text() + "\nOne more paragraph of reporting was added later.\n")
    run("ingest", "--db", str(db), str(SEEDS[0]), str(other))
    with Store(db) as store:
        ids = [a.id for a in store.iter_articles()]
    assert ids[0] == SEEDS[0].stem and ids[1].startswith(SEEDS[0].stem + "~")


def test_compare_two_files_as_json_has_the_documented_keys() -> None:
    code, out, _ = run("compare", "--json", *map(str, SEEDS))
    result = json.loads(out)
    assert code == 0
    assert {"shared", "only_a", "only_b", "reuse", "quotes", "commentary", "credits"} <= set(result)
    credited = {c["name"] for c in result["credits"] if c["article_id"] == SEEDS[0].stem}
    assert {"Reuters", "Jerusalem Post"} <= credited


def test_compare_stored_ids_and_show_compare(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run("ingest", "--db", str(db), *map(str, SEEDS))
    code, out, _ = run("compare", "--db", str(db), "--no-color", SEEDS[0].stem, SEEDS[1].stem)
    assert code == 0 and "Shared facts" in out and "Benjamin Netanyahu" in out
    code, out, _ = run("stories", "--db", str(db), "--json")
    story_id = json.loads(out)[0]["id"]
    code, out, _ = run("show", "--db", str(db), story_id, "--compare", "--json")
    shown = json.loads(out)
    assert code == 0 and len(shown["article_ids"]) == 2 and shown["compare"]["quotes"]


def test_compare_unknown_input_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("compare", "--db", str(tmp_path / "none.db"), "nope", str(SEEDS[0]))
    assert code == 1 and "nope: no such file" in err


def test_compare_jsonl_gives_one_line_per_pair_and_goes_on_past_bad_lines(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    same_a = "The minister resigned on Friday after the corruption report was published."
    same_b = "On Friday the minister resigned, after the corruption report came out."
    pairs.write_text(
        json.dumps({"id": "p1", "a": same_a, "b": same_b})
        + "\n{broken\n"
        + json.dumps({"id": "p3", "a": same_a, "b": "Heavy rain flooded the valley overnight."})
        + "\n"
    )
    code, out, err = run("compare", "--jsonl", str(pairs))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == ["p1", None, "p3"]
    assert rows[0]["shared"] and not rows[2]["shared"]
    assert "error" in rows[1] and f"{pairs}:2" in err


def test_show_says_unknown_dates_and_single_reports_in_words(seeded_db: Path) -> None:
    """Undated seeds: ``show`` must not print ``None .. None``, and a fact one article reports
    reads "1 article ... only", not "1 articles ... also: " (issue 14's small things)."""
    runner = CliRunner()
    listed = runner.invoke(cli, ["stories", "--db", str(seeded_db), "--json"])
    story = json.loads(listed.output)[0]["id"]
    shown = runner.invoke(cli, ["show", story, "--db", str(seeded_db), "--compare"])
    assert shown.exit_code == 0, shown.output
    assert "None" not in shown.output.splitlines()[1]
    assert "publication dates unknown" in shown.output
    assert "1 articles" not in shown.output and "also: \n" not in shown.output
    assert "[1 article " in shown.output and " only" in shown.output
