"""Parallel extraction (--workers) and ingest on a real Dask LocalCluster (--dask local:N)."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.extract import extract_pages
from storylens.ingest import read_pages
from storylens.models import Extracted, InputProblem
from storylens.pipeline import IngestReport, ingest_items, store_extracted
from storylens.pipeline.cluster import (
    Partition,
    dask_client,
    extract_on_dask,
    plan_partitions,
    read_partition,
)
from storylens.pipeline.parallel import extract_parallel
from storylens.store import Store, open_store
from storylens.stories import StoryEngine

FIXTURES = Path(__file__).parent / "fixtures"
EVENTS = {
    "bridge": [
        "The city council approved the new river bridge on Tuesday after a long debate.",
        "Mayor Ellen Park said the bridge would cut commuting times across the river by half.",
        "Construction of the 400-metre bridge is expected to start in the spring.",
        "Opponents of the bridge warned that the budget of 120 million was unrealistic.",
        "Engineers chose a cable-stayed design for the bridge over the Alder river.",
        "Residents near the river bridge site asked for noise barriers during construction.",
    ],
    "storm": [
        "Storm Karla brought winds of 150 kilometres per hour to the northern coast.",
        "Thousands of homes lost power as storm Karla swept across the coast overnight.",
        "Ferries were cancelled and schools closed while the storm battered coastal towns.",
        "The weather service warned of flooding as the storm moved inland on Sunday.",
        "Fallen trees blocked railway lines after the storm, the rail operator said.",
        "Emergency crews rescued two fishermen whose boat capsized in the storm.",
    ],
    "election": [
        "Voters in Lindmark elected Tomas Berg as governor with 54 percent of the vote.",
        "Berg promised to raise teachers' pay in his victory speech in Lindmark.",
        "Turnout in the Lindmark governor election reached a record 71 percent.",
        "His rival Sara Quist conceded the governor race late on election night.",
        "The election count in Lindmark was delayed by a printer fault in two districts.",
        "Berg will be sworn in as Lindmark governor at the start of January.",
    ],
    "vaccine": [
        "Regulators approved a new malaria vaccine for children under five years old.",
        "The malaria vaccine cut severe cases by 75 percent in a trial of 4,800 children.",
        "Health ministers said the malaria vaccine rollout would begin in twelve countries.",
        "The vaccine maker will produce 100 million doses of the malaria vaccine a year.",
        "Doctors welcomed the malaria vaccine but warned that bed nets remain essential.",
        "Each child needs four doses of the malaria vaccine, the regulator said.",
    ],
}


def _feed_records(seed: int = 3) -> list[dict[str, str]]:
    """Several outlets reporting four events: plain-text records, no site given."""
    rng = random.Random(seed)
    records = []
    for day, (event, sentences) in enumerate(EVENTS.items()):
        for outlet in range(6):
            picked = rng.sample(sentences, 4)
            records.append(
                {
                    "id": f"{event}-{outlet}",
                    "title": picked[0].split(",")[0],
                    "text": "\n\n".join(picked),
                    "published": f"2024-03-{10 + day:02d}T{8 + outlet:02d}:00:00",
                }
            )
    return records


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Mixed input in a fixed order: a JSONL feed with a broken line, seed pages, HTML, and an
    empty file."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps(r) for r in _feed_records()]
    lines.insert(9, '{"id": "broken", "text": ')  # line 10 is not JSON
    lines.insert(15, "")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for seed in sorted(FIXTURES.glob("0*.txt")):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(FIXTURES / "html" / "article.html", folder / "page.html")
    (folder / "empty.txt").write_bytes(b"")
    names = ["feed.jsonl", *[s.name for s in sorted(FIXTURES.glob("0*.txt"))], "page.html"]
    return [str(folder / n) for n in [*names, "empty.txt"]]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with dask_client("local:2") as dask:
        yield dask


def _stories(db: Path | str) -> set[frozenset[str]]:
    """The final stories as sets of article ids (story ids may be named differently)."""
    with open_store(db) as store:
        engine = StoryEngine(store=store)
        ids = [a.id for a in store.iter_articles()]
        groups: dict[str, set[str]] = {}
        for article_id in ids:
            groups.setdefault(engine.story_of(article_id) or article_id, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def _problems(report: IngestReport) -> list[str]:
    return [str(p) for p in report.problems]


def _sequential(db: Path, specs: list[str]) -> IngestReport:
    with Store(db) as store:
        return ingest_items(store, read_pages(specs), workers=1)


def _on_dask(db: Path | str, specs: list[str], client: object, **kw: object) -> IngestReport:
    parts = plan_partitions(specs, partition_records=5)
    with open_store(db, create=True) as store:
        return store_extracted(store, extract_on_dask(client, parts), **kw)  # type: ignore[arg-type]


# parallel extraction -----------------------------------------------------------------------


def test_worker_processes_give_the_single_process_result_in_input_order(
    corpus: list[str],
) -> None:
    expected = list(extract_pages(read_pages(corpus)))
    got = list(extract_parallel(read_pages(corpus), workers=2, chunk_pages=3))
    as_plain = [g if isinstance(g, InputProblem) else g.article for g in got]
    assert as_plain == expected
    problems = [str(p) for p in as_plain if isinstance(p, InputProblem)]
    assert any("feed.jsonl:10" in p and "not valid JSON" in p for p in problems)
    assert any(p.startswith(corpus[-1]) and "empty input" in p for p in problems)
    assert all(isinstance(g, Extracted) and g.page.id == g.article.id for g in got
               if not isinstance(g, InputProblem))


def test_extract_cli_with_two_workers_matches_one_and_names_bad_lines(corpus: list[str]) -> None:
    runs = [
        CliRunner().invoke(cli, ["extract", "--workers", w, "--jsonl", corpus[0]])
        for w in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout
    assert [r.exit_code for r in runs] == [0, 0]
    errors = [line for line in runs[1].stderr.splitlines() if line.startswith("storylens:")]
    assert len(errors) == 1 and "feed.jsonl:10" in errors[0]
    assert len(runs[1].stdout.splitlines()) == 25  # 24 articles + one error object


def test_dask_is_imported_only_when_used() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from storylens.cli.main import cli; "
        "CliRunner().invoke(cli, ['ingest', '--help']); "
        "print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# dask --------------------------------------------------------------------------------------


def test_jsonl_partitions_cover_every_record_once_with_its_line_number(corpus: list[str]) -> None:
    parts = list(plan_partitions([corpus[0]], partition_records=4))
    assert len(parts) == 7 and all(isinstance(p, Partition) for p in parts)
    assert [p.start for p in parts[1:]] == [p.end for p in parts[:-1]]  # type: ignore[union-attr]
    pieces = [i for p in parts for i in read_partition(p, limit=10**6)]  # type: ignore[arg-type]
    whole = list(read_pages([corpus[0]]))
    assert pieces == whole  # same pages, same origins (path:line), same problems
    grouped = list(plan_partitions(corpus[1:], files_per_partition=3))
    assert [len(p.more_files) for p in grouped] == [2, 0]  # type: ignore[union-attr]
    assert list(read_partition(grouped[0], limit=10**6)) == list(read_pages(corpus[1:4]))  # type: ignore[arg-type]


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_big_warc_is_read_in_byte_ranges_each_record_once(
    tmp_path: Path, gzipped: bool
) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for n, record in enumerate(_feed_records()):
            body = f"<html><body><h1>{record['title']}</h1><p>{record['text']}</p>"
            body += "<p>WARC/1.0 appears in this text\nWARC/1.1 too</p></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example.com/{n}",
                    "response",
                    payload=io.BytesIO(body.encode()),
                    http_headers=headers,
                )
            )
    size = path.stat().st_size
    parts = list(plan_partitions([str(path)], warc_partition_bytes=size // 7))
    assert len(parts) >= 7 and all(p.kind == "warc" for p in parts)  # type: ignore[union-attr]
    pieces = [i for p in parts for i in read_partition(p, limit=10**6)]  # type: ignore[arg-type]
    whole = list(read_pages([str(path)]))
    assert [(p.url, p.content) for p in pieces] == [(p.url, p.content) for p in whole]  # type: ignore[union-attr]
    assert all("@b" in p.origin for p in pieces)


def test_dask_ingest_gives_the_same_stories_as_sequential_ingest(
    corpus: list[str], client: object, tmp_path: Path
) -> None:
    sequential = _sequential(tmp_path / "seq.db", corpus)
    distributed = _on_dask(tmp_path / "dask.db", corpus, client)
    assert [o.__dict__ for o in distributed.outcomes] == [o.__dict__ for o in sequential.outcomes]
    assert _problems(distributed) == _problems(sequential)
    assert len(_problems(sequential)) == 2
    stories = _stories(tmp_path / "seq.db")
    assert _stories(tmp_path / "dask.db") == stories
    assert len(stories) >= 4  # four events, and the seed pages besides


def test_dask_ingest_stores_the_sequential_stories_in_either_backend(
    corpus: list[str], client: object, new_target: Callable[[], Path | str], tmp_path: Path
) -> None:
    target = new_target()
    report = _on_dask(target, corpus, client)
    assert report.added == 27 and len(report.problems) == 2
    _sequential(tmp_path / "seq.db", corpus)
    assert _stories(target) == _stories(tmp_path / "seq.db")


def test_a_rerun_after_a_crash_resumes_and_stores_nothing_twice(
    corpus: list[str], client: object, tmp_path: Path
) -> None:
    class Crash(Exception):
        pass

    seen = []

    def crash_after_ten(event: object) -> None:
        seen.append(event)
        if len(seen) == 10:
            raise Crash

    db = tmp_path / "dask.db"
    with pytest.raises(Crash):
        _on_dask(db, corpus, client, on_item=crash_after_ten)
    with Store(db) as crashed:
        kept = crashed.count_articles()  # what was committed before the crash
    assert 0 < kept < 27
    rerun = _on_dask(db, corpus, client)
    assert rerun.unchanged == kept and rerun.added == 27 - kept
    _sequential(tmp_path / "seq.db", corpus)
    with Store(db) as resumed, Store(tmp_path / "seq.db") as sequential:
        assert resumed.count_articles() == sequential.count_articles() == 27
    assert _stories(db) == _stories(tmp_path / "seq.db")


def test_a_failing_partition_is_reported_by_name_and_the_batch_goes_on(
    corpus: list[str], client: object
) -> None:
    broken = Partition(corpus[0], 0, 10, first_line="one")  # type: ignore[arg-type]
    parts = [broken, Partition(corpus[1])]
    results = list(extract_on_dask(client, parts, retries=1))  # type: ignore[arg-type]
    assert isinstance(results[0], InputProblem)
    assert results[0].origin == broken.name and "failed after 1 retries" in results[0].message
    assert isinstance(results[1], Extracted)


def test_ingest_cli_on_a_running_scheduler(
    corpus: list[str], client: object, tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    address = client.scheduler.address  # type: ignore[attr-defined]
    args = ["ingest", "--db", str(db), "--dask", address, "--partition-records", "7", *corpus]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert "27 new articles, 0 already stored, 2 problems" in result.stderr
    bad = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--dask", "local:x", corpus[1]])
    assert bad.exit_code == 1 and "local:x" in bad.stderr
