"""Scoring in worker processes that are killed when a request runs past its limit.

Each API worker (uvicorn process) owns a pebble ``ProcessPool``: a job that exceeds the request time
limit, or whose request is cancelled (the time-limit middleware cancels it), has its worker process
terminated and replaced, so an overrunning article stops consuming CPU at once, even inside one C
call. The event loop only waits on futures, so ``/health`` and cache hits keep answering while every
scoring process is busy.

Workers are forked from the forkserver, which preloads the engine and the shipped model: a
replacement is ready in milliseconds instead of loading the model again. Every process dies with
the API process (:mod:`credibly.scoring.orphans`).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pebble import ProcessPool

from credibly.scoring.engine import Scorer, default_scorer
from credibly.scoring.inputs import ArticleInput
from credibly.scoring.orphans import FORKSERVER_PRELOAD, die_with_parent

_WORKER: dict[str, Scorer] = {}


@dataclass(frozen=True, slots=True)
class Scored:
    """What a worker sends back: the result object as compact JSON, its score and its error code."""

    body: str
    score: float | None
    error_code: str | None


def init_worker(scorer_factory: Callable[[], Scorer] | None) -> None:
    """Worker initializer: die with the forkserver (so with the API process), then take the scorer."""
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


class ScoringPool:
    """``workers`` scoring processes; :meth:`run` gives up on a job after ``timeout`` seconds (and the
    process running it is replaced)."""

    def __init__(self, workers: int, timeout: float, scorer_factory: Callable[[], Scorer] | None = None):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
        self.timeout = timeout
        self._pool = ProcessPool(
            max_workers=workers, initializer=init_worker, initargs=(scorer_factory,), context=ctx
        )

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a worker; cancelling the await (a request past its limit) kills that worker.
        Raises ``TimeoutError`` past the pool's own limit."""
        return await asyncio.wrap_future(self._pool.schedule(fn, args=args, timeout=self.timeout))

    def close(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=5)
