"""The shipped static embedding read without building a model2vec ``StaticModel`` is
model2vec's own read."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from storylens.embedding import shipped_model_dir


def test_the_table_sentence_vectors_read_is_the_static_models() -> None:
    """``embedding._model()`` (ingest start-up, without building a ``StaticModel``) holds the
    model's own rows, tokenizer settings and unknown-token id, and gives the same vectors."""
    from storylens import embedding

    folder = shipped_model_dir()
    table, model = embedding._read_static_table(folder), embedding.load_static_model(folder)
    assert table.embedding.dtype == model.embedding.dtype
    assert np.array_equal(table.embedding, model.embedding)
    assert table.dim == model.dim and table.unk_token_id == model.unk_token_id
    assert table.tokenizer.padding == model.tokenizer.padding
    assert table.tokenizer.truncation == model.tokenizer.truncation
    texts = [
        "The council said on Tuesday that the bridge would open in spring.",
        "“Hello,” she said — it’s 3:45pm, $1,200.50!",
        "四川省雅安市 Ｆｕｌｌ",
        "[UNK] x",
        "",
    ]
    for text in texts:
        assert (table.tokenizer.encode(text, add_special_tokens=False).ids
                == model.tokenizer.encode(text, add_special_tokens=False).ids)  # fmt: skip
    vectors = [embedding.sentence_vector(t) for t in texts]
    original = embedding._model
    try:
        embedding._model = lambda: model  # type: ignore[assignment]
        embedding._piece_ids.cache_clear()
        assert all(
            v.tobytes() == embedding.sentence_vector(t).tobytes()
            for v, t in zip(vectors, texts, strict=True)
        )
    finally:
        embedding._model = original  # type: ignore[assignment]
        embedding._piece_ids.cache_clear()


def test_a_model_folder_in_another_layout_is_read_through_model2vec(tmp_path: Path) -> None:
    from storylens import embedding

    folder = tmp_path / "static"
    shutil.copytree(shipped_model_dir(), folder)
    (folder / "README.md").write_text("---\nlanguage: en\n---\n# a model card\n")
    table, shipped = embedding._read_static_table(folder), embedding._model()
    assert np.array_equal(table.embedding, shipped.embedding)
    assert table.unk_token_id == shipped.unk_token_id
