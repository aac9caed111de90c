"""JSON error bodies: every 4xx/5xx the API sends is ``{"error": {"code", "message", "details"?}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from credibly.scoring.api.schemas import BATCH_MAX
from credibly.scoring.errors import ErrorCode

_HTTP_CODES = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORIZED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    408: ErrorCode.BODY_TIMEOUT,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    429: ErrorCode.RATE_LIMITED,
    503: ErrorCode.UNAVAILABLE,
    504: ErrorCode.TIMEOUT,
}


class ApiError(Exception):
    """An error the handlers raise on purpose, with a stable machine code."""

    def __init__(self, status: int, code: ErrorCode, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(
    status: int,
    code: ErrorCode,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The one error shape, also used by the raw ASGI middlewares."""
    body: dict[str, Any] = {"code": str(code), "message": message}
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Location, type and message of each problem; never the offending input (it may be an article)."""
    return [
        {"loc": list(e.get("loc", ())), "type": e.get("type", ""), "msg": e.get("msg", "")}
        for e in exc.errors()
    ]


async def _on_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
    details = _validation_details(exc)
    if any(d["type"] == "json_invalid" for d in details):
        return error_response(400, ErrorCode.INVALID_JSON, "the request body is not valid JSON", details)
    if any(d["type"] == "model_attributes_type" and d["loc"] == ["body"] for d in details):
        return error_response(
            400,
            ErrorCode.INVALID_JSON,
            "the request body must be a JSON object sent as application/json",
            details,
        )
    if any(d["type"] == "too_long" and d["loc"] == ["body", "items"] for d in details):
        return error_response(
            422, ErrorCode.BATCH_TOO_LARGE, f"a batch holds at most {BATCH_MAX} items", details
        )
    return error_response(
        422, ErrorCode.INVALID_REQUEST, "the request body does not match the schema", details
    )


async def _on_http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _HTTP_CODES.get(exc.status_code, ErrorCode.HTTP_ERROR)
    return error_response(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _on_api_error(_: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message)


def install_error_handlers(app: FastAPI) -> None:
    """Route validation, HTTP and deliberate errors through :func:`error_response`."""
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(ApiError, _on_api_error)  # type: ignore[arg-type]
