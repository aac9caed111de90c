"""Raw ASGI guards that run before any body is parsed: size cap and body deadline, time limit, API keys
(with failed attempts limited), rate limit, and an access log that records only sizes, status and
latency (never article text)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.responses import Response

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
    (the body is buffered up to the cap and replayed, so the app never reads past it); 408 when the body
    has not fully arrived ``timeout`` seconds after the request's headers (a slow client)."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout: float):
        self.app, self.max_bytes, self.timeout = app, max_bytes, timeout

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
        deadline = asyncio.get_running_loop().time() + self.timeout
        while more:
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                late = error_response(
                    408, ErrorCode.BODY_TIMEOUT, f"the request body took longer than {self.timeout:g} s"
                )
                return await late(scope, receive, send)
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
    """Token bucket per client: ``rate`` tokens per second on average, bursts up to ``burst``."""

    def __init__(self, rate: float, burst: int, max_clients: int = 10_000):
        self.rate, self.burst, self.max_clients = rate, float(burst), max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _tokens(self, client: str, now: float) -> float:
        tokens, last = self._buckets.pop(client, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.rate)

    def take(self, client: str, cost: float = 1.0) -> float:
        """Spend ``cost`` tokens (all or none); returns 0 when allowed, else the seconds until there are
        enough (infinite when ``cost`` exceeds the burst)."""
        now = time.monotonic()
        tokens = self._tokens(client, now)
        wait = 0.0 if tokens >= cost else (math.inf if cost > self.burst else (cost - tokens) / self.rate)
        self._buckets[client] = (tokens - cost if wait == 0 else tokens, now)
        if len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait

    def refund(self, client: str, amount: float = 1.0) -> None:
        """Give back tokens spent on a request that was then refused (a batch over the client's tokens)."""
        now = time.monotonic()
        self._buckets[client] = (min(self.burst, self._tokens(client, now) + amount), now)

    def empty(self, client: str) -> bool:
        """True when ``client`` has less than one token left (nothing is spent)."""
        now = time.monotonic()
        tokens = self._tokens(client, now)
        self._buckets[client] = (tokens, now)
        return tokens < 1


def rate_limited(wait: float, message: str) -> Response:
    """The 429 response, with ``Retry-After`` in whole seconds."""
    retry = "3600" if math.isinf(wait) else str(int(wait) + 1)
    return error_response(429, ErrorCode.RATE_LIMITED, message, headers={"Retry-After": retry})


def key_label(key: str) -> str:
    """A stable, non-secret name for an API key (logs, client ids, rating origins)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class Guard:
    """On ``/v1/`` routes: identify the client, check its API key, spend a rate-limit token.

    A presented ``X-API-Key`` must be one of the configured keys (ordinary or trusted) whenever any are
    configured, and one is required when ordinary keys are. Failed attempts are counted per client
    address: past ``auth_failures`` a minute the address gets 429 before its key is even checked. The
    client is the key when one is valid, else the address (the peer, or what a trusted proxy forwarded).
    ``scope["state"]`` gets ``client`` and, for a trusted key, ``rated_by`` (the key's label)."""

    def __init__(
        self,
        app: ASGIApp,
        api_keys: tuple[str, ...],
        trusted_keys: tuple[str, ...],
        limiter: RateLimiter | None,
        auth_failures: RateLimiter,
    ):
        self.app, self.limiter, self.auth_failures = app, limiter, auth_failures
        self.required = bool(api_keys)
        self.keys = [(k.encode(), False) for k in api_keys] + [(k.encode(), True) for k in trusted_keys]

    def _check(self, key: str) -> bool | None:
        """None for an unknown key, else whether it is trusted (every configured key is compared)."""
        found = None
        for known, trusted in self.keys:
            if hmac.compare_digest(key.encode(), known):
                found = trusted
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not scope["path"].startswith(GUARDED_PREFIX)
            or scope["method"] == "OPTIONS"
        ):
            return await self.app(scope, receive, send)
        address = (scope.get("client") or ("?",))[0]
        key = _header(scope, b"x-api-key")
        state = scope.setdefault("state", {})
        client = f"ip:{address}"
        if self.keys and (key is not None or self.required):
            if self.auth_failures.empty(address):
                wait = 1.0 / self.auth_failures.rate
                return await rate_limited(wait, "too many failed API-key attempts; slow down")(
                    scope, receive, send
                )
            trusted = None if key is None else self._check(key)
            if key is None or trusted is None:
                if key is not None:
                    self.auth_failures.take(address)
                response = error_response(401, ErrorCode.UNAUTHORIZED, "a valid X-API-Key header is required")
                return await response(scope, receive, send)
            client = f"key:{key_label(key)}"
            if trusted:
                state["rated_by"] = client
        state["client"] = client
        if self.limiter is not None:
            wait = self.limiter.take(client)
            if wait > 0:
                return await rate_limited(wait, "too many requests; slow down")(scope, receive, send)
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
