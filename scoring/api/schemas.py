"""Request and response models: strict (no coercion, unknown fields rejected) so errors are explicit."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from credibly.scoring.inputs import ArticleInput, is_unicode_text, surrogates_message

BATCH_MAX = 50
# A publisher host, or a URL with one (any scheme, path, query): labels of letters, digits and inner
# hyphens and a top label that starts with a letter, or an IPv4 address; an optional port. Everything it
# admits normalises to a valid host (a test checks it).
HOST_OR_URL = (
    r"^(?:[A-Za-z][A-Za-z0-9+.-]*://)?(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}"
    r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))(?::[0-9]{1,5})?(?:[/?#].*)?$"
)
_STRICT = ConfigDict(extra="forbid", strict=True)


def _valid_unicode(model: BaseModel) -> None:
    """Reject unpaired surrogates (legal in JSON escapes, not encodable as UTF-8 text or stored)."""
    for name, value in model:
        if isinstance(value, str) and not is_unicode_text(value):
            raise ValueError(surrogates_message(name))


class ArticleRequest(BaseModel):
    """One article, as in a ``credibly score`` JSONL row; ``url`` is metadata only (never fetched).
    Its fields are generated from :class:`~credibly.scoring.inputs.ArticleInput` (see ``ScoreRequest``)."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "anyOf": [{"required": [k], "properties": {k: {"type": "string"}}} for k in ("text", "html")]
        },
    )

    @model_validator(mode="after")
    def _needs_text(self) -> ArticleRequest:
        if getattr(self, "text", None) is None and getattr(self, "html", None) is None:
            raise ValueError("give `text` or `html`")
        _valid_unicode(self)
        return self

    def article(self) -> ArticleInput:
        """The engine's input: the fields that were given."""
        return ArticleInput(**self.model_dump())


def _request_fields() -> dict[str, Any]:
    """Pydantic field definitions for every :class:`ArticleInput` field (type, limit, description)."""
    return {
        f.name: (
            str | None,
            Field(None, max_length=f.metadata["max_length"], description=f.metadata["description"]),
        )
        for f in fields(ArticleInput)
    }


if TYPE_CHECKING:
    ScoreRequest = ArticleRequest
else:
    ScoreRequest = create_model("ScoreRequest", __base__=ArticleRequest, **_request_fields())


class BatchRequest(BaseModel):
    """Up to ``BATCH_MAX`` articles scored in one call; results come back in the same order."""

    model_config = _STRICT

    items: list[ScoreRequest] = Field(min_length=1, max_length=BATCH_MAX)


class ScoreErrorModel(BaseModel):
    code: str
    message: str


class ScoreResultModel(BaseModel):
    """The ``credibly score`` result object, returned unchanged (see the README's "The credibly score
    contract")."""

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

    url: str = Field(min_length=1, max_length=4096, pattern=HOST_OR_URL, description="the page's URL")
    verdict: Literal["accurate", "inaccurate", "unsure"]
    comment: str | None = Field(None, max_length=2000)
    result_id: str | None = Field(None, max_length=500, description="the `id` of the disputed result")

    @model_validator(mode="after")
    def _unicode(self) -> FeedbackRequest:
        _valid_unicode(self)
        return self


class FeedbackResponse(BaseModel):
    """``recorded`` for a first verdict on a URL, ``updated`` when it replaced this client's earlier one."""

    id: int
    status: Literal["recorded", "updated"]


class SourceResponse(BaseModel):
    """Rating of one publisher host from trusted input only (see store.py for the trust model and the
    shrinkage)."""

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
