"""The FastAPI app: ``create_app(settings)`` wires the scoring service, guards, routes and demo page."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from credibly.hosts import normalise_host
from credibly.scoring.api.config import Settings
from credibly.scoring.api.errors import ApiError, error_response, install_error_handlers
from credibly.scoring.api.limits import AccessLog, BodyLimit, Guard, RateLimiter, TimeLimit
from credibly.scoring.api.schemas import (
    BatchRequest,
    BatchResponse,
    ErrorResponse,
    FeedbackRequest,
    FeedbackResponse,
    HealthResponse,
    ScoreRequest,
    ScoreResultModel,
    SourceResponse,
)
from credibly.scoring.api.service import ScoringService, canonical_url
from credibly.scoring.errors import ErrorCode

log = logging.getLogger("credibly.api")
EXTENSION_ORIGINS = r"^(chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9-]+$"
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 413, 422, 429, 504)
}


def _version() -> str:
    try:
        return version("credibly")
    except PackageNotFoundError:
        return "0+unknown"


def _static_dir() -> Path:
    """The installed ``static/`` folder of the demo page (a real directory: StaticFiles serves from disk)."""
    return Path(str(resources.files("credibly.scoring.api").joinpath("static")))


def _service(request: Request) -> ScoringService:
    return request.app.state.service


def _routes() -> APIRouter:
    router = APIRouter(prefix="/v1", responses=_ERRORS)

    @router.post("/score", response_model=ScoreResultModel, summary="Score one article")
    async def score(body: ScoreRequest, request: Request) -> Response:
        """Exactly the `credibly score` result object. Unscorable content (empty, not English, ...) is a
        200 whose `error` is set; malformed requests are 400/422. `url` is never fetched."""
        result, rid, hit = await _service(request).score(body)
        cache = "hit" if hit else "miss"
        article = body.article()
        log.info("score id=%s chars=%d cache=%s", rid, len(article.text or article.html or ""), cache)
        return Response(result, media_type="application/json", headers={"X-Cache": cache})

    @router.post("/score/batch", response_model=BatchResponse, summary="Score up to 50 articles")
    async def score_batch(body: BatchRequest, request: Request) -> Response:
        """One result object per item, in order (same semantics as `/v1/score`)."""
        service = _service(request)
        results = [(await service.score(item))[0] for item in body.items]
        log.info("batch items=%d", len(results))
        return Response(b'{"results":[' + b",".join(results) + b"]}", media_type="application/json")

    @router.get(
        "/sources/{host:path}", response_model=SourceResponse, responses={404: {"model": ErrorResponse}}
    )
    async def source(host: str, request: Request) -> SourceResponse:
        """Aggregate of the articles scored from a publisher host (any URL or host form is normalised)."""
        service = _service(request)
        stats = await service.run("db", service.store.source, normalise_host(host))
        if stats is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, "no scored articles from this source")
        return SourceResponse.model_validate(stats)

    @router.post(
        "/feedback", response_model=FeedbackResponse, status_code=201, summary="Dispute or confirm a score"
    )
    async def feedback(body: FeedbackRequest, request: Request) -> FeedbackResponse:
        """Record a reader's or publisher's verdict on the score of a page."""
        service = _service(request)
        fid = await service.run(
            "db",
            service.store.add_feedback,
            canonical_url(body.url),
            normalise_host(body.url),
            body.verdict,
            body.comment,
            body.result_id,
        )
        return FeedbackResponse(id=fid, status="recorded")

    return router


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API app; the model and store are opened once, in the lifespan, per process."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = ScoringService(settings)
        await service.warm_up()
        app.state.service = service
        log.info("credibly API ready: model=%s db=%s", service.model_name, settings.db_path)
        try:
            yield
        finally:
            service.close()

    app = FastAPI(
        title="credibly",
        version=_version(),
        lifespan=lifespan,
        description="Reliability scoring for news articles (backend of the browser extension).",
    )
    install_error_handlers(app)
    app.include_router(_routes())

    @app.get("/health", response_model=HealthResponse)
    async def health(request: Request) -> HealthResponse:
        """Liveness: the model is loaded and the store is open."""
        return HealthResponse(status="ok", model=_service(request).model_name, version=_version())

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def demo() -> HTMLResponse:
        return HTMLResponse(
            resources.files("credibly.scoring.api").joinpath("static/index.html").read_text(encoding="utf-8")
        )

    # The demo page's script, styles, favicon and the evidence helpers it shares with the extension.
    app.mount("/static", StaticFiles(directory=str(_static_dir())), name="static")

    @app.exception_handler(Exception)
    async def internal(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled %s", type(exc).__name__)
        return error_response(500, ErrorCode.INTERNAL_ERROR, "unexpected server error")

    limiter = (
        RateLimiter(settings.rate_per_second, settings.rate_burst) if settings.rate_per_second > 0 else None
    )
    # Added innermost first: CORS wraps everything so error responses carry CORS headers too.
    app.add_middleware(Guard, api_keys=settings.api_keys, limiter=limiter)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(TimeLimit, seconds=settings.request_timeout)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_origin_regex=EXTENSION_ORIGINS,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "X-API-Key"],
        max_age=600,
    )
    app.add_middleware(AccessLog)
    _document_api_key(app, bool(settings.api_keys))
    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn worker processes: settings come from ``CREDIBLY_API_SETTINGS``."""
    return create_app(Settings.from_env())


def _document_api_key(app: FastAPI, required: bool) -> None:
    """Declare the X-API-Key header in the OpenAPI schema when keys are configured (Guard enforces it)."""
    if not required:
        return
    base = app.openapi

    def openapi() -> dict[str, Any]:
        schema = base()
        schema.setdefault("components", {})["securitySchemes"] = {
            "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"}
        }
        for path, ops in schema["paths"].items():
            if path.startswith("/v1/"):
                for op in ops.values():
                    op["security"] = [{"ApiKey": []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
