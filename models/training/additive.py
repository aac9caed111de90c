"""Fitting the additive reliability model: one monotone piecewise-linear shape per signal, summed.

Each feature is expanded into segment fills between knots taken from its training distribution
(zero-inflated features such as defect rates: 0 and quantiles of their positive values; others:
spread quantiles; one straight segment when theory leaves the direction open), measured from a
reference value (0 for zero-inflated features: no defect is no evidence; the median otherwise). A
weighted L2 logistic regression over the fills, with every slope bounded to the feature's direction
(theory's, or the sign of its association with the label when theory leaves it open), gives shapes
that are monotone, flat beyond the last knot, and exactly additive. The intercept is the logit of an
article at every reference: the model's baseline.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from credibly.models.runtime.additive import Shape

ZERO_SHARE = 0.3  # a non-negative feature this often exactly 0 is zero-inflated (reference 0)
ZERO_INFLATED_QUANTILES = (0.5, 0.8, 0.95)  # of the positive values
SPREAD_QUANTILES = (0.05, 0.35, 0.65, 0.95)
# A feature whose direction theory leaves open gets one straight segment: bends would let the data
# fit one corpus's curve (or, near 0, a step for "present at all", and presence grows with length).
STRAIGHT_ZERO_INFLATED_QUANTILES = (0.95,)
STRAIGHT_SPREAD_QUANTILES = (0.05, 0.95)


def weighted_quantiles(x: np.ndarray, weights: np.ndarray, qs: Sequence[float]) -> np.ndarray:
    """Quantiles of ``x`` under ``weights``: the inverse of the weighted empirical CDF (so an integer
    weight is the same as repeating the value)."""
    order = np.argsort(x, kind="stable")
    xs, ws = x[order], weights[order]
    cdf = np.cumsum(ws) / ws.sum()
    at = np.searchsorted(cdf, np.asarray(qs, dtype=float) - 1e-12)
    return xs[np.minimum(at, len(xs) - 1)]


def choose_knots(
    x: np.ndarray, weights: np.ndarray, straight: bool = False
) -> tuple[tuple[float, ...], float]:
    """Knots and reference of one feature from its finite training values; ``straight``: one
    segment (two knots) instead of three."""
    if len(x) == 0:
        return (), 0.0
    if x.min() >= 0 and np.average(x == 0, weights=weights) >= ZERO_SHARE:
        positive = x > 0
        if not positive.any():
            return (), 0.0
        quantiles = STRAIGHT_ZERO_INFLATED_QUANTILES if straight else ZERO_INFLATED_QUANTILES
        upper = weighted_quantiles(x[positive], weights[positive], quantiles)
        knots = np.unique(np.round(np.concatenate([[0.0], upper]), 10))
        return tuple(float(k) for k in knots), 0.0
    spread = STRAIGHT_SPREAD_QUANTILES if straight else SPREAD_QUANTILES
    knots = np.unique(np.round(weighted_quantiles(x, weights, spread), 10))
    reference = float(weighted_quantiles(x, weights, [0.5])[0])
    return tuple(float(k) for k in knots), reference


def segment_fills(x: np.ndarray, knots: Sequence[float]) -> np.ndarray:
    """``(n, len(knots) - 1)``: how much of each segment lies below each value (NaN -> 0 rows)."""
    k = np.asarray(knots, dtype=float)
    if len(k) < 2:
        return np.zeros((len(x), 0))
    filled = np.clip(np.nan_to_num(x, nan=k[0])[:, None] - k[:-1], 0.0, np.diff(k))
    return filled


class MonotoneAdditiveClassifier(ClassifierMixin, BaseEstimator):
    """Additive logistic model with one monotone piecewise-linear shape per column.

    ``directions``: per column +1 (raises), -1 (lowers), 0 (follow the sign of the column's
    association with the label), NaN (never used); None means 0 for every column. ``C`` is the
    inverse L2 strength on the standardised fills (as in scikit-learn's LogisticRegression).
    ``baseline_logit`` fixes the logit of an article at every reference (None: fitted).
    ``min_slopes`` (per column, >= 0) bounds the magnitude of every segment's slope from below, in
    the column's direction: each occurrence of a defect has a visible cost, up to the last knot
    (beyond it the shape is flat, so one extreme value cannot dominate)."""

    def __init__(
        self,
        directions: tuple[float, ...] | None = None,
        C: float = 1.0,
        max_iter: int = 1000,
        baseline_logit: float | None = None,
        min_slopes: tuple[float, ...] | None = None,
    ):
        self.directions = directions
        self.C = C
        self.max_iter = max_iter
        self.baseline_logit = baseline_logit
        self.min_slopes = min_slopes

    def fit(
        self,
        X: np.ndarray,
        y: np.ndarray,
        sample_weight: np.ndarray | None = None,
        groups: np.ndarray | None = None,
        offset: np.ndarray | None = None,
    ) -> MonotoneAdditiveClassifier:
        """Fit the shapes. With ``groups`` (e.g. the corpus of each row), a column whose direction is
        left to the data is used only when its association with the label has the same sign in every
        group that has both labels: an effect that flips between corpora would not transfer. With
        ``offset`` (a logit per row from another model), the shapes explain what it leaves unexplained."""
        X, y = validate_data(self, X, y, dtype=np.float64, ensure_all_finite="allow-nan")
        check_classification_targets(y)
        y_type = type_of_target(y, input_name="y", raise_unknown=True)
        if y_type not in ("binary", "multiclass"):
            raise ValueError(f"Only binary classification is supported. The type of the target is {y_type}.")
        self.classes_, y = np.unique(y, return_inverse=True)
        if len(self.classes_) > 2:
            raise ValueError(f"Only binary classification is supported. The type of the target is {y_type}.")
        if len(self.classes_) < 2:
            raise ValueError("needs two classes; y has one class")
        w = _check_sample_weight(sample_weight, X, dtype=np.float64)
        n, d = X.shape
        prior = np.zeros(d) if self.directions is None else np.asarray(self.directions, dtype=float)
        if prior.shape != (d,):
            raise ValueError(f"directions has {prior.size} entries for {d} columns")
        self.knots_: list[tuple[float, ...]] = []
        self.reference_ = np.zeros(d)
        self.direction_ = np.zeros(d)
        blocks, owners = [], []
        for j in range(d):
            finite = np.isfinite(X[:, j])
            knots, reference = choose_knots(X[finite, j], w[finite], straight=prior[j] == 0)
            if prior[j] != prior[j] or len(knots) < 2:
                knots = ()
            direction = prior[j] if prior[j] == prior[j] else 0.0
            if direction == 0 and knots:
                direction = _association(X[finite, j], y[finite], w[finite])
                if groups is not None and not _same_sign_in(
                    groups[finite], X[finite, j], y[finite], w[finite], direction
                ):
                    knots = ()
            self.knots_.append(knots)
            self.reference_[j] = reference
            self.direction_[j] = direction if knots else 0.0
            fills = segment_fills(np.where(finite, X[:, j], reference), knots)
            fills -= segment_fills(np.array([reference]), knots)
            blocks.append(fills)
            owners += [j] * fills.shape[1]
        F = np.hstack(blocks) if owners else np.zeros((n, 0))
        self._owners = np.asarray(owners, dtype=int)
        scale = np.sqrt(np.average((F - np.average(F, axis=0, weights=w)) ** 2, axis=0, weights=w))
        scale[scale < 1e-12] = 1.0
        Z = F / scale
        signs = self.direction_[self._owners]
        bounds: list[tuple[float | None, float | None]] = [
            (0.0, None) if s > 0 else (None, 0.0) if s < 0 else (0.0, 0.0) for s in signs
        ]
        floors = np.zeros(d) if self.min_slopes is None else np.asarray(self.min_slopes, dtype=float)
        for k, j in enumerate(self._owners):
            if floors[j] > 0 and self.direction_[j] != 0:
                least = floors[j] * scale[k]
                bounds[k] = (least, None) if self.direction_[j] > 0 else (None, -least)
        fixed = self.baseline_logit
        bounds.append((None, None) if fixed is None else (fixed, fixed))  # intercept
        target = y.astype(float)
        base = np.zeros(n) if offset is None else np.asarray(offset, dtype=float)

        def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
            z = Z @ theta[:-1] + theta[-1] + base
            value = -np.sum(w * (target * log_expit(z) + (1 - target) * log_expit(-z)))
            residual = w * (expit(z) - target)
            grad = np.append(Z.T @ residual + theta[:-1] / self.C, residual.sum())
            return value + 0.5 * theta[:-1] @ theta[:-1] / self.C, grad

        start = np.array(
            [
                lo if lo is not None and lo > 0 else hi if hi is not None and hi < 0 else 0.0
                for lo, hi in bounds
            ]
        )
        start[-1] = 0.0 if fixed is None else fixed
        result = minimize(
            loss,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"maxiter": self.max_iter, "gtol": 1e-8},
        )
        slopes = result.x[:-1] / scale
        self.intercept_ = float(result.x[-1])
        self.slopes_ = [tuple(float(s) for s in slopes[self._owners == j]) for j in range(d)]
        self.n_iter_ = int(result.nit)
        return self

    def shapes(self) -> list[Shape]:
        """The fitted per-column shapes (contribution 0 at each column's reference)."""
        check_is_fitted(self)
        return [
            Shape(knots, slopes, float(ref))
            for knots, slopes, ref in zip(self.knots_, self.slopes_, self.reference_)
        ]

    def contributions(self, X: np.ndarray) -> np.ndarray:
        """``(n, d)`` logit contribution of every column (NaN counts as the reference)."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, ensure_all_finite="allow-nan", reset=False)
        out = np.zeros(X.shape)
        for j, (knots, slopes, ref) in enumerate(zip(self.knots_, self.slopes_, self.reference_)):
            if knots:
                col = np.where(np.isfinite(X[:, j]), X[:, j], ref)
                fills = segment_fills(col, knots) - segment_fills(np.array([ref]), knots)
                out[:, j] = fills @ np.asarray(slopes)
        return out

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        check_is_fitted(self)
        return self.intercept_ + self.contributions(X).sum(axis=1)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = expit(self.decision_function(X))
        return np.column_stack([1 - p, p])

    def predict(self, X: np.ndarray) -> np.ndarray:
        check_is_fitted(self)
        return self.classes_[(self.decision_function(X) > 0).astype(int)]

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.classifier_tags.multi_class = False
        return tags


def _association(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """+1 / -1: the sign of the weighted covariance of a feature with the label (0 if none)."""
    if len(x) == 0:
        return 0.0
    cov = np.average((x - np.average(x, weights=w)) * (y - np.average(y, weights=w)), weights=w)
    return float(np.sign(cov))


def _same_sign_in(groups: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray, sign: float) -> bool:
    """True when the feature's association with the label has sign ``sign`` in every group with both
    labels (groups where the feature is constant do not count against it)."""
    for g in np.unique(groups):
        m = groups == g
        if len(np.unique(y[m])) == 2 and np.ptp(x[m]) > 0 and _association(x[m], y[m], w[m]) != sign:
            return False
    return True
