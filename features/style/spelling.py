"""Offline misspelling and fused-word detection.

Two vocabularies, both shipped in packages: the spelling list inside ``pyspellchecker`` plus the
project's ``features/data/vocabulary_extra.txt`` (what edited English uses), and wordfreq's much
larger list of English as written anywhere (names, brands, technical terms, and also common typos).
A lower-case word is a misspelling when the spelling list lacks it and it is one edit from a word
English uses, far more frequent than itself ("goverment", "irreperable"); a word no list knows
and no word explains is a term, not a slip ("teriparatide"). A capitalised word
(a name or a sentence opener) is flagged only when it is a one-off one edit from a common word or
name that is far more frequent ("Ploice", "Presidnet", "Erdgoan"), or from a far more frequent word
the article itself capitalises ("Preident" beside "President"); camel-case tokens are fused words
when their parts are words or names ("IlhamAliyev") or join a two-word name the press writes
spaced ("NorthKorea"), unless the token itself is a known brand ("YouTube"). Handles, hashtags,
URLs, e-mail addresses and credit/signature lines are never checked.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from operator import not_
from string import ascii_lowercase
from typing import NamedTuple

from credibly.features.document import TOKEN_TEXT, Document, Token
from credibly.features.lexicon import load_lexicon, occurring
from credibly.features.words import (
    BRITISH_SPELLINGS,
    FUSABLE_FUNCTION_WORDS,
    INFLECTION_SUFFIXES,
    NAME_PARTICLES,
    WORD_PREFIXES,
    Edit,
    common_neighbour,
    edit_kind,
    english_frequencies,
    known_neighbour,
    zipf,
)

# A fused part must be this frequent in the word list: rare entries ("aa", "gov") make spurious splits.
_FUSED_PART_MIN_FREQ = 500
# Tokens shorter than this are too ambiguous (abbreviations, interjections) to call misspelled.
_MIN_LEN = 3
# A word attested this often in English at large (Zipf) is a rare real word, not a typo...
RARE_WORD_MIN_ZIPF = 1.0
# ...unless a word one edit away is this much more frequent (100x): then it is the intended word.
TYPO_ZIPF_GAP = 2.0
# An unknown word one edit from a word at least this frequent, and from no common one, is a slip of it.
RARE_NEIGHBOUR_MIN_ZIPF = 2.0
COMMON_SLIP_ZIPF_GAP = 2.5  # "Cheif" is on the web, but "chief" is far commoner: a known slip
# A camel-case token English uses this often as one word is a brand ("YouTube", "GoFundMe").
BRAND_MIN_ZIPF = 2.0
# Capitalised one-offs are checked from this length (shorter names are too often real), when English
# at large (almost) never uses them.
_MIN_CAPITALISED_LEN = 5
CAPITALISED_MAX_ZIPF = 1.5
_LONG_WORD, _VERY_LONG_WORD = 7, 9
# Below this share of known words among checked tokens the text is probably not English.
_MIN_KNOWN_SHARE = 0.6
_MIN_WORDS_FOR_LANGUAGE_CHECK = 20

_BASE_FORM_SUFFIXES = ("ed", "d", "s", "es", "ing")
_ELIDED_STARTS = ("a", "th", "be", "un")  # "’nother", "’em", "’cause", "’til"
_CAMEL_RE = re.compile(r"[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+")
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
# Two-word names news writes spaced ("north korea", "tim kaine"; built from corpora by
# credibly.models.training.name_phrases): a camel-case token joining one is a fused name.
NAME_PHRASES: frozenset[str] = frozenset(p for p, _ in load_lexicon("name_phrases.txt"))
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
    if word.endswith("'s") and zipf(word[:-2]) >= RARE_WORD_MIN_ZIPF:  # "ketamine's"
        return True
    if word in VOCABULARY or _stem_known(word):
        return True
    for uk, us in BRITISH_SPELLINGS:
        if uk in word:
            american = word.replace(uk, us)
            if american in VOCABULARY or _stem_known(american):
                return True
    if "-" in word:
        return all(_known_part(p) for p in word.split("-") if p)
    # A base form missing from the list while its inflections are listed ("landlock": "landlocked").
    if any(word + suffix in VOCABULARY for suffix in _BASE_FORM_SUFFIXES):
        return True
    for pre in _PREFIXES_BY_FIRST.get(word[:1], ()):
        if word.startswith(pre) and len(word) - len(pre) >= 3:
            rest = word[len(pre) :]
            if rest in VOCABULARY or _stem_known(rest):
                return True
    return False


def _known_part(part: str) -> bool:
    """A part of a hyphenated compound: a prefix, a known word, or a word English uses at large
    ("coronavirus-related", "taxane-based")."""
    return part in _PREFIX_SET or part in VOCABULARY or _stem_known(part) or zipf(part) >= RARE_WORD_MIN_ZIPF


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
    """True for tokens that are not prose words: hashtags, @handles, emails, domains, initialisms,
    URL schemes ("mailto:"), and the rest of a word an editor altered in brackets ("[I]nternational")."""
    text = doc.text
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before in "#@._/\\*]" or after in "@_/\\*" or "." in tok.text:
        return True
    following = text[tok.end + 1] if tok.end + 1 < len(text) else " "
    return (
        (after == "." and following.isalnum())
        or (after == ":" and following == "/")
        or (after == ":" and tok.text.lower() == "mailto")
    )


def _is_elided(doc: Document, tok: Token) -> bool:
    """True for a word written as spoken, with an apostrophe marking the letters left out: a dropped
    final "g" ("goin’", "talkin'") or a dropped start ("a whole ’nother", "’em"; typesetting often
    turns that apostrophe into an opening quote, so the word must also be a known word's end, and the
    first word of a quotation in single quotes is still checked)."""
    text = doc.text
    low = tok.text.lower()
    if text[tok.end : tok.end + 1] in ("'", "’") and low.endswith("in") and is_known(low + "g"):
        return True
    if tok.start == 0 or text[tok.start - 1] not in "'’‘":
        return False
    opens = tok.start < 2 or not text[tok.start - 2].isalnum()
    return opens and any(is_known(start + low) for start in _ELIDED_STARTS)


def _lost_initial(doc: Document, tok: Token) -> bool:
    """True for a lower-case word opening a paragraph that is a known word once a letter is put back
    in front ("opulation", "uthorities"): a drop capital the page extraction lost, not a misspelling."""
    text, start = doc.text, tok.start
    if start and text[start - 1] not in "\n":
        return False
    low = tok.text.lower()
    return any(is_known(letter + low) for letter in ascii_lowercase)


def _spaced(word: str) -> str:
    """A camel-case word with its parts spaced out ("IlhamAliyev" -> "Ilham Aliyev")."""
    return " ".join(_CAMEL_PART_RE.findall(word))


def _camel_fusion(tok: Token, separate: set[str], spaced_in_text: set[str], repeated: bool) -> Finding | None:
    """Flag "IlhamAliyev": a camel-case token whose spaced form the article also uses ("White House" ...
    "WhiteHouse"; ``spaced_in_text`` holds the spaced forms that occur in the text), with a part the
    article writes apart and only capitalised, i.e. as a name ("Clinton" ... "HillaryClinton";
    ``separate`` holds those words) unless the token itself is ``repeated`` (a name the article uses
    as one word each time: "HealthDay" beside "National Institutes of Health"), or whose parts are all
    names (known to English at large but not to the spelling list), or that joins a two-word name news
    writes spaced ("NorthKorea", "TimKaine": :data:`NAME_PHRASES`). Otherwise a token English uses as
    one word is a brand ("YouTube", "WhiteHouse" alone), and product names made of ordinary words
    ("NewsGuard", "EpiCheck") are never flagged."""
    parts = _CAMEL_PART_RE.findall(tok.text)
    if parts[0].lower() in NAME_PARTICLES:
        return None
    joined = " ".join(parts)
    if joined not in spaced_in_text:
        if zipf(tok.text.lower()) >= BRAND_MIN_ZIPF:
            return None
        lowered = [p.lower() for p in parts]
        named_apart = not repeated and any(p in separate for p in parts)
        all_names = all(p not in VOCABULARY and zipf(p) >= RARE_WORD_MIN_ZIPF for p in lowered)
        # "FireChiefMarcusHale": three or more whole words run together is a phrase, not a brand.
        phrase = len(parts) >= 3 and all(
            len(p) >= 3 and p.isalpha() and zipf(p) >= RARE_WORD_MIN_ZIPF for p in lowered
        )
        listed = joined.lower() in NAME_PHRASES
        if not (named_apart or all_names or phrase or listed):
            return None
    return Finding("fused_word", tok.start, tok.end, f"reads as '{joined}' written without a space")


def _typo_of(word: str) -> str | None:
    """The word a lower-case ``word`` unknown to the spelling list misspells, or None for a rare real
    word or term ("remdesivir", "livestreamed", "teriparatide"). A word English uses at large is a
    misspelling only when it is a typo-like slip of a far more frequent word ("recieve", "seperate":
    common misspellings are frequent on the web too); one it does not use, when it is one edit from
    a word it does."""
    frequency = zipf(word)
    edit = common_neighbour(word)
    if frequency < RARE_WORD_MIN_ZIPF:
        if edit:
            return edit.neighbour
        if any(word.endswith(s) and zipf(word[: -len(s)]) >= RARE_WORD_MIN_ZIPF for s in _BASE_FORM_SUFFIXES):
            return None  # an inflection of a word English uses ("rideshares", "gamifies")
        # Otherwise only a slip of a rarer word counts ("irreperable"): a word with no neighbour is a
        # term the lists lack ("teriparatide", "cladribine"), as often in careful reporting as not.
        return known_neighbour(word, RARE_NEIGHBOUR_MIN_ZIPF)
    if (
        edit
        and (edit.typo_like or _dropped_inside(word, edit))
        and zipf(edit.neighbour) >= frequency + TYPO_ZIPF_GAP
    ):
        return edit.neighbour
    return None


def _dropped_inside(word: str, edit: Edit) -> bool:
    """A consonant left out inside a long word ("goverment", "enviroment"): a slip, not another word."""
    return (
        edit.kind == "consonant"
        and len(word) >= _LONG_WORD
        and len(edit.neighbour) == len(word) + 1
        and 0 < edit.at < len(edit.neighbour) - 1
    )


def _capitalised_typo(tok: Token, mentions: Counter[str], article_capitals: set[str]) -> Finding | None:
    """A capitalised one-off that misspells a common word or name (:func:`_common_slip`) or a word
    the article capitalises itself (:func:`_article_slip`); repeated capitalised words are names.
    ``article_capitals`` holds the lower-case forms of the article's capitalised words."""
    word, low = tok.text, tok.text.lower()
    if len(word) < _MIN_CAPITALISED_LEN or not word[1:].islower() or not word.isascii():
        return None
    if low in VOCABULARY or mentions[low] > 1:
        return None
    frequency = zipf(low)
    return _common_slip(tok, frequency) or _article_slip(tok, frequency, article_capitals)


