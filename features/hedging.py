"""Hedging signal: how certain the writing claims to be, by category, with evidence spans.

Categories follow the editorial guidance on words to watch: expressions of doubt and agentless
epistemic passives ("is believed") and generalising adverbs ("typically") are hedges; weak modals
(may, could) are their own kind; vague attributions, vague quantifiers, appeals to unnamed experts
and controversy framing are weasels; praise without evidence and superlative framing ("one of the
most") are peacock terms; assertions of certainty are boosters. Cues come from curated lexicons
(``features/data/{hedges,weasels,peacocks,boosters}.txt``) matched in one Aho-Corasick pass over
``doc.lower``; small rules handle senses a lexicon cannot see (the month "May", "some 300", negated
boosters, named studies).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from credibly.features.document import Document
from credibly.features.evidence import Evidence, SignalResult
from credibly.features.lexicon import PhraseMatcher, load_lexicon
from credibly.features.spec import LOWERS, FeatureSpec, Unit, spec_names

SIGNAL = "hedging"
HEDGE, GENERALISATION, MODAL = "hedge", "generalisation", "modal"
WEASEL, PEACOCK, BOOSTER = "weasel", "peacock", "booster"


def _spec(
    name: str, label: str, meaning: str, unit: Unit, direction: int | None, evidence: tuple[str, ...]
) -> FeatureSpec:
    return FeatureSpec(SIGNAL, name, label, meaning, unit, direction, True, evidence)


FEATURES: tuple[FeatureSpec, ...] = (
    _spec(
        "hedges_per_sentence",
        "hedges",
        "expressions of doubt ('reportedly', 'it appears') and agentless passives ('is believed') "
        "per sentence",
        Unit.PER_SENTENCE,
        None,
        (HEDGE,),
    ),
    _spec(
        "generalisations_per_sentence",
        "generalisations",
        "generalising adverbs with no count behind them ('typically', 'often') per sentence",
        Unit.PER_SENTENCE,
        None,
        (GENERALISATION,),
    ),
    _spec(
        "modal_hedges_per_sentence",
        "weak modals",
        "weak modals ('may', 'could', 'might') per sentence",
        Unit.PER_SENTENCE,
        None,
        (MODAL,),
    ),
    _spec(
        "weasels_per_sentence",
        "weasel phrases",
        "vague attributions, vague quantifiers and controversy framing ('some say', 'reports say', "
        "'so-called') per sentence",
        Unit.PER_SENTENCE,
        LOWERS,
        (WEASEL,),
    ),
    _spec(
        "peacocks_per_sentence",
        "peacock terms",
        "praise or importance asserted without evidence ('legendary', 'one of the most') per sentence",
        Unit.PER_SENTENCE,
        LOWERS,
        (PEACOCK,),
    ),
    _spec(
        "boosters_per_sentence",
        "boosters",
        "assertions of certainty ('clearly', 'undeniably') per sentence",
        Unit.PER_SENTENCE,
        LOWERS,
        (BOOSTER,),
    ),
    _spec(
        "hedged_sentence_share",
        "hedged sentences",
        "share of sentences with a hedge, generalisation, weasel or peacock term",
        Unit.SHARE,
        None,
        (HEDGE, GENERALISATION, WEASEL, PEACOCK),
    ),
    _spec(
        "hedge_booster_balance",
        "hedge/booster balance",
        "(hedges - boosters) / (hedges + boosters + 1)",
        Unit.BALANCE,
        None,
        (HEDGE, BOOSTER),
    ),
    _spec(
        "quoted_hedge_share",
        "hedges inside quotes",
        "share of hedges and weasels that sit inside quotations (someone else's doubt)",
        Unit.SHARE,
        None,
        (HEDGE, WEASEL),
    ),
)
FEATURE_NAMES = spec_names(FEATURES)

LEXICON_FILES: tuple[tuple[str, str], ...] = (
    ("hedges.txt", HEDGE),
    ("weasels.txt", WEASEL),
    ("peacocks.txt", PEACOCK),
    ("boosters.txt", BOOSTER),
)
_NOT = "not"  # category of a masking phrase: a non-cue sense that wins by longest match
_NOTES = {
    (HEDGE, ""): "expression of doubt",
    (HEDGE, "passive"): "agentless passive: who holds this view?",
    (GENERALISATION, "generalising"): "generalisation without a count",
    (HEDGE, "negated"): "negated booster, expresses doubt",
    (MODAL, "modal"): "weak modal",
    (WEASEL, ""): "vague attribution: nobody in particular says it",
    (WEASEL, "quantifier"): "vague quantifier",
    (WEASEL, "unnamed"): "appeal to unnamed studies or experts",
    (WEASEL, "controversy"): "controversy framing",
    (PEACOCK, ""): "praise without evidence",
    (PEACOCK, "superlative"): "superlative framing",
    (BOOSTER, ""): "assertion of certainty",
}
# A negator within the three words before a booster, same clause ("not clearly", "can't be certain").
_NEGATED_RE = re.compile(r"(?:\b(?:not|no|never|hardly|cannot|without)|n['’]t)\s+(?:[\w'’-]+\s+){0,2}$")
_NEGATION_WINDOW = 40
_NUMBER_AFTER_RE = re.compile(r"\s+\d")
_ALNUM_RE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class HedgeCue:
    """One matched cue: ``kind`` is hedge, modal, weasel, peacock or booster; ``category`` refines it
    ('' if plain); ``phrase`` is the lexicon entry that matched."""

    start: int
    end: int
    kind: str
    category: str
    phrase: str

    @property
    def is_uncertainty(self) -> bool:
        """True for the cues that mark the writer's claim as uncertain, vague or puffed up (the
        WikiWeasel notion): hedges, generalisations, weasels and peacock terms, not weak modals or
        boosters."""
        return self.kind in (HEDGE, GENERALISATION, WEASEL, PEACOCK)


class HedgeLexicon:
    """A compiled set of hedging phrases; ``entries`` are ``(phrase, "kind:category")``."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        self.matcher = PhraseMatcher(entries)

    @classmethod
    def from_files(cls, files: Iterable[tuple[str, str]] = LEXICON_FILES) -> HedgeLexicon:
        """Load the shipped lexicon files, tagging each phrase with its file's kind."""
        return cls(lexicon_entries(files))

    def cues(self, doc: Document, longest: bool = True) -> list[HedgeCue]:
        """Cues in ``doc.text`` after sense and negation rules, in text order; ``longest=False`` also
        keeps cues nested in longer ones (used to measure each phrase on its own)."""
        hits = list(self.matcher.finditer(doc.lower, longest=longest))
        rules = _SenseRules(doc, [(s, e) for s, e, _p, tag in hits if tag.endswith(":" + _NOT)])
        out: list[HedgeCue] = []
        for start, end, phrase, tag in hits:
            kind, _, category = tag.partition(":")
            if category == _NOT or rules.masked(start, end) or not rules.keeps_sense(start, end, category):
                continue
            if category == MODAL:
                kind = MODAL
            elif category == "generalising":
                kind = GENERALISATION
            elif kind == BOOSTER and _is_negated(doc, start):
                kind, category = HEDGE, "negated"
            out.append(HedgeCue(start, end, kind, category, phrase.replace("’", "'")))
        return out


