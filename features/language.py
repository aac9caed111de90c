"""A cheap English check: the share of word tokens that are common English function words.

credibly's lexicons and rules are English; scoring other languages would produce confident
nonsense, so callers refuse texts this check rejects.
"""

from __future__ import annotations

from credibly.features.document import Document
from credibly.features.words import LANGUAGE_CHECK_WORDS

MIN_WORDS = 20
MIN_SHARE = 0.08


def english_share(doc: Document) -> float:
    """Share of word tokens that are frequent English function words (about 0.3-0.5 in news)."""
    if not doc.words:
        return 0.0
    return len([t for t in doc.words if t.text.lower() in LANGUAGE_CHECK_WORDS]) / len(doc.words)


def looks_english(doc: Document) -> bool:
    """False only for texts long enough to judge whose function-word share is implausibly low."""
    return doc.word_count < MIN_WORDS or english_share(doc) >= MIN_SHARE
