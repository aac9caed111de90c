"""A cheap English check: the share of word tokens that are common English function words.

credibly's lexicons and rules are English; scoring other languages would produce confident
nonsense, so callers refuse texts this check rejects.
"""

from __future__ import annotations

from features.document import WORD, Document

_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was", "he", "she", "they", "be", "by", "at", "this", "are", "from", "his", "her", "an", "have", "has", "had", "not", "but", "or", "were", "which", "their", "its", "been", "who", "will", "would", "said", "there", "we", "you", "i", "our", "than", "when", "more", "about", "after", "also", "into", "can", "all", "one", "out", "up", "over", "new", "some", "what", "if", "so", "no", "them", "these", "those", "other", "do", "did", "could", "may", "than", "only"]
)
MIN_WORDS = 20
MIN_SHARE = 0.08


def english_share(doc: Document) -> float:
    """Share of word tokens that are frequent English function words (about 0.3-0.5 in news)."""
    words = [t.text for t in doc.tokens if t.kind == WORD]
    if not words:
        return 0.0
    return len([w for w in words if w.lower() in _FUNCTION_WORDS]) / len(words)


def looks_english(doc: Document) -> bool:
    """False only for texts long enough to judge whose function-word share is implausibly low."""
    words = sum(1 for t in doc.tokens if t.kind == WORD)
    return words < MIN_WORDS or english_share(doc) >= MIN_SHARE
