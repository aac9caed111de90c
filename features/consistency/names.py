"""One proper name spelled two ways: dropped, doubled or transposed letters, and fused names.

Candidate pairs are found through single-deletion and adjacent-swap neighbourhoods in a hash map
of distinct name forms (linear in the number of forms, never pairwise), then filtered for the
look of a typo: same first letter, change not at the last letter (plurals, demonyms), the rarer
form mentioned once, not two common words, not two spellings that are both real names or words
(Teresa/Theresa, Khan/Kahn), not two different people (disjoint neighbours, unless the usual
spelling is a dictionary name such as "Robert" that many people share). Credit and signature lines
may show the usual spelling but are never reported; one-word spellings ("Whitehouse") and joined
particles ("DeSantis") are variants, not lost spaces.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise

from credibly.features.consistency.dates import MONTHS, WEEKDAY_WORDS
from credibly.features.document import WORD, Document, Token
from credibly.features.words import (
    NAME_PARTICLES,
    common_or_function_words,
    is_common,
    is_known,
    is_real_spelling,
    zipf,
)

MIN_LEN = 4  # shorter names are too often genuinely different (tuned: models/signal_eval/consistency.py)
# Longer "names" are not names, and the neighbourhood search costs time in the square of the length.
MAX_LEN = 40
MAX_FORMS = 1500  # cap on distinct name forms compared in one document
TRANSLITERATION_MIN_ZIPF = 1.0  # both spellings attested in English text at large
SENTENCE_WORD_ZIPF = 4.0  # a word this common, capitalised only at sentence starts, is that word
_POSSESSIVE = ("'s", "’s", "'", "’")
# A contraction ("It’ll", "They’re") is a pronoun and a verb, never a name.
_CLITICS = (*(a + c for a in "'’" for c in ("ll", "re", "ve", "d", "m")), "n't", "n’t")


@dataclass(slots=True)
class NameForm:
    """All mentions of one spelling: spans plus the ``(token, surface)`` words of each multi-word
    chain it occurs in, from which :meth:`neighbours` derives the other name-like words."""

    surface: str
    spans: list[tuple[int, int]]
    chains: list[list[tuple[Token, str]]]
    mid_sentence: bool = False  # capitalised somewhere other than at a sentence's start
    # Spans outside credit and signature lines: a quoted tweet or photo credit spells a name as its
    # author does, so it may show the usual spelling but is never itself reported.
    own: list[tuple[int, int]] = field(default_factory=list)

    def neighbours(self) -> set[str]:
        """Lower-case non-common words sharing a chain with this form (computed on demand: only
        candidate typo pairs need them)."""
        common = common_or_function_words()
        words = {surface.lower() for chain in self.chains for _, surface in chain}
        return {w for w in words if w not in common and w not in MONTHS and w not in WEEKDAY_WORDS} - {
            self.surface.lower()
        }


@dataclass(frozen=True, slots=True)
class NameVariant:
    """A deviant mention ``[start, end)`` of a name normally spelled ``canonical``."""

    start: int
    end: int
    canonical: str
    canonical_at: int
    how: str
    transliteration: bool = False


def _strip_possessive(text: str) -> str:
    if "'" not in text and "’" not in text:
        return text
    for suffix in _POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _is_handle(text: str, start: int, end: int) -> bool:
    """True for "@HillaryClinton", "#NewYork" and "EagleRising.com": not prose spellings."""
    if start and text[start - 1] in "@#":
        return True
    return text[end : end + 1] == "." and text[end + 1 : end + 2].isalpha()


def collect_forms(doc: Document) -> dict[str, NameForm]:
    """Map lower-case spelling -> mentions for capitalised words in name chains: >= MIN_LEN letters,
    or one fewer when the word is no real name or word ("Wke" for "Wake", "Bll" for "Bill": only ever
    the short side of a dropped letter). Mentions in credit and signature lines count as spellings
    but give no neighbours and are never reported."""
    forms: dict[str, NameForm] = {}
    tokens, text = doc.tokens, doc.text
    for chain in doc.name_chains:
        credit = bool(doc.social_lines) and doc.in_social_line(chain.start)
        if chain.tok_end - chain.tok_start == 1:
            # Most chains are a single word: it has no neighbours, and a short one is never a form.
            tok = tokens[chain.tok_start]
            if tok.kind != WORD or len(tok.text) < MIN_LEN - 1:
                continue
            words = [(tok, _strip_possessive(tok.text))]
        else:
            words = [
                (t, _strip_possessive(t.text))
                for t in tokens[chain.tok_start : chain.tok_end]
                if t.kind == WORD
            ]
        for k, (tok, surface) in enumerate(words):
            if (
                not MIN_LEN - 1 <= len(surface) <= MAX_LEN
                or (len(surface) < MIN_LEN and is_real_spelling(surface))
                or not surface[0].isupper()
                or surface[1].isupper()  # "TRT", "TRTWorld", "OCHASyria": acronyms and handles
                or surface.endswith(_CLITICS)
                or _is_handle(text, tok.start, tok.end)
            ):
                continue
            key = surface.lower()
            form = forms.get(key)
            if form is None:
                if len(forms) >= MAX_FORMS:
                    continue
                form = forms[key] = NameForm(surface, [], [])
            span = (tok.start, tok.start + len(surface))
            form.spans.append(span)
            if credit:
                continue
            form.own.append(span)
            form.mid_sentence = form.mid_sentence or k > 0 or not chain.sentence_initial
            # A form repeated in one chain keeps that chain once (neighbours would walk it per mention).
            if len(words) > 1 and not (form.chains and form.chains[-1] is words):
                form.chains.append(words)
    return forms


def _in_long_part(key: str, i: int) -> bool:
    """True when position ``i`` of a hyphenated form lies in a part of at least MIN_LEN letters
    ("R-Fla"/"R-La" are two state abbreviations, not one name misspelt)."""
    if "-" not in key:
        return True
    start = key.rfind("-", 0, i) + 1
    end = key.find("-", i)
    return (len(key) if end < 0 else end) - start >= MIN_LEN


def _edit_pairs(forms: dict[str, NameForm]) -> list[tuple[str, str, str]]:
    """``(short_or_swapped, other, how)`` pairs one dropped/doubled letter or one swap apart."""
    # Both edits keep the first and the last letter, and a swap keeps the length: a key can only
    # pair with a form of its own length (swap) or one shorter (drop) sharing both end letters.
    shapes = Counter((len(key), key[0], key[-1]) for key in forms)
    pairs: list[tuple[str, str, str]] = []
    for key in forms:
        n = len(key)
        if n < MIN_LEN:
            continue
        first, final = key[0], key[-1]
        if (n - 1, first, final) in shapes:
            last = n - 2 if key.endswith("s") else n - 1  # "Americas"/"Americans" is morphology
            for i in range(1, last):  # never the first or the last letter
                shorter = key[:i] + key[i + 1 :]
                if key[i].isalpha() and shorter in forms and _in_long_part(key, i):
                    how = "doubled letter" if key[i] in (key[i - 1], key[i + 1]) else "dropped letter"
                    pairs.append((shorter, key, how))
        if shapes[(n, first, final)] > 1:
            for i in range(1, n - 2):
                if key[i] != key[i + 1]:
                    swapped = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
                    if swapped in forms and swapped < key and _in_long_part(key, i):
                        pairs.append((swapped, key, "transposed letters"))
    return pairs


def _plausible_typo(a: NameForm, b: NameForm, a_key: str, b_key: str) -> bool:
    if is_common(a_key) and is_common(b_key):
        return False
    deviant, deviant_key, canonical_key = (a, a_key, b_key) if _deviant(a, b) is a else (b, b_key, a_key)
    if zipf(deviant_key) >= SENTENCE_WORD_ZIPF and not deviant.mid_sentence:
        return False  # "More research ..." (once) is the word "more" at a sentence start, not a "Moore"
    if min(len(a.spans), len(b.spans)) > 1 or not deviant.own:
        return False
    if is_known(canonical_key):
        # A dictionary name ("Robert", "Keith") is shared by different people: whoever the deviant
        # spelling sits beside, it is still that name misspelt.
        return True
    a_neighbours, b_neighbours = a.neighbours(), b.neighbours()
    return not (a_neighbours and b_neighbours and not (a_neighbours & b_neighbours))


def _variant(deviant: NameForm, canonical: NameForm, how: str) -> NameVariant:
    start, end = deviant.own[0]
    return NameVariant(start, end, canonical.surface, canonical.spans[0][0], how)


def _deviant(a: NameForm, b: NameForm) -> NameForm:
    """The rarer form; on a tie, one with mentions outside credit lines, then the later-mentioned."""
    if len(a.spans) != len(b.spans):
        return a if len(a.spans) < len(b.spans) else b
    if bool(a.own) != bool(b.own):
        return a if a.own else b
    return a if a.spans[0][0] > b.spans[0][0] else b


def _choose(a: NameForm, b: NameForm, how: str) -> NameVariant:
    """The deviant (:func:`_deviant`) reported against the other form."""
    return _variant(a, b, how) if _deviant(a, b) is a else _variant(b, a, how)


def _fused(doc: Document, forms: dict[str, NameForm]) -> list[NameVariant]:
    """Single tokens equal to two adjacent chain words run together ("IlhamAliyev"). A one-word
    spelling ("Whitehouse", "Khanabad": the second part in lower case) or a joined name particle
    ("DeSantis", "McCarthy") is a spelling variant, marked as such, not a lost space."""
    found: list[NameVariant] = []
    seen: set[str] = set()
    for chain in doc.name_chains:
        if chain.tok_end - chain.tok_start < 2:
            continue
        toks = doc.tokens[chain.tok_start : chain.tok_end]
        for left, right in pairwise(toks):
            if left.kind != WORD or right.kind != WORD or len(left.text) < 2 or len(right.text) < 2:
                continue
            key = (left.text + _strip_possessive(right.text)).lower()
            if key in seen or key not in forms:
                continue
            seen.add(key)
            form = forms[key]
            if not form.own:
                continue
            start, end = form.own[0]
            joined = form.surface[len(left.text) : len(left.text) + 1].islower()
            variant = joined or left.text.lower() in NAME_PARTICLES
            found.append(
                NameVariant(start, end, f"{left.text} {right.text}", left.start, "fused words", variant)
            )
    return found


def _transliteration(a_key: str, b_key: str, how: str) -> bool:
    """Raqa/Raqqa, Duma/Douma: a doubled consonant or an added vowel between two spellings that are
    both in use in English text at large is a transliteration variant, not a typo."""
    if how == "dropped letter":
        longer, shorter = (a_key, b_key) if len(a_key) > len(b_key) else (b_key, a_key)
        i = next((k for k, (x, y) in enumerate(zip(shorter, longer)) if x != y), len(shorter))
        if longer[i] not in "aeiouy":
            return False
    elif how != "doubled letter":
        return False
    if is_common(a_key) or is_common(b_key):  # "This"/"Thiis", "American"/"Amercan": an English word misspelt
        return False
    return min(zipf(a_key), zipf(b_key)) >= TRANSLITERATION_MIN_ZIPF


def find_name_variants(doc: Document) -> list[NameVariant]:
    """Deviant spellings of names used elsewhere in the same article, in text order; transliteration
    variants are marked as such."""
    forms = collect_forms(doc)
    found = _fused(doc, forms)
    for a_key, b_key, how in _edit_pairs(forms):
        a, b = forms[a_key], forms[b_key]
        if _plausible_typo(a, b, a_key, b_key):
            variant = _choose(a, b, how)
            if _transliteration(a_key, b_key, how):
                variant = replace(variant, transliteration=True)
            elif is_real_spelling(a_key) and is_real_spelling(b_key):
                continue  # two names or words in their own right ("Teresa", "Theresa")
            found.append(variant)
    unique = {v.start: v for v in found}
    return sorted(unique.values(), key=lambda v: v.start)
