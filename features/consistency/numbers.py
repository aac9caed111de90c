"""One quantity given two values: "kill 56 civilians" in the headline, "63 civilians killed" below.

Each number is described by what it counts (the noun after it, else the one before: "civilians",
"percent", "$ million", "toll"), the event around it ("killed", "injured", "cases"), its qualifier
("at least", "about", "more than"), the names in its clause and who its sentence cites. Two mentions
of the same counted thing and event conflict when their values differ, are close (a misstatement,
not two quantities) and nothing explains the difference:

- a qualifier that allows it ("at least 63" and "70"; "about 60" and "58"), while one that rules it
  out still conflicts ("at least 63" and "56");
- different sources ("the ministry said 12 ... activists said 15"; a headline's "X says" only
  condenses the body's source), different places or people in the two clauses, an update ("rose
  to", "so far"), an increment or a part against a figure of another kind ("three more died", "68
  children among 126"; "31 controls, including 16" is the whole), or a sum of other figures given;
  two increments ("another 500 troops", "477 more troops") are compared like any two figures;
- one sentence giving both values, which compares them ("$44,827, far below the state's $64,792";
  "about 50 pounds (52, to be exact)").

Numbers glued to letters or codes ("KN95", "COVID-19", links, DOIs), days ("Oct. 21"), times ("7
p.m."), codes with a leading zero, either end of a range or score ("3-5", "60 to 80"), the base of a
rate ("one in 1,000") and bounds written after the number ("67 or older") are not stated values. Two
mentions are one figure restated when their events agree (a study's size: "enrolled", "recruited"),
one source gives both, two context words are shared (one, when both refer back to a set the article
has named: "among the 2,500 women screened", "of those 2,942 women screened"), or the digits are the
same swapped ("62" and "26"); a counted thing given four or more values is a table, where only the
usual figure with its digits swapped is reported.

The deviant mention is the value given once (of two, the later one); the evidence note names the
other value.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter

from credibly.features.consistency.dates import MONTHS, WEEKDAY_WORDS
from credibly.features.document import NUM, WORD, Document, NameChain, Token, lower_same_length, parse
from credibly.features.lexicon import PhraseMatcher, load_lexicon
from credibly.features.words import (
    AUXILIARIES,
    FUNCTION_WORDS,
    NOUN_SUFFIXES,
    NUMBER_WORDS,
    is_common,
    is_known,
    strip_suffix,
)

_NATIONALITY = ("ian", "ese", "ish", "i", "an")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# A number right after these words is one end of a range or a comparison, a difference ("cut the
# risk by 14 percent") or the base of a rate ("per 100,000", "for every 10,000 women"), not a stated
# value.
_RANGE = frozenset(["between", "by", "per", "every", "vs", "versus"])
# After these, only when another number, "up" or a verb of change comes just before ("from 5 to 8",
# "up to 10", "rose to 63"): "granted citizenship to 920 people", "scans from 35 patients" are counts.
_RANGE_IF_PAIRED = frozenset(["to", "from"])
_PAIR_LOOKBACK = 4  # tokens before the linking word searched for the range's other number
# "in" right after a number makes the number after it the base of a rate ("one in 1,000", "1 in 8");
# past a counted word, only a power of ten is a base ("5 cancers in 1,000 women screened", not
# "120,000 scooters in 30 countries").
_RATE_IN = "in"
# A range or a choice only between two numbers ("20 and 30", not "masks and 216").
_LINKS = frozenset(["and", "or"])
# A number after these words names one of a kind ("type 2 diabetes", "phase 3 trial", "Game 7"):
# an identifier, not a count.
_LABELS = frozenset(
    (
        "type phase grade stage level class category game round step section chapter figure table page no"
    ).split()
)
_DASHES = frozenset(["-", "–"])
_RANGE_MARKS = frozenset(["-", "–", "to", "through"])
MAX_RATIO = 1.5  # values further apart are two quantities, not one misstated
_HEAD_WINDOW = 3  # content words after the number that may name what it counts
_EVENT_WINDOW = 8  # tokens around the number searched for the event word
_CONTEXT_WINDOW = 6  # tokens around the number whose words and names set the figure apart
_MAX_GROUP = 40  # mentions compared within one group (pairwise)
_START = attrgetter("start")
# Qualifiers and what they allow the true value to be, relative to the stated one.
_LOWER_BOUND = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than", "as many as")
_UPPER_BOUND = ("up to", "fewer than", "less than", "under", "at most", "no more than", "nearly", "almost")
_APPROXIMATE = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "an estimated",
    "estimated",
    "close to",
)
_QUALIFIERS = PhraseMatcher(
    [(q, "lower") for q in _LOWER_BOUND]
    + [(q, "upper") for q in _UPPER_BOUND]
    + [(q, "about") for q in _APPROXIMATE]
)
_APPROX_TOLERANCE = 0.15
# Shared context words that make two mentions one figure restated (one when both are definite).
_ALIKE_CONTEXT = 2
_POST_QUALIFIERS = {
    **dict.fromkeys(
        [
            "or more",
            "or older",
            "or over",
            "or above",
            "or higher",
            "and over",
            "and older",
            "and up",
            "and above",
        ],
        "lower",
    ),
    "or so": "about",
    **dict.fromkeys(
        ["or less", "or fewer", "or younger", "or under", "or below", "and under", "and younger"], "upper"
    ),
}
# Words that make the number beside them a part of another figure: before it ("among them 68",
# "including 30", "of whom 12") or after it ("68 children among 126", "10 out of 190", and "of"
# right after it: "18 of 21"). On the other side they mark the whole ("31 controls, including 16").
_PART_BEFORE = frozenset(["among", "including", "of whom", "of them", "of which"])
# A number after these (or after one and a possessive: "the state's 58 counties") refers back to a
# set the article has named: after a part-of-whole word it is the whole again ("among the 11 women
# who took the placebo", "of those 2,500 women").
_DEFINITE = frozenset(["the", "all", "those", "these", "its", "their", "our", "his", "her"])
_PART_AFTER = frozenset(["among", "out of"])
_INCREMENT_WORDS = frozenset(["more", "another", "additional", "further", "other", "new"])
# Verbs of change, up or down, attach to the figure they change ("the toll rose to 63", "bringing
# the total to 19", "admissions declined, leaving 24"): searched near the number only, since "a
# study of 30 patients found it increased sleep" is no update of the 30. Time frames ("so far",
# "as of May 10", "by the time") scope the whole sentence.
_CHANGE_STEMS = (
    "rose",
    "risen",
    "rise to",
    "climb",
    "increas",
    "grew",
    "jump",
    "brought",
    "bringing",
    "surpass",
    "fell",
    "fall",
    "drop",
    "declin",
    "decreas",
    "reduc",
    "cut",
)
_FRAME_STEMS = ("updat", "revised", "latest", "so far", "now stand", "as of", "by the time", "at the time")
_UPDATE_BEFORE, _UPDATE_AFTER = 6, 3  # tokens around a number searched for its change verb
# At word starts only: "prosecutors" holds "rose", "regrew" is no update of a figure.
_CHANGE_RE = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in _CHANGE_STEMS) + ")")
_FRAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in _FRAME_STEMS) + ")")
_EVENTS = PhraseMatcher(load_lexicon("quantity_events.txt"))
_CITATIONS = PhraseMatcher(
    [(w, "verb") for w in ("said", "says", "say", "told", "reported", "claimed", "announced", "estimated")]
    + [("according to", "according")]
)
_SOURCE_SKIP = frozenset(
    (
        "also later earlier had has have previously initially then the today yesterday tonight now recently"
    ).split()
)
# Scales on which one article gives many values (polls, money, ages, durations): two values are
# compared only when their events agree or two context words do.
_SCALES_NEEDING_EVENT = frozenset(
    ["percent", "year", "month", "week", "day", "hour", "minute", "year-old", "point"]
)
_AGES = frozenset(["year-old", "age", "aged"])
_AGE_OF = "age of "  # counted prefix of an appositive age: one person's age, however worded
# A counted thing given this many different values is a statistics table or a list of results
# ("sensitivity 70%, specificity 80%, 82% overall"), where figures differ by design.
_MAX_DISTINCT_VALUES = 4
# A clause this dense in numbers is a table row or a list, not a statement of one figure.
_MAX_NUMBER_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Mention:
    """One stated quantity at ``[start, end)`` (``field`` "text" or "title") and its context."""

    start: int
    end: int
    field: str
    text: str
    value: float
    counted: str  # what it counts: head noun stem or unit ("civilian", "percent", "$e6")
    event: str  # event lemma in its clause, or ""
    qualifier: str  # "", "lower", "upper" or "about"
    relation: str  # "part", "increment" or "update" of another figure, or ""
    definite: bool  # refers back to a set the article has named ("the 11 women", "all 50 states")
    clause: int  # sentence index (-1 for the title)
    names: frozenset[str]  # names near the number ("in Ganja")
    context: frozenset[str]  # content words near the number, other than what it counts
    source: str  # who the sentence cites ("ministry"), or ""


@dataclass(frozen=True, slots=True)
class QuantityConflict:
    """A deviant value at ``[start, end)`` of ``field``; ``other`` is the value given at ``other_at``."""

    start: int
    end: int
    other: str
    other_at: int
    field: str = "text"
    other_field: str = "text"


def _stem(word: str) -> str:
    return strip_suffix(word.lower(), NOUN_SUFFIXES)


def _value(tokens: list[Token], i: int, lo: int, hi: int) -> float | None:
    """Numeric value of the quantity token at ``i`` of ``[lo, hi)``; None for dates ("Oct. 21"),
    times ("7 p.m."), ordinals, bare years and codes with a leading zero ("081518242")."""
    t = tokens[i].text
    if (
        ":" in t
        or "/" in t
        or t[-2:] in ("st", "nd", "rd", "th")
        or (len(t) > 1 and t[0] == "0" and t[1] != ".")
    ):
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
    before = i - 2 if i - 2 >= lo and tokens[i - 1].text == "." else i - 1  # "Oct. 21"
    for k in (before, i + 1):
        if lo <= k < hi and tokens[k].kind == WORD and tokens[k].text.lower().rstrip(".") in MONTHS:
            return None  # a day of a month
    if i + 1 < hi and tokens[i + 1].text.lower().replace(".", "") in ("am", "pm"):
        return None  # a time of day
    return value


def _content(tokens: list[Token], k: int) -> str | None:
    """The stemmed word at ``k`` when it is a content word, else None."""
    tok = tokens[k]
    if tok.kind != WORD:
        return None
    low = tok.text.lower()
    return None if low in FUNCTION_WORDS or low in AUXILIARIES else _stem(low)


def _counted(tokens: list[Token], i: int, lo: int, hi: int) -> tuple[str, float]:
    """What the number at ``i`` counts and its scale: a unit ("percent", "$e6"), the first lower-case
    content word after it past capitalised modifiers ("56 Syrian civilians" -> "civilian", "20 US
    states" -> "state"), else the content word before it ("the death toll rose to 63" -> "toll"); ""
    when nothing fits."""
    tok, j, scale = tokens[i], i + 1, 1.0
    if j < hi and tokens[j].kind == WORD and tokens[j].text.lower() in _SCALES:
        scale, j = _SCALES[tokens[j].text.lower()], j + 1
    if tok.text.endswith("%") or (j < hi and tokens[j].text.lower() in ("percent", "per")):
        return "percent", scale
    if tok.text[0] in "$€£¥":
        return tok.text[0] + ("" if scale == 1.0 else f"e{len(str(int(scale))) - 1}"), scale
    if j + 1 < hi and tokens[j].text == "-" and tokens[j + 1].kind == WORD:  # "28-year-old"
        return tokens[j + 1].text.lower(), scale
    for k in range(j, min(j + _HEAD_WINDOW, hi)):
        if tokens[k].kind != WORD:
            break
        if tokens[k].text[0].isupper() and (
            tokens[k].text.lower().endswith(_NATIONALITY) or _modifies(tokens, k + 1, hi)
        ):  # "56 Syrian civilians", "20 US states"
            continue
        word = _content(tokens, k)
        if word is not None:
            return word, scale
    if (
        lo + 1 < i < hi - 1
        and tokens[i - 1].text == ","
        and tokens[i + 1].text in (",", ")")
        and tokens[i - 2].kind == WORD
        and tokens[i - 2].text[0].isupper()
        and _is_age(tok.text)
    ):  # an appositive age: "Ahmad Rahami, 28, was arrested"
        return _AGE_OF + tokens[i - 2].text.lower(), scale
    for k in range(i - 1, max(i - 1 - _HEAD_WINDOW, lo - 1), -1):
        word = _content(tokens, k)
        if word is not None:
            return word, scale
    return "", scale


def _modifies(tokens: list[Token], k: int, hi: int) -> bool:
    """True when token ``k`` (before ``hi``) is a lower-case content word, which a capitalised word
    before it modifies ("US states")."""
    return k < hi and tokens[k].text[0].islower() and _content(tokens, k) is not None


def _is_age(text: str) -> bool:
    """True for a plain whole number a person's age could be (1-120)."""
    return text.isdigit() and 0 < int(text) <= 120


def _qualifier(lower: str, tokens: list[Token], i: int, lo: int, hi: int) -> str:
    """The qualifier right before the number at ``i`` ("at least", "about") or right after it or its
    counted word ("67 or older", "10 years or more", "65 and over", "105 or so"), or ""."""
    for k in (i + 1, i + 2):
        if k + 1 < hi and tokens[k].text.lower() in _LINKS:
            kind = _POST_QUALIFIERS.get(f"{tokens[k].text.lower()} {tokens[k + 1].text.lower()}")
            if kind:
                return kind
    start = tokens[max(lo, i - 4)].start
    hits = list(_QUALIFIERS.finditer(lower[start : tokens[i].start]))
    for _, h_end, _, kind in reversed(hits):
        if not lower[start + h_end : tokens[i].start].strip(" $€£¥"):
            return kind
    return ""


@dataclass(slots=True)
class _Clause:
    """Per-sentence context shared by the numbers in it."""

    events: list[tuple[int, int, str]]
    chains: list[NameChain]
    source: str
    update: bool  # a time frame that makes its figures updates ("so far", "as of May 10")


def _chain_names(chains: list[NameChain]) -> frozenset[str]:
    """Lower-case names among capitalised chains; a sentence-initial chain loses its leading common
    words ("In Ganja" -> "ganja"; a lone "The", "There's" or "Police" is no name)."""
    names = set()
    for c in chains:
        words = c.text.lower().split()
        if c.sentence_initial:
            while words and is_known(words[0].split("'")[0].split("’")[0]):
                words = words[1:]
        name = " ".join(words)
        if len(words) == 1 and is_common(name.rstrip("s")):
            continue  # "American", "Democrats": a word capitalised as a demonym or a party, no place
        if name and name not in MONTHS and name not in WEEKDAY_WORDS:
            names.add(name)
    return frozenset(names)


def _near(
    doc: Document, chains: list[NameChain], lo_tok: int, hi_tok: int, counted: str
) -> tuple[frozenset[str], frozenset[str]]:
    """Names and content words within ``[lo_tok, hi_tok)``: what sets one figure apart from another."""
    tokens = doc.tokens
    near_chains = [c for c in chains if lo_tok <= c.tok_start < hi_tok]
    words = {_content(tokens, k) for k in range(lo_tok, hi_tok)}
    return _chain_names(near_chains), frozenset(w for w in words if w and w != counted and w not in _SCALES)


def _source(doc: Document, lower: str, start: int, end: int) -> str:
    """Who the clause cites: the word before its reporting verb ("the ministry said" -> "ministry")
    or after "according to"; "" when it cites nobody."""
    tokens = doc.tokens
    for s, e, _, kind in _CITATIONS.finditer(lower[start:end]):
        at = bisect_left(tokens, start + s, key=_START)
        if kind == "according":
            step, k = 1, bisect_left(tokens, start + e, key=_START)
        else:
            step, k = -1, at - 1
        while 0 <= k < len(tokens) and tokens[k].start < end and tokens[k].start >= start:
            word = lower[tokens[k].start : tokens[k].end]
            if tokens[k].kind == WORD and word not in _SOURCE_SKIP and word not in WEEKDAY_WORDS:
                if word in FUNCTION_WORDS or word in AUXILIARIES:
                    break  # "it is said", "was reported": no named source
                return _stem(word)
            if tokens[k].kind != WORD and word not in (",", "-"):
                break
            k += step
    return ""


def _clause(doc: Document, lower: str, start: int, end: int, chain_starts: list[int]) -> _Clause:
    text = lower[start:end]
    events = [(start + s, start + e, cat) for s, e, _, cat in _EVENTS.finditer(text)]
    chains = doc.name_chains[bisect_left(chain_starts, start) : bisect_left(chain_starts, end)]
    source = _source(doc, lower, start, end)
    update = _FRAME_RE.search(text) is not None
    return _Clause(events, chains, source, update)


def _definite(tokens: list[Token], i: int, lo: int) -> bool:
    """True when the number at ``i`` follows a determiner, directly or before a possessive ("the 18
    patients", "all 50 states", "the state's 58 counties"): a set the article refers back to."""
    k = i - 1
    if k > lo and tokens[k].text.lower().endswith(("'s", "’s")):
        k -= 1
    return k >= lo and tokens[k].text.lower() in _DEFINITE


def _part_of_whole(lower: str, tokens: list[Token], i: int, lo: int, hi: int) -> bool:
    """True when a part-of-whole phrase sits right before the number ("among them 68", "of whom 12",
    "including 30") or after it ("68 children among", "10 out of 190", "18 of 21 voters"): the figure
    is a part of another one, not a second value of it. A definite number after the phrase is the
    whole ("among the 11 women", "including the state's 58 counties")."""
    before = f" {lower[tokens[max(lo, i - 3)].start : tokens[i].start]}"
    after = f"{lower[tokens[i].end : tokens[min(hi, i + 4) - 1].end]} "
    part_before = any(f" {w} " in before for w in _PART_BEFORE) and not _definite(tokens, i, lo)
    return part_before or any(f" {w} " in after for w in _PART_AFTER) or after.startswith(" of ")


def _event_near(clause: _Clause, tokens: list[Token], i: int) -> str:
    """The event of the nearest event word within the window around the number at ``i``."""
    at = tokens[i].start
    lo = tokens[max(0, i - _EVENT_WINDOW)].start
    hi = tokens[min(len(tokens) - 1, i + _EVENT_WINDOW)].end
    near = [(abs(s - at), cat) for s, e, cat in clause.events if lo <= s and e <= hi]
    return min(near)[1] if near else ""


def _changed(lower: str, tokens: list[Token], i: int, lo: int, hi: int) -> bool:
    """True when a verb of change stands near the number at ``i`` ("the toll rose to 63")."""
    start = tokens[max(lo, i - _UPDATE_BEFORE)].start
    end = tokens[min(hi, i + _UPDATE_AFTER + 1) - 1].end
    return _CHANGE_RE.search(lower, start, end) is not None


def _standalone(text: str, tok: Token) -> bool:
    """False for a number glued to letters or to a code: part of a name, code or link ("KN95",
    "COVID-19", "pic.twitter.com/y1YfKg9S8A", "doi:10.1001/jama.2016.11032"), or a decade ("60s")."""
    before = text[tok.start - 1] if tok.start else " "
    if before.isalnum() or (before in "-–./:" and tok.start >= 2 and text[tok.start - 2].isalnum()):
        return False  # "KN95", "COVID-19", "jama.2016.11032"
    return not text[tok.end : tok.end + 1].isalpha()


def _is_number(tok: Token) -> bool:
    """True for a number in digits or in words ("5", "one")."""
    return tok.kind == NUM or tok.text.lower() in NUMBER_WORDS


def _power_of_ten(text: str) -> bool:
    """True for 100, 1,000, 10,000 and so on: the bases rates are given per."""
    digits = text.replace(",", "")
    return len(digits) >= 3 and digits == "1" + "0" * (len(digits) - 1)


def _after_range_word(lower: str, tokens: list[Token], i: int, lo: int, hi: int) -> bool:
    """True when the word before the number at ``i`` makes it one end of a range, a comparison, a
    difference or a change ("between 3", "per 100,000", "by 14", "from 5 to 8", "rose to 63")."""
    word = tokens[i - 1].text.lower()
    if word in _RANGE:
        return True
    if word == _RATE_IN and i - 2 >= lo:
        return _is_number(tokens[i - 2]) or (
            i - 3 >= lo and _is_number(tokens[i - 3]) and _power_of_ten(tokens[i].text)
        )
    if word not in _RANGE_IF_PAIRED:
        return False
    paired = any(tokens[k].kind == NUM for k in range(max(lo, i - 1 - _PAIR_LOOKBACK), i - 1))
    up_to = i >= lo + 2 and tokens[i - 2].text.lower() == "up"
    return paired or up_to or _changed(lower, tokens, i, lo, hi)


def _range_end(tokens: list[Token], i: int, lo: int, hi: int) -> bool:
    """True for either end of a range or a score ("60 to 80", "45-55", "$100-$150", "7-12"), or the
    second of two numbers linked by "and" / "or" ("20 and 30")."""
    before = (
        i - 2 >= lo
        and (tokens[i - 1].text in _DASHES or tokens[i - 1].text.lower() in _LINKS)
        and tokens[i - 2].kind == NUM
    )
    after = i + 2 < hi and tokens[i + 1].text.lower() in _RANGE_MARKS and tokens[i + 2].kind == NUM
    return before or after


def _title_case(text: str) -> bool:
    """True for a headline in title case ("Airstrikes Kill 12 Members Of Same Family"), whose
    capitals say nothing about names."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _mentions_in(
    doc: Document, field: str, lower: str, spans: list[tuple[int, int, int, int]], use_names: bool = True
) -> list[Mention]:
    """Mentions in each ``(start, end, tok_start, tok_end)`` clause of ``doc`` (title: field "title");
    ``use_names`` False when capitals are no sign of names (a title-case headline)."""
    tokens, text = doc.tokens, doc.text
    chain_starts = [c.start for c in doc.name_chains]
    out = []
    for clause_index, (start, end, lo, hi) in enumerate(spans):
        numbers = [i for i in range(lo, hi) if tokens[i].kind == NUM and _standalone(text, tokens[i])]
        if not numbers or (len(numbers) >= 3 and len(numbers) > _MAX_NUMBER_SHARE * (hi - lo)):
            continue
        clause = _clause(doc, lower, start, end, chain_starts)
        for i in numbers:
            prev = tokens[i - 1] if i > lo else None
            value = _value(tokens, i, lo, hi)
            if (
                value is None
                or (prev is not None and _after_range_word(lower, tokens, i, lo, hi))
                or (prev is not None and prev.text.lower() in _LABELS)
                or _range_end(tokens, i, lo, hi)
            ):
                continue
            counted, scale = _counted(tokens, i, lo, hi)
            if not counted:
                continue
            before = prev.text.lower() if prev is not None and prev.kind == WORD else ""
            after = tokens[i + 1].text.lower() if i + 1 < hi and tokens[i + 1].kind == WORD else ""
            if clause.update or _changed(lower, tokens, i, lo, hi):
                relation = "update"
            elif before in _INCREMENT_WORDS or after in ("more", "others", "additional"):
                relation = "increment"
            else:
                relation = "part" if _part_of_whole(lower, tokens, i, lo, hi) else ""
            lo_near, hi_near = max(lo, i - _CONTEXT_WINDOW), min(hi, i + _CONTEXT_WINDOW + 1)
            names, context = _near(doc, clause.chains, lo_near, hi_near, counted)
            if not use_names:
                names = frozenset()
            out.append(
                Mention(
                    tokens[i].start,
                    tokens[i].end,
                    field,
                    tokens[i].text,
                    value * scale,
                    counted,
                    _event_near(clause, tokens, i),
                    _qualifier(lower, tokens, i, lo, hi),
                    relation,
                    _definite(tokens, i, lo),
                    clause_index if field == "text" else -1,
                    names,
                    context,
                    clause.source,
                )
            )
    return out


def collect_mentions(doc: Document) -> list[Mention]:
    """All stated quantities of the body, then of the title, in text order."""
    spans = [(s.start, s.end, s.tok_start, s.tok_end) for s in doc.sentences]
    mentions = _mentions_in(doc, "text", doc.lower, spans)
    if doc.title and any(c.isdigit() for c in doc.title):
        title_doc = parse(doc.title)
        title_spans = [(0, len(title_doc.text), 0, len(title_doc.tokens))]
        lower = lower_same_length(doc.title)
        mentions += _mentions_in(title_doc, "title", lower, title_spans, not _title_case(doc.title))
    return mentions


def _close(a: float, b: float) -> bool:
    """Values near enough to be one quantity misstated: within MAX_RATIO or digit-swapped."""
    lo, hi = sorted((abs(a), abs(b)))
    return (lo > 0 and hi / lo <= MAX_RATIO) or sorted(f"{a:g}") == sorted(f"{b:g}")


def _digit_swap(a: str, b: str) -> bool:
    """True for two different figures of 2+ digits with the same digits ("62" and "26"): a misprint
    whatever the wording around them."""
    x, y = a.lstrip("$€£¥").replace(",", ""), b.lstrip("$€£¥").replace(",", "")
    return x != y and len(x) >= 2 and x.isdigit() and sorted(x) == sorted(y)


def _allowed(stated: Mention, other: float) -> bool:
    """True when ``stated``'s qualifier allows the true value to be ``other``."""
    if stated.qualifier == "lower":
        return other >= stated.value
    if stated.qualifier == "upper":
        return other <= stated.value
    if stated.qualifier == "about":
        return abs(other - stated.value) <= _APPROX_TOLERANCE * stated.value
    return False


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when a name of one set is a name of the other or a part of it ("rahami", "ahmad rahami")."""
    return any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in a for y in b)


def _explained(a: Mention, b: Mention, values: set[float]) -> bool:
    """True when something other than a mistake explains two values of one quantity."""
    if (a.relation or b.relation) and not a.relation == b.relation == "increment":
        return True  # a change, a part, or an increment against another kind of figure
    if _allowed(a, b.value) or _allowed(b, a.value):
        return True
    if a.clause == b.clause and a.clause >= 0:
        return True  # one sentence giving two values compares them ("$41,576, compared with $53,657")
    if a.source and b.source and a.source != b.source and a.field == b.field:
        return True  # two sources giving their own figures (a headline only condenses the body's)
    if a.event and b.event and a.event != b.event:
        return True
    if a.names and b.names and not _same_name(a.names, b.names):  # two places or people
        return True
    if (
        (a.counted in _SCALES_NEEDING_EVENT or a.counted[:1] in "$€£¥")
        and not (a.event and a.event == b.event)
        and len(a.context & b.context) < 2
    ):
        return True
    if a.counted in _AGES and not _same_name(a.names, b.names):  # two people's ages
        return True
    lo, hi = sorted((a.value, b.value))
    return any(abs(lo + v - hi) < 1e-9 for v in values)  # a part and the whole


def _conflicts(group: list[Mention]) -> list[QuantityConflict]:
    """The deviant mentions of a group describing one counted thing that clash with the figure the
    article otherwise gives: a value stated once against one stated at least twice, or a headline
    figure against the body's. A group may hold more than one deviant value; of two values stated
    once each, only the later is reported."""
    counts: dict[float, int] = defaultdict(int)
    for m in group:
        counts[m.value] += 1  # the headline's figure counts too: "7 worst" in it and the body, "8" once
    values = set(counts)
    table = len(values) >= _MAX_DISTINCT_VALUES
    found: list[QuantityConflict] = []
    involved: set[tuple[str, int]] = set()
    for deviant in sorted(group, key=lambda m: (m.field != "title", -m.start)):
        if counts[deviant.value] > 1 or (deviant.field, deviant.start) in involved:
            continue
        juxtaposed = {m.value for m in group if m.clause == deviant.clause and m.clause >= 0}
        for other in group:
            if other.value in juxtaposed:
                continue  # the sentence gives both values: "about 50 pounds (52, to be exact)"
            canonical = counts[other.value] >= 2
            swapped = _digit_swap(deviant.text, other.text)
            if table and not (canonical and swapped):
                continue  # many values of one thing: only the usual one with its digits swapped
            headline_pair = "title" in (deviant.field, other.field) and deviant.field != other.field
            alike = (
                (deviant.event and deviant.event == other.event)
                or (deviant.source and deviant.source == other.source)  # one source giving it twice
                or len(deviant.context & other.context) >= _ALIKE_CONTEXT
                or (deviant.definite and other.definite and deviant.context & other.context)
                or deviant.counted.startswith(_AGE_OF)  # one person's age given twice
                or swapped
            )
            if (
                other.value != deviant.value
                and (headline_pair or canonical or alike)
                and _close(deviant.value, other.value)
                and not _explained(deviant, other, values)
            ):
                found.append(
                    QuantityConflict(
                        deviant.start, deviant.end, other.text, other.start, deviant.field, other.field
                    )
                )
                involved.add((other.field, other.start))
                break
    return found


def find_quantity_conflicts(doc: Document) -> list[QuantityConflict]:
    """Deviant values of quantities stated elsewhere in the article (or its headline) with another value."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in collect_mentions(doc):
        groups[m.counted].append(m)
    found: dict[tuple[str, int], QuantityConflict] = {}
    for group in groups.values():
        if 2 <= len(group) <= _MAX_GROUP:
            for c in _conflicts(group):
                found.setdefault((c.field, c.start), c)
    return sorted(found.values(), key=lambda c: (c.field != "title", c.start))
