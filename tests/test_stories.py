"""Story engine: online assignment, near-duplicates, merges, persistence, bad input, CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from storylens.bench.stories import bcubed, pairwise
from storylens.cli import stories as stories_cli
from storylens.config import StorySettings
from storylens.models import Article, Page
from storylens.store import Store
from storylens.stories import StoryEngine, get_story, list_stories
from storylens.stories.split import cohesive_groups

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ("000_2c1bc55939869abd.txt", "004_9d8b2a773a0fba39.txt")

QUAKE_A = (
    "A magnitude 7.2 earthquake struck off the coast of Sumatra near Padang on Tuesday, "
    "killing at least 40 people and destroying hundreds of homes, Indonesian officials said. "
    "The Sumatra quake triggered a brief tsunami warning. Rescue teams in Padang searched "
    "collapsed buildings through the night."
)
QUAKE_A2 = (
    "Rescuers in Padang pulled survivors from the rubble after Tuesday's magnitude 7.2 "
    "earthquake off Sumatra, which killed at least 40 people. Indonesian officials said the "
    "Sumatra quake destroyed hundreds of homes and briefly set off a tsunami warning."
)
QUAKE_A3 = (
    "Aid reached Padang on Wednesday, a day after the magnitude 7.2 Sumatra earthquake that "
    "killed at least 40 people. Indonesian officials said hundreds of homes were destroyed."
)
QUAKE_B = (
    "A magnitude 5.9 earthquake hit central Italy near L'Aquila early Sunday, injuring 12 "
    "people and damaging churches, Italian civil protection said. The Abruzzo quake was felt "
    "in Rome. Firefighters inspected damaged buildings across L'Aquila."
)
QUAKE_B2 = (
    "Italian rescuers searched damaged churches in L'Aquila after Sunday's magnitude 5.9 "
    "earthquake in Abruzzo injured 12 people. Civil protection said the central Italy quake "
    "was felt in Rome."
)
FOOTBALL = (
    "Real Madrid beat Barcelona 3-1 at the Bernabeu on Saturday, with Vinicius scoring twice "
    "as Madrid moved four points clear at the top of La Liga. Barcelona coach Xavi said his "
    "team lacked intensity in the second half."
)

ARREST_A = (
    "San Diego Chargers receiver Vincent Jackson was arrested on suspicion of drunk driving "
    "early Tuesday in Poway, police said. Jackson, 25, was stopped at 2:30 a.m. and booked into "
    "county jail. The team said it was aware of the arrest and would not comment further. "
    "Coach Norv Turner said Jackson would start against the Pittsburgh Steelers on Sunday."
)
ARREST_A2 = (
    "Vincent Jackson, the Chargers' 25-year-old wide receiver, faces a DUI charge after officers "
    "pulled him over in Poway at 2:30 a.m. Tuesday. Jackson posted bail hours later."
)
ARREST_B = (
    "Minnesota Vikings defensive tackle Kevin Williams was arrested on suspicion of drunk driving "
    "early Tuesday in Eden Prairie, police said. Williams, 31, was stopped at 3:15 a.m. and booked "
    "into county jail. The team said it was aware of the arrest and would not comment further. "
    "Coach Brad Childress said Williams would start against the Green Bay Packers on Sunday."
)
SUSPENSION = (
    "Lawyer Daniel Tan was suspended for two years for overcharging clients in 2021, "
    "the disciplinary tribunal ruled, saying he showed no remorse."
)
FLOOD = (
    "Flooding closed the harbour road in Port Lewis after heavy rain, and lawyer Maria Lopez "
    "said residents would sue the council over drainage work left unfinished since 2021."
)


def article(article_id: str, body: str, title: str = "", **extra: object) -> Article:
    return Article(id=article_id, origin="test", title=title, body=body, **extra)  # type: ignore[arg-type]


def seed_articles() -> list[Article]:
    """The seed pages through the real extractor (teasers removed there)."""
    from storylens.extract import extract_page

    return [
        extract_page(Page(id=name, origin=name, kind="text", content=(FIXTURES / name).read_text()))
        for name in SEEDS
    ]


@pytest.fixture
def engine() -> StoryEngine:
    return StoryEngine(None, StorySettings())


def test_seed_pages_form_one_story(engine: StoryEngine) -> None:
    first, second = (engine.add(a) for a in seed_articles())
    assert first.story_id == second.story_id
    assert second.duplicate_of is None  # same event, different text: not a copy


def test_seed_teasers_do_not_pull_toward_other_stories(engine: StoryEngine) -> None:
    """A story about a teaser's subject must not capture the seed."""
    engine.add(article("other", FOOTBALL, "Madrid beat Barcelona"))
    seed_004 = seed_articles()[1]
    assert engine.add(seed_004).story_id != engine.add(article("x", FOOTBALL + " Again.")).story_id


