"""Offline misspelling and fused-word detection against pyspellchecker's English word list.

The vocabulary is the word-frequency list shipped inside the ``pyspellchecker`` package
(``spellchecker/resources/en.json.gz``) plus the project's ``features/data/vocabulary_extra.txt``;
it is loaded once into a frozenset so each lookup is a hash probe. Names are never flagged.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from credibly.features.document import WORD, Document, Token
from credibly.features.lexicon import load_lexicon, occurring
from credibly.features.words import (
    BRITISH_SPELLINGS,
    FUSABLE_FUNCTION_WORDS,
    INFLECTION_SUFFIXES,
    NAME_PARTICLES,
    WORD_PREFIXES,
    english_frequencies,
)

# A fused part must be this frequent in the word list: rare entries ("aa", "gov") make spurious splits.
_FUSED_PART_MIN_FREQ = 500
# Tokens shorter than this are too ambiguous (abbreviations, interjections) to call misspelled.
_MIN_LEN = 3
# Below this share of known words among checked tokens the text is probably not English.
_MIN_KNOWN_SHARE = 0.6
_MIN_WORDS_FOR_LANGUAGE_CHECK = 20

_CAMEL_RE = re.compile(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}")
_CAMEL_PART_RE = re.compile(r"[A-Z][a-z]+")


class Finding(NamedTuple):
    """One flagged token: ``kind`` is ``misspelling`` or ``fused_word``."""

    kind: str
    start: int
    end: int
    note: str


def _load_frequencies() -> dict[str, int]:
    """The shared English frequency list plus the project's extra words (a copy; the shared one stays)."""
    freq = dict(english_frequencies())
    for word, _ in load_lexicon("vocabulary_extra.txt"):
        freq.setdefault(word, _FUSED_PART_MIN_FREQ)
    return freq


_FREQ = _load_frequencies()
VOCABULARY: frozenset[str] = frozenset(_FREQ)
_COMMON: frozenset[str] = frozenset(w for w, f in _FREQ.items() if f >= _FUSED_PART_MIN_FREQ and len(w) > 1)
del _FREQ
# One part of a fused pair is a function word and the other a common word (or "a"): a longer token
# cannot split, and is not tried (each split copies the token, so trying is quadratic in its length).
_MAX_FUSED_LEN = max(map(len, FUSABLE_FUNCTION_WORDS)) + max(map(len, _COMMON))


def _by_edge_char(affixes: tuple[str, ...], edge: int) -> dict[str, tuple[str, ...]]:
    """``affixes`` grouped by their character at index ``edge`` (0: prefixes, -1: suffixes), so a word
    is only tested against the affixes that share its own first or last character."""
    groups: dict[str, tuple[str, ...]] = {}
    for affix in affixes:
        groups[affix[edge]] = (*groups.get(affix[edge], ()), affix)
    return groups


_SUFFIXES_BY_LAST = _by_edge_char(INFLECTION_SUFFIXES, -1)
_PREFIXES_BY_FIRST = _by_edge_char(WORD_PREFIXES, 0)
_PREFIX_SET = frozenset(WORD_PREFIXES)


def _stem_known(word: str) -> bool:
    """True when ``word`` is a vocabulary word plus a regular inflection (stopped, making, cities)."""
    for suf in _SUFFIXES_BY_LAST.get(word[-1:], ()):
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            base = word[: -len(suf)]
            if base in VOCABULARY:
                return True
            if suf in ("ed", "ing", "er", "est") and (
                base + "e" in VOCABULARY
                or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in VOCABULARY)
            ):
                return True
            if (
                suf in ("es", "ed", "er", "est", "ly")
                and base.endswith("i")
                and base[:-1] + "y" in VOCABULARY
            ):
                return True
    return False


def is_known(word: str) -> bool:
    """True when the lower-case ``word`` is in the vocabulary, an inflection, a prefixed or a
    hyphenated compound of known words."""
    word = word.replace("’", "'")
    if word in VOCABULARY or _stem_known(word):
        return True
    for uk, us in BRITISH_SPELLINGS:
        if uk in word:
            american = word.replace(uk, us)
            if american in VOCABULARY or _stem_known(american):
                return True
    if "-" in word:
        return all(p in _PREFIX_SET or p in VOCABULARY or _stem_known(p) for p in word.split("-") if p)
    for pre in _PREFIXES_BY_FIRST.get(word[:1], ()):
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            rest = word[len(pre) :]
            if rest in VOCABULARY or _stem_known(rest):
                return True
    return False


