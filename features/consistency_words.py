"""Word lists shared by the consistency detectors: common English words and function words.

Common words come from the shared English frequency list (``features.vocabulary``); a name pair in which both forms are common words ("Three" /
"There") is treated as two different words, not as a misspelling.
"""

from __future__ import annotations

from functools import lru_cache

from features.vocabulary import english_frequencies

# Frequency (pyspellchecker units) from which a lower-case word counts as common vocabulary;
# proper names sit far below it ("clinton" 343, "obama" 244) while "rush" is 39,971.
COMMON_MIN_FREQ = 1000

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "while",
        "also",
        "not",
        "no",
        "nor",
        "so",
        "some",
        "any",
        "each",
        "more",
        "most",
        "less",
        "least",
        "about",
        "around",
        "nearly",
        "almost",
        "approximately",
        "roughly",
        "over",
        "under",
        "up",
        "down",
        "into",
        "out",
        "per",
        "after",
        "before",
        "since",
        "until",
        "among",
        "between",
        "during",
        "including",
        "just",
        "only",
        "other",
        "such",
        "very",
        "all",
        "both",
        "than",
        "then",
        "there",
        "here",
        "they",
        "them",
        "he",
        "she",
        "we",
        "you",
        "i",
        "said",
        "says",
        "say",
        "according",
    ]
)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case English words frequent enough to be ordinary vocabulary rather than names."""
    return frozenset(w for w, f in english_frequencies().items() if f >= COMMON_MIN_FREQ)


@lru_cache(maxsize=1)
def common_or_function_words() -> frozenset[str]:
    """:func:`common_words` plus :data:`FUNCTION_WORDS`: one set, so hot loops test a word with one probe."""
    return common_words() | FUNCTION_WORDS


def is_common(word: str) -> bool:
    """True when ``word`` (any case) is ordinary English vocabulary or a function word."""
    return word.lower() in common_or_function_words()


def is_known(word: str) -> bool:
    """True when ``word`` is in the English word list at all (rare words and some names too)."""
    low = word.lower()
    return low in FUNCTION_WORDS or low in english_frequencies()
