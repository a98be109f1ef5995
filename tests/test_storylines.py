"""Storylines (events linked over time), publication times, outlets, and their interfaces:
CLI, JSON API and the timeline page, on a real store through the ingest pipeline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storylens.bench.synthetic import FeedShape, newsroom_feed
from storylens.cli import stories as stories_cli
from storylens.config import StorySettings
from storylens.ingest import read_pages
from storylens.models import Article
from storylens.pipeline import ingest_items
from storylens.store import Store
from storylens.stories import StoryEngine, get_story, get_storyline, list_stories
from storylens.stories.index import ActiveStory
from storylens.stories.repository import MemoryRepository
from storylens.stories.storylines import StorylineLinker
from storylens.web import create_app

LEAK = (
    "Hackers leaked 40 gigabytes of internal emails from the Meridian Bank on Monday, exposing "
    "how the bank moved client money through shell companies in Cyprus, the Daily Ledger said. "
    "Meridian Bank chief executive Olga Varga called the leak a criminal attack."
)
LEAK_2 = (
    "The Meridian Bank leak spread on Tuesday as more internal emails about shell companies in "
    "Cyprus were published. Olga Varga, Meridian Bank's chief executive, said the bank would "
    "sue the hackers who leaked the emails."
)
FALLOUT = (
    "Olga Varga resigned as chief executive of the Meridian Bank on Friday, six weeks after "
    "leaked internal emails showed client money moved through shell companies in Cyprus. "
    "Prosecutors have opened an inquiry into the Meridian Bank and the Cyprus shell companies."
)
FOOTBALL = (
    "Real Madrid beat Barcelona 3-1 at the Bernabeu on Saturday, with Vinicius scoring twice "
    "as Madrid moved four points clear at the top of La Liga. Barcelona coach Xavi said his "
    "team lacked intensity in the second half."
)


def _records() -> list[dict[str, str]]:
    return [
        {"id": "leak", "title": "Meridian Bank emails leaked", "text": LEAK,
         "published": "2024-03-04", "site": "www.ledger.co.uk"},
        {"id": "leak2", "title": "Meridian leak spreads", "text": LEAK_2,
         "published": "2024-03-05", "url": "https://news.example-times.com/a/1"},
        {"id": "match", "title": "Madrid beat Barcelona", "text": FOOTBALL,
         "published": "2024-03-09", "site": "Sports Daily"},
        {"id": "fallout", "title": "Meridian chief resigns", "text": FALLOUT,
         "published": "2024-04-19", "site": "ledger.co.uk"},
    ]  # fmt: skip


NO_BRIDGE = StorySettings(name_bridge=float("inf"))
"""The name bridge off: the fallout six weeks later is then an event of its own, which the
interface tests below need (a storyline of two events)."""


def _ingest(tmp_path: Path, settings: StorySettings | None = NO_BRIDGE) -> Path:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        report = ingest_items(store, read_pages([str(source)]), settings=settings)
        assert not report.problems and report.added == 4
    return db


def test_a_follow_up_naming_the_same_people_joins_the_event_by_default(tmp_path: Path) -> None:
    """The name bridge: six weeks later, the same bank, chief executive and island are named,
    so the date gap does not split the event (ECB+ events are reported on for months)."""
    with Store(_ingest(tmp_path, None)) as store:
        engine = StoryEngine(store)
        assert engine.story_of("fallout") == engine.story_of("leak") != engine.story_of("match")


def test_a_follow_up_weeks_later_is_a_new_event_in_the_same_storyline(tmp_path: Path) -> None:
    """Without the name bridge the date gap splits the fallout off as a new event, and the
    storyline links it back to the leak."""
    db = _ingest(tmp_path, NO_BRIDGE)
    with Store(db) as store:
        engine = StoryEngine(store, NO_BRIDGE)
        leak, fallout, match = (engine.story_of(a) for a in ("leak", "fallout", "match"))
        assert match not in (leak, fallout)
        assert engine.story_of("leak2") == leak != fallout
        line = engine.storyline_of("leak")
        assert line is not None and engine.storyline_of("fallout") == line
        assert engine.storyline_of("match") != line
        detail = get_storyline(store, line)
        assert detail is not None
        assert [e.story_id for e in detail.timeline] == [leak, fallout]
        assert (detail.first_seen or "")[:10] == "2024-03-04"
        assert (detail.last_seen or "")[:10] == "2024-04-19"
        story = get_story(store, leak or "")
        assert story is not None and story.storyline == line


def test_story_times_are_publication_times_and_outlets_registered_domains(
    tmp_path: Path,
) -> None:
    db = _ingest(tmp_path)
    with Store(db) as store:
        leak_id = StoryEngine(store, NO_BRIDGE).story_of("leak")
        leak = next(s for s in list_stories(store) if s.id == leak_id)
        assert leak.title.startswith("Meridian")  # the headline its articles share most
        assert (leak.first_seen or "")[:10] == "2024-03-04"
        assert (leak.last_seen or "")[:10] == "2024-03-05"
        assert leak.outlets == ["example-times.com", "ledger.co.uk"]
        match = next(s for s in list_stories(store) if s.title.startswith("Madrid"))
        assert match.outlets == ["Sports Daily"]


def test_undated_articles_join_on_text_and_leave_the_times_unknown(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store)
        from storylens.models import Article

        def add(article_id: str, text: str, published: str | None) -> str:
            with store.transaction():
                return engine.add(
                    Article(article_id, "x", "", text, published=published)
                ).story_id

        dated = add("a", LEAK, "2013-05-02")
        add("b", FOOTBALL, "2024-06-01")  # the clock moves on: a joined by text alone
        assert add("c", LEAK_2, None) == dated
        undated = add("d", "Volcano erupts near a fishing village on Tuesday, forcing hundreds "
                      "of residents to leave as ash fell over the harbour.", None)
        stories = {s.id: s for s in list_stories(store)}
        assert (stories[dated].first_seen or "")[:10] == "2013-05-02"
        assert (stories[dated].last_seen or "")[:10] == "2013-05-02"
        assert stories[undated].first_seen is None and stories[undated].last_seen is None


def test_cli_lists_storylines_and_cluster_lines_carry_them(tmp_path: Path) -> None:
    db = _ingest(tmp_path)
    group = click.Group()
    stories_cli.register(group)
    runner = CliRunner()
    listing = runner.invoke(group, ["storylines", "--db", str(db), "--json"])
    assert listing.exit_code == 0, listing.output
    lines = json.loads(listing.stdout)
    assert len(lines) == 1 and lines[0]["events"] == 2 and lines[0]["articles"] == 3
    timeline = runner.invoke(group, ["storylines", lines[0]["id"], "--db", str(db)])
    assert "Meridian chief resigns" in timeline.stdout
    source = tmp_path / "cluster.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    out = [json.loads(x) for x in runner.invoke(group, ["cluster", str(source)]).stdout.split("\n")
           if x.strip()]  # fmt: skip
    by_id = {o["id"]: o for o in out}
    assert by_id["leak"]["storyline"] == by_id["fallout"]["storyline"]  # one event or two
    assert by_id["match"]["storyline"] != by_id["leak"]["storyline"]
    missing = runner.invoke(group, ["storylines", "l-nope", "--db", str(db)])
    assert missing.exit_code != 0 and "no such storyline" in missing.output


def test_api_and_timeline_page(tmp_path: Path) -> None:
    db = _ingest(tmp_path)
    with TestClient(create_app(db)) as client:
        listed = client.get("/api/storylines").json()["storylines"]
        assert len(listed) == 1 and listed[0]["events"] == 2
        line_id = listed[0]["id"]
        detail = client.get(f"/api/storylines/{line_id}").json()
        story_ids = [e["story_id"] for e in detail["timeline"]]
        assert len(story_ids) == 2 and detail["title"]
        page = client.get(f"/storylines/{line_id}")
        assert page.status_code == 200
        for story_id in story_ids:
            assert f'href="/stories/{story_id}"' in page.text
        assert page.text.index("Meridian Bank emails leaked") < page.text.index(
            "Meridian chief resigns"
        )
        assert 'href="/storylines"' in client.get("/").text
        assert line_id in client.get("/storylines").text
        missing = client.get("/api/storylines/l-nope")
        assert missing.status_code == 404 and "no storyline" in missing.json()["error"]


def test_a_merged_storyline_id_keeps_resolving(tmp_path: Path) -> None:
    db = _ingest(tmp_path)
    with Store(db) as store:
        engine = StoryEngine(store)
        leak_line, match_line = engine.storyline_of("leak"), engine.storyline_of("match")
        assert leak_line and match_line and leak_line != match_line
        with store.transaction():
            engine.lines._merge_lines(leak_line, match_line)  # as a bridging event would
        survivor = engine.storyline_of("match")
        assert survivor == engine.storyline_of("leak") in (leak_line, match_line)
        gone = match_line if survivor == leak_line else leak_line
        merged = get_storyline(store, gone)
        assert merged is not None and merged.id == survivor and gone in merged.merged_from
        assert len(merged.timeline) == 3
    with Store(db) as store:  # a new process sees the same
        assert StoryEngine(store).storyline_of("match") == survivor
    with TestClient(create_app(db)) as client:
        page = client.get(f"/storylines/{gone}", follow_redirects=False)
        assert page.status_code == 308 and page.headers["location"].endswith(survivor)
        assert client.get(f"/api/storylines/{gone}").json()["id"] == survivor


def _feed_articles(shape: FeedShape) -> list[Article]:
    return [
        Article(id=r["id"], origin="feed", title=r["title"], body=r["text"],
                published=r["published"], site=r["site"])
        for r in newsroom_feed(shape)
    ]  # fmt: skip


def _record_article(record: dict[str, str]) -> Article:
    return Article(id=record["id"], origin="test", title=record["title"], body=record["text"],
                   published=record["published"], site=record.get("site"))  # fmt: skip


def test_unrelated_events_of_one_kind_do_not_chain_into_one_storyline() -> None:
    """The synthetic newsroom feed's small events are unrelated (each its own town, people and
    body) but share the vocabulary of their kind (councils voting on harbours, town halls):
    single links on that vocabulary once chained all of them into one storyline."""
    engine = StoryEngine(None, StorySettings(static_opinion=False))
    articles = _feed_articles(FeedShape(articles=150, big_story=20))
    for a in articles:
        engine.add(a)
    events = {engine.story_of(a.id) for a in articles}
    lines: dict[str | None, set[str | None]] = {}
    for a in articles:
        lines.setdefault(engine.storyline_of(a.id), set()).add(engine.story_of(a.id))
    assert len(events) >= 25
    assert len(lines) >= 0.9 * len(events)
    assert max(len(e) for e in lines.values()) <= 3


def test_a_continuation_weeks_later_joins_its_retired_event_storyline(tmp_path: Path) -> None:
    """Six weeks after the leak, in another process, after a feed of unrelated events: the
    leak's event has long left the engine's active window, yet the storyline index over
    retired events still finds it and links the fallout to it, and to nothing else."""
    leak, leak2, _, fallout = _records()
    fallout = dict(fallout, published="2026-11-25")
    leak, leak2 = dict(leak, published="2026-10-12"), dict(leak2, published="2026-10-13")
    feed = _feed_articles(FeedShape(articles=80, big_story=10))
    settings = replace(NO_BRIDGE, recent_articles=20)
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store, settings)
        for a in (_record_article(leak), _record_article(leak2), *feed):
            with store.transaction():
                engine.add(a)
        with store.transaction():
            engine.retire()  # as the engine does every few hundred articles
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store, settings)
        leak_event = engine.story_of("leak")
        assert leak_event is not None and engine.index.get(leak_event) is None  # retired
        with store.transaction():
            engine.add(_record_article(fallout))
        assert engine.story_of("fallout") != leak_event
        line = engine.storyline_of("leak")
        assert engine.storyline_of("fallout") == line
        assert all(engine.storyline_of(a.id) != line for a in feed)


def _event(story_id: str, *terms: str) -> ActiveStory:
    weight = 1 / len(terms) ** 0.5
    return ActiveStory(story_id, story_id, "", 0.0, 0.0, size=1,
                       centroid_sum=dict.fromkeys(terms, weight))  # fmt: skip


def test_a_chain_of_links_through_other_names_stops_at_the_storyline_as_a_whole() -> None:
    """Russia-Ukraine, Russia-China, China-Hong Kong: each event links to the one before it,
    but the third shares nothing with the first, so on average it is not of their storyline
    (with the whole-storyline check off, single links chain all three)."""
    lines = {}
    for share in (1.0, 0.0):
        settings = StorySettings(
            storyline_threshold=0.25, storyline_line_share=share, storyline_min_names=1
        )
        linker = StorylineLinker(MemoryRepository(), settings)
        events = [_event("war", "@russia", "@ukraine", "war"),
                  _event("trade", "@russia", "@china", "trade"),
                  _event("rates", "@china", "@hong_kong", "rate")]  # fmt: skip
        for event in events:
            linker.put(event)
            linker.link(event)
        lines[share] = [e.storyline for e in events]
    assert lines[1.0][0] == lines[1.0][1] != lines[1.0][2]
    assert len(set(lines[0.0])) == 1


def test_events_of_one_kind_without_a_shared_name_do_not_link() -> None:
    """Two towns' councils voting on their harbours: the same words, no shared name."""
    settings = StorySettings(storyline_threshold=0.25, storyline_min_names=1)
    linker = StorylineLinker(MemoryRepository(), settings)
    a = _event("a", "@arlen", "council", "harbour", "vote")
    b = _event("b", "@kelby", "council", "harbour", "vote")
    c = _event("c", "@kelby_council", "@arlen", "harbour", "vote")
    for event in (a, b, c):
        linker.put(event)
        linker.link(event)
    assert a.storyline != b.storyline  # 0.75 alike, all of it words
    assert c.storyline == a.storyline  # 0.75 alike, a shared name carries a third of it


