"""The real-output conflicts bench: ingest, compare each story, match hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.bench.conflicts_real import harvest, key_of, load_labels, score

BODY = (
    "A fire destroyed {homes} homes on Elm Street in Millbrook late on Friday, the county fire "
    "service said. Firefighters from three stations fought the blaze for six hours before it was "
    "brought under control. Nobody was hurt, but dozens of families spent the night in a school "
    "gym run by the Red Cross. The cause of the fire is being investigated by the county fire "
    "marshal, who asked residents with photos or videos of the blaze to come forward."
)


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "a1", "title": "Fire destroys homes on Elm Street", "text": BODY.format(homes=12)},
        {"id": "b1", "title": "Elm Street fire destroys homes", "text": BODY.format(homes=21)},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_harvest_reads_the_conflicts_a_user_sees_after_ingest(tmp_path: Path) -> None:
    produced = harvest(_corpus(tmp_path))
    assert [(r["kind"], {r["a_text"], r["b_text"]}) for r in produced] == [
        ("number", {"12", "21"})
    ]
    assert {produced[0]["a"], produced[0]["b"]} == {"a1", "b1"}


def test_labels_match_in_either_order_and_score_precision(tmp_path: Path) -> None:
    produced = harvest(_corpus(tmp_path))
    row = produced[0]
    swapped = {**row, **{f"a{k}": row[f"b{k}"] for k in ("", "_sentence_sha1", "_text")},
               **{f"b{k}": row[f"a{k}"] for k in ("", "_sentence_sha1", "_text")}}  # fmt: skip
    assert key_of(swapped) == key_of(row)
    labels = tmp_path / "labels.jsonl"
    lost = {**row, "a_text": "7", "label": "right", "seen_in": "main"}
    labels.write_text(
        json.dumps({"corpus": "c", **swapped, "label": "wrong", "seen_in": "main"}) + "\n"
        + json.dumps({"corpus": "c", **lost}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    scored = score(produced, load_labels(labels)["c"])
    assert (scored["right"], scored["wrong"], scored["unlabelled"]) == (0, 1, 0)
    assert scored["precision"] == 0.0 and len(scored["right_lost"]) == 1
    assert scored["before"] == {"produced": 2, "right": 1, "wrong": 1, "precision": 0.5}
    assert score(produced, {})["unlabelled"] == 1


def test_a_label_other_than_right_wrong_or_ambiguous_is_refused(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"corpus": "c", "label": "maybe"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.jsonl:1"):
        load_labels(labels)