def _common_slip(tok: Token, frequency: float) -> Finding | None:
    """ "Ploice", "Presidnet", "Erdgoan": almost unknown to English at large, one typo-like edit from
    a common word or name that is far more frequent. Names are often one edit from a word by chance
    ("Struyk"/"struck", "Thase"/"these"), so only swaps and doubled letters, vowel slips in long
    words and other slips in very long words count."""
    word = tok.text
    edit = common_neighbour(word.lower())
    if edit is None or zipf(edit.neighbour) < frequency + TYPO_ZIPF_GAP:
        return None
    if frequency >= CAPITALISED_MAX_ZIPF and not (
        edit.kind == "swap" and zipf(edit.neighbour) >= frequency + COMMON_SLIP_ZIPF_GAP
    ):
        return None  # a capitalised word English uses at large is a name unless a swap of a far commoner word
    slip = (
        edit.kind in ("swap", "double")
        or (edit.typo_like and len(word) >= _LONG_WORD)
        or (edit.kind == "consonant" and len(word) >= _VERY_LONG_WORD and edit.at >= 2)
    )
    if not slip:
        return None
    note = f"'{word}' looks like a misspelling of '{edit.neighbour.capitalize()}'"
    return Finding("misspelling", tok.start, tok.end, note)


def _article_slip(tok: Token, frequency: float, article_capitals: set[str]) -> Finding | None:
    """ "Preident" beside "President", "Cinton" beside "Clinton": a capitalised one-off English
    (almost) never uses, one edit of any kind (same first letter) from a word the same article
    capitalises that English uses far more. A name resembles some dictionary word by chance; a word
    its own article writes with a capital, rarely. A plural is no slip ("the Adelsons" beside
    "Adelson")."""
    if frequency >= RARE_WORD_MIN_ZIPF:
        return None
    low = tok.text.lower()
    found = [
        c
        for c in article_capitals
        if c[:1] == low[:1]
        and edit_kind(low, c) is not None
        and low not in (c + "s", c + "es")
        and c not in (low + "s", low + "es")
        and zipf(c) >= frequency + TYPO_ZIPF_GAP
    ]
    if not found:
        return None
    intended = max(found, key=lambda c: (zipf(c), c)).capitalize()
    note = f"'{tok.text}' looks like a misspelling of '{intended}', which the article also uses"
    return Finding("misspelling", tok.start, tok.end, note)


