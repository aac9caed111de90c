"""Saving and loading the shipped model: a joblib bundle (the fitted scikit-learn pipeline), a runtime
JSON file (the same model as plain arrays), and a JSON model card carrying both files' sha256.

Scoring loads only the runtime JSON: no unpickling (a pickle can run code) and no scikit-learn or
pandas import (~190 MB per worker). :func:`load_pipeline` gives the fitted pipeline back for
inspection and refuses a bundle built with another scikit-learn version. Both refuse files whose
hash differs from the card, and only ever read paths chosen by the operator (never from a request).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from credibly.models.runtime.linear import LinearScorer
from credibly.models.runtime.paths import DEFAULT_MODEL
from credibly.models.runtime.text_term import TextTerm


class UntrustedModelError(RuntimeError):
    """A model file does not match its model card (hash or library version)."""


def card_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".card.json")


def runtime_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".runtime.json")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def runtime_dict(scorer: LinearScorer) -> dict[str, Any]:
    """The scorer as JSON-able plain lists (what :func:`load` reads back)."""
    out: dict[str, Any] = {
        "name": scorer.name,
        "feature_names": list(scorer.feature_names),
        "center": scorer.center.tolist(),
        "scale": scorer.scale.tolist(),
        "coef": scorer.coef.tolist(),
        "intercept": scorer.intercept,
        "clip": scorer.clip,
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
        }
    return out


def save(bundle: dict, scorer: LinearScorer, card: dict, model_path: Path = DEFAULT_MODEL) -> dict:
    """Write the joblib bundle and the runtime JSON, then the card with both sha256; returns the card."""
    import joblib

    model_path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, model_path, compress=3)
    runtime = runtime_path(model_path)
    runtime.write_text(json.dumps(runtime_dict(scorer), separators=(",", ":")), encoding="utf-8")
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


def load(model_path: Path = DEFAULT_MODEL) -> LinearScorer:
    """Verify the runtime JSON against the card and return the model as a :class:`LinearScorer`."""
    model_path = Path(model_path)
    card = read_card(model_path)
    runtime = runtime_path(model_path)
    _verify(runtime, card.get("runtime_sha256"))
    raw = json.loads(runtime.read_text(encoding="utf-8"))
    term = raw.get("text_term")
    text_term = None
    if term is not None:
        text_term = TextTerm(
            {g: i for i, g in enumerate(term["vocabulary"])},
            np.asarray(term["idf"]),
            np.asarray(term["coef"]),
            float(term["intercept"]),
        )
    return LinearScorer(
        feature_names=tuple(raw["feature_names"]),
        center=np.asarray(raw["center"], dtype=float),
        scale=np.asarray(raw["scale"], dtype=float),
        coef=np.asarray(raw["coef"], dtype=float),
        intercept=float(raw["intercept"]),
        clip=float(raw["clip"]),
        name=raw["name"],
        metadata={"reliable_quantiles": raw["reliable_quantiles"], "card": card},
        text_term=text_term,
    )


def load_pipeline(model_path: Path = DEFAULT_MODEL) -> dict:
    """The joblib bundle (fitted pipeline, text term, names) after hash and scikit-learn version checks."""
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
