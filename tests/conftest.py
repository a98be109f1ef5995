"""Fixtures shared by the test modules: the seed pages and a store with them ingested.

Ingesting is done once per session into a template file; each test that asks for a seeded store
gets its own copy, so tests that write never see each other's changes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.ingest import read_pages
from storylens.pipeline import ingest_items
from storylens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEED_GLOBS = ("000_*.txt", "004_*.txt")


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
