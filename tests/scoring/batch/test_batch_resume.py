"""Kill a real ``batch`` run with SIGKILL mid-way, re-run the same command: every record exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_fixtures import article

N = 360


def _command(src: list[Path], out: Path, summary: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "credibly.scoring.cli",
        "batch",
        *map(str, src),
        "-o",
        str(out),
        "--workers",
        "2",
        "--chunk-size",
        "12",
        "--summary",
        str(summary),
    ]


def _start(cmd: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        cmd, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _kill_when(proc: subprocess.Popen, parts: Path, at_least: int, deadline: float = 60.0) -> int:
    """SIGKILL the run's whole process group (coordinator, forkserver, workers) once enough parts exist."""
    start = time.monotonic()
    while time.monotonic() - start < deadline and proc.poll() is None:
        done = len(list(parts.glob("part-*.parquet"))) if parts.is_dir() else 0
        if done >= at_least:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return done
        time.sleep(0.02)
    pytest.fail(f"run ended or stalled before {at_least} parts: {proc.stderr.read().decode()[-2000:]}")


@pytest.mark.slow
def test_sigkill_then_rerun_gives_every_record_exactly_once(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps({"id": f"a{i}", "text": article(i, 200)}) + "\n" for i in range(N // 2)))
    lines = [json.dumps({"id": f"b{i}", "text": article(1000 + i, 200)}) for i in range(N // 2 - 2)]
    lines += ["{broken", json.dumps({"id": "b-dup", "text": article(3, 200)})]
    b.write_text("\n".join(lines) + "\n")
    out, summary_path = tmp_path / "scored.parquet", tmp_path / "summary.json"
    parts = out.with_name(out.name + ".parts")
    cmd = _command([a, b], out, summary_path)

    first = _kill_when(_start(cmd, tmp_path), parts, at_least=3)
    second = _kill_when(_start(cmd, tmp_path), parts, at_least=first + 4)
    assert not out.exists()
    final = _start(cmd, tmp_path)
    assert final.wait(timeout=120) == 0, final.stderr.read().decode()[-2000:]

    rows = pq.read_table(out).to_pylist()
    keys = [(Path(r["input_file"]).name, r["record"]) for r in rows]
    expected = [("a.jsonl", i) for i in range(1, N // 2 + 1)] + [("b.jsonl", i) for i in range(1, N // 2 + 1)]
    assert keys == expected  # the input set, each record exactly once, in input order
    assert len({r["id"] for r in rows}) == N
    summary = json.loads(summary_path.read_text())
    assert summary["chunks_resumed"] >= second and summary["rows"] == N
    assert summary["errors"] == {"invalid_json": 1} and summary["duplicates"] == 1
    assert next(r for r in rows if r["id"] == "b-dup")["duplicate_of"] == "a3"
    assert all(r["score"] is not None for r in rows if r["error_code"] is None)
    assert not parts.exists()
