"""The store on both backends (SQLite file, PostgreSQL database): the interface every stage uses,
schema versions and migrations, refusing foreign/newer/missing stores, read-only opening, and
several ``storylens ingest`` processes writing one store at once."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.ingest import read_pages
from storylens.models import Article, Page
from storylens.pipeline import ingest_items
from storylens.store import Store, StoreError, StoreMissing, open_store
from storylens.store.schema import SCHEMA_VERSION
from storylens.stories.storage import STORY_SCHEMA

STAGE_DDL = """
CREATE TABLE IF NOT EXISTS test_stage (
    key TEXT PRIMARY KEY,
    n INTEGER NOT NULL,
    x REAL,
    blob BLOB
);
CREATE INDEX IF NOT EXISTS test_stage_n ON test_stage(n);
"""


def page_and_article(name: str, body: str) -> tuple[Page, Article]:
    page = Page(id=name, origin=f"{name}.txt", kind="text", content=f"{name}\n\n{body}")
    return page, Article(id=name, origin=page.origin, title=name, body=body)


# the interface -------------------------------------------------------------------------------


def test_pages_and_articles_round_trip_and_are_stored_once(store_target: object) -> None:
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        first = store.add(*page_and_article("a", "Body of a, 100% sure?"))
        again = store.add(*page_and_article("a", "Body of a, 100% sure?"))
        other = store.add(*page_and_article("a", "Other body, same name"))
        assert first.added and not again.added and again.duplicate_of == "a"
        assert other.added and other.article_id.startswith("a~")
        assert store.count_articles() == 2
        assert [a.id for a in store.iter_articles()] == ["a", other.article_id]
        article = store.get_article("a")
        assert article is not None and article.body == "Body of a, 100% sure?"
        assert store.get_page_content("a") == "a\n\nBody of a, 100% sure?"


def test_a_schema_found_inside_a_transaction_is_checked_once_unless_created_there(
    store_target: object,
) -> None:
    """Ingest asks for a stage's schema once per article, inside the batch's transaction: tables
    that were there before it need no catalogue query again; tables created in a transaction
    that rolls back are gone, so they are checked (and created) again."""
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        with pytest.raises(RuntimeError), store.transaction():
            store.ensure_schema(STAGE_DDL)
            raise RuntimeError("roll back")
        assert "test_stage" not in store.table_names()
        store.ensure_schema(STAGE_DDL)  # created again after the rollback
        assert "test_stage" in store.table_names()
        fresh, third = (STAGE_DDL.replace("test_stage", name) for name in ("t_two", "t_three"))
        with store.transaction():
            store.ensure_schema(third)
        with store.transaction():
            store.ensure_schema(fresh)  # created inside: not trusted until committed
            store.ensure_schema(third)  # there before, but DDL ran in this transaction
            assert fresh not in store._ensured and third not in store._ensured
        with store.transaction():
            store.ensure_schema(fresh)
            assert fresh in store._ensured  # all there before this transaction: remembered


def test_stage_tables_take_portable_sql_on_both_backends(store_target: object) -> None:
    """A stage's own DDL (INTEGER, REAL, BLOB, ``?`` placeholders, ON CONFLICT) works as is."""
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        store.ensure_schema(STAGE_DDL)
        store.ensure_schema(STAGE_DDL)  # idempotent
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO test_stage (key, n, x, blob) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET n = test_stage.n + excluded.n",
                [("k", 1, 0.5, b"\x00\xff"), ("k", 2, 0.5, b"\x00\xff"), ("it's", 7, None, None)],
            )
        row = store.conn.execute("SELECT * FROM test_stage WHERE key = ?", ("k",)).fetchone()
        assert (row["n"], row[2], bytes(row["blob"])) == (3, 0.5, b"\x00\xff")
        like = store.conn.execute("SELECT key FROM test_stage WHERE key LIKE '%''%'").fetchall()
        assert [r[0] for r in like] == ["it's"]


def test_a_failed_savepoint_undoes_only_its_part(store_target: object) -> None:
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        with store.transaction():
            store.add(*page_and_article("kept", "kept body"))
            with pytest.raises(RuntimeError), store.savepoint():
                store.add(*page_and_article("lost", "lost body"))
                raise RuntimeError("boom")
        assert [a.id for a in store.iter_articles()] == ["kept"]


