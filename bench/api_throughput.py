"""API throughput against in-process scoring, measured in one run on the same ~300-word articles.

In-process: the articles scored by ``workers`` processes (one per core) with no HTTP, store or IPC,
as fast as they go. API: ``credibly serve --workers 1 --score-workers <workers>`` on loopback (one API
process feeding a scoring process per core; rate limit off, fresh store), loaded by 8 and 16
concurrent keep-alive clients, every request a cache miss. One API process rather than one per core:
the kernel spreads connections over API processes unevenly, and each owns its own scoring processes
(with one API process per core and one scoring process each, one scoring process queued most
requests while a core idled: 0.47 of in-process; with two of each, four scoring processes shared two
cores: 0.73 / 0.70 against 0.76 / 0.79 for one API process in the same run). The two alternate over
rounds (a shared machine's speed drifts); medians are reported, with p50/p99 latency.
CPU time is measured on both sides too (the server's whole process tree, its API process alone, the
client, the scoring processes), so the cost ratio is known even when other load takes cores away from
the wall-clock one.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_SCORER: dict[str, Any] = {}


def _init() -> None:
    from credibly.scoring.engine import default_scorer

    _SCORER["s"] = default_scorer()
    _SCORER["s"].warm_up()


def _score(article: dict[str, str]) -> float:
    """CPU seconds this worker spent scoring ``article``."""
    start = time.process_time()
    _SCORER["s"].score(article)
    return time.process_time() - start


def in_process_rate(articles: list[dict[str, str]], workers: int) -> tuple[float, float]:
    """Articles per second scored by ``workers`` processes (model loaded and warm before timing), and
    CPU seconds per article."""
    with mp.get_context("forkserver").Pool(workers, initializer=_init) as pool:
        pool.map(_score, articles[: workers * 4])  # every worker warm
        start = time.perf_counter()
        cpu = pool.map(_score, articles, chunksize=8)
        return len(articles) / (time.perf_counter() - start), sum(cpu) / len(articles)


def _session_cpu(sid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far by the live processes of session ``sid`` (the server),
    and by its leader alone (the API process)."""
    total = leader = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:
            total += int(fields[11]) + int(fields[12])
            if int(stat.parent.name) == sid:
                leader = int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK"), leader / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, db: str) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "credibly.scoring.cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        "1",
        "--score-workers",
        str(workers),
    ]
    cmd += ["--rate", "0", "--db", db, "--log-level", "warning", "--max-connections", "1000"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(12).startswith(b"HTTP/1.1 200"):
                    return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 120 s")


async def _client(port: int, queue: asyncio.Queue[bytes], latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while not queue.empty():
            body = queue.get_nowait()
            head = (
                b"POST /v1/score HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)
            )
            start = time.perf_counter()
            writer.write(head + body)
            headers = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line.split(b":", 1)[1])
                for line in headers.split(b"\r\n")
                if line.lower().startswith(b"content-length")
            )
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not headers.startswith(b"HTTP/1.1 200") or b"x-cache: miss" not in headers.lower():
                errors.append(headers.split(b"\r\n", 1)[0].decode())
    finally:
        writer.close()


def load(port: int, bodies: list[bytes], concurrency: int, server: int | None = None) -> dict[str, Any]:
    """Send every body once, ``concurrency`` keep-alive connections at a time; requests/s, latency, and
    CPU seconds per request of the server (session ``server``) and of this client."""

    async def run() -> tuple[float, list[float], list[str]]:
        queue: asyncio.Queue[bytes] = asyncio.Queue()
        for body in bodies:
            queue.put_nowait(body)
        latencies: list[float] = []
        errors: list[str] = []
        start = time.perf_counter()
        await asyncio.gather(*(_client(port, queue, latencies, errors) for _ in range(concurrency)))
        return time.perf_counter() - start, latencies, errors

    before, client_cpu = _session_cpu(server) if server else (0.0, 0.0), time.process_time()
    seconds, latencies, errors = asyncio.run(run())
    after = _session_cpu(server) if server else (0.0, 0.0)
    client_cpu = time.process_time() - client_cpu
    ordered = sorted(latencies)
    return {
        "server_cpu_ms_per_request": round(1000 * (after[0] - before[0]) / len(latencies), 2),
        "api_process_cpu_ms_per_request": round(1000 * (after[1] - before[1]) / len(latencies), 2),
        "client_cpu_ms_per_request": round(1000 * client_cpu / len(latencies), 2),
        "concurrency": concurrency,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1),
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1),
        "errors": errors[:5],
        "error_count": len(errors),
    }


def _bodies(articles: list[dict[str, str]], tag: str) -> list[bytes]:
    """Request bodies that all miss the cache: a distinct URL and closing line per request."""
    return [
        json.dumps(
            {**a, "text": f"{a['text']}\n\nFiled {tag}-{i}.", "url": f"https://bench.example/{tag}/{i}"}
        ).encode()
        for i, a in enumerate(articles)
    ]


def run(
    articles: list[dict[str, str]], workers: int, rounds: int, levels: tuple[int, ...] = (8, 16)
) -> dict[str, Any]:
    """Alternate in-process and API measurements over ``rounds``; medians and the ratio per level."""
    single, parallel, cpu = [], [], []
    api: dict[int, list[dict[str, Any]]] = {c: [] for c in levels}
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = start_server(workers, str(Path(tmp) / "bench.sqlite3"))
        try:
            load(port, _bodies(articles[: workers * 8], "warm"), workers * 2)
            for r in range(rounds):
                rate, per_article = in_process_rate(articles, workers)
                parallel.append(rate)
                cpu.append(per_article)
                for c in levels:
                    api[c].append(load(port, _bodies(articles, f"r{r}c{c}"), c, proc.pid))
                single.append(in_process_rate(articles, 1)[0])
        finally:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=30)
    in_process = statistics.median(parallel)
    out: dict[str, Any] = {
        "workers": workers,
        "articles_per_round": len(articles),
        "rounds": rounds,
        "in_process_articles_per_second": {
            f"{workers}_processes": round(in_process, 1),
            "1_process": round(statistics.median(single), 1),
            "per_round": [round(x, 1) for x in parallel],
        },
        "in_process_cpu_ms_per_article": round(1000 * statistics.median(cpu), 2),
        "api": {},
    }
    for c, runs in api.items():
        rps = statistics.median(x["requests_per_second"] for x in runs)
        out["api"][str(c)] = {
            "requests_per_second": rps,
            "ratio_to_in_process": round(rps / in_process, 3),
            "p50_ms": statistics.median(x["p50_ms"] for x in runs),
            "p99_ms": statistics.median(x["p99_ms"] for x in runs),
            "per_round_rps": [x["requests_per_second"] for x in runs],
            "errors": sum(x["error_count"] for x in runs),
            "server_cpu_ms_per_request": statistics.median(x["server_cpu_ms_per_request"] for x in runs),
            "api_process_cpu_ms_per_request": statistics.median(
                x["api_process_cpu_ms_per_request"] for x in runs
            ),
            "client_cpu_ms_per_request": statistics.median(x["client_cpu_ms_per_request"] for x in runs),
        }
        # Independent of other load on the machine: in-process CPU per article over all the CPU one
        # request costs (server and client), i.e. the ratio the API reaches with every core to itself.
        used = (
            out["api"][str(c)]["server_cpu_ms_per_request"] + out["api"][str(c)]["client_cpu_ms_per_request"]
        )
        out["api"][str(c)]["cpu_ratio"] = round(out["in_process_cpu_ms_per_article"] / used, 3)
    return out
