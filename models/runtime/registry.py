"""The model ``credibly score`` uses by default: the shipped, hash-checked artifact."""

from __future__ import annotations

from functools import lru_cache

from credibly.models.runtime import artifact
from credibly.models.runtime.additive import AdditiveScorer
from credibly.models.runtime.paths import DEFAULT_MODEL


@lru_cache(maxsize=1)
def load_default_model() -> AdditiveScorer:
    """The shipped model, loaded and verified once per process (a missing file is an install error)."""
    return artifact.load(DEFAULT_MODEL)
