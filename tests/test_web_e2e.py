"""End to end in a real headless browser: Debian's chromium driven by Playwright.

One server per module (uvicorn in a thread, free loopback port) over a copy of the seeded store.
Screenshots go to tests/artifacts/ (git-ignored). Set STORYLENS_UPDATE_SCREENSHOT=1 to also
refresh docs/screenshot-story.png, the README's picture of the story page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.ingest.readers import read_jsonl_lines
from storylens.pipeline import ingest_items
from storylens.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
FILE_ID = re.compile(r"\b\d{3}_[0-9a-f]{16}\b")
SHARED_QUOTE = "President Putin and I also agreed on a shared goal"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
NEW_PAGE = (
    "Bridge reopens after repairs\n\n"
    "The old river bridge reopened on Friday after eight months of repairs, the city said, "
    "and buses will use it again from Monday.\n"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (scripts/install_browser.sh installs it)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def add_hostile_article(db: Path) -> None:
    """An article whose title is markup that would run if a page did not escape it."""
    line = json.dumps({"id": "hostile", "title": HOSTILE, "text": NEW_PAGE.replace("\n", " ")})
    with Store(db) as store:
        ingest_items(store, read_jsonl_lines([line], "hostile.jsonl", limit=1_000_000))


def start_server(app) -> tuple[object, threading.Thread, str]:  # type: ignore[no-untyped-def]
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def base_url(seeded_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from storylens.web import create_app

    db = tmp_path_factory.mktemp("e2e") / "store.db"
    shutil.copyfile(seeded_db_template, db)
    add_hostile_article(db)
    server, thread, url = start_server(create_app(db))
    yield url
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def newsroom(
    newsroom_db_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, object]]:
    """A server over the synthetic newsroom (300 articles, 20 outlets, one story of 60)."""
    from storylens.web import create_app

    db = tmp_path_factory.mktemp("newsroom-e2e") / "store.db"
    shutil.copyfile(newsroom_db_template, db)
    app = create_app(db)
    server, thread, url = start_server(app)
    yield url, app
    server.should_exit = True  # type: ignore[attr-defined]
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def shot(page, name: str, *, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def save_readme_screenshot(page, mark) -> None:  # type: ignore[no-untyped-def]
    """The story page scrolled to the columns, with the shared quote's link shown."""
    page.locator("#columns-h").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -12)")
    mark.hover()
    page.screenshot(path=str(ROOT / "docs" / "screenshot-story.png"), full_page=False)


