"""Clickbait headline traits and a rule score in [0, 1].

Each trait found in a headline (teaser phrase, leading number, second person, question, ALL-CAPS
word, exclamation, hyperbolic word, forward reference) adds its weight once; the score is
``1 - exp(-total)``. Weights are hand-set; ``models/signal_eval/style.py`` measures them.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from credibly.features.document import lower_same_length
from credibly.features.lexicon import PhraseMatcher, load_lexicon

ACRONYMS: frozenset[str] = frozenset(w.upper() for w, _ in load_lexicon("acronyms.txt"))
_PHRASES = PhraseMatcher(
    load_lexicon("clickbait.txt") + tuple((w, "hyperbolic") for w, _ in load_lexicon("hyperbolic.txt"))
)
_SECOND_PERSON = PhraseMatcher(
    (w, "second_person") for w in ("you", "your", "you're", "yours", "yourself", "you'll", "you've", "u")
)
_FIRST_PERSON = PhraseMatcher((w, "first_person") for w in ("i", "i'm", "my", "me", "i've"))

WEIGHTS: dict[str, float] = {
    "teaser": 1.2,
    "forward": 0.7,
    "listicle": 1.0,
    "quiz": 0.6,
    "intensifier": 0.6,
    "hyperbolic": 0.5,
    "leading_number": 1.0,
    "second_person": 1.0,
    "first_person": 0.5,
    "question": 0.5,
    "caps": 0.3,
    "exclamation": 0.8,
}
_NOTES = {
    "teaser": "teaser phrase withholding the point",
    "forward": "forward reference ('this', 'here's')",
    "listicle": "list headline",
    "quiz": "quiz-style headline",
    "intensifier": "intensifier",
    "hyperbolic": "hyperbolic word",
    "leading_number": "headline opens with a number",
    "second_person": "addresses the reader",
    "first_person": "first-person headline",
    "question": "question headline",
    "caps": "ALL-CAPS word",
    "exclamation": "exclamation mark",
}
_LEADING_NUMBER_RE = re.compile(r"\s*(\d{1,3})(?=\s+[^\W\d_])")
_CAPS_RE = re.compile(r"\b[A-Z]{3,}\b")
_EXCLAIM_RE = re.compile(r"!+")
_QUESTION_RE = re.compile(r"(?<!\?)\?++\s*+$")  # linear: one try per run of marks


class Trait(NamedTuple):
    """One clickbait trait at ``title[start:end]``."""

    kind: str
    start: int
    end: int
    note: str


def find_traits(title: str, acronyms: frozenset[str] = ACRONYMS) -> list[Trait]:
    """Clickbait traits in a headline, in title order (spans index into ``title``)."""
    if not title:
        return []
    lower = lower_same_length(title)
    traits: list[Trait] = []
    lead = _LEADING_NUMBER_RE.match(title)
    if lead:
        traits.append(Trait("leading_number", lead.start(1), lead.end(1), _NOTES["leading_number"]))
    for matcher in (_PHRASES, _SECOND_PERSON, _FIRST_PERSON):
        for start, end, _, kind in matcher.finditer(lower):
            if kind != "listicle" or lead:
                traits.append(Trait(kind, start, end, _NOTES[kind]))
    for m in _CAPS_RE.finditer(title):
        if m.group() not in acronyms:
            traits.append(Trait("caps", m.start(), m.end(), _NOTES["caps"]))
    for m in _EXCLAIM_RE.finditer(title):
        traits.append(Trait("exclamation", m.start(), m.end(), _NOTES["exclamation"]))
    q = _QUESTION_RE.search(title)
    if q:
        traits.append(Trait("question", q.start(), q.start() + len(q.group().rstrip()), _NOTES["question"]))
    traits.sort(key=lambda t: (t.start, t.end))
    return traits


def score(traits: list[Trait]) -> float:
    """Rule score in [0, 1): each distinct trait kind counts once with its weight."""
    return 1.0 - math.exp(-sum(WEIGHTS[k] for k in {t.kind for t in traits}))
