"""The model's one text term: tf-idf over word uni/bigrams used by many publishers -> logistic logit.

Its vocabulary keeps only n-grams that occur in articles of at least ``min_publishers`` distinct
publishers, so publisher fingerprints (datelines, bylines, site names) cannot enter it. At scoring
time it is a dictionary lookup over the shared parse (no scikit-learn call), and it reports the
n-grams that moved it most as evidence.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from features.document import Document
from features.evidence import Evidence
from features.wording import iter_word_ngrams, ngram_strings

SEED = 20261121
TEXT_FEATURE = "text.wording"
MIN_PUBLISHERS = 5
TEXT_C = 4.0
TOP_GRAMS = 6


def _identity(grams: list[str]) -> list[str]:
    return grams


@dataclass(frozen=True)
class TextTerm:
    """tf-idf (sublinear tf, l2 norm) over a fixed vocabulary, dotted with logistic coefficients."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float

    def logit(self, grams: Sequence[str]) -> float:
        """Text-term logit of one article from its n-gram strings."""
        return self._terms(Counter(g for g in grams if g in self.vocabulary))[0]

    def _terms(self, counts: Counter) -> tuple[float, dict[str, float]]:
        table, log = self._table, math.log
        items = [(g, (1.0 + log(c)) * table[g][0], table[g][1]) for g, c in counts.items()]
        norm = math.sqrt(sum(w * w for _, w, _ in items)) or 1.0
        contributions = {g: w / norm * k for g, w, k in items}
        return self.intercept + sum(contributions.values()), contributions

    @property
    def _table(self) -> dict[str, tuple[float, float]]:
        """``gram -> (idf, coef)`` as plain floats, built on first use (per-item NumPy indexing is slow)."""
        table = self.__dict__.get("_table_cache")
        if table is None:
            idf, coef = self.idf.tolist(), self.coef.tolist()
            table = {g: (idf[i], coef[i]) for g, i in self.vocabulary.items()}
            object.__setattr__(self, "_table_cache", table)
        return table

    def evaluate(self, doc: Document) -> tuple[float, list[Evidence]]:
        """Logit plus evidence spans for the n-grams that pushed it most (first occurrence of each)."""
        vocabulary = self.vocabulary
        counts = Counter({g: c for g, c in Counter(ngram_strings(doc)).items() if g in vocabulary})
        logit, contributions = self._terms(counts)
        top = sorted(contributions.items(), key=lambda kv: -abs(kv[1]))[:TOP_GRAMS]
        first = _first_spans(doc, {g for g, _ in top})
        evidence = []
        for gram, value in top:
            if gram not in first:
                continue
            start, end = first[gram]
            side = "reliable" if value > 0 else "unreliable"
            evidence.append(Evidence("text", "ngram", start, end, doc.text[start:end],
                                     f"wording more common in {side} training articles ({value:+.2f})"))
        return logit, evidence


def _first_spans(doc: Document, wanted: set[str]) -> dict[str, tuple[int, int]]:
    """Character span of the first occurrence of each wanted n-gram; stops as soon as all are found
    (the strongest n-grams are usually common words, so it stops early)."""
    found: dict[str, tuple[int, int]] = {}
    for gram, start, end in iter_word_ngrams(doc):
        if gram in wanted and gram not in found:
            found[gram] = (start, end)
            if len(found) == len(wanted):
                break
    return found


def publisher_vocabulary(gram_lists: Sequence[Sequence[str]], publishers: Sequence[str],
                         min_publishers: int = MIN_PUBLISHERS) -> list[str]:
    """N-grams used by at least ``min_publishers`` distinct publishers, sorted for determinism."""
    seen: dict[str, set[str]] = defaultdict(set)
    for grams, pub in zip(gram_lists, publishers):
        for g in set(grams):
            seen[g].add(pub)
    return sorted(g for g, pubs in seen.items() if len(pubs) >= min_publishers)


def fit_text_term(gram_lists: Sequence[Sequence[str]], y: np.ndarray, weights: np.ndarray,
                  publishers: Sequence[str], c: float = TEXT_C) -> TextTerm:
    """Fit the text term on training articles (their n-gram lists, labels, weights, publishers)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = publisher_vocabulary(gram_lists, publishers)
    vectorizer = TfidfVectorizer(analyzer=_identity, vocabulary=vocab, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform([list(g) for g in gram_lists])
    logreg = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    logreg.fit(matrix, y, sample_weight=weights)
    return TextTerm(
        vocabulary={g: i for i, g in enumerate(vocab)},
        idf=np.asarray(vectorizer.idf_, dtype=float),
        coef=np.asarray(logreg.coef_[0], dtype=float),
        intercept=float(logreg.intercept_[0]),
    )
