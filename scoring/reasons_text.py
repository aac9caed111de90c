"""How each feature is put into words, and which evidence kinds illustrate it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Span = dict[str, Any]


def _quoted(spans: list[Span], noun: str, limit: int = 1) -> str:
    """"'municipalitis' and 4 other misspellings" from evidence spans."""
    if not spans:
        return f"no {noun}s"
    shown = ", ".join(f"'{s['text']}'" for s in spans[:limit])
    rest = len(spans) - limit
    return f"{shown} and {rest} other {noun}{'s' if rest != 1 else ''}" if rest > 0 else f"{shown} ({noun})"


@dataclass(frozen=True)
class Description:
    """A feature's reader-facing label, evidence kinds, and optional custom sentence builder."""

    label: str
    kinds: tuple[str, ...] = ()
    unit: str = ""
    render: Callable[[float, list[Span]], str] | None = None

    def measured(self, value: float, spans: list[Span]) -> str:
        """One sentence stating what was measured (no judgement)."""
        if self.render is not None:
            return self.render(value, spans)
        if self.unit == "%":
            return f"{self.label}: {100 * value:.0f}%"
        return f"{self.label}: {value:.2f}{(' ' + self.unit) if self.unit else ''}"


def _spans_sentence(noun: str) -> Callable[[float, list[Span]], str]:
    return lambda value, spans: _quoted(spans, noun) if spans else f"no {noun}s found"


def _name_variant(value: float, spans: list[Span]) -> str:
    if not spans:
        return f"{value:.0f} name(s) spelled two ways"
    s = spans[0]
    other = f" ({s['note']})" if s.get("note") else ""
    more = f" and {int(value) - 1} more" if value > 1 else ""
    return f"name spelled two ways: '{s['text']}'{other}{more}"


DESCRIPTIONS: dict[str, Description] = {}


def register(feature: str, description: Description) -> None:
    """Add or replace the description of ``family.feature``."""
    DESCRIPTIONS[feature] = description


def describe(feature: str) -> Description:
    """The registered description, or a neutral one built from the feature name."""
    if feature in DESCRIPTIONS:
        return DESCRIPTIONS[feature]
    return Description(feature.partition(".")[2].replace("_", " "))
