"""Page boilerplate lines (share/subscribe prompts, comment forms, copyright, author bios).

Boilerplate left in an article's text is a sign of careless extraction or of a content farm; the
line-level phrases live in ``features/data/boilerplate.txt`` with where in the line they must sit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from credibly.features.document import Document
from credibly.features.lexicon import PhraseMatcher, load_lexicon
from credibly.features.memo import per_document

_MATCHER = PhraseMatcher(load_lexicon("boilerplate.txt"))
# Longer lines are prose that happens to contain a phrase ("click here" in a quote).
_MAX_WORDS = 40
_MAX_BIO_WORDS = 70
_ROLES = r"(?:writer|contributor|editor|reporter|correspondent|columnist|journalist|author|blogger|producer)"
_BIO_RE = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w,-]+\s+){0,5}?"
    + _ROLES
    + r"s?\b.{0,200}?\b(?:at|for|with|of)\b"
    r"|(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s+writes\s+(?:for|about)\b"
)
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\))\s*(?:\d{4}|copyright)", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]")


class Line(NamedTuple):
    """A boilerplate line ``[start, end)`` in the document text and why it was flagged."""

    start: int
    end: int
    note: str


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _phrase_reason(lower: str, start: int, end: int, hits: list[tuple[int, int, str, str]]) -> str | None:
    """Why the line ``[start, end)`` is boilerplate according to the phrase hits inside it."""
    letters = None  # (first, last) letter offsets of the line, found once, on first need
    for h_start, h_end, phrase, where in hits:
        if where == "contains":
            return f"boilerplate phrase '{phrase}'"
        if where not in ("start", "exact"):
            continue
        if letters is None:
            letters = _letter_bounds(lower, start, end)
        # Nothing but non-letters before the phrase (and, for "exact", after it).
        if letters[0] >= h_start and (where == "start" or letters[1] < h_end):
            return f"line starts with '{phrase}'" if where == "start" else f"line is just '{phrase}'"
    return None


def _letter_bounds(lower: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the first and the last letter in ``lower[start:end]`` (``(end, start - 1)`` if none)."""
    first = _LETTER_RE.search(lower, start, end)
    if first is None:
        return end, start - 1
    last = end - 1
    while not _LETTER_RE.match(lower[last]):
        last -= 1
    return first.start(), last


@per_document
def find_boilerplate(doc: Document) -> list[Line]:
    """Paragraph lines of ``doc`` that are page boilerplate rather than article prose (computed once
    per document: style counts them, attribution skips the cues inside them)."""
    text, lower = doc.text, doc.lower
    hits = [h for h in _MATCHER.finditer(lower) if not doc.in_quote(h[0])]
    hit_starts = [h[0] for h in hits]
    # Every copyright notice has a "©" or "(c)": without one the per-line search is skipped.
    may_have_copyright = "©" in text or "(c)" in lower
    lines: list[Line] = []
    for p_start, p_end in doc.paragraphs:
        start, end = _strip(text, p_start, p_end)
        words = text.count(" ", start, end) + 1
        if start >= end or words > _MAX_BIO_WORDS:
            continue
        reason = None
        if words <= _MAX_WORDS:
            if hits:
                line_hits = hits[bisect_right(hit_starts, start - 1) : bisect_right(hit_starts, end - 1)]
                reason = _phrase_reason(lower, start, end, line_hits)
            if reason is None and may_have_copyright and _COPYRIGHT_RE.search(text, start, end):
                reason = "copyright notice"
        if reason is None and _BIO_RE.match(text, start, end):
            reason = "author bio"
        if reason:
            lines.append(Line(start, end, reason))
    return lines
