"""Token-multiset precision, recall and F1, the extraction score used by every benchmark.

Texts are compared as bags of lower-cased ``\\w+`` tokens, so the score does not depend on how
lines or paragraphs are split, only on which words were kept. Scores are micro-averaged over
pages: overlaps and counts are summed first, so long pages weigh more than short ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """The multiset of lower-cased word tokens of ``text``."""
    return Counter(TOKEN_RE.findall(text.lower()))


def overlap(predicted: Counter[str], gold: Counter[str]) -> int:
    """Size of the multiset intersection (each token counted min(predicted, gold) times)."""
    return sum((predicted & gold).values())


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 from counts; 0 where undefined."""
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class TokenScore:
    """Running micro-averaged token P/R/F1 over many pages."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    pages: int = 0

    def add(self, predicted_text: str, gold_text: str) -> tuple[float, float, float]:
        """Add one page; returns that page's own P/R/F1."""
        predicted_tokens, gold_tokens = tokens(predicted_text), tokens(gold_text)
        matched = overlap(predicted_tokens, gold_tokens)
        n_predicted, n_gold = sum(predicted_tokens.values()), sum(gold_tokens.values())
        self.matched += matched
        self.predicted += n_predicted
        self.gold += n_gold
        self.pages += 1
        return prf(matched, n_predicted, n_gold)

    @property
    def precision(self) -> float:
        return prf(self.matched, self.predicted, self.gold)[0]

    @property
    def recall(self) -> float:
        return prf(self.matched, self.predicted, self.gold)[1]

    @property
    def f1(self) -> float:
        return prf(self.matched, self.predicted, self.gold)[2]

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "pages": self.pages,
        }
