"""Union-find shared by extraction (story groups of pages) and comparison (facts)."""

from __future__ import annotations

from storylens.extract import lines as L
from storylens.extract.text import find_template_lines, story_groups
from storylens.grouping import DisjointSets, best_link_groups


def test_pairs_join_transitively_and_unlinked_keys_stay_alone() -> None:
    sets: DisjointSets[str] = DisjointSets()
    sets.join("a", "b")
    sets.join("c", "b")
    sets.join("d", "e")
    assert sets.root("a") == sets.root("b") == sets.root("c")
    assert sets.root("d") == sets.root("e") != sets.root("a")
    assert sets.root("z") == "z"
    assert list(sets) == ["b", "a", "c", "e", "d", "z"]  # first seen first


def test_pages_sharing_prose_are_one_story() -> None:
    shared = {f"line {n} with enough words to count as prose here" for n in range(6)}
    own = {"another line with enough words to count as prose here"}
    groups = story_groups([shared, shared | own, own, set()])
    assert groups[0] == groups[1] and len(set(groups)) == 3


FRAME = [  # a site frame heavy with prose: teasers, a caption, a paywall note (>= 8 words each)
    "Read more: the council approves a new budget for road repairs next spring",
    "Patriots and Packers still winning as the season heads into its final weeks",
    "To read this article in full you must be registered with the site today",
    "The full article contains many words and appears in the printed newspaper too",
]


def story(topic: str, paragraphs: int) -> list[str]:
    return [f"{topic} paragraph {n} tells what happened next in this long report" for n in
            range(paragraphs)]  # fmt: skip


def test_pages_of_different_stories_sharing_only_a_prose_frame_are_cut_apart() -> None:
    """Four stories of one site, three updates each, framed by more prose than they hold: the
    frame alone makes every page share "most of its prose", yet they are four stories, and the
    frame (not the stories' paragraphs) is the site's template."""
    topics = ("flood", "election", "strike", "museum")
    pages = [set(FRAME) | set(story(topic, 1 + update)) for topic in topics for update in range(3)]
    groups = story_groups(pages)
    assert len(set(groups)) == 4
    assert all(len(set(groups[s * 3 : s * 3 + 3])) == 1 for s in range(4))
    found = find_template_lines(["\n\n".join(sorted(p)) for p in pages], min_pages=3)
    assert {L.normalise(line) for line in FRAME} <= found
    assert not any("paragraph" in line for line in found)


def test_updates_of_one_story_stay_one_story_even_when_each_adds_its_own_ending() -> None:
    """Five versions of one report under the same frame, each with an ending no other version
    has: after taking out what they all share, nothing joins two of them, so they stay one
    story and the shared lead is never a template."""
    lead = story("quake", 3)
    pages = [set(FRAME) | set(lead) | {f"version {v} ends with a line that only it carries now"}
             for v in range(5)]  # fmt: skip
    assert len(set(story_groups(pages))) == 1
    found = find_template_lines(["\n\n".join(sorted(p)) for p in pages], min_pages=3)
    assert not found


def test_best_links_keep_one_fact_one_group_without_chaining_weak_links() -> None:
    # a lead half-matches a quote, the quote matches a split quote twice, another paragraph
    # half-matches the lead's partner: joining along every link would make one group of all
    links = [
        (("a", 0), ("b", 0), 0.41),
        (("a", 0), ("b", 9), 0.17),
        (("a", 1), ("b", 9), 0.64),
        (("a", 1), ("b", 11), 0.58),
        (("a", 1), ("b", 0), 0.14),
        (("a", 2), ("b", 4), 0.33),
        (("a", 2), ("b", 0), 0.12),
    ]
    sets = best_link_groups(links, source=lambda key: key[0])
    groups = {key: sets.root(key) for key in sets}
    assert groups[("a", 0)] == groups[("b", 0)]
    assert groups[("a", 1)] == groups[("b", 9)] == groups[("b", 11)]  # a quote split in two
    assert groups[("a", 2)] == groups[("b", 4)]
    assert len(set(groups.values())) == 3
    chained: DisjointSets[tuple[str, int]] = DisjointSets()
    for a, b, _score in links:
        chained.join(a, b)
    assert len({chained.root(key) for key in chained}) == 1  # what every-link joining gives
