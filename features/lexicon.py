"""Lexicon files and a compiled multi-phrase matcher (Aho-Corasick) with word boundaries.

Lexicons ship in ``features/data/`` as plain text: one phrase per line, ``#`` comments, and an
optional tab-separated category (``reportedly\thedge``). Matching runs over ``Document.lower`` so
offsets are offsets into the original text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

import ahocorasick

DATA_PACKAGE = "features.data"


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


class PhraseMatcher:
    """Find whole-word, case-insensitive occurrences of many phrases in one pass.

    Whitespace inside a phrase matches exactly one space in the text; typographic apostrophes are
    normalised by the caller's lexicon (both ``'`` and ``’`` variants are added automatically).
    """

    def __init__(self, entries: Iterable[tuple[str, str]]):
        self._automaton = ahocorasick.Automaton()
        count = 0
        for phrase, category in entries:
            for variant in {phrase, phrase.replace("'", "’")}:
                self._automaton.add_word(variant, (len(variant), variant, category))
                count += 1
        self.size = count
        if count:
            self._automaton.make_automaton()

    def finditer(self, lower_text: str, longest: bool = True) -> Iterator[tuple[int, int, str, str]]:
        """Yield ``(start, end, phrase, category)`` in text order; overlapping shorter hits are
        dropped when ``longest`` is set (so "according to" wins over "according")."""
        if not self.size:
            return iter(())
        hits = []
        n = len(lower_text)
        for end_idx, (length, phrase, category) in self._automaton.iter(lower_text):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and _is_word_char(lower_text[start - 1]) and _is_word_char(phrase[0]):
                continue
            if end < n and _is_word_char(lower_text[end]) and _is_word_char(phrase[-1]):
                continue
            hits.append((start, end, phrase, category))
        if not longest:
            return iter(sorted(hits))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        kept = []
        last_end = -1
        for h in hits:
            if h[0] >= last_end:
                kept.append(h)
                last_end = h[1]
        return iter(kept)
