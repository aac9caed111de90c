"""Saving and loading the shipped model: a joblib bundle (the fitted scikit-learn estimator), a runtime
JSON file (the same model as plain arrays), and a JSON model card carrying both files' sha256.

Scoring loads only the runtime JSON: no unpickling (a pickle can run code) and no scikit-learn or
pandas import (~190 MB per worker). :func:`load_pipeline` gives the fitted estimator back for
inspection and refuses a bundle built with another scikit-learn version. Both refuse files whose
hash differs from the card, and only ever read paths chosen by the operator (never from a request).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from credibly.models.runtime.additive import AdditiveScorer, Shape
from credibly.models.runtime.paths import DEFAULT_MODEL
from credibly.models.runtime.text_term import TextTerm


class UntrustedModelError(RuntimeError):
    """A model file does not match its model card (hash or library version)."""


def card_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".card.json")


def runtime_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".runtime.json.gz")


def read_runtime(path: Path) -> dict[str, Any]:
    """The runtime model's plain data (gzip-compressed JSON: the n-gram vocabulary is most of it)."""
    return json.loads(gzip.decompress(path.read_bytes()))


def write_runtime(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as :func:`read_runtime` reads it; the bytes depend on the data alone (no mtime)."""
    path.write_bytes(gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), mtime=0))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def runtime_dict(scorer: AdditiveScorer) -> dict[str, Any]:
    """The scorer as JSON-able plain lists (what :func:`load` reads back)."""
    out: dict[str, Any] = {
        "name": scorer.name,
        "feature_names": list(scorer.feature_names),
        "baseline_logit": scorer.baseline_logit,
        "shapes": [
            {"knots": list(s.knots), "slopes": list(s.slopes), "reference": s.reference}
            for s in scorer.shapes
        ],
        "reliable_quantiles": scorer.metadata.get("reliable_quantiles", {}),
    }
    term = scorer.text_term
    if term is not None:
        vocab = sorted(term.vocabulary, key=term.vocabulary.__getitem__)
        out["text_term"] = {
            "vocabulary": vocab,
            "idf": term.idf.tolist(),
            "coef": term.coef.tolist(),
            "intercept": term.intercept,
            "scale": term.scale,
        }
    return out


def save(bundle: dict, scorer: AdditiveScorer, card: dict, model_path: Path = DEFAULT_MODEL) -> dict:
    """Write the joblib bundle and the runtime JSON, then the card with both sha256; returns the card."""
    import joblib

    model_path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, model_path, compress=3)
    runtime = runtime_path(model_path)
    write_runtime(runtime, runtime_dict(scorer))
    card = {
        **card,
        "artifact": model_path.name,
        "sha256": sha256(model_path),
        "runtime": runtime.name,
        "runtime_sha256": sha256(runtime),
    }
    card_path(model_path).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def read_card(model_path: Path = DEFAULT_MODEL) -> dict:
    return json.loads(card_path(model_path).read_text(encoding="utf-8"))


def _verify(path: Path, expected: str | None) -> None:
    actual = sha256(path)
    if actual != expected:
        raise UntrustedModelError(f"{path} sha256 {actual[:12]}… does not match its model card")


def load(model_path: Path = DEFAULT_MODEL) -> AdditiveScorer:
    """Verify the runtime JSON against the card and return the model as an :class:`AdditiveScorer`."""
    model_path = Path(model_path)
    card = read_card(model_path)
    runtime = runtime_path(model_path)
    _verify(runtime, card.get("runtime_sha256"))
    raw = read_runtime(runtime)
    term = raw.get("text_term")
    text_term = None
    if term is not None:
        text_term = TextTerm(
            {g: i for i, g in enumerate(term["vocabulary"])},
            np.asarray(term["idf"]),
            np.asarray(term["coef"]),
            float(term["intercept"]),
            float(term["scale"]),
        )
    return AdditiveScorer(
        feature_names=tuple(raw["feature_names"]),
        shapes=tuple(
            Shape(tuple(map(float, s["knots"])), tuple(map(float, s["slopes"])), float(s["reference"]))
            for s in raw["shapes"]
        ),
        baseline_logit=float(raw["baseline_logit"]),
        name=raw["name"],
        metadata={"reliable_quantiles": raw["reliable_quantiles"], "card": card},
        text_term=text_term,
    )


def load_pipeline(model_path: Path = DEFAULT_MODEL) -> dict:
    """The joblib bundle (fitted estimator, text term, names) after hash and scikit-learn version checks."""
    import joblib
    import sklearn

    model_path = Path(model_path)
    card = read_card(model_path)
    _verify(model_path, card.get("sha256"))
    trained_with = card.get("versions", {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise UntrustedModelError(
            f"{model_path} was trained with scikit-learn {trained_with}, "
            f"this is {sklearn.__version__}; retrain"
        )
    return joblib.load(model_path)
