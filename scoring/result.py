"""The typed result of scoring one article: the ``credibly score`` output contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LOW, MIXED, HIGH = "low", "mixed", "high"
LOW_BELOW, HIGH_FROM = 40.0, 65.0


def label_for(score: float) -> str:
    """``low`` below 40, ``high`` from 65, ``mixed`` between (score is 0-100)."""
    if score < LOW_BELOW:
        return LOW
    return HIGH if score >= HIGH_FROM else MIXED


@dataclass(frozen=True, slots=True)
class ScoreError:
    """Why an input row could not be scored: a stable machine ``code`` and a human ``message``."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(slots=True)
class ScoreResult:
    """One output row. ``error`` set means ``score``/``label``/``probability`` are None."""

    id: str
    score: float | None = None
    label: str | None = None
    probability: float | None = None
    signals: dict[str, dict[str, float]] = field(default_factory=dict)
    explanation: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    error: ScoreError | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    model: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "score": self.score,
            "label": self.label,
            "probability": self.probability,
            "signals": self.signals,
            "explanation": self.explanation,
            "evidence": self.evidence,
            "error": self.error.to_dict() if self.error else None,
        }
        if self.text is not None:
            out["text"] = self.text
        for key in ("title", "url", "source", "model"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.warnings:
            out["warnings"] = self.warnings
        return out

    @classmethod
    def failed(cls, id: str, code: str, message: str, **extra: Any) -> ScoreResult:
        """A row for an input that could not be scored."""
        return cls(id=id, error=ScoreError(code, message), **extra)
