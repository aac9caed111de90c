"""The interim transparent rule: hand-set weights over a few signals, used only when no trained
artifact ships. Each entry is ``feature: (typical value, typical spread, weight)``; the weight is
the logit change for one spread above the typical value (positive = more reliable)."""

from __future__ import annotations

import numpy as np

from models.linear import LinearScorer

RULE: dict[str, tuple[float, float, float]] = {
    "attribution.attributed_sentence_share": (0.30, 0.15, 0.6),
    "attribution.named_source_share": (0.60, 0.30, 0.4),
    "attribution.unattributed_factual_share": (0.50, 0.20, -0.4),
    "hedging.boosters_per_sentence": (0.05, 0.05, -0.3),
    "hedging.weasels_per_sentence": (0.02, 0.03, -0.3),
    "consistency.inconsistencies": (0.0, 1.0, -0.5),
    "style.misspelling_rate": (0.2, 0.3, -0.5),
    "style.boilerplate_share": (0.0, 0.05, -0.3),
    "style.clickbait_score": (0.2, 0.2, -0.4),
    "style.caps_rate": (0.2, 0.5, -0.3),
    "style.exclamation_rate": (0.01, 0.05, -0.4),
}


def interim_rule() -> LinearScorer:
    """The documented rule as a :class:`LinearScorer`, so it is explained exactly like a trained model."""
    names = tuple(RULE)
    values = np.array([RULE[n] for n in names], dtype=float)
    return LinearScorer(
        feature_names=names,
        center=values[:, 0],
        scale=values[:, 1],
        coef=values[:, 2],
        intercept=0.8,
        clip=3.0,
        name="interim-rule-v1",
    )