def split_fused(word: str) -> tuple[str, str] | None:
    """Split an unknown lower-case token into a function word and a common word ("andthe",
    "alot"), or None."""
    best: tuple[str, str] | None = None
    if len(word) > _MAX_FUSED_LEN:
        return best
    for i in range(1, len(word) - 1):
        left, right = word[:i], word[i:]
        if not (left in FUSABLE_FUNCTION_WORDS or right in FUSABLE_FUNCTION_WORDS) or right not in _COMMON:
            continue
        if (left in _COMMON or left == "a") and (
            best is None or min(map(len, (left, right))) > min(map(len, best))
        ):
            best = (left, right)
    return best


def _is_skippable(doc: Document, tok: Token) -> bool:
    """True for tokens that are not prose words: hashtags, @handles, emails, domains, initialisms."""
    text = doc.text
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before in "#@._/\\*" or after in "@_/\\*" or "." in tok.text:
        return True
    return after == "." and tok.end + 1 < len(text) and text[tok.end + 1].isalnum()


def _spaced(word: str) -> str:
    """A camel-case word with its parts spaced out ("IlhamAliyev" -> "Ilham Aliyev")."""
    return " ".join(_CAMEL_PART_RE.findall(word))


def _camel_fusion(tok: Token, separate: set[str], spaced_in_text: set[str]) -> Finding | None:
    """Flag "IlhamAliyev" when its parts also appear as separate words in the same document;
    ``spaced_in_text`` holds the spaced forms that occur in the document's text."""
    parts = _CAMEL_PART_RE.findall(tok.text)
    if parts[0].lower() in NAME_PARTICLES:
        return None
    joined = " ".join(parts)
    # Brands such as YouTube or PowerPoint consist of ordinary words: require the spaced form then.
    if joined in spaced_in_text or any(p in separate and p.lower() not in VOCABULARY for p in parts):
        return Finding("fused_word", tok.start, tok.end, f"reads as '{joined}' written without a space")
    return None


def find_spelling(doc: Document, words: list[Token] | None = None) -> tuple[list[Finding], int]:
    """Misspellings and fused words in ``doc``; also returns how many tokens were checked.

    ``words`` are the document's word tokens in text order, for a caller that has listed them already."""
    if words is None:
        words = [t for t in doc.tokens if t.kind == WORD]
    long_words = [t for t in words if len(t.text) >= _MIN_LEN]
    unknown = [t for t in long_words if t.text not in VOCABULARY]
    checked = known = len(long_words) - len(unknown)
    # Title-cased words (names, sentence openers) are neither camel case nor lower case: never flagged.
    unknown = [t for t in unknown if not t.text.istitle()]
    # Capitalised words (names) matter only for the rare camel-case or unknown lower-case token, so
    # they are collected on first need, from ``long_words``: a shorter one never equals a candidate.
    capitalised: set[str] | None = None
    lowered_names: set[str] | None = None
    spaced_in_text: set[str] = set()
    findings: list[Finding] = []
    for tok in unknown:
        w = tok.text
        if w[0].isupper():
            if _CAMEL_RE.fullmatch(w) and not _is_skippable(doc, tok):
                if capitalised is None:
                    capitalised = {t.text for t in long_words if t.text[0].isupper()}
                    camel = {
                        _spaced(t.text)
                        for t in unknown
                        if t.text[0].isupper() and _CAMEL_RE.fullmatch(t.text)
                    }
                    spaced_in_text = occurring(camel, doc.text)
                hit = _camel_fusion(tok, capitalised, spaced_in_text)
                if hit:
                    findings.append(hit)
            continue
        # Non-ASCII tokens are foreign words or mojibake ("donâ€™t"), not English misspellings.
        if not w.islower() or not w.replace("’", "'").isascii() or _is_skippable(doc, tok):
            continue
        checked += 1
        if is_known(w):
            known += 1
            continue
        if lowered_names is None:
            lowered_names = {t.text.lower() for t in long_words if t.text[0].isupper()}
        if w in lowered_names:
            continue
        pair = split_fused(w)
        if pair:
            findings.append(
                Finding("fused_word", tok.start, tok.end, f"reads as '{pair[0]} {pair[1]}' without a space")
            )
        else:
            findings.append(
                Finding("misspelling", tok.start, tok.end, f"'{w}' is not in the English word list")
            )
    if checked >= _MIN_WORDS_FOR_LANGUAGE_CHECK and known < _MIN_KNOWN_SHARE * checked:
        return [], 0
    return findings, checked
