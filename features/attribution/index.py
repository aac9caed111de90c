"""Per-article lookup tables for attribution: lexicon hits, vague speakers, name chains, subjects.

:class:`DocIndex` is built once per article; the cue classifier (``cues``) and speaker linking
(``speakers``) both read it, so the attribution lexicons are scanned in one automaton pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from operator import attrgetter
from typing import NamedTuple

from credibly.features.document import WORD, Document, NameChain
from credibly.features.lexicon import Hit, MatcherGroup, PhraseMatcher, load_lexicon
from credibly.features.words import SPEAKER_PRONOUNS, SUBJECT_VERB_GAP_WORDS

_CUES = PhraseMatcher(load_lexicon("attribution_cues.txt"))

_ANONYMOUS = PhraseMatcher(load_lexicon("attribution_sources.txt"))

_FACTUAL = PhraseMatcher(load_lexicon("attribution_factual.txt"))

_NOT_NAMES = frozenset(phrase for phrase, _ in load_lexicon("attribution_nonnames.txt"))


_QUOTE_OPENERS = frozenset("\"“‘«'")
# A vague group noun made specific: definite ("the researchers", "these scientists": a group the
# article has introduced) or tied to a named place or body ("researchers at Oxford University",
# "residents of Aleppo"). It is then an unnamed but identifiable source, not nobody in particular.
_DEFINITE_BEFORE_RE = re.compile(r"\b(?:the|these|those)\s+$")
_NAMED_AFTER_RE = re.compile(r"\s+(?:at|from|of|in|with)\s+(?:the\s+)?[A-Z]")
_NEVER_SPECIFIC = frozenset({"people", "some", "many", "others", "everyone", "everybody", "reports"})
_NON_SPACE_RE = re.compile(r"\S")


class Speaker(NamedTuple):
    """Who a cue cites: ``kind`` is ``named``, ``anonymous`` (an unnamed but identifiable role: "a
    senior official") or ``vague`` (nobody in particular: "reports", "some people"); ``key`` groups
    mentions of one name."""

    start: int
    end: int
    tok_start: int
    tok_end: int
    kind: str
    key: str


class DocIndex:
    """Per-document lookup tables built once per :func:`extract` call: token offsets, sources by
    token position, and the hits of every attribution lexicon found in one automaton pass (whole-word
    ``vocabulary`` hits included, so candidate words cost no extra scan of the text)."""

    def __init__(self, doc: Document, vocabulary: frozenset[str] = frozenset()):
        self.doc = doc
        self.vocabulary = vocabulary
        self.tok_starts = list(map(attrgetter("start"), doc.tokens))
        hits = matchers(vocabulary).findall(doc.lower)
        self.cue_hits, anonymous, self.factual_hits, self._word_hits = hits
        self.anonymous = [
            self.source(s, e, _specific_kind(doc, s, e, category), doc.lower[s:e])
            for s, e, _, category in anonymous
            if not doc.in_quote(s)
        ]
        self.anonymous_ends = {a.tok_end for a in self.anonymous}
        self._anonymous_starts = [a.tok_start for a in self.anonymous]
        self._chain_starts = [c.tok_start for c in doc.name_chains]
        self._non_gap_before: dict[int, int] = {}

    def skip_back(self, i: int, floor: int) -> int:
        """Index of the first token before ``i`` (not below ``floor``) that is not an auxiliary/adverb.

        Walks are remembered (every token walked over gets the answer), so a run of such words costs
        time once, not once per cue after it."""
        tokens, known = self.doc.tokens, self._non_gap_before
        j, walked = i - 1, []
        while j >= 0 and tokens[j].text.lower().replace("’", "'") in SUBJECT_VERB_GAP_WORDS:
            if j in known:
                j = known[j]
                break
            walked.append(j)
            j -= 1
        for k in walked:
            known[k] = j
        return j if j >= floor else min(i, floor) - 1

    def word_hits(self, vocabulary: frozenset[str]) -> list[Hit]:
        """Whole-word hits of ``vocabulary``: from the shared pass when it is the index's own."""
        if vocabulary is self.vocabulary:
            return self._word_hits
        return list(word_matcher(vocabulary).finditer(self.doc.lower))

    def tok_at(self, offset: int) -> int:
        """Index of the token starting at or after ``offset``."""
        return bisect_left(self.tok_starts, offset)

    def source(self, start: int, end: int, kind: str, key: str) -> Speaker:
        """A :class:`Speaker` for the character span ``[start, end)``."""
        return Speaker(start, end, self.tok_at(start), self.tok_at(end), kind, key)

    def names_between(self, lo: int, hi: int) -> list[NameChain]:
        """Plausible name chains outside quotations whose first token index lies in ``[lo, hi)``."""
        chains = self.doc.name_chains[
            bisect_left(self._chain_starts, lo) : bisect_left(self._chain_starts, hi)
        ]
        quotes = self.doc.quotes
        return [c for c in chains if is_name(c) and not (quotes and self.doc.in_quote(c.start))]

    def anonymous_between(self, lo: int, hi: int) -> list[Speaker]:
        """Unnamed (anonymous or vague) speakers whose first token index lies in ``[lo, hi)``."""
        return self.anonymous[
            bisect_left(self._anonymous_starts, lo) : bisect_left(self._anonymous_starts, hi)
        ]


def _specific_kind(doc: Document, start: int, end: int, category: str) -> str:
    """``anonymous`` for a one-word vague group noun the article makes specific (see
    ``_DEFINITE_BEFORE_RE``), else ``category``."""
    if category != "vague" or " " in doc.lower[start:end] or doc.lower[start:end] in _NEVER_SPECIFIC:
        return category
    if _DEFINITE_BEFORE_RE.search(doc.lower, max(0, start - 7), start):
        return "anonymous"
    return "anonymous" if _NAMED_AFTER_RE.match(doc.text, end, end + 12) else category


def is_name(chain: NameChain) -> bool:
    """True for a capitalised chain that plausibly names a person or organisation."""
    first = chain.text.split(" ", 1)[0].lower()
    if chain.text.lower() in _NOT_NAMES or (first in _NOT_NAMES and chain.tok_end - chain.tok_start == 1):
        return False
    return not (chain.sentence_initial and chain.tok_end - chain.tok_start == 1 and first in SPEAKER_PRONOUNS)


def points_ahead(doc: Document, start: int, end: int) -> bool:
    """True when the cue at ``[start, end)`` ends in a word whose source follows it ("shared by", "a
    tweet from")."""
    return doc.lower.endswith((" by", " from"), start, end)


def name_start(doc: Document, chain: NameChain) -> int:
    """First token of the name in ``chain``: past a sentence opener that is no name ("Later Artsrun
    Hovhannisyan" -> "Artsrun Hovhannisyan")."""
    first = chain.tok_start
    opener = chain.sentence_initial and chain.tok_end - first > 1
    return first + 1 if opener and doc.tokens[first].text.lower() in _NOT_NAMES else first


def has_subject(doc: Document, index: DocIndex, tok: int) -> bool:
    """True when the verb at token ``tok`` follows a pronoun, a name or a source noun."""
    j = index.skip_back(tok, 0)
    if j < 0:
        return False
    text, _, _, kind = doc.tokens[j]
    low = text.lower()
    if low in SPEAKER_PRONOUNS or (kind == WORD and text[0].isupper() and low not in _NOT_NAMES):
        return True
    return j + 1 in index.anonymous_ends


def is_speech_colon(doc: Document, index: DocIndex, at: int) -> bool:
    """True when the colon at ``at`` follows a speaker label or opens a quotation."""
    p_start, p_end = doc.paragraphs[doc.sentences[doc.sentence_index(at)].paragraph]
    # The first non-space character after the colon (found without copying the rest of the paragraph).
    after = _NON_SPACE_RE.search(doc.text, at + 1, p_end)
    if after is None or after.group().isdigit() or at == p_start:
        return False
    if after.group() in _QUOTE_OPENERS:
        return True
    t = index.tok_at(at)
    prev = doc.tokens[t - 1] if t > 0 else None
    if prev is None or prev.kind != WORD or not prev.text[0].isupper():
        return False
    return index.tok_at(p_start) >= t - 4


@cache
def word_matcher(vocabulary: frozenset[str]) -> PhraseMatcher:
    """A whole-word matcher for the candidate words (built once per vocabulary)."""
    return PhraseMatcher((w, "colon" if w == ":" else "learned") for w in sorted(vocabulary))


@cache
def matchers(vocabulary: frozenset[str]) -> MatcherGroup:
    """Cue-lexicon, vague-speaker, factual-marker and ``vocabulary``-word matchers as one automaton."""
    return MatcherGroup([_CUES, _ANONYMOUS, _FACTUAL, word_matcher(vocabulary)])
