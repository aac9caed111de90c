"""Headline terms the body never mentions: key names and numbers of ``doc.title`` absent from text.

A number is a key term unless it is a year or part of a label ("COVID-19"). A title word is a key
term when it is capitalised and not ordinary vocabulary (so title-case
"Says" is not one), not an acronym or honorific. It is supported when the body has a word starting
with its stem (possessive, plural and demonym endings removed: "Russian" is met by "Russia").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from credibly.features.document import NUM, WORD, Document
from credibly.features.words import (
    DEMONYM_SUFFIXES,
    FUNCTION_WORDS,
    HONORIFICS,
    NUMBER_WORDS,
    is_common,
    is_known,
    strip_suffix,
)

# A number hyphenated to a word is part of a label ("COVID-19", "F-35", "I-95"), not a figure.
_TITLE_TERM_RE = re.compile(
    r"(?<![\w/])(?<![^\W\d_]-)(?P<num>[$€£¥]?\d(?:[\d,.]*\d)?%?)(?![\w/])"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
)
_APOSTROPHE_RE = re.compile(r"['’â]")
_TITLE_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")
_NEGATION_RE = re.compile(r"n['’]t$")
MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class TitleTerm:
    """A key term of the title at ``[start, end)`` of ``doc.title``; ``supported`` if in the body."""

    start: int
    end: int
    text: str
    supported: bool


def _stem(word: str) -> str:
    return strip_suffix(word.lower(), DEMONYM_SUFFIXES, MIN_STEM)


def _is_title_case(title: str) -> bool:
    """True for "Trump Says Clinton Is Unfit"-style titles where capitals mark no names."""
    words = [w for w in _TITLE_WORD_RE.findall(title) if w.lower() not in FUNCTION_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _is_key_word(word: str, title_case: bool, first: bool) -> bool:
    """A capitalised name-like word: unknown to the dictionary, or mid-title in sentence case."""
    base = _APOSTROPHE_RE.split(word, maxsplit=1)[0]
    if len(base) < 3 or not base[0].isupper() or (base.isupper() and len(base) <= 5):
        return False  # acronyms ("GOP", "FBI") have too many body forms
    if base.lower() in HONORIFICS or _NEGATION_RE.search(word):
        return False
    if title_case or first or base.isupper():
        return not is_known(base)
    return not is_common(base)


def _word_supported(word: str, body_words: set[str], joined_words: str) -> bool:
    """True when a body word is the title word's stem or starts with it; ``joined_words`` is
    :func:`_joined` of ``body_words``, so the prefix test is one substring search."""
    stem = _stem(_APOSTROPHE_RE.split(word, maxsplit=1)[0])
    if stem in body_words:
        return True
    return len(stem) >= MIN_STEM and "\n" + stem in joined_words


def _joined(words: set[str]) -> str:
    """``words`` each preceded by a newline, so ``"\\n" + stem in _joined(words)`` holds iff some word
    starts with ``stem`` (tokens and title stems never contain a newline)."""
    return "\n" + "\n".join(words)


def _number_supported(number: str, body_numbers: set[str], body_words: set[str]) -> bool:
    digits = _plain_number(number)
    if digits.isdigit() and int(digits) < len(NUMBER_WORDS) and NUMBER_WORDS[int(digits)] in body_words:
        return True
    return digits in body_numbers


def _plain_number(number: str) -> str:
    return number.lstrip("$€£¥").rstrip("%").replace(",", "")


def _body_words(doc: Document) -> set[str]:
    """Lower-case body words, hyphenated ones also split ("six-year-old" gives "six")."""
    words = {t.text.lower() for t in doc.tokens if t.kind == WORD}
    return words | {part for w in words if "-" in w for part in w.split("-")}


def _first_word_at(title: str) -> int:
    m = _FIRST_LETTER_RE.search(title)
    return m.start() if m else -1


def _is_year(number: str) -> bool:
    return number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100


def _is_term(m: re.Match[str], title_case: bool, first: int) -> bool:
    """True for a title match worth checking against the body: a number other than a year, or a key word."""
    if m["num"]:
        return not _is_year(m["num"])
    return _is_key_word(m["word"], title_case, m.start() == first)


def title_terms(doc: Document) -> list[TitleTerm]:
    """Key names and numbers of the title, each marked supported or not by the body."""
    if not doc.title.strip() or not doc.text.strip():
        return []
    title_case, first = _is_title_case(doc.title), _first_word_at(doc.title)
    candidates = [m for m in _TITLE_TERM_RE.finditer(doc.title) if _is_term(m, title_case, first)]
    if not candidates:
        return []
    body_words = _body_words(doc)
    joined_words = _joined(body_words)
    has_numbers = any(m["num"] for m in candidates)
    body_numbers = {_plain_number(t.text) for t in doc.tokens if t.kind == NUM} if has_numbers else set()
    terms: list[TitleTerm] = []
    for m in candidates:
        if m["num"]:
            supported = _number_supported(m["num"], body_numbers, body_words)
        else:
            supported = _word_supported(m["word"], body_words, joined_words)
        terms.append(TitleTerm(m.start(), m.end(), m.group(), supported))
    return terms
