"""Word uni- and bigrams of an article with their character spans, from the shared parse.

These are the inputs of the model's single text term; bigrams never cross a sentence boundary,
and only lower-cased alphabetic word tokens are used (no numbers, URLs or punctuation).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise
from operator import attrgetter, itemgetter

from credibly.features.document import WORD, Document

Gram = tuple[str, int, int]
WordRun = tuple[int, int, int]
"""A maximal run of word tokens inside one sentence, as laid out in the :func:`ngram_runs` list:
``(gram_start, length, boundary)``: ``length`` unigrams from index ``gram_start``, then its
``length - 1`` bigrams; the run's tokens are the ``length`` tokens before the first token that
starts at or after character offset ``boundary``."""

_GRAM_START = itemgetter(0)
_TOKEN_START = attrgetter("start")


def ngram_runs(doc: Document) -> tuple[list[str], list[WordRun]]:
    """Every unigram and within-sentence bigram as strings, plus the word runs they come from (so
    :func:`gram_span` can locate any of them without re-walking the tokens)."""
    out: list[str] = []
    runs: list[WordRun] = []
    lower = doc.lower
    tokens = doc.tokens
    for s in doc.sentences:
        run: list[str] = []
        for tok in tokens[s.tok_start : s.tok_end]:
            if tok.kind == WORD:
                run.append(lower[tok.start : tok.end])
            elif run:
                runs.append((len(out), len(run), tok.start))
                out.extend(run)
                out.extend(map(" ".join, pairwise(run)))
                run = []
        if run:
            runs.append((len(out), len(run), tokens[s.tok_end - 1].end))
            out.extend(run)
            out.extend(map(" ".join, pairwise(run)))
    return out, runs


def gram_span(doc: Document, runs: list[WordRun], index: int) -> tuple[int, int]:
    """Character span of the gram at ``index`` of the :func:`ngram_runs` list built from ``doc``."""
    gram_start, length, boundary = runs[bisect_right(runs, index, key=_GRAM_START) - 1]
    first = bisect_left(doc.tokens, boundary, key=_TOKEN_START) - length  # the run's first token
    offset = index - gram_start
    if offset < length:
        tok = doc.tokens[first + offset]
        return tok.start, tok.end
    offset -= length  # a bigram: the offset-th word of the run and the next one
    return doc.tokens[first + offset].start, doc.tokens[first + offset + 1].end


def iter_word_ngrams(doc: Document) -> Iterator[Gram]:
    """``(gram, start, end)`` for every unigram and within-sentence bigram, lazily in text order."""
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
