"""The training script's threshold choice (scripts/train_line_model.py)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import numpy as np
import pytest


@pytest.fixture(scope="module")
def train(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("train_line_model")


def test_threshold_is_the_middle_of_the_flat_top_not_its_argmax(train: ModuleType) -> None:
    thresholds = train.THRESHOLDS
    f1 = np.full(len(thresholds), 0.80)
    plateau = (thresholds >= 0.40) & (thresholds <= 0.60)
    f1[plateau] = 0.9
    f1[np.flatnonzero(plateau)[0]] += train.NEAR_BEST_F1 / 2  # the argmax sits at an edge: 0.40
    assert train.middle_of_near_best(f1) == 0.5


def test_a_clear_peak_is_kept(train: ModuleType) -> None:
    f1 = 0.9 - np.abs(train.THRESHOLDS - 0.45)  # a sharp peak: only 0.45 is near the best
    assert train.middle_of_near_best(f1) == 0.45
