"""One shared parse of an article: paragraphs, sentences, tokens, quotations and name chains.

Built once per article with :func:`parse`; every extractor reads the :class:`Document` and none
re-tokenises. All offsets are character offsets into ``Document.text`` (the text as given), so an
evidence span ``(start, end)`` always satisfies ``span_text == doc.text[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress, repeat
from operator import and_, attrgetter, itemgetter
from typing import NamedTuple

from credibly.features.social import SocialLine, find_social_lines
from credibly.features.words import ABBREVIATIONS, NAME_CONNECTORS

# Token kinds.
WORD, NUM, PUNCT, URL = "word", "num", "punct", "url"

_TOKEN_RE = re.compile(
    r"(?P<url>https?://[^\s<>\"]+|www\.[^\s<>\"]+)"
    r"|(?P<num>[$€£¥]?\d(?:[\d,.:/]*\d)?(?:%|st|nd|rd|th)?)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])",
    re.UNICODE,
)

# A sentence may end after . ! ? (plus closing quotes/brackets) when whitespace and a plausible
# sentence opener follow; the abbreviation check below vetoes "Mr. Smith" and "U.S. officials".
# Linear in any input: a match starts only where a run of end marks starts, and the possessive
# quantifiers never retry shorter runs (a shorter run is followed by another mark, never by space).
_SENT_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s++[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_PARA_RE = re.compile(r"[^\n]+")
_QUOTE_OPEN = {"“": "”", "«": "»", "„": "“"}
_DOUBLE_QUOTE_RE = re.compile(r"[\"“”«»„]")

_Match = re.Match
_LASTGROUP = attrgetter("lastgroup")
TOKEN_TEXT = itemgetter(0)  # a token's text, for C-level ``map`` over tokens (a Token is a tuple)
_KIND, _FIRST_CHAR = itemgetter(3), itemgetter(0)


class Token(NamedTuple):
    """A token with its offsets into the document text; ``kind`` is word, num, punct or url.

    A NamedTuple rather than a dataclass: an article has thousands and construction cost matters."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def is_capitalised(self) -> bool:
        return self.kind == WORD and self.text[0].isupper()


class Sentence(NamedTuple):
    """A sentence span plus the half-open token index range ``[tok_start, tok_end)`` it covers."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    paragraph: int


class NameChain(NamedTuple):
    """A run of capitalised words (``"Ilham Aliyev"``, ``"Bank of England"``) at ``[start, end)``.

    ``sentence_initial`` marks chains that begin a sentence, where capitalisation is weak evidence.
    """

    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    sentence_initial: bool


@dataclass(slots=True)
class Document:
    """The parse every extractor shares. Build it with :func:`parse`."""

    text: str
    lower: str
    title: str
    url: str
    published: date | None
    paragraphs: list[tuple[int, int]]
    sentences: list[Sentence]
    tokens: list[Token]
    quotes: list[tuple[int, int]]
    name_chains: list[NameChain]
    links: list[str] = field(default_factory=list)
    is_html: bool = False
    # Credit and signature lines (photo credits, embedded-post signatures): see ``features.social``.
    social_lines: list[SocialLine] = field(default_factory=list)
    # The word tokens (no numbers, punctuation or URLs), in order: what rates are per.
    words: list[Token] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _quote_starts: list[int] = field(default_factory=list, repr=False)
    # Results derived from the parse that several families read (see ``features.memo.per_document``).
    derived: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def sentence_text(self, i: int) -> str:
        s = self.sentences[i]
        return self.text[s.start : s.end]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) ``offset``; -1 if none."""
        return bisect_right(self._sentence_starts, offset) - 1

    def in_social_line(self, offset: int) -> bool:
        """True when ``offset`` lies inside a credit or signature line (not prose)."""
        return any(line.start <= offset < line.end for line in self.social_lines)

    def in_quote(self, offset: int) -> bool:
        """True when ``offset`` lies inside a quotation region."""
        i = bisect_right(self._quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i][1]

    @property
    def word_count(self) -> int:
        return len(self.words)


