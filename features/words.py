"""English word resources in one place: the offline frequency list, common words, closed-class word
lists and the crude suffix stripping the detectors share.

The word-frequency list ships inside ``pyspellchecker`` and is loaded once per process; spelling uses
it as its vocabulary and the consistency detectors use it to tell ordinary words from names (a name
pair in which both forms are common words, "Three" / "There", is two words, not a misspelling).
Trigger words that belong to a single rule (e.g. "according to plan") stay beside that rule.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple


@cache
def english_frequencies() -> dict[str, int]:
    """``word -> frequency`` from pyspellchecker's ``en.json.gz`` (empty if the file is missing).
    Shared and cached: callers must not mutate it."""
    try:
        raw = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
        return json.loads(gzip.decompress(raw))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}


@cache
def word_frequencies() -> dict[str, float]:
    """``word -> share of running text`` from wordfreq's large English list (~320k words from news,
    Wikipedia, books, subtitles and social media; lower-case, names and brands included). Broader
    than the spelling vocabulary: a word missing here is unknown to English text at large."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word (log10 per billion words; 0 when unknown, ~7 for "the")."""
    share = word_frequencies().get(word)
    return math.log10(share) + 9.0 if share else 0.0


# Words at least this frequent (Zipf) are the targets of one-edit typo lookups ("presidnet").
NEIGHBOUR_MIN_ZIPF = 3.0
_NEIGHBOUR_MIN_LEN = 4
_NEIGHBOUR_MAX_LEN = 30


@cache
def _neighbour_targets() -> frozenset[str]:
    """The common words a typo can be a slip of: ASCII letters only, four letters or more, at least
    ``NEIGHBOUR_MIN_ZIPF`` frequent."""
    return frozenset(
        word
        for word, share in word_frequencies().items()
        if len(word) >= _NEIGHBOUR_MIN_LEN
        and word.isascii()
        and word.isalpha()
        and math.log10(share) + 9.0 >= NEIGHBOUR_MIN_ZIPF
    )


@cache
def _target_letters() -> str:
    """Every letter the target words use (the alphabet of the one-edit strings worth trying)."""
    return "".join(sorted({ch for word in _neighbour_targets() for ch in word}))


def _one_edit_strings(word: str) -> set[str]:
    """Every string one deletion, adjacent swap, substitution or insertion away from ``word``, over
    the target words' letters (about 54 per letter of ``word``: generated per call, no index)."""
    letters = _target_letters()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in letters)
    out.update(a + c + b for a, b in splits for c in letters)
    return out


def known_neighbour(word: str, min_zipf: float) -> str | None:
    """The most frequent word English uses at large (Zipf >= ``min_zipf``) one edit away from the
    lower-case ``word`` past its first letter (a slip rarely hits that one), or None: "irreperable"
    -> "irreparable". Rarer than :func:`common_neighbour`'s targets, so it is only asked about words
    no common one explains."""
    if not _NEIGHBOUR_MIN_LEN <= len(word) <= _NEIGHBOUR_MAX_LEN:
        return None
    shares = word_frequencies()
    least = 10.0 ** (min_zipf - 9.0)
    found = [c for c in _one_edit_strings(word) - {word} if c[:1] == word[:1] and shares.get(c, 0.0) >= least]
    return max(found, key=lambda c: (shares[c], c)) if found else None


_VOWELS = frozenset("aeiouy")


class Edit(NamedTuple):
    """How a word differs from its neighbour by one edit: ``kind`` is ``swap`` (adjacent letters
    exchanged), ``double`` (a letter doubled or undoubled), ``vowel`` (a vowel replaced, added or
    dropped) or ``consonant`` (any other single change); ``at`` is the position in the longer word."""

    neighbour: str
    kind: str
    at: int

    @property
    def typo_like(self) -> bool:
        """Swaps, doubled letters and vowel slips inside a word are how people misspell ("recieve",
        "untill", "seperate"); other single changes just as often separate two real words."""
        if self.kind in ("swap", "double"):
            return self.at > 0
        return self.kind == "vowel" and 0 < self.at < len(self.neighbour) - 1


def edit_kind(word: str, other: str) -> str | None:
    """The kind of single edit between ``word`` and ``other`` (see :class:`Edit`), or None."""
    if word == other or abs(len(word) - len(other)) > 1:
        return None
    a, b = (word, other) if len(word) <= len(other) else (other, word)
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        if a[i:] != b[i + 1 :]:
            return None
        extra = b[i]
        if (i > 0 and b[i - 1] == extra) or (i + 1 < len(b) and b[i + 1] == extra):
            return "double"
        return "vowel" if extra in _VOWELS else "consonant"
    if a[i + 1 :] == b[i + 1 :]:
        return "vowel" if a[i] in _VOWELS and b[i] in _VOWELS else "consonant"
    if i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
        return "swap"
    return None


