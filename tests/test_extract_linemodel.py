"""The line model's shape features and its context pass (stage 3)."""

from __future__ import annotations

import json

import numpy as np

from storylens.extract import lines as L
from storylens.extract.features import feature_names, page_features, short_run_features
from storylens.extract.linemodel import LineModel, load_line_model

PROSE = (
    "The council approved the new tram line on Tuesday after a debate that lasted six hours."
)


def test_menu_run_is_told_from_a_lone_subheading() -> None:
    """Five short lines in a row (a menu in any script) against one short line between
    paragraphs (a sub-heading): only the run is long, and only its last line is its edge."""
    words = np.array([1, 1, 1, 1, 2, 8, 18, 2, 17, 3], dtype=float)
    sentence_end = np.array([0, 0, 0, 0, 0, 0, 1, 0, 1, 1], dtype=float)
    run, edge = short_run_features(words, sentence_end).T
    assert np.allclose(run[:5], np.log1p(5)) and edge.tolist()[:5] == [0, 0, 0, 0, 1]
    assert run[7] == np.log1p(1) and edge[7] == 0  # the sub-heading
    assert run[5] == run[6] == run[8] == 0  # a headline and prose are not menu-shaped
    assert run[9] == 0  # short, but it ends like a sentence


def test_short_run_features_reach_the_model_for_right_to_left_menus() -> None:
    menu = ["الرئيسية", "أخبار", "رياضة", "اقتصاد", "تسجيل الدخول"]
    facts = L.describe_page([*menu, PROSE])
    x = page_features(facts)
    names = feature_names()
    run, edge = x[:, names.index("short_run")], x[:, names.index("short_run_edge")]
    assert np.allclose(run[:5], np.log1p(5)) and run[5] == 0
    assert edge.tolist() == [0, 0, 0, 0, 1, 0]


def test_model_json_round_trip_keeps_the_context_pass() -> None:
    model = load_line_model()
    assert model.stage3 is not None
    again = LineModel.from_json(json.loads(json.dumps(model.to_json())))
    facts = L.describe_page(["Home", "News", "Sign in", PROSE, PROSE + " Again.", "Contact"])
    assert np.array_equal(again.score(facts)[0], model.score(facts)[0])
    without = LineModel.from_json({k: v for k, v in model.to_json().items() if k != "stage3"})
    assert without.stage3 is None  # a model written before stage 3 still loads
    assert not np.array_equal(without.score(facts)[0], model.score(facts)[0])
