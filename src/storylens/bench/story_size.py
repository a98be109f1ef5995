"""Large-story benchmark: one story of 60 (and 200) articles served by ``storylens serve``.

stories-dev's largest gold event has 22 articles, so bigger stories of *one event* are built from
it the way they grow in the wild: the originals, then wire copies re-run by other outlets (a
dateline and credit added, the tail trimmed), updates (lead dropped, a new sentence added),
lightly reworded rewrites, and reports that got a number different. Each synthetic article is
derived from an original with fixed rules (no randomness), stored, and forced into one story by
the story engine with its join threshold at 0 (this measures comparison, not clustering). The API
and the page are then fetched cold and warm, after the story's facts were folded in batch by batch
as ``ingest`` does (the server pages the stored facts).
"""

from __future__ import annotations

import http.client
import json
import re
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from storylens.bench.web import HOST, _one_story, free_port, get, start_server, wait_until_up
from storylens.store import Store

REWORDINGS = (
    ("said", "told reporters"),
    ("According to", "As reported by"),
    ("on Friday", "late on Friday"),
    ("about", "around"),
    ("people", "residents"),
)


def largest_event(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    cluster = Counter(r["cluster"] for r in rows).most_common(1)[0][0]
    return [r for r in rows if r["cluster"] == cluster and r["text"].strip()]


def grow_story(originals: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """``size`` articles of one event: the originals, then derived copies/updates/rewrites."""
    start = datetime(2026, 1, 5, 6, 0)
    rows = []
    for k in range(size):
        base = originals[k % len(originals)]
        text = base["text"]
        if k >= len(originals):  # the staff line keeps every derived text distinct
            text = _derive(text, k, originals) + f"\n(Staff of Outlet{k} contributed.)"
        rows.append({
            "id": f"story{size}-{k}",
            "source": f"outlet{k}.example",
            "title": base.get("title") or "",
            "text": text,
            "published": (start + timedelta(minutes=37 * k)).isoformat(),
        })
    return rows


def _derive(text: str, k: int, originals: list[dict[str, Any]]) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    kind = k % 4
    if kind == 0:  # wire copy re-run: dateline + credit, tail trimmed
        kept = paragraphs[: max(1, len(paragraphs) - 1)]
        return "WASILLA, Alaska (Wire) — " + "\n".join(kept) + "\n(The wire service contributed.)"
    if kind == 1:  # update: lead dropped, a new development added
        other = originals[(k * 7) % len(originals)]["text"].split("\n")[0]
        return "\n".join([*paragraphs[1:], f"Update: investigators questioned {k % 9 + 2} "
                          "witnesses on Saturday.", other])
    if kind == 2:  # light rewrite
        for old, new in REWORDINGS:
            text = text.replace(old, new)
        return "Rewritten. " + text
    number = re.search(r"\b\d+\b", text)  # a different figure
    if number:
        changed = str(int(number.group()) + k % 5 + 1)
        text = text[: number.start()] + changed + text[number.end():]
    return "Report. " + text


def planted_conflicts(rows: list[dict[str, Any]], originals: int) -> set[frozenset[str]]:
    """The figure pairs the derivation changed on purpose: witness counts of the updates, and
    each changed first number against its original."""
    planted: set[frozenset[str]] = set()
    counts = sorted({str(k % 9 + 2) for k in range(originals, len(rows)) if k % 4 == 1})
    planted |= {frozenset((x, y)) for x in counts for y in counts if x != y}
    for k in range(originals, len(rows)):
        if k % 4 == 3:
            number = re.search(r"\b\d+\b", rows[k % originals]["text"])
            if number:
                changed = str(int(number.group()) + k % 5 + 1)
                planted.add(frozenset((number.group(), changed)))
    return planted


def conflict_precision(rows: list[dict[str, Any]], originals: int, conflicts: list[dict]) -> dict:
    """Share of reported conflicts that are planted ones (the others are listed for reading)."""
    planted = planted_conflicts(rows, originals)
    hits = [c for c in conflicts if frozenset((c["first_text"], c["text"])) in planted]
    other = [f"{c['first_text']} / {c['text']}" for c in conflicts if c not in hits]
    return {
        "reported": len(conflicts),
        "planted_found": len(hits),
        "precision": round(len(hits) / len(conflicts), 3) if conflicts else None,
        "not_planted": other[:10],
    }


def run_size(stories_path: Path, size: int, warm: int = 2) -> dict[str, Any]:
    """Store a ``size``-article story, serve it, and time the API and page (cold, then warm)."""
    originals = largest_event(stories_path)
    rows = grow_story(originals, size)
    with tempfile.TemporaryDirectory(prefix="storylens-bench-story-") as tmp:
        db = Path(tmp) / "story.db"
        with Store(db) as store:
            story_id = _one_story(store, rows, size)
            folding = _fold_as_ingest_does(store, story_id)
        port = free_port()
        server = start_server(db, port)
        try:
            wait_until_up(port)
            conn = http.client.HTTPConnection(HOST, port, timeout=600)
            started = time.perf_counter()
            status, api_bytes, api_cold = get(conn, f"/api/stories/{story_id}")
            detail = json.loads(_body(conn, f"/api/stories/{story_id}"))
            api_warm = min(get(conn, f"/api/stories/{story_id}")[2] for _ in range(warm))
            page_status, page_bytes, page_time = get(conn, f"/stories/{story_id}")
            conn.close()
            total = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    comparison = detail.get("comparison") or {}
    return {
        "articles": len(detail.get("article_ids", [])),
        "api_status": status,
        "api_bytes": api_bytes,
        "api_cold_s": round(api_cold, 2),
        "api_warm_s": round(api_warm, 3),
        "page_status": page_status,
        "page_bytes": page_bytes,
        "page_s": round(page_time, 2),
        "fold_at_ingest": folding,
        "facts": comparison.get("fact_count"),
        "conflicts": conflict_precision(rows, len(originals), comparison.get("conflicts", [])),
        "quote_groups": comparison.get("quote_count"),
        "seconds_total": round(total, 1),
    }


def _fold_as_ingest_does(store: Store, story_id: str) -> dict[str, float]:
    """Fold the story's articles into its stored facts batch by batch, as ``ingest`` does after
    assigning each batch (so the server then pages stored facts); ms per article, first and last
    quarter of the story apart, to show the cost does not grow with the story."""
    from storylens.compare.storage import fold_story
    from storylens.config import SETTINGS
    from storylens.stories import get_story

    story = get_story(store, story_id)
    assert story is not None
    ids, step, times = story.article_ids, SETTINGS.store.assign_batch, []
    for end in range(step, len(ids) + step, step):
        started = time.process_time()
        with store.transaction():
            fold_story(store, story_id, ids[: min(end, len(ids))])
        times.append((time.process_time() - started) / len(ids[end - step : end]))
    quarter = max(1, len(times) // 4)
    return {
        "cpu_ms_per_article": round(1000 * sum(times) / len(times), 1),
        "first_quarter_ms": round(1000 * sum(times[:quarter]) / quarter, 1),
        "last_quarter_ms": round(1000 * sum(times[-quarter:]) / quarter, 1),
    }


def _body(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path)
    return conn.getresponse().read()