def _edit_position(word: str, other: str) -> int:
    """Index of the first differing character (in the longer of the two words)."""
    i = 0
    while i < min(len(word), len(other)) and word[i] == other[i]:
        i += 1
    return i


@lru_cache(maxsize=1 << 14)
def common_neighbour(word: str) -> Edit | None:
    """The most frequent common word one edit away from the lower-case ``word`` (not ``word``
    itself) and how they differ, or None: "presidnet" -> president (swap), "ploice" -> police."""
    if not _NEIGHBOUR_MIN_LEN <= len(word) <= _NEIGHBOUR_MAX_LEN:
        return None  # longer than any English word: one-edit strings cost time in its length squared
    candidates = (_one_edit_strings(word) & _neighbour_targets()) - {word}
    edits = [(c, kind) for c in candidates if (kind := edit_kind(word, c)) is not None]
    if not edits:
        return None
    best, kind = max(edits, key=lambda e: (zipf(e[0]), e[0]))
    return Edit(best, kind, _edit_position(word, best))


# Frequency (pyspellchecker units) from which a lower-case word counts as common vocabulary;
# proper names sit far below it ("clinton" 343, "obama" 244) while "rush" is 39,971.
COMMON_MIN_FREQ = 1000

# Function words, auxiliaries, quantifiers and reporting verbs that never key a quantity or a name.
FUNCTION_WORDS = frozenset(
    (
        "a about according after all almost also among an and any approximately are around as at be been "
        "before being between both but by can could did do does down during each for from had has have he "
        "her "
        "here his i in including into is it its just least less may might more most must my nearly no nor "
        "not "
        "of on only or other our out over per roughly said say says she should since so some such than that "
        "the their them then there these they this those to under until up very was we were what when where "
        "which while who whom will with would you your"
    ).split()
)
# Frequent English function words: their share of an article's words tells English from other languages.
LANGUAGE_CHECK_WORDS = frozenset(
    (
        "a about after all also an and are as at be been but by can could did do for from had has have he "
        "her "
        "his i if in into is it its may more new no not of on one only or other our out over said she so "
        "some "
        "than that the their them there these they this those to up was we were what when which who will "
        "with "
        "would you"
    ).split()
)
# Words a fused typo glues to a neighbour ("andthe", "thepresident").
FUSABLE_FUNCTION_WORDS = frozenset(
    (
        "a an and are as at be been but by can could for from had has have he her his in into is it its my "
        "not of on or our she should that the their they this to was we were will with would you your"
    ).split()
)
# Auxiliaries and relative pronouns skipped when looking for the content word next to a number.
AUXILIARIES = frozenset(("are be been being had has have is that was were which who").split())
# Auxiliaries and adverbs that may sit between a speaker and a reporting verb ("Trump has repeatedly said").
SUBJECT_VERB_GAP_WORDS = frozenset(
    (
        "already also always are be been can clearly could did didn't do does doesn't don't even first "
        "further had has have increasingly initially is just later long may might n't never not now often "
        "once openly previously privately publicly quickly really recently repeatedly reportedly should "
        "still "
        "strongly then was were will won't would"
    ).split()
)
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "such"})
PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "with", "to", "on", "by", "about", "against"})
FIRST_PERSON = frozenset(("i i'm i've me mine my our ours we we're we've").split())
SECOND_PERSON = frozenset(("you you'll you're you've your yours yourself yourselves").split())
# Abbreviations whose final dot does not end a sentence ("Mr. Smith", "U.S. officials").
ABBREVIATIONS = frozenset(
    (
        "a.m adm approx apr aug capt cmdr co col corp dec dept det dr e.g est etc feb fig gen gov hon i.e "
        "inc "
        "insp jan jr jul jun lt ltd mar mr mrs ms mt no nos nov oct p.m pres prof rep rev sen sep sept sgt "
        "sr "
        "st supt u.k u.n u.s univ vs"
    ).split()
)
# Words that may sit inside a capitalised name chain without breaking it ("Bank of England").
NAME_CONNECTORS = frozenset(("al bin da de del della der di du for ibn la le of van von").split())
# Name particles that start a camel-case surname ("McDonald", "DeSantis"): not a fused word.
NAME_PARTICLES = frozenset(("al da de del di du la le mac mc van von").split())
HONORIFICS = frozenset(("dame dr gen gov lady lord mr mrs ms pres prof rep rev sen sir st").split())
# Number words by value: NUMBER_WORDS[3] == "three".
NUMBER_WORDS = tuple(
    (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty"
    ).split()
)

