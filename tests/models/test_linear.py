"""The linear scorer's explanation is exact: points add up to the score, signs follow contributions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from credibly.models.runtime.linear import LinearScorer

MODEL = LinearScorer(
    feature_names=("a", "b", "c"),
    center=np.array([0.0, 1.0, 2.0]),
    scale=np.array([1.0, 2.0, 0.5]),
    coef=np.array([0.8, -1.2, 0.3]),
    intercept=0.4,
    clip=4.0,
)

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(values, values, values)
def test_points_add_up_and_keep_signs(a, b, c):
    exp = MODEL.explain({"a": a, "b": b, "c": c})
    assert abs(exp.baseline_score + sum(exp.points.values()) - exp.score) < 1e-6
    for name, contribution in exp.contributions.items():
        assert np.sign(exp.points[name]) == np.sign(contribution) or abs(contribution) < 1e-12
    assert abs(exp.logit - (MODEL.intercept + sum(exp.contributions.values()))) < 1e-9


def test_probability_matches_matrix_prediction_and_clipping():
    x = {"a": 100.0, "b": 1.0, "c": 2.0}
    exp = MODEL.explain(x)
    assert exp.contributions["a"] == 0.8 * 4.0  # clipped at 4 standard units
    assert abs(exp.probability - MODEL.predict_proba(MODEL.vector(x)[None, :])[0]) < 1e-12


def test_missing_features_sit_at_the_centre():
    exp = MODEL.explain({})
    assert all(v == 0 for v in exp.contributions.values())
    assert abs(exp.score - exp.baseline_score) < 1e-12


feature_values = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 2.0])


@settings(max_examples=300, deadline=None)
@given(
    feature_values,
    feature_values,
    feature_values,
    st.sampled_from(
        [
            MODEL,
            LinearScorer(
                feature_names=("a", "b", "c"),
                center=np.array([0.0, 1.0, 2.0]),
                scale=np.array([1.0, 0.0, -0.0]),
                coef=np.array([0.8, -1.2, 0.3]),
                intercept=-0.2,
                clip=3.0,
            ),
        ]
    ),
)
def test_explanation_terms_match_the_matrix_path(a, b, c, model):
    with np.errstate(all="ignore"):
        exp = model.explain({"a": a, "b": b, "c": c})
        z = (np.array([[a, b, c]]) - model.center) / model.scale
        z = np.clip(np.nan_to_num(z, nan=0.0, posinf=model.clip, neginf=-model.clip), -model.clip, model.clip)
        terms = z[0] * model.coef
        assert np.array_equal(model.standardise(np.array([[a, b, c]])), z)
    assert [repr(v) for v in exp.contributions.values()] == [repr(float(t)) for t in terms]
    assert abs(exp.logit - (model.intercept + float(terms.sum()))) <= 1e-12 * max(
        1.0, float(np.abs(terms).sum())
    )