def lexicon_entries(files: Iterable[tuple[str, str]] = LEXICON_FILES) -> list[tuple[str, str]]:
    """``(phrase, "kind:category")`` pairs from the lexicon files; the first file listing a phrase wins."""
    seen: dict[str, str] = {}
    for name, kind in files:
        for phrase, category in load_lexicon(name):
            seen.setdefault(phrase, f"{kind}:{category}")
    return list(seen.items())


class _SenseRules:
    """The rules for senses a lexicon cannot see, over one document. Each lookup costs time independent
    of the document's length (per-hit scans from the sentence start were quadratic in a long sentence)."""

    def __init__(self, doc: Document, masks: list[tuple[int, int]]):
        self.doc = doc
        # ``masks`` come in text order: a hit is covered when some mask starting at or before it ends
        # at or after its end, i.e. when the furthest end among those masks reaches it.
        self._mask_starts = [s for s, _ in masks]
        self._furthest_end = list(accumulate((e for _, e in masks), max))
        self._first_alnum: dict[int, int] = {}

    def masked(self, start: int, end: int) -> bool:
        """True when a non-cue phrase ("in May", "military might") covers ``[start, end)``."""
        i = bisect_right(self._mask_starts, start)
        return i > 0 and self._furthest_end[i - 1] >= end

    def keeps_sense(self, start: int, end: int, category: str) -> bool:
        """False for known non-cue senses: the month 'May', 'some 300', a named study."""
        text = self.doc.text
        if category == MODAL and text[start] == "M":
            return not (self._is_mid_sentence(start) or _NUMBER_AFTER_RE.match(text, end))
        if category == "quantifier":
            return not _NUMBER_AFTER_RE.match(text, end)
        if category == "unnamed":
            return not _name_before(text, _sentence_start(self.doc, start), start)
        return True

    def _is_mid_sentence(self, offset: int) -> bool:
        """True when a word precedes ``offset`` in its sentence (so capitalisation marks a name)."""
        i = self.doc.sentence_index(offset)
        lo = self.doc.sentences[i].start if i >= 0 else 0
        first = self._first_alnum.get(lo)
        if first is None:
            found = _ALNUM_RE.search(self.doc.text, lo)
            first = self._first_alnum[lo] = found.start() if found else len(self.doc.text)
        return first < offset


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _name_before(text: str, lo: int, end: int) -> bool:
    """True when a name or a number, then whitespace, ends at ``end`` (within ``text[lo:end]``): a
    capitalised word starting at a word boundary followed by word characters, dots or hyphens, or a run
    of digits. Scans back from ``end`` (a regex search from ``lo`` was quadratic in a long sentence)."""
    q = end
    while q > lo and text[q - 1].isspace():
        q -= 1
    if q in (end, lo):
        return False
    if text[q - 1].isdecimal():
        return True
    for p in range(q - 1, lo - 1, -1):
        c = text[p]
        if not (_is_word_char(c) or c in ".-"):
            return False
        if "A" <= c <= "Z" and (p == 0 or not _is_word_char(text[p - 1])):
            return True
    return False


