"""Request and response models: strict (no coercion, unknown fields rejected) so errors are explicit."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

BATCH_MAX = 50
_STRICT = ConfigDict(extra="forbid", strict=True)


def _valid_unicode(model: BaseModel) -> None:
    """Reject unpaired surrogates (legal in JSON escapes, not encodable as UTF-8 text or stored)."""
    for name, value in model:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"`{name}` contains unpaired surrogates (not valid Unicode text)") from None


class ScoreRequest(BaseModel):
    """One article, as in a ``credibly score`` JSONL row; ``url`` is metadata only (never fetched)."""

    model_config = ConfigDict(
        extra="forbid", strict=True,
        json_schema_extra={"anyOf": [{"required": [k], "properties": {k: {"type": "string"}}} for k in ("text", "html")]},
    )

    text: str | None = Field(None, description="plain article text (give this or `html`)")
    html: str | None = Field(None, description="raw HTML of the page; the main text is extracted")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4096, description="page URL: cache key and source, never fetched")
    published: str | None = Field(None, max_length=200)
    source: str | None = Field(None, max_length=500, description="publisher host when there is no URL")
    id: str | None = Field(None, max_length=500, description="echoed as the result id (default: content hash)")

    @model_validator(mode="after")
    def _needs_text(self) -> ScoreRequest:
        if self.text is None and self.html is None:
            raise ValueError("give `text` or `html`")
        _valid_unicode(self)
        return self

    def payload(self) -> dict[str, Any]:
        """The engine payload: the fields that were given."""
        return self.model_dump(exclude_none=True)


class BatchRequest(BaseModel):
    """Up to ``BATCH_MAX`` articles scored in one call; results come back in the same order."""

    model_config = _STRICT

    items: list[ScoreRequest] = Field(min_length=1, max_length=BATCH_MAX)


class ScoreErrorModel(BaseModel):
    code: str
    message: str


class ScoreResultModel(BaseModel):
    """The ``credibly score`` result object, returned unchanged (see README, "The credibly score contract")."""

    id: str
    score: float | None
    label: Literal["low", "mixed", "high"] | None
    probability: float | None
    signals: dict[str, dict[str, float]]
    explanation: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    error: ScoreErrorModel | None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    model: str | None = None
    warnings: list[str] | None = None


class BatchResponse(BaseModel):
    results: list[ScoreResultModel]


class FeedbackRequest(BaseModel):
    """A reader's or publisher's verdict on a scored page, so scores can be disputed."""

    model_config = _STRICT

    url: str = Field(min_length=1, max_length=4096)
    verdict: Literal["accurate", "inaccurate", "unsure"]
    comment: str | None = Field(None, max_length=2000)
    result_id: str | None = Field(None, max_length=500, description="the `id` of the disputed result")

    @model_validator(mode="after")
    def _unicode(self) -> FeedbackRequest:
        _valid_unicode(self)
        return self


class FeedbackResponse(BaseModel):
    id: int
    status: Literal["recorded"]


class SourceResponse(BaseModel):
    """Aggregate of the articles scored from one publisher host (see store.py for the shrinkage)."""

    host: str
    count: int
    mean_score: float
    shrunk_mean: float
    # A two-number list rather than tuple[float, float]: the tuple's prefixItems schema is read as
    # an old-style items array by some OpenAPI validators; the JSON sent is the same.
    interval_90: list[float] = Field(min_length=2, max_length=2)
    share_low: float
    prior_weight: float
    global_mean: float
    feedback: dict[str, int]


class HealthResponse(BaseModel):
    status: Literal["ok"]
    model: str
    version: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    error: ErrorBody
