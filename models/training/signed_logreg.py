"""Logistic regression whose coefficients agree in sign with each feature's own association with
the label. Collinear features otherwise take opposite signs (boilerplate share +, boilerplate line
share -), which is exact arithmetic but a false statement to a reader; such features are dropped one
at a time (largest wrong-signed coefficient first) and the model refit."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data


def label_direction(X: np.ndarray, y: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """+1 / -1 / 0 per column: the sign of (weighted mean among y=1) - (weighted mean among y=0)."""
    pos, neg = y == 1, y == 0
    mean_pos = np.average(X[pos], axis=0, weights=weights[pos])
    mean_neg = np.average(X[neg], axis=0, weights=weights[neg])
    diff = mean_pos - mean_neg
    spread = X.std(axis=0)
    return np.where(spread > 1e-12, np.sign(diff), 0.0)


class SignConsistentLogisticRegression(ClassifierMixin, BaseEstimator):
    """L2 logistic regression restricted to sign-consistent features; ``coef_`` keeps every column
    (zeros for dropped ones) so downstream explanation code sees one weight per feature.

    ``directions`` optionally fixes each column's expected sign: +1 / -1, 0 = follow the data,
    NaN = never use the column. With ``recalibrate``, a Platt step on the unweighted training data
    (logit' = a * logit + b) is folded into ``coef_`` and ``intercept_``: sample weights that balance
    corpora shift the base rate, and folding keeps the model linear so explanations stay exact."""

    def __init__(
        self,
        C: float = 1.0,
        max_iter: int = 5000,
        random_state: int | None = None,
        directions: tuple[float, ...] | None = None,
        recalibrate: bool = False,
    ):
        self.C = C
        self.max_iter = max_iter
        self.random_state = random_state
        self.directions = directions
        self.recalibrate = recalibrate

    def fit(
        self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> SignConsistentLogisticRegression:
        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        classes, y = np.unique(y, return_inverse=True)
        if len(classes) > 2:
            raise ValueError(f"Only binary classification is supported; y has {len(classes)} classes")
        weights = _check_sample_weight(sample_weight, X, dtype=np.float64)
        if len(classes) < 2 or min(weights[y == 0].sum(), weights[y == 1].sum()) <= 0:
            raise ValueError("needs samples of two classes with positive weight; got one class")
        direction = label_direction(X, y, weights)
        if self.directions is not None:
            prior = np.asarray(self.directions, dtype=float)
            if prior.shape != (X.shape[1],):
                raise ValueError(f"directions has {prior.size} entries for {X.shape[1]} features")
            # A prior direction overrides the data's; a feature whose data contradicts it, or whose
            # prior is NaN (not modelled), starts inactive.
            direction = np.where(
                np.isnan(prior) | ((prior != 0) & (direction != prior)),
                0.0,
                np.where(prior != 0, prior, direction),
            )
        active = direction != 0
        coef, intercept, n_iter = np.zeros(X.shape[1]), _base_logit(y, weights), np.zeros(1, dtype=np.int32)
        while active.any():
            model = LogisticRegression(C=self.C, max_iter=self.max_iter, random_state=self.random_state)
            model.fit(X[:, active], y, sample_weight=weights)
            coef = np.zeros(X.shape[1])
            coef[active] = model.coef_[0]
            intercept, n_iter = float(model.intercept_[0]), model.n_iter_
            wrong = active & (np.sign(coef) != direction) & (coef != 0)
            if not wrong.any():
                break
            active[np.argmax(np.where(wrong, np.abs(coef), -1.0))] = False
        if self.recalibrate and active.any():
            logit = X @ coef + intercept
            platt = LogisticRegression(C=1e4, max_iter=self.max_iter).fit(logit[:, None], y)
            a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
            coef, intercept = a * coef, a * intercept + b
        self.classes_ = classes
        self.coef_ = coef[None, :]
        self.intercept_ = np.array([intercept])
        self.active_ = active
        self.n_iter_ = n_iter
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """The logit of the second class for each row."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        return X @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: np.ndarray) -> np.ndarray:
        positive = (self.decision_function(X) > 0).astype(int)
        return self.classes_[positive]

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        assert tags.classifier_tags is not None
        tags.classifier_tags.multi_class = False
        return tags


def _base_logit(y: np.ndarray, weights: np.ndarray) -> float:
    """The weighted log-odds of the second class: the intercept when no feature is usable."""
    share = float(np.clip(np.average(y, weights=weights), 1e-6, 1 - 1e-6))
    return float(np.log(share / (1.0 - share)))