# versions and foreign stores -----------------------------------------------------------------


def test_a_new_store_has_the_current_schema_version(store_target: object) -> None:
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        assert store.schema_version() == SCHEMA_VERSION


def test_a_store_from_a_newer_storylens_is_refused(store_target: object) -> None:
    with open_store(store_target, create=True) as store:  # type: ignore[arg-type]
        store._write_schema_version(SCHEMA_VERSION + 5)
    with pytest.raises(StoreError, match="newer storylens"):
        open_store(store_target, readonly=True)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="newer storylens"):
        open_store(store_target, create=True)  # type: ignore[arg-type]


LEGACY_SCHEMA = """
CREATE TABLE pages (id TEXT PRIMARY KEY, origin TEXT NOT NULL, kind TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE, content TEXT NOT NULL, url TEXT, encoding TEXT,
    ingested_at TEXT NOT NULL);
CREATE TABLE articles (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, body TEXT NOT NULL, published TEXT, byline TEXT, site TEXT, url TEXT,
    language TEXT, removed TEXT NOT NULL);
CREATE TABLE story_articles (article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL,
    seq INTEGER NOT NULL, event_time REAL NOT NULL, published TEXT, title TEXT NOT NULL,
    site TEXT, duplicate_of TEXT, similarity REAL NOT NULL, note TEXT);
INSERT INTO story_articles VALUES ('x', 's', 1, 0, NULL, 'x', NULL, NULL, 1, NULL);
INSERT INTO story_articles VALUES ('y', 's', 1, 0, NULL, 'y', NULL, NULL, 1, NULL);
"""


