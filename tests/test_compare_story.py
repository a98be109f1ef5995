"""Issue 11: the trained judge, conflicts, story-level facts (incremental, stored), quotes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storylens.cli.main import cli
from storylens.compare import article_quotes, compare_articles, compare_story, compare_texts
from storylens.compare.conflicts import find_clashes
from storylens.compare.facts import FactIndex, build_facts
from storylens.compare.judge import FEATURES, judge, load_model, prepare
from storylens.compare.quotes import compare_quotes, find_quotes, group_quotes
from storylens.compare.sentences import split_sentences
from storylens.compare.storage import FactStore, update_story_facts
from storylens.models import Article
from storylens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.txt"))

QUAKE = (
    "A magnitude 6.1 earthquake struck the coast of Sumatra on Sunday, killing 8 people.\n"
    "Rescue teams searched collapsed buildings in the port town through the night.\n"
    "“We are doing everything we can to reach the survivors,” said Governor Ahmad Rahman.\n"
)


def _article(article_id: str, body: str, published: str | None = None) -> Article:
    return Article(id=article_id, origin=article_id, title="", body=body, published=published,
                   site=f"{article_id}.example")  # fmt: skip


# the judge ---------------------------------------------------------------------------------


def test_shipped_judge_matches_its_features_and_separates_same_from_lookalike() -> None:
    model = load_model()
    assert model.projection is not None
    assert len(model.coef) == len(FEATURES) + len(model.projection.components)
    same = judge(
        prepare("The company said profits rose 10 percent in the third quarter."),
        prepare("Profits at the company rose 10 percent in the third quarter, it said."),
    )
    lookalike = judge(
        prepare("Two knives were seized from her at the scene."),
        prepare("Two police cars were seen at the scene."),
    )
    assert same.outcome == "same" and same.p_same > 0.5
    assert lookalike.outcome == "different"
    assert 0.0 <= lookalike.p_same <= 1.0


def test_a_sentence_that_adds_a_detail_is_partial_not_same() -> None:
    short = "Police arrested a man in Ohio on Friday."
    longer = (
        "Police arrested a 34-year-old man in Columbus, Ohio on Friday after a week-long "
        "manhunt that involved federal agents, helicopters and dogs across three counties."
    )
    shared = compare_texts(short, longer).to_dict()["shared"]
    assert shared and all(s["kind"] == "partial" for s in shared)


# conflicts ---------------------------------------------------------------------------------


def test_conflicting_numbers_are_flagged_with_both_spans_and_not_called_same() -> None:
    a = "An earthquake of magnitude 6.1 struck the coast on Sunday, killing 8 people."
    b = "An earthquake of magnitude 6.8 struck the coast on Sunday, killing 18 people."
    result = compare_texts(a, b).to_dict()
    assert [s["kind"] for s in result["shared"]] == ["partial"]
    found = {(c["a"]["text"], c["b"]["text"]) for c in result["conflicts"]}
    assert found == {("6.1", "6.8"), ("8", "18")}
    for c in result["conflicts"]:
        assert a[c["a"]["start"] : c["a"]["end"]] == c["a"]["text"]
        assert b[c["b"]["start"] : c["b"]["end"]] == c["b"]["text"]
    assert result["reuse"] == [], "a changed figure is not a copy"


def test_not_conflicts_day_forms_word_choice_and_rounding() -> None:
    assert find_clashes("Strikes hit the city on Sunday.", "Strikes hit the city on March 3.") == []
    assert find_clashes(
        "Israel carried out hundreds of strikes in Syria.",
        "Israel carried out hundreds of airstrikes in Syria.",
    ) == []
    assert find_clashes("Turnout was 33.4 percent.", "Turnout was 33 percent.") == []
    assert find_clashes("Staff of Outlet25 contributed.", "Staff of Outlet29 contributed.") == []
    negation = find_clashes("Police said the suspect was armed.",
                            "Police said the suspect was not armed.")  # fmt: skip
    assert [c.kind for c in negation] == ["negation"]


# story-level facts -------------------------------------------------------------------------


def _story() -> list[Article]:
    second = QUAKE.replace("killing 8 people", "killing 18 people") + (
        "Officials said the airport would reopen on Monday.\n"
    )
    third = "SUMATRA (Wire) — " + QUAKE + "Aid agencies flew in tents and water.\n"
    return [
        _article("a1", QUAKE, "2026-03-01T08:00:00"),
        _article("a2", second, "2026-03-01T09:00:00"),
        _article("a3", third, "2026-03-01T10:00:00"),
    ]


def test_story_facts_list_reports_first_outlet_only_in_and_conflicts() -> None:
    story = compare_story(_story())
    facts = story.ranked_facts()
    quake = next(f for f in facts if "Sumatra" in f.first.text)
    assert quake.first.article_id == "a1", "the earliest article had it first"
    assert {r.article_id for r in quake.reports} == {"a1", "a2", "a3"}
    conflict = next(r for r in quake.reports if r.article_id == "a2")
    assert conflict.relation == "conflict"
    assert [(c.first_text, c.text) for c in conflict.conflicts] == [("8", "18")]
    only = [f for f in facts if len(f.reports) == 1]
    assert {f.first.article_id for f in only} == {"a2", "a3"}
    coverage = {c.article_id: c for c in story.coverage}
    assert coverage["a3"].copied_from.get("a1", 0) >= 2, "the wire copy copied a1"
    data = story.to_dict(limit=2)
    assert len(data["facts"]) == 2 and data["facts_next_offset"] == 2
    assert data["conflicts"][0]["text"] == "18"


def test_fact_index_is_incremental_and_survives_the_store(tmp_path: Path) -> None:
    articles = _story()
    with Store(tmp_path / "s.db") as store:
        first = update_story_facts(store, "s1", articles[:2])
        assert first.article_ids == ["a1", "a2"]
        touched = FactIndex(first.facts).add_article(articles[0])
        assert touched == [], "an article already folded in changes nothing"
        grown = update_story_facts(store, "s1", articles)
        reloaded = FactStore(store).load("s1")
    assert reloaded.article_ids == ["a1", "a2", "a3"]
    assert [[r.article_id for r in f.reports] for f in reloaded.facts] == [
        [r.article_id for r in f.reports] for f in grown.facts
    ]
    fresh = build_facts(articles)
    assert len(fresh.facts) == len(reloaded.facts), "stored, then grown = built at once"


def test_facts_grow_with_the_story_not_its_pairs() -> None:
    base = [_article(f"w{k}", QUAKE.replace("Sunday", "Sunday") + f"Reporter {k} filed from "
                     f"the scene number {k}.\n") for k in range(40)]  # fmt: skip
    index = build_facts(base)
    reported = sum(len(f.reports) for f in index.facts)
    sentences = sum(len(split_sentences(a.body)) for a in base)
    assert reported == sentences, "every sentence is reported exactly once"
    assert len(index.facts) <= 3 + 40, "copies of one sentence collapse into one fact"


# quotes ------------------------------------------------------------------------------------


def test_quote_speakers_resolve_pronouns_and_appositives() -> None:
    body = (
        "Senator Maria Lopez spoke to reporters on Tuesday.\n"
        "“We will not back down on this bill,” Lopez said.\n"
        "“The votes are there,” she added.\n"
        "“It is a bad bill for farmers,” John Carter, a spokesman for the farmers' union, told "
        "the Associated Press.\n"
    )
    quotes = article_quotes(_article("q", body))
    speakers = [q["speaker"] for q in quotes]
    assert speakers == ["Maria Lopez", "Maria Lopez", "John Carter"]
    assert [q["cue"] for q in quotes] == ["said", "added", "told"]
    for q in quotes:
        assert q["text"] in body[q["start"] : q["end"]]


def test_quotes_group_by_utterance_and_fragments_are_not_same() -> None:
    full = "“We are doing everything we can to reach the survivors,” said Governor Ahmad Rahman."
    frag = "The governor promised to do “everything we can” for survivors, Ahmad Rahman said."
    quotes = []
    for k, body in enumerate([full, full, frag]):
        quotes += find_quotes(f"x{k}", body, split_sentences(body))
    groups = group_quotes(quotes)
    assert len(groups) == 1 and groups[0].speaker == "Ahmad Rahman"
    kinds = sorted(v.kind for v in groups[0].variants)
    assert kinds == ["fragment", "same", "same"]
    match = compare_quotes(quotes[0], quotes[2])
    assert match is not None and match.kind == "fragment"


def test_extract_json_carries_quotes_with_body_offsets() -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", *map(str, SEEDS)])
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    quotes = [q for d in docs for q in d["quotes"]]
    assert any(q["speaker"] == "Benjamin Netanyahu" for q in quotes)
    for doc in docs:
        for q in doc["quotes"]:
            assert {"text", "speaker", "cue", "start", "end"} == set(q)
            assert q["text"].split()[0] in doc["body"][q["start"] : q["end"]]


def test_lightly_reworded_copy_counts_as_reuse_with_direction() -> None:
    original = (
        "The city council voted on Tuesday to close the old bridge for repairs after engineers "
        "found cracks in two of its supports.\n"
        "The mayor said the closure would last about six months and cost the city 4 million "
        "dollars.\n"
        "Local shop owners warned that the detour would keep customers away from the market.\n"
    )
    reworded = (
        "On Tuesday the city council voted to shut the old bridge for repairs after engineers "
        "discovered cracks in two of its supports.\n"
        "The closure will last around six months and cost the city 4 million dollars, the mayor "
        "told reporters.\n"
        "Shop owners warned that the detour would keep customers away from the market.\n"
    )
    first = _article("orig", original, "2026-03-01T08:00:00")
    second = _article("copy", reworded, "2026-03-01T12:00:00")
    reuse = compare_articles([first, second]).reuse
    assert len(reuse) == 1 and reuse[0].source_id == "orig" and reuse[0].target_id == "copy"
    assert len(reuse[0].passages) >= 2, "reworded sentences count, not only the verbatim one"
    story = compare_story([first, second])
    assert {c.article_id: c.copied_from for c in story.coverage}["copy"].get("orig", 0) >= 2
    # undated, nothing tells who copied whom: the story, like the pair, names no copier
    undated = [_article("orig", original), _article("copy", reworded)]
    assert compare_articles(undated).reuse[0].target_id is None
    assert all(not c.copied_from for c in compare_story(undated).coverage)


def test_story_page_view_groups_conflicts_by_fact_and_lists_outlets() -> None:
    from storylens.web.views import coverage_view

    articles = _story()
    view = coverage_view(articles, compare_story(articles))
    assert [(row.kinds, row.versions) for row in view.conflicts] == [
        (["number"], [("8", ["a1.example"]), ("18", ["a2.example"])])
    ]
    widest = view.rows[0]
    assert [c.relation if c else None for c in widest.cells][:2] == ["first", "conflict"]
    assert dict(view.only_counts) == {"a2.example": 1, "a3.example": 1}


def test_who_had_it_first_follows_publication_time_even_when_folded_in_late() -> None:
    late, early = _story()[1], _story()[0]
    late.published, early.published = "2026-03-01T12:00:00", "2026-03-01T06:00:00"
    index = FactIndex()
    index.add_article(late)  # arrives first, published later
    index.add_article(early)
    story = compare_story([late, early], index)
    quake = next(f for f in story.to_dict()["facts"] if "Sumatra" in f["text"])
    assert quake["first_article_id"] == early.id


def test_read_only_store_folds_facts_in_memory_and_keeps_what_was_stored(tmp_path: Path) -> None:
    from storylens.store import open_store

    articles = _story()
    path = tmp_path / "s.db"
    with Store(path) as store:
        update_story_facts(store, "s1", articles[:2])
    with open_store(path, readonly=True) as store:
        index = update_story_facts(store, "s1", articles)
        assert index.article_ids == ["a1", "a2", "a3"]
        assert FactStore(store).load("s1").article_ids == ["a1", "a2"], "nothing written"


# stored at ingest ---------------------------------------------------------------------------


def _ingest_jsonl(tmp_path: Path, articles: list[Article], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(
        json.dumps({"url": f"https://{a.site}/quake-{a.id}", "title": "Sumatra earthquake",
                    "text": a.body, "published": a.published}) + "\n"
        for a in articles), encoding="utf-8")  # fmt: skip
    return path


def test_ingest_stores_facts_and_a_reingest_changes_nothing(tmp_path: Path) -> None:
    from storylens.stories import get_story, list_stories

    db = tmp_path / "s.db"
    source = _ingest_jsonl(tmp_path, _story())
    assert CliRunner().invoke(cli, ["ingest", "--db", str(db), str(source)]).exit_code == 0
    with Store(db) as store:
        story = get_story(store, list_stories(store)[0].id)
        stored = FactStore(store).load(story.id)
        rows = store.conn.execute("SELECT COUNT(*) FROM story_facts").fetchone()[0]
    assert len(story.article_ids) == 3, "the three reports of the quake form one story"
    assert sorted(stored.article_ids) == sorted(story.article_ids), "every article folded in"
    quake = next(f for f in stored.facts if "Sumatra" in f.first.text)
    assert len(quake.reports) == 3 and any(r.conflicts for r in quake.reports)
    assert CliRunner().invoke(cli, ["ingest", "--db", str(db), str(source)]).exit_code == 0
    with Store(db) as store:
        again = store.conn.execute("SELECT COUNT(*) FROM story_facts").fetchone()[0]
    assert again == rows, "a re-ingest of the same pages adds no facts"


def store_articles(store: Store, articles: list[Article]) -> None:
    from storylens.models import Page

    with store.transaction():
        for a in articles:
            store.add(Page(a.id, a.origin, "text", a.body, site=a.site), a)


def test_a_story_merge_keeps_stored_facts_right(tmp_path: Path) -> None:
    from storylens.compare.storage import fold_story, forget_story

    articles = _story()
    with Store(tmp_path / "s.db") as store:
        store_articles(store, articles)
        with store.transaction():
            fold_story(store, "s1", ["a1", "a2"])
            fold_story(store, "s2", ["a3"])
        with store.transaction():  # s2 merged into s1, as the ingest hook sees it
            forget_story(store, "s2")
            assert fold_story(store, "s1", ["a1", "a2", "a3"]) == 1, "only a3 is folded in"
        merged = FactStore(store).load("s1")
        assert FactStore(store).folded_ids("s2") == []
        with store.transaction():  # a1 moved out: the story's facts are rebuilt without it
            fold_story(store, "s1", ["a2", "a3"])
        split = FactStore(store).load("s1")
    assert len(merged.facts) == len(build_facts(articles).facts)
    assert all(aid != "a1" for f in split.facts for aid in f.article_ids)
    assert sorted(split.article_ids) == ["a2", "a3"]


def test_story_api_serves_facts_from_the_store(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from storylens.stories import list_stories
    from storylens.web.app import create_app

    db = tmp_path / "s.db"
    source = _ingest_jsonl(tmp_path, _story())
    assert CliRunner().invoke(cli, ["ingest", "--db", str(db), str(source)]).exit_code == 0
    with Store(db) as store:  # mark one stored fact: the API must show the stored wording
        story_id = list_stories(store)[0].id
        fact_id, reports = store.conn.execute(
            "SELECT fact_id, reports FROM story_facts WHERE story_id = ? ORDER BY fact_id",
            (story_id,)).fetchone()  # fmt: skip
        data = json.loads(reports)
        data[0]["text"] = "STORED WORDING"
        with store.transaction() as conn:
            conn.execute("UPDATE story_facts SET reports = ? WHERE story_id = ? AND fact_id = ?",
                         (json.dumps(data), story_id, fact_id))  # fmt: skip
    with TestClient(create_app(db)) as client:
        body = client.get(f"/api/stories/{story_id}").json()
    texts = [f["text"] for f in body["comparison"]["facts"]]
    assert "STORED WORDING" in texts, "facts are read from the store, not folded again"


def test_quote_speakers_from_full_surnames_cues_before_and_colon_lead_ins() -> None:
    def speaker(body: str) -> str | None:
        return article_quotes(Article(id="q", origin="q", title="", body=body))[0]["speaker"]

    vatican = ("The spokesman the Rev. Federico Lombardi spoke on Thursday. Lombardi said:\n\n"
               "“The pope will not be meeting anyone at the conference today.”\n")  # fmt: skip
    assert speaker(vatican) == "Federico Lombardi", "a surname ending in -i is not a demonym"
    hayek = ("Salma Hayek was asked about it. Hayek confirmed she had been and said, “I was told I "
             "could never be a star.” The star then recalled an incident at a Los Angeles cinema.")
    assert speaker(hayek) == "Salma Hayek", "the cue right before the quote owns it"
    statement = ("When Wallace died, President Bill Clinton released the following statement:\n\n"
                 "“He was a great reporter and a fair one, and I will miss him.”\n")  # fmt: skip
    assert speaker(statement) == "Bill Clinton"
    rally = ("Donald Trump spoke last.\n\nTrump gestured as if to stop the ruckus, then leaned in "
             "and boomed: “We are going to win this state and win it big.”\n")  # fmt: skip
    assert speaker(rally) == "Donald Trump"


def test_a_sentence_looks_up_only_the_most_recent_facts_of_a_common_word() -> None:
    """Linear in the story: a word listed under more facts than ``RECENT_POSTINGS`` is looked
    up only among its most recent facts, so one sentence's lookup does not grow with the story
    (unbounded, folding a big story or a huge page grew with the square of its sentences)."""
    from storylens.compare.facts import RECENT_POSTINGS, _article_units

    (unit,) = _article_units("The zebra escaped from the city zoo on Monday.")
    index = FactIndex()
    many = RECENT_POSTINGS + 100
    for word in unit.keys:
        index.postings[word] = list(range(many))
    closest, others = index._candidates(unit, opened=set(), taken=set())
    assert closest, "facts sharing the sentence's words are candidates"
    assert min(closest + others) >= many - RECENT_POSTINGS


def test_story_page_groups_an_outlets_updates_into_one_column_and_one_row() -> None:
    """Three articles, two of them one outlet's report and its update: the grid has two outlet
    columns, the outlet's cell shows its update's conflicting figure, and what the update keeps
    of the outlet's own first version is not "copied from other outlets"."""
    from storylens.web.views import coverage_view

    first, second, third = _story()
    update = _article("a1b", second.body, "2026-03-01T11:00:00")
    update.site = first.site  # a1's outlet updates its report with a2's figure
    articles = [first, third, update]
    view = coverage_view(articles, compare_story(articles))
    assert [(o[0], o[3]) for o in view.outlets] == [("a1.example", 2), ("a3.example", 1)]
    quake = next(row for row in view.rows if "Sumatra" in row.text)
    assert [c.relation if c else None for c in quake.cells] == ["conflict", "same"]
    assert quake.cells[0].title.count("\n") == 1, "the cell's tooltip gives both of a1's reports"
    assert quake.outlets == 2 and quake.articles == 3
    rows = {o.outlet: o for o in view.per_outlet}
    assert set(rows) == {"a1.example", "a3.example"} and rows["a1.example"].articles == 2
    assert rows["a1.example"].own_updates >= 1, "the update keeps its first version's sentences"
    assert "a1.example" not in rows["a1.example"].copied
    assert rows["a1.example"].only == 1, "the airport sentence is only in this outlet's update"
    assert rows["a1.example"].conflicts == 1


