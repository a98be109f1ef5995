"""The training script's threshold choice (scripts/train_line_model.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

SCRIPT = Path(__file__).parents[1] / "scripts" / "train_line_model.py"


def load_script():
    spec = importlib.util.spec_from_file_location("train_line_model", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_threshold_is_the_middle_of_the_flat_top_not_its_argmax() -> None:
    train = load_script()
    thresholds = train.THRESHOLDS
    f1 = np.full(len(thresholds), 0.80)
    plateau = (thresholds >= 0.40) & (thresholds <= 0.60)
    f1[plateau] = 0.9
    f1[np.flatnonzero(plateau)[0]] += train.NEAR_BEST_F1 / 2  # the argmax sits at an edge: 0.40
    assert train.middle_of_near_best(f1) == 0.5


def test_a_clear_peak_is_kept() -> None:
    train = load_script()
    f1 = 0.9 - np.abs(train.THRESHOLDS - 0.45)  # a sharp peak: only 0.45 is near the best
    assert train.middle_of_near_best(f1) == 0.45
