"""The hand-written conflict bench (``storylens bench compare --part conflicts-written``): a
planted conflict the comparison reports is scored as found, a produced conflict elsewhere is
scored as false, and the data file keeps its fixed split and unambiguous substrings."""

from __future__ import annotations

import copy
import json

import pytest

from storylens.bench.conflicts_written import (
    load_items,
    match,
    planted_spans,
    run_conflicts_written,
    score_item,
)

BODY_A = (
    "A coach carrying 42 passengers left the road on the Kessel Pass on Tuesday, police said.\n\n"
    "The driver, a 51-year-old man from Tarvey, was taken to hospital."
)
BODY_B = (
    "A coach carrying 44 passengers left the road on the Kessel Pass on Tuesday, police said.\n\n"
    "The 51-year-old driver from Tarvey was taken to hospital."
)
ITEM = {
    "id": "t-01",
    "split": "tune",
    "language": "en",
    "a": {"origin": "Wire A", "published": "2026-03-03T20:00:00", "title": "Crash",
          "body": BODY_A},
    "b": {"origin": "Paper B", "published": "2026-03-04T08:00:00", "title": "Coach crash",
          "body": BODY_B},
    "conflicts": [{"kind": "number", "a": "42 passengers", "b": "44 passengers"}],
    "non_conflicts": [{"case": "same_figure", "a": "a 51-year-old man", "b": "The 51-year-old"}],
}  # fmt: skip


def _span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def test_planted_conflict_reported_is_found_on_both_paths() -> None:
    row = score_item(ITEM)
    for path in ("articles", "story", "baseline_articles"):
        assert row[path]["found"] == 1, path
        assert row[path]["right"] >= 1, path
        assert not row[path]["missed"], path


def test_matching_needs_both_spans() -> None:
    right = (_span(BODY_A, "42"), _span(BODY_B, "44"))
    assert match(ITEM, [right])["found"] == 1
    # the same figures, but the B span moved off the planted substring: not found, and false
    moved = (_span(BODY_A, "42"), _span(BODY_B, "Tuesday"))
    scored = match(ITEM, [moved])
    assert scored["found"] == 0 and scored["right"] == 0
    assert scored["false"] and "unplanted" in scored["false"][0]
    # a conflict on the planted look-alike is false and counted as such
    decoy = (_span(BODY_A, "51"), _span(BODY_B, "51-year-old"))
    scored = match(ITEM, [decoy])
    assert scored["non_conflicts_hit"] == 1 and scored["right"] == 0


def test_substring_must_be_unambiguous() -> None:
    item = copy.deepcopy(ITEM)
    item["conflicts"][0]["a"] = "the"
    with pytest.raises(ValueError):
        planted_spans(item, "conflicts")


def test_data_file_split_and_substrings() -> None:
    items = load_items()
    assert len(items) == 40
    for item in items:
        number = int(item["id"].split("-")[1])
        assert item["split"] == ("tune" if number % 2 else "held_out")
        assert item["conflicts"]
        planted_spans(item, "conflicts")
        planted_spans(item, "non_conflicts")
        assert item["b"]["published"] > item["a"]["published"]


def test_run_reports_each_split_and_path(tmp_path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(ITEM) + "\n", encoding="utf-8")
    result = run_conflicts_written(path, splits=("tune",))
    assert set(result) == {"tune"}
    assert result["tune"]["articles"]["recall"] == 1.0
    assert result["tune"]["story"]["planted"] == 1
