"""A comparison is the same in every run: ties never follow Python's per-process string hashing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storylens.compare.model import Quote, Span
from storylens.compare.quotes import _sharing_a_rare_word

SRC = Path(__file__).resolve().parent.parent / "src"

# One sentence of "a" matches two identical sentences of "b" with the same score.
TIED_PAIR = """
import json
from storylens.compare import compare_articles
from storylens.models import Article
a = Article(id="a", origin="a", title="", body=(
    "The fire at the Lisbon warehouse killed three workers on Monday, officials said. "
    "Firefighters worked through the night."))
b = Article(id="b", origin="b", title="", body=(
    "Three workers died in a fire at a warehouse in Lisbon. Police closed the road. "
    "Three workers died in a fire at a warehouse in Lisbon. The cause is unknown."))
print(json.dumps(compare_articles([a, b]).to_dict(), sort_keys=True))
"""


def _run_with_hash_seed(seed: int) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(SRC)}
    out = subprocess.run(
        [sys.executable, "-c", TIED_PAIR], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_equally_scored_shared_facts_are_listed_in_the_other_articles_order_in_every_run():
    runs = [_run_with_hash_seed(seed) for seed in (1, 2, 3, 4, 5, 6)]
    starts = [[fact["b"]["start"] for fact in run["shared"]] for run in runs]
    assert starts[0] == [0, 79]
    assert all(s == starts[0] for s in starts)
    assert all(run == runs[0] for run in runs)


def test_equally_rare_quote_words_are_taken_in_text_order():
    words = [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
    ]
    text = " ".join(words)
    quote = Quote("a", 0, len(text), text, None, Span("a", 0, len(text), text), "said")
    # Every word is as rare as the others and leads to a different quotation.
    index = {word: [k] for k, word in enumerate(words)}
    assert _sharing_a_rare_word(quote, index) == {0, 1, 2}
