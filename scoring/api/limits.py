"""Raw ASGI guards that run before any body is parsed: size cap, time limit, API keys, rate limit,
and an access log that records only sizes, status and latency (never article text)."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from credibly.scoring.api.errors import error_response
from credibly.scoring.errors import ErrorCode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("credibly.api")
GUARDED_PREFIX = "/v1/"


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class BodyLimit:
    """413 when a request body exceeds ``max_bytes``: by Content-Length up front, else while streaming
    (the body is buffered up to the cap and replayed, so the app never reads past it)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        too_large = error_response(
            413, ErrorCode.PAYLOAD_TOO_LARGE, f"request body over {self.max_bytes} bytes"
        )
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await too_large(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await too_large(scope, receive, send)
            chunks.append(chunk)
            more = message.get("more_body", False)
        replay: list[Message] = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed() -> Message:
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)


class TimeLimit:
    """504 JSON when a request takes longer than ``seconds`` (if no response has started yet)."""

    def __init__(self, app: ASGIApp, seconds: float):
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.seconds)
        except TimeoutError:
            if not started:
                await error_response(504, ErrorCode.TIMEOUT, f"request took longer than {self.seconds:g} s")(
                    scope, receive, send
                )


class RateLimiter:
    """Token bucket per client: ``rate`` requests per second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int, max_clients: int = 10_000):
        self.rate, self.burst, self.max_clients = rate, float(burst), max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """Spend one token; returns 0 when allowed, else the seconds until a token is available."""
        now = time.monotonic()
        tokens, last = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
        if len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait


class Guard:
    """On ``/v1/`` routes: 401 without a valid ``X-API-Key`` (when keys are configured), then 429 when
    the client's bucket (by API key, else client IP) is empty."""

    def __init__(self, app: ASGIApp, api_keys: tuple[str, ...], limiter: RateLimiter | None):
        self.app, self.api_keys, self.limiter = app, api_keys, limiter

    def _valid(self, key: str | None) -> bool:
        return key is not None and any(hmac.compare_digest(key.encode(), k.encode()) for k in self.api_keys)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not scope["path"].startswith(GUARDED_PREFIX)
            or scope["method"] == "OPTIONS"
        ):
            return await self.app(scope, receive, send)
        key = _header(scope, b"x-api-key")
        if self.api_keys and not self._valid(key):
            response = error_response(401, ErrorCode.UNAUTHORIZED, "a valid X-API-Key header is required")
            return await response(scope, receive, send)
        if self.limiter is not None:
            client = f"key:{key}" if self.api_keys else f"ip:{(scope.get('client') or ('?',))[0]}"
            wait = self.limiter.take(client)
            if wait > 0:
                response = error_response(
                    429,
                    ErrorCode.RATE_LIMITED,
                    "too many requests; slow down",
                    headers={"Retry-After": str(int(wait) + 1)},
                )
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


class AccessLog:
    """One log line per request: method, path, status, request bytes, latency — never the body."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, status = time.perf_counter(), 0

        async def status_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, status_send)
        finally:
            log.info(
                "%s %s status=%d bytes=%s ms=%.1f",
                scope["method"],
                scope["path"],
                status,
                _header(scope, b"content-length") or "-",
                (time.perf_counter() - start) * 1000,
            )
