"""The model's text term at scoring time: tf-idf over topic-masked n-grams -> logistic logit.

It is a dictionary lookup over the shared parse (no scikit-learn call), and it reports the n-grams
that moved it most as evidence. Fitting lives in ``credibly.models.training.text_term``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import mul

import numpy as np

from credibly.features.document import Document
from credibly.features.evidence import Evidence
from credibly.features.spec import RAISES, FeatureSpec, Unit
from credibly.features.wording import mask

TOP_GRAMS = 6
TEXT_SPEC = FeatureSpec(
    "text",
    "wording",
    "wording",
    "logit of a tf-idf model over topic-masked n-grams (function words, frames, word shapes)",
    Unit.LOGIT,
    RAISES,
    evidence=("ngram",),
)
TEXT_FEATURE = TEXT_SPEC.key


@dataclass(frozen=True)
class TextTerm:
    """tf-idf (sublinear tf, l2 norm) over a fixed vocabulary, dotted with logistic coefficients."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, grams: Sequence[str]) -> float:
        """Text-term logit of one article from its n-gram strings."""
        return self._terms(Counter(grams))[0]

    def _terms(self, counts: Mapping[str, int]) -> tuple[float, list[int], list[float]]:
        """Logit, positions (in ``counts`` order) of the in-vocabulary grams, and their contributions.

        One table lookup per distinct gram (the table is large, so these lookups dominate). Weights,
        norm and contributions follow (1 + log n) * idf / norm * coef term by term in ``counts``
        order, so the floating-point results are exactly those of the per-gram formula."""
        log = math.log
        packed = list(map(self._table.get, counts))
        entries = list(filter(None, packed))  # drops exactly the missing grams: no entry is 0j (idf >= 1)
        # Sublinear tf-idf weight (1 + log n) * idf; for n == 1 that product is exactly idf.
        weights = [
            e.real if n == 1 else (1.0 + log(n)) * e.real
            for n, e in zip(compress(counts.values(), packed), entries)
        ]
        norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
        values = [w / norm * e.imag for w, e in zip(weights, entries)]
        return self.intercept + sum(values), list(compress(range(len(counts)), packed)), values

    @property
    def _table(self) -> dict[str, complex]:
        """``gram -> complex(idf, coef)``, built on first use: one compact object per gram keeps the
        cache-missing part of a lookup to a single object (per-item NumPy indexing is slower still)."""
        table = self.__dict__.get("_table_cache")
        if table is None:
            idf, coef = self.idf.tolist(), self.coef.tolist()
            table = {g: complex(idf[i], coef[i]) for g, i in self.vocabulary.items()}
            object.__setattr__(self, "_table_cache", table)
        return table

    def evaluate(self, doc: Document) -> tuple[float, list[Evidence]]:
        """Logit plus evidence spans for the n-grams that pushed it most each way (first occurrence of
        each of the ``TOP_GRAMS`` strongest towards reliable and towards unreliable)."""
        masked = mask(doc)
        counts = Counter(masked.grams)
        logit, positions, values = self._terms(counts)
        distinct = list(counts)
        wanted = {distinct[positions[i]]: values[i] for i in _strongest_each_way(values, TOP_GRAMS)}
        # Text order of the first occurrences: sentence, then position, then the shorter gram first.
        found = sorted((*masked.span(masked.grams.index(g)), g.count(" "), g) for g in wanted)
        evidence = []
        for _, _, start, end, _, gram in found:
            side = "reliable" if wanted[gram] > 0 else "unreliable"
            note = f"phrasing pattern more common in {side} articles"
            evidence.append(Evidence("text", "ngram", start, end, doc.text[start:end], note))
        return logit, evidence


def _strongest_each_way(values: list[float], k: int) -> list[int]:
    """Indices of the ``k`` largest positive and the ``k`` most negative ``values`` (zeros never),
    ties in list order: one stable sort by magnitude, walked until both sides are full."""
    picked: list[int] = []
    room = {True: k, False: k}
    for i in np.argsort(-np.abs(np.asarray(values, dtype=float)), kind="stable").tolist():
        value = values[i]
        if value == 0.0:
            break  # the rest are zeros too
        if room[value > 0]:
            room[value > 0] -= 1
            picked.append(i)
            if not room[True] and not room[False]:
                break
    return picked
