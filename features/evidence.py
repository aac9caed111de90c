"""Typed results shared by all extractors: evidence spans and per-family signal results."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Evidence:
    """One highlighted span: ``text == source[start:end]`` where source is the article text
    (``field == "text"``) or its title (``field == "title"``)."""

    signal: str
    kind: str
    start: int
    end: int
    text: str
    note: str = ""
    field: str = "text"

    def to_dict(self) -> dict:
        return {
            "signal": self.signal,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "note": self.note,
            "field": self.field,
        }


@dataclass(slots=True)
class SignalResult:
    """What one signal family measured on one document: named numeric features plus evidence."""

    signal: str
    features: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)
