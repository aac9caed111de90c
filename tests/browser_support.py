"""Helpers for the tests that drive a real browser: Debian's Chromium through Playwright, servers on
127.0.0.1 only (the machine has no network and the tests need none).

``tests/`` is on ``sys.path`` (pytest configuration), so test modules import this as ``browser_support``.
Everything that needs Playwright or Chromium skips the calling test cleanly when either is missing.
"""

from __future__ import annotations

import functools
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers), no GPU, and nothing that would try to reach the network by itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def playwright() -> ModuleType:
    """``playwright.sync_api``, or skip the test when Playwright or the system Chromium is missing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} not installed (scripts/install_browser.sh)")
    return sync_api


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago (for a server, or for "nothing listens here")."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_api(settings: Any) -> Iterator[str]:
    """The credibly API (``create_app(settings)``) under uvicorn on 127.0.0.1, in a thread; yields its URL."""
    uvicorn = pytest.importorskip("uvicorn")
    from credibly.scoring.api.app import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "API server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files without a log line per request; a file named ``document`` is served as a PDF (a
    PDF whose address does not say so)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def guess_type(self, path: str | Any) -> str:
        if str(path).endswith("/document"):
            return "application/pdf"
        return super().guess_type(path)


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """A static web site for ``root`` on 127.0.0.1 in a thread; yields ``http://127.0.0.1:<port>``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@contextmanager
def silent_server() -> Iterator[str]:
    """A server that accepts connections and never answers (to provoke client time-outs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()
