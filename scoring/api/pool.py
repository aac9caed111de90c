"""Scoring in worker processes that are killed when a request runs past its limit.

Each API process (uvicorn worker) owns a few scoring processes, each behind one pipe that the event
loop itself watches (no helper threads: in a profile, a thread-based pool cost about a third of the
API process's CPU). A job that exceeds the request time limit, or whose request is cancelled (the
time-limit middleware cancels it), has its process killed and replaced, so an overrunning article
stops consuming CPU at once, even inside one C call. The event loop only waits on pipes, so
``/health`` and cache hits keep answering while every scoring process is busy.

Scoring processes are forked from the forkserver, which preloads the engine and the warmed-up model:
a replacement is ready in milliseconds. Every process dies with the API process
(:mod:`credibly.scoring.orphans`).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any

from credibly.scoring.engine import Scorer, default_scorer
from credibly.scoring.inputs import ArticleInput
from credibly.scoring.orphans import FORKSERVER_PRELOAD, die_with_parent

_WORKER: dict[str, Scorer] = {}


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
    """One scoring process and the API process's end of its pipe."""

    def __init__(self, ctx: BaseContext, scorer_factory: Callable[[], Scorer] | None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, scorer_factory), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(timeout=5)


class ScoringPool:
    """``workers`` scoring processes; :meth:`run` gives up on a job after ``timeout`` seconds, and the
    process running it is replaced."""

    def __init__(self, workers: int, timeout: float, scorer_factory: Callable[[], Scorer] | None = None):
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
        self._size, self.timeout, self._factory = workers, timeout, scorer_factory
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._replacing: set[asyncio.Task[None]] = set()

    async def _spawn(self) -> _Worker:
        """A new scoring process (started off the event loop: a start waits on the forkserver)."""
        worker = await asyncio.to_thread(_Worker, self._ctx, self._factory)
        self._workers.add(worker)
        return worker

    async def _replace(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        await asyncio.to_thread(worker.kill)
        assert self._idle is not None
        self._idle.put_nowait(await self._spawn())

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a scoring process. Past ``timeout`` (``TimeoutError``) or when the await is
        cancelled (a request past its limit), the process is killed and replaced."""
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self._size):
                self._idle.put_nowait(await self._spawn())
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        reply: asyncio.Future[tuple[bool, Any]] = loop.create_future()
        fd = worker.conn.fileno()

        def readable() -> None:
            loop.remove_reader(fd)
            if reply.done():
                return
            os.set_blocking(fd, True)  # uvloop's add_reader makes the pipe non-blocking; read whole messages
            try:
                reply.set_result(worker.conn.recv())
            except (EOFError, OSError):
                reply.set_exception(WorkerDied("the scoring process ended during a job"))

        healthy = False
        try:
            os.set_blocking(fd, True)
            worker.conn.send((fn, args))  # the process is idle, so it reads the job at once
            loop.add_reader(fd, readable)
            async with asyncio.timeout(self.timeout):
                ok, value = await reply
            healthy = True
        finally:
            loop.remove_reader(fd)
            if healthy:
                self._idle.put_nowait(worker)
            else:  # overran, cancelled or died: never reuse it
                task = asyncio.create_task(self._replace(worker))
                self._replacing.add(task)
                task.add_done_callback(self._replacing.discard)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        for worker in self._workers:
            worker.kill()
        self._workers.clear()
