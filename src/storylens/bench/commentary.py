"""Commentary: which sentences are the outlet's own opinion, speculation or inference.

Gold labels: ``data/commentary-labels.jsonl`` (526 sentences, the first 25 of 24 articles: 10
from quotes-dev.jsonl, US political news and opinion of 2016, and 14 from html-extraction/,
news, blogs and columns in English, German, Portuguese and Korean; ``data/README.md`` says how
they were made). Each label names its article and sentence index and the SHA-1 of the sentence
text, so the bench text stays outside the repository and a changed splitter is detected.

The score is precision, recall and F1 of the sentences ``compare`` marks as commentary
(:func:`storylens.compare.article_commentary`, the path ``compare`` and the story page take),
per corpus and for English and the other languages apart. Two trivial baselines: every
sentence without attribution (no quotation mark, no reporting verb), and every sentence with
a hedge or modal word.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.bench.metrics import prf
from storylens.compare import article_commentary
from storylens.compare.commentary import fit_commentary_model, sentence_features
from storylens.compare.sentences import split_sentences
from storylens.extract.language import detect_language
from storylens.models import Article

LABELS = Path(__file__).parent / "data" / "commentary-labels.jsonl"
_UNATTRIBUTED = re.compile(
    r"[“”\"„«»「」]|\b(?:said|says|told|according to|stated|announced|reported|added|wrote)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(?:may|might|could|would|should|must|likely|unlikely|probably|perhaps|seems?|appears?)\b",
    re.I,
)


def run_commentary(data_dir: Path, labels: Path = LABELS) -> dict[str, Any]:
    """P/R/F1 of commentary sentences against the labels: the shipped model through
    ``article_commentary`` (fitted on all labels, so in-sample), the same model refitted on
    one corpus and scored on the other (leave-one-corpus-out: the held-out figure), and both
    baselines."""
    rows = labelled_sentences(data_dir, labels)
    counts: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: {k: [0, 0, 0] for k in ("held_out", "shipped", "unattributed", "hedged")}
    )
    held_out = {
        corpus: fit_commentary_model(
            [r.features for r in rows if r.corpus != corpus],
            [r.commentary for r in rows if r.corpus != corpus],
        )
        for corpus in {r.corpus for r in rows}
    }
    for row in rows:
        predicted = {
            "held_out": held_out[row.corpus].says(row.features),
            "shipped": row.flagged,
            "unattributed": not _UNATTRIBUTED.search(row.text),
            "hedged": bool(_HEDGE.search(row.text)),
        }
        group = "en" if row.language == "en" else "other languages"
        for key in ((row.corpus, group), ("all", group)):
            for system, said in predicted.items():
                _count(counts[key][system], said, row.commentary)
    return {
        f"{corpus} / {group}": {system: _scores(c) for system, c in systems.items()}
        | {"commentary_sentences": sum(systems["shipped"][k] for k in (0, 2))}
        for (corpus, group), systems in sorted(counts.items())
    }


@dataclass
class LabelledSentence:
    corpus: str
    language: str
    text: str
    features: list[float]
    commentary: bool
    flagged: bool
    """What the shipped model says through ``article_commentary`` (the user path)."""


def labelled_sentences(
    data_dir: Path, labels: Path = LABELS, *, score_shipped: bool = True
) -> list[LabelledSentence]:
    """The labelled sentences with their features, read from the bench data by hash, and
    (``score_shipped``) what the shipped model says of each."""
    gold = _load_labels(labels)
    bodies = _bodies(data_dir, {corpus for corpus, _ in gold})
    out = []
    for (corpus, article_id), items in gold.items():
        body = bodies[corpus][article_id]
        sentences = split_sentences(body)
        language = detect_language(body[:2000])  # what extraction gives the article
        features = sentence_features(sentences, language)
        index = {_sha1(s.text): k for k, s in enumerate(sentences)}
        article = Article(id=article_id, origin=article_id, title="", body=body, language=language)
        found = article_commentary(article) if score_shipped else []
        flagged = [(c["start"], c["end"]) for c in found]
        for item in items:
            if item["sha1"] not in index:
                raise ValueError(f"{labels}: sentence {item['sentence']} of {article_id} changed")
            s = sentences[index[item["sha1"]]]
            said = any(a < s.end and s.start < b for a, b in flagged)
            row = features[index[item["sha1"]]]
            out.append(
                LabelledSentence(corpus, item["language"], s.text, row, item["commentary"], said)
            )
    return out


def _scores(cell: list[int]) -> dict[str, float]:
    tp, fp, fn = cell
    precision, recall, f1 = prf(tp, tp + fp, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _count(cell: list[int], said: bool, gold: bool) -> None:
    """cell = [true positives, false positives, false negatives]."""
    if said and gold:
        cell[0] += 1
    elif said:
        cell[1] += 1
    elif gold:
        cell[2] += 1


def _load_labels(path: Path) -> dict[tuple[str, str], list[dict[str, Any]]]:
    gold: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                gold[(row["corpus"], row["article"])].append(row)
    return gold


def _bodies(data_dir: Path, corpora: set[str]) -> dict[str, dict[str, str]]:
    """Article texts by corpus and id, read from the bench data (never from the repository)."""
    bodies: dict[str, dict[str, str]] = {}
    if "quotes-dev" in corpora:
        with (data_dir / "quotes-dev.jsonl").open(encoding="utf-8") as handle:
            rows = (json.loads(line) for line in handle if line.strip())
            bodies["quotes-dev"] = {row["id"]: row["text"] for row in rows}
    if "html-extraction" in corpora:
        truth = json.loads((data_dir / "html-extraction" / "ground-truth.json").read_text("utf-8"))
        bodies["html-extraction"] = {key: item["articleBody"] for key, item in truth.items()}
    return bodies


def _sha1(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]
