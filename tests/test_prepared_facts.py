"""Issue 10: the facts fold's per-article work done where the article is extracted.

Extraction workers ship ``compare.prepare_article_facts(article)`` with each article; the one
story assigner then only matches its sentences against the story's facts. These tests check
that the prepared units are used (the matcher never prepares a sentence again) and that the
facts come out exactly as when everything is prepared in the assigner.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from storylens.compare import facts as facts_module
from storylens.compare import prepare_article_facts
from storylens.compare.facts import FACT_UNITS_VERSION, FactIndex, fact_units
from storylens.compare.judge import Prepared, judge, may_relate, prepare
from storylens.ingest import read_pages
from storylens.models import Article, Extracted, InputProblem, Page
from storylens.pipeline import ingest_items, store_extracted
from storylens.pipeline.cluster import Partition, process_partition
from storylens.pipeline.parallel import extract_parallel
from storylens.store import Store

QUAKE = (
    "A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday, killing 8 people.\n\n"
    "Rescue teams searched collapsed buildings in the port town through the night.\n\n"
    "“We are doing everything we can to reach the survivors,” said Governor Ahmad Rahman.\n"
)


def _story() -> list[Article]:
    second = QUAKE.replace("killing 8 people", "killing 18 people") + (
        "\nOfficials said the airport in the port town would reopen on Monday.\n"
    )
    third = "SUMATRA (Wire) — " + QUAKE + "\nAid agencies flew in tents and water.\n"
    return [
        Article("a1", "a1", "Quake", QUAKE, "2026-03-01T08:00:00", site="a1.example"),
        Article("a2", "a2", "Quake", second, "2026-03-01T09:00:00", site="a2.example"),
        Article("a3", "a3", "Quake", third, "2026-03-01T10:00:00", site="a3.example"),
    ]


def _facts(index: FactIndex) -> list[dict]:
    return [fact.to_dict() for fact in index.facts]


def _fold(articles: list[Article], prepared: dict[str, object] | None = None) -> FactIndex:
    index = FactIndex()
    for article in articles:
        index.add_article(article, (prepared or {}).get(article.id))  # type: ignore[arg-type]
    return index


def _no_preparing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any sentence preparation inside the matcher fail loudly."""

    def refuse(*_: object) -> object:
        raise AssertionError("the matcher prepared a sentence the worker had prepared")

    monkeypatch.setattr(facts_module, "prepare", refuse)
    monkeypatch.setattr(facts_module, "_article_units", refuse)
    # the index keys and the surface words come with the units too
    monkeypatch.setattr(facts_module, "_rarest", refuse)
    monkeypatch.setattr(facts_module, "word_weight", refuse)
    monkeypatch.setattr(facts_module, "surface_stems", refuse)


def test_folding_prepared_units_gives_the_facts_of_folding_raw_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = _story()
    expected = _facts(_fold(articles))
    shipped = {a.id: pickle.loads(pickle.dumps(prepare_article_facts(a))) for a in articles}
    _no_preparing(monkeypatch)
    got = _fold(articles, shipped)
    assert _facts(got) == expected
    quake = next(f for f in got.facts if "Sumatra" in f.first.text)
    assert {r.article_id for r in quake.reports} == {"a1", "a2", "a3"}
    assert any(r.conflicts for r in quake.reports), "8 vs 18 dead is still a conflict"


def test_prepared_units_are_the_sentences_the_matcher_would_take() -> None:
    article = _story()[2]
    prepared = prepare_article_facts(article)
    raw = fact_units(article)
    assert prepared.version == FACT_UNITS_VERSION
    assert [(u.start, u.end, u.prepared.text) for u in prepared.units] == [
        (u.start, u.end, u.prepared.text) for u in raw
    ]
    assert all(article.body[u.start : u.end] == u.prepared.text for u in prepared.units)
    assert all("vector" in vars(u.prepared) for u in prepared.units), "embedded by the worker"


