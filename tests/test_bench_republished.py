"""``storylens bench extract --part republished`` on a tiny made-up bench folder: real frames are
cut out of labelled pages, wrapped around each update of a report, ingested, and leaks counted."""

from __future__ import annotations

import json
from pathlib import Path

from storylens.bench import republished as R
from storylens.bench.extract import DumpPage

REPORT = [
    "The river burst its banks before dawn on Tuesday, flooding hundreds of homes in the town.",
    "Firefighters used boats to reach families trapped on upper floors, the mayor told reporters.",
    "Rain had fallen for eleven days without a break, and the dam upstream was opened on Monday.",
    "Schools stayed closed and the main bridge was shut after engineers found cracks in a pier.",
    "Farmers said their harvest was lost, with whole fields of maize lying under brown water.",
    "The regional government promised emergency payments to every household that was evacuated.",
    "Forecasters expect more storms at the weekend, though lighter than those of last week.",
    "Residents of the old quarter spent the night in a sports hall run by volunteers.",
    "Officials will review the flood defences, last upgraded more than thirty years ago.",
]


def frame_page(number: int) -> DumpPage:
    head = [f"Outlet {number} Home", "News | Sport | Weather", f"Log in to Outlet {number}"]
    tail = [
        f"Sign up for the Outlet {number} newsletter and get the news every morning.",
        f"More from Outlet {number}: council approves a new budget for the harbour",
        f"© 2026 Outlet {number}. All rights reserved.",
    ]
    lines = [*head, "The page's own headline", "Its own article text, long enough.", *tail]
    labels = [0, 0, 0, 1, 2, 5, 5, 0]
    return DumpPage(f"page-{number}", "\n\n".join(lines), labels=labels)


def write_bench(folder: Path) -> None:
    with (folder / "boilerplate-dev.jsonl").open("w") as handle:
        for n in range(14):
            page = frame_page(n)
            handle.write(json.dumps({"id": page.id, "text": page.text, "labels": page.labels}))
            handle.write("\n")
    record = {"id": "r1", "cluster": "flood", "title": "River floods valley town",
              "text": "\n\n".join(REPORT), "published": "2026-01-01"}  # fmt: skip
    (folder / "stories-dev.jsonl").write_text(json.dumps(record) + "\n")


def test_frame_keeps_the_lines_around_the_article_only() -> None:
    frame = R.frame_of(frame_page(3))
    assert frame is not None
    assert frame.head == ("Outlet 3 Home", "News | Sport | Weather", "Log in to Outlet 3")
    assert frame.tail[-1] == "© 2026 Outlet 3. All rights reserved." and len(frame.tail) == 3
    assert "Its own article text, long enough." not in frame.lines


def test_each_update_adds_a_paragraph_and_the_last_is_the_whole_report() -> None:
    report = R.Report("r", "Title", tuple(REPORT))
    sizes = [len(report.update(u)) for u in range(R.UPDATES)]
    assert sizes == [5, 6, 7, 8, 9]


def test_score_counts_a_frame_line_in_a_body_as_a_leak() -> None:
    frame = R.frame_of(frame_page(1))
    page = R.RepublishedPage("p", "s", "", "\n".join(REPORT[:5]), frame)
    clean = R.score([page], {"p": "\n".join(REPORT[:5])})
    leaky = R.score([page], {"p": "\n".join([*REPORT[:5], "Log in to Outlet 1"])})
    short = R.score([page], {"p": REPORT[0]})
    assert clean["leaked_lines"] == 0 and clean["min_recall"] == 1.0
    assert leaky["leaked_lines"] == 1 and leaky["bodies_with_a_leak"] == 1
    assert short["bodies_under_0.80_recall"] == 1


def test_run_ingests_every_page_and_keeps_each_report(tmp_path: Path) -> None:
    write_bench(tmp_path)
    result = R.run(tmp_path, reports=1)
    for feed in (result["alone"], result["mixed"]):
        assert feed["bodies_under_0.80_recall"] == 0
        assert feed["min_recall"] >= 0.8
    assert result["mixed"]["pages"] == R.OUTLETS * R.UPDATES
    assert result["mixed"]["not_stored"] == 0
