"""Which model scores by default: the shipped trained artifact, else the documented interim rule."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from models import artifact
from models.linear import LinearScorer
from models.paths import DEFAULT_MODEL
from models.rule import interim_rule

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def load_default_model() -> LinearScorer:
    """The model ``credibly score`` uses when none is given (loaded and verified once per process)."""
    if DEFAULT_MODEL.exists():
        return artifact.load(DEFAULT_MODEL)
    log.warning("no trained model shipped at %s; using the interim rule", DEFAULT_MODEL)
    return interim_rule()


def load_model(path: str | Path | None = None) -> LinearScorer:
    """A model from an operator-chosen path (hash- and version-checked), or the default."""
    return load_default_model() if path is None else artifact.load(Path(path))
