"""Loopback load test of ``credibly serve``: latency of cache misses and hits on ~1,500-word articles,
4xx answers to malformed and oversized requests while the server keeps serving, and throughput under
8 and 16 concurrent clients against in-process scoring of the same ~300-word articles
(:mod:`bench.api_throughput`).

The latency server runs in its own process on 127.0.0.1 (uvicorn, one worker, rate limit off, a fresh
SQLite file); one keep-alive client sends the requests one at a time, bounded in count and time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from credibly.models.runtime.paths import DEFAULT_DATA_DIR
from credibly.scoring.api.config import SETTINGS_ENV, Settings

RESULTS = Path(__file__).resolve().parent / "results"
EXAMPLES = Path(__file__).resolve().parents[1] / "scoring" / "examples" / "examples.jsonl"
WORDS = 1500
TARGETS_MS = {"miss_p50": 30.0, "miss_p99": 100.0, "hit_p50": 5.0}
MAX_BODY = 2_000_000
TARGET_RATIO = 0.70  # API requests/s over in-process articles/s, one API worker per core


def _articles_from(texts: list[str], n: int) -> list[str]:
    """Distinct ~WORDS-word articles made of whole paragraphs taken in order from ``texts``."""
    out, paras, count = [], [], 0
    for text in texts:
        for para in (text or "").split("\n"):
            if not para.strip():
                continue
            paras.append(para.strip())
            count += len(para.split())
            if count >= WORDS:
                out.append("\n\n".join(paras))
                paras, count = [], 0
                if len(out) == n:
                    return out
    return out


def load_articles(data_dir: Path, n: int) -> tuple[list[str], str]:
    """``n`` distinct ~1,500-word articles from BuzzFeed-Webis 2016, else from the bundled examples."""
    if (data_dir / "buzzfeed_webis_2016").is_dir():
        from credibly.models.datasets import load_buzzfeed_webis

        articles = _articles_from(list(load_buzzfeed_webis(data_dir)["text"]), n)
        if len(articles) == n:
            return articles, "BuzzFeed-Webis 2016 paragraphs, ~1,500 words per article"
    examples = [json.loads(line)["text"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    body = _articles_from(examples * (WORDS // 50), 1)[0]
    # Distinct content per request: a numbered closing sentence on the same real text.
    return [f"{body}\n\nThis is edition {i} of the report." for i in range(n)], "bundled examples, repeated"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(db_path: str) -> tuple[subprocess.Popen[bytes], str]:
    settings = Settings(db_path=db_path, rate_per_second=0, max_body_bytes=MAX_BODY, log_level="warning")
    port = _free_port()
    env = {
        **os.environ,
        SETTINGS_ENV: settings.to_env(),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "credibly.scoring.api.app:create_app_from_env",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 120 s")


def _timed(client: httpx.Client, payload: dict[str, str], expect_cache: str) -> float:
    start = time.perf_counter()
    response = client.post("/v1/score", json=payload)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200 or response.headers.get("X-Cache") != expect_cache:
        raise RuntimeError(f"unexpected {response.status_code} / cache {response.headers.get('X-Cache')}")
    return elapsed


def _summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "max_ms": round(ordered[-1], 2),
    }


def _bad_requests(client: httpx.Client) -> list[dict[str, object]]:
    """Malformed, mistyped and oversized requests: each must get a 4xx, and the server must stay up."""
    json_ct = {"Content-Type": "application/json"}
    cases = {
        "invalid_json": (b"{not json", json_ct),
        "not_an_object": (b"[1, 2, 3]", json_ct),
        "wrong_type": (b'{"text": 12}', json_ct),
        "missing_text": (b'{"title": "only a title"}', json_ct),
        "unknown_field": (b'{"text": "x", "evil": true}', json_ct),
        "oversized": (b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}', json_ct),
    }
    out = []
    for name, (body, headers) in cases.items():
        response = client.post("/v1/score", content=body, headers=headers)
        code = response.json().get("error", {}).get("code")
        out.append({"case": name, "status": response.status_code, "code": code})
    return out


def _engine_only(articles: list[str]) -> list[float]:
    """Scoring time of the same articles in this process, without HTTP or store (the floor for a miss),
    warmed up as the server's scoring processes are."""
    from credibly.scoring.engine import Scorer

    scorer = Scorer()
    scorer.warm_up()
    times = []
    for text in articles:
        start = time.perf_counter()
        scorer.score({"text": text})
        times.append((time.perf_counter() - start) * 1000)
    return times


