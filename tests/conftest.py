"""Fixtures shared by the test modules: the seed pages and a store with them ingested.

Ingesting is done once per session into a template file; each test that asks for a seeded store
gets its own copy, so tests that write never see each other's changes.

Store tests run against both backends: ``store_target`` and ``seeded_target`` are parametrised
over SQLite (a file) and PostgreSQL (a database in a throwaway PostgreSQL 15 cluster started once
per session by ``scripts/pg_test_cluster.sh``, on a free loopback port, removed at the end; a
seeded database is cloned from a template database). ``$STORYLENS_TEST_PG`` (a server URL) uses
an existing server instead. Without server binaries the PostgreSQL cases are skipped, except
under CI, where that is a failure.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from storylens.ingest import read_pages
from storylens.pipeline import ingest_items
from storylens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEED_GLOBS = ("000_*.txt", "004_*.txt")
PG_SCRIPT = Path(__file__).parents[1] / "scripts" / "pg_test_cluster.sh"
BACKENDS = ("sqlite", "postgresql")
_databases = itertools.count()


SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def import_script(name: str) -> ModuleType:
    """A script of ``scripts/`` (not a package) imported as a module, once per session."""
    if str(SCRIPTS) not in sys.path:
        sys.path.append(str(SCRIPTS))  # last: a script may import another script's helpers
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses of the script look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    return import_script


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    """The two seed pages: one event reported by two outlets."""
    return [path for pattern in SEED_GLOBS for path in sorted(FIXTURES.glob(pattern))]


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    """A store file with both seeds ingested through the real pipeline (read-only: copy it)."""
    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    with Store(path) as store:
        report = ingest_items(store, read_pages([str(p) for p in seed_paths]))
    assert report.added == len(seed_paths), report.to_dict()
    return path


@pytest.fixture
def seeded_db(seeded_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded store file for one test."""
    target = tmp_path / "store.db"
    shutil.copyfile(seeded_db_template, target)
    return target


@pytest.fixture
def seeded_store(seeded_db: Path) -> Iterator[Store]:
    """An open store with both seeds ingested and assigned to stories."""
    with Store(seeded_db) as store:
        yield store


@pytest.fixture(scope="session")
def newsroom_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store as a new user would build it: the synthetic newsroom feed (300 articles from 20
    outlets, one story of 60) ingested through the real pipeline, plus its outlet registry."""
    from storylens.bench.synthetic import newsroom_feed, registry_csv
    from storylens.ingest.readers import read_jsonl_lines
    from storylens.store.outlets import read_registry_csv, save_outlets

    folder = tmp_path_factory.mktemp("newsroom")
    lines = [json.dumps(record) for record in newsroom_feed()]
    registry_csv(folder / "outlets.csv")
    path = folder / "newsroom.db"
    with Store(path) as store:
        ingest_items(store, read_jsonl_lines(lines, "feed.jsonl", limit=1_000_000))
        save_outlets(store, read_registry_csv(folder / "outlets.csv"))
    return path


@pytest.fixture
def newsroom_db(newsroom_db_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "newsroom.db"
    shutil.copyfile(newsroom_db_template, target)
    return target


# both backends -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server's ``postgres`` database, for creating test databases."""
    existing = os.environ.get("STORYLENS_TEST_PG")
    if existing:
        yield existing
        return
    folder = tempfile.mkdtemp(prefix="storylens-pg-")  # under /tmp: the server user must reach it
    started = subprocess.run(
        ["bash", str(PG_SCRIPT), "start", folder], capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        message = f"no PostgreSQL test server: {started.stderr.strip()[-400:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        from storylens.store.postgres import close_all_pools

        close_all_pools()
        subprocess.run(["bash", str(PG_SCRIPT), "stop", folder], check=False)


def create_pg_database(server: str, template: str | None = None) -> str:
    """A new empty database (or a clone of ``template``) on the test server; its URL."""
    import psycopg

    name = f"t{os.getpid()}_{next(_databases)}"
    clone = f" TEMPLATE {template}" if template else ""
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}{clone}")  # type: ignore[arg-type]
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """A factory of fresh, empty store targets of this test's backend."""
    made: list[str] = []

    def make(name: str = "s.db") -> str | Path:
        if backend == "sqlite":
            return tmp_path / name
        url = create_pg_database(request.getfixturevalue("pg_server"))
        made.append(url)
        return url

    yield make
    _release(made)


@pytest.fixture
def store_target(new_target: object) -> str | Path:
    """A fresh, empty store target: a SQLite path or a PostgreSQL database URL."""
    return new_target()  # type: ignore[operator]


@pytest.fixture(scope="session")
def seeded_pg_template(pg_server: str, seed_paths: list[Path]) -> str:
    """A database with both seeds ingested, used as a template (never opened by tests)."""
    from storylens.store.postgres import close_pool

    url = create_pg_database(pg_server)
    with Store(url) as store:
        report = ingest_items(store, read_pages([str(p) for p in seed_paths]))
    assert report.added == len(seed_paths), report.to_dict()
    close_pool(url)  # a template database must have no connections
    return url.rsplit("/", 1)[1]


@pytest.fixture
def seeded_target(
    backend: str, seeded_db_template: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str | Path]:
    """A private seeded store of this test's backend (a file copy or a cloned database)."""
    if backend == "sqlite":
        target = tmp_path / "store.db"
        shutil.copyfile(seeded_db_template, target)
        yield target
        return
    template = request.getfixturevalue("seeded_pg_template")
    url = create_pg_database(request.getfixturevalue("pg_server"), template=template)
    yield url
    _release([url])


def _release(urls: list[str]) -> None:
    from storylens.store.postgres import close_pool

    for url in urls:
        close_pool(url)


@pytest.fixture
def trafilatura_passes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, bool]]:
    """The options of every trafilatura pass ``extract_from_html`` runs (the real passes run)."""
    from storylens.extract import html as html_extract

    passes: list[dict[str, bool]] = []
    real = html_extract._trafilatura_document

    def recording(root, url, **options):  # type: ignore[no-untyped-def]
        passes.append(options)
        return real(root, url, **options)

    monkeypatch.setattr(html_extract, "_trafilatura_document", recording)
    return passes
