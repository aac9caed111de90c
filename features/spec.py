"""Feature specifications: every feature is declared once, next to the code that computes it.

A family module lists its :class:`FeatureSpec` objects in ``FEATURES``; training (expected signs,
what is modelled), the reasons shown to readers (label, evidence kinds), the model card and the
README's feature table all read these declarations instead of keeping their own copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    """What a feature's number counts, so it can be put into words and compared across articles."""

    SHARE = "share"  # 0-1 fraction of sentences, characters, lines or mentions
    PER_SENTENCE = "per sentence"
    PER_100_WORDS = "per 100 words"
    PER_1000_WORDS = "per 1,000 words"
    COUNT = "count"  # occurrences in the whole article (grows with length)
    SCORE = "score"  # a bounded score such as 0-1
    BALANCE = "balance"  # -1 .. +1
    WORDS = "words"
    RATIO = "ratio"  # type/token ratio
    INDEX = "index"  # readability index (Flesch reading ease)
    GRADE = "grade"  # school grade level
    LOGIT = "logit"


RAISES, LOWERS = 1, -1
# Rare defects are counted per 1,000 words, with short texts counted as this long so one slip in a
# 60-word brief does not look like a rate of 17 per 1,000.
MIN_WORDS_FOR_RATE = 300


def per_1000_words(count: int | float, words: int) -> float:
    """``count`` as a rate per 1,000 words (length-neutral), texts shorter than MIN_WORDS_FOR_RATE
    counted as that long."""
    return 1000.0 * count / max(words, MIN_WORDS_FOR_RATE)


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """One feature: where it comes from, what it means, and how the model may use it.

    ``direction`` is +1 when theory says more of it means more reliable writing, -1 when it means
    less, and None when the model learns the sign from data. ``modelled=False`` features are
    reported in ``signals`` but never enter the model (e.g. raw counts that mostly measure length).
    ``evidence`` lists the evidence kinds (of the same family) that illustrate the feature.
    """

    family: str
    name: str
    label: str
    meaning: str
    unit: Unit
    direction: int | None = None
    modelled: bool = True
    evidence: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """``family.name``, the column name used by the model and in ``signals``."""
        return f"{self.family}.{self.name}"

    @property
    def direction_text(self) -> str:
        """ "raises" / "lowers" reliability, "learned", or "not modelled", for tables and cards."""
        if not self.modelled:
            return "not modelled"
        if self.direction is None:
            return "learned"
        return "raises" if self.direction > 0 else "lowers"

    def to_dict(self) -> dict[str, object]:
        """JSON form for the model card."""
        return {
            "feature": self.key,
            "label": self.label,
            "meaning": self.meaning,
            "unit": str(self.unit),
            "direction": self.direction_text,
            "evidence": list(self.evidence),
        }


def spec_names(specs: Iterable[FeatureSpec]) -> tuple[str, ...]:
    """The bare feature names of ``specs`` in order (the keys an ``extract`` function returns)."""
    return tuple(s.name for s in specs)


def markdown_table(specs: Iterable[FeatureSpec]) -> str:
    """The README's feature table: one row per feature with unit, direction and evidence kinds."""
    rows = ["| feature | what it measures | unit | effect on the score | evidence |", "|---|---|---|---|---|"]
    for s in specs:
        evidence = ", ".join(f"`{k}`" for k in s.evidence) or "—"
        rows.append(f"| `{s.key}` | {s.meaning} | {s.unit} | {s.direction_text} | {evidence} |")
    return "\n".join(rows) + "\n"
