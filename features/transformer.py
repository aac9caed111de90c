"""scikit-learn transformer over the signal families, so extractors compose in Pipelines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from credibly.features.article import prepare
from credibly.features.document import Document
from credibly.features.pipeline import FAMILIES, extract_signals, feature_names, flatten


def as_document(item: str | Mapping | Document) -> Document:
    """Accept a Document, a plain text, or a mapping with ``text``/``html`` and optional metadata."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return prepare(text=item).doc
    return prepare(
        text=item.get("text"),
        html=item.get("html"),
        title=item.get("title"),
        url=item.get("url"),
        published=item.get("published"),
    ).doc


class SignalExtractor(TransformerMixin, BaseEstimator):
    """Turn articles into the numeric signal matrix (one column per ``family.feature``).

    Stateless: ``fit`` only records the output feature names, so it is safe inside cross-validation.
    """

    def __init__(self, families: tuple[str, ...] = FAMILIES):
        self.families = families

    def fit(self, X: Iterable, y: object = None) -> SignalExtractor:
        self.feature_names_out_ = np.asarray(feature_names(tuple(self.families)), dtype=object)
        return self

    def transform(self, X: Iterable) -> np.ndarray:
        families = tuple(self.families)
        rows = [list(flatten(extract_signals(as_document(x), families)).values()) for x in X]
        return np.asarray(rows, dtype=float).reshape(len(rows), len(feature_names(families)))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.asarray(feature_names(tuple(self.families)), dtype=object)
