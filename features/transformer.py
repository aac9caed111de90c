"""scikit-learn transformer over the signal families, so extractors compose in Pipelines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import Tags

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


def _articles(X: Iterable) -> list:
    """The articles of ``X`` as a list; refuses a numeric array or a lone string (a common mix-up)."""
    if isinstance(X, (str, bytes, Mapping, Document)):
        raise ValueError("expected a sequence of articles, got a single article; wrap it in a list")
    if isinstance(X, np.ndarray) and X.dtype != object:
        raise ValueError(
            f"expected a sequence of articles (strings, mappings or Documents), got a {X.dtype} array"
        )
    return list(X)


class SignalExtractor(TransformerMixin, BaseEstimator):
    """Turn articles into the numeric signal matrix (one column per ``family.feature``).

    Input is a sequence of articles (plain strings, mappings with ``text``/``html`` and metadata,
    or parsed :class:`Document` objects), as for scikit-learn's text vectorizers. Stateless: ``fit``
    checks the input and records the output feature names, so it is safe inside cross-validation.
    """

    def __init__(self, families: tuple[str, ...] = FAMILIES):
        self.families = families

    def fit(self, X: Iterable, y: object = None) -> SignalExtractor:
        _articles(X)
        self.feature_names_out_ = np.asarray(feature_names(tuple(self.families)), dtype=object)
        return self

    def transform(self, X: Iterable) -> np.ndarray:
        families = tuple(self.families)
        rows = [list(flatten(extract_signals(as_document(x), families)).values()) for x in _articles(X)]
        return np.asarray(rows, dtype=float).reshape(len(rows), len(feature_names(families)))

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.asarray(feature_names(tuple(self.families)), dtype=object)