def test_an_unversioned_store_from_an_older_storylens_is_migrated(tmp_path: Path) -> None:
    """A store made before schema versions (two concurrent ingests left duplicate sequence
    numbers) opens: it is upgraded, the duplicates renumbered, the story tables usable."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(LEGACY_SCHEMA)
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.ensure_schema(STORY_SCHEMA)  # adds the unique sequence index: needs the renumbering
        seqs = store.conn.execute("SELECT seq FROM story_articles ORDER BY seq").fetchall()
        assert [r[0] for r in seqs] == [1, 2]


def test_an_older_store_opened_read_only_is_upgraded_when_writable(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(LEGACY_SCHEMA)
    result = CliRunner().invoke(cli, ["stories", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_an_unrelated_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('mine')")
    before = path.read_bytes()
    for create, readonly in ((True, False), (False, True)):
        with pytest.raises(StoreError, match="not a storylens store"):
            open_store(path, create=create, readonly=readonly)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(path), str(Path(__file__))])
    assert result.exit_code != 0 and "not a storylens store" in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal/-shm left


@pytest.mark.parametrize("backend", ["postgresql"])
def test_an_unrelated_postgresql_database_is_refused_untouched(new_target: object) -> None:
    import psycopg

    url = new_target()  # type: ignore[operator]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not a storylens store"):
        open_store(url, create=True)
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


# read commands: missing and read-only stores -------------------------------------------------


@pytest.mark.parametrize("command", [["stories"], ["show", "s-123"], ["serve", "--port", "0"]])
def test_read_commands_refuse_a_missing_store_and_create_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "missing.db"
    result = CliRunner().invoke(cli, [*command, "--db", str(path)])
    assert result.exit_code != 0
    assert "no storylens store" in result.output and str(path) in result.output
    assert list(tmp_path.iterdir()) == []


def test_read_commands_refuse_an_empty_database(new_target: object) -> None:
    target = new_target()  # type: ignore[operator]
    result = CliRunner().invoke(cli, ["stories", "--db", str(target)])
    assert result.exit_code != 0 and "no storylens store" in result.output
    with pytest.raises(StoreMissing):
        open_store(target, readonly=True)


def test_a_read_only_store_file_can_be_listed(seeded_db: Path) -> None:
    os.chmod(seeded_db, 0o444)
    os.chmod(seeded_db.parent, 0o555)  # not even a WAL index can be made next to it
    try:
        result = CliRunner().invoke(cli, ["stories", "--db", str(seeded_db), "--json"])
        show = CliRunner().invoke(cli, ["stories", "--db", str(seeded_db)])
    finally:
        os.chmod(seeded_db.parent, 0o755)
        os.chmod(seeded_db, 0o644)
    assert result.exit_code == 0, result.output
    assert "Netanyahu" in result.output and show.exit_code == 0
    with open_store(seeded_db, readonly=True) as store, pytest.raises(StoreError, match="read"):
        store.add(*page_and_article("x", "y"))


def test_read_only_opening_writes_nothing(seeded_target: object) -> None:
    with open_store(seeded_target, readonly=True) as store:  # type: ignore[arg-type]
        assert store.count_articles() == 2
        with pytest.raises(StoreError, match="read-only"), store.transaction():
            pass


def test_a_second_writer_waits_for_the_lock_and_says_so(store_target: object) -> None:
    import threading

    with open_store(store_target, create=True) as first, open_store(store_target) as second:  # type: ignore[arg-type]
        notices: list[str] = []
        second.wait_notice = notices.append
        with first.transaction():
            first.add(*page_and_article("first", "first body"))
            waiter = threading.Thread(
                target=lambda: second.add(*page_and_article("second", "second body"))
            )
            waiter.start()
            waiter.join(timeout=1.0)
            assert waiter.is_alive(), "the second writer must wait for the first"
        waiter.join(timeout=30)
        assert not waiter.is_alive()
        assert len(notices) == 1 and "waiting for another writer" in notices[0]
        assert second.count_articles() == 2


# several writers -----------------------------------------------------------------------------

EVENTS = 6
PER_EVENT = 4
MAIN = "from storylens.cli.main import main; main()"
COMMON = "the a of to in and said on for with that was at by from has it as".split()  # noqa: SIM905


def write_event_pages(folder: Path) -> list[Path]:
    """Pages about unrelated events with made-up, event-specific words."""
    rng = random.Random(3)
    paths = []
    for event in range(EVENTS):
        words = [f"{w}{event}" for w in ("kel", "vor", "mun", "dap", "sil", "tor", "bex", "quo")]
        names = [f"Zar{event}ov", f"Port{event}ville"]
        for n in range(PER_EVENT):
            sentences = []
            for _ in range(12):
                picked = rng.choices(words, k=6) + rng.choices(COMMON, k=6)
                rng.shuffle(picked)
                sentences.append(" ".join(picked).capitalize() + f" in {rng.choice(names)}.")
            title = f"{names[0]} {words[0]} {words[1]} report {n}"
            text = title + "\n\n" + " ".join(sentences[:6]) + "\n\n" + " ".join(sentences[6:])
            path = folder / f"e{event}-{n}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(path)
    return paths


def run_ingest(target: object, paths: list[Path]) -> subprocess.Popen[str]:
    env = {**os.environ, "STORYLENS_ASSIGN_BATCH": "2", "PYTHONPATH": "src"}
    command = [sys.executable, "-c", MAIN, "ingest", "--db", str(target)]
    return subprocess.Popen(
        [*command, *map(str, paths)],
        env=env,
        cwd=Path(__file__).parents[1],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def engine_state(target: object) -> dict[str, object]:
    """What must not depend on how many processes wrote the store."""
    with open_store(target, readonly=True) as store:  # type: ignore[arg-type]
        conn = store.conn
        groups: dict[str, set[str]] = defaultdict(set)
        rows = conn.execute(
            "SELECT p.origin, s.story_id, s.seq FROM story_articles s JOIN pages p "
            "ON p.id = s.article_id"
        ).fetchall()
        for origin, story, _ in rows:
            groups[story].add(Path(origin).stem)
        meta = dict(conn.execute("SELECT key, value FROM story_meta").fetchall())
        return {
            "articles": store.count_articles(),
            "pages": conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0],
            "hashes": conn.execute("SELECT COUNT(DISTINCT content_hash) FROM pages").fetchone()[0],
            "seqs": len({r[2] for r in rows}),
            "assigned": len(rows),
            "n_docs": int(meta["n_docs"]),
            "df_total": conn.execute("SELECT SUM(df) FROM story_df").fetchone()[0],
            "stories": sorted(sorted(g) for g in groups.values()),
        }


def test_four_concurrent_ingests_equal_one_sequential_run(
    new_target: object, tmp_path: Path
) -> None:
    """Four ``storylens ingest`` processes on disjoint page sets (one also re-sends some pages
    of another) end with what one sequential run gives: every page once, unique sequence
    numbers, the same document counts and the same stories."""
    paths = write_event_pages(tmp_path)
    sequential, concurrent = new_target("seq.db"), new_target("par.db")  # type: ignore[operator]
    with open_store(sequential, create=True) as store:  # type: ignore[arg-type]
        assert ingest_items(store, read_pages(list(map(str, paths)))).added == len(paths)
    parts = [paths[i::4] for i in range(4)]
    parts[0] += parts[1][:3]  # overlapping: must not be stored twice
    workers = [run_ingest(concurrent, part) for part in parts]
    for worker in workers:
        _, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
    expected, got = engine_state(sequential), engine_state(concurrent)
    total = EVENTS * PER_EVENT
    assert got["articles"] == got["pages"] == got["hashes"] == got["seqs"] == total
    assert got["assigned"] == got["n_docs"] == total
    assert got == expected
    assert len(got["stories"]) == EVENTS  # type: ignore[arg-type]


def test_ingest_report_and_store_agree_in_process(store_target: object, seed_paths: list) -> None:
    """The pipeline stores the seeds through the seam on either backend."""
    with Store(store_target) as store:
        report = ingest_items(store, read_pages([str(p) for p in seed_paths]), batch_size=1)
        assert report.added == 2 and store.count_articles() == 2
        assert store.state_version() == 2  # one change of the story state per page


def test_kill_9_then_rerun_equals_one_clean_run(tmp_path: Path) -> None:
    """Issue 12: an ingest killed with SIGKILL part-way, then run again on the same input, ends
    with exactly what one uninterrupted run stores (pages, counts, stories)."""
    import signal
    import time

    folder = tmp_path / "pages"
    folder.mkdir()
    paths = write_event_pages(folder)
    paths += write_more_event_pages(folder, start=EVENTS, events=4)
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    worker = run_ingest(clean, paths)
    assert worker.wait(timeout=180) == 0
    worker = run_ingest(crashed, paths)
    stored_at_kill = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None:
        if crashed.exists():
            try:
                conn = sqlite3.connect(f"file:{crashed}?mode=ro", uri=True, timeout=1)
                try:
                    row = conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()
                finally:
                    conn.close()
                stored_at_kill = row[0]
            except sqlite3.Error:
                stored_at_kill = 0
            if stored_at_kill >= 6:
                worker.send_signal(signal.SIGKILL)
                break
        time.sleep(0.01)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < stored_at_kill < len(paths)
    assert _gone_within(lambda: not _processes_mentioning(str(crashed)), seconds=15), (
        "the killed ingest's extraction workers were left running"
    )
    rerun = run_ingest(crashed, paths)
    assert rerun.wait(timeout=180) == 0
    assert engine_state(crashed) == engine_state(clean)


def _processes_mentioning(text: str) -> list[int]:
    """Processes whose command line holds ``text`` (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:  # the process ended while we looked
                continue
    return found


def _gone_within(condition: Callable[[], bool], *, seconds: float) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def write_more_event_pages(folder: Path, *, start: int, events: int) -> list[Path]:
    """More pages of further made-up events (numbered from ``start``), so an ingest runs long
    enough to be interrupted."""
    rng = random.Random(start)
    paths = []
    for event in range(start, start + events):
        words = [f"{w}{event}" for w in ("kel", "vor", "mun", "dap", "sil", "tor", "bex", "quo")]
        for n in range(PER_EVENT * 2):
            text = " ".join(
                " ".join(rng.choices(words, k=6) + rng.choices(COMMON, k=6)).capitalize() + "."
                for _ in range(12)
            )
            path = folder / f"m{event}-{n}.txt"
            path.write_text(f"Event {words[0]} {words[1]} report {n}\n\n{text}\n", encoding="utf-8")
            paths.append(path)
    return paths
