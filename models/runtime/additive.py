"""The reliability model at scoring time: one monotone shape per feature, summed, through a logistic.

Each feature contributes ``g(x) - g(reference)``, where ``g`` is piecewise linear between knots
(flat beyond the last knot, so one extreme value cannot dominate) and, where theory fixes the
direction, monotone. The logit is the baseline (every feature at its reference) plus the sum of the
contributions: exactly additive, so each feature's share of a score is its contribution, and an
article with no evidence either way (every feature at its reference) gets the baseline. Points of
score are the contributions times the secant slope of the logistic between the baseline and the
article: signed like the contributions and adding up exactly to ``score - baseline``. A text shorter
than the articles the model learned from carries less evidence: its contributions are scaled down
(:func:`evidence_weight`), so a few words land near mid-scale instead of at either end.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from credibly.models.runtime.text_term import TextTerm

# Texts of at least this many words count in full: about the shortest 1% of the training articles (84
# words), below which the model would extrapolate. A shorter text's contributions are scaled by
# sqrt(words / FULL_EVIDENCE_WORDS), as a rate's standard error is proportional to 1 / sqrt(words), and
# every signal is a rate or a share.
FULL_EVIDENCE_WORDS = 80


def evidence_weight(words: int | None) -> float:
    """The factor (0-1] on a text's contributions: 1 from ``FULL_EVIDENCE_WORDS`` words (or when the
    length is not given), less for shorter texts."""
    if words is None or words >= FULL_EVIDENCE_WORDS:
        return 1.0
    return math.sqrt(max(words, 0) / FULL_EVIDENCE_WORDS)


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Explanation:
    """Exact decomposition of one prediction: ``baseline_score + sum(points.values()) == score``."""

    probability: float
    score: float
    baseline_score: float
    logit: float
    contributions: dict[str, float]
    points: dict[str, float]
    evidence_weight: float = 1.0  # the factor already applied to the contributions (short texts < 1)


@dataclass(frozen=True, slots=True)
class Shape:
    """A feature's effect on the logit: slopes between consecutive knots, measured from ``reference``."""

    knots: tuple[float, ...]
    slopes: tuple[float, ...]  # one per segment: len(knots) - 1
    reference: float
    offset: float = field(init=False, repr=False, compare=False)  # raw(reference)

    def __post_init__(self) -> None:
        object.__setattr__(self, "offset", self.raw(self.reference))

    def raw(self, x: float) -> float:
        """Sum of the segments' slopes times the part of each segment below ``x``."""
        total = 0.0
        for lo, hi, slope in zip(self.knots, self.knots[1:], self.slopes):
            if x <= lo:
                break
            total += slope * (min(x, hi) - lo)
        return total

    def __call__(self, x: float) -> float:
        """Contribution of value ``x`` (NaN counts as the reference: no evidence)."""
        if x != x:
            return 0.0
        return self.raw(x) - self.offset


@dataclass(frozen=True)
class AdditiveScorer:
    """Baseline logit plus one :class:`Shape` per named feature, through a logistic link."""

    feature_names: tuple[str, ...]
    shapes: tuple[Shape, ...]
    baseline_logit: float
    name: str = "additive"
    metadata: dict[str, Any] = field(default_factory=dict)
    text_term: TextTerm | None = None

    def contributions(self, features: Mapping[str, float]) -> list[float]:
        """Logit contribution of each feature (missing ones count as their reference)."""
        return [
            shape(float(features[name])) if name in features else 0.0
            for name, shape in zip(self.feature_names, self.shapes)
        ]

    def explain(self, features: Mapping[str, float], words: int | None = None) -> Explanation:
        """Probability, 0-100 score and the exact per-feature decomposition for one article of
        ``words`` words (contributions scaled by :func:`evidence_weight`; None: counted in full)."""
        weight = evidence_weight(words)
        terms = self.contributions(features)
        if weight < 1.0:
            terms = [weight * t for t in terms]
        total = math.fsum(terms)
        logit = self.baseline_logit + total
        p, p0 = sigmoid(logit), sigmoid(self.baseline_logit)
        slope = (p - p0) / total if abs(total) > 1e-9 else p0 * (1.0 - p0)
        contributions = dict(zip(self.feature_names, terms))
        points = {n: 100.0 * slope * t for n, t in contributions.items()}
        return Explanation(p, 100.0 * p, 100.0 * p0, logit, contributions, points, weight)

    def predict_proba(self, rows: list[Mapping[str, float]]) -> list[float]:
        """Probability of 'reliable' for each feature mapping."""
        return [self.explain(row).probability for row in rows]