def throughput(data_dir: Path, n: int, rounds: int) -> dict[str, Any]:
    """``credibly serve --score-workers <cores>`` under 8 and 16 clients vs in-process scoring."""
    from bench.api_throughput import run as run_throughput
    from bench.bench_batch import text_records

    records = text_records(data_dir, n) if data_dir.is_dir() else []
    origin = "BuzzFeed-Webis articles trimmed to ~300 words"
    if not records:
        texts, origin = load_articles(data_dir, 50)
        records = [{"text": " ".join(t.split()[:300])} for t in texts]
    articles = [{k: r[k] for k in ("text", "title") if r.get(k)} for r in records]
    report = run_throughput(articles, os.cpu_count() or 1, rounds)
    report["articles"] = origin
    report["words_per_article"] = round(statistics.fmean(len(a["text"].split()) for a in articles))
    report["target_ratio"] = TARGET_RATIO
    report["target_met"] = all(v["ratio_to_in_process"] >= TARGET_RATIO for v in report["api"].values())
    return report


def run(data_dir: Path, n: int, n_throughput: int = 600, rounds: int = 5) -> dict[str, object]:
    """Start the server, measure misses, hits and bad requests, stop the server, then the throughput
    under concurrency; returns the report."""
    articles, origin = load_articles(data_dir, n)
    engine = _engine_only(articles[:50])
    payloads = [{"text": t, "url": f"https://bench.example/news/{i}"} for i, t in enumerate(articles)]
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = _start_server(str(Path(tmp) / "bench.sqlite3"))
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                miss = [_timed(client, p, "miss") for p in payloads]
                hit = [_timed(client, p, "hit") for p in payloads]
                bad = _bad_requests(client)
                still_serving = (
                    client.get("/health").status_code == 200 and _timed(client, payloads[0], "hit") > 0
                )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    report: dict[str, object] = {
        "what": "POST /v1/score over loopback, one keep-alive client, sequential requests, 1 uvicorn worker",
        "articles": origin,
        "words_per_article": round(statistics.fmean(len(t.split()) for t in articles)),
        "miss": _summary(miss),
        "hit": _summary(hit),
        "engine_only": _summary(engine),
        "bad_requests": bad,
        "bad_requests_all_4xx": all(400 <= int(b["status"]) < 500 for b in bad),  # type: ignore[call-overload]
        "served_after_bad_requests": still_serving,
        "targets_ms": TARGETS_MS,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
    }
    m, h = report["miss"], report["hit"]
    report["targets_met"] = (
        m["p50_ms"] <= TARGETS_MS["miss_p50"]
        and m["p99_ms"] <= TARGETS_MS["miss_p99"]  # type: ignore[index]
        and h["p50_ms"] <= TARGETS_MS["hit_p50"]  # type: ignore[index]
    )
    report["throughput"] = throughput(data_dir, n_throughput, rounds)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "api.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", default=str(DEFAULT_DATA_DIR), help="corpus folder (default ../shared/data)"
    )
    parser.add_argument("-n", type=int, default=200, help="distinct articles (= misses = hits); at most 1000")
    parser.add_argument(
        "--throughput-n", type=int, default=600, help="~300-word articles per throughput round"
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="throughput rounds (in-process and API alternate)"
    )
    args = parser.parse_args()
    print(json.dumps(run(Path(args.data), min(args.n, 1000), args.throughput_n, args.rounds), indent=2))


if __name__ == "__main__":
    main()
