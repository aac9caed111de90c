"""The training estimators follow scikit-learn's conventions (its own estimator checks)."""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from credibly.models.training.additive import MonotoneAdditiveClassifier


@parametrize_with_checks([MonotoneAdditiveClassifier()])
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