def _sentence_start(doc: Document, offset: int) -> int:
    """Start offset of the sentence holding ``offset`` (0 when there are no sentences)."""
    i = doc.sentence_index(offset)
    return doc.sentences[i].start if i >= 0 else 0


def _is_negated(doc: Document, start: int) -> bool:
    """True when a negator occurs within three words before ``start`` in the same sentence."""
    lo = max(start - _NEGATION_WINDOW, _sentence_start(doc, start))
    return _NEGATED_RE.search(doc.lower, lo, start) is not None


LEXICON = HedgeLexicon.from_files()


def _features(doc: Document, cues: list[HedgeCue]) -> dict[str, float]:
    """Per-sentence rates by kind, hedged-sentence share, hedge/booster balance, quoted share."""
    n_sent = max(len(doc.sentences), 1)
    count = dict.fromkeys((HEDGE, GENERALISATION, MODAL, WEASEL, PEACOCK, BOOSTER), 0)
    for c in cues:
        count[c.kind] += 1
    uncertain = [c for c in cues if c.is_uncertainty]
    doubts = [c for c in uncertain if c.kind in (HEDGE, WEASEL)]
    hedged = {doc.sentence_index(c.start) for c in uncertain}
    quoted = sum(1 for c in doubts if doc.in_quote(c.start))
    boosters = count[BOOSTER]
    return {
        "hedges_per_sentence": count[HEDGE] / n_sent,
        "generalisations_per_sentence": count[GENERALISATION] / n_sent,
        "modal_hedges_per_sentence": count[MODAL] / n_sent,
        "weasels_per_sentence": count[WEASEL] / n_sent,
        "peacocks_per_sentence": count[PEACOCK] / n_sent,
        "boosters_per_sentence": boosters / n_sent,
        "hedged_sentence_share": min(len(hedged) / n_sent, 1.0) if doc.sentences else 0.0,
        "hedge_booster_balance": (len(doubts) - boosters) / (len(doubts) + boosters + 1),
        "quoted_hedge_share": quoted / len(doubts) if doubts else 0.0,
    }


def extract(doc: Document) -> SignalResult:
    """Return SignalResult(SIGNAL, {name: float for name in FEATURES}, [Evidence, ...])."""
    cues = LEXICON.cues(doc)
    evidence = [
        Evidence(SIGNAL, c.kind, c.start, c.end, doc.text[c.start : c.end], _NOTES[(c.kind, c.category)])
        for c in cues
    ]
    return SignalResult(SIGNAL, _features(doc, cues), evidence)
