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


def _word_texts(doc: Document) -> list[str]:
    """Texts of the document's word tokens, in order."""
    return [t.text for t in doc.tokens if t.kind == WORD]


def _function_word_count(words: list[str]) -> int:
    """How many of ``words`` are function words, case-insensitively."""
    return len([w for w in words if w.lower() in _FUNCTION_WORDS])


def english_share(doc: Document) -> float:
    """Share of word tokens that are frequent English function words (about 0.3-0.5 in news)."""
    words = _word_texts(doc)
    if not words:
        return 0.0
    return _function_word_count(words) / len(words)


def looks_english(doc: Document) -> bool:
    """False only for texts long enough to judge whose function-word share is implausibly low."""
    words = _word_texts(doc)
    n = len(words)
    if n < MIN_WORDS:
        return True
    # The share only grows with the count, so a first third that already reaches it decides:
    # news text gets there without counting the rest.
    if _function_word_count(words[: n // 3]) / n >= MIN_SHARE:
        return True
    return _function_word_count(words) / n >= MIN_SHARE
