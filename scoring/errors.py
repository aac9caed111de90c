"""Every error code credibly reports, in one enum shared by the engine, batch runs and the HTTP API.

Row-level codes appear in an output row's ``error`` (``credibly score``, ``credibly batch``, the
API's result object): the row is kept and says why it has no score. Request-level codes appear only
in the API's ``{"error": {...}}`` bodies for requests it refuses as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    """A stable machine-readable error code; ``meaning`` is the documented explanation."""

    # Row level: one input row that could not be scored.
    INVALID_JSON = "invalid_json"
    INVALID_RECORD = "invalid_record"
    UNREADABLE_INPUT = "unreadable_input"
    MISSING_TEXT = "missing_text"
    INVALID_TYPE = "invalid_type"
    EMPTY_TEXT = "empty_text"
    BINARY_CONTENT = "binary_content"
    UNSUPPORTED_LANGUAGE = "unsupported_language"
    TIMEOUT = "timeout"
    WORKER_CRASHED = "worker_crashed"
    INTERNAL_ERROR = "internal_error"
    # Request level (HTTP API only).
    BAD_REQUEST = "bad_request"
    INVALID_REQUEST = "invalid_request"
    BATCH_TOO_LARGE = "batch_too_large"
    UNAUTHORIZED = "unauthorized"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    RATE_LIMITED = "rate_limited"
    INVALID_HOST = "invalid_host"
    BODY_TIMEOUT = "body_timeout"
    UNAVAILABLE = "unavailable"
    HTTP_ERROR = "http_error"

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]


_MEANINGS: dict[ErrorCode, str] = {
    ErrorCode.INVALID_JSON: "the input line (or request body) is not valid JSON",
    ErrorCode.INVALID_RECORD: "the input line is JSON but not an object, or a table row is malformed",
    ErrorCode.UNREADABLE_INPUT: "the input file could not be read",
    ErrorCode.MISSING_TEXT: "the record has neither `text` nor `html`",
    ErrorCode.INVALID_TYPE: "a field has the wrong type (text, html, title, url, published, source must "
    "be strings; "
    "id a string or an integer)",
    ErrorCode.EMPTY_TEXT: "the text (or the HTML's extracted main text) has no words",
    ErrorCode.BINARY_CONTENT: "the text is mostly control characters or undecodable bytes",
    ErrorCode.UNSUPPORTED_LANGUAGE: "the text does not look like English; "
    "credibly's signals are English-only",
    ErrorCode.TIMEOUT: "scoring took longer than the per-article (or per-request) time limit",
    ErrorCode.WORKER_CRASHED: "the batch worker process died twice while scoring this record "
    "(e.g. out of memory)",
    ErrorCode.INTERNAL_ERROR: "an unexpected failure while scoring (a bug: please report it)",
    ErrorCode.BAD_REQUEST: "the request is malformed",
    ErrorCode.INVALID_REQUEST: "the request body does not match the schema",
    ErrorCode.BATCH_TOO_LARGE: "a batch request holds more items than allowed",
    ErrorCode.UNAUTHORIZED: "a valid X-API-Key header is required",
    ErrorCode.NOT_FOUND: "nothing is known under this path or name",
    ErrorCode.METHOD_NOT_ALLOWED: "this path does not accept that HTTP method",
    ErrorCode.PAYLOAD_TOO_LARGE: "the request body is over the size limit",
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: "the request body must be JSON",
    ErrorCode.RATE_LIMITED: "too many requests (or failed API keys, or feedback) from this client; "
    "retry after the given delay",
    ErrorCode.INVALID_HOST: "the source host or feedback URL is not a publisher host name",
    ErrorCode.BODY_TIMEOUT: "the request body did not arrive within the time allowed",
    ErrorCode.UNAVAILABLE: "the service is not ready",
    ErrorCode.HTTP_ERROR: "another HTTP-level error",
}

ROW_CODES: tuple[ErrorCode, ...] = tuple(ErrorCode)[: list(ErrorCode).index(ErrorCode.INTERNAL_ERROR) + 1]


@dataclass(frozen=True, slots=True)
class ScoreError:
    """Why an input row could not be scored: a stable machine ``code`` and a human ``message``."""

    code: ErrorCode
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": str(self.code), "message": self.message}


class UsageError(Exception):
    """A command that cannot run as asked (an output onto its input, a folder that is not its own, an
    unreadable results file): the CLI prints the message, which says why and what to do, and exits 2."""