def open_seed_story(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.get_by_role("link", name="Netanyahu", exact=False).first.click()
    page.wait_for_selector(".columns .column")


def test_front_page_lists_the_seed_story(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    card = page.locator(".story-card", has_text="Netanyahu")
    assert card.count() == 1
    assert "2 articles" in card.inner_text()
    assert not FILE_ID.search(card.inner_text()), "outlets are never shown as file ids"
    shot(page, "front-page")
    page.get_by_label("Search").fill("nothing matches this")
    page.get_by_role("button", name="Show").click()
    assert page.locator(".story-card").count() == 0
    assert "No story matches" in page.inner_text("main")


def test_story_page_links_the_shared_quote_across_outlets(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_seed_story(page, base_url)
    columns = page.locator(".columns > .column")
    assert columns.count() == 2
    outlets = [columns.nth(i).locator(".outlet-name").inner_text() for i in range(2)]
    assert outlets[0] != outlets[1] and not any(FILE_ID.search(o) for o in outlets)
    quote_marks = [columns.nth(i).locator("mark.shared", has_text=SHARED_QUOTE) for i in range(2)]
    assert all(m.count() >= 1 for m in quote_marks), "the shared quote is highlighted in both"
    groups = {m.first.get_attribute("data-group") for m in quote_marks}
    assert len(groups) == 1, "both highlights belong to one shared fact"
    colours = {m.first.evaluate("el => getComputedStyle(el).backgroundColor") for m in quote_marks}
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}
    quote_marks[0].first.hover()
    assert "linked" in (quote_marks[1].first.get_attribute("class") or "")
    assert outlets[1] in page.inner_text("#link-status")
    # quotes once, by utterance (the pair's own quote table is the compare page's)
    assert page.locator("table.utterance-table tr", has_text="Benjamin Netanyahu").count() >= 1
    assert page.locator("table.quotes").count() == 0
    path = shot(page, "story-page")
    if os.environ.get("STORYLENS_UPDATE_SCREENSHOT"):
        save_readme_screenshot(page, quote_marks[0].first)
    assert path.stat().st_size > 10_000


def test_story_page_keyboard_jumps_to_the_partner(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_seed_story(page, base_url)
    first = page.locator(".column").nth(0).locator("mark.shared", has_text=SHARED_QUOTE).first
    first.focus()
    page.keyboard.press("Enter")
    focused_column = page.evaluate(
        "document.activeElement.closest('.column').querySelector('.outlet-name').textContent"
    )
    second = page.locator(".column").nth(1).locator(".outlet-name").inner_text()
    assert focused_column.strip() == second


def test_story_page_stacks_columns_on_a_phone(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    open_seed_story(phone, base_url)
    boxes = [phone.locator(".column").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] >= boxes[0]["y"] + boxes[0]["height"], "second column below the first"
    assert boxes[0]["width"] <= 390
    shot(phone, "story-phone", full_page=False)
    context.close()


def test_compare_page_works_from_pasted_text(page, base_url: str, seed_paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    a, b = (p.read_text(encoding="utf-8") for p in seed_paths)
    page.goto(base_url + "/compare")
    page.locator("#label_a").fill("Outlet One")
    page.locator("#label_b").fill(HOSTILE)
    page.locator("#text_a").fill(a)
    page.locator("#text_b").fill(b)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("#result .column")
    assert page.locator("#result .column").count() == 2
    names = page.locator("#result .outlet-name").all_text_contents()
    assert names == ["Outlet One", HOSTILE], "labels are shown as typed, markup included"
    assert page.locator("#result mark.shared", has_text=SHARED_QUOTE).count() >= 2
    assert page.locator("#result .column", has_text="2,500 $").count() == 0, "pages cleaned"
    assert page.evaluate("window.__pwned") is None, "pasted markup must not run"
    shot(page, "compare-page")


def test_article_markup_is_shown_not_run(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/articles/hostile")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text() == HOSTILE
    page.get_by_text("What extraction removed").click()
    shot(page, "article-page")


def test_add_page_uploads_with_progress(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    upload = tmp_path / "bridge.txt"
    upload.write_text(NEW_PAGE, encoding="utf-8")
    page.goto(base_url + "/add")
    page.set_input_files("#files", str(upload))
    page.get_by_role("button", name="Add to the store").click()
    page.wait_for_selector("#add-result h2")
    assert "1 added" in page.inner_text("#add-result h2")
    assert page.locator("#add-bar").evaluate("el => el.value === el.max")
    shot(page, "add-page")


# the newsroom: a new user's 300 articles from 20 outlets, one story of 60 ---------------------


def save_doc_screenshot(page, name: str, *, full_page: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Pictures the README shows; refreshed only when asked, so test runs leave docs/ alone."""
    shot(page, name, full_page=full_page)
    if os.environ.get("STORYLENS_UPDATE_SCREENSHOT"):
        page.screenshot(path=str(ROOT / "docs" / f"screenshot-{name}.png"), full_page=full_page)


def test_front_page_ranks_the_big_story_first_with_outlets_and_coverage(page, newsroom) -> None:  # type: ignore[no-untyped-def]
    url, app = newsroom
    page.goto(url + "/")
    assert app.state.glance_worker.wait_idle(180), "summaries computed in the background"
    page.reload()
    first = page.locator(".story-card").first
    text = first.inner_text()
    assert "60 articles" in text and "18 outlets" in text
    chips = first.locator(".outlet-chip").all_inner_texts()
    assert chips[:2] == ["The Northern Ledger", "Harbour Times"] and "and 10 more" in text
    assert first.locator(".glance li", has_text="Shared by").count() >= 1
    assert first.locator(".glance li", has_text="First").count() == 1
    bar = first.locator("svg.coverage-bar")
    assert bar.is_visible() and first.locator("svg.coverage-bar rect").count() >= 5
    widths = bar.locator("rect").evaluate_all("rs => rs.map(r => r.getBBox().width)")
    full = bar.evaluate("el => el.getBoundingClientRect().width")
    assert abs(sum(widths) - full) < 2, "the coverage segments fill the bar"
    assert "Morning Wire, Valley Courier" in first.locator(".not-covered").inner_text()
    page.locator("details.help summary").click()
    assert "halved for every" in page.locator("details.help").inner_text()
    page.locator("details.help summary").click()  # closed again: the picture shows the cards
    first.locator("h2").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.evaluate("window.scrollBy(0, -16)")
    save_doc_screenshot(page, "front")


def test_front_page_reads_on_a_phone(browser, newsroom) -> None:  # type: ignore[no-untyped-def]
    url, _ = newsroom
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(url + "/")
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 390, "nothing runs off the side of a phone screen"
    title = phone.locator(".story-card h2").first.bounding_box()
    assert title["x"] >= 0 and title["x"] + title["width"] <= 390
    save_doc_screenshot(phone, "front-phone")
    context.close()


def test_big_story_timeline_dots_are_round_and_in_place(page, newsroom) -> None:  # type: ignore[no-untyped-def]
    url, _ = newsroom
    page.goto(url + "/")
    page.locator(".story-card h2 a").first.click()
    page.wait_for_selector("table.fact-grid")  # a big story: facts x outlets, not 60 columns
    assert page.locator("table.fact-grid thead th.outlet-col").count() == 18, "one per outlet"
    assert page.locator(".columns > .column").count() == 0
    svg = page.locator("svg.timeline-bar")
    box = svg.bounding_box()
    dots = svg.locator("circle").evaluate_all(
        "cs => cs.map(c => [c.getBoundingClientRect().x, c.getBoundingClientRect().width, "
        "c.getBoundingClientRect().height, parseFloat(c.dataset.position)])"
    )
    assert len(dots) == 60
    for x, width, height, position in dots:
        assert abs(width - height) < 1, "a dot is a circle, not a stretched ellipse"
        centre = (x + width / 2 - box["x"]) / box["width"] * 100
        assert abs(centre - position) < 1, f"dot at {centre:.1f}% for time {position:.1f}%"
    save_doc_screenshot(page, "big-story")
