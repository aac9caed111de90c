"""In-process tests of the HTTP API (FastAPI TestClient): contract, cache, store, guards, errors."""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")  # starlette prefers httpx2; httpx works
    from fastapi.testclient import TestClient

from support import EXAMPLES

from credibly.scoring.api.app import create_app
from credibly.scoring.api.config import Settings
from credibly.scoring.engine import Scorer

EXAMPLES_JSONL = EXAMPLES / "examples.jsonl"
ARTICLES = [json.loads(line) for line in EXAMPLES_JSONL.read_text(encoding="utf-8").splitlines()]
EXT_ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


def _article(i: int = 0, **extra: Any) -> dict[str, Any]:
    row = {k: v for k, v in ARTICLES[i].items() if k in ("text", "title", "url", "published")}
    return {**row, **extra}


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Any]:
    """Factory for clients of fresh apps (own database); lifespan entered, closed at teardown."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        settings = Settings(
            db_path=str(tmp_path / f"api{len(clients)}.sqlite3"), **{"rate_per_second": 0, **overrides}
        )
        client = TestClient(create_app(settings)).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Any) -> TestClient:
    return make_client()


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["code"] == code and body["message"]
    return body


def test_health_and_docs(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/docs").status_code == 200
    assert {"/v1/score", "/v1/score/batch", "/v1/feedback"} <= set(
        client.get("/openapi.json").json()["paths"]
    )


def test_score_returns_the_cli_result_object(client: TestClient) -> None:
    payload = _article(0, id="a1")
    response = client.post("/v1/score", json=payload)
    assert response.status_code == 200 and response.headers["X-Cache"] == "miss"
    assert response.json() == Scorer().score(payload, "a1").to_dict()


def test_repeat_visit_is_a_cache_hit(client: TestClient) -> None:
    first = client.post("/v1/score", json=_article(1))
    again = client.post("/v1/score", json=_article(1, url=ARTICLES[1]["url"] + "?utm_source=feed#top"))
    assert again.headers["X-Cache"] == "hit"
    assert {**again.json(), "url": None} == {**first.json(), "url": None}
    assert client.post("/v1/score", json=_article(1, id="other")).json()["id"] == "other"
    assert client.post("/v1/score", json=_article(1, title="Changed")).headers["X-Cache"] == "miss"


def test_unscorable_content_is_a_200_error_row(client: TestClient) -> None:
    body = client.post("/v1/score", json={"text": "   \n  "}).json()
    assert body["error"]["code"] == "empty_text" and body["score"] is None


def test_batch_keeps_order_and_is_bounded(client: TestClient) -> None:
    items = [_article(i, id=f"b{i}") for i in range(len(ARTICLES))]
    results = client.post("/v1/score/batch", json={"items": items}).json()["results"]
    assert [r["id"] for r in results] == [i["id"] for i in items]
    _error(client.post("/v1/score/batch", json={"items": [{"text": "x"}] * 51}), 422, "batch_too_large")
    _error(client.post("/v1/score/batch", json={"items": []}), 422, "invalid_request")


def test_sources_aggregate_with_shrinkage(make_client: Any) -> None:
    client = make_client(trusted_keys=("editor-key",))
    editor = {"X-API-Key": "editor-key"}
    _error(client.get("/v1/sources/nobody.example"), 404, "not_found")
    scores = [
        client.post("/v1/score", json=_article(i), headers=editor).json()["score"]
        for i in range(len(ARTICLES))
    ]
    host = "example-courier.com"
    stats = client.get(f"/v1/sources/https://www.{host}/any/page").json()
    assert stats["host"] == host and stats["count"] >= 1
    low, high = stats["interval_90"]
    assert 0 <= low <= stats["shrunk_mean"] <= high <= 100
    assert stats["global_mean"] == pytest.approx(sum(scores) / len(scores), abs=0.01)
    # A new version of the same URL replaces the old rating instead of adding one.
    update = _article(0, text=ARTICLES[0]["text"] + "\n\nUpdated on Friday.")
    client.post("/v1/score", json=update, headers=editor)
    assert client.get(f"/v1/sources/{host}").json()["count"] == stats["count"]


def test_feedback_is_recorded_and_only_trusted_feedback_is_published(make_client: Any) -> None:
    client = make_client(trusted_keys=("editor-key",))
    editor = {"X-API-Key": "editor-key"}
    client.post("/v1/score", json=_article(0), headers=editor)
    # Anonymous verdicts are recorded for the operator but never change the published rating,
    # whatever their number or the URLs they name.
    for i in range(3):
        url = ARTICLES[0]["url"] if i == 0 else f"https://example-courier.com/other-{i}"
        response = client.post("/v1/feedback", json={"url": url, "verdict": "inaccurate", "comment": "no"})
        assert response.status_code == 201 and response.json()["status"] == "recorded"
    assert client.get("/v1/sources/example-courier.com").json()["feedback"] == {}
    response = client.post(
        "/v1/feedback", json={"url": ARTICLES[0]["url"], "verdict": "accurate"}, headers=editor
    )
    assert response.status_code == 201
    assert client.get("/v1/sources/example-courier.com").json()["feedback"] == {"accurate": 1}
    _error(
        client.post("/v1/feedback", json={"url": "https://x.example", "verdict": "meh"}),
        422,
        "invalid_request",
    )
    long = {"url": "https://x.example", "verdict": "unsure", "comment": "x" * 2001}
    _error(client.post("/v1/feedback", json=long), 422, "invalid_request")


def test_oversized_bodies_get_413(make_client: Any) -> None:
    client = make_client(max_body_bytes=1000)
    _error(client.post("/v1/score", json={"text": "word " * 500}), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap applies while streaming
        yield b'{"text": "'
        for _ in range(100):
            yield b"word " * 10
        yield b'"}'

    _error(
        client.post("/v1/score", content=chunks(), headers={"Content-Type": "application/json"}),
        413,
        "payload_too_large",
    )
    assert client.post("/v1/score", json={"text": "A short note."}).status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "invalid_json"),
        (b"[1, 2]", 400, "invalid_json"),
        (b'{"text": 42}', 422, "invalid_request"),
        (b'{"text": "ok", "title": ["a"]}', 422, "invalid_request"),
        (b'{"text": "ok", "unknown": 1}', 422, "invalid_request"),
        (b'{"title": "no body"}', 422, "invalid_request"),
        (b'{"text": "bad \\ud800 surrogate"}', 422, "invalid_request"),
    ],
)
def test_malformed_requests_get_json_errors(client: TestClient, body: bytes, status: int, code: str) -> None:
    _error(client.post("/v1/score", content=body, headers={"Content-Type": "application/json"}), status, code)


def test_server_keeps_serving_after_bad_requests(client: TestClient) -> None:
    for body in (b"{", b"null", b'{"text": null}', b"\xff\xfe", b'{"html": 1}'):
        assert (
            400
            <= client.post(
                "/v1/score", content=body, headers={"Content-Type": "application/json"}
            ).status_code
            < 500
        )
    assert client.post("/v1/score", json=_article(0)).status_code == 200


def test_api_key_required_when_configured(make_client: Any) -> None:
    client = make_client(api_keys=("k1", "k2"))
    _error(client.post("/v1/score", json=_article(0)), 401, "unauthorized")
    _error(client.post("/v1/score", json=_article(0), headers={"X-API-Key": "nope"}), 401, "unauthorized")
    assert client.post("/v1/score", json=_article(0), headers={"X-API-Key": "k2"}).status_code == 200
    assert client.get("/health").status_code == 200
    assert (
        client.get("/openapi.json").json()["components"]["securitySchemes"]["ApiKey"]["name"] == "X-API-Key"
    )


def test_rate_limit_per_client(make_client: Any) -> None:
    client = make_client(api_keys=("k1", "k2"), rate_per_second=0.5, rate_burst=3)
    k1, k2 = {"X-API-Key": "k1"}, {"X-API-Key": "k2"}
    statuses = [client.get("/v1/sources/x.example", headers=k1).status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    limited = client.get("/v1/sources/x.example", headers=k1)
    assert int(_error(limited, 429, "rate_limited") and limited.headers["Retry-After"]) >= 1
    assert client.get("/v1/sources/x.example", headers=k2).status_code == 404


def test_cors_preflight_for_extension_origins(make_client: Any) -> None:
    client = make_client(cors_origins=("https://newsroom.example",))
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    }
    for origin in (
        EXT_ORIGIN,
        "moz-extension://0d4b2a3e-1f7c-4e59-9b43-6c2f1d0e8a77",
        "https://newsroom.example",
    ):
        response = client.options("/v1/score", headers={"Origin": origin, **preflight})
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == origin
    denied = client.options("/v1/score", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in denied.headers
    error = client.post(
        "/v1/score", content=b"{", headers={"Origin": EXT_ORIGIN, "Content-Type": "application/json"}
    )
    assert error.headers["access-control-allow-origin"] == EXT_ORIGIN


def test_logs_carry_no_article_text(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    marker = "Zanzibarquux"
    with caplog.at_level(logging.INFO, logger="credibly.api"):
        client.post("/v1/score", json={"text": f"The mayor said {marker} would open on Monday."})
        client.post(
            "/v1/score", content=f'{{"text": {marker}}}', headers={"Content-Type": "application/json"}
        )
    assert caplog.records and marker not in caplog.text


def test_demo_page_and_its_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assets = {
        "/static/demo.js": "javascript",
        "/static/evidence.js": "javascript",
        "/static/demo.css": "text/css",
        "/static/favicon.svg": "image/svg+xml",
    }
    for path, kind in assets.items():
        assert f'"{path}"' in page.text, path
        asset = client.get(path)
        assert asset.status_code == 200 and kind in asset.headers["content-type"], path
    assert 'fetch("/v1/score"' in client.get("/static/demo.js").text
    assert client.get("/static/../app.py").status_code == 404


def test_request_schema_is_generated_from_the_article_input_fields():
    from credibly.scoring.api.schemas import ScoreRequest
    from credibly.scoring.inputs import INPUT_FIELDS

    assert tuple(ScoreRequest.model_fields) == INPUT_FIELDS
    assert ScoreRequest.model_fields["title"].metadata[0].max_length == 2000
