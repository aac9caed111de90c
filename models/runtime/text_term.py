"""The model's text term at scoring time: tf-idf over topic-masked n-grams -> logistic logit.

The tf-idf vector is l1-normalised (scaled by a constant fixed at training), so the logit is a
weighted mean of the article's n-gram coefficients: it does not grow with the number of distinct
n-grams, as an l2-normalised dot product does (about with its square root, i.e. with length).

Scoring looks the article's n-grams up as integer codes over the shared parse (no scikit-learn call,
no n-gram strings); :meth:`TextTerm.logit` computes the same figure from n-gram strings for training.
It reports the n-grams that moved it most as evidence. Fitting lives in
``credibly.models.training.text_term``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np

from credibly.features.document import Document
from credibly.features.evidence import Evidence
from credibly.features.int_table import IntTable
from credibly.features.memo import TokenMemo
from credibly.features.spec import RAISES, FeatureSpec, Unit
from credibly.features.wording import PUNCT_FORMS, masked_form

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
    """tf-idf (sublinear tf, l1 norm times ``scale``) over a fixed vocabulary, dotted with logistic
    coefficients. ``scale`` is the training articles' median l1/l2 ratio, so weights keep the size
    an l2-normalised vector would give a typical article (and the fit's C its usual meaning)."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    scale: float

    def logit(self, grams: Sequence[str]) -> float:
        """Text-term logit of one article from its n-gram strings."""
        return self._terms(Counter(grams))[0]

    def _terms(self, counts: Mapping[str, int]) -> tuple[float, list[int], list[float]]:
        """Logit, positions (in ``counts`` order) of the in-vocabulary grams, and their contributions.

        One table lookup per distinct gram (the table is large, so these lookups dominate). Weights,
        norm (their sum over ``scale``; every weight is positive) and contributions follow
        (1 + log n) * idf / norm * coef term by term in ``counts`` order, so the floating-point
        results are exactly those of the per-gram formula."""
        log = math.log
        packed = list(map(self._table.get, counts))
        entries = list(filter(None, packed))  # drops exactly the missing grams: no entry is 0j (idf >= 1)
        # Sublinear tf-idf weight (1 + log n) * idf; for n == 1 that product is exactly idf.
        weights = [
            e.real if n == 1 else (1.0 + log(n)) * e.real
            for n, e in zip(compress(counts.values(), packed), entries)
        ]
        norm = sum(weights) / self.scale or 1.0
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
        each of the ``TOP_GRAMS`` strongest towards reliable and towards unreliable).

        The same figures as :meth:`logit` over :func:`~credibly.features.wording.masked_ngrams`, from
        the parse without building n-gram strings: each token's masked form is an id, each n-gram an
        integer code, and the vocabulary an :class:`IntTable`. Distinct grams keep their order of
        first occurrence and the arithmetic is done term by term in that order, so the floating-point
        result is exactly that of :meth:`logit`."""
        index = self._index
        grams = _gram_codes(doc, index)
        if grams is None:
            return self.intercept, []
        codes, first_at, n, mask_key, first_tok, last_tok = grams
        distinct, first, counts = _distinct(codes)
        rows = index.table.find(distinct)
        known = rows >= 0
        # The grams the vocabulary knows, put in order of first occurrence (only these are sorted).
        order = np.argsort(mask_key[first[known]])
        rows, counts, first = rows[known][order], counts[known][order], first[known][order]
        weights = self.idf[rows]
        if counts.max(initial=1) > 1:  # sublinear tf: (1 + log n) * idf
            weights = weights * _tf_factors(counts)
        norm = sum(weights.tolist()) / self.scale or 1.0
        values = weights / norm * self.coef[rows]
        logit = self.intercept + sum(values.tolist())
        found = sorted(
            (int(first_at[first[i]]), int(n[first[i]]), float(values[i]))
            for i in _strongest_each_way(values, TOP_GRAMS)
        )
        evidence = []
        for at, size, value in found:
            start, end = doc.tokens[first_tok[at]].start, doc.tokens[last_tok[at + size - 1]].end
            side = "reliable" if value > 0 else "unreliable"
            note = f"phrasing pattern more common in {side} articles"
            evidence.append(Evidence("text", "ngram", start, end, doc.text[start:end], note))
        return logit, evidence

    @property
    def _index(self) -> _GramIndex:
        """The vocabulary as integer codes, built on first use."""
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = _GramIndex.build(self.vocabulary)
            object.__setattr__(self, "_index_cache", index)
        return index


# An n-gram's code: n above three FORM_BITS-wide form ids (the first form highest).
FORM_BITS = 10
_FORM_MASK = (1 << FORM_BITS) - 1


@dataclass(frozen=True)
class _GramIndex:
    """A token memo of masked-form ids (0 for forms no vocabulary gram uses; punctuation forms always
    have one, as runs of one mark are merged by id) and the vocabulary's codes."""

    punct: np.ndarray  # punct[id]: the form is a punctuation mark
    memo: TokenMemo[int]
    table: IntTable  # code -> the gram's column in idf/coef

    @classmethod
    def build(cls, vocabulary: Mapping[str, int]) -> _GramIndex:
        """The index of ``vocabulary`` (gram string -> column)."""
        form_ids: dict[str, int] = {}
        for form in sorted(PUNCT_FORMS) + sorted({f for g in vocabulary for f in g.split(" ")}):
            form_ids.setdefault(form, len(form_ids) + 1)
        if len(form_ids) > _FORM_MASK:
            raise ValueError("the text term's vocabulary uses more forms than its codes can hold")
        punct = np.zeros(len(form_ids) + 1, dtype=bool)
        punct[[form_ids[f] for f in PUNCT_FORMS]] = True
        keys = np.zeros(len(vocabulary), dtype=np.int64)
        for gram, column in vocabulary.items():
            keys[column] = _code([form_ids[f] for f in gram.split(" ")])
        memo = TokenMemo(lambda tok: form_ids.get(masked_form(tok), 0))
        return cls(punct, memo, IntTable.build(keys))