def test_same_event_joins_and_a_look_alike_event_does_not(engine: StoryEngine) -> None:
    a = engine.add(article("a", QUAKE_A, "Magnitude 7.2 quake hits Sumatra"))
    a2 = engine.add(article("a2", QUAKE_A2, "Survivors pulled from rubble in Padang"))
    b = engine.add(article("b", QUAKE_B, "Quake hits central Italy"))
    c = engine.add(article("c", FOOTBALL, "Madrid beat Barcelona"))
    assert a.story_id == a2.story_id
    assert b.story_id != a.story_id
    assert c.story_id not in {a.story_id, b.story_id}


def _with_background(engine: StoryEngine) -> StoryEngine:
    """A few unrelated articles first, so the IDF tells common words from rare ones."""
    for i, (text, title) in enumerate(
        [(QUAKE_A, "Sumatra quake"), (QUAKE_B, "Italy quake"), (FOOTBALL, "Clasico")]
    ):
        engine.add(article(f"background-{i}", text, title))
    return engine


def test_look_alike_event_told_in_the_same_words_is_told_apart_by_names_and_numbers(
    engine: StoryEngine,
) -> None:
    """Two players' DUI arrests share nearly every word; who, where and when differ. Names and
    numbers carry their own share of the similarity, so the many shared words do not decide."""
    _with_background(engine)
    a = engine.add(article("a", ARREST_A, "Chargers receiver Jackson arrested"))
    b = engine.add(article("b", ARREST_B, "Vikings tackle Williams arrested"))
    a2 = engine.add(article("a2", ARREST_A2, "Jackson faces DUI charge"))
    assert b.story_id != a.story_id
    assert a2.story_id == a.story_id


TERMINAL_A = (
    "Councillors in Dunmere voted on Tuesday to close the oil terminal at the port by next "
    "spring, council leader Ruth Okafor said. The port authority warned that jobs at the "
    "terminal would go and asked the council to reconsider the vote."
)
TERMINAL_B = (
    "Councillors in Kelby voted on Thursday to close the oil terminal at the port by next "
    "summer, council leader Tom Varga said. The port authority warned that jobs at the "
    "terminal would go and asked the council to reconsider the vote."
)
TERMINAL_A2 = (
    "Dunmere's council leader Ruth Okafor defended the decision to shut the oil terminal, "
    "saying Dunmere could not carry the risk. Unions at the terminal called a protest for Friday."
)


def _terminal_votes(factor: float) -> tuple[StoryEngine, list[str]]:
    settings = StorySettings(
        join_threshold=0.47, unnamed_join_factor=factor, static_opinion=False, singleton_delay=0
    )
    engine = _with_background(StoryEngine(None, settings))
    engine.add(article("a", TERMINAL_A, "Dunmere council votes to close oil terminal"))
    engine.add(article("b", TERMINAL_B, "Kelby council votes to close oil terminal"))
    engine.add(article("c", TERMINAL_A2, "Okafor defends terminal closure"))
    return engine, [str(engine.story_of(x)) for x in "abc"]


def test_event_of_one_kind_in_another_town_needs_more_than_the_join_threshold() -> None:
    """Two towns' councils voting to close their oil terminals share their whole vocabulary
    (0.50 here) but no name; a report of the first vote that names its town and leader shares
    both (0.59). At a join threshold of 0.47 the guard on sides whose names disagree keeps the
    other town's vote out, and the same event's report joins; without the guard (factor 1)
    the other town's vote joins."""
    _, (a, b, c) = _terminal_votes(StorySettings().unnamed_join_factor)
    assert b != a
    assert c == a
    _, (a, b, _) = _terminal_votes(1.0)
    assert b == a


def test_one_shared_year_is_not_agreement_on_the_event(engine: StoryEngine) -> None:
    """Numbers get a third of the similarity only when an article has enough of them: two
    unrelated stories whose only number is the same year must not join on it."""
    _with_background(engine)
    first = engine.add(article("tan", SUSPENSION, "Lawyer suspended for overcharging"))
    other = engine.add(article("flood", FLOOD, "Residents to sue over flooding"))
    assert other.story_id != first.story_id


RECIPE = (
    "Whisk 3 eggs with 450 grams of flour and 26 grams of butter, then bake the dough for 47 "
    "minutes at 180 degrees until the crust turns golden and smells of toasted hazelnuts."
)
LEAGUE_TABLE = (
    "The home side won 3 of its last 26 games, conceded 47 goals and drew a crowd of 450 "
    "supporters to the small ground on the coast, where the 180 seats were all taken."
)


def test_numbers_alone_do_not_join_unrelated_articles_when_capped() -> None:
    """A recipe and a football report sharing five numbers and no word or name: with
    ``number_corroboration`` (off by default) numbers only corroborate what words and names
    say; uncapped they join."""
    capped = _with_background(StoryEngine(None, StorySettings(number_corroboration=2.0)))
    first = capped.add(article("recipe", RECIPE, "Hazelnut tart"))
    other = capped.add(article("league", LEAGUE_TABLE, "A poor season"))
    assert other.story_id != first.story_id
    uncapped = _with_background(StoryEngine(None, StorySettings()))
    first = uncapped.add(article("recipe", RECIPE, "Hazelnut tart"))
    assert uncapped.add(article("league", LEAGUE_TABLE, "A poor season")).story_id == first.story_id


