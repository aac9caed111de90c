"""One quantity given two values: "29 people injured" here, "31 people injured" there.

Each number with a unit ("people", "percent", "$ million", "year-old") is keyed by its unit plus
the nearest content word after it or before it (crudely stemmed), and appositive ages
("Rahami, 28,") by the name. A key seen with two values in different sentences is a conflict when
one value is mentioned once and the two are close (an updated count or a typo, not two events).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from credibly.features.consistency.dates import MONTHS
from credibly.features.document import NUM, PUNCT, WORD, Document, Token
from credibly.features.words import AUXILIARIES, FUNCTION_WORDS, NOUN_SUFFIXES, strip_suffix

_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Words right before a number that make it one end of a range or a comparison (not compared),
# and words that make it approximate (compared only with other approximate mentions).
_RANGE = frozenset(["than", "to", "from", "between", "and", "or", "by"])
_APPROX = frozenset(
    [
        "about",
        "around",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "some",
        "over",
        "more",
        "less",
        "least",
        "up",
        "estimated",
    ]
)
MAX_RATIO = 1.5  # same unit and context: values further apart are likely two quantities
# Measurement scales take many values in one article (polls, money, durations): for these the
# value is compared only when the content words on both sides agree.
_SCALE_UNITS = frozenset(
    [
        "percent",
        "point",
        "year-old",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "time",
        "vote",
        "mile",
        "$",
        "€",
        "£",
        "¥",
    ]
)
_TIGHT_KEYS = frozenset({"unit", "scale-next", "scale-prev"})
UNIT_RATIO = 1.25  # same unit only ("29 people" / "31 people"): values must be this close
_WINDOW = 3


@dataclass(frozen=True, slots=True)
class Mention:
    """One number token at ``[start, end)`` with its value, sentence and comparison keys."""

    start: int
    end: int
    value: float
    sentence: int
    approximate: bool
    keys: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class QuantityConflict:
    """A deviant value at ``[start, end)``; ``other`` is the value given at ``other_at``."""

    start: int
    end: int
    other: str
    other_at: int


def _stem(word: str) -> str:
    return strip_suffix(word.lower(), NOUN_SUFFIXES)


def _value(tok: Token, prev: Token | None, nxt: Token | None) -> float | None:
    """Numeric value of a quantity token; None for dates, times, ordinals and bare years."""
    t = tok.text
    if ":" in t or "/" in t or t[-2:] in ("st", "nd", "rd", "th"):
        return None
    digits = t.lstrip("$€£¥").rstrip("%").replace(",", "")
    if digits.count(".") > 1:
        return None
    try:
        value = float(digits)
    except ValueError:
        return None
    if len(digits) == 4 and 1800 <= value <= 2100 and t[0].isdigit() and not t.endswith("%"):
        return None  # a bare year
    for x in (prev, nxt):
        if x is not None and x.kind == WORD and x.text.lower().rstrip(".") in MONTHS:
            return None  # a day of a month
    return value


def _content_word(tokens: list[Token], indices: range) -> str | None:
    """First content word among ``indices`` (function words skipped, punctuation stops)."""
    for k in indices:
        tok = tokens[k]
        if tok.kind != WORD:
            if tok.kind == PUNCT and tok.text == "-":
                continue
            return None
        low = tok.text.lower()
        if low not in FUNCTION_WORDS and low not in AUXILIARIES:
            return _stem(low)
    return None


def _unit(tokens: list[Token], i: int, end: int) -> tuple[str | None, float, int]:
    """``(unit, scale, index after unit)`` for the number token at ``i``."""
    tok, j, scale = tokens[i], i + 1, 1.0
    if j < end and tokens[j].kind == WORD and tokens[j].text.lower() in _SCALES:
        scale, j = _SCALES[tokens[j].text.lower()], j + 1
    unit = None
    if tok.text.endswith("%"):
        unit = "percent"
    elif j + 1 < end and tokens[j].text == "-" and tokens[j + 1].kind == WORD:
        unit, j = tokens[j + 1].text.lower(), j + 2
    elif j < end and tokens[j].kind == WORD and tokens[j].text.lower() not in FUNCTION_WORDS:
        unit, j = _stem(tokens[j].text), j + 1
    if tok.text[0] in "$€£¥":
        unit = tok.text[0] + (unit or "") + ("" if scale == 1.0 else f"e{len(str(int(scale))) - 1}")
    return unit, scale, j


def _age_key(tokens: list[Token], i: int, s_start: int, end: int) -> tuple[str, ...] | None:
    """``("age", name)`` for appositive ages such as "Ahmad Rahami, 28,"."""
    if (
        i - 2 < s_start
        or i + 1 >= end
        or tokens[i - 1].text != ","
        or tokens[i + 1].text not in (",", ")", ".")
    ):
        return None
    name = tokens[i - 2]
    return ("age", name.text.lower()) if name.is_capitalised else None


def _is_scale_unit(unit: str) -> bool:
    return unit in _SCALE_UNITS or unit.rstrip("s") in _SCALE_UNITS or unit[0] in "$€£¥"


def _context_keys(
    tokens: list[Token], i: int, j: int, unit: str, s_start: int, s_end: int
) -> list[tuple[str, ...]]:
    """Keys of a number with a unit: unit plus the content word after it and/or before it."""
    after = _content_word(tokens, range(j, min(j + _WINDOW, s_end)))
    before = _content_word(tokens, range(i - 1, max(i - 1 - _WINDOW, s_start - 1), -1))
    keys: list[tuple[str, ...]]
    if _is_scale_unit(unit):
        keys = [("both", before, unit, after)] if before and after else []
        keys += [("scale-next", unit, after)] if after else []
        return keys + ([("scale-prev", before, unit)] if before else [])
    keys = [("next", unit, after)] if after else []
    keys += [("prev", before, unit)] if before else []
    return [*keys, ("unit", unit)]


def _mention(doc: Document, i: int, s_index: int) -> Mention | None:
    s = doc.sentences[s_index]
    tokens = doc.tokens
    prev = tokens[i - 1] if i > s.tok_start else None
    prev_low = prev.text.lower() if prev is not None else ""
    value = _value(tokens[i], prev, tokens[i + 1] if i + 1 < s.tok_end else None)
    if value is None or prev_low in _RANGE:
        return None
    unit, scale, j = _unit(tokens, i, s.tok_end)
    keys: list[tuple[str, ...]] = []
    age = _age_key(tokens, i, s.tok_start, s.tok_end)
    if age:
        keys.append(age)
    if prev_low in ("aged", "age") and unit is None:
        keys.append(("aged",))
    if unit is not None:
        keys += _context_keys(tokens, i, j, unit, s.tok_start, s.tok_end)
    if not keys:
        return None
    approximate = prev_low in _APPROX
    return Mention(tokens[i].start, tokens[i].end, value * scale, s_index, approximate, tuple(keys))


def collect_mentions(doc: Document) -> list[Mention]:
    """All keyed quantity mentions of the document in text order."""
    out: list[Mention] = []
    tokens = doc.tokens
    for s_index, s in enumerate(doc.sentences):
        for i in range(s.tok_start, s.tok_end):
            if tokens[i].kind == NUM:
                m = _mention(doc, i, s_index)
                if m is not None:
                    out.append(m)
    return out


def _close(a: float, b: float, max_ratio: float) -> bool:
    """Values near enough to be one quantity misstated: within ``max_ratio`` or digit-swapped."""
    lo, hi = sorted((abs(a), abs(b)))
    return (lo > 0 and hi / lo <= max_ratio) or sorted(f"{a:g}") == sorted(f"{b:g}")


def _conflict_in(group: list[Mention], text: str, max_ratio: float) -> QuantityConflict | None:
    """The single mention whose value differs from the only other value of the group, if any."""
    counts: dict[float, int] = defaultdict(int)
    for m in group:
        counts[m.value] += 1
    if len(counts) != 2:
        return None
    rare = min(counts, key=lambda v: (counts[v], -max(m.start for m in group if m.value == v)))
    deviant = max((m for m in group if m.value == rare), key=lambda m: m.start)
    others = [m for m in group if m.value != rare and m.sentence != deviant.sentence]
    if counts[rare] != 1 or not others or not _close(rare, others[0].value, max_ratio):
        return None
    return QuantityConflict(
        deviant.start, deviant.end, text[others[0].start : others[0].end], others[0].start
    )


def find_quantity_conflicts(doc: Document) -> list[QuantityConflict]:
    """Deviant values of quantities stated elsewhere in the article with another value."""
    groups: dict[tuple[str, ...], list[Mention]] = defaultdict(list)
    for m in collect_mentions(doc):
        for key in m.keys:
            groups[(*key, "~" if m.approximate else "")].append(m)
    found: dict[int, QuantityConflict] = {}
    for group_key, group in groups.items():
        if len(group) >= 2:
            c = _conflict_in(group, doc.text, UNIT_RATIO if group_key[0] in _TIGHT_KEYS else MAX_RATIO)
            if c is not None:
                found.setdefault(c.start, c)
    return sorted(found.values(), key=lambda c: c.start)
