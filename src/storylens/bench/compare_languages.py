"""``storylens bench compare --part cjk`` and ``--part languages``: the comparison on hand-written
article pairs in languages other than English.

``data/compare-cjk.jsonl`` holds Chinese and Japanese pairs (sentences joined without spaces, as
these languages are written); ``data/compare-languages.jsonl`` German, French, Spanish, Italian,
Polish, Dutch and Portuguese ones (sentences joined by a space). See ``data/README.md``. The labels
list every sentence pair that states one fact (``same``, ``partial``, ``conflict`` with the
differing detail), so every other pair of the two articles is a negative: many share only the
language's function words, a verb or the topic, which a judge reading English stop words and
English word frequencies takes for shared content. Three readings are scored:

- ``story_facts``: :func:`compare_story` of the two articles (the story page's facts): a predicted
  pair is a sentence of A and one of B reported in one fact; a labelled conflict is found when
  that report is marked a conflict.
- ``article_pair``: :func:`compare_articles` (the two-article comparison): its shared facts and
  conflicts.
- ``isolated_judge``: the sentence-pair judge alone on every sentence pair (related = not
  "different"), told each pair's language.

Two trivial baselines: aligning only sentences whose text is identical, and a TF-IDF cosine
of the two sentences (words; character pairs for Chinese and Japanese; fitted on the article
pair) above a cut: :data:`TFIDF_CUT`, chosen on the English labelled story pairs, and the cut
that is best on the very pairs scored (an in-sample upper bound of that baseline).
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

from storylens.bench.metrics import prf
from storylens.compare import compare_articles, compare_story
from storylens.compare.judge import judge, prepare
from storylens.models import Article

POSITIVE = {"same", "partial", "conflict"}
READINGS = ("story_facts", "article_pair", "isolated_judge", "baseline")


CJK_FILE = "data/compare-cjk.jsonl"
LANGUAGES_FILE = "data/compare-languages.jsonl"
TFIDF_CUT = 0.15
"""The TF-IDF baseline's cut chosen by nested cross-validation on the English labelled story
pairs (``bench compare --part alignment``, BENCHMARKS.md), carried over as it is."""
UNSPACED = ("zh", "ja")
"""Languages written without spaces between words (and sentences)."""


def load_pairs(name: str = CJK_FILE) -> list[dict[str, Any]]:
    text = resources.files("storylens.bench").joinpath(name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def run_cjk() -> dict[str, Any]:
    """The Chinese and Japanese pairs: see :func:`run_pairs`."""
    return run_pairs(load_pairs(CJK_FILE))


def run_languages() -> dict[str, Any]:
    """The pairs in European languages other than English: see :func:`run_pairs`."""
    return run_pairs(load_pairs(LANGUAGES_FILE))


def run_pairs(pairs: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores per reading, overall and per language, with the two baselines."""
    result: dict[str, Any] = {"article_pairs": len(pairs)}
    for group in ("all", *sorted({p["language"] for p in pairs})):
        chosen = [p for p in pairs if group in ("all", p["language"])]
        counts: dict[str, Counter[str]] = {name: Counter() for name in READINGS}
        for pair in chosen:
            _score(pair, counts)
        result[group] = {name: _figures(c) for name, c in counts.items()}
        result[group].update(_tfidf_baselines(chosen))
    return result