def _elsewhere(text: str) -> str:
    """The same report of a look-alike event: same words and numbers, other names."""
    for here, there in (("Sumatra", "Mindanao"), ("Padang", "Davao"), ("Indonesian", "Philippine")):
        text = text.replace(here, there)
    return text


def test_same_words_other_names_a_month_apart_are_different_stories(engine: StoryEngine) -> None:
    first = engine.add(article("m1", QUAKE_A, "Quake", published="2024-03-01T08:00:00Z"))
    later = engine.add(
        article("m2", _elsewhere(QUAKE_A2), "Quake", published="2024-04-05T08:00:00Z")
    )
    soon = engine.add(article("m3", QUAKE_A3, "Quake", published="2024-03-02"))
    assert later.story_id != first.story_id
    assert soon.story_id == first.story_id


def test_a_follow_up_naming_the_same_places_joins_weeks_later() -> None:
    """ECB+ events are reported on for weeks: a follow-up that names the event's people and
    places bridges the date gap (``name_bridge``); with the bridge off the gap splits it."""
    for bridge, joins in ((StorySettings().name_bridge, True), (float("inf"), False)):
        # the bridge alone (the embedding's second opinion would also join the follow-up)
        engine = StoryEngine(settings=StorySettings(name_bridge=bridge, static_opinion=False))
        first = engine.add(article("m1", QUAKE_A, "Quake", published="2024-03-01T08:00:00Z"))
        engine.add(article("f", FOOTBALL, "Clasico", published="2024-03-01T09:00:00Z"))
        later = engine.add(article("m2", QUAKE_A2, "Quake", published="2024-04-05T08:00:00Z"))
        assert (later.story_id == first.story_id) is joins, bridge


def test_a_strongly_matching_follow_up_joins_when_asked_to() -> None:
    engine = StoryEngine(settings=StorySettings(strong_match=2.0, name_bridge=float("inf")))
    first = engine.add(article("m1", QUAKE_A, "Quake", published="2024-03-01T08:00:00Z"))
    engine.add(article("f", FOOTBALL, "Clasico", published="2024-03-01T09:00:00Z"))
    later = engine.add(article("m2", QUAKE_A2, "Quake", published="2024-04-05T08:00:00Z"))
    assert later.similarity >= 2 * engine.settings.join_threshold
    assert later.story_id == first.story_id


def test_near_duplicate_joins_original_story_and_is_flagged(engine: StoryEngine) -> None:
    original = engine.add(article("wire", QUAKE_A, "Quake hits Sumatra"))
    copy = engine.add(article("copy", QUAKE_A + " Reporting by staff.", "Sumatra quake kills 40"))
    assert copy.duplicate_of == "wire"
    assert copy.story_id == original.story_id
    assert copy.similarity >= 0.8


def test_stories_merge_and_merged_ids_keep_resolving() -> None:
    """Two stories started by weakly linked articles merge once a bridging article arrives."""
    # TF-IDF alone decides here (the embedding's second opinion would join them at once)
    engine = StoryEngine(None, StorySettings(join_threshold=0.7, static_opinion=False))
    left = engine.add(article("l", QUAKE_A, "Sumatra quake"))
    right = engine.add(article("r", QUAKE_A2, "Padang rescue"))
    assert left.story_id != right.story_id
    engine.add(article("bridge", QUAKE_A + " " + QUAKE_A2, "Sumatra quake rescue"))
    assert engine.resolve(left.story_id) == engine.resolve(right.story_id)


def test_story_that_falls_apart_as_it_grows_is_split(tmp_path: Path) -> None:
    """Look-alike events lumped together on early evidence separate at the second chance."""
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store, StorySettings(join_threshold=0.02))
        lumped = {
            engine.add(article(i, text, title)).story_id
            for i, text, title in [
                ("a1", QUAKE_A, "Sumatra quake"),
                ("b1", QUAKE_B, "Italy quake"),
                ("a2", QUAKE_A2, "Padang rescue"),
            ]
        }
        assert len(lumped) == 1
        engine.settings = StorySettings(join_threshold=0.2)
        b2 = engine.add(article("b2", QUAKE_B2, "Abruzzo quake"))
        sumatra, italy = engine.story_of("a1"), engine.story_of("b1")
        assert sumatra == engine.story_of("a2") and italy == b2.story_id != sumatra
        detail = get_story(store, italy)
        assert detail is not None and sorted(detail.article_ids) == ["b1", "b2"]
        assert detail.title == "Italy quake"


