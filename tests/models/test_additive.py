"""The additive scorer: monotone shapes, no contribution at the reference, exact explanations."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from credibly.models.runtime.additive import FULL_EVIDENCE_WORDS, AdditiveScorer, Shape, evidence_weight

DEFECT = Shape((0.0, 1.0, 4.0), (-0.8, -0.2), 0.0)  # lowers, zero-inflated: reference 0
SOURCING = Shape((0.1, 0.3, 0.5, 0.8), (0.5, 1.0, 0.25), 0.4)  # raises, reference the median
MODEL = AdditiveScorer(("style.typos", "attribution.share"), (DEFECT, SOURCING), baseline_logit=0.0)


def test_reference_values_contribute_nothing_and_score_the_baseline():
    assert DEFECT(0.0) == 0.0 and SOURCING(0.4) == 0.0
    exp = MODEL.explain({"style.typos": 0.0, "attribution.share": 0.4})
    assert exp.score == exp.baseline_score == 50.0


def test_shapes_are_piecewise_linear_and_flat_beyond_the_last_knot():
    assert math.isclose(DEFECT(0.5), -0.4) and math.isclose(DEFECT(2.0), -0.8 - 0.2)
    assert DEFECT(4.0) == DEFECT(400.0)
    assert SOURCING(0.0) == SOURCING(0.1)


def test_missing_and_nan_values_count_as_the_reference():
    assert MODEL.explain({}).score == 50.0
    assert MODEL.explain({"style.typos": float("nan")}).contributions["style.typos"] == 0.0


@given(st.floats(-10, 10), st.floats(-10, 10))
def test_shapes_are_monotone_in_their_direction(a, b):
    lo, hi = sorted((a, b))
    assert DEFECT(lo) >= DEFECT(hi)
    assert SOURCING(lo) <= SOURCING(hi)


@given(st.floats(0, 20), st.floats(0, 1))
def test_points_add_up_exactly_and_share_the_sign_of_their_contribution(typos, share):
    exp = MODEL.explain({"style.typos": typos, "attribution.share": share})
    assert math.isclose(exp.baseline_score + sum(exp.points.values()), exp.score, abs_tol=1e-9)
    for name, points in exp.points.items():
        assert points * exp.contributions[name] >= 0


def test_texts_from_full_evidence_words_up_count_in_full() -> None:
    features = {"style.typos": 3.0, "attribution.share": 0.7}
    full = MODEL.explain(features)
    assert MODEL.explain(features, FULL_EVIDENCE_WORDS) == full
    assert MODEL.explain(features, 10 * FULL_EVIDENCE_WORDS) == full
    assert full.evidence_weight == 1.0


@given(st.integers(0, FULL_EVIDENCE_WORDS - 1), st.floats(0, 20), st.floats(0, 1))
def test_shorter_texts_are_pulled_towards_the_baseline_and_stay_exactly_explained(words, typos, share):
    features = {"style.typos": typos, "attribution.share": share}
    full, short = MODEL.explain(features), MODEL.explain(features, words)
    assert short.evidence_weight == math.sqrt(words / FULL_EVIDENCE_WORDS) < 1.0
    assert abs(short.score - short.baseline_score) <= abs(full.score - full.baseline_score) + 1e-9
    assert (short.score - 50.0) * (full.score - 50.0) >= 0  # same side of the middle
    assert math.isclose(short.baseline_score + sum(short.points.values()), short.score, abs_tol=1e-9)
    for name, value in short.contributions.items():
        assert math.isclose(value, short.evidence_weight * full.contributions[name], abs_tol=1e-12)


def test_the_evidence_weight_grows_with_length_up_to_one() -> None:
    weights = [evidence_weight(n) for n in (0, 5, 20, 40, FULL_EVIDENCE_WORDS, 5000)]
    assert weights == sorted(weights) and weights[0] == 0.0 and weights[-2:] == [1.0, 1.0]
    assert evidence_weight(None) == 1.0
