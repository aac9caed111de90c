"""Training data and the reliability model: signal features -> standardised, clipped -> logistic regression.

Logistic regression on standardised signals is chosen because it transfers across publishers better
than flexible models on ~2,000 articles, and its explanation (coefficient x value) is exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from features.pipeline import feature_names
from features.transformer import SignalExtractor
from models.linear import LinearScorer

SEED = 20261121
C = 0.1
CLIP = 5.0
_TITLE_KEY_RE = re.compile(r"[^a-z0-9]+")


class Clip(TransformerMixin, BaseEstimator):
    """Bound standardised values to ``[-limit, limit]`` so a single extreme article cannot dominate."""

    def __init__(self, limit: float = CLIP):
        self.limit = limit

    def fit(self, X: np.ndarray, y: object = None) -> Clip:
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        return np.clip(np.nan_to_num(np.asarray(X, dtype=float)), -self.limit, self.limit)


def make_pipeline(c: float = C) -> Pipeline:
    """The unfitted model: StandardScaler -> Clip -> LogisticRegression (fixed seed)."""
    return Pipeline(
        [
            ("scale", StandardScaler()),
            ("clip", Clip(CLIP)),
            ("logreg", LogisticRegression(C=c, max_iter=5000, random_state=SEED)),
        ]
    )


def drop_near_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop later rows whose normalised title repeats an earlier one (the same story re-extracted in
    another corpus would leak across leave-one-corpus-out folds)."""
    key = frame["title"].fillna("").str.lower().str.replace(_TITLE_KEY_RE, " ", regex=True).str.strip()
    dup = key.duplicated() & (key.str.len() >= 20)
    return frame.loc[~dup].reset_index(drop=True)


def training_frame(data_dir) -> pd.DataFrame:
    """All labelled articles (proxy labels excluded), exact and near duplicates removed."""
    from models.datasets import load_all

    frame = load_all(data_dir, include_proxy=False)
    frame = frame[frame["label"].notna()].reset_index(drop=True)
    return drop_near_duplicates(frame)


def _chunk_features(records: list[dict]) -> np.ndarray:
    return SignalExtractor().fit(records).transform(records)


def featurise(frame: pd.DataFrame, n_jobs: int = -1) -> np.ndarray:
    """Signal feature matrix for a corpus frame (rows follow the frame; HTML used when no text)."""
    records = [
        {"text": t if isinstance(t, str) and t else None, "html": h if isinstance(h, str) else None,
         "title": ti if isinstance(ti, str) else None, "url": u if isinstance(u, str) else None,
         "published": p if isinstance(p, str) else None}
        for t, h, ti, u, p in zip(frame["text"], frame.get("html", [None] * len(frame)), frame["title"],
                                  frame["url"], frame["published"])
    ]
    chunks = [records[i : i + 200] for i in range(0, len(records), 200)]
    parts = Parallel(n_jobs=n_jobs)(delayed(_chunk_features)(c) for c in chunks)
    return np.vstack(parts) if parts else np.zeros((0, len(feature_names())))


def corpus_weights(corpus: Sequence[str]) -> np.ndarray:
    """Weights giving every corpus the same total weight (mean weight 1), so the largest corpus and
    its publishers do not define 'reliable' alone."""
    series = pd.Series(list(corpus))
    counts = series.map(series.value_counts())
    weights = 1.0 / counts.to_numpy(dtype=float)
    return weights * len(weights) / weights.sum()


def fit(X: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, c: float = C) -> Pipeline:
    """Fit the model pipeline on a feature matrix."""
    pipe = make_pipeline(c)
    pipe.fit(X, y, logreg__sample_weight=weights)
    return pipe


def reliable_quantiles(X: np.ndarray, y: np.ndarray, names: Sequence[str], points: int = 101) -> dict[str, list[float]]:
    """Each feature's quantiles among reliable training articles (for percentiles in reasons)."""
    reliable = X[np.asarray(y) == 1]
    if len(reliable) == 0:
        return {}
    qs = np.quantile(reliable, np.linspace(0, 1, points), axis=0)
    return {name: [round(float(v), 6) for v in qs[:, j]] for j, name in enumerate(names)}


def to_scorer(pipe: Pipeline, names: Sequence[str], name: str, metadata: dict) -> LinearScorer:
    """The fitted pipeline as the exactly explainable :class:`LinearScorer` used at scoring time."""
    scaler: StandardScaler = pipe.named_steps["scale"]
    logreg: LogisticRegression = pipe.named_steps["logreg"]
    return LinearScorer(
        feature_names=tuple(names),
        center=np.asarray(scaler.mean_, dtype=float),
        scale=np.asarray(scaler.scale_, dtype=float),
        coef=np.asarray(logreg.coef_[0], dtype=float),
        intercept=float(logreg.intercept_[0]),
        clip=float(pipe.named_steps["clip"].limit),
        name=name,
        metadata=metadata,
    )