def test_small_story_is_relinked_once_the_idf_has_moved_on() -> None:
    """Two reports of one quake, each padded with generic text, first look apart because the
    padding words are still rare; once later articles make them common, the refresh re-weights
    both with the current IDF and the second is merged into the first's story."""
    pad_a = "The government ministry said officials confirmed the statement on Monday afternoon."
    pad_b = "Markets fell as investors and traders weighed the economy, budget and inflation."
    # TF-IDF alone decides here (the embedding's second opinion would join them at once)
    engine = StoryEngine(None, StorySettings(join_threshold=0.6, static_opinion=False))
    first = engine.add(article("a", QUAKE_A + " " + pad_a, "Quake"))
    second = engine.add(article("b", QUAKE_A2 + " " + pad_b, "Rescue"))
    assert second.story_id != first.story_id
    later = [ARREST_A, FOOTBALL, SUSPENSION, FLOOD, QUAKE_B, ARREST_B]
    for i, text in enumerate(later):
        engine.add(article(f"later-{i}", text + " " + (pad_a, pad_b)[i % 2], f"Item {i}"))
    assert engine.story_of("b") == engine.story_of("a") == engine.resolve(second.story_id)
    assert all(engine.story_of(f"later-{i}") != engine.story_of("a") for i in range(len(later)))


def test_cohesive_groups_split_only_what_does_not_hold_together() -> None:
    quake = {"q1": {"quake": 1.0}, "q2": {"quake": 0.8, "padang": 0.6}}
    match = {"m1": {"madrid": 1.0}, "m2": {"madrid": 0.6, "goal": 0.8}}
    assert cohesive_groups(quake | match, 0.3) == [["q1", "q2"], ["m1", "m2"]]
    assert cohesive_groups(quake, 0.3) == [["q1", "q2"]]
    assert cohesive_groups(quake | match, 0.0) == [["q1", "q2", "m1", "m2"]]


def _look_alike_parts() -> dict[str, dict[str, float]]:
    """Two title fights of one boxer (five reports each, each naming its own opponent) and a
    loose report of the first: unit vectors as the engine builds them."""
    vectors = {}
    for fight, opponent in (("a", "@rahman"), ("b", "@thompson")):
        for i in range(5):
            raw = {"@klitschko": 1.0, "title": 1.0, opponent: 1.0, f"{fight}-detail-{i}": 0.8}
            norm = sum(w * w for w in raw.values()) ** 0.5
            vectors[f"{fight}{i}"] = {t: w / norm for t, w in raw.items()}
    loose = {"@klitschko": 0.3, "title": 0.3, "@rahman": 0.3, "loose": 0.85}
    norm = sum(w * w for w in loose.values()) ** 0.5
    vectors["loose"] = {t: w / norm for t, w in loose.items()}
    return vectors


def test_cohesive_groups_cut_two_look_alike_parts_but_keep_a_loose_report() -> None:
    """Two look-alike events linked above the join threshold (0.17) stay one group by the
    join threshold alone; the part threshold cuts them where both sides hold five articles,
    and a loose report of one of them (a part of one) is not split off."""
    vectors = _look_alike_parts()
    assert cohesive_groups(vectors, 0.17) == [list(vectors)]
    groups = cohesive_groups(vectors, 0.17, part_threshold=0.6, min_part=5)
    assert sorted(map(sorted, groups)) == [
        ["a0", "a1", "a2", "a3", "a4", "loose"],
        ["b0", "b1", "b2", "b3", "b4"],
    ]
    assert cohesive_groups(vectors, 0.17, part_threshold=0.6, min_part=6) == [list(vectors)]


def test_cohesive_groups_keep_two_parts_reported_in_the_same_days() -> None:
    """The part cut parts two groups dated a year apart (two look-alike fights) but not two
    groups reported over the same days (fragments of one event told in other words); an
    undated side is no evidence, so undated parts are still cut."""
    vectors = _look_alike_parts()
    expected = [["a0", "a1", "a2", "a3", "a4", "loose"], ["b0", "b1", "b2", "b3", "b4"]]

    def groups(b_day: float | None) -> list[list[str]]:
        dates = {a: (100.0 if a[0] != "b" else b_day) for a in vectors}
        dates["a0"] = 102.0  # the first fight's reports span two days
        found = cohesive_groups(vectors, 0.17, 0.6, 5, dates)
        return sorted(map(sorted, found))

    assert groups(465.0) == expected
    assert groups(103.0) == expected  # a day after the other part's last report
    assert groups(101.0) == [sorted(vectors)]
    assert groups(None) == expected


def _words_only_engine(feed: Iterable[Article], **settings: Any) -> StoryEngine:
    """An engine judging on words alone (join threshold 0.17, no extra bar for reports without
    names, no opinion vectors), ``settings`` on top, after reading ``feed`` in order."""
    engine = StoryEngine(None, StorySettings(
        join_threshold=0.17, unnamed_join_factor=1.0, static_opinion=False, **settings
    ))  # fmt: skip
    for item in feed:
        engine.add(item)
    return engine