def test_unrelated_articles_sharing_one_platform_name_do_not_link() -> None:
    """A conference talk and a baseball column that both mention "TV", two singers' pieces
    that both mention "Instagram": one shared name is no storyline; two are."""
    linker = StorylineLinker(MemoryRepository(), StorySettings(storyline_threshold=0.25))
    talk = _event("talk", "@tv", "@valim", "keynote", "watch")
    column = _event("column", "@tv", "@mlb", "salary", "watch")
    leak = _event("leak", "@meridian", "@hollis", "documents", "watch")
    fallout = _event("fallout", "@meridian", "@hollis", "resigns", "board")
    for event in (talk, column, leak, fallout):
        linker.put(event)
        linker.link(event)
    assert talk.storyline != column.storyline
    assert leak.storyline == fallout.storyline


def test_events_without_names_need_twice_the_similarity() -> None:
    """Text where no name can be found (a script without capitals): the words must say more."""
    linker = StorylineLinker(MemoryRepository(), StorySettings(storyline_threshold=0.3))
    a = _event("a", "洪水", "堤防", "避難", "被害")
    b = _event("b", "洪水", "堤防", "地震", "選挙")  # 0.5 alike: over 0.3, under 0.6
    c = _event("c", "洪水", "堤防", "避難", "救助")  # 0.75 alike
    for event in (a, b, c):
        linker.put(event)
        linker.link(event)
    assert b.storyline != a.storyline and c.storyline == a.storyline
