"""A synthetic newsroom feed for trying the product as a new user would, and for ``bench web``.

``newsroom_feed()`` writes JSONL records (``id, title, text, site, url, published``) shaped like
``stories-dev.jsonl``: events reported by several outlets, each outlet writing its own article
from a pool of the event's sentences (so outlets share some sentences word for word, reword
none, and add their own; every sixth report of the big event gives another number of evacuees,
a conflict to find), one big event covered by many outlets, and many small ones. It is made
from templates and fixed word lists with a seeded random generator: nothing is downloaded and no
benchmark data is copied. The default shape is the issue's: 300 articles, 20 outlets, one story
of 60 articles. ``registry_csv()`` writes a matching outlet registry (countries, owners and a
user column, ``region``; no ratings).
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUTLETS = [
    ("The Northern Ledger", "northernledger.example", "UK", "Ledger Group", "north"),
    ("Harbour Times", "harbourtimes.example", "UK", "Harbour Media", "south"),
    ("Capital Post", "capitalpost.example", "US", "Post Holdings", "east"),
    ("Prairie Herald", "prairieherald.example", "US", "Herald Co", "west"),
    ("Coastline News", "coastlinenews.example", "US", "Coastline Ltd", "west"),
    ("Alpine Observer", "alpineobserver.example", "CH", "Observer AG", "central"),
    ("Rhine Courier", "rhinecourier.example", "DE", "Courier Verlag", "central"),
    ("Baltic Review", "balticreview.example", "DE", "Review Media", "north"),
    ("Seine Daily", "seinedaily.example", "FR", "Seine Presse", "central"),
    ("Provence Journal", "provencejournal.example", "FR", "Journal Sud", "south"),
    ("Maple Gazette", "maplegazette.example", "CA", "Gazette Inc", "north"),
    ("Lakeshore Tribune", "lakeshoretribune.example", "CA", "Tribune Media", "east"),
    ("Southern Cross Mail", "southerncrossmail.example", "AU", "Cross Media", "south"),
    ("Outback Bulletin", "outbackbulletin.example", "AU", "Bulletin Pty", "west"),
    ("Emerald Standard", "emeraldstandard.example", "IE", "Standard Group", "west"),
    ("Highland Record", "highlandrecord.example", "UK", "Ledger Group", "north"),
    ("Delta Chronicle", "deltachronicle.example", "US", "Chronicle Co", "south"),
    ("Fjord Dispatch", "fjorddispatch.example", "NO", "Dispatch AS", "north"),
    ("Morning Wire", "morningwire.example", "US", "Wire Services", "east"),
    ("Valley Courier", "valleycourier.example", "UK", "Courier Media", "south"),
]
REGULARS = ("Morning Wire", "Valley Courier")
"""Outlets that cover most multi-outlet stories but leave out the big one: what "not covered
by" should name."""

PLACES = ["Arlen", "Brackwater", "Castemoor", "Dunmere", "Eastwick", "Fallowby", "Glenhaven",
          "Harrowgate", "Ivybridge", "Jasperton", "Kingsreach", "Larkhill", "Millbrook",
          "Northam", "Oakmere", "Pennridge", "Queensbury", "Redcliffe", "Stonebury", "Thornfield",
          "Upton Vale", "Westmarch", "Yarrowby", "Ashcombe", "Birchmont", "Coldharbour",
          "Dovecote", "Elmstead", "Foxley", "Greystone", "Hollins", "Kelby", "Lowmoor",
          "Marston", "Netherby", "Orchardleigh", "Pickering Cross", "Rushden", "Saltash",
          "Tidewell", "Whitlow", "Amberley", "Bramford", "Carrow", "Dunholm", "Edgefield",
          "Fernhill", "Gorsey", "Hatherly", "Ilsworth", "Kestle", "Linmouth", "Moorcroft",
          "Newhaven", "Otterby", "Pollard", "Ravensby", "Sedgemoor", "Tolland", "Wyvern"]
QUARTERS = ["North", "South", "Upper", "Lower", "East", "West", "Old", "New"]
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Castellano", "Whitaker", "Nakamura", "Brennan",
            "Haddad", "Kowalski", "Fairbanks", "Osei", "Varga", "Delacroix", "Sorensen",
            "Achebe", "Rahman", "Ferreira", "Holloway", "Ivanova", "McAllister", "Takeda",
            "Quintero", "Abernathy", "Lachance", "Mbeki", "Petrov", "Gallagher", "Novak",
            "Ashworth", "Bianchi", "Cardenas", "Dvorak", "Eriksen", "Fontaine", "Grummet",
            "Hakimi", "Jablonski", "Kilbride", "Lombardi", "Marchetti"]  # fmt: skip
FIRST = ["Amara", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines",
         "Jonas", "Keiko", "Luis", "Maren", "Nikhil", "Olga", "Pavel", "Rosa", "Samir"]
ROLES = ["mayor", "health minister", "fire chief", "police spokesperson", "union leader",
         "council leader", "transport secretary", "chief executive", "regional governor"]

