"""Issue 10: the story engine's reading of an article (language, term counts) done where the
article is extracted, so the one story assigner only assigns; and the ingest speed figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.bench.ingest_speed import measure_ingest
from storylens.ingest import read_pages
from storylens.models import Extracted
from storylens.pipeline import core, store_extracted
from storylens.pipeline.parallel import extract_parallel
from storylens.store import Store
from storylens.stories import engine, read_article

BODY = (
    "A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday, killing 8 people. "
    "Rescue teams searched collapsed buildings in the port town of Padang through the night. "
    "Governor Ahmad Rahman said the airport would reopen on Monday, March 2."
)
OTHER = (
    "The central bank raised its main interest rate by half a point on Thursday, citing "
    "inflation. Economists at Morgan Stanley had expected a smaller rise of a quarter point. "
    "Markets in Frankfurt fell after the decision was announced by the bank's president."
)


def _feed(tmp_path: Path) -> Path:
    rows = [
        {"url": f"https://a{k}.example/{k}", "title": title, "text": text,
         "published": f"2026-03-0{k + 1}T08:00:00"}
        for k, (title, text) in enumerate([
            ("Sumatra earthquake kills 8", BODY),
            ("Quake in Sumatra: 8 dead", BODY.replace("Sunday", "Sunday morning")),
            ("Bank raises rates", OTHER),
            ("Rate rise by the central bank", OTHER.replace("Thursday", "Thursday noon")),
            ("Erdbeben auf Sumatra", "Ein Erdbeben der Stärke 6,1 hat die Küste Sumatras "
             "erschüttert; acht Menschen kamen ums Leben, teilte Gouverneur Ahmad Rahman mit."),
        ])
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _stories(db: Path) -> list[tuple]:
    with Store(db) as store:
        return [
            tuple(row)
            for row in store.conn.execute(
                "SELECT a.article_id, a.story_id, a.duplicate_of, a.similarity, a.note, s.size, "
                "s.centroid FROM story_articles a JOIN stories s ON s.id = a.story_id "
                "ORDER BY a.seq"
            )
        ]


def test_workers_ship_the_engines_reading_and_the_stories_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path)
    plain = list(extract_parallel(read_pages([str(feed)]), workers=1, sign=True))
    assert all(e.reading is None for e in plain if isinstance(e, Extracted))
    with Store(tmp_path / "plain.db") as store:
        store_extracted(store, plain)
    shipped = list(extract_parallel(read_pages([str(feed)]), workers=2, chunk_pages=1,
                                    sign=True, read=True))  # fmt: skip
    articles = [e for e in shipped if isinstance(e, Extracted)]
    assert len(articles) == 5
    for item in articles:
        assert item.reading == read_article(item.article)
    languages = {item.reading.language for item in articles}  # type: ignore[attr-defined]
    assert "de" in languages and "en" in languages

    def refuse(_: object) -> object:
        raise AssertionError("the assigner read an article the worker had read")

    monkeypatch.setattr(engine, "read_article", refuse)  # the assigner must use the reading
    with Store(tmp_path / "shipped.db") as store:
        report = store_extracted(store, shipped)
    assert report.added == 5 and not report.problems
    stories = _stories(tmp_path / "shipped.db")
    assert stories == _stories(tmp_path / "plain.db")
    assert len({row[1] for row in stories}) < 5, "the two quake reports share a story"


def test_ingest_speed_reports_every_stage_and_restores_the_code(tmp_path: Path) -> None:
    from storylens.pipeline.folding import FoldProcess

    originals = (Store.add, engine.StoryEngine.add, core._fold_facts, core._fold_task,
                 FoldProcess.close)  # fmt: skip
    figures = measure_ingest(_feed(tmp_path), tmp_path / "speed.db", workers=1)
    assert (Store.add, engine.StoryEngine.add, core._fold_facts, core._fold_task,
            FoldProcess.close) == originals  # fmt: skip
    assert figures["articles"] == 5
    assert figures["fold_process_cpu_ms_per_article"] == 0, "one process: no fold process"
    stages = figures["assigner_stages_cpu_ms_per_article"]
    assert set(stages) == {"store_add", "engine_add", "facts_fold", "fold_handover", "rest"}
    assert stages["engine_add"] > 0 and stages["facts_fold"] > 0
    assert figures["store_and_assign_cpu_ms_per_article"] == pytest.approx(
        stages["store_add"] + stages["engine_add"] + stages["facts_fold"], abs=0.02
    )
    assert figures["articles_per_second"] > 0 and len(figures["load_average_end"]) == 3
