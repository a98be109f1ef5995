"""Choose the weights of the headline cues for plain-text dumps, leave-one-corpus-out.

    .venv/bin/python scripts/tune_text_title.py [--data ../shared/bench]

The plain-text extractor takes the line model's headline log-odds and adds page cues
(storylens.extract.textmeta: the line recurs, a "Headline | Site" line carries it, it precedes a
deck, it sits before the article, it shares words with the lead, the article below it uses its
words (``body_share``), ...). This script:

1. fits the line model without each source corpus (scripts/train_line_model.py's ``train``)
   and scores that corpus's pages with it, so every headline score is out of sample;
2. for each held-out source corpus, chooses the cue weights by coordinate ascent on the *other*
   sources' pages and reports the held-out headline accuracy next to the model alone (all cue
   weights 0) and the first non-empty line;
3. prints the weights chosen on all sources (to be copied into ``TITLE_WEIGHTS``).

A headline is right when it has the same words as the gold one (rapidfuzz ratio >= 90), the
measure ``storylens bench extract`` uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_line_model import PageData, train

from storylens.bench.extract import Corpus, load_corpora, same_title, site_templates
from storylens.config import default_bench_dir
from storylens.extract.language import detect_language, language_sample, stop_words
from storylens.extract.linemodel import LineModel
from storylens.extract.lines import describe_page
from storylens.extract.text import (
    _Page,
    drop_forced_boilerplate,
    non_empty_lines,
    title_eligible,
)
from storylens.extract.textmeta import (
    CUE_NAMES,
    TitleWeights,
    candidate_lines,
    cue_matrix,
    logit,
    title_text,
)

STEPS = (-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0)
PASSES = 3


@dataclass
class PageCandidates:
    """One page's headline candidates: model log-odds, cue rows and which ones are right."""

    source: str
    corpus: str
    base: np.ndarray
    cues: np.ndarray
    right: np.ndarray
    first_line_right: bool


def page_candidates(
    text: str, gold: str, model: LineModel, template: frozenset[str], source: str, corpus: str
) -> PageCandidates | None:
    lines = non_empty_lines(text)
    if not lines:
        return None
    facts = describe_page(lines)
    body, title_score = model.score(facts, stop_words(detect_language(language_sample(lines))))
    keep = (body >= model.threshold).tolist()
    page = _Page(facts=facts, body_score=body, title_score=title_score, keep=keep)
    drop_forced_boilerplate(page, template)
    eligible, _template = title_eligible(page)
    candidates = candidate_lines(facts, title_score, eligible)
    if not candidates:
        return None
    return PageCandidates(
        source,
        corpus,
        logit(title_score[candidates]),
        cue_matrix(facts, candidates, title_score, page.keep),
        np.array([same_title(title_text(lines[i]), gold) for i in candidates]),
        same_title(lines[0], gold),
    )


def accuracy(pages: list[PageCandidates], weights: np.ndarray) -> float:
    """Share of pages whose best-scoring candidate is right (pages without one count wrong)."""
    right = 0
    for p in pages:
        right += bool(p.right[int(np.argmax(p.base + p.cues @ weights))])
    return right / max(len(pages), 1)


def coordinate_ascent(pages: list[PageCandidates]) -> np.ndarray:
    weights = np.zeros(len(CUE_NAMES))
    best = accuracy(pages, weights)
    for _ in range(PASSES):
        improved = False
        for k in range(len(weights)):
            for step in STEPS:
                trial = weights.copy()
                trial[k] = step
                score = accuracy(pages, trial)
                if score > best + 1e-9:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return weights


def held_out_candidates(corpora: list[Corpus], data: dict) -> list[PageCandidates]:
    """Every page's candidates, scored by a line model fitted without the page's source."""
    found: list[PageCandidates] = []
    for source in sorted({c.source for c in corpora}):
        model = train([d for c in corpora if c.source != source for d in data[c.name]])
        for corpus in corpora:
            if corpus.source != source:
                continue
            templates = site_templates([page.text for page in corpus.pages])
            for page, template in zip(corpus.pages, templates, strict=True):
                gold = page.gold_title
                if gold and (cand := page_candidates(
                    page.text, gold, model, template, source, corpus.name
                )):
                    found.append(cand)
        print(f"  scored {source} with a model fitted without it", file=sys.stderr)
    return found


def report(pages: list[PageCandidates], corpora: list[Corpus]) -> dict:
    result: dict[str, object] = {}
    for source in sorted({p.source for p in pages}):
        weights = coordinate_ascent([p for p in pages if p.source != source])
        for name in [c.name for c in corpora if c.source == source]:
            held = [p for p in pages if p.corpus == name]
            result[name] = {
                "pages_with_gold_title_and_candidates": len(held),
                "cues_tuned_elsewhere": round(accuracy(held, weights), 4),
                "model_alone": round(accuracy(held, np.zeros(len(CUE_NAMES))), 4),
                "first_line": round(sum(p.first_line_right for p in held) / max(len(held), 1), 4),
                "weights": dict(zip(CUE_NAMES, weights.tolist(), strict=True)),
            }
    final = coordinate_ascent(pages)
    result["weights_from_all_sources"] = repr(
        replace(TitleWeights(), **dict(zip(CUE_NAMES, final.tolist(), strict=True)))
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_bench_dir())
    args = parser.parse_args(argv)
    corpora = load_corpora(args.data)
    data = {c.name: [PageData(page, c) for page in c.pages] for c in corpora}
    print(json.dumps(report(held_out_candidates(corpora, data), corpora), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