def test_units_prepared_from_another_body_or_version_are_prepared_again() -> None:
    first, second, _ = _story()
    current = prepare_article_facts(second)
    assert all(a is b for a, b in zip(fact_units(second, current), current.units, strict=True))
    stale = prepare_article_facts(first)  # prepared before the body changed
    assert [u.prepared.text for u in fact_units(second, stale)] == [
        u.prepared.text for u in current.units
    ]
    older = replace(current, version=FACT_UNITS_VERSION - 1)
    assert not any(a is b for a, b in zip(fact_units(second, older), older.units, strict=True))
    assert _facts(_fold([first, second], {"a2": stale})) == _facts(_fold([first, second]))


def test_the_matcher_skips_only_pairs_the_judge_calls_different() -> None:
    sentences = [
        "A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday, killing 8 people.",
        "An earthquake hit Sumatra on Sunday.",
        "Sumatra exports coffee.",
        "The quake killed eight people on the coast of Sumatra.",
        "Rescue teams searched collapsed buildings in the port town through the night.",
    ]
    prepared = [prepare(s) for s in sentences]
    skipped = 0
    for a in prepared:
        for b in prepared:
            if not may_relate(a, b):
                skipped += 1
                assert judge(a, b).outcome == "different", (a.text, b.text)
    assert skipped > 0, "some pairs share a name only and are skipped"


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"url": f"https://{a.site}/quake", "title": "Sumatra earthquake", "text": a.body,
         "published": a.published}
        for a in _story()
    ]  # fmt: skip
    rows.append({"url": "https://d.example/x", "title": "Other", "text": "Too short."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n", "utf-8")
    return path


def _stored_facts(db: Path) -> list[tuple]:
    with Store(db) as store:
        return [
            tuple(row)
            for row in store.conn.execute(
                "SELECT story_id, fact_id, first_article_id, reports FROM story_facts "
                "ORDER BY story_id, fact_id"
            )
        ]


def test_workers_ship_prepared_facts_and_ingest_stores_the_same_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _corpus(tmp_path)
    with Store(tmp_path / "plain.db") as store:  # nothing prepared ahead: the fold does it all
        plain = list(extract_parallel(read_pages([str(source)]), workers=1))
        assert all(e.facts is None for e in plain if isinstance(e, Extracted))
        store_extracted(store, plain)
    shipped = list(extract_parallel(read_pages([str(source)]), workers=2, chunk_pages=1,
                                    sign=True, facts=True))  # fmt: skip
    articles = [e for e in shipped if isinstance(e, Extracted)]
    assert len(articles) == 4 and sum(isinstance(e, InputProblem) for e in shipped) == 1
    assert all(e.facts is not None and e.signed for e in articles)
    _no_preparing(monkeypatch)  # the assigner must use what the workers prepared
    with Store(tmp_path / "shipped.db") as store:
        report = store_extracted(store, shipped)
    assert report.added == 4
    assert _stored_facts(tmp_path / "shipped.db") == _stored_facts(tmp_path / "plain.db")
    assert len(_stored_facts(tmp_path / "plain.db")) >= 5


def test_ingest_prepares_facts_in_its_workers(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    with Store(tmp_path / "two.db") as store:
        report = ingest_items(store, read_pages([str(source)]), workers=2)
    assert report.added == 4 and len(report.problems) == 1
    with Store(tmp_path / "one.db") as store:
        store_extracted(store, list(extract_parallel(read_pages([str(source)]), workers=1)))
    assert _stored_facts(tmp_path / "two.db") == _stored_facts(tmp_path / "one.db")


def test_a_dask_partition_ships_prepared_facts(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    results = process_partition(Partition(str(source)), 10**6, sign=True, facts=True)
    articles = [r for r in results if isinstance(r, Extracted)]
    assert len(articles) == 4
    for item in articles:
        assert item.facts is not None
        expected = prepare_article_facts(item.article)
        assert [asdict(u)["prepared"]["text"] for u in item.facts.units] == [
            u.prepared.text for u in expected.units
        ]


def test_a_merge_folds_recently_folded_articles_with_their_prepared_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article a merge brings into another story is read back from the store without its
    prepared facts; the fold keeps those of recently folded articles instead of preparing
    the article's sentences again in the one assigner."""
    from storylens.compare.storage import FactStore, fold_story

    articles = _story()
    shipped = {a.id: (a, prepare_article_facts(a)) for a in articles}
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            for a in articles:
                store.add(Page(a.id, a.origin, "text", a.body, site=a.site), a)
            fold_story(store, "s1", ["a1", "a2"], shipped)
            fold_story(store, "s2", ["a3"], shipped)
        _no_preparing(monkeypatch)
        with store.transaction():  # s1 merged into s2: a1 and a2 come from the store
            assert fold_story(store, "s2", ["a1", "a2", "a3"]) == 2
        monkeypatch.undo()
        merged = FactStore(store).load("s2")
    assert _facts(merged) == _facts(_fold([articles[2], articles[0], articles[1]]))


def test_stored_reports_are_the_json_of_all_reports_each_encoded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fact's row holds ``json.dumps`` of all its reports, but a report joining a fact does
    not encode the fact's earlier reports again (that grew with the square of the story)."""
    from storylens.compare import storage

    articles = [
        Article(f"c{k}", f"c{k}", "Quake", QUAKE.replace("8 people", f"{k} people"),
                f"2026-03-01T{k:02d}:00:00", site=f"c{k}.example")
        for k in range(1, 7)
    ]  # fmt: skip
    encoded: list[str] = []
    real = storage._report_dict
    monkeypatch.setattr(storage, "_report_dict", lambda r: encoded.append(r.article_id) or real(r))
    shipped = {a.id: (a, prepare_article_facts(a)) for a in articles}
    with Store(tmp_path / "s.db") as store:
        with store.transaction():
            for a in articles:
                store.add(Page(a.id, a.origin, "text", a.body, site=a.site), a)
        for k in range(1, len(articles) + 1):  # one article per batch, as a slow feed
            with store.transaction():
                storage.fold_story(store, "s", [a.id for a in articles[:k]], shipped)
        rows = store.conn.execute("SELECT reports FROM story_facts WHERE story_id = 's'")
        stored = [json.loads(row[0]) for row in rows]
    index = _fold(articles)
    assert stored == [[asdict(r) for r in f.reports] for f in index.facts]
    quake = next(f for f in index.facts if "Sumatra" in f.first.text)
    assert len(quake.reports) == 6
    reports = sum(len(f.reports) for f in index.facts)
    assert len(encoded) == reports, "each report encoded once, however often its fact changed"


def test_a_pair_is_judged_once_per_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fold remembers verdicts by the two texts (a wire copy meets the same fact again),
    but never serves one model's verdict while another is in use."""
    from dataclasses import replace as changed

    from storylens.compare.judge import load_model, using_model

    a = prepare("A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday.")
    b = prepare("An earthquake of magnitude 6.1 hit Sumatra's coast on Sunday.")
    calls: list[object] = []
    real = facts_module.judge_pairs_unless_different

    def counted(
        pairs: list[tuple[Prepared, Prepared]], model: object, min_overlap: float = 0.0
    ) -> list[object]:
        calls.extend([model] * len(pairs))
        return real(pairs, model, min_overlap)

    monkeypatch.setattr(facts_module, "judge_pairs_unless_different", counted)
    monkeypatch.setattr(facts_module, "_JUDGED", type(facts_module._JUDGED)())
    [first] = facts_module._judged([a], b)
    assert facts_module._judged([prepare(a.text)], prepare(b.text)) == [first] == [judge(a, b)]
    assert len(calls) == 1, "the same two texts are judged once"
    strict = changed(load_model(), threshold=0.999)
    with using_model(strict):
        assert facts_module._judged([a], b) == [judge(a, b, strict)] != [first]
    assert len(calls) == 2


def test_judge_unless_different_agrees_with_the_judge_and_skips_alignment_when_it_can(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The facts index's verdicts: None exactly where the judge says "different", the judge's
    own verdict elsewhere; pairs the words already decide are never word-aligned."""
    from storylens.compare import judge as judge_module

    sentences = [u.prepared for a in _story() for u in prepare_article_facts(a).units]
    sentences += [prepare("The port town's mayor resigned over the budget on Monday."),
                  prepare("Officials said the airport would reopen in the port town.")]  # fmt: skip
    pairs = [(a, b) for a in sentences for b in sentences]
    full = judge_module.judge_pairs(pairs)
    fast = judge_module.judge_pairs_unless_different(pairs)
    assert fast == [None if v.outcome == "different" else v for v in full]
    assert {v.outcome for v in full} == {"same", "partial", "different"}
    floored = judge_module.judge_pairs_unless_different(pairs, min_overlap=0.3)
    assert floored == [v if v is not None and v.overlap >= 0.3 else None for v in fast]
    assert any(v is not None and v.overlap < 0.3 for v in fast)  # the floor drops some

    quake = prepare("A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday.")
    budget = prepare("The council approved the budget for the new school in March.")
    real = judge_module._alignment_columns
    aligned: list[int] = []

    def counted(batch: list[tuple[Prepared, Prepared]]) -> list[object]:
        aligned.append(len(batch))
        return real(batch)

    monkeypatch.setattr(judge_module, "_alignment_columns", counted)
    assert judge_module.judge_pairs_unless_different([(quake, budget), (quake, quake)]) == [
        None, judge_module.judge(quake, quake)]  # fmt: skip
    assert aligned[0] == 1, "only the pair the words do not decide is aligned"


def _same_value(a: object, b: object) -> bool:
    """Equal, of the same type, arrays equal to the bit with the same dtype and shape."""
    import numpy as np

    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
                and a.tobytes() == b.tobytes())  # fmt: skip
    if isinstance(a, tuple):
        return (isinstance(b, tuple) and len(a) == len(b)
                and all(_same_value(x, y) for x, y in zip(a, b, strict=True)))  # fmt: skip
    return type(a) is type(b) and a == b


def test_a_pickled_fact_unit_comes_back_equal_to_the_bit_and_smaller() -> None:
    """The compact pickling (compare.packing) keeps every field and every computed reading
    (static embedding, word vectors) of each prepared sentence, including a sentence without
    figures or names and one whose tokens are odd marks."""
    body = QUAKE + "\nNo.\n\n“…” — ¿Qué? 3½ % ½\n"
    units = prepare_article_facts(Article("x", "x", "T", body)).units
    assert len(units) >= 3
    for unit in units:
        back = pickle.loads(pickle.dumps(unit))
        for name in ("start", "end", "keys", "key_weights", "surface"):
            assert _same_value(getattr(unit, name), getattr(back, name)), name
        assert vars(unit.prepared).keys() == vars(back.prepared).keys()
        assert {"vector", "aligned_words"} <= vars(back.prepared).keys()
        for name, value in vars(unit.prepared).items():
            assert _same_value(value, vars(back.prepared)[name]), name
    plain = sum(len(pickle.dumps(vars(u.prepared))) for u in units)
    assert sum(len(pickle.dumps(u)) for u in units) < plain


def test_packed_word_lists_fall_back_when_a_word_holds_the_separator() -> None:
    from storylens.compare.packing import pack_words, unpack_words

    for words in [(), ("a",), ("a", "b c"), ("", ""), ("x", "")]:
        assert unpack_words(pack_words(words)) == words
    assert isinstance(pack_words(("a", "b c")), tuple)
    assert pack_words(("a", "b")) == "a b"


def test_workers_inherit_the_line_model_loaded_before_they_fork() -> None:
    """``ingest --workers``: the parent extracts a probe page of each kind it is about to send,
    so the forked workers do not each load the stop lists and line model on their first page."""
    from storylens.extract.linemodel import load_line_model
    from storylens.pipeline.parallel import Work, _load_before_fork

    load_line_model.cache_clear()
    _load_before_fork(Work(), {"text"})
    assert load_line_model.cache_info().currsize == 1


def _big_corpus(tmp_path: Path) -> Path:
    """20 articles of three stories (enough pages for ``ingest --workers`` to start its pool)."""
    bridge = ("The city council approved a new bridge over the river on Tuesday, at a cost of "
              "40 million euros.\n\nWork on the crossing will start in May, the mayor said.\n")
    strike = ("Rail workers walked out on Monday over pay, halting 300 trains across the "
              "country.\n\nThe union said the strike would last two days.\n")  # fmt: skip
    rows = []
    for k in range(20):
        base = (QUAKE, bridge, strike)[k % 3]
        text = base.replace("said", ("said", "told reporters", "stated")[k % 3]) + (
            f"\nOutlet {k} reported the news at {k + 1} o'clock.\n"
        )
        rows.append({"url": f"https://s{k}.example/n", "title": f"News {k % 3}", "text": text,
                     "published": f"2026-03-0{1 + k % 3}T{10 + k % 9}:00:00"})  # fmt: skip
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return path


def test_ingest_with_workers_folds_facts_in_a_child_process_into_the_same_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ingest --workers 2`` hands each committed batch's fold to its fold process; the
    stored facts are those of folding every batch in the assigner."""
    from storylens.pipeline import folding

    source = _big_corpus(tmp_path)
    with Store(tmp_path / "one.db") as store:
        report = ingest_items(store, read_pages([str(source)]), workers=1, batch_size=3)
    assert report.added == 20
    sent: list[int] = []
    real = folding.FoldProcess.send

    def send(self: folding.FoldProcess, task: folding.FoldTask | None) -> bool:
        sent.extend([] if task is None else [len(task.known)])
        return real(self, task)

    monkeypatch.setattr(folding.FoldProcess, "send", send)
    with Store(tmp_path / "two.db") as store:
        report = ingest_items(store, read_pages([str(source)]), workers=2, batch_size=3)
    assert report.added == 20
    assert sum(sent) == 20 and len(sent) == 7, "every batch's new articles went to the child"
    assert _stored_facts(tmp_path / "two.db") == _stored_facts(tmp_path / "one.db")
    assert len(_stored_facts(tmp_path / "one.db")) >= 10


def test_a_store_only_this_process_can_open_keeps_the_fold_here() -> None:
    from storylens.pipeline.folding import Folder

    with Store(":memory:") as store:
        folder = Folder(store)
        folder.start()
        assert folder.process is None


def test_a_fold_process_that_died_leaves_the_fold_to_the_assigner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from storylens.pipeline import folding

    source = _big_corpus(tmp_path)
    with Store(tmp_path / "one.db") as store:
        ingest_items(store, read_pages([str(source)]), workers=1, batch_size=3)
    start = folding.FoldProcess.__init__

    def start_and_kill(self: folding.FoldProcess, target: str) -> None:
        start(self, target)
        self._process.kill()
        self._process.join()

    monkeypatch.setattr(folding.FoldProcess, "__init__", start_and_kill)
    with Store(tmp_path / "two.db") as store:
        report = ingest_items(store, read_pages([str(source)]), workers=2, batch_size=3)
    assert report.added == 20
    assert "folding in the assigner" in caplog.text
    assert _stored_facts(tmp_path / "two.db") == _stored_facts(tmp_path / "one.db")


def test_shipped_units_pass_through_a_process_without_being_unpickled() -> None:
    """The assigner hands the worker's units on to the fold process as the bytes it got."""
    prepared = prepare_article_facts(_story()[0])
    once = pickle.loads(pickle.dumps(prepared))
    assert not once.units.loaded, "received, not read"
    twice = pickle.loads(pickle.dumps(once))
    assert not once.units.loaded, "passed on without unpickling"
    assert [u.prepared.text for u in twice.units] == [u.prepared.text for u in prepared.units]
    assert twice.units.loaded and twice == prepared
