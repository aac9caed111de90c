"""A per-article time limit (SIGALRM interval timer) so one pathological page cannot stall a worker."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from credibly.scoring.engine import Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import InputRecord
from credibly.scoring.result import ScoreResult


class ArticleTimeout(BaseException):
    """Raised by the timer; a BaseException so the engine's ``except Exception`` cannot swallow it."""


def _raise_timeout(signum: int, frame: object) -> None:
    raise ArticleTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block after ``seconds`` (no limit off the main thread, or
    when 0)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def score_with_limit(scorer: Scorer, record: InputRecord, seconds: float | None) -> ScoreResult:
    """Score one record; past the limit it becomes a ``timeout`` error row and the caller keeps going.

    Only Python-level work is interrupted: a single C call (one regex, one lxml parse) runs to its end.
    """
    try:
        with time_limit(seconds):
            return scorer.score_record(record)
    except ArticleTimeout:
        return ScoreResult.failed(
            record.id, ErrorCode.TIMEOUT, f"scoring took longer than the {seconds:g} s limit"
        )
