"""Readable reasons from an exact model decomposition, each linked to its evidence spans.

A reason separates what was *measured* in the text ("3 misspellings: 'municipalitis', ...") from
what the *model concluded* ("-4.1 points"), and gives the feature's percentile among reliable
training articles when the model carries those reference quantiles.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from credibly.features.evidence import Evidence
from credibly.models.runtime.linear import Explanation, LinearScorer
from credibly.scoring.reasons_text import describe
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


def _evidence_by_family(evidence: Sequence[Evidence]) -> dict[str, list[tuple[int, str]]]:
    """``(index, kind)`` of the evidence spans of each signal family, in evidence order."""
    by_family: dict[str, list[tuple[int, str]]] = {}
    for i, e in enumerate(evidence):
        by_family.setdefault(e.signal, []).append((i, e.kind))
    return by_family


def _evidence_for(
    family: str, kinds: tuple[str, ...], by_family: dict[str, list[tuple[int, str]]]
) -> list[int]:
    """Indices of the evidence spans of ``family`` with one of ``kinds`` (what a reason points at)."""
    hits = [i for i, kind in by_family.get(family, ()) if kind in kinds]
    return hits[:MAX_EVIDENCE_PER_REASON]


def build_reasons(
    exp: Explanation, features: Mapping[str, float], evidence: Sequence[Evidence], model: LinearScorer
) -> tuple[Reason, ...]:
    """Top reasons by absolute points, each with measured text, signed points and its evidence."""
    strong = [(feature, pts) for feature, pts in exp.points.items() if abs(pts) >= MIN_POINTS]
    ranked = sorted(strong, key=lambda kv: -abs(kv[1]))[:MAX_REASONS]
    reference = model.metadata.get("reliable_quantiles", {})
    by_family = _evidence_by_family(evidence) if ranked else {}
    reasons = []
    for feature, pts in ranked:
        value = float(features.get(feature, 0.0))
        family = feature.partition(".")[0]
        description = describe(feature)
        spans = _evidence_for(family, description.kinds, by_family)
        measured = description.measured(value, [evidence[i] for i in spans])
        direction = "raises" if pts > 0 else "lowers"
        reasons.append(
            Reason(
                feature=feature,
                signal=family,
                value=round(value, 4),
                points=round(pts, 1),
                measured=measured,
                conclusion=f"{direction} the score by {abs(pts):.1f} points",
                text=f"{measured} ({pts:+.1f} points)",
                percentile_among_reliable=percentile(value, reference[feature])
                if feature in reference
                else None,
                evidence=tuple(spans),
            )
        )
    return tuple(reasons)
