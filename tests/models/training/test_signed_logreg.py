"""Sign-consistent logistic regression: no coefficient may contradict its feature's direction."""

from __future__ import annotations

import numpy as np

from credibly.models.training.signed_logreg import SignConsistentLogisticRegression, label_direction

RNG = np.random.default_rng(0)
N = 600
Y = (RNG.random(N) < 0.5).astype(int)
BASE = Y + RNG.normal(0, 1.0, N)
# A near-copy of BASE: unconstrained L2 logistic regression often splits them with opposite signs.
COLLINEAR = np.column_stack([BASE, BASE + RNG.normal(0, 0.05, N), RNG.normal(0, 1, N)])


def test_coefficients_agree_with_each_features_own_direction():
    model = SignConsistentLogisticRegression(C=100.0).fit(COLLINEAR, Y)
    direction = label_direction(COLLINEAR, Y, np.ones(N))
    coef = model.coef_[0]
    assert all(c == 0 or np.sign(c) == d for c, d in zip(coef, direction))
    assert model.active_[:2].any()
    assert model.predict_proba(COLLINEAR).shape == (N, 2)
    assert ((model.predict_proba(COLLINEAR)[:, 1] > 0.5) == Y).mean() > 0.6


def test_prior_directions_override_and_exclude():
    X = np.column_stack([BASE, -BASE + RNG.normal(0, 0.5, N), RNG.normal(0, 1, N)])
    model = SignConsistentLogisticRegression(directions=(1.0, 1.0, float("nan"))).fit(X, Y)
    assert model.coef_[0][0] > 0
    assert model.coef_[0][1] == 0  # data says negative, prior says positive: dropped
    assert model.coef_[0][2] == 0 and not model.active_[2]


def test_constant_columns_are_inactive():
    X = np.column_stack([BASE, np.ones(N)])
    model = SignConsistentLogisticRegression().fit(X, Y)
    assert list(model.active_) == [True, False]


def test_recalibration_restores_the_base_rate_under_skewed_weights():
    weights = np.where(Y == 1, 5.0, 1.0)  # weights that push predictions toward class 1
    raw = SignConsistentLogisticRegression().fit(COLLINEAR, Y, sample_weight=weights)
    cal = SignConsistentLogisticRegression(recalibrate=True).fit(COLLINEAR, Y, sample_weight=weights)
    base = Y.mean()
    assert abs(raw.predict_proba(COLLINEAR)[:, 1].mean() - base) > 0.1
    assert abs(cal.predict_proba(COLLINEAR)[:, 1].mean() - base) < 0.02
    ratio = cal.coef_[0][cal.active_] / raw.coef_[0][raw.active_]
    assert np.allclose(ratio, ratio[0])  # one common scale: ranking and explanations unchanged
