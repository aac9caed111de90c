"""Shouting: ordinary English words written in capitals for emphasis ("OUTRAGEOUS", "BREAKING").

Capitals that are not ordinary words are acronyms, brands or names ("IAI", "WESCAM", "POLITICO",
"NASCAR", "CANADA"): a word counts when it is common vocabulary, a hyperbolic word, or a rarer word
built like one ("INEFFECTIVE", "XENOPHOBIC"); short capitalised words repeated in one article are
acronyms too ("WHO" three times). Capitals that news typography puts
there are not emphasis either: a short subheading line ("FINDINGS", "(SOUNDBITE OF ARCHIVED
RECORDING)"; one with an exclamation mark is shouting), a dateline opening a paragraph ("LONDON
(Reuters) -", "MONDAY, Jan. 4, 2016 (HealthDay News) --", "ALBANY, N.Y. -"), a label opening one
("SOURCE:", "FILE PHOTO:"; not a banner such as "BREAKING:"), an acronym defined in brackets
("(FARE)") or glued to a number ("HER2", "ONT-380"), a trademark ("3D MAMMOGRAPHY™") and a photo
agency in a credit ("REUTERS/Jane Doe").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import compress
from operator import attrgetter

from credibly.features.document import PUNCT, TOKEN_TEXT, WORD, Document, Token
from credibly.features.lexicon import load_lexicon
from credibly.features.style.clickbait import ACRONYMS
from credibly.features.style.spelling import VOCABULARY
from credibly.features.words import common_or_function_words

_START = attrgetter("start")
# Short all-caps words repeated in one article are acronyms (e.g. "ACLU" three times), not shouting.
_ACRONYM_MAX_LEN = 5
# A dateline or a label ends at its dash or colon within this many tokens of the paragraph's start.
_MAX_OPENING_TOKENS = 20
_OPENING_ENDS = frozenset(["-", "—", "–", ":"])
_MAX_HEADING_WORDS = 8  # a line in capitals this short, with no "!", is a subheading
_BRAND_MARKS = frozenset("™®")
_MAX_CREDIT_GAP = 40  # characters from a credit's slash to a later word of the name
# Banners that shout rather than label ("BREAKING:", "EXCLUSIVE:"), with the hyperbolic words.
_BANNERS = frozenset(["breaking", "exclusive", "urgent", "alert", "warning", "bombshell"]) | frozenset(
    w for w, _ in load_lexicon("hyperbolic.txt")
)
# Derivational endings: a rarer word the spelling list knows and built with one is ordinary vocabulary
# written in capitals ("INEFFECTIVE", "DEPLORABLE"), where a bare rare entry is mostly a name or brand
# ("POLITICO", "NASCAR", "SARS": the spelling list counts them as rare words).
_DERIVED_ENDINGS = (
    "able", "ible", "ed", "ful", "ing", "ism", "ist", "ive", "less", "ly", "ment", "ness", "ous", "tion",
)  # fmt: skip


def _ordinary(word: str) -> bool:
    """True when the lower-case ``word`` is English vocabulary rather than a name written in capitals."""
    if word in common_or_function_words() or word in _BANNERS:
        return True
    return len(word) >= 6 and word in VOCABULARY and word.endswith(_DERIVED_ENDINGS)


def _opening_end(doc: Document, paragraph: tuple[int, int]) -> int:
    """Where a heading, dateline or label opening ``paragraph`` ends: the paragraph's end for a short
    heading line with no lower-case letter and no exclamation ("FINDINGS", "WON'T WORK ON
    EVERYBODY"); its dash or colon when it opens with a word in capitals and reaches the mark before
    any word in lower case; else the paragraph's start (no such opening)."""
    line = doc.text[paragraph[0] : paragraph[1]]
    if line.upper() == line and "!" not in line and line.count(" ") < _MAX_HEADING_WORDS:
        return paragraph[1]
    tokens = doc.tokens
    first = bisect_right(tokens, paragraph[0] - 1, key=_START)
    if first >= len(tokens) or tokens[first].kind != WORD or not tokens[first].text.isupper():
        return paragraph[0]
    for tok in tokens[first : first + _MAX_OPENING_TOKENS]:
        if tok.start >= paragraph[1] or (tok.kind == WORD and tok.text[0].islower()):
            break
        if tok.kind == WORD and tok.text.lower() in _BANNERS:
            break  # "BREAKING:", "SHOCKING:": a banner that shouts, not a label
        if tok.kind == PUNCT and tok.text in _OPENING_ENDS:
            return tok.start
    return paragraph[0]


def _typographic(doc: Document, tok: Token, openings: dict[int, int]) -> bool:
    """True for capitals that news typography puts there: in a paragraph's subheading, dateline or
    label, an acronym in brackets or glued to a number, before a trademark sign, or beside the slash
    of a photo credit."""
    text = doc.text
    before, after = text[tok.start - 1 : tok.start], text[tok.end : tok.end + 2]
    if (
        after[:1] in _BRAND_MARKS
        or "/" in (before, after[:1])
        or _after_credit_slash(text, tok)
        or (before == "(" and after[:1] == ")")
        or after[:1].isdigit()
        or (after[:1] == "-" and after[1:].isdigit())
    ):
        return True
    p = bisect_right(doc.paragraphs, (tok.start, len(text))) - 1
    if p < 0:
        return False
    if p not in openings:
        openings[p] = _opening_end(doc, doc.paragraphs[p])
    return tok.start < openings[p]


def _after_credit_slash(text: str, tok: Token) -> bool:
    """True for a capitalised word that continues the name after a credit's slash ("REUTERS/NIR
    ELIAS"): only capitals and spaces between the slash and the word, on one line."""
    slash = text.rfind("/", max(0, tok.start - _MAX_CREDIT_GAP), tok.start)
    between = text[slash + 1 : tok.start]
    return slash >= 0 and "\n" not in between and between.replace(" ", "").isupper()


def caps_words(doc: Document) -> list[Token]:
    """The words of ``doc`` written in capitals for emphasis, three letters or more."""
    words = doc.words
    upper = compress(words, map(str.isupper, map(TOKEN_TEXT, words)))  # C-level: few words survive it
    caps = [t for t in upper if len(t.text) >= 3 and "." not in t.text]
    if not caps:
        return caps
    repeats = Counter(t.text for t in caps if len(t.text) <= _ACRONYM_MAX_LEN)
    openings: dict[int, int] = {}
    return [
        t
        for t in caps
        if t.text not in ACRONYMS
        and repeats.get(t.text, 0) < 2
        and _ordinary(t.text.lower())
        and not _typographic(doc, t, openings)
    ]


def caps_runs(tokens: list[Token], text: str) -> list[tuple[int, int, int]]:
    """Merge tokens separated only by spaces/punctuation into ``(start, end, n_tokens)`` runs."""
    runs: list[tuple[int, int, int]] = []
    for t in tokens:
        if (
            runs
            and not any(c.isalnum() for c in text[runs[-1][1] : t.start])
            and "\n" not in text[runs[-1][1] : t.start]
        ):
            runs[-1] = (runs[-1][0], t.end, runs[-1][2] + 1)
        else:
            runs.append((t.start, t.end, 1))
    return runs
