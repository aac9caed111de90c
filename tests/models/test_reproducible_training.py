"""`credibly train` reproduces the shipped model (needs ../shared/data; slow).

Every fitted parameter must match the shipped runtime model to floating-point rounding (relative
1e-9) and the model card must match apart from file hashes, its numbers to the same rounding. Bytes are
not compared: BLAS kernels differ between CPUs, so the last bits of a coefficient can differ from one
machine to another (seen: 1e-15 relative; 5e-12 for the text term's reference value in the card), and
pickle memoises by object identity, so equal models can pickle to different bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from credibly.models.runtime import artifact
from credibly.models.training.train import train

HASHES = ("sha256", "runtime_sha256")


def _differences(ours: Any, theirs: Any, path: str = "card") -> Iterator[str]:
    """Paths where two card values differ: floats beyond relative 1e-9, anything else when unequal."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in sorted(set(ours) | set(theirs), key=str):
            if key not in HASHES:
                yield from _differences(ours.get(key), theirs.get(key), f"{path}.{key}")
    elif isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for i, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            yield from _differences(a, b, f"{path}[{i}]")
    elif isinstance(ours, float) and isinstance(theirs, float):
        if not math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-12):
            yield f"{path}: {ours!r} != {theirs!r}"
    elif ours != theirs:
        yield f"{path}: {ours!r} != {theirs!r}"


def test_card_comparison_allows_rounding_and_nothing_more():
    card = {"sha256": "a", "shapes": {"x": {"reference": 0.46946433219936773, "knots": [0.1, 0.2]}}}
    rounded = {"sha256": "b", "shapes": {"x": {"reference": 0.46946433219686307, "knots": [0.1, 0.2]}}}
    assert list(_differences(rounded, card)) == []
    moved = {"shapes": {"x": {"reference": 0.4695, "knots": [0.1, 0.2]}}}
    assert list(_differences(moved, card)) == ["card.shapes.x.reference: 0.4695 != 0.46946433219936773"]
    assert list(_differences({"shapes": {"x": {"knots": [0.1]}}}, card))


def _arrays(runtime: dict) -> dict[str, np.ndarray]:
    term = runtime.get("text_term") or {}
    out = {"baseline_logit": np.asarray([runtime["baseline_logit"]])}
    for i, shape in enumerate(runtime["shapes"]):
        for k in ("knots", "slopes"):
            out[f"{runtime['feature_names'][i]}.{k}"] = np.asarray(shape[k], dtype=float)
        out[f"{runtime['feature_names'][i]}.reference"] = np.asarray([shape["reference"]])
    for k in ("idf", "coef", "intercept", "scale"):
        if k in term:
            out[f"text_term.{k}"] = np.atleast_1d(np.asarray(term[k], dtype=float))
    return out


@pytest.mark.shared
@pytest.mark.slow
def test_training_reproduces_the_shipped_model(shared_data, tmp_path):
    shipped_card = artifact.read_card()
    path = tmp_path / artifact.DEFAULT_MODEL.name
    card = train(shared_data, path)
    assert list(_differences(card, shipped_card)) == []
    ours = artifact.read_runtime(artifact.runtime_path(path))
    theirs = artifact.read_runtime(artifact.runtime_path(artifact.DEFAULT_MODEL))
    assert ours["feature_names"] == theirs["feature_names"]
    assert (ours.get("text_term") or {}).get("vocabulary") == (theirs.get("text_term") or {}).get(
        "vocabulary"
    )
    for name, value in _arrays(theirs).items():
        np.testing.assert_allclose(_arrays(ours)[name], value, rtol=1e-9, atol=1e-12, err_msg=name)
