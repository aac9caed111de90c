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
from itertools import compress, pairwise
from operator import eq, itemgetter

from credibly.features.document import PUNCT, Document, Token, lower_same_length
from credibly.features.memo import TokenMemo
from credibly.features.style.fluency import PUNCT_CLASSES, token_class
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
# The forms punctuation tokens take (see ``token_class``).
PUNCT_FORMS = PUNCT_CLASSES | {"P"}


def masked_form(tok: Token) -> str:
    """The form ``tok`` takes in the masked n-grams."""
    return token_class(tok, lower_same_length(tok.text), KEPT_WORDS)


_FORMS = TokenMemo(masked_form)
_STARTS, _ENDS = itemgetter(1), itemgetter(2)


def masked_sentences(doc: Document) -> Iterator[list[Gram]]:
    """Each sentence's tokens as ``(masked form, start, end)``; a run of one punctuation mark is one
    token ("..." and "…" alike)."""
    tokens = doc.tokens
    forms = _FORMS.values(tokens)
    grams = list(zip(forms, map(_STARTS, tokens), map(_ENDS, tokens)))
    # A mark repeating the one before it is rare: sentences without one take their grams as they are.
    repeats = bool(PUNCT_FORMS.intersection(compress(forms[1:], map(eq, forms, forms[1:]))))
    for s in doc.sentences:
        if not repeats:
            yield grams[s.tok_start : s.tok_end]
            continue
        out: list[Gram] = []
        for t, gram in zip(tokens[s.tok_start : s.tok_end], grams[s.tok_start : s.tok_end]):
            if out and t.kind == PUNCT and out[-1][0] == gram[0]:
                out[-1] = (gram[0], out[-1][1], t.end)
            else:
                out.append(gram)
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
