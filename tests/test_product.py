"""Issue 14 as a new user meets it: the front page, outlets and coverage, export, an honest CLI.

Most tests use the synthetic newsroom store (300 articles, 20 outlets, one story of 60) built
once per session by ``conftest.newsroom_db_template`` through the real ingest pipeline.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storylens.cli.main import COMMANDS, FAMILIES, cli, plain_help
from storylens.models import Article
from storylens.store import Store
from storylens.store.coverage import coverage_bars, not_covered_by, usual_outlets
from storylens.store.outlets import (
    UNNAMED_OUTLET,
    OutletMatcher,
    load_outlets,
    outlet_name,
    read_registry_csv,
)
from storylens.store.ranking import StoryFilters, rank_stories, story_weight
from storylens.web import create_app

SRC = Path(__file__).resolve().parents[1] / "src"
FILE_ID = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def big_story(db: Path) -> str:
    with Store(db) as store:
        row = store.conn.execute(
            "SELECT id FROM stories WHERE merged_into IS NULL ORDER BY size DESC LIMIT 1"
        ).fetchone()
    return row[0]


# the CLI: fast, complete, honest ------------------------------------------------------------


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``storylens ARGS``."""
    code = (
        "import sys\nfrom storylens.cli.main import cli\n"
        f"try:\n    cli({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return set(done.stderr.split())


def test_help_and_stories_load_no_heavy_library(seeded_db: Path) -> None:
    heavy = {"sklearn", "numpy", "scipy", "datasketch", "fastapi", "trafilatura", "psycopg"}
    assert not heavy & _modules_after("--help")
    loaded = _modules_after("stories", "--db", str(seeded_db))
    assert not heavy & loaded
    assert "storylens.stories.engine" not in loaded and "storylens.compare" not in loaded


def test_every_registered_command_is_listed_and_resolves() -> None:
    import importlib

    registered: dict[str, click.Command] = {}
    for family in FAMILIES:
        group = click.Group()
        importlib.import_module(f"storylens.cli.{family}").register(group)
        registered.update(group.commands)
    assert set(registered) == set(COMMANDS), "add new commands to cli.main.COMMANDS"
    for name, (_, _, summary) in COMMANDS.items():
        assert len(summary) <= 60 and summary.endswith("."), name
        assert cli.get_command(click.Context(cli), name) is registered[name]


def test_help_texts_are_plain_and_whole() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "..." not in out.split("Commands:")[1]
    for name in COMMANDS:
        code, out, _ = run(name, "--help")
        assert code == 0 and "``" not in out and ":class:" not in out, name
        if "Commands:" in out:  # a group: its commands' summaries are whole
            assert "..." not in out.split("Commands:")[1], out
    assert plain_help("Lines have ``id`` and :class:`~x.Y`.") == "Lines have id and x.Y."


def test_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from storylens.stories.stopwords import ENGLISH_STOP_WORDS as shipped

    assert shipped == ENGLISH_STOP_WORDS


def test_stories_table_has_headers_and_says_n_of_m(newsroom_db: Path) -> None:
    code, out, _ = run("stories", "--db", str(newsroom_db), "--limit", "5")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split()[:4] == ["STORY", "ARTICLES", "OUTLETS", "PUBLISHED"]
    assert re.fullmatch(r"Showing 1-5 of \d+ stories \(next: --offset 5\)\.", lines[-1])
    assert len(lines) == 7
    assert lines[1].split()[1:3] == ["60", "18"], "the big story is ranked first"
    code, out, _ = run("stories", "--db", str(newsroom_db), "--json", "--outlet",
                       "valleycourier.example", "--limit", "200")  # fmt: skip
    found = json.loads(out)
    assert found and all("Valley Courier" in s["outlets"] for s in found)


def test_serve_reports_a_busy_port_before_claiming_to_serve(seeded_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = run("serve", "--db", str(seeded_db), "--port", str(port))
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err
    assert "serving" not in err


# outlets and the registry --------------------------------------------------------------------


def test_outlet_names_never_fall_back_to_ids() -> None:
    assert outlet_name("Harbour Times", "https://x.example/a") == "Harbour Times"
    assert outlet_name(None, "https://www.harbourtimes.example/news/1") == "harbourtimes.example"
    assert outlet_name("  ", None) == UNNAMED_OUTLET


def test_seed_story_shows_no_file_ids(seeded_db: Path) -> None:
    with TestClient(create_app(seeded_db)) as client:
        front = client.get("/").text
        story = client.get(client.get("/api/stories").json()["stories"][0]["id"].join(
            ["/stories/", ""])).text  # fmt: skip
    for html in (front, story):
        names = re.findall(r'class="(?:outlet-name|outlet-chip)">([^<]*)<', html)
        assert names and not any(FILE_ID.search(n) for n in names), names


def test_registry_import_list_and_errors(tmp_path: Path, seeded_db: Path) -> None:
    good = tmp_path / "outlets.csv"
    good.write_text("name,domains,country,leaning\n"
                    "Harbour Times,harbourtimes.example;ht.example,UK,left\n"
                    "Capital Post,https://www.capitalpost.example/,US,\n")  # fmt: skip
    code, _, err = run("outlets", "import", str(good), "--db", str(seeded_db))
    assert code == 0 and "2 outlets imported" in err
    code, out, _ = run("outlets", "list", "--db", str(seeded_db))
    assert out.splitlines()[0].split() == ["NAME", "DOMAINS", "COUNTRY", "LEANING"]
    assert "ht.example" in out and "capitalpost.example" in out
    with Store(seeded_db) as store:
        outlets = {o.name: o for o in load_outlets(store)}
    assert outlets["Harbour Times"].extra == {"leaning": "left"}
    bad = tmp_path / "bad.csv"
    bad.write_text("title,domains\nX,x.example\n")
    code, _, err = run("outlets", "import", str(bad), "--db", str(seeded_db))
    assert code == 1
    assert err.strip() == f"storylens: {bad}: needs a header line with a 'name' column"


def test_coverage_bars_and_not_covered_by(newsroom_db: Path, tmp_path: Path) -> None:
    with Store(newsroom_db) as store:
        matcher = OutletMatcher(load_outlets(store))
        usual = usual_outlets(store, matcher)
        pairs = store.conn.execute(
            "SELECT sa.site, a.url FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE sa.story_id = ?", (big_story(newsroom_db),)).fetchall()  # fmt: skip
    bars = coverage_bars(pairs, matcher, "country")
    assert sum(b.count for b in bars) == 18
    assert {b.value for b in bars} >= {"US", "UK", "DE", "FR"}
    assert bars == sorted(bars, key=lambda b: -b.count)
    assert usual == ["Morning Wire", "Valley Courier"]
    assert not_covered_by(pairs, matcher, usual) == ["Morning Wire", "Valley Courier"]
    unknown = coverage_bars([("Somewhere Else", None)], matcher, "country")
    assert [(b.value, b.count) for b in unknown] == [("not in registry", 1)]


def test_registry_matches_by_domain_and_subdomain(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("name,domains\nCapital Post,capitalpost.example\n")
    matcher = OutletMatcher(read_registry_csv(path))
    assert matcher.match(None, "https://news.capitalpost.example/x").name == "Capital Post"
    assert matcher.match("capital post", None).name == "Capital Post"
    assert matcher.match("Other", "https://other.example/") is None


# ranking and the front page ------------------------------------------------------------------


def test_weight_prefers_outlets_and_fades_with_age() -> None:
    assert story_weight(10, 10, 0) > story_weight(2, 30, 0)
    assert story_weight(5, 5, 2) == pytest.approx(story_weight(5, 5, 0) / 2)


def test_ranking_puts_the_big_story_first_with_one_articles_headline_and_lead(
    newsroom_db: Path,
) -> None:
    with Store(newsroom_db) as store:
        ranked, total = rank_stories(store, limit=5)
        recent, _ = rank_stories(store, limit=60, sort="recent")
        lead = store.get_article(ranked[0].lead_article_id)
        filtered, count = rank_stories(store, StoryFilters(query="dam"), limit=5)
        late, none = rank_stories(store, StoryFilters(since="2027-01-01"), limit=5)
    top = ranked[0]
    assert (top.articles, len(top.outlets)) == (60, 18) and top.id == big_story(newsroom_db)
    assert total == len(recent) and [s.weight for s in ranked] == sorted(
        (s.weight for s in ranked), reverse=True)  # fmt: skip
    assert top.title == lead.title and lead.body.startswith(top.lead.rstrip("…"))
    assert not any(FILE_ID.search(o) for o in top.outlets)
    assert top.first_published <= top.last_published and top.first_outlet in top.outlets
    assert [s.id for s in filtered] == [top.id] and count == 1
    assert late == [] and none == 0


def test_a_storys_headline_is_the_same_in_the_list_and_in_show(newsroom_db: Path) -> None:
    code, out, _ = run("stories", "--db", str(newsroom_db), "--limit", "60", "--json")
    assert code == 0
    listed = {story["id"]: story["title"] for story in json.loads(out)}
    assert big_story(newsroom_db) in listed
    differ = {}
    for story_id, title in listed.items():
        code, out, _ = run("show", "--db", str(newsroom_db), story_id, "--json")
        assert code == 0
        if json.loads(out)["title"] != title:
            differ[story_id] = (title, json.loads(out)["title"])
    assert differ == {}
    code, out, _ = run("show", "--db", str(newsroom_db), big_story(newsroom_db))
    assert out.splitlines()[0] == f"{big_story(newsroom_db)}  {listed[big_story(newsroom_db)]}"
    with TestClient(create_app(newsroom_db)) as client:
        api = client.get("/api/stories", params={"limit": 50}).json()["stories"]
        page = client.get(f"/api/stories/{big_story(newsroom_db)}").json()
    assert api and all(story["title"] == listed[story["id"]] for story in api)
    assert page["title"] == listed[big_story(newsroom_db)]


def test_show_compare_of_a_60_article_story_stays_a_screenful_per_section(
    newsroom_db: Path,
) -> None:
    """Every section of the terminal comparison is bounded, the per-article one too: 60
    articles print 40 lines and a pointer to the JSON, not 60."""
    code, out, _ = run("show", "--db", str(newsroom_db), big_story(newsroom_db), "--compare")
    assert code == 0
    section = out.split("Per article: facts, only here, copied from", 1)[1].splitlines()
    rows = [line for line in section if re.match(r"^  \S+: \d+ facts", line)]
    assert len(rows) == 40
    assert any("20 more articles (use --json)" in line for line in section)


def _glances_ready(client: TestClient) -> None:
    client.get("/")
    assert client.app.state.glance_worker.wait_idle(120)  # type: ignore[attr-defined]


def test_front_page_shows_ranking_outlets_glance_and_coverage(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        _glances_ready(client)
        html = client.get("/").text
        by_region = client.get("/?by=region").text
        filtered = client.get("/?outlet=Valley%20Courier").text
    cards = html.split('class="story-card"')[1:]
    first = cards[0]
    assert "60 articles" in first and "18 outlets" in first
    assert "The Northern Ledger" in first and "and 10 more" in first
    assert "Shared by" in first and "Copied" in first and "First" in first
    assert "Coverage by country" in first
    assert "Not covered by</span> Morning Wire, Valley Courier" in first
    assert "How stories are ranked" in html and 'href="/storylines"' in html
    assert "Coverage by region" in by_region.split('class="story-card"')[1]
    assert "Dam failure" not in filtered.split("<ol")[-1], "the big story has no Valley Courier"


def test_front_page_filters_keep_each_other_in_paging_links(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        html = client.get("/?outlet=Morning%20Wire&since=2026-11-20&page=1").text
    nxt = re.search(r'rel="next" href="([^"]+)"', html)
    if nxt:  # enough stories for a second page
        assert "outlet=Morning%20Wire" in nxt.group(1) and "since=2026-11-20" in nxt.group(1)
    assert "No story matches" not in html


# export ---------------------------------------------------------------------------------------


def test_export_stories_articles_facts_jsonl_and_csv(newsroom_db: Path) -> None:
    story = big_story(newsroom_db)
    code, out, _ = run("export", "stories", "--db", str(newsroom_db))
    stories = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(stories) == len({s["story_id"] for s in stories})
    big = next(s for s in stories if s["story_id"] == story)
    assert big["articles"] == 60 and len(big["outlets"]) == 18 and big["first_published"]
    code, out, _ = run("export", "articles", "--format", "csv", "--db", str(newsroom_db))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 299 and {r["story_id"] for r in rows} == {s["story_id"] for s in stories}
    assert all(r["outlet"] and r["published"] for r in rows)
    args = ("export", "facts", "--db", str(newsroom_db), "--story", story)
    first, second = run(*args)[1], run(*args)[1]
    facts = [json.loads(line) for line in first.splitlines()]
    assert first == second, "fact ids and order are stable"
    assert {f["kind"] for f in facts} >= {"shared", "copy"}
    assert len({f["fact_id"] for f in facts}) == len(facts)
    shared = [f for f in facts if f["kind"] == "shared"]
    assert max(len(f["outlets"]) for f in shared) >= 10


# small things that looked broken ---------------------------------------------------------------


def test_timeline_dots_are_round_and_at_their_time(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        html = client.get(f"/stories/{big_story(newsroom_db)}").text
    svg = re.search(r'<svg class="timeline-bar"[^>]*>(.*?)</svg>', html, re.S)
    assert svg and 'preserveAspectRatio="none"' not in svg.group(0)
    circles = re.findall(r'<circle [^>]*cx="([\d.]+)%"[^>]*r="(\d+)" data-position="([\d.]+)"',
                         svg.group(1))  # fmt: skip
    assert len(circles) == 60
    assert all(cx == pos for cx, _, pos in circles) and {r for _, r, _ in circles} == {"7"}
    assert float(circles[0][0]) == 0.0 and float(circles[-1][0]) == 100.0


def test_copy_evidence_names_outlets_not_article_ids() -> None:
    from storylens.compare import compare_articles

    shared = ("The bridge over the river Aven was closed on Monday after engineers found "
              "cracks in two of its main supports. Traffic was diverted through the town "
              "centre and buses ran late all day.")  # fmt: skip
    a = Article(id="art-a-17", origin="a", title="Bridge shut", site="Reuters",
                body=shared + "\n\nRepairs could take a month.", published="2026-11-20T08:00")
    b = Article(id="art-b-42", origin="b", title="Bridge closed", site="Daily Planet",
                body=shared + "\n\nThe council said, Reuters reported, that repairs would take "
                "a month.", published="2026-11-20T10:00")  # fmt: skip
    evidence = [e for r in compare_articles([a, b]).reuse for e in r.direction_evidence]
    assert evidence, "the copied passage is found"
    text = " ".join(evidence)
    assert "art-a-17" not in text and "art-b-42" not in text
    assert "Reuters" in text


def test_near_copies_are_named_by_outlet_not_id(newsroom_db: Path) -> None:
    with Store(newsroom_db) as store:
        story_id, copy_id = store.conn.execute(
            "SELECT story_id, article_id FROM story_articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
    with TestClient(create_app(newsroom_db)) as client:
        html = client.get(f"/stories/{story_id}").text
    line = re.search(r"<p class=\"muted\">(The [^<]*near-copy[^<]*)</p>", html)
    assert line and copy_id not in line.group(1)
    named = r"The [A-Z][\w ]+ article is a near-copy of the [A-Z][\w ]+ one"
    assert re.search(named, line.group(1))


def test_a_bad_date_filter_is_said_not_silently_dropped(seeded_db: Path) -> None:
    code, _, err = run("stories", "--db", str(seeded_db), "--since", "yesterday")
    assert code == 2 and "'yesterday' is not a date" in err
    with TestClient(create_app(seeded_db)) as client:
        html = client.get("/?until=soon").text
    note = "until: &#39;soon&#39; is not a date (use YYYY-MM-DD); that filter is not applied"
    assert note in html


def test_front_api_agrees_with_the_page(newsroom_db: Path) -> None:
    with TestClient(create_app(newsroom_db)) as client:
        _glances_ready(client)
        data = client.get("/api/front?by=owner").json()
        html = client.get("/?by=owner").text
        bad = client.get("/api/front?page=0")
    ids = re.findall(r'data-story="([^"]+)"', html)
    assert [s["id"] for s in data["stories"]] == ids
    top = data["stories"][0]
    assert top["articles"] == 60 and len(top["outlets"]) == 18 and top["summary"]["first"]
    assert data["coverage_by"] == "owner" and sum(b["count"] for b in top["coverage"]) == 18
    assert top["not_covered_by"] == ["Morning Wire", "Valley Courier"]
    conflicts = top["summary"]["conflicts"]
    assert conflicts and len({c["text"] for c in conflicts}) == len(conflicts)
    assert " vs " in conflicts[0]["text"] and "evacuation" in conflicts[0]["text"]
    assert bad.status_code == 422 and "error" in bad.json()


def test_front_page_registry_and_export_on_both_backends(seeded_target: object,
                                                         tmp_path: Path) -> None:  # fmt: skip
    """The same SQL on SQLite and PostgreSQL: ranking, coverage, summaries, export."""
    registry = tmp_path / "outlets.csv"
    registry.write_text("name,domains,country\nWire One,wire.example,UK\n")
    code, _, err = run("outlets", "import", str(registry), "--db", str(seeded_target))
    assert code == 0, err
    with TestClient(create_app(seeded_target)) as client:  # type: ignore[arg-type]
        _glances_ready(client)
        data = client.get("/api/front").json()
        html = client.get("/?outlet=nobody.example&since=2001-01-01").text
    assert data["total"] == 1 and data["stories"][0]["articles"] == 2
    assert data["stories"][0]["summary"]["shared_facts"] >= 1
    assert data["coverage_by"] == "country" and "No story matches" in html
    code, out, _ = run("export", "stories", "--format", "csv", "--db", str(seeded_target))
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) == 1


def test_timeline_span_of_date_only_reports_does_not_claim_an_hour() -> None:
    """Two outlets giving only the day ("2016-12-20") published that day, not "within the
    hour": their midnight is no publication time."""
    from storylens.web.views import build_timeline

    def article(ident: str, published: str) -> Article:
        return Article(id=ident, origin=ident, title="t", body="b", published=published)

    names, colours = {"a": "A", "b": "B", "c": "C"}, {"a": 0, "b": 1, "c": 2}
    _, span = build_timeline([article("a", "2016-12-20"), article("b", "2016-12-20")], names,
                             colours)  # fmt: skip
    assert span == "all published on 20 Dec 2016"
    _, span = build_timeline(
        [article("a", "2016-12-20"), article("c", "2016-12-22T09:30:00+00:00")], names, colours
    )
    assert span == "published over 3 days"
    _, span = build_timeline(
        [article("a", "2016-12-20T09:00:00+00:00"), article("b", "2016-12-20T09:40:00+00:00")],
        names, colours,
    )
    assert span == "all published within the hour"