def test_a_fact_holds_one_report_per_article_and_the_seeds_shared_quote_is_one_fact() -> None:
    """An article's later sentences never join a fact its own earlier sentence opened: the
    seeds' quote paragraph was folded into the same article's lead, so the other outlet's copy
    of the quote could not meet it."""
    from storylens.extract import extract_page
    from storylens.ingest import read_pages

    articles = [extract_page(page) for page in read_pages([str(p) for p in SEEDS])]
    comparison = compare_story(articles)
    for fact in comparison.facts:
        ids = [r.article_id for r in fact.reports]
        assert len(ids) == len(set(ids)), fact.first.text
    quote = "President Putin and I also agreed on a shared goal"
    holding = [f for f in comparison.facts if any(quote in r.text for r in f.reports)]
    assert len(holding) == 1 and len({r.article_id for r in holding[0].reports}) == 2


# a sentence reporting more than one fact -----------------------------------------------------


def _sharing(facts, article_id: str, other_id: str) -> list[str]:
    """The sentences of ``article_id`` shown as reported by ``other_id`` too."""
    return sorted({r.text for f in facts for r in f.reports if r.article_id == article_id
                   and other_id in f.article_ids})  # fmt: skip


def test_a_sentence_stating_two_facts_shares_both_with_the_outlet_that_splits_them() -> None:
    """One outlet says in one sentence what the other says in two: both of the other's
    sentences are shown as reported by the first, not one of them "only here" (a sentence
    joined only its closest fact before)."""
    split = _article("split", "Police arrested two men after the raid on the jeweller in Leeds. "
                     "The two suspects were driving a grey van on the ring road near Leeds.",
                     "2026-03-01T08:00:00")  # fmt: skip
    joined = _article("joined", "Police arrested two men in a grey van on the ring road in Leeds "
                      "after the raid on the jeweller.", "2026-03-01T09:00:00")  # fmt: skip
    facts = compare_story([split, joined]).facts
    assert len(_sharing(facts, "split", "joined")) == 2
    also = [r for f in facts for r in f.reports if r.also]
    assert also and not any(r.copied or r.conflicts for r in also)


