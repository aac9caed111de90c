"""The FastAPI app: ``create_app(settings)`` wires the scoring service, guards, routes and demo page."""

from __future__ import annotations

import logging
import math
import pathlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from credibly.hosts import is_host, normalise_host
from credibly.scoring.api.config import Settings
from credibly.scoring.api.errors import ApiError, error_response, install_error_handlers
from credibly.scoring.api.limits import AccessLog, BodyLimit, Guard, RateLimiter, TimeLimit, rate_limited
from credibly.scoring.api.schemas import (
    HOST_OR_URL,
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
from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode

log = logging.getLogger("credibly.api")
EXTENSION_ORIGINS = r"^(chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9-]+$"
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (400, 401, 408, 413, 422, 429, 504)
}


def _version() -> str:
    try:
        return version("credibly")
    except PackageNotFoundError:
        return "0+unknown"


def _static_dir() -> pathlib.Path:
    """The installed ``static/`` folder of the demo page (a real directory: StaticFiles serves from disk)."""
    return pathlib.Path(str(resources.files("credibly.scoring.api").joinpath("static")))


def _service(request: Request) -> ScoringService:
    return request.app.state.service


def _state(request: Request, name: str) -> str | None:
    """A value the guard put in the request's state (None when it set none)."""
    return getattr(request.state, name, None)


def _publisher_host(value: str) -> str:
    """The normalised host of a host or URL given by a client; 400 when it names no publisher host."""
    host = normalise_host(value)
    if not is_host(host):
        raise ApiError(400, ErrorCode.INVALID_HOST, "not a publisher host name (e.g. news.example.com)")
    return host


def _routes() -> APIRouter:
    router = APIRouter(prefix="/v1", responses=_ERRORS)

    @router.post("/score", response_model=ScoreResultModel, summary="Score one article")
    async def score(body: ScoreRequest, request: Request) -> Response:
        """Exactly the `credibly score` result object. Unscorable content (empty, not English, ...) is a
        200 whose `error` is set; malformed requests are 400/422. `url` is never fetched. Only a request
        with a trusted API key adds a rating to its source."""
        result, rid, hit = await _service(request).score(body, _state(request, "rated_by"))
        cache = "hit" if hit else "miss"
        article = body.article()
        log.info("score id=%s chars=%d cache=%s", rid, len(article.text or article.html or ""), cache)
        return Response(result, media_type="application/json", headers={"X-Cache": cache})

    @router.post("/score/batch", response_model=BatchResponse, summary="Score up to 50 articles")
    async def score_batch(body: BatchRequest, request: Request) -> Response:
        """One result object per item, in order (same semantics as `/v1/score`); costs one rate-limit
        token per item."""
        limiter: RateLimiter | None = request.app.state.limiter
        client = _state(request, "client")
        if limiter is not None and client is not None and len(body.items) > 1:
            wait = limiter.take(client, len(body.items) - 1)  # the guard took the first token
            if wait > 0:
                limiter.refund(client)
                return rate_limited(wait, f"a batch of {len(body.items)} costs {len(body.items)} requests")
        service, rated_by = _service(request), _state(request, "rated_by")
        results = [(await service.score(item, rated_by))[0] for item in body.items]
        log.info("batch items=%d", len(results))
        return Response(b'{"results":[' + b",".join(results) + b"]}", media_type="application/json")

    @router.get(
        "/sources/{host:path}",
        response_model=SourceResponse,
        responses={400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}},
    )
    async def source(
        request: Request,
        host: str = Path(description="a publisher host or a URL", json_schema_extra={"pattern": HOST_OR_URL}),
    ) -> SourceResponse:
        """Rating of a publisher host (any URL or host form is normalised) from trusted input only:
        results the operator imported and requests with a trusted API key."""
        service = _service(request)
        stats = await service.db(service.store.source, _publisher_host(host))
        if stats is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, "no rated articles from this source")
        return SourceResponse.model_validate(stats)

    @router.post(
        "/feedback", response_model=FeedbackResponse, status_code=201, summary="Dispute or confirm a score"
    )
    async def feedback(body: FeedbackRequest, request: Request) -> Response:
        """Record a reader's or publisher's verdict on the score of a page: one per client and URL (a new
        verdict replaces the client's earlier one), a few per minute, a bounded number per client. Only
        a trusted key's verdicts are published with the source's rating."""
        host = _publisher_host(body.url)
        service, client = _service(request), _state(request, "client") or "anonymous"
        wait = request.app.state.feedback_limiter.take(client)
        if wait > 0:
            return rate_limited(wait, "too much feedback from this client; slow down")
        settings: Settings = service.settings
        recorded = await service.db(
            service.store.add_feedback,
            client,
            canonical_url(body.url),
            host,
            body.verdict,
            body.comment,
            body.result_id,
            settings.feedback_max_per_client,
            _state(request, "rated_by") is not None,
        )
        if recorded is None:
            limit = settings.feedback_max_per_client
            return rate_limited(math.inf, f"this client has feedback on {limit} pages already")
        fid, replaced = recorded
        reply = FeedbackResponse(id=fid, status="updated" if replaced else "recorded")
        return Response(reply.model_dump_json(), status_code=201, media_type="application/json")

    return router


def create_app(
    settings: Settings | None = None, scorer_factory: Callable[[], Scorer] | None = None
) -> FastAPI:
    """The API app; the scoring processes and the store start once, in the lifespan, per process.
    ``scorer_factory`` replaces the shipped model in the scoring processes (tests)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service = ScoringService(settings, scorer_factory)
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
    app.state.limiter = limiter
    app.state.feedback_limiter = RateLimiter(settings.feedback_per_minute / 60.0, 3)
    auth_failures = RateLimiter(settings.auth_failures_per_minute / 60.0, settings.auth_failures_per_minute)
    # Added innermost first: CORS wraps everything so error responses carry CORS headers too.
    app.add_middleware(
        Guard,
        api_keys=settings.api_keys,
        trusted_keys=settings.trusted_keys,
        limiter=limiter,
        auth_failures=auth_failures,
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, timeout=settings.body_timeout)
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
    if settings.trusted_proxies:  # outermost: the guard sees the client a trusted proxy forwarded
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
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
