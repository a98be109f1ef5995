"""Paraphrased reuse: a rewrite-desk copy (every sentence reworded) is reuse with direction; an
independent report of the same event, with the same facts and names, is not.

The articles are ``tune`` items of ``bench/data/reuse-paraphrases.jsonl`` (hand-written,
fictional). rp-05 and rp-07 share no sentence that is (nearly) word for word the same, so only
the same-order run rule (``reuse.mark_paraphrase_copies``) finds them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from storylens.bench.reuse_paraphrase import article, load_items
from storylens.compare import compare_articles, compare_story
from storylens.compare.reuse import RUN_MIN_LINKS

ITEMS = {item["id"]: item for item in load_items()}


@pytest.mark.parametrize("item_id", ["rp-05", "rp-07"])
def test_rewritten_copy_is_reuse_with_direction(item_id: str) -> None:
    item = ITEMS[item_id]
    assert item["split"] == "tune"
    original, copy = article(item, "original"), article(item, "copy")
    reuse = compare_articles([copy, original]).reuse  # input order does not decide direction
    assert len(reuse) == 1
    found = reuse[0]
    assert (found.source_id, found.target_id) == (original.id, copy.id)
    share_of_copy = found.share_of_a if found.a_id == copy.id else found.share_of_b
    assert share_of_copy >= 0.5  # most of the copy, not one shared sentence
    assert len(found.passages) >= RUN_MIN_LINKS
    assert any("published first" in e for e in found.direction_evidence)


@pytest.mark.parametrize("item_id", ["rp-03", "rp-05", "rp-11", "rp-13", "rp-15"])
def test_independent_report_of_same_event_is_not_reuse(item_id: str) -> None:
    """These independent reports follow much of the original's order of facts (the hardest of
    the tune half), yet share them loosely: no reuse."""
    item = ITEMS[item_id]
    original, independent = article(item, "original"), article(item, "independent")
    assert compare_articles([original, independent]).reuse == []


def test_few_shared_facts_in_order_are_not_a_copy() -> None:
    """The first three paragraphs of a copy (three sentence pairs at most) stay below the run's
    length floor, whatever their order: a copy needs a long run."""
    item = ITEMS["rp-07"]
    original, copy = article(item, "original"), article(item, "copy")
    head = replace(copy, body="\n\n".join(copy.paragraphs[:2]))
    assert compare_articles([original, head]).reuse == []


def test_story_counts_rewritten_copy_not_independent_report() -> None:
    """In the story comparison of all three, the copy copied from the original and nobody from
    the independent report (rp-23's copy shares one short sentence with it: below the floor)."""
    for item_id in ("rp-05", "rp-09", "rp-23"):
        item = ITEMS[item_id]
        arts = [article(item, role) for role in ("original", "copy", "independent")]
        original, copy, independent = arts
        coverage = {c.article_id: c for c in compare_story(arts).coverage}
        assert set(coverage[copy.id].copied_from) == {original.id}
        assert coverage[copy.id].copied_from[original.id] >= RUN_MIN_LINKS
        assert coverage[independent.id].copied_from == {}
        assert coverage[original.id].copied_from == {}