def test_a_sentence_whose_fact_its_outlet_already_reports_borrows_the_other_outlets_sentence():
    """The first outlet's one sentence states two facts; the second outlet's first sentence
    takes that fact, so its second sentence opens a fact of its own, which the first outlet's
    sentence reports too: neither of the second outlet's sentences is "only here"."""
    joined = _article("joined", "The storm killed 12 people in Manila and cut power to 40,000 "
                      "homes across the city.", "2026-03-01T08:00:00")  # fmt: skip
    split = _article("split", "The storm killed 12 people in Manila, officials said. Power was "
                     "cut to 40,000 homes in Manila when the storm hit.",
                     "2026-03-01T09:00:00")  # fmt: skip
    facts = compare_story([joined, split]).facts
    assert len(_sharing(facts, "split", "joined")) == 2
    lent = [r for f in facts for r in f.reports if r.also and r.article_id == "joined"]
    assert lent and lent[0].text.startswith("The storm killed 12 people")


def test_a_sentence_sharing_only_the_storys_topic_words_with_a_fact_does_not_report_it() -> None:
    """"Forces" and "Syria" are in most facts of this story: a sentence about the US drawdown
    relates to "Iran has sent advisers and forces to Syria" through them alone, so it is not
    shown as a report of it (an extra report needs a word few of the story's facts have)."""
    a = _article("a", "Russia and Israel agreed to set up a joint group to remove foreign forces "
                 "from Syria. Russia will keep its own forces at two bases in Syria for years, "
                 "officials said. Iran has sent advisers and forces to Syria since 2013.",
                 "2026-03-01T08:00:00")  # fmt: skip
    b = _article("b", "Israel and Russia will set up a joint group on the exit of foreign forces "
                 "from Syria. The United States has been drawing down its own forces in Syria "
                 "this year.", "2026-03-01T09:00:00")  # fmt: skip
    facts = compare_story([a, b]).facts
    iran = [f for f in facts if f.first.text.startswith("Iran has sent")]
    assert iran and iran[0].article_ids == ["a"]
