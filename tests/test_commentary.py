"""Commentary: the outlet's own opinion, speculation or inference, told from reported fact.

Each test names what breaks it: attribution no longer vetoing a hedged sentence, the word-cue
requirement dropped (plain facts flagged for their shape), a language's cue table not reached
from ``Article.language``, the quotation tracking across sentences, the shipped weights out of
step with the features, or the bench's leave-one-corpus-out scoring.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from storylens.bench.commentary import run_commentary
from storylens.compare import article_commentary
from storylens.compare.commentary import (
    FEATURES,
    fit_commentary_model,
    sentence_features,
    shipped_model,
)
from storylens.compare.sentences import split_sentences
from storylens.models import Article


def flagged(body: str, language: str | None = "en") -> list[str]:
    article = Article(id="a", origin="a", title="", body=body, language=language)
    return [c["text"] for c in article_commentary(article)]


SPECULATION = "This means that the new coalition is not likely to survive the winter."
FACT = "The ministry published the figures on Tuesday in Berlin."


def test_unattributed_speculation_is_commentary_and_a_plain_fact_is_not() -> None:
    assert flagged(f"{FACT}\n\n{SPECULATION}") == [SPECULATION]


def test_the_same_speculation_attributed_to_someone_is_reporting() -> None:
    body = f"{FACT}\n\nThe new coalition is not likely to survive the winter, the minister said."
    assert flagged(body) == []


def test_hedges_and_judgements_inside_quotation_marks_are_someone_elses() -> None:
    body = (
        "Smith wrote: “The plan was announced in May. This approach is clearly flawed and "
        "will probably fail. It should be withdrawn.”"
    )
    row = sentence_features(split_sentences(body))[0]
    assert row[FEATURES.index("speculation")] == row[FEATURES.index("evaluation")] == 0
    assert flagged(body) == []


def test_a_quotation_left_open_to_the_end_of_the_sentence_is_someone_elses() -> None:
    rows = sentence_features(split_sentences("He put it bluntly: “We will probably fail."))
    assert rows[0][FEATURES.index("speculation")] == rows[0][FEATURES.index("prediction")] == 0


def test_german_cues_count_when_the_article_is_german() -> None:
    opinion = "Das dürfte allerdings kaum reichen, denn die Reform kommt wohl zu spät."
    body = f"Die Regierung legte am Dienstag den Entwurf vor.\n\n{opinion}"
    assert flagged(body, "de") == [opinion]
    assert flagged(body, "sw") == []  # no table for Swahili: no word cue, no flag


def test_the_shipped_weights_match_the_features() -> None:
    model = shipped_model()
    assert len(model.coef) == len(FEATURES)
    speculation = FEATURES.index("speculation")
    attribution = FEATURES.index("attribution")
    assert model.coef[speculation] > 0 > model.coef[attribution]


def test_a_fitted_model_learns_the_cues_from_labels() -> None:
    sentences = split_sentences(f"{SPECULATION}\n\n{FACT}")
    rows = sentence_features(sentences) * 20
    model = fit_commentary_model(rows, [True, False] * 20)
    assert model.says(rows[0]) and not model.says(rows[1])


def test_the_bench_scores_held_out_corpora_against_both_baselines(tmp_path: Path) -> None:
    """A tiny stand-in for the bench data: the scoring path end to end."""
    opinion = [SPECULATION, "Of course, the reform should have come years ago."]
    facts = [FACT, "Police said 12 people were arrested on Sunday."]
    texts = {
        "quotes-dev": ("q1", "\n\n".join(opinion + facts)),
        "html-extraction": ("h1", "\n\n".join(facts + opinion)),
    }
    (tmp_path / "html-extraction").mkdir()
    (tmp_path / "quotes-dev.jsonl").write_text(
        json.dumps({"id": "q1", "text": texts["quotes-dev"][1]}) + "\n", encoding="utf-8"
    )
    (tmp_path / "html-extraction" / "ground-truth.json").write_text(
        json.dumps({"h1": {"articleBody": texts["html-extraction"][1]}}), encoding="utf-8"
    )
    labels = tmp_path / "labels.jsonl"
    with labels.open("w", encoding="utf-8") as handle:
        for corpus, (article, body) in texts.items():
            for k, sentence in enumerate(split_sentences(body)):
                digest = hashlib.sha1(" ".join(sentence.text.split()).encode()).hexdigest()[:12]
                row = {"corpus": corpus, "article": article, "sentence": k, "sha1": digest,
                       "language": "en", "commentary": sentence.text in opinion}  # fmt: skip
                handle.write(json.dumps(row) + "\n")
    result = run_commentary(tmp_path, labels)
    assert set(result) == {"all / en", "html-extraction / en", "quotes-dev / en"}
    scores = result["all / en"]
    assert set(scores) >= {"held_out", "shipped", "unattributed", "hedged"}
    assert scores["shipped"]["f1"] == 1.0
    assert scores["unattributed"]["precision"] == 0.667  # "Police said" is attributed
