"""The learned plain-text line classifier: three stacked stages plus a title scorer.

Stage 1 scores each line from its own features and its neighbours'. Stage 2 re-scores it from
the stage-1 scores around it, because article text comes in contiguous blocks: a short line
between two paragraphs is likely prose, a long line in a sea of links likely is not. Stage 3
(the context pass) does the same once more from the stage-2 scores, which already know their
own neighbourhoods, with boosted trees (stages 1 and 2 are logistic regressions). Another
regression picks the headline. Weights and trees are plain numbers in
``model/line_model.json`` (written by ``scripts/train_line_model.py``), so loading needs only
numpy and survives library upgrades.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from storylens.extract.features import (
    feature_names,
    max_sum_segment,
    page_features,
    shifted,
    stack_columns,
    window_mean,
)
from storylens.extract.lines import LineFacts

MODEL_RESOURCE = "line_model.json"
STAGE2_OFFSETS = (-3, -2, -1, 1, 2, 3)
TITLE_OFFSETS = (1, 2, 3)
LOG_WORDS = feature_names().index("log_words")
STAGE3_FEATURES = (
    "log_words", "words_le3", "sentence_end", "stop_vs_page", "words_vs_page", "short_run",
)  # fmt: skip
STAGE3_COLUMNS = [feature_names().index(name) for name in STAGE3_FEATURES]


@dataclass(frozen=True)
class Logistic:
    """A standardised logistic regression: ``sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -30), 30)))  # np.clip, faster

    def to_json(self) -> dict:
        return {
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "coef": self.coef.tolist(),
            "intercept": float(self.intercept),
        }

    @classmethod
    def from_json(cls, data: dict) -> Logistic:
        return cls(
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
            np.asarray(data["coef"], dtype=float),
            float(data["intercept"]),
        )


def stage2_features(stage1_x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Stage-1 features plus the stage-1 scores of the surrounding lines, and where the line
    sits relative to the page's most article-like run of lines by those scores."""
    words = np.expm1(stage1_x[:, LOG_WORDS])
    return stack_columns([stage1_x, p1, *score_context(p1, words)])


def stage3_features(stage1_x: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """The context pass: a few of the line's own facts and the stage-2 scores around it (like
    jusText's context-sensitive step, learned): stage 2 sees its neighbours' stage-1 scores,
    which still miss what their own context says about them."""
    words = np.expm1(stage1_x[:, LOG_WORDS])
    return stack_columns([stage1_x[:, STAGE3_COLUMNS], p2, *score_context(p2, words)])


def score_context(p: np.ndarray, words: np.ndarray) -> list[np.ndarray]:
    """Columns read from a page's line scores: the scores of the lines around, their means,
    the best score before and after, and the scored core."""
    around = [shifted(p, offset) for offset in STAGE2_OFFSETS]
    before = np.concatenate([[0.0], np.maximum.accumulate(p)[:-1]]) if len(p) else p
    after = np.concatenate([np.maximum.accumulate(p[::-1])[::-1][1:], [0.0]]) if len(p) else p
    return [
        *around,
        window_mean(p, 5),
        window_mean(p, 15),
        before,
        after,
        weighted_window_mean(p, words, 3),
        *scored_core(p, words),
    ]


def weighted_window_mean(p: np.ndarray, words: np.ndarray, radius: int) -> np.ndarray:
    """Mean score of the lines around, each weighing by its words (long lines say more)."""
    weight = 1.0 + words
    return window_mean(p * weight, radius) / np.maximum(window_mean(weight, radius), 1e-9)


def scored_core(p1: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inside the run of lines with the most article-like words by stage-1 score (a maximum-sum
    segment of ``(p1 - 0.5) * words``), and the log distance to it."""
    start, end = max_sum_segment((p1 - 0.5) * (1.0 + words))
    idx = np.arange(len(p1), dtype=float)
    dist = np.where(idx < start, start - idx, np.where(idx > end, idx - end, 0.0))
    return (dist == 0).astype(float), np.log1p(dist)


def title_features(stage1_x: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """Stage-1 features plus how article-like the following lines are (headlines precede text)."""
    n = len(p2)
    content = p2 >= 0.5
    first = int(np.argmax(content)) if content.any() else n
    idx = np.arange(n, dtype=float)
    gap = first - idx
    ahead = [shifted(p2, offset) for offset in TITLE_OFFSETS]
    return stack_columns(
        [
            stage1_x,
            p2,
            *ahead,
            window_mean(shifted(p2, 5), 4),
            (gap > 0).astype(float),
            np.log1p(np.abs(gap)),
            (gap == 1).astype(float),
            np.log1p(idx),
            (idx == 0).astype(float),
        ]
    )


@dataclass(frozen=True)
class LineModel:
    stage1: Logistic
    stage2: Logistic
    title: Logistic
    threshold: float
    stage3: Logistic | None = None
    """The context pass over stage-2 scores (models before it have none)."""

    def score(
        self, page: list[LineFacts], stop_words: frozenset[str] = frozenset()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per line: probability of being article text, and of being the headline."""
        if not page:
            return np.zeros(0), np.zeros(0)
        x1 = page_features(page, stop_words)
        p1 = self.stage1.predict(x1)
        p2 = self.stage2.predict(stage2_features(x1, p1))
        pt = self.title.predict(title_features(x1, p2))
        if self.stage3 is not None:
            return self.stage3.predict(stage3_features(x1, p2)), pt
        return p2, pt

    def to_json(self) -> dict:
        data = {
            "format": 1,
            "stage1": self.stage1.to_json(),
            "stage2": self.stage2.to_json(),
            "title": self.title.to_json(),
            "threshold": self.threshold,
        }
        if self.stage3 is not None:
            data["stage3"] = self.stage3.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict) -> LineModel:
        return cls(
            Logistic.from_json(data["stage1"]),
            Logistic.from_json(data["stage2"]),
            Logistic.from_json(data["title"]),
            float(data["threshold"]),
            Logistic.from_json(data["stage3"]) if "stage3" in data else None,
        )


@lru_cache(maxsize=1)
def load_line_model() -> LineModel:
    """The model shipped with the package (read once, offline)."""
    text = resources.files("storylens.extract.model").joinpath(MODEL_RESOURCE).read_text("utf-8")
    return LineModel.from_json(json.loads(text))
