"""Dates that contradict themselves or the publication date.

``weekday_mismatch``: "Monday, March 3, 2016" when that date was a Thursday (no year: the year of
``doc.published`` closest to the date). ``relative_date_conflict``: "yesterday (Tuesday)" or
"today, March 3" that does not fit ``doc.published``. Only decidable cases are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from credibly.features.document import Document
from credibly.features.memo import per_document

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_WORDS = frozenset(day.lower() for day in WEEKDAYS)
MONTHS: dict[str, int] = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for m in names.split()
}
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?P<mon>{_MONTH})\.?\s+(?P<day>{_DAY})|(?P<day2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH}))"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
)
_WEEKDAY_DATE_RE = re.compile(rf"\b{_WD},?\s+(?:the\s+)?{_DATE}")
# Possessive spaces: "today" followed by a long run of spaces must not try every split of the run.
_RELATIVE_RE = re.compile(
    rf"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\s*+[(,–—-]?\s*+(?:on\s++)?"
    rf"(?:{_WD}|{_DATE})"
)
_RELATIVE_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# Cheap literal scans that rule a pattern out (or propose where it can start) before the slow one.
_WEEKDAY_NAME_RE = re.compile("|".join(WEEKDAYS))
_LEADING_DIGITS = re.compile(r"\d+")
_RELATIVE_STEMS = ("esterday", "oday", "onight", "omorrow")


@dataclass(frozen=True, slots=True)
class DateConflict:
    """A span ``[start, end)`` whose date claim does not hold; ``kind`` names the check."""

    start: int
    end: int
    kind: str
    note: str


def _month_day(m: re.Match[str]) -> tuple[int, int] | None:
    mon, day = (m["mon"], m["day"]) if m["mon"] else (m["mon2"], m["day2"])
    if not mon or not day:
        return None
    month = MONTHS.get(mon.lower().rstrip("."))
    digits = _LEADING_DIGITS.match(day)
    return (month, int(digits.group())) if month and digits else None


def _resolve(m: re.Match[str], published: date | None) -> date | None:
    """The calendar date a match names, taking the year from the text or nearest ``published``."""
    md = _month_day(m)
    if md is None:
        return None
    years = (
        [int(m["year"])]
        if m["year"]
        else ([published.year - 1, published.year, published.year + 1] if published else [])
    )
    options = []
    for year in years:
        try:
            options.append(date(year, *md))
        except ValueError:
            continue
    if not options:
        return None
    return (
        min(options, key=lambda d: abs((d - published).days)) if published and not m["year"] else options[0]
    )


def resolve_date(phrase: str, published: date | None) -> date | None:
    """The date named by a "March 3[, 2016]"-style phrase (year from ``published`` if absent)."""
    m = re.compile(_DATE).fullmatch(phrase.strip())
    return _resolve(m, published) if m else None


def weekday_mismatches(doc: Document) -> list[DateConflict]:
    """Find "<Weekday>, <date>" spans whose weekday is not the weekday of that date."""
    found = []
    text, after_last = doc.text, 0
    # A match starts at a weekday name, and names never overlap: trying the full pattern only at
    # each name finds exactly what ``finditer`` over the whole text would.
    for name in _WEEKDAY_NAME_RE.finditer(text):
        if name.start() < after_last:
            continue
        m = _WEEKDAY_DATE_RE.match(text, name.start())
        if m is None:
            continue
        after_last = m.end()
        day = _resolve(m, doc.published)
        if day is None or WEEKDAYS[day.weekday()] == m["wd"]:
            continue
        note = f"{day:%B} {day.day}, {day.year} was a {WEEKDAYS[day.weekday()]}"
        found.append(DateConflict(m.start(), m.end(), "weekday_mismatch", note))
    return found


def relative_conflicts(doc: Document) -> list[DateConflict]:
    """Find "yesterday (Tuesday)"-style spans that do not fit the publication date."""
    if doc.published is None or not any(stem in doc.text for stem in _RELATIVE_STEMS):
        return []
    found = []
    for m in _RELATIVE_RE.finditer(doc.text):
        rel = m["rel"].lower()
        expected = doc.published + timedelta(days=_RELATIVE_OFFSET[rel])
        if m["wd"]:
            # one day of slack either way: publication timestamps are often UTC, stories local
            if m["wd"] not in {WEEKDAYS[(expected.weekday() + d) % 7] for d in (-1, 0, 1)}:
                published_day, expected_day = WEEKDAYS[doc.published.weekday()], WEEKDAYS[expected.weekday()]
                note = f"{rel} of a {published_day} publication is a {expected_day}"
                found.append(DateConflict(m.start(), m.end(), "relative_date_conflict", note))
            continue
        day = _resolve(m, doc.published)
        if day is not None and abs((day - expected).days) > 1:
            note = f"{rel} of a {doc.published:%B} {doc.published.day} publication is not {day:%B} {day.day}"
            found.append(DateConflict(m.start(), m.end(), "relative_date_conflict", note))
    return found


@per_document
def find_date_conflicts(doc: Document) -> list[DateConflict]:
    """All decidable weekday and relative-date conflicts in text order (found once per article: the
    attribution family gives a clashing date no credit as a time anchor)."""
    return sorted(weekday_mismatches(doc) + relative_conflicts(doc), key=lambda c: c.start)
