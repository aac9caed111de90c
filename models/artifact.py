"""Saving and loading the shipped model: a joblib bundle plus a JSON model card carrying its sha256.

Loading refuses a bundle whose hash differs from its card or that was built with another
scikit-learn version, and only ever reads paths chosen by the operator (never from a request).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import joblib
import sklearn

from models.linear import LinearScorer
from models.paths import DEFAULT_MODEL
from models.training import to_scorer


class UntrustedModelError(RuntimeError):
    """The model file does not match its model card (hash or library version)."""


def card_path(model_path: Path) -> Path:
    return model_path.with_name(model_path.stem + ".card.json")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(bundle: dict, card: dict, model_path: Path = DEFAULT_MODEL) -> dict:
    """Write the joblib bundle, then its card with the file's sha256; returns the card."""
    model_path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, model_path, compress=3)
    card = {**card, "artifact": model_path.name, "sha256": sha256(model_path)}
    card_path(model_path).write_text(json.dumps(card, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return card


def read_card(model_path: Path = DEFAULT_MODEL) -> dict:
    return json.loads(card_path(model_path).read_text(encoding="utf-8"))


def load(model_path: Path = DEFAULT_MODEL) -> LinearScorer:
    """Verify ``model_path`` against its card, then return the model as a :class:`LinearScorer`."""
    model_path = Path(model_path)
    card = read_card(model_path)
    actual = sha256(model_path)
    if actual != card.get("sha256"):
        raise UntrustedModelError(f"{model_path} sha256 {actual[:12]}… does not match its model card")
    trained_with = card.get("versions", {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise UntrustedModelError(
            f"{model_path} was trained with scikit-learn {trained_with}, this is {sklearn.__version__}; retrain"
        )
    bundle = joblib.load(model_path)
    metadata = {"reliable_quantiles": bundle["reliable_quantiles"], "card": card}
    return to_scorer(bundle["pipeline"], bundle["feature_names"], bundle["name"], metadata, bundle.get("text_term"))
