"""Slow clients cannot hold connections: request headers must arrive within a deadline.

uvicorn closes idle keep-alive connections but has no limit on how long a request's headers may take,
so a client sending one header line per second holds a connection (and its memory) indefinitely.
:class:`HeaderTimeoutProtocol` is uvicorn's own HTTP protocol (httptools when installed, else h11)
with one timer: armed when a connection opens or the first bytes of a new request arrive, cancelled
when the request's headers are complete; when it fires, the connection is closed. The body has its
own deadline, enforced by :class:`credibly.scoring.api.limits.BodyLimit`.

``credibly serve`` passes this class to uvicorn by its import path (so each worker process imports it);
the deadline comes from the server settings in the environment.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.auto import AutoHTTPProtocol

from credibly.scoring.api.config import Settings

PROTOCOL_PATH = "credibly.scoring.api.timeouts:HeaderTimeoutProtocol"


class HeaderTimeoutProtocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol, closing a connection whose request headers take over ``header_timeout``."""

    header_timeout: float | None = None  # read from the settings on first use

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if HeaderTimeoutProtocol.header_timeout is None:
            HeaderTimeoutProtocol.header_timeout = Settings.from_env().header_timeout
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        if self._header_timer is None and (cycle is None or cycle.response_complete):
            self._arm()  # the first bytes of a new request
        super().data_received(data)
        if self.cycle is not cycle:  # a request's headers are complete
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_timer = self.loop.call_later(self.header_timeout or 10.0, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()