def _reports(texts: list[str], tag: str, count: int, seed: int) -> list[Article]:
    """``count`` short reports of one event, each three sentences of its texts."""
    import random
    import re

    rng = random.Random(seed)
    sentences = [s for text in texts for s in re.split(r"(?<=[.])\s+", text)]
    return [article(f"{tag}{i}", " ".join(rng.sample(sentences, 3)), "") for i in range(count)]


def test_look_alike_events_joined_one_report_at_a_time_part_as_they_grow() -> None:
    """Two players' DUI arrests told in the same words, their reports arriving in turns,
    at a join threshold low enough to lump them: once each side has ``min_part`` reports the
    cohesion check cuts the two parts apart (they link below ``part_threshold``), and later
    reports keep them apart (two such stories merge only at ``part_threshold``)."""
    jackson = _reports([ARREST_A, ARREST_A2], "a", 8, seed=3)
    williams = _reports([ARREST_B], "b", 8, seed=4)
    feed = [report for pair in zip(jackson, williams, strict=True) for report in pair]

    def stories(part_threshold: float) -> list[list[str]]:
        settings = StorySettings(
            join_threshold=0.05, part_threshold=part_threshold, static_opinion=False
        )
        engine = StoryEngine(None, settings)
        for report in feed:
            engine.add(report)
        groups: dict[str | None, list[str]] = {}
        for report in feed:
            groups.setdefault(engine.story_of(report.id), []).append(report.id)
        return sorted(groups.values())

    assert stories(0.0) == [[report.id for report in feed]]
    assert stories(0.2) == [[a.id for a in jackson], [b.id for b in williams]]


def test_two_parts_published_in_the_same_days_stay_one_story() -> None:
    """The reports of the test above, the two parts dated: a year apart the part cut parts
    them as undated; published over the same days they are taken for one event's fragments
    (``part_same_time``): neither cut apart nor held to ``part_threshold`` to merge."""
    jackson = _reports([ARREST_A, ARREST_A2], "a", 8, seed=3)
    williams = _reports([ARREST_B], "b", 8, seed=4)

    def stories(b_date: str, same_time: bool) -> int:
        settings = StorySettings(
            join_threshold=0.05, static_opinion=False, part_same_time=same_time
        )
        engine = StoryEngine(None, settings)
        for a, b in zip(jackson, williams, strict=True):
            engine.add(replace(a, published="2009-02-02"))
            engine.add(replace(b, published=b_date))
        return len({engine.story_of(r.id) for r in jackson + williams})

    assert stories("2010-02-02", same_time=True) == 2
    assert stories("2009-02-02", same_time=True) == 1
    assert stories("2009-02-02", same_time=False) == 2


def test_fragments_parted_on_early_weights_meet_again_at_their_refresh() -> None:
    """Two groups of one event's reports share words that were common when they arrived (low
    IDF), so they start apart; hundreds of later unrelated articles make those words rare and
    the groups' link rises above the threshold, but neither grows to be compared again. The
    refresh re-weights both; with ``relink_refreshed`` it re-links them too (only stories of
    fewer than four articles were before)."""
    import random

    rng = random.Random(1)

    def word() -> str:
        return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    def texts(count: int, fixed: list[str], pool: list[str], own: int) -> list[str]:
        return [" ".join(fixed + rng.sample(pool, 4) + [word() for _ in range(own)]) + "."
                for _ in range(count)]  # fmt: skip

    shared = ["harbour", "ferry", "strike", "pier"]
    early = texts(20, shared[:2], [word() for _ in range(8)], 6)
    part_a = texts(4, shared, [word() for _ in range(6)], 3)
    part_b = texts(4, shared, [word() for _ in range(6)], 3)
    late = texts(300, [], [word() for _ in range(2000)], 6)
    feed = [article(f"x{i}", text) for i, text in enumerate(early + part_a + part_b + late)]
    event = [a.id for a in feed[20:28]]

    def stories_of_event(relink: bool) -> set[str | None]:
        engine = _words_only_engine(feed, relink_refreshed=relink)
        others = {engine.story_of(a.id) for a in feed if a.id not in event}
        found = {engine.story_of(a) for a in event}
        assert not found & others
        return found

    assert len(stories_of_event(relink=False)) == 2
    assert len(stories_of_event(relink=True)) == 1


def test_bad_input_is_kept_with_a_reason(engine: StoryEngine) -> None:
    empty = engine.add(article("empty", "", ""))
    untitled = engine.add(article("untitled", QUAKE_A))
    future = engine.add(article("future", QUAKE_B, "Italy quake", published="2999-01-01"))
    garbled = engine.add(article("garbled", FOOTBALL, "Clasico", published="not a date"))
    foreign = engine.add(article("xx", "Zorblat quix " * 10, "Zorblat", language="xx"))
    again = engine.add(article("untitled", FOOTBALL, "Other text, same id"))
    assert "no usable text" in (empty.note or "")
    assert "no title" in (untitled.note or "")
    assert "future" in (future.note or "")
    assert "unparseable" in (garbled.note or "")
    assert "no stop-word list" in (foreign.note or "")
    assert "duplicate id" in (again.note or "") and again.story_id == untitled.story_id


