"""``storylens bench extract --part clean`` on a tiny made-up folder: clean articles must come
out of extraction whole, and what extraction drops from them is counted with its reason."""

from __future__ import annotations

import json
from pathlib import Path

from storylens.bench import clean

PARAGRAPHS = [
    "The river burst its banks before dawn on Tuesday, flooding hundreds of homes in the old "
    "town and forcing families onto their roofs.",
    "Firefighters used boats to reach people trapped on upper floors, the mayor told reporters "
    "at a briefing in the town hall on Tuesday morning.",
    "Rain had fallen for eleven days without a break, and the dam upstream was opened on Monday "
    "after engineers warned it could not hold much longer.",
    "The regional government promised emergency payments to every household that was evacuated "
    "and said schools would stay closed until the weekend.",
]
CAPTION = (
    "Rescuers carry a child through the flooded main street of the old town on Tuesday. "
    "Photograph: Jane Roe/Reuters"
)


def write_records(path: Path, first_lines: list[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n, first in enumerate(first_lines):
            text = "\n".join([first, *PARAGRAPHS]) if first else "\n".join(PARAGRAPHS)
            row = {"id": f"r{n}", "title": f"Floods in the old town, report {n}", "text": text,
                   "source": f"site{n}.example"}  # fmt: skip
            handle.write(json.dumps(row) + "\n")


def test_clean_articles_are_kept_whole_and_a_dropped_lead_is_named(tmp_path: Path) -> None:
    write_records(tmp_path / "stories-dev.jsonl", ["", "", CAPTION])
    result = clean.run(tmp_path)
    scores = result["files"]["stories-dev.jsonl"]
    assert scores["articles"] == 3
    assert scores["articles_without_body"] == 0
    assert scores["articles_under_0.90_recall"] == 1  # the one that lost its caption
    assert scores["token_recall"] >= 0.9
    # the third record opens with a photo caption: extraction drops it, and the part says why
    assert scores["first_paragraph_over_15_words"] == {"kept": 2, "photo caption/credit": 1}
    assert scores["their_reasons"] == {"photo caption/credit": 1}
    assert result["baseline_keep_every_line"] == {"recall": 1.0}


def test_a_folder_without_the_files_is_a_clear_error(tmp_path: Path) -> None:
    try:
        clean.run(tmp_path)
    except FileNotFoundError as error:
        assert "stories-dev.jsonl" in str(error)
    else:
        raise AssertionError("no error for a folder without the files")
