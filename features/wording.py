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

from credibly.features.document import PUNCT, Document, Token, lower_same_length
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


def masked_sentences(doc: Document) -> Iterator[list[Gram]]:
    """Each sentence's tokens as ``(masked form, start, end)``; a run of one punctuation mark is one
    token ("..." and "…" alike)."""
    tokens = doc.tokens
    for s in doc.sentences:
        out: list[Gram] = []
        for t in tokens[s.tok_start : s.tok_end]:
            form = masked_form(t)
            if out and t.kind == PUNCT and out[-1][0] == form:
                out[-1] = (form, out[-1][1], t.end)
            else:
                out.append((form, t.start, t.end))
        yield out


def masked_ngrams(doc: Document) -> list[str]:
    """Every masked uni-, bi- and trigram of the article as strings, sentence by sentence (the text
    term's training input; scoring computes the same grams as integer codes)."""
    out: list[str] = []
    for forms in masked_sentences(doc):
        words = [f for f, _, _ in forms]
        out.extend(words)
        out.extend(map(" ".join, pairwise(words)))
        out.extend(map(" ".join, zip(words, words[1:], words[2:])))
    return out
