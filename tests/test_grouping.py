"""Union-find shared by extraction (story groups of pages) and comparison (facts)."""

from __future__ import annotations

from storylens.extract.text import story_groups
from storylens.grouping import DisjointSets


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