def _tfidf_baselines(pairs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """P, R and F1 of "TF-IDF cosine >= cut" over every sentence pair, at :data:`TFIDF_CUT`
    and at the best cut on these pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    scored: list[tuple[float, bool]] = []
    for pair in pairs:
        unspaced = pair["language"] in UNSPACED
        vectorizer = TfidfVectorizer(
            analyzer="char" if unspaced else "word", ngram_range=(2, 2) if unspaced else (1, 1)
        )
        matrix = vectorizer.fit_transform(pair["a"] + pair["b"])
        cosines = cosine_similarity(matrix[: len(pair["a"])], matrix[len(pair["a"]) :])
        gold = {(i, j) for i, j, *_ in pair["labels"]}
        scored += [(float(cosines[i, j]), (i, j) in gold)
                   for i in range(len(pair["a"])) for j in range(len(pair["b"]))]  # fmt: skip
    positives = sum(g for _, g in scored)

    def at(cut: float) -> dict[str, Any]:
        tp = sum(1 for c, g in scored if c >= cut and g)
        predicted = sum(1 for c, _ in scored if c >= cut)
        precision, recall, f1 = prf(tp, predicted, positives)
        return {"cut": round(cut, 3), "precision": round(precision, 3),
                "recall": round(recall, 3), "f1": round(f1, 3)}  # fmt: skip

    best = max((at(cut) for cut in sorted({c for c, _ in scored})), key=lambda r: r["f1"])
    return {"baseline_tfidf": at(TFIDF_CUT), "baseline_tfidf_best_cut": best}


def _articles(pair: dict[str, Any]) -> tuple[Article, Article, list[list[tuple[int, int]]]]:
    """The two articles (sentences joined without spaces) and each sentence's span."""
    built, spans = [], []
    gap = "" if pair["language"] in UNSPACED else " "
    for side in ("a", "b"):
        body, found = "", []
        for sentence in pair[side]:
            body += gap if body else ""
            found.append((len(body), len(body) + len(sentence)))
            body += sentence
        built.append(Article(f"{pair['id']}-{side}", f"{pair['id']}-{side}", "", body,
                             language=pair["language"]))  # fmt: skip
        spans.append(found)
    return built[0], built[1], spans


def _index(spans: list[tuple[int, int]], start: int, end: int) -> int | None:
    """The sentence a predicted span lies in (the one it overlaps most)."""
    best = max(range(len(spans)), key=lambda k: min(end, spans[k][1]) - max(start, spans[k][0]))
    s, e = spans[best]
    return best if min(end, e) > max(start, s) else None


def _score(pair: dict[str, Any], counts: dict[str, Counter[str]]) -> None:
    a, b, (spans_a, spans_b) = _articles(pair)
    gold = {(i, j): label for i, j, label, *_ in pair["labels"]}
    conflicts = {(i, j) for i, j, label, *_ in pair["labels"] if label == "conflict"}

    story: set[tuple[int, int]] = set()
    story_conflicts: set[tuple[int, int]] = set()
    for fact in compare_story([a, b]).facts:
        side_a = [r for r in fact.reports if r.article_id == a.id]
        side_b = [r for r in fact.reports if r.article_id == b.id]
        for x in side_a:
            for y in side_b:
                key = (_index(spans_a, x.start, x.end), _index(spans_b, y.start, y.end))
                story.add(key)  # type: ignore[arg-type]
                if x.relation == "conflict" or y.relation == "conflict":
                    story_conflicts.add(key)  # type: ignore[arg-type]
    _count(counts["story_facts"], story, story_conflicts, gold, conflicts)

    comparison = compare_articles([a, b])
    shared = {_pair_of(s.a, s.b, a.id, spans_a, spans_b) for s in comparison.shared}
    clashing = {_pair_of(c.a_sentence, c.b_sentence, a.id, spans_a, spans_b)
                for c in comparison.conflicts}  # fmt: skip
    _count(counts["article_pair"], shared, clashing, gold, conflicts)

    language = pair["language"]
    isolated = {
        (i, j)
        for i, x in enumerate(pair["a"])
        for j, y in enumerate(pair["b"])
        if judge(prepare(x, language), prepare(y, language)).outcome != "different"
    }
    _count(counts["isolated_judge"], isolated, set(), gold, conflicts)
    identical = {(i, j) for i, x in enumerate(pair["a"]) for j, y in enumerate(pair["b"]) if x == y}
    _count(counts["baseline"], identical, set(), gold, conflicts)


def _pair_of(x: Any, y: Any, a_id: str, spans_a: list, spans_b: list) -> tuple[Any, Any]:
    if getattr(x, "article_id", a_id) != a_id:
        x, y = y, x
    return _index(spans_a, x.start, x.end), _index(spans_b, y.start, y.end)


def _count(
    counter: Counter[str],
    predicted: set[tuple[Any, Any]],
    predicted_conflicts: set[tuple[Any, Any]],
    gold: dict[tuple[int, int], str],
    conflicts: set[tuple[int, int]],
) -> None:
    counter["predicted"] += len(predicted)
    counter["tp"] += len(predicted & gold.keys())
    counter["gold"] += len(gold)
    counter["conflict_found"] += len(predicted_conflicts & conflicts)
    counter["conflict_false"] += len(predicted_conflicts - conflicts)
    counter["conflict_gold"] += len(conflicts)


def _figures(c: Counter[str]) -> dict[str, Any]:
    precision, recall, f1 = prf(c["tp"], c["predicted"], c["gold"])
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "conflicts_found": f"{c['conflict_found']}/{c['conflict_gold']}",
        "false_conflicts": c["conflict_false"],
        **{k: c[k] for k in ("tp", "predicted", "gold")},
    }
