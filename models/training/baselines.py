"""Simple baselines evaluated on the same folds as the model: tf-idf + logistic regression, and
NELA-style lexicon counts + logistic regression (Horne et al.'s style/complexity counts)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

SEED = 20261121
_WORD = re.compile(r"[A-Za-z']+")
_COUNTS = {
    "first_person": re.compile(r"\b(?:i|me|my|we|us|our)\b", re.IGNORECASE),
    "second_person": re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE),
    "negation": re.compile(r"\b(?:not|no|never|none|nobody|nothing)\b|n't\b", re.IGNORECASE),
    "superlative": re.compile(r"\b\w+est\b|\bmost\b", re.IGNORECASE),
    "exclamation": re.compile(r"!"),
    "question": re.compile(r"\?"),
    "quote": re.compile(r"[\"“”]"),
    "number": re.compile(r"\d+"),
    "caps_word": re.compile(r"\b[A-Z]{3,}\b"),
    "said": re.compile(r"\b(?:said|says|told|according)\b", re.IGNORECASE),
}


def nela_counts(texts: list[str]) -> np.ndarray:
    """Per-text lexicon counts per 100 words plus length and lexical diversity."""
    rows = []
    for text in texts:
        words = _WORD.findall(text or "")
        n = max(len(words), 1)
        row = [np.log1p(len(words)), sum(map(len, words)) / n, len({w.lower() for w in words}) / n]
        row += [100.0 * len(rx.findall(text or "")) / n for rx in _COUNTS.values()]
        rows.append(row)
    return np.asarray(rows, dtype=float)


def _nela_transform(texts: Iterable[str]) -> np.ndarray:
    return nela_counts(list(texts))


def tfidf_model() -> Pipeline:
    """Word uni+bigram tf-idf into a regularised logistic regression."""
    return make_pipeline(
        TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=50000, ngram_range=(1, 2), lowercase=True),
        LogisticRegression(C=4.0, max_iter=5000, random_state=SEED),
    )


def nela_model() -> Pipeline:
    """NELA-style counts, standardised, into logistic regression."""
    return make_pipeline(
        FunctionTransformer(_nela_transform),
        StandardScaler(),
        LogisticRegression(C=1.0, max_iter=5000, random_state=SEED),
    )