# Typographic variants mapped to one plain form, character for character: curly and angled quotes,
# dashes and minus signs, non-breaking and thin spaces, the ellipsis character. Publishing systems
# differ in these (one outlet's em dash is another's hyphen); what is measured must not.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("–—―‒−‐‑", "-"),
        **dict.fromkeys("\u00a0\u2007\u2009\u202f", " "),
        "…": ".",
    }
)
_TYPOGRAPHY_PAIRS = tuple((chr(code), str(plain)) for code, plain in _TYPOGRAPHY.items())


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` with typography normalised, without changing its length, so offsets into
    ``text`` stay valid (e.g. 'İ' lower-cases to two characters and is kept as one)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(lc := c.lower()) != 1 else lc for c in text)
    # One ``replace`` per variant present: ``str.translate`` with a mapping costs ~30x more per character.
    for variant, plain in _TYPOGRAPHY_PAIRS:
        if variant in low:
            low = low.replace(variant, plain)
    return low


def _tokenise(text: str) -> list[Token]:
    """All tokens of ``text``; built with C-level ``map`` calls (a Python-level loop per token was a
    tenth of the whole scoring time)."""
    matches = list(_TOKEN_RE.finditer(text))
    fields = zip(
        map(_Match.group, matches),
        map(_Match.start, matches),
        map(_Match.end, matches),
        map(_LASTGROUP, matches),
    )
    return list(map(tuple.__new__, repeat(Token), fields))


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial rather than a sentence."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or "." in word.strip(".")


def _split_sentences(text: str, para_start: int, para_end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = para_start
    chunk = text[para_start:para_end]
    for m in _SENT_END_RE.finditer(chunk):
        end = para_start + m.end()
        if (
            text[para_start + m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(text, para_start + m.start())
        ):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, para_end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotation regions (including the marks); an unclosed quote runs to its paragraph's end."""
    quotes: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        open_at = -1
        closer = ""
        for m in _DOUBLE_QUOTE_RE.finditer(text, p_start, p_end):
            ch = m.group()
            if open_at < 0:
                if ch in ("”", "»"):
                    continue
                open_at, closer = m.start(), _QUOTE_OPEN.get(ch, '"')
            elif ch == closer or ch == '"' or (closer == '"' and ch == "”"):
                quotes.append((open_at, m.end()))
                open_at = -1
        if open_at >= 0 and p_end - open_at > 1:
            quotes.append((open_at, p_end))
    return quotes


def _name_chains(tokens: list[Token], sentences: list[Sentence]) -> list[NameChain]:
    """Runs of capitalised words within each sentence, visiting only the capitalised tokens."""
    chains: list[NameChain] = []
    text_of = list(map(TOKEN_TEXT, tokens))
    # Word tokens whose first character is upper case, with C-level maps (a Python loop over every
    # token cost as much as the rest of this function).
    capitalised = list(
        compress(
            range(len(tokens)),
            map(and_, map(WORD.__eq__, map(_KIND, tokens)), map(str.isupper, map(_FIRST_CHAR, text_of))),
        )
    )
    if not capitalised:
        return chains
    is_cap = set(capitalised)
    for s in sentences:
        k = bisect_left(capitalised, s.tok_start)
        while k < len(capitalised) and capitalised[k] < s.tok_end:
            i = capitalised[k]
            tok = tokens[i]
            j = i + 1
            last = i
            while j < s.tok_end:
                if j in is_cap and tokens[j].start - tokens[j - 1].end <= 1:
                    last = j
                    j += 1
                elif text_of[j] in NAME_CONNECTORS and j + 1 in is_cap and j + 1 < s.tok_end:
                    j += 1
                else:
                    break
            chains.append(
                NameChain(
                    text=" ".join(text_of[i : last + 1]) if last > i else tok.text,
                    start=tok.start,
                    end=tokens[last].end,
                    tok_start=i,
                    tok_end=last + 1,
                    sentence_initial=i == s.tok_start
                    or (i == s.tok_start + 1 and tokens[s.tok_start].kind == PUNCT),
                )
            )
            k = bisect_left(capitalised, last + 1, k)
    return chains


def parse_date(value: object) -> date | None:
    """Parse an ISO-like publication date (``2016-09-19``, ``2016-09-19T10:00:00Z``); None if unusable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        return datetime.fromisoformat(v).date()
    except ValueError:
        pass
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def parse(
    text: str,
    title: str = "",
    url: str = "",
    published: object = None,
    links: list[str] | None = None,
    is_html: bool = False,
) -> Document:
    """Build the shared :class:`Document` for one article (text already extracted from HTML)."""
    paragraphs = [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if not m.group().isspace()]
    tokens = _tokenise(text)
    tok_starts = [t.start for t in tokens]
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        for s, e in _split_sentences(text, p_start, p_end):
            a = bisect_right(tok_starts, s - 1)
            b = bisect_right(tok_starts, e - 1)
            sentences.append(Sentence(s, e, a, b, p_index))
    quotes = _find_quotes(text, paragraphs)
    doc = Document(
        text=text,
        lower=lower_same_length(text),
        title=title or "",
        url=url or "",
        published=parse_date(published),
        paragraphs=paragraphs,
        sentences=sentences,
        tokens=tokens,
        quotes=quotes,
        name_chains=_name_chains(tokens, sentences),
        links=list(links or []),
        is_html=is_html,
        social_lines=find_social_lines(text, paragraphs),
        words=[t for t in tokens if t.kind == WORD],
    )
    doc._sentence_starts = [s.start for s in sentences]
    doc._quote_starts = [q[0] for q in quotes]
    return doc
