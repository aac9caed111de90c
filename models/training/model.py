"""The reliability model as trained: monotone additive shapes over the signals (+ optional text term).

An additive logistic model keeps every explanation exact (contributions sum to the logit) and lets
each signal's effect bend (a first typo costs more than the twentieth) while staying monotone in the
direction its declaration states. The optional text term is a tf-idf logistic model over topic-masked
n-grams, cross-fitted so the additive model learns how far it carries to unseen publishers, and
capped so the signal families keep most of the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit
from sklearn.model_selection import StratifiedGroupKFold

from credibly.models.runtime.additive import AdditiveScorer, evidence_weight
from credibly.models.runtime.specs import spec_for
from credibly.models.runtime.text_term import TEXT_FEATURE, TextTerm
from credibly.models.training.additive import MonotoneAdditiveClassifier
from credibly.models.training.text_term import fit_text_term

SEED = 20261121
C = 0.05
INNER_FOLDS = 5
USE_TEXT_TERM = True
MAX_TEXT_SHARE = 0.3
# An article at every feature's reference (no defect, typical sourcing and style) has no evidence
# either way: it scores 50, mid-scale, by construction.
BASELINE_LOGIT = 0.0
# Every occurrence of a defect costs something: at least MIN_DEFECT_COST logit (about 2.5 points at
# mid-scale) per occurrence in a 500-word, 25-sentence article, up to the feature's last knot, whatever
# the training data say (typos are rare in every corpus, so the data alone would make them nearly
# free, and a floor on the first segment alone made the second typo free). The values are one
# occurrence in that article, in each feature's unit.
MIN_DEFECT_COST = 0.1
ONE_DEFECT = {
    "style.misspelling_rate": 0.2,  # per 100 words
    "style.fused_words_per_1000_words": 2.0,
    "style.disfluent_sentence_share": 0.04,  # of sentences
    "consistency.name_variants_per_1000_words": 2.0,
    "consistency.quantity_conflicts_per_1000_words": 2.0,
    "consistency.date_conflicts_per_1000_words": 2.0,
}  # of the training logit's variance: the signal families carry the rest


def directions(names: Sequence[str]) -> tuple[float, ...]:
    """Per-column direction for :class:`MonotoneAdditiveClassifier`, from the feature declarations:
    +1 / -1 where theory fixes it, 0 to follow the data (still monotone), NaN for a feature that is
    reported but never modelled."""
    out = []
    for name in names:
        spec = spec_for(name)
        out.append(float("nan") if not spec.modelled else float(spec.direction or 0))
    return tuple(out)


def fit_additive(
    X: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    names: Sequence[str],
    corpora: np.ndarray | None = None,
    c: float = C,
) -> MonotoneAdditiveClassifier:
    """The additive model over the named columns (signals, and the text column when present); a
    feature whose direction theory leaves open is used only if it agrees across ``corpora``."""
    floors = tuple(MIN_DEFECT_COST / ONE_DEFECT[n] if n in ONE_DEFECT else 0.0 for n in names)
    model = MonotoneAdditiveClassifier(
        directions=directions(names), C=c, baseline_logit=BASELINE_LOGIT, min_slopes=floors
    )
    return model.fit(X, y, sample_weight=weights, groups=corpora)


@dataclass(frozen=True)
class Model:
    """A fitted additive model and, when used, the text term that feeds its last column."""

    additive: MonotoneAdditiveClassifier
    names: tuple[str, ...]
    text_term: TextTerm | None = None

    def columns(self, X: np.ndarray, grams: Sequence[Sequence[str]]) -> np.ndarray:
        if self.text_term is None:
            return X
        return np.column_stack([X, [self.text_term.logit(g) for g in grams]])

    def predict_proba(
        self, X: np.ndarray, grams: Sequence[Sequence[str]], words: Sequence[int] | None = None
    ) -> np.ndarray:
        """P(reliable); with ``words`` (each article's word count), short texts' contributions are
        scaled by :func:`evidence_weight` as at scoring time."""
        weight = 1.0 if words is None else np.array([evidence_weight(int(n)) for n in words])
        return expit(self.additive.intercept_ + weight * self.contributions(X, grams).sum(axis=1))

    def contributions(self, X: np.ndarray, grams: Sequence[Sequence[str]]) -> np.ndarray:
        return self.additive.contributions(self.columns(X, grams))


def cross_fitted_text_logits(
    grams: Sequence[Sequence[str]], y: np.ndarray, weights: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Out-of-fold text-term logits (publisher-grouped inner folds)."""
    out = np.zeros(len(y))
    cv = StratifiedGroupKFold(n_splits=INNER_FOLDS, shuffle=True, random_state=SEED)
    for tr, te in cv.split(np.zeros(len(y)), y, groups):
        term = fit_text_term([grams[i] for i in tr], y[tr], weights[tr], groups[tr])
        out[te] = [term.logit(grams[i]) for i in te]
    return out


def fit_model(
    X: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    names: Sequence[str],
    publishers: np.ndarray,
    corpora: np.ndarray,
    grams: Sequence[Sequence[str]] | None = None,
    c: float = C,
) -> Model:
    """Signals only, or (with ``grams``) signals first and then the text term on what they leave
    unexplained, its share of the training logit's variance capped at ``MAX_TEXT_SHARE``."""
    signals = fit_additive(X, y, weights, names, corpora, c)
    if grams is None:
        return Model(signals, tuple(names))
    column = cross_fitted_text_logits(grams, y, weights, publishers)[:, None]
    offset = signals.decision_function(X)
    text = MonotoneAdditiveClassifier(directions=(1.0,), C=c, baseline_logit=0.0)
    text.fit(column, y, weights, offset=offset)
    text_part = text.contributions(column)[:, 0]
    scale = _cap(offset - signals.intercept_, text_part)
    combined = combine(signals, text, scale)
    return Model(combined, (*names, TEXT_FEATURE), fit_text_term(grams, y, weights, publishers))


def _cap(signal_part: np.ndarray, text_part: np.ndarray) -> float:
    """The factor (<= 1) on the text contribution that keeps its variance share <= MAX_TEXT_SHARE."""

    def share(k: float) -> float:
        total = signal_part + k * text_part
        var = total.var()
        return (
            float(np.mean((k * text_part - k * text_part.mean()) * (total - total.mean())) / var)
            if var
            else 0.0
        )

    if share(1.0) <= MAX_TEXT_SHARE:
        return 1.0
    lo, hi = 0.0, 1.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if share(mid) <= MAX_TEXT_SHARE else (lo, mid)
    return lo


def combine(
    signals: MonotoneAdditiveClassifier, text: MonotoneAdditiveClassifier, scale: float
) -> MonotoneAdditiveClassifier:
    """One additive model: the signal shapes, then the text shape scaled by ``scale``."""
    out = MonotoneAdditiveClassifier(directions=(*signals.direction_, 1.0), C=signals.C)
    out.classes_ = signals.classes_
    out.n_features_in_ = signals.n_features_in_ + 1
    out.knots_ = [*signals.knots_, text.knots_[0]]
    out.slopes_ = [*signals.slopes_, tuple(scale * s for s in text.slopes_[0])]
    out.reference_ = np.append(signals.reference_, text.reference_[0])
    out.direction_ = np.append(signals.direction_, 1.0)
    out.intercept_ = signals.intercept_ + text.intercept_
    out.n_iter_ = signals.n_iter_ + text.n_iter_
    return out


def reliable_quantiles(
    X: np.ndarray, y: np.ndarray, names: Sequence[str], points: int = 101
) -> dict[str, list[float]]:
    """Each feature's quantiles among reliable training articles (for percentiles in reasons)."""
    reliable = X[np.asarray(y) == 1]
    if len(reliable) == 0:
        return {}
    qs = np.nanquantile(reliable, np.linspace(0, 1, points), axis=0)
    return {name: [round(float(v), 6) for v in qs[:, j]] for j, name in enumerate(names)}


def to_scorer(model: Model, name: str, metadata: dict) -> AdditiveScorer:
    """The fitted model as the exactly explainable :class:`AdditiveScorer` used at scoring time."""
    return AdditiveScorer(
        feature_names=model.names,
        shapes=tuple(model.additive.shapes()),
        baseline_logit=float(model.additive.intercept_),
        name=name,
        metadata=metadata,
        text_term=model.text_term,
    )