def _code(ids: Sequence[int]) -> int:
    """The code of the n-gram of form ``ids`` (the layout :func:`_gram_codes` builds in bulk)."""
    code = len(ids)
    for i in ids:
        code = code << FORM_BITS | i
    return code << FORM_BITS * (3 - len(ids))


def _gram_codes(
    doc: Document, index: _GramIndex
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[int], list[int]] | None:
    """Every masked n-gram's code (unigrams, then bigrams, then trigrams, each in text order), the
    position of each gram's first form, its n and its rank in :func:`~credibly.features.wording.mask`
    order (sentence by sentence: unigrams, bigrams, trigrams); plus the first and last token of every
    form (a run of one mark is one form). None when the article has no sentence."""
    sentences = doc.sentences
    if not sentences:
        return None
    lengths = [s.tok_end - s.tok_start for s in sentences]
    ids = np.asarray(index.memo.values(doc.tokens), dtype=np.int64)
    take = np.arange(len(ids))
    if sentences[0].tok_start != 0 or sum(lengths) != len(ids):  # tokens outside every sentence
        take = np.concatenate([np.arange(s.tok_start, s.tok_end, dtype=np.int64) for s in sentences])
        ids = ids[take]
    sentence = np.repeat(np.arange(len(sentences)), lengths)
    # A mark repeating the one before it in its sentence joins that form.
    repeat = index.punct[ids[1:]] & (ids[1:] == ids[:-1]) & (sentence[1:] == sentence[:-1])
    first_tok = last_tok = take
    if repeat.any():
        kept = np.flatnonzero(np.append(True, ~repeat))
        first_tok, last_tok = take[kept], take[np.append(kept[1:] - 1, len(ids) - 1)]
        ids, sentence = ids[kept], sentence[kept]
    m = len(ids)
    same = sentence[:-1] == sentence[1:]
    pair = np.flatnonzero(same)
    triple = np.flatnonzero(same[:-1] & same[1:])
    codes = np.concatenate(
        [
            (1 << 3 * FORM_BITS | ids << 2 * FORM_BITS),
            (2 << 3 * FORM_BITS | ids[pair] << 2 * FORM_BITS | ids[pair + 1] << FORM_BITS),
            (
                3 << 3 * FORM_BITS
                | ids[triple] << 2 * FORM_BITS
                | ids[triple + 1] << FORM_BITS
                | ids[triple + 2]
            ),
        ]
    )
    first_at = np.concatenate([np.arange(m), pair, triple])
    n = np.repeat(np.array([1, 2, 3]), [m, len(pair), len(triple)])
    # Mask order: by sentence, then n, then position (distinct for every gram).
    mask_key = (sentence[first_at] * 3 + n) * (m + 1) + first_at
    return codes, first_at, n, mask_key, first_tok.tolist(), last_tok.tolist()


_AT_BITS = 31  # a gram's position in the codes array, below its code (codes fit in 32 bits)


def _distinct(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct codes, where each first occurs and how often: one plain sort of code and
    position packed together (a stable argsort or ``np.unique`` with indices costs several times
    more)."""
    if len(codes) >= 1 << _AT_BITS:
        raise ValueError("too many n-grams for one article")
    packed = np.sort(codes << _AT_BITS | np.arange(len(codes)))
    ordered = packed >> _AT_BITS
    starts = np.flatnonzero(np.append(True, ordered[1:] != ordered[:-1]))
    counts = np.diff(np.append(starts, len(codes)))
    return ordered[starts], packed[starts] & ((1 << _AT_BITS) - 1), counts


# 1 + log n for the counts of most grams, computed with ``math.log`` as the string path does.
_TF_FACTORS = np.array([0.0, *(1.0 + math.log(c) for c in range(1, 4096))])


def _tf_factors(counts: np.ndarray) -> np.ndarray:
    """``1 + log n`` for each count (exactly ``1.0 + math.log(n)``)."""
    if counts.max() < len(_TF_FACTORS):
        return _TF_FACTORS[counts]
    return np.array([1.0 + math.log(c) for c in counts.tolist()])


def _strongest_each_way(values: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest positive and the ``k`` most negative ``values`` (zeros never),
    ties in list order: one stable sort by magnitude, then the first ``k`` of each sign."""
    order = np.argsort(-np.abs(values), kind="stable")
    ranked = values[order]
    return [*order[ranked > 0][:k].tolist(), *order[ranked < 0][:k].tolist()]