# Prepositions among the closed-class words (wider than ``PREPOSITIONS``, the ones a name or a source
# may follow).
CLOSED_PREPOSITIONS = frozenset(
    (
        "of in on at by for with from to into onto upon about above below over under between among "
        "through during before after since until against without within along across around near "
        "behind beyond toward towards despite via per than as like"
    ).split()
)
# Closed-class words (determiners, pronouns, auxiliaries, prepositions, conjunctions, particles) that
# the fluency model keeps as themselves; every other word becomes its shape. No topic words.
CLOSED_CLASS_WORDS = CLOSED_PREPOSITIONS | frozenset(
    (
        "a an the this that these those my your his her its our their some any no every each either neither "
        "all both few many much more most several such what which whose whatever "
        "i me you he him she it we us they them myself yourself himself herself itself ourselves themselves "
        "who whom whoever someone something anyone anything everyone everything nobody nothing one ones "
        "be am is are was were been being have has had having do does did doing done "
        "will would shall should can could may might must ought "
        "isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't "
        "couldn't shouldn't it's that's there's he's she's they're we're i'm you're i've we've they've "
        "and or but nor so yet if because although though while whereas unless whether when where why how "
        "not never also only just even still already very too quite rather again ever here there then "
        "now however therefore thus up down out off away back"
    ).split()
)

# Regular inflections and derivations checked against the vocabulary (stopped, making, cities).
INFLECTION_SUFFIXES = (
    "'s",
    "s'",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ly",
    "er",
    "est",
    "ness",
    "less",
    "ish",
    "ism",
    "ist",
)
WORD_PREFIXES = (
    "un",
    "re",
    "non",
    "pre",
    "post",
    "over",
    "under",
    "anti",
    "co",
    "mis",
    "out",
    "mega",
    "ex",
    "multi",
    "cyber",
    "counter",
    "inter",
    "neo",
    "ultra",
    "super",
    "micro",
    "mini",
    "semi",
    "self",
)
# British spellings mapped to the American forms the word list holds (colour, organise, centre).
BRITISH_SPELLINGS = (
    ("our", "or"),
    ("is", "iz"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("ll", "l"),
)

# Suffix rules ``(suffix, replacement)`` for :func:`strip_suffix`, one table per use.
VERB_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
NOUN_SUFFIXES = tuple((s, "") for s in ("ing", "ed", "es", "s", "e"))
DEMONYM_SUFFIXES = tuple((s, "") for s in ("ians", "ian", "ans", "an", "es", "s", "i"))


def strip_suffix(word: str, rules: Sequence[tuple[str, str]], min_stem: int = 3) -> str:
    """``word`` with the first matching suffix of ``rules`` replaced, when at least ``min_stem``
    characters remain (crude stemming: "believes" -> "believ", "Russians" -> "russ")."""
    for suffix, replacement in rules:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: len(word) - len(suffix)] + replacement
    return word


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words frequent enough to be ordinary vocabulary rather than names."""
    return frozenset(w for w, f in english_frequencies().items() if f >= COMMON_MIN_FREQ)


@lru_cache(maxsize=1)
def common_or_function_words() -> frozenset[str]:
    """:func:`common_words` plus :data:`FUNCTION_WORDS`: one set, so hot loops test a word with one probe."""
    return common_words() | FUNCTION_WORDS


def is_common(word: str) -> bool:
    """True when ``word`` (any case) is ordinary English vocabulary or a function word."""
    return word.lower() in common_or_function_words()


def is_known(word: str) -> bool:
    """True when ``word`` is in the English word list at all (rare words and some names too)."""
    low = word.lower()
    return low in FUNCTION_WORDS or low in english_frequencies()


# A spelling this frequent in English text at large is a word or name in its own right.
REAL_SPELLING_ZIPF = 3.0


def is_real_spelling(word: str) -> bool:
    """True when ``word`` (any case) is a name or word English uses, not a slip of another: in the
    word list, or frequent in English text at large (Teresa and Theresa, Martin and Marin)."""
    return is_known(word) or zipf(word.lower()) >= REAL_SPELLING_ZIPF
