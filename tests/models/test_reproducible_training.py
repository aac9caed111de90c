"""`credibly train` reproduces the shipped model (needs ../shared/data; slow).

Every fitted parameter must match the shipped runtime model to floating-point rounding (relative
1e-9) and the model card must match apart from file hashes. Bytes are not compared: BLAS kernels
differ between CPUs, so the last bits of a coefficient can differ from one machine to another (seen:
1e-15 relative), and pickle memoises by object identity, so equal models can pickle to different bytes.
"""

from __future__ import annotations

import numpy as np
import pytest

from credibly.models.runtime import artifact
from credibly.models.training.train import train

HASHES = ("sha256", "runtime_sha256")


def _arrays(runtime: dict) -> dict[str, np.ndarray]:
    term = runtime.get("text_term") or {}
    out = {"baseline_logit": np.asarray([runtime["baseline_logit"]])}
    for i, shape in enumerate(runtime["shapes"]):
        for k in ("knots", "slopes"):
            out[f"{runtime['feature_names'][i]}.{k}"] = np.asarray(shape[k], dtype=float)
        out[f"{runtime['feature_names'][i]}.reference"] = np.asarray([shape["reference"]])
    for k in ("idf", "coef", "intercept"):
        if k in term:
            out[f"text_term.{k}"] = np.atleast_1d(np.asarray(term[k], dtype=float))
    return out


@pytest.mark.shared
@pytest.mark.slow
def test_training_reproduces_the_shipped_model(shared_data, tmp_path):
    shipped_card = artifact.read_card()
    path = tmp_path / artifact.DEFAULT_MODEL.name
    card = train(shared_data, path)
    assert {k: v for k, v in card.items() if k not in HASHES} == {
        k: v for k, v in shipped_card.items() if k not in HASHES
    }
    ours = artifact.read_runtime(artifact.runtime_path(path))
    theirs = artifact.read_runtime(artifact.runtime_path(artifact.DEFAULT_MODEL))
    assert ours["feature_names"] == theirs["feature_names"]
    assert (ours.get("text_term") or {}).get("vocabulary") == (theirs.get("text_term") or {}).get(
        "vocabulary"
    )
    for name, value in _arrays(theirs).items():
        np.testing.assert_allclose(_arrays(ours)[name], value, rtol=1e-9, atol=1e-12, err_msg=name)
