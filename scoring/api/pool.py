"""Scoring in worker processes that are killed when a request runs past its limit.

Each API process (uvicorn worker) owns a few scoring processes, each behind one pipe that the event
loop itself watches (no helper threads: in a profile, a thread-based pool cost about a third of the
API process's CPU). Under load each process holds its next job in its pipe while it runs one, so it
starts the next the moment it replies: handing a job over only once the previous reply had been read
left each process idle between jobs for 1.6–2.0 ms (median; mean 3.3 ms) against 11–13 ms of scoring,
and 0.09 ms this way (only jobs up to ``QUEUE_BYTES`` wait in a pipe; larger ones wait for an idle
process). A job that exceeds the request time limit, or whose request is cancelled (the time-limit
middleware cancels it), has its process killed and replaced if it is running (the job queued behind it
goes to another process), or is dropped if it has not started, so an overrunning article stops
consuming CPU at once, even inside one C call. The event loop only waits on pipes, so ``/health`` and
cache hits keep answering while every scoring process is busy.

Scoring processes are forked from the forkserver, which preloads the engine and the warmed-up model:
a replacement is ready in milliseconds. Every process dies with the API process
(:mod:`credibly.scoring.orphans`).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.reduction import ForkingPickler
from typing import Any

from credibly.scoring.engine import Scorer, default_scorer
from credibly.scoring.inputs import ArticleInput
from credibly.scoring.orphans import FORKSERVER_PRELOAD, die_with_parent

_WORKER: dict[str, Scorer] = {}
QUEUE_BYTES = 64_000  # a job this small may wait in a busy process's pipe (its buffer holds two)


class WorkerDied(RuntimeError):
    """A scoring process ended while it had a job (it was replaced)."""


@dataclass(frozen=True, slots=True)
class Scored:
    """What a worker sends back: the result object as compact JSON, its score and its error code."""

    body: str
    score: float | None
    error_code: str | None


def init_worker(scorer_factory: Callable[[], Scorer] | None) -> None:
    """Die with the forkserver (so with the API process), then take the scorer."""
    from credibly.scoring.forkserver_preload import FORKSERVER_PID

    die_with_parent(FORKSERVER_PID)
    _WORKER["scorer"] = scorer_factory() if scorer_factory is not None else default_scorer()


def score_job(article: ArticleInput, rid: str) -> Scored:
    """Score one article in a worker; the JSON is built here so the API process only forwards bytes."""
    result = _WORKER["scorer"].score(article, rid).to_dict()
    error = result["error"]
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    return Scored(body, result["score"], error["code"] if error else None)


def model_name_job() -> str:
    return _WORKER["scorer"].model.name


def _serve(conn: Connection, scorer_factory: Callable[[], Scorer] | None) -> None:
    """A scoring process: run ``(function, args)`` jobs from the pipe, send ``(ok, value)`` back."""
    init_worker(scorer_factory)
    while True:
        try:
            fn, args = conn.recv()
        except EOFError:  # the API process closed the pipe
            return
        try:
            reply: tuple[bool, Any] = (True, fn(*args))
        except Exception as exc:
            reply = (False, exc)
        conn.send(reply)


class _Worker:
    """One scoring process, the API process's end of its pipe, and its jobs: the running one first,
    then at most one waiting in the pipe."""

    def __init__(self, ctx: BaseContext, scorer_factory: Callable[[], Scorer] | None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, scorer_factory), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()
        self.jobs: deque[_Job] = deque()

    def kill(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)


@dataclass(eq=False)
class _Job:
    """A pickled ``(function, args)`` for a scoring process, the future its reply resolves, and the
    process it was sent to."""

    payload: bytes
    reply: asyncio.Future[tuple[bool, Any]]
    worker: _Worker | None = field(default=None)


class ScoringPool:
    """``workers`` scoring processes; :meth:`run` gives up on a job after ``timeout`` seconds, and the
    process running it is replaced."""

    def __init__(self, workers: int, timeout: float, scorer_factory: Callable[[], Scorer] | None = None):
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
        self._size, self.timeout, self._factory = workers, timeout, scorer_factory
        self._workers: list[_Worker] = []
        self._waiting: deque[_Job] = deque()
        self._tasks: set[asyncio.Task[None]] = set()
        self._started = False

    def _background(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run ``coro`` as a task the pool keeps a reference to until it ends."""
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _start(self, count: int) -> None:
        """Start ``count`` scoring processes (off the event loop: a start waits on the forkserver), each
        taking waiting jobs as soon as it is up."""
        for _ in range(count):
            try:
                worker = await asyncio.to_thread(_Worker, self._ctx, self._factory)
            except Exception as exc:  # no process to run them: the waiting jobs learn why
                while self._waiting:
                    job = self._waiting.popleft()
                    if not job.reply.done():
                        job.reply.set_exception(exc)
                raise
            self._workers.append(worker)
            self._dispatch()

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (its running job overran, gave up or died) and start another in its place; the
        job queued behind that one goes back to the front of the waiting line."""
        self._workers.remove(worker)
        asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        worker.jobs.popleft()
        while worker.jobs:
            job = worker.jobs.pop()
            job.worker = None
            self._waiting.appendleft(job)

        async def replace() -> None:
            await asyncio.to_thread(worker.kill)
            await self._start(1)

        self._background(replace())
        self._dispatch()

    def _dispatch(self) -> None:
        """Send the oldest waiting jobs, one at a time, to the least busy process: an idle one, else one
        running a job whose pipe is empty when the job is small enough to wait there."""
        while self._waiting:
            job = self._waiting[0]
            if job.reply.done():  # its request gave up before it started: dropped unrun
                self._waiting.popleft()
                continue
            worker = min(self._workers, key=lambda w: len(w.jobs), default=None)
            if worker is None or len(worker.jobs) >= 2 or (worker.jobs and len(job.payload) > QUEUE_BYTES):
                return
            self._send(worker, self._waiting.popleft())

    def _send(self, worker: _Worker, job: _Job) -> None:
        fd = worker.conn.fileno()
        os.set_blocking(fd, True)  # the pipe's buffer holds what is sent, so this never waits
        job.worker = worker
        worker.jobs.append(job)
        try:
            worker.conn.send_bytes(job.payload)
        except OSError:
            self._died(worker)
            return
        if len(worker.jobs) == 1:
            asyncio.get_running_loop().add_reader(fd, self._readable, worker)

    def _died(self, worker: _Worker) -> None:
        job = worker.jobs[0]
        if not job.reply.done():
            job.reply.set_exception(WorkerDied("the scoring process ended during a job"))
        self._replace(worker)

    def _readable(self, worker: _Worker) -> None:
        """A reply (or the end of the pipe): resolve the first job's future, then send more work."""
        os.set_blocking(worker.conn.fileno(), True)  # uvloop's readers make the pipe non-blocking
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            self._died(worker)
            return
        job = worker.jobs.popleft()
        if not job.reply.done():
            job.reply.set_result(reply)
        if worker.jobs and worker.jobs[0].reply.done():  # the next one's request gave up: stop it
            self._replace(worker)
            return
        if not worker.jobs:
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        self._dispatch()

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a scoring process. Past ``timeout`` (``TimeoutError``) or when the await is
        cancelled (a request past its limit), the process running it is killed and replaced; a job
        not yet started is dropped."""
        job = _Job(bytes(ForkingPickler.dumps((fn, args))), asyncio.get_running_loop().create_future())
        self._waiting.append(job)
        if not self._started:
            self._started = True
            self._background(self._start(self._size))
        self._dispatch()
        try:
            async with asyncio.timeout(self.timeout):
                ok, value = await job.reply
        except BaseException:
            worker = job.worker
            if worker is None:
                if job in self._waiting:
                    self._waiting.remove(job)
            elif worker.jobs and worker.jobs[0] is job:  # running it: never reuse that process
                self._replace(worker)
            raise  # a job waiting in a pipe is stopped when it comes up (see _readable)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        for worker in self._workers:
            worker.kill()
        self._workers.clear()
