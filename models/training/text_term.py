"""Fitting the model's text term: tf-idf over word uni/bigrams used by many publishers -> logistic.

Its vocabulary keeps only n-grams that occur in articles of at least ``min_publishers`` distinct
publishers, so publisher fingerprints (datelines, bylines, site names) cannot enter it. Vectors are
l1-normalised (see :class:`~credibly.models.runtime.text_term.TextTerm`), so the term does not track
article length.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from credibly.models.runtime.text_term import TextTerm

SEED = 20261121
MIN_PUBLISHERS = 5
TEXT_C = 4.0


def _identity(grams: list[str]) -> list[str]:
    return grams


def publisher_vocabulary(
    gram_lists: Sequence[Sequence[str]],
    publishers: Sequence[str] | np.ndarray,
    min_publishers: int = MIN_PUBLISHERS,
) -> list[str]:
    """N-grams used by at least ``min_publishers`` distinct publishers, sorted for determinism."""
    seen: dict[str, set[str]] = defaultdict(set)
    for grams, pub in zip(gram_lists, publishers):
        for g in set(grams):
            seen[g].add(pub)
    return sorted(g for g, pubs in seen.items() if len(pubs) >= min_publishers)


def fit_text_term(
    gram_lists: Sequence[Sequence[str]],
    y: np.ndarray,
    weights: np.ndarray,
    publishers: Sequence[str] | np.ndarray,
    c: float = TEXT_C,
) -> TextTerm:
    """Fit the text term on training articles (their n-gram lists, labels, weights, publishers)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    vocab = publisher_vocabulary(gram_lists, publishers)
    vectorizer = TfidfVectorizer(
        analyzer=_identity, vocabulary=vocab, sublinear_tf=True, norm=None, lowercase=False
    )
    raw = vectorizer.fit_transform([list(g) for g in gram_lists])
    scale = l1_scale(raw)
    logreg = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    logreg.fit(normalize(raw, norm="l1") * scale, y, sample_weight=weights)
    return TextTerm(
        vocabulary={g: i for i, g in enumerate(vocab)},
        idf=np.asarray(vectorizer.idf_, dtype=float),
        coef=np.asarray(logreg.coef_[0], dtype=float),
        intercept=float(logreg.intercept_[0]),
        scale=scale,
    )


def l1_scale(matrix: Any) -> float:
    """Median l1/l2 norm ratio of the non-empty rows of a non-negative sparse ``matrix`` (1.0 if none)."""
    l1 = np.asarray(matrix.sum(axis=1)).ravel()
    l2 = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    kept = l2 > 0
    return float(np.median(l1[kept] / l2[kept])) if kept.any() else 1.0
