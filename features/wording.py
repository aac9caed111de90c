"""Word uni- and bigrams of an article with their character spans, from the shared parse.

These are the inputs of the model's single text term; bigrams never cross a sentence boundary,
and only lower-cased alphabetic word tokens are used (no numbers, URLs or punctuation).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from features.document import WORD, Document

Gram = tuple[str, int, int]


def ngram_strings(doc: Document) -> list[str]:
    """Every unigram and within-sentence bigram as strings (the fast path used for counting)."""
    out: list[str] = []
    lower = doc.lower
    tokens = doc.tokens
    for s in doc.sentences:
        run: list[str] = []
        for tok in tokens[s.tok_start : s.tok_end]:
            if tok.kind == WORD:
                run.append(lower[tok.start : tok.end])
            elif run:
                out.extend(run)
                out.extend(map(" ".join, pairwise(run)))
                run = []
        if run:
            out.extend(run)
            out.extend(map(" ".join, pairwise(run)))
    return out


def iter_word_ngrams(doc: Document) -> Iterator[Gram]:
    """``(gram, start, end)`` for every unigram and within-sentence bigram, lazily in text order
    (so a caller looking for a few n-grams can stop early)."""
    tokens = doc.tokens
    lower = doc.lower
    for s in doc.sentences:
        prev: tuple[str, int] | None = None
        for tok in tokens[s.tok_start : s.tok_end]:
            if tok.kind != WORD:
                prev = None
                continue
            word = lower[tok.start : tok.end]
            yield word, tok.start, tok.end
            if prev is not None:
                yield f"{prev[0]} {word}", prev[1], tok.end
            prev = (word, tok.start)


def word_ngrams(doc: Document) -> list[Gram]:
    """All of :func:`iter_word_ngrams` as a list."""
    return list(iter_word_ngrams(doc))