GERMAN_A = (
    "Ein Erdbeben der Stärke 6,1 hat am Dienstag die Stadt Kahramanmaraş in der Türkei "
    "erschüttert. Nach Angaben der Behörden kamen mindestens 17 Menschen ums Leben, Hunderte "
    "Häuser wurden zerstört. Rettungskräfte suchten die ganze Nacht in den Trümmern."
)
GERMAN_A2 = (
    "Nach dem Erdbeben in Kahramanmaraş ist die Zahl der Toten auf 17 gestiegen, teilten die "
    "türkischen Behörden mit. Die Stärke des Bebens lag bei 6,1. In den Trümmern der Häuser "
    "suchen Helfer weiter nach Überlebenden."
)
GERMAN_B = (
    "Der Bundestag hat am Donnerstag in Berlin das neue Heizungsgesetz beschlossen. Die "
    "Abgeordneten stimmten mit 399 zu 275 Stimmen für den Entwurf der Regierung, die Union "
    "kündigte eine Klage vor dem Bundesverfassungsgericht an."
)


def test_german_text_uses_german_stop_words_and_groups_by_event(engine: StoryEngine) -> None:
    from storylens.stories.features import article_terms
    from storylens.stories.language import language_of

    assert language_of(None, GERMAN_A) == "de"
    terms = article_terms("", GERMAN_A, "de").counts
    assert "erdbeben" in terms and not {"der", "die", "in", "am", "nach"} & set(terms)
    a = engine.add(article("de1", GERMAN_A, "Erdbeben in der Türkei"))
    b = engine.add(article("de2", GERMAN_A2, "Zahl der Toten steigt"))
    c = engine.add(article("de3", GERMAN_B, "Bundestag beschließt Heizungsgesetz"))
    assert a.story_id == b.story_id != c.story_id
    assert not any("language" in (x.note or "") for x in (a, b, c))


def test_english_from_anywhere_is_not_flagged(engine: StoryEngine) -> None:
    report = (
        "SINGAPORE - A group of scientists at the National University of Singapore has "
        "developed a blood test kit that gives results in 15 minutes, the university said on "
        "Monday. The kit will be trialled at Tan Tock Seng Hospital from March."
    )
    assert engine.add(article("sg", report, "NUS scientists develop quick blood test")).note is None


def test_state_survives_restart_without_rereading_articles(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = StoryEngine(store).add(article("a", QUAKE_A, "Sumatra quake"))
    with Store(path) as store:
        engine = StoryEngine(store)
        assert engine.df.n_docs == 1 and len(engine.index) == 1
        follow_up = engine.add(article("a2", QUAKE_A2, "Padang rescue"))
        copy = engine.add(article("a3", QUAKE_A + " (AP)", "Copy"))
        assert follow_up.story_id == first.story_id
        assert copy.duplicate_of == "a"
        summary = list_stories(store)[0]
        assert (summary.id, summary.articles) == (first.story_id, 3)
        detail = get_story(store, first.story_id)
        assert detail is not None and detail.article_ids == ["a", "a2", "a3"]


def test_old_stories_retire_from_memory_but_stay_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store, StorySettings(active_window_days=7, recent_articles=1))
        old = engine.add(article("old", QUAKE_A, "Quake", published="2024-01-01"))
        engine.add(article("new", FOOTBALL, "Clasico", published="2024-03-01"))
        assert engine.retire() == 1
        assert engine.index.get(old.story_id) is None
        assert get_story(store, old.story_id) is not None