NOUNS = ["harbour bridge", "children's hospital", "ferry terminal", "steel plant", "water works",
         "tram depot", "public library", "football stadium", "wind farm", "fishing port",
         "coal mine", "airport runway", "concert hall", "prison wing", "textile mill",
         "research reactor", "cattle market", "naval dockyard", "ski resort", "paper mill",
         "bus station", "chemical works", "sugar refinery", "tunnel project", "flood barrier",
         "solar park", "cathedral roof", "glass factory", "data centre", "shipyard",
         "toll road", "orchard cooperative", "brewery", "zoo", "race course", "salt works",
         "teaching college", "oil terminal", "mountain railway", "town hall"]  # fmt: skip
VERBS = ["announced plans to", "agreed to", "refused to", "voted to", "promised to",
         "delayed plans to", "began work to", "was ordered to", "offered to", "failed to"]
ACTIONS = ["close the {noun}", "rebuild the {noun}", "sell the {noun}", "expand the {noun}",
           "inspect the {noun}", "fund repairs at the {noun}", "reopen the {noun}",
           "cut jobs at the {noun}", "move the {noun} out of {place}", "modernise the {noun}"]
TAILS = ["at a cost of {n4} million", "after {n3} months of talks", "despite protests by {n1} "
         "residents", "before the end of the year", "with {n1} jobs at stake", "in a vote of {n2} "
         "to {n3}", "following a report by {org}", "under pressure from {person}"]  # fmt: skip
HEADLINES = ["{org} {verb} {action} in {place}", "{place}: {org} {verb} {action}",
             "{person} says {org} {verb} {action}"]
SUBJECTS = ["{org}", "{person}", "The {role} of {place}", "Officials in {place}",
            "Residents of {place}", "The board of {org}", "Lawyers for {person}"]
ORG_KINDS = ["Water Board", "Holdings", "Port Authority", "Council", "Trust", "Cooperative",
             "Transit", "Mining", "Energy", "Health Board"]  # fmt: skip
ADJECTIVES = ["overdue", "reckless", "painful but necessary", "a betrayal", "long expected",
              "a relief", "premature", "driven by money"]  # fmt: skip

BIG_EVENT = {
    "titles": ["Dam failure at {place}: thousands flee as reservoir empties",
               "{place} dam collapse forces mass evacuation",
               "Reservoir wall gives way above {place}, villages evacuated",
               "Thousands evacuated after {place} dam breach"],
    "facts": ["Part of the {place} dam collapsed early on {day}, releasing water into the valley.",
              "Authorities ordered the evacuation of {n1} people from {n2} villages downstream.",
              "{who} said engineers had warned about cracks in the wall last year.",
              "The reservoir held about {n4} million cubic metres of water before the breach.",
              "At least {n3} people were taken to hospital with minor injuries.",
              "Army units were sent to build temporary barriers along the river {river}.",
              "The operator of the dam, {org}, said it was cooperating with investigators.",
              "Roads into the valley were closed and trains between {place} and {place2} halted.",
              "Residents described hearing a loud crack before the water came.",
              "Emergency shelters were opened in schools and sports halls across {place2}.",
              "The government promised an independent inquiry into the collapse.",
              "Water levels downstream are expected to fall within {n3} days, forecasters said.",
              "{person}, who lives below the dam, said the sirens sounded at dawn.",
              "Insurers said damage could run to {n5} million."],
}
ORGS = ["Northfield Logistics", "Kestrel Foods", "Brightline Rail", "Harland Water",
        "Meridian Energy", "Castell Freight", "Arden Mills", "Blue Fen Utilities",
        "Corvid Systems", "Delph Transport", "Elmbridge Care", "Foxglove Retail"]  # fmt: skip
RIVERS = ["Aven", "Brede", "Colne", "Derwen", "Esk", "Frome", "Glaven", "Hull", "Isbourne"]
OWN_LINES = [
    "Our reporter in {place} said the mood was tense.",
    "This is a developing story and will be updated.",
    "Readers can send us their photos and accounts.",
    "Local officials declined to comment further on {day}.",
    "It is the second such incident in the region this year.",
    "Analysts said the events raise questions about planning.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class FeedShape:
    articles: int = 300
    outlets: int = 20
    big_story: int = 60
    days: int = 6
    seed: int = 14


def newsroom_feed(shape: FeedShape | None = None) -> list[dict[str, str]]:
    """The feed as JSONL-ready records, in publication order."""
    shape = shape or FeedShape()
    rng = random.Random(shape.seed)
    outlets = OUTLETS[: shape.outlets]
    start = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
    places = rng.sample(PLACES, len(PLACES))
    records = _big_event(rng, outlets, shape, start, places.pop())
    remaining = shape.articles - len(records)
    event = 0
    while remaining > 0:
        size = min(remaining, rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8]))
        place = places.pop() if places else f"{rng.choice(QUARTERS)} {rng.choice(PLACES)}"
        day_offset = rng.uniform(0, shape.days - 1.2)
        records += _event(rng, outlets, f"e{event:03d}", size, place,
                          start + timedelta(days=day_offset))  # fmt: skip
        remaining -= size
        event += 1
    records.sort(key=lambda r: r["published"])
    return records


