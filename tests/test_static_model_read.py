"""The shipped static embedding read without ``model2vec.persistence`` is model2vec's own read."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
from model2vec import StaticModel

from storylens.embedding import _read_static_model, shipped_model_dir


def _same_model(mine: StaticModel, theirs: StaticModel) -> None:
    assert mine.embedding.dtype == theirs.embedding.dtype
    assert np.array_equal(mine.embedding, theirs.embedding)
    assert mine.tokenizer.to_str() == theirs.tokenizer.to_str()
    names = ("unk_token_id", "normalize", "max_length", "config", "tokens", "weights",
             "token_mapping", "base_model_name", "language", "median_token_length")  # fmt: skip
    for name in names:
        assert getattr(mine, name) == getattr(theirs, name), name


def test_the_shipped_model_reads_as_from_pretrained() -> None:
    folder = shipped_model_dir()
    mine, theirs = _read_static_model(folder), StaticModel.from_pretrained(folder)
    _same_model(mine, theirs)
    text = "The council said on Tuesday that the bridge would open in spring."
    assert np.array_equal(mine.encode([text]), theirs.encode([text]))


def test_a_folder_with_a_model_card_goes_through_from_pretrained(tmp_path: Path) -> None:
    """A README (model card) names the base model and languages: model2vec reads those."""
    folder = tmp_path / "static"
    shutil.copytree(shipped_model_dir(), folder)
    (folder / "README.md").write_text("---\nbase_model: some/model\nlanguage:\n- en\n---\n")
    model = _read_static_model(folder)
    _same_model(model, StaticModel.from_pretrained(folder))
    assert model.base_model_name == "some/model"
