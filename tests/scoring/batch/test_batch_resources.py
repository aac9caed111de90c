"""Bounded batch resources: workers die with a killed coordinator, the coordinator's memory stays bounded
whatever the page sizes, and a small job uses every worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_fixtures import SleepyScorer, article

from credibly.scoring.batch.runner import BatchConfig, run_batch

HERE = Path(__file__).resolve().parent


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _run_script(code: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    return subprocess.Popen(
        [sys.executable, "-c", code], env=env, start_new_session=True, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signals are Linux-only")
def test_workers_die_with_a_killed_coordinator(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": article(i)}) + "\n" for i in range(200)))
    out = tmp_path / "o.parquet"
    proc = _run_script(
        "from batch_fixtures import SleepyScorer\n"
        "from credibly.scoring.batch.runner import BatchConfig, run_batch\n"
        f"run_batch(BatchConfig([{str(src)!r}], __import__('pathlib').Path({str(out)!r}), workers=2,"
        " chunk_size=5, scorer_factory=SleepyScorer))\n"
    )
    deadline = time.monotonic() + 60
    while (
        len(_group(proc.pid)) < 5 and time.monotonic() < deadline
    ):  # coordinator, tracker, forkserver, 2 workers
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.1)
    assert len(_group(proc.pid)) >= 5, "the workers did not start"
    os.kill(proc.pid, signal.SIGKILL)  # the coordinator alone, as an OOM killer or a user would
    proc.wait()
    deadline = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _group(proc.pid)
    for pid in left:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left behind by the killed coordinator: {left}"


@pytest.mark.slow
def test_coordinator_memory_stays_bounded_with_large_pages(tmp_path):
    """60 pages of 4 MB on one worker: chunks of 500 records held them all (about 600 MB here); chunks are
    now cut by bytes as well."""
    src = tmp_path / "pages.jsonl"
    page = "<html><body><article><p>" + "word " * 800_000 + "</p></article></body></html>"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(60):
            fh.write(json.dumps({"id": f"p{i}", "html": f"{page}<!-- {i} -->"}) + "\n")
    summary = tmp_path / "summary.json"
    proc = _run_script(
        "import json\n"
        "from pathlib import Path\n"
        "from batch_fixtures import InstantScorer\n"
        "from credibly.scoring.batch.runner import BatchConfig, run_batch\n"
        f"s = run_batch(BatchConfig([{str(src)!r}], Path({str(tmp_path / 'o.parquet')!r}), workers=1,"
        " scorer_factory=InstantScorer))\n"
        f"Path({str(summary)!r}).write_text(json.dumps(s))\n"
    )
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    result = json.loads(summary.read_text())
    assert result["rows"] == 60 and result["chunks"] > 2
    assert result["coordinator_max_rss_mb"] < 500, result


def test_a_small_job_uses_every_worker(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": article(i)}) + "\n" for i in range(6)))
    cfg = BatchConfig([str(src)], tmp_path / "o.parquet", workers=2, scorer_factory=SleepyScorer)
    summary = run_batch(cfg)
    assert summary["rows"] == 6 and summary["chunks"] == 2 and summary["chunk_size"] == 3
    assert len(summary["worker_max_rss_mb"]) == 2  # both workers scored a chunk
