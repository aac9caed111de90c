"""Time anchors: prose that says which day the events happened ("on Wednesday", "said Tuesday",
"on March 3").

News reporting dates what it reports; rewrites, content farms and undated commentary drop the day.
A weekday or a month-and-day date counts in a prose sentence (six words or more), not in page
furniture (timestamps, update stamps, bylines, credit lines, boilerplate), not as part of a name ("Super
Tuesday", "the Sunday Times") and not when the date clashes with its weekday or the publication
date (the consistency family reports that one).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from credibly.features.consistency.dates import WEEKDAYS
from credibly.features.document import WORD, Document

_MIN_WORDS = 6
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Apr(?:il|\.)?|May|June|July|Aug(?:ust|\.)?"
    r"|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
# A weekday, or a month with a day before or after it; each alternative is a fixed run of words.
# The lookahead rejects most positions (lower-case letters, spaces) before the alternation is tried.
ANCHOR_RE = re.compile(rf"(?=[A-Z\d])\b(?:{_WEEKDAY}\b|{_MONTH} {_DAY}\b|{_DAY} (?:of )?{_MONTH}\b)")
# Words that make a weekday part of a name rather than a date ("Super Tuesday", "Black Friday").
_NAME_PREFIXES = frozenset(
    {"super", "black", "cyber", "good", "ash", "easter", "palm", "bloody", "holy", "maundy", "giving"}
)


# A stamp of the page's own history opening a line before the day ("UPDATE October 25, 2016:",
# "Posted on Monday, March 7"): when the page changed, not when the events happened. In prose ("an
# interview published Thursday") the same words date an event and count.
_STAMP_RE = re.compile(
    r"[\s(\[*]*(?:last )?(?:updated?|posted|published|modified|edited)(?: on| at)?[\s:,-]*"
    rf"(?:{_WEEKDAY},? )?",
    re.IGNORECASE,
)
_STAMP_WINDOW = 40


class TimeAnchor(NamedTuple):
    """A day named at ``[start, end)`` in sentence ``sentence``."""

    start: int
    end: int
    sentence: int


def _is_name(text: str, start: int, end: int) -> bool:
    """True when the weekday at ``[start, end)`` is part of a name: a capitalised word follows it
    ("Sunday Times") or a holiday word precedes it ("Super Tuesday")."""
    after = text[end : end + 2]
    if len(after) == 2 and after[0] == " " and after[1].isupper():
        return True
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in _NAME_PREFIXES


def _is_prose(doc: Document, i: int) -> bool:
    """True when sentence ``i`` has six words or more (a timestamp or a dateline has fewer)."""
    s = doc.sentences[i]
    return sum(1 for t in doc.tokens[s.tok_start : s.tok_end] if t.kind == WORD) >= _MIN_WORDS


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted and with overlapping ones joined, so one forward walk can test offsets."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def find_time_anchors(doc: Document, excluded: list[tuple[int, int]]) -> list[TimeAnchor]:
    """Days named in prose sentences of ``doc`` outside the ``excluded`` spans (boilerplate lines,
    clashing dates) and its credit and signature lines; linear in the text (one pass over the
    matches, one over the spans, each sentence's words counted once)."""
    text = doc.text
    spans = _merged(excluded + [(line.start, line.end) for line in doc.social_lines])
    prose: dict[int, bool] = {}
    k = 0
    out: list[TimeAnchor] = []
    for m in ANCHOR_RE.finditer(text):
        start, end = m.span()
        if text[start].isupper() and text[end - 3 : end] == "day" and _is_name(text, start, end):
            continue
        # The line's start, looked for within the window only (a long line stays linear): a newline
        # found there, or the text's start within reach.
        line_start = text.rfind("\n", max(0, start - _STAMP_WINDOW), start) + 1
        if (line_start or start <= _STAMP_WINDOW) and _STAMP_RE.fullmatch(text, line_start, start):
            continue
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k < len(spans) and spans[k][0] <= start:
            continue
        i = doc.sentence_index(start)
        if i < 0 or start >= doc.sentences[i].end:
            continue
        if i not in prose:
            prose[i] = _is_prose(doc, i)
        if prose[i]:
            out.append(TimeAnchor(start, end, i))
    return out
