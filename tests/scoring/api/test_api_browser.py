"""The demo page in a real headless browser: paste an article, score it, see highlighted evidence.

Needs the Playwright Python package and the system Chromium (``scripts/install_browser.sh``);
skips cleanly when either is missing.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

uvicorn = pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

from support import EXAMPLES

from credibly.scoring.api.app import create_app
from credibly.scoring.api.config import Settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EXAMPLES_JSONL = EXAMPLES / "examples.jsonl"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 in a background thread."""
    settings = Settings(db_path=str(tmp_path_factory.mktemp("api") / "api.sqlite3"), rate_per_second=0)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.slow
def test_demo_page_highlights_evidence(base_url: str) -> None:
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} not installed (scripts/install_browser.sh)")
    article = json.loads(EXAMPLES_JSONL.read_text(encoding="utf-8").splitlines()[0])
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(base_url + "/")
            page.fill("#title", article["title"])
            page.fill("#body", article["text"])
            page.click("#submit")
            page.wait_for_selector("#article mark", timeout=30_000)
            assert page.locator("#score").inner_text().replace(".", "").isdigit()
            assert page.locator("#reasons li").count() >= 1
            marks = page.locator("#article mark")
            assert marks.count() >= 3
            assert marks.first.get_attribute("title")
            assert page.locator("#article").inner_text().strip() == article["text"].strip()
        finally:
            browser.close()
