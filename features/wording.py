"""Topic-masked word n-grams of an article: the inputs of the model's text component.

Every token becomes its class from the fluency module: closed-class words (articles, pronouns,
auxiliaries, prepositions) and a few reporting and certainty frames ("said", "according",
"reportedly", "clearly") stay themselves, every other word becomes its shape (a capitalised name, a
number, an "-ing", "-ed", "-ly" or plural-looking word, another word), and punctuation its
typography-normalised mark (a run of one mark counts once). Uni-, bi- and trigrams never cross a
sentence. No name, outlet or topic
word can be a gram, so what the text component learns is how articles are written, not what about.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from credibly.features.document import PUNCT, Document
from credibly.features.style.fluency import token_class
from credibly.features.words import CLOSED_CLASS_WORDS

Gram = tuple[str, int, int]

# Reporting, sourcing and certainty frames kept as words (they are how, not what).
FRAME_WORDS = frozenset(
    (
        "said says say saying told tells according reported reportedly claimed claims claim alleged "
        "allegedly believed believe think thinks apparently clearly obviously simply actually really "
        "literally totally absolutely breaking shocking"
    ).split()
)
KEPT_WORDS = CLOSED_CLASS_WORDS | FRAME_WORDS
MAX_N = 3


def masked_sentences(doc: Document) -> Iterator[list[Gram]]:
    """Each sentence's tokens as ``(masked form, start, end)``; a run of one punctuation mark is one
    token ("..." and "…" alike)."""
    tokens, lower = doc.tokens, doc.lower
    for s in doc.sentences:
        out: list[Gram] = []
        for t in tokens[s.tok_start : s.tok_end]:
            form = token_class(t, lower[t.start : t.end], KEPT_WORDS)
            if out and t.kind == PUNCT and out[-1][0] == form:
                out[-1] = (form, out[-1][1], t.end)
            else:
                out.append((form, t.start, t.end))
        yield out


def masked_ngrams(doc: Document) -> list[str]:
    """Every masked uni-, bi- and trigram of the article as strings."""
    out: list[str] = []
    for forms in masked_sentences(doc):
        words = [f for f, _, _ in forms]
        out.extend(words)
        out.extend(map(" ".join, pairwise(words)))
        out.extend(map(" ".join, zip(words, words[1:], words[2:])))
    return out


def masked_ngram_spans(doc: Document) -> Iterator[Gram]:
    """``(gram, start, end)`` for every masked n-gram, lazily, in text order (for evidence)."""
    for forms in masked_sentences(doc):
        for i in range(len(forms)):
            for n in range(1, MAX_N + 1):
                if i + n <= len(forms):
                    yield " ".join(f for f, _, _ in forms[i : i + n]), forms[i][1], forms[i + n - 1][2]