def find_spelling(doc: Document) -> tuple[list[Finding], int]:
    """Misspellings and fused words in ``doc``; also returns how many tokens were checked."""
    words = doc.words
    # C-level maps: these two filters visit every word of the article.
    long_words = list(compress(words, map(_MIN_LEN.__le__, map(len, map(TOKEN_TEXT, words)))))
    unknown = list(compress(long_words, map(not_, map(VOCABULARY.__contains__, map(TOKEN_TEXT, long_words)))))
    checked = known = len(long_words) - len(unknown)
    if doc.social_lines:
        unknown = [t for t in unknown if not doc.in_social_line(t.start)]
    # Words written apart and only capitalised matter only for the rare camel-case token, so they
    # are collected on first need, from ``long_words``: a shorter one never equals a candidate.
    capitalised: set[str] | None = None
    # How often the article uses each spelling: a repeated one is a name, brand or term it means;
    # and the lower-case forms of the words it capitalises (its names and sentence openers).
    mentions = Counter(map(str.lower, map(TOKEN_TEXT, long_words))) if unknown else Counter()
    lowered_names = {t.text.lower() for t in long_words if t.text[0].isupper()} if unknown else set()
    spaced_in_text: set[str] = set()
    findings: list[Finding] = []
    for tok in unknown:
        w = tok.text
        if w.istitle() and w.isalpha():
            if w.lower() in VOCABULARY or _is_skippable(doc, tok):
                continue
            hit = _capitalised_typo(tok, mentions, lowered_names)
            if hit:
                findings.append(hit)
            continue
        if w[0].isupper():
            if _CAMEL_RE.fullmatch(w) and not _is_skippable(doc, tok):
                if capitalised is None:
                    lowercase = {t.text for t in long_words if t.text.islower()}
                    # Words this article writes apart and only with a capital: its names ("Clinton").
                    capitalised = {
                        t.text for t in long_words if t.text[0].isupper() and t.text.lower() not in lowercase
                    }
                    camel = {
                        _spaced(t.text)
                        for t in unknown
                        if t.text[0].isupper() and _CAMEL_RE.fullmatch(t.text)
                    }
                    spaced_in_text = occurring(camel, doc.text)
                hit = _camel_fusion(tok, capitalised, spaced_in_text, mentions[w.lower()] > 1)
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
        if w in lowered_names or _is_elided(doc, tok) or _lost_initial(doc, tok):
            continue
        pair = split_fused(w)
        if pair:
            findings.append(
                Finding("fused_word", tok.start, tok.end, f"reads as '{pair[0]} {pair[1]}' without a space")
            )
            continue
        if mentions[w] > 1:
            continue  # a word the article repeats is a term it means ("statin", "solanezumab"), not a slip
        intended = _typo_of(w)
        if intended is not None:
            note = f"'{w}' looks like a misspelling of '{intended}'"
            findings.append(Finding("misspelling", tok.start, tok.end, note))
    if checked >= _MIN_WORDS_FOR_LANGUAGE_CHECK and known < _MIN_KNOWN_SHARE * checked:
        return [], 0
    return findings, checked