def test_list_stories_filters_and_orders_by_activity(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        engine = StoryEngine(store)
        engine.add(article("q", QUAKE_A, "Sumatra quake", published="2024-03-01"))
        engine.add(article("f", FOOTBALL, "Clasico", published="2024-03-02"))
        assert [s.title for s in list_stories(store)] == ["Clasico", "Sumatra quake"]
        assert [s.title for s in list_stories(store, query="sumatra")] == ["Sumatra quake"]


def test_metrics_on_a_known_clustering() -> None:
    gold, predicted = ["a", "a", "b", "b"], ["x", "x", "x", "y"]
    assert bcubed(gold, predicted) == {"p": 0.6667, "r": 0.75, "f1": 0.7059}
    assert pairwise(gold, predicted) == {"p": 0.3333, "r": 0.5, "f1": 0.4}


def _run(*args: str) -> str:
    group = click.Group()
    stories_cli.register(group)
    return CliRunner().invoke(group, list(args)).stdout


def test_cluster_command_keeps_order_titles_and_flags_copies(tmp_path: Path) -> None:
    lines = [
        {"id": "late", "text": QUAKE_A2, "published": "2024-03-02"},
        {"id": "early", "text": QUAKE_A, "title": "Given headline", "published": "2024-03-01"},
        {"id": "copy", "text": QUAKE_A, "published": "2024-03-03"},
        {"id": "copy", "text": FOOTBALL},
        {"id": "blank", "text": "   "},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    db = tmp_path / "c.db"
    out = [json.loads(x) for x in _run("cluster", str(source), "--db", str(db)).splitlines()]
    assert [o["id"] for o in out[:4]] == ["late", "early", "copy", "copy"]
    assert out[0]["story"] == out[1]["story"] == out[2]["story"]
    assert out[2]["duplicate_of"] == "early"
    assert "duplicate id" in out[3]["note"]
    assert all("error" in o for o in out[4:])
    listed = json.loads(_run("stories", "--db", str(db), "--json"))
    quake = next(s for s in listed if s["id"] == out[1]["story"])
    assert quake["title"] == "Given headline" and quake["articles"] == 3
    shown = _run("show", out[0]["story"], "--db", str(db))
    assert "late" in shown and "copy of early" in shown


def _feed_in_runs(path: Path, articles: list[Article], runs: int, settings: StorySettings) -> dict:
    """Feed ``articles`` into the store at ``path`` as ``runs`` separate processes would
    (a fresh engine per run), then read back each article's event and storyline."""
    bounds = [len(articles) * i // runs for i in range(runs + 1)]
    with Store(path) as store:
        for run in range(runs):
            engine = StoryEngine(store, settings)
            for item in articles[bounds[run] : bounds[run + 1]]:
                with store.transaction():
                    engine.add(item)
        engine = StoryEngine(store, settings)
        return {a.id: (engine.story_of(a.id), engine.storyline_of(a.id)) for a in articles}


def _look_alike_feed(count: int, seed: int = 5) -> list[Article]:
    """Articles made of two sentences of one event's reports and one sentence of any event
    (look-alike quakes and arrests among them): many near-threshold decisions, so merges,
    splits and refreshes all happen."""
    import random
    import re

    from storylens.stories.checks import iso_from_days

    rng = random.Random(seed)
    events = [[QUAKE_A, QUAKE_A2, QUAKE_A3], [QUAKE_B, QUAKE_B2], [ARREST_A, ARREST_A2],
              [ARREST_B], [FOOTBALL], [SUSPENSION], [FLOOD]]  # fmt: skip
    sentences = [[s for text in texts for s in re.split(r"(?<=[.])\s+", text)] for texts in events]
    anything = [s for group in sentences for s in group]
    feed = []
    for i in range(count):
        own = sentences[rng.randrange(len(events))]
        chosen = rng.sample(own, min(2, len(own))) + rng.sample(anything, 1)
        rng.shuffle(chosen)
        published = iso_from_days(19_000 + i / 40)
        feed.append(article(f"f{i}", " ".join(chosen), "", published=published))
    return feed


def test_a_batch_fed_as_four_runs_equals_one_run(tmp_path: Path) -> None:
    """Issue 12 item 4: the engine's whole state (members, refresh and check schedules,
    retired stories and signatures, storylines) survives a restart, so resuming changes
    nothing. A short window and few recent arrivals make stories retire between runs."""
    articles = _look_alike_feed(300)
    settings = StorySettings(active_window_days=1.0, recent_articles=60)
    one = _feed_in_runs(tmp_path / "one.db", articles, 1, settings)
    four = _feed_in_runs(tmp_path / "four.db", articles, 4, settings)
    assert len({story for story, _ in one.values()}) > 3
    assert four == one


def _singleton_feed(settings: StorySettings) -> StoryEngine:
    """Two reports of one quake that first look apart at a strict threshold, then unrelated
    news."""
    engine = StoryEngine(None, settings)
    engine.add(article("a", QUAKE_A, "Magnitude 7.2 quake hits Sumatra"))
    engine.add(article("a3", QUAKE_A3, "Aid reaches Padang"))
    for i, text in enumerate([FOOTBALL, FLOOD, SUSPENSION, ARREST_B]):
        engine.add(article(f"other-{i}", text, f"Item {i}"))
    return engine


def test_a_singleton_gets_a_delayed_second_decision() -> None:
    """A story still of one article ``singleton_delay`` arrivals later is re-linked once more
    at ``singleton_join`` times the join threshold; without the delay it stays on its own."""
    strict = StorySettings(
        join_threshold=0.6, singleton_delay=0, static_opinion=False, clear_winner_band=0.0
    )
    apart = _singleton_feed(strict)
    assert apart.story_of("a3") != apart.story_of("a")
    delayed = _singleton_feed(replace(strict, singleton_delay=3, singleton_join=0.5))
    assert delayed.story_of("a3") == delayed.story_of("a")
    assert all(delayed.story_of(f"other-{i}") != delayed.story_of("a") for i in range(4))


def _short_report_feed(look_alike: bool) -> list[Article]:
    """Background chatter, an event of six reports (six shared words each), optionally a
    look-alike event of six reports on six other shared words, then one short report that
    shares only two of the event's words (and two of the look-alike's), then later chatter that
    carries the short report's story to its refresh."""
    import random

    rng = random.Random(3)

    def word() -> str:
        return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    def text(words: list[str]) -> str:
        return " ".join(words) + "."

    event, other = [word() for _ in range(6)], [word() for _ in range(6)]
    background = [text([word() for _ in range(10)]) for _ in range(40)]
    reports = [text(event + [word() for _ in range(4)]) for _ in range(6)]
    look_alikes = [text(other + [word() for _ in range(4)]) for _ in range(6)] if look_alike else []
    short = text(event[:2] + (other[:2] if look_alike else []) + [word() for _ in range(6)])
    later = [text([word() for _ in range(10)]) for _ in range(120)]
    return [
        *(article(f"bg{i}", t) for i, t in enumerate(background)),
        *(article(f"a{i}", t) for i, t in enumerate(reports)),
        *(article(f"b{i}", t) for i, t in enumerate(look_alikes)),
        article("short", short),
        *(article(f"late{i}", t) for i, t in enumerate(later)),
    ]


def _story_of_short_report(look_alike: bool, band: float, margin: float = 3.0) -> set[str]:
    """Which events' stories the short report ends in ("a", "b"), empty when alone."""
    engine = _words_only_engine(
        _short_report_feed(look_alike), clear_winner_band=band, clear_winner_margin=margin
    )
    home = engine.story_of("short")
    return {name for name in ("a", "b") if engine.story_of(f"{name}0") == home}


def test_short_report_left_out_joins_the_one_story_it_is_clearly_closest_to() -> None:
    """A short report shares too few words with its event's story to reach the threshold, and
    nothing else comes near it: at its refresh it merges into that story (``clear_winner_band``);
    without the rule it stays a story of its own."""
    assert _story_of_short_report(look_alike=False, band=0.5) == {"a"}
    assert _story_of_short_report(look_alike=False, band=0.0) == set()


def test_short_report_between_two_look_alike_events_stays_alone() -> None:
    """The same short report, close to two look-alike events alike, has no clear winner and
    stays alone; without the margin (any runner-up allowed) it is pulled into one of them."""
    assert _story_of_short_report(look_alike=True, band=0.5) == set()
    assert len(_story_of_short_report(look_alike=True, band=0.5, margin=1.0)) == 1


def test_a_story_weeks_apart_counts_as_runner_up_whatever_order_the_index_gives() -> None:
    """A look-alike reported weeks apart is never the clear winner but still a runner-up: a
    nearer story scoring under ``clear_winner_margin`` times it is no clear winner, also when
    the index yields the weeks-apart story first."""
    from types import SimpleNamespace

    settings = StorySettings(join_threshold=0.17, clear_winner_band=0.5, clear_winner_margin=3.0)
    engine = StoryEngine(None, settings)
    small = SimpleNamespace(size=1)
    near, far = SimpleNamespace(name="near"), SimpleNamespace(name="far")
    engine._merge = lambda story, other: other  # type: ignore[method-assign]
    for order in ([(far, 60.0, 0.3), (near, 0.0, 0.2)], [(near, 0.0, 0.2), (far, 60.0, 0.3)]):
        engine._neighbours = lambda story, o=order: iter(o)  # type: ignore[method-assign]
        assert engine._relink_clear_winner(small) is small  # type: ignore[arg-type]
    engine._neighbours = lambda story: iter([(far, 60.0, 0.05), (near, 0.0, 0.2)])  # type: ignore[method-assign]
    assert engine._relink_clear_winner(small) is near  # type: ignore[arg-type]


def test_pair_left_alone_is_looked_at_again_before_the_articles_seen_double() -> None:
    """Two short reports of an event arrive before the event's story exists and form a pair;
    at the pair's first refresh there is nothing to join, and the next one would wait until the
    articles seen have doubled (never, here). With ``delay_size`` 2 the pair is re-linked again
    ``singleton_delay`` arrivals later, and the event's story is then its clear winner."""
    import random

    rng = random.Random(4)

    def word() -> str:
        return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    def chatter(count: int, tag: str) -> list[Article]:
        return [article(f"{tag}{i}", " ".join(word() for _ in range(10)) + ".")
                for i in range(count)]  # fmt: skip

    event, pair_words = [word() for _ in range(6)], [word() for _ in range(6)]
    pair = [article(f"p{i}", " ".join(event[:2] + pair_words + [word()]) + ".") for i in range(2)]
    reports = [
        article(f"a{i}", " ".join(event + [word() for _ in range(4)]) + ".") for i in range(6)
    ]
    feed = [*chatter(150, "bg"), *pair, *chatter(100, "mid"), *reports, *chatter(140, "late")]

    def pair_joined(delay_size: int) -> bool:
        engine = _words_only_engine(feed, delay_size=delay_size)
        assert engine.story_of("p0") == engine.story_of("p1")
        return engine.story_of("p0") == engine.story_of("a0")

    assert pair_joined(delay_size=2)
    assert not pair_joined(delay_size=1)
