"""One wire report republished 60 times (12 outlets x 5 updates) must never eat itself.

Each outlet wraps the report in its own menu, newsletter box, teasers and footer. Site
templates are learned from pages of different stories only, so the report's paragraphs (shared
by every update) stay content while the outlets' furniture goes.
"""

from __future__ import annotations

from collections import Counter

from storylens.bench.metrics import tokens
from storylens.extract import extract_pages
from storylens.extract.text import REASON_TEMPLATE
from storylens.models import Article, Page

OUTLETS = [
    "Harbour Herald", "Valley Courier", "Northern Ledger", "Metro Daily", "Coast Chronicle",
    "Plains Gazette", "River Times", "Summit Post", "Lakeside Observer", "Capital Record",
    "Island Tribune", "Prairie Sentinel",
]  # fmt: skip
SECTIONS = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather"]
REPORT = [
    "Rescue teams searched through the night for survivors after a strong earthquake struck "
    "the mountain province of Keruna on Tuesday, toppling houses and cutting roads to villages.",
    "The national seismology institute said the quake had a magnitude of 6.4 and was centred "
    "about twelve kilometres below the town of Aldo, where most of the damage was reported.",
    "Hospitals in the provincial capital said they were treating hundreds of injured people, "
    "many of them hurt by falling masonry, and appealed for blood donations from residents.",
    "The interior minister, who flew to the region by helicopter, said the army had been sent "
    "to help clear landslides that blocked the only highway into the worst-hit valleys.",
    "Aftershocks rattled the area throughout the morning, frightening residents who had spent "
    "the night outdoors in cars and tents despite temperatures close to freezing.",
    "Aid agencies said clean water and shelter were the most urgent needs, and that teams with "
    "sniffer dogs were being flown in from neighbouring countries to join the search.",
    "Officials warned that the number of victims was likely to rise as rescuers reached remote "
    "hamlets that had been cut off since the quake struck shortly before dawn.",
    "The region was last hit by a quake of similar strength in 1998, when more than two "
    "hundred people died and thousands were left homeless for months afterwards.",
]


def update_paragraphs(update: int) -> list[str]:
    """Update ``update`` (0-4): a changing toll in the lead, more paragraphs as news comes in."""
    lead = f"At least {12 + 9 * update} people were killed, officials said. " + REPORT[0]
    return [lead, *REPORT[1 : 4 + update]]


def furniture(outlet: str, n: int) -> dict[str, list[str]]:
    """The outlet's own page furniture; its teasers change from page to page."""
    short = outlet.split()[0]
    return {
        "menu": [outlet, *(f"{s}" for s in SECTIONS[: 5 + n % 3]), f"{short} Live", "Log in"],
        "newsletter": [
            f"The {short} Briefing",
            f"Sign up for the {outlet} newsletter and get the day's top stories every morning.",
            "Subscribe",
        ],
        "teasers": [
            "More from " + outlet,
            f"{short} council approves new budget for {2026 + n} road repairs",
            f"Local team wins {n + 3}-1 in dramatic cup final",
            f"Ten things to do in {short} this weekend",
        ],
        "footer": [
            f"© 2026 {outlet} Media Ltd. All rights reserved.",
            "About us | Contact | Careers | Privacy policy | Terms of use",
        ],
    }


def dump(outlet: str, update: int) -> str:
    parts = furniture(outlet, update)
    title = f"Earthquake in Keruna: death toll rises to {12 + 9 * update}"
    lines = [
        *parts["menu"],
        title,
        f"Updated {update + 8}:0{update} GMT",
        *update_paragraphs(update),
        *parts["newsletter"],
        *parts["teasers"],
        *parts["footer"],
    ]
    return "\n".join(lines) + "\n"


def republished_pages() -> list[Page]:
    return [
        Page(
            id=f"{o}-{u}",
            origin=f"{o}-{u}.txt",
            kind="text",
            content=dump(outlet, u),
            site=outlet.lower().replace(" ", "") + ".example",
        )
        for o, outlet in enumerate(OUTLETS)
        for u in range(5)
    ]


def recall(body: str, gold: str) -> float:
    found, wanted = tokens(body), tokens(gold)
    return sum((found & wanted).values()) / sum(wanted.values())


def test_every_republished_body_keeps_the_report_and_drops_the_furniture() -> None:
    pages = republished_pages()
    articles = list(extract_pages(pages))
    assert len(articles) == 60 and all(isinstance(a, Article) for a in articles)
    for page, article in zip(pages, articles, strict=True):
        assert isinstance(article, Article)
        outlet = OUTLETS[int(page.id.split("-")[0])]
        update = int(page.id.split("-")[1])
        gold = "\n".join(update_paragraphs(update))
        assert recall(article.body, gold) >= 0.80, (page.id, article.body[:300])
        body_lines = set(article.paragraphs)
        parts = furniture(outlet, update)
        for kind in ("menu", "newsletter", "footer"):
            leaked = body_lines & set(parts[kind])
            assert not leaked, (page.id, kind, leaked)


def test_real_template_lines_are_still_learned_from_different_stories() -> None:
    """Five different stories of one outlet: its menu and footer recur, so they are template."""
    outlet = OUTLETS[0]
    stories = [
        [f"{topic} {p} {REPORT[p][40:]}" for p in range(3)]
        for topic in ("Ferry strike:", "Budget vote:", "Museum reopens:", "Storm warning:",
                      "Election night:")
    ]  # fmt: skip
    pages = []
    for n, paragraphs in enumerate(stories):
        parts = furniture(outlet, 0)
        text = "\n".join([*parts["menu"], f"Headline {n}", *paragraphs, *parts["footer"]])
        pages.append(Page(id=f"s{n}", origin=f"s{n}.txt", kind="text", content=text, site="hh"))
    articles = list(extract_pages(pages))
    reasons = Counter(
        r.reason for a in articles if isinstance(a, Article) for r in a.removed
    )
    assert reasons[REASON_TEMPLATE] >= 5 * 3
    for article in articles:
        assert isinstance(article, Article)
        assert len(article.paragraphs) == 3
        templated = {r.text for r in article.removed if r.reason == REASON_TEMPLATE}
        assert f"© 2026 {outlet} Media Ltd. All rights reserved." in templated
