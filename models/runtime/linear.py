"""An exactly explainable linear reliability model: standardised features, logistic link.

The logit is ``intercept + sum_i coef_i * (x_i - center_i) / scale_i``; each term is that feature's
contribution. Points of score are the logit contributions times the secant slope of the link
between the baseline (all features at their centre) and the article, so they are signed like the
contributions and add up exactly to ``score - baseline_score``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from credibly.models.runtime.text_term import TextTerm


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Explanation:
    """Exact decomposition of one prediction: ``baseline + sum(points.values()) == score``."""

    probability: float
    score: float
    baseline_score: float
    logit: float
    contributions: dict[str, float]
    points: dict[str, float]


@dataclass(frozen=True)
class LinearScorer:
    """Standardise-then-logistic model with named features; ``clip`` bounds standardised values so one
    extreme feature cannot dominate (the same clip is applied in training)."""

    feature_names: tuple[str, ...]
    center: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    clip: float = 5.0
    name: str = "linear"
    metadata: dict = field(default_factory=dict)
    text_term: TextTerm | None = None  # feeds the ``text.wording`` feature

    def standardise(self, X: np.ndarray) -> np.ndarray:
        """Centre, scale and clip a feature matrix (rows = articles) as the model sees it."""
        Z = ((np.asarray(X, dtype=float) - self.center) / self.scale).clip(-self.clip, self.clip)
        Z[np.isnan(Z)] = 0.0  # undefined values count as the centre (infinities were clipped above)
        return Z

    def vector(self, features: Mapping[str, float]) -> np.ndarray:
        """Feature dict to the model's ordered vector (missing names count as the centre value)."""
        return np.array(
            [features.get(n, c) for n, c in zip(self.feature_names, self.center.tolist())], dtype=float
        )

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Probability of 'reliable' for each row of a raw feature matrix."""
        z = self.standardise(X) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def explain(self, features: Mapping[str, float]) -> Explanation:
        """Probability, 0-100 score and the exact per-feature decomposition for one article."""
        try:
            z_terms = self._logit_terms(features)
        except ZeroDivisionError:  # a zero scale: NumPy's inf/nan arithmetic, then the same clipping
            z_terms = (self.standardise(self.vector(features)) * self.coef).tolist()
        total = math.fsum(z_terms)
        logit = self.intercept + total
        p = _sigmoid(logit)
        p0 = _sigmoid(self.intercept)
        slope = (p - p0) / total if abs(total) > 1e-09 else p0 * (1.0 - p0)
        contributions = dict(zip(self.feature_names, z_terms))
        per_unit = 100.0 * slope
        points = {n: per_unit * t for n, t in contributions.items()}
        return Explanation(p, 100.0 * p, 100.0 * p0, logit, contributions, points)

    @cached_property
    def _columns(self) -> tuple[list[float], list[float], list[float]]:
        """Centre, scale and coefficients as Python floats, for scoring one article at a time."""
        return self.center.tolist(), self.scale.tolist(), self.coef.tolist()

    def _logit_terms(self, features: Mapping[str, float]) -> list[float]:
        """``coef * standardised value`` per feature for one article, in plain floats: the same IEEE
        operations as :meth:`standardise` on a one-row matrix, without NumPy's per-call cost."""
        center, scale, coef = self._columns
        limit = self.clip
        terms = []
        for x, c, s, k in zip(map(features.get, self.feature_names, center), center, scale, coef):
            z = (float(x) - c) / s
            terms.append((0.0 if math.isnan(z) else min(max(z, -limit), limit)) * k)
        return terms
