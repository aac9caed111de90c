"""Readable reasons from the model's exact decomposition, each tied to the words it is about.

A reason says what was found ("3 misspelled words (e.g. 'governmnet')"), how unusual that is for
reliable reporting ("more than in 95% of reliable articles") and what the model made of it ("lowers
the score by 4.1 points"). Its evidence is the spans that show the feature pushing the way the
reason says; a feature at its reference contributes nothing and is never a reason, so absent things
earn no credit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from credibly.features.attribution import NO_CREDIT_NOTE
from credibly.features.evidence import Evidence
from credibly.models.runtime.additive import AdditiveScorer, Explanation
from credibly.models.runtime.specs import spec_for
from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.scoring.reasons_text import (
    EVIDENCE_NOTES,
    SOURCING_CREDIT,
    Found,
    evidence_kinds,
    percentile_phrase,
    phrase,
)
from credibly.scoring.result import Reason

MAX_REASONS = 6
MIN_POINTS = 0.5
MAX_EVIDENCE_PER_REASON = 8


def percentile(value: float, quantiles: list[float]) -> float:
    """Percentile (0-100) of ``value`` within reference quantiles taken at evenly spaced ranks."""
    if not quantiles:
        return float("nan")
    lo = bisect_left(quantiles, value)
    hi = bisect_left(quantiles, value + 1e-12 * max(1.0, abs(value)), lo)
    rank = (lo + hi) / 2 if hi > lo else lo
    return round(100.0 * rank / len(quantiles), 1)


def _supporting(feature: str, raises: bool, evidence: Sequence[Evidence]) -> list[int]:
    """Indices of the spans that show ``feature`` pushing the score up (``raises``) or down."""
    family = feature.partition(".")[0]
    if feature == TEXT_FEATURE:
        side = "reliable" if raises else "unreliable"
        return [
            i for i, e in enumerate(evidence) if e.signal == "text" and e.note.endswith(f" {side} articles")
        ]
    kinds = evidence_kinds(feature, raises)
    note = EVIDENCE_NOTES.get(feature) if kinds == spec_for(feature).evidence else None
    uncredited = NO_CREDIT_NOTE if feature in SOURCING_CREDIT else None
    return [
        i
        for i, e in enumerate(evidence)
        if e.signal == family
        and e.kind in kinds
        and (note is None or e.note == note)
        and not (uncredited and e.note.endswith(uncredited))
    ]


def build_reasons(
    exp: Explanation,
    features: Mapping[str, float],
    evidence: Sequence[Evidence],
    model: AdditiveScorer,
    words: int,
) -> tuple[Reason, ...]:
    """Top reasons by absolute points, each with what was found, signed points and its evidence."""
    strong = [(feature, pts) for feature, pts in exp.points.items() if abs(pts) >= MIN_POINTS]
    ranked = sorted(strong, key=lambda kv: -abs(kv[1]))[:MAX_REASONS]
    reference = model.metadata.get("reliable_quantiles", {})
    reasons = []
    for feature, pts in ranked:
        value = float(features.get(feature, 0.0))
        raises = pts > 0
        spans = _supporting(feature, raises, evidence)
        found = Found(value, raises, len(spans), words, tuple(evidence[i].text for i in spans[:3]))
        measured = phrase(feature, found)
        where = percentile(value, reference[feature]) if feature in reference else None
        unusual = percentile_phrase(feature, where, raises)
        if unusual:
            measured = f"{measured}: {unusual}"
        conclusion = f"{'raises' if raises else 'lowers'} the score by {abs(pts):.1f} points"
        reasons.append(
            Reason(
                feature=feature,
                signal=feature.partition(".")[0],
                value=round(value, 4),
                points=round(pts, 1),
                measured=measured,
                conclusion=conclusion,
                text=f"{measured} ({conclusion})",
                percentile_among_reliable=where,
                evidence=tuple(spans[:MAX_EVIDENCE_PER_REASON]),
            )
        )
    return tuple(reasons)
