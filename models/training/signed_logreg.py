"""Logistic regression whose coefficients agree in sign with each feature's own association with
the label. Collinear features otherwise take opposite signs (boilerplate share +, boilerplate line
share -), which is exact arithmetic but a false statement to a reader; such features are dropped one
at a time (largest wrong-signed coefficient first) and the model refit."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression


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
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        direction = label_direction(X, y, weights)
        if self.directions is not None:
            prior = np.asarray(self.directions, dtype=float)
            # A prior direction overrides the data's; a feature whose data contradicts it, or whose
            # prior is NaN (not modelled), starts inactive.
            direction = np.where(
                np.isnan(prior) | ((prior != 0) & (direction != prior)),
                0.0,
                np.where(prior != 0, prior, direction),
            )
        active = direction != 0
        while True:
            model = LogisticRegression(C=self.C, max_iter=self.max_iter, random_state=self.random_state)
            model.fit(X[:, active], y, sample_weight=weights)
            coef = np.zeros(X.shape[1])
            coef[active] = model.coef_[0]
            wrong = active & (np.sign(coef) != direction) & (coef != 0)
            if not wrong.any():
                break
            active[np.argmax(np.where(wrong, np.abs(coef), -1.0))] = False
        intercept = float(model.intercept_[0])
        if self.recalibrate:
            logit = X @ coef + intercept
            platt = LogisticRegression(C=1e4, max_iter=self.max_iter).fit(logit[:, None], y)
            a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
            coef, intercept = a * coef, a * intercept + b
        self.coef_ = coef[None, :]
        self.intercept_ = np.array([intercept])
        self.classes_ = model.classes_
        self.active_ = active
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(X, dtype=float) @ self.coef_[0] + self.intercept_[0]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
