"""The API's scoring pool: a busy process holds its next job in its pipe, jobs queued behind one that
overruns go to its replacement, a job whose request gave up never keeps running, and large jobs and
replies arrive whole under both event loops."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from fake_scorers import SpinScorer
from support import process_gone

from credibly.scoring.api.pool import QUEUE_BYTES, Scored, ScoringPool, score_job
from credibly.scoring.inputs import ArticleInput

LOOPS = ["asyncio", "uvloop"]


def _run(loop: str, scenario: Callable[[], Awaitable[Any]]) -> Any:
    run = asyncio.run if loop == "asyncio" else pytest.importorskip("uvloop").run
    return run(scenario())


def _job(pool: ScoringPool, text: str, rid: str) -> Awaitable[Scored]:
    return pool.run(score_job, ArticleInput(text=text), rid)


@pytest.mark.parametrize("loop", LOOPS)
def test_a_busy_process_holds_its_next_job_and_every_reply_reaches_its_own_request(loop: str) -> None:
    async def scenario() -> tuple[list[int], list[str]]:
        pool = ScoringPool(1, 30.0, SpinScorer)
        try:
            await _job(pool, "warm", "w")
            jobs = [asyncio.create_task(_job(pool, f"SLEEP 0.3 {'x' * i}", f"r{i}")) for i in range(3)]
            await asyncio.sleep(0.1)  # the first is running
            held = [len(w.jobs) for w in pool._workers] + [len(pool._waiting)]
            bodies = [s.body for s in await asyncio.gather(*jobs)]
            return held, bodies
        finally:
            pool.close()

    held, bodies = _run(loop, scenario)
    assert held == [2, 1]  # one running, one in its pipe, one waiting in the API process
    assert [f'"id":"r{i}"' in body for i, body in enumerate(bodies)] == [True] * 3


@pytest.mark.parametrize("loop", LOOPS)
def test_a_job_queued_behind_one_that_overruns_runs_on_the_replacement(loop: str, tmp_path: Path) -> None:
    async def scenario() -> tuple[BaseException | Scored, ...]:
        pool = ScoringPool(1, 1.0, SpinScorer)
        try:
            await _job(pool, "warm", "w")
            spin = asyncio.create_task(_job(pool, f"SPIN {tmp_path / 'pid'}", "spin"))
            await asyncio.sleep(0.7)  # its own limit ends 0.7 s after the spin's: time for a replacement
            queued = asyncio.create_task(_job(pool, "A short note.", "queued"))  # waits in the pipe
            await asyncio.sleep(0.05)
            assert len(pool._workers[0].jobs) == 2
            return tuple(await asyncio.gather(spin, queued, return_exceptions=True))
        finally:
            pool.close()

    start = time.monotonic()
    spin, queued = _run(loop, scenario)
    assert isinstance(spin, TimeoutError)
    assert isinstance(queued, Scored) and '"id":"queued"' in queued.body
    assert time.monotonic() - start < 5
    assert process_gone(int((tmp_path / "pid").read_text()))


@pytest.mark.parametrize("loop", LOOPS)
def test_a_job_whose_request_gave_up_before_it_started_never_keeps_running(loop: str, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    async def scenario() -> Scored:
        pool = ScoringPool(1, 30.0, SpinScorer)
        try:
            await _job(pool, "warm", "w")
            slow = asyncio.create_task(_job(pool, "SLEEP 0.6", "slow"))
            await asyncio.sleep(0.1)
            with pytest.raises(TimeoutError):  # the client went away while the job sat in the pipe
                await asyncio.wait_for(_job(pool, f"SPIN {pid_file}", "spin"), 0.2)
            await slow
            await asyncio.sleep(0.3)
            return await _job(pool, "A short note.", "after")  # the pool still serves
        finally:
            pool.close()

    after = _run(loop, scenario)
    assert '"id":"after"' in after.body
    # The spin may have started in the moment before its process was replaced; it never outlives it.
    if pid_file.exists():
        assert process_gone(int(pid_file.read_text()), within=5), "a job whose request gave up kept spinning"


@pytest.mark.parametrize("loop", LOOPS)
def test_large_jobs_never_wait_in_a_busy_pipe_and_arrive_whole(loop: str) -> None:
    """uvicorn runs uvloop, whose readers make the pipe non-blocking: large jobs and replies must still
    arrive whole, and a job too large for a pipe's buffer waits for an idle process."""

    async def scenario() -> tuple[list[int], list[int]]:
        pool = ScoringPool(1, 30.0, SpinScorer)
        try:
            await _job(pool, "warm", "w")
            texts = [f"note {i} " + "word " * 60_000 for i in range(3)]  # 300 KB jobs and replies
            jobs = [asyncio.create_task(_job(pool, t, f"r{i}")) for i, t in enumerate(texts)]
            await asyncio.sleep(0)
            held = [len(w.jobs) for w in pool._workers] + [len(pool._waiting)]
            return held, [len(s.body) for s in await asyncio.gather(*jobs)]
        finally:
            pool.close()

    held, sizes = _run(loop, scenario)
    assert QUEUE_BYTES < 300_000 and held == [1, 2]
    assert all(size > 300_000 for size in sizes)


def test_waiting_jobs_learn_why_when_no_scoring_process_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from credibly.scoring.api import pool as pool_module

    def broken(*_: Any) -> None:
        raise OSError("forkserver unavailable")

    monkeypatch.setattr(pool_module, "_Worker", broken)

    async def scenario() -> None:
        await ScoringPool(1, 30.0, SpinScorer).run(score_job, ArticleInput(text="x"), "r")

    with pytest.raises(OSError, match="forkserver unavailable"):
        asyncio.run(scenario())
