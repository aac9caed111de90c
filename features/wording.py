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

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class MaskedGrams:
    """Every masked uni-, bi- and trigram of an article as strings, sentence by sentence (each
    sentence's unigrams, then its bigrams, then its trigrams), with what is needed to find where any
    one of them stands in the text."""

    grams: list[str]
    sentences: list[list[Gram]]
    offsets: list[int]  # index in ``grams`` of each sentence's first unigram

    def span(self, index: int) -> tuple[int, int, int, int]:
        """``(sentence, position, start, end)`` of ``grams[index]``; for one gram string, list order
        is text order (its n is fixed by its spaces and each sentence lists its n-grams in order)."""
        s = bisect_right(self.offsets, index) - 1
        forms, at = self.sentences[s], index - self.offsets[s]
        n = 1
        while at >= len(forms) - n + 1:  # past this sentence's n-grams: into its (n + 1)-grams
            at -= len(forms) - n + 1
            n += 1
        return s, at, forms[at][1], forms[at + n - 1][2]


def mask(doc: Document) -> MaskedGrams:
    """The article's masked n-grams (one walk over its tokens)."""
    grams: list[str] = []
    sentences = list(masked_sentences(doc))
    offsets = []
    for forms in sentences:
        offsets.append(len(grams))
        words = [f for f, _, _ in forms]
        grams.extend(words)
        grams.extend(map(" ".join, pairwise(words)))
        grams.extend(map(" ".join, zip(words, words[1:], words[2:])))
    return MaskedGrams(grams, sentences, offsets)


def masked_ngrams(doc: Document) -> list[str]:
    """Every masked uni-, bi- and trigram of the article as strings."""
    return mask(doc).grams
