"""extract_pages: site templates learned across pages of one site, order and problems kept."""

from __future__ import annotations

from storylens.extract import extract_pages
from storylens.models import Article, InputProblem, Page

BODY = (
    "The regional council approved the new flood barrier on Monday after a two-year debate.\n\n"
    "Engineers said construction would begin in the spring and take about eighteen months.\n\n"
    "Residents who had campaigned for the barrier welcomed the vote, calling it overdue.\n"
)


def page(n: int, body: str, site: str = "example.org") -> Page:
    text = f"Sign in | Subscribe | Today's paper\n\nHeadline number {n} about the barrier\n\n{body}"
    text += "\nCopyright Example Media Group. All rights reserved worldwide.\n"
    return Page(id=f"p{n}", origin=f"p{n}.txt", kind="text", content=text, site=site)


def test_lines_recurring_across_a_sites_pages_are_removed_as_template() -> None:
    topics = ["bridge repairs", "school budget", "harbour dredging", "tram extension"]
    bodies = [
        f"The council debated the {t} for hours on Monday evening before a vote.\n\n"
        f"Officials said the {t} would cost more than first planned, {n + 2} million euros.\n"
        for n, t in enumerate(topics)
    ]
    items: list[Page | InputProblem] = [page(n, b) for n, b in enumerate(bodies)]
    items.insert(2, InputProblem("bad.txt", "empty input"))
    results = list(extract_pages(items))
    assert [getattr(r, "id", None) for r in results] == ["p0", "p1", None, "p2", "p3"]
    first = results[0]
    assert isinstance(first, Article)
    assert "Sign in" not in first.body and "Officials said" in first.body
    reasons = {r.text: r.reason for r in first.removed}
    assert any("template" in reasons.get(t, "") for t in reasons if t.startswith("Sign in"))


def test_copies_of_one_page_do_not_turn_its_body_into_a_template() -> None:
    copies = [page(1, BODY) for _ in range(4)]
    results = list(extract_pages(copies))
    assert all(isinstance(r, Article) and "Engineers said" in r.body for r in results)
