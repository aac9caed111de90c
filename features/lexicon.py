"""Lexicon files and a compiled multi-phrase matcher (Aho-Corasick) with word boundaries.

Lexicons ship in ``features/data/`` as plain text: one phrase per line, ``#`` comments, and an
optional tab-separated category (``reportedly\thedge``). Matching runs over ``Document.lower`` so
offsets are offsets into the original text. Scanning costs time per character, so matchers used
on the same text can share one scan through :class:`MatcherGroup`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

DATA_PACKAGE = "credibly.features.data"

# A match: (start, end, phrase, category); ``phrase`` is the lexicon variant that matched.
Hit = tuple[int, int, str, str]


@cache
def load_lexicon(name: str) -> tuple[tuple[str, str], ...]:
    """Read ``features/data/<name>`` into ``(phrase, category)`` pairs (category '' if absent)."""
    raw = resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        phrase, _, category = line.partition("\t")
        out.append((" ".join(phrase.lower().split()), category.strip()))
    return tuple(out)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _bounded_hits(automaton: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str, Any]]:
    """``(start, end, key, payload)`` for every automaton hit in ``text`` that does not cut a word.

    Automaton values are ``(length, key, starts_with_word_char, ends_with_word_char, payload)``, so
    the boundary test only looks at the text when the phrase itself starts/ends with a word char."""
    hits = []
    n = len(text)
    for last, (length, key, word_first, word_last, payload) in automaton.iter(text):
        start = last - length + 1
        if word_first and start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        end = last + 1
        if word_last and end < n and (text[end].isalnum() or text[end] == "_"):
            continue
        hits.append((start, end, key, payload))
    return hits


def _value(key: str, payload: object) -> tuple[int, str, bool, bool, object]:
    """The automaton value for ``key``: what :func:`_bounded_hits` needs plus the caller's payload."""
    return len(key), key, _is_word_char(key[:1]), _is_word_char(key[-1:]), payload


def _select(hits: list[Hit], longest: bool) -> list[Hit]:
    """``hits`` sorted in text order; with ``longest``, the longest hit at each start is kept unless it
    overlaps an earlier kept hit."""
    hits.sort()
    if not longest:
        return hits
    kept: list[Hit] = []
    last_end = -1
    for h in hits:
        if h[0] >= last_end:
            kept.append(h)
            last_end = h[1]
        elif h[0] == kept[-1][0]:  # a longer hit at the start just kept (same-start hits sort by end)
            kept[-1] = h
            last_end = h[1]
    return kept


# Matches enumerated per character of text before :func:`occurring` stops (see there).
_MATCH_BUDGET = 4


def occurring(needles: Iterable[str], text: str) -> set[str]:
    """The ``needles`` that occur in ``text`` as substrings, found in one automaton pass.

    A substring search per needle costs the text's length each, so many needles make it quadratic; the
    pass costs the text's length plus the matches. Matches are enumerated up to ``_MATCH_BUDGET`` per
    character (needles nested thousands deep, "aaa", "aaaa", ..., could make billions): needles not
    seen by then count as absent."""
    wanted = {needle for needle in needles if needle}
    found: set[str] = set()
    if not wanted:
        return found
    automaton = ahocorasick.Automaton()
    for needle in wanted:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    budget = _MATCH_BUDGET * len(text) + 64
    for count, (_, needle) in enumerate(automaton.iter(text)):
        found.add(needle)
        if len(found) == len(wanted) or count >= budget:
            break
    return found


class PhraseMatcher:
    """Find whole-word, case-insensitive occurrences of many phrases in one pass.

    Whitespace inside a phrase matches exactly one space in the text; typographic apostrophes are
    normalised by the caller's lexicon (both ``'`` and ``’`` variants are added automatically).
    """

    def __init__(self, entries: Iterable[tuple[str, str]]):
        self._automaton = ahocorasick.Automaton()
        self.categories: dict[str, str] = {}  # matchable phrase variant -> category
        count = 0
        for phrase, category in entries:
            for variant in {phrase, phrase.replace("'", "’")}:
                self._automaton.add_word(variant, _value(variant, category))
                if variant:
                    self.categories[variant] = category
                count += 1
        self.size = count
        if count:
            self._automaton.make_automaton()

    def finditer(self, lower_text: str, longest: bool = True) -> Iterator[Hit]:
        """Yield ``(start, end, phrase, category)`` in text order; overlapping shorter hits are
        dropped when ``longest`` is set (so "according to" wins over "according")."""
        if not self.size:
            return iter(())
        return iter(_select(_bounded_hits(self._automaton, lower_text), longest))


class MatcherGroup:
    """Several phrase matchers run over one text in a single automaton pass.

    A scan costs time per character, so one pass over a combined automaton is cheaper than one pass
    per matcher; each matcher's hits are exactly what its own ``finditer`` would return.
    """

    def __init__(self, matchers: Sequence[PhraseMatcher]):
        self._count = len(matchers)
        owners: dict[str, list[tuple[int, str]]] = {}
        for k, matcher in enumerate(matchers):
            for key, category in matcher.categories.items():
                owners.setdefault(key, []).append((k, category))
        self._automaton = ahocorasick.Automaton()
        for key, pairs in owners.items():
            self._automaton.add_word(key, _value(key, tuple(pairs)))
        self._active = bool(owners)
        if self._active:
            self._automaton.make_automaton()

    def findall(self, lower_text: str, longest: bool = True) -> list[list[Hit]]:
        """Per matcher, in the order given: its ``finditer(lower_text, longest)`` hits as a list."""
        per_matcher: list[list[Hit]] = [[] for _ in range(self._count)]
        if self._active:
            for start, end, key, pairs in _bounded_hits(self._automaton, lower_text):
                for k, category in pairs:
                    per_matcher[k].append((start, end, key, category))
        return [_select(hits, longest) for hits in per_matcher]