def _big_event(rng: random.Random, outlets: list[tuple[str, ...]], shape: FeedShape,
               start: datetime, place: str) -> list[dict[str, str]]:  # fmt: skip
    covering = [o for o in outlets if o[0] not in REGULARS] or outlets
    when = start + timedelta(days=shape.days - 2)
    records, slots = [], _slots(rng, place)
    for i in range(shape.big_story):
        outlet = covering[i % len(covering)]
        published = when + timedelta(minutes=17 * i + rng.randint(0, 9))
        own = slots if i % 6 != 5 else {**slots, "n1": str(int(slots["n1"]) + 1500)}
        records.append(_article(rng, outlet, "big", i, BIG_EVENT, published, sentences=8,
                                slots=own))  # fmt: skip
    return records


def _event(rng: random.Random, outlets: list[tuple[str, ...]], key: str, size: int,
           place: str, when: datetime) -> list[dict[str, str]]:  # fmt: skip
    regulars = [o for o in outlets if o[0] in REGULARS and size >= 3 and rng.random() < 0.9]
    others = [o for o in outlets if o[0] not in REGULARS]
    rng.shuffle(others)
    chosen = regulars + others  # the regulars cover most stories several outlets cover
    slots = _slots(rng, place)
    slots.update(noun=rng.choice(NOUNS), verb=rng.choice(VERBS),
                 org=f"{place} {rng.choice(ORG_KINDS)}")  # fmt: skip
    slots["action"] = rng.choice(ACTIONS).format(**slots)
    facts = [_fact(rng, slots) for _ in range(7)]
    event = {"titles": HEADLINES, "facts": [f.replace("{", "{{").replace("}", "}}") for f in facts]}
    return [
        _article(rng, outlet, key, i, event, when + timedelta(minutes=40 * i), sentences=5,
                 slots=slots)
        for i, outlet in enumerate(chosen[:size])
    ]


def _fact(rng: random.Random, slots: dict[str, str]) -> str:
    """One sentence of an event: its own mix of who, what and how, about the event's subject."""
    local = {**slots, "role": rng.choice(ROLES), "verb": rng.choice(VERBS),
             "n1": str(rng.randint(40, 4000)), "n3": str(rng.randint(2, 12)),
             "n4": str(rng.randint(5, 400)), "n2": str(rng.randint(3, 90))}  # fmt: skip
    action = rng.choice(ACTIONS).format(**local)
    subject = rng.choice(SUBJECTS).format(**local)
    tail = rng.choice(TAILS).format(**local)
    return f"{subject} {local['verb']} {action} {tail}, {rng.choice(ADJECTIVES)} as it seemed."


def _slots(rng: random.Random, place: str) -> dict[str, str]:
    person = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
    return {
        "place": place,
        "place2": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "day2": rng.choice(DAYS),
        "n1": str(rng.randint(40, 4000)),
        "n2": str(rng.randint(3, 90)),
        "n3": str(rng.randint(2, 12)),
        "n4": str(rng.randint(5, 400)),
        "n5": str(rng.randint(500, 2000)),
        "person": person,
        "who": f"{rng.choice(ROLES).capitalize()} {rng.choice(FIRST)} {rng.choice(SURNAMES)}",
        "org": rng.choice(ORGS),
        "river": rng.choice(RIVERS),
    }


def _article(rng: random.Random, outlet: tuple[str, ...], key: str, index: int,
             event: dict[str, list[str]], published: datetime, *, sentences: int,
             slots: dict[str, str]) -> dict[str, str]:  # fmt: skip
    facts = [f.format(**slots) for f in event["facts"]]
    picked = sorted(rng.sample(range(len(facts)), min(sentences, len(facts))))
    own = rng.choice(OWN_LINES).format(**slots)
    paragraphs = [facts[i] for i in picked]
    paragraphs.insert(rng.randint(1, len(paragraphs)), own)
    name, domain = outlet[0], outlet[1]
    slug = f"{key}-{index}"
    return {
        "id": f"{domain.split('.')[0]}-{slug}",
        "title": rng.choice(event["titles"]).format(**slots),
        "text": "\n\n".join(paragraphs),
        "site": name,
        "url": f"https://www.{domain}/news/{slug}",
        "published": published.isoformat(timespec="minutes"),
    }


def write_feed(path: Path, shape: FeedShape | None = None) -> int:
    """Write the feed as JSONL; returns the number of records."""
    records = newsroom_feed(shape)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def registry_csv(path: Path, outlets: int = 20) -> None:
    """The feed's outlet registry, with one user column (``region``)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "domains", "country", "language", "owner", "region"])
        for name, domain, country, owner, region in OUTLETS[:outlets]:
            writer.writerow([name, domain, country, "en", owner, region])
