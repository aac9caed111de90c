"""The typed result of scoring one article and its one serialisation: the ``credibly score`` contract.

:class:`ScoreResult` keeps typed evidence (:class:`~credibly.features.evidence.Evidence`) and typed
reasons (:class:`Reason`) until :func:`contract` turns the fields into the output object; every
writer (CLI JSONL, the HTTP API, batch JSONL and Parquet rows) goes through it, so the key order
and the omission rules are written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from credibly.features.evidence import Evidence
from credibly.scoring.errors import ErrorCode, ScoreError

LOW, MIXED, HIGH = "low", "mixed", "high"
LOW_BELOW, HIGH_FROM = 40.0, 65.0

# The contract's keys in output order: the first eight always appear, the rest only when set.
ALWAYS = ("id", "score", "label", "probability", "signals", "explanation", "evidence", "error")
WHEN_SET = ("text", "title", "url", "source", "model", "warnings")


def label_for(score: float) -> str:
    """``low`` below 40, ``high`` from 65, ``mixed`` between (score is 0-100)."""
    if score < LOW_BELOW:
        return LOW
    return HIGH if score >= HIGH_FROM else MIXED


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind a score: what was measured in the text, the signed points the model gave it,
    and the indices of the evidence spans it is about."""

    feature: str
    signal: str
    value: float
    points: float
    measured: str
    conclusion: str
    text: str
    percentile_among_reliable: float | None
    evidence: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "signal": self.signal,
            "value": self.value,
            "points": self.points,
            "measured": self.measured,
            "conclusion": self.conclusion,
            "text": self.text,
            "percentile_among_reliable": self.percentile_among_reliable,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """One output row. ``error`` set means ``score``/``label``/``probability`` are None."""

    id: str
    score: float | None = None
    label: str | None = None
    probability: float | None = None
    signals: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    explanation: tuple[Reason, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    error: ScoreError | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    model: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract object (see :func:`contract`)."""
        return contract(
            {
                "id": self.id,
                "score": self.score,
                "label": self.label,
                "probability": self.probability,
                "signals": {k: dict(v) for k, v in self.signals.items()},
                "explanation": [r.to_dict() for r in self.explanation],
                "evidence": [e.to_dict() for e in self.evidence],
                "error": self.error.to_dict() if self.error else None,
                "text": self.text,
                "title": self.title,
                "url": self.url,
                "source": self.source,
                "model": self.model,
                "warnings": list(self.warnings),
            }
        )

    @classmethod
    def failed(cls, id: str, code: ErrorCode, message: str, **metadata: Any) -> ScoreResult:
        """A row for an input that could not be scored (``metadata``: text, title, url, source, warnings)."""
        return cls(id=id, error=ScoreError(code, message), **metadata)


def contract(values: Mapping[str, Any]) -> dict[str, Any]:
    """The output object from plain field values: the :data:`ALWAYS` keys in order, then each of
    :data:`WHEN_SET` that is set (``text`` whenever it is not None; the others when non-empty)."""
    out = {key: values.get(key) for key in ALWAYS}
    for key in WHEN_SET:
        value = values.get(key)
        if value or (key == "text" and value is not None):
            out[key] = value
    return out
