"""Issue 11, held-out check on outside data: the behaviours changed after reading half A of the
GenderGapTracker set's errors (each case is made up for the test; no GGT text), the outside-file
scorer, and the GGT converter on a tiny synthetic sheet."""

from __future__ import annotations

import importlib.util
import io
import json
import zipfile
from pathlib import Path

from storylens.bench.quotes_external import run_quotes_external
from storylens.compare import article_quotes
from storylens.models import Article

ROOT = Path(__file__).resolve().parents[1]


def _quotes(body: str) -> list[dict]:
    return article_quotes(Article(id="t", origin="t", title="", body=body))


# quote finding ---------------------------------------------------------------------------------


def test_quotes_with_a_sentence_of_narration_between_them_stay_apart() -> None:
    body = (
        "Retired teacher Ann Pole says the class changed her life. “I always meant to exercise "
        "more. But this got me going at last,” she says. Pole, 71, credits her dog Rufus for "
        "keeping her on track. She bought her own pass in the end. “My blood pressure is back "
        "to normal now,” she adds.\n"
    )
    quotes = _quotes(body)
    assert len(quotes) == 2, "a whole sentence of narration between two quotes splits them"
    assert all("Rufus" not in body[q["start"] : q["end"]] for q in quotes)


def test_quotes_joined_across_a_bare_attribution_still_join() -> None:
    body = (
        "“We never thought the river would rise this fast in one night,” said Mayor Ed Lutz, "
        "who has lived in the town for forty years. “It came over the wall before midnight.”\n"
    )
    quotes = _quotes(body)
    assert len(quotes) == 1, "one attribution sentence between two pieces keeps them one quote"
    assert quotes[0]["speaker"] == "Ed Lutz"
