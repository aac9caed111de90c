"""Fitting the additive model: directions hold, effects that flip between corpora are dropped."""

from __future__ import annotations

import numpy as np
import pytest

from credibly.models.training.additive import MonotoneAdditiveClassifier, choose_knots, weighted_quantiles

RNG = np.random.default_rng(0)
N = 600
Y = RNG.integers(0, 2, N)
DEFECTS = np.where(RNG.random(N) < 0.7, 0.0, RNG.exponential(1.0 + 2.0 * (1 - Y)))  # zero-inflated
SOURCING = RNG.normal(0.4 + 0.2 * Y, 0.1)
X = np.column_stack([DEFECTS, SOURCING])


def test_zero_inflated_features_get_reference_zero_and_knots_from_positive_values():
    knots, reference = choose_knots(DEFECTS, np.ones(N))
    assert reference == 0.0 and knots[0] == 0.0 and len(knots) == 4
    knots, reference = choose_knots(SOURCING, np.ones(N))
    assert knots[0] < reference < knots[-1]


def test_weighted_quantiles_follow_the_weights():
    x = np.array([0.0, 1.0])
    assert weighted_quantiles(x, np.array([1.0, 3.0]), [0.5])[0] > 0.5


def test_slopes_respect_declared_directions_even_against_the_data():
    model = MonotoneAdditiveClassifier(directions=(1.0, 1.0)).fit(X, Y)  # defects declared as raising
    assert all(s >= 0 for s in model.slopes_[0]) and all(s >= 0 for s in model.slopes_[1])
    assert not any(model.slopes_[0])  # the data say defects lower: the constrained slope stays 0
    free = MonotoneAdditiveClassifier(directions=(-1.0, 0.0)).fit(X, Y)
    assert any(s < 0 for s in free.slopes_[0]) and all(s >= 0 for s in free.slopes_[1])


def test_contributions_are_zero_at_the_reference_and_add_up_to_the_decision_function():
    model = MonotoneAdditiveClassifier(directions=(-1.0, 1.0)).fit(X, Y)
    parts = model.contributions(X)
    assert np.allclose(model.intercept_ + parts.sum(axis=1), model.decision_function(X))
    at_reference = model.contributions(model.reference_[None, :])
    assert np.allclose(at_reference, 0.0)
    shapes = model.shapes()
    assert np.isclose(shapes[1](X[3, 1]), parts[3, 1])


def test_fixed_baseline_and_nan_columns():
    model = MonotoneAdditiveClassifier(directions=(-1.0, float("nan")), baseline_logit=0.0).fit(X, Y)
    assert model.intercept_ == 0.0 and model.knots_[1] == () and not model.slopes_[1]
    assert model.decision_function(np.array([[np.nan, np.nan]]))[0] == 0.0


def test_an_effect_that_flips_between_corpora_is_not_used():
    groups = np.repeat(["a", "b"], N // 2)
    flipped = np.where(groups == "a", SOURCING, 1.2 - SOURCING)
    Xf = np.column_stack([DEFECTS, flipped])
    pooled = MonotoneAdditiveClassifier(directions=(-1.0, 0.0)).fit(Xf, Y)
    split = MonotoneAdditiveClassifier(directions=(-1.0, 0.0)).fit(Xf, Y, groups=groups)
    assert split.knots_[1] == () and pooled.knots_[1] != ()
    assert any(split.slopes_[0])


def test_offset_fits_what_another_model_leaves():
    strong = 3.0 * (SOURCING - 0.5)
    with_offset = MonotoneAdditiveClassifier(directions=(-1.0, 1.0)).fit(X, Y, offset=strong * 10)
    without = MonotoneAdditiveClassifier(directions=(-1.0, 1.0)).fit(X, Y)
    assert sum(with_offset.slopes_[1]) < sum(without.slopes_[1])


def test_one_class_is_refused():
    with pytest.raises(ValueError, match="one class"):
        MonotoneAdditiveClassifier().fit(X, np.ones(N))


def test_a_floor_gives_every_occurrence_a_cost_the_data_would_not():
    noise = np.where(RNG.random(N) < 0.8, 0.0, RNG.exponential(1.0, N))  # unrelated to the label
    Xn = np.column_stack([noise, SOURCING])
    free = MonotoneAdditiveClassifier(directions=(-1.0, 1.0)).fit(Xn, Y)
    floored = MonotoneAdditiveClassifier(directions=(-1.0, 1.0), min_slopes=(0.5, 0.0)).fit(Xn, Y)
    assert len(floored.slopes_[0]) >= 2
    assert all(s <= -0.5 + 1e-12 for s in floored.slopes_[0])
    assert any(s > -0.5 for s in free.slopes_[0])
    # up to the last knot only: beyond it the shape is flat
    shape = floored.shapes()[0]
    last = shape.knots[-1]
    assert shape(last + 10.0) == shape(last)


def test_a_learned_feature_is_one_straight_segment_not_a_presence_step():
    # Presence, not amount, goes with the label: the data alone would learn a step near 0.
    present = RNG.random(N) < np.where(Y == 1, 0.6, 0.2)
    rate = np.where(present, RNG.exponential(1.0, N), 0.0)
    Xr = np.column_stack([rate, SOURCING])
    learned = MonotoneAdditiveClassifier(directions=(0.0, 1.0)).fit(Xr, Y)
    declared = MonotoneAdditiveClassifier(directions=(1.0, 1.0)).fit(Xr, Y)
    assert len(learned.knots_[0]) == 2 and len(declared.knots_[0]) == 4
    shape = learned.shapes()[0]
    median, last = np.median(rate[present]), shape.knots[-1]
    assert shape(last) > 0 and np.isclose(shape(median) / shape(last), median / last)
    bent = declared.shapes()[0]
    assert bent(median) / bent(bent.knots[-1]) > median / bent.knots[-1] + 0.1  # the step it avoids
    spread = MonotoneAdditiveClassifier(directions=(-1.0, 0.0)).fit(X, Y)  # sourcing: learned, not 0-inflated
    assert len(spread.knots_[1]) == 2 and len(declared.knots_[1]) == 4
