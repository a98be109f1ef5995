"""The trivial baseline beside the story engine in ``storylens bench stories``: batch TF-IDF and
average-link clustering, its cut chosen on the ECB+ part and reported on the MMDS part; and the
false-chaining check of the storyline part."""

from __future__ import annotations

from storylens.bench.stories import BASELINE_GRID, chaining_check, tfidf_baseline

QUAKE = "magnitude earthquake struck Sumatra Padang killing people rescue teams rubble"
MATCH = "Real Madrid beat Barcelona Bernabeu Vinicius scoring twice league points clear"
FLOOD = "river burst banks flooding village homes residents evacuated council drainage"


def _records(prefix: str, texts: dict[str, str]) -> list[dict[str, object]]:
    return [
        {"id": f"{prefix}-{event}-{i}", "cluster": f"{prefix}-{event}", "title": event,
         "text": f"{text} report {i} {'extra words ' * i}"}
        for event, text in texts.items()
        for i in range(3)
    ]  # fmt: skip


def test_the_baseline_cut_is_chosen_on_ecb_and_reported_on_mmd_and_all() -> None:
    records = _records("ecb", {"quake": QUAKE, "match": MATCH})
    records += _records("mmd", {"flood": FLOOD, "quake": QUAKE})
    result = tfidf_baseline(records)
    assert result["distance"] in BASELINE_GRID
    assert result["ecb_grid"][str(result["distance"])] == max(result["ecb_grid"].values())
    assert result["ecb"]["bcubed"]["f1"] == 1.0
    assert result["mmd"]["bcubed"]["f1"] == 1.0  # two distinct events, found at the ECB+ cut
    assert result["all"]["articles"] == len(records)
    assert tfidf_baseline([r for r in records if str(r["id"]).startswith("mmd")]) == {}


def test_the_false_chaining_check_counts_events_glued_into_one_storyline() -> None:
    """Four gold events, two of them chained into one storyline: the check names the largest
    storyline's gold events and share, and the precision of "same storyline" against events."""
    records = [{"id": f"a{i}", "cluster": f"e{i // 2}"} for i in range(8)]
    scored = {
        "events": {f"a{i}": f"s{i // 2}" for i in range(8)},
        "storylines": {f"a{i}": "l0" if i < 4 else f"l{i // 2}" for i in range(8)},
    }
    check = chaining_check(scored, records, "cluster")
    assert check["gold_events"] == check["events"] == 4 and check["storylines"] == 3
    assert check["largest_storyline_articles"] == 4 and check["largest_storyline_share"] == 0.5
    assert check["largest_storyline_gold_events"] == 2
    assert check["events_pairwise_precision"] == 1.0
    # pairs in one storyline: 6 in l0 (2 within events) + 1 + 1, so 4 of 8 are right
    assert check["pairwise_precision_vs_gold_events"] == 0.5
