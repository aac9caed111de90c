"""The hard per-article limit, enforced from outside the worker.

The soft limit (SIGALRM, :mod:`credibly.scoring.batch.limits`) only interrupts Python code: one long C call (a
regex, an lxml parse) holds the interpreter, signal handlers and threads included, until it returns.
So each worker publishes, in shared memory, which article it is scoring and since when; the
coordinating process reads that while it waits for chunks and SIGKILLs a worker stuck past the hard
limit. The pool is then rebuilt and the unfinished chunks are sent again with that article marked
as failed; part files are atomic, so no row is lost or written twice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import Counter
from multiprocessing.context import BaseContext

from credibly.scoring.errors import ErrorCode

_PID, _SEQ, _STARTED = range(3)
_FIELDS = 3
STALLED = ErrorCode.TIMEOUT
CRASHED = ErrorCode.WORKER_CRASHED
MESSAGES = {
    STALLED: "scoring stalled inside one call past the hard time limit; the worker was killed and replaced",
    CRASHED: "the worker process died twice while scoring this record (e.g. out of memory); it was replaced",
}


class WorkersKeepDying(RuntimeError):
    """Worker processes died more often than :attr:`Watchdog.MAX_RESTARTS` allows in one run."""


def hard_limit(timeout: float) -> float:
    """Seconds after which a worker still on one article is killed: well past the soft limit,
    which fires first whenever the time is spent in Python."""
    return 2.0 * timeout + 5.0


class Heartbeats:
    """One shared-memory slot per worker process: ``(pid, seq, started)``, ``started == 0`` when idle.

    Created by the coordinator and handed to each worker through the pool initializer (shared memory
    can only be passed while a process is being created)."""

    def __init__(self, ctx: BaseContext, workers: int) -> None:
        self._cells = ctx.RawArray("d", _FIELDS * workers)
        self._claimed = ctx.Value("i", 0)
        self._slot = -1

    def claim(self) -> None:
        """Take the next free slot (called once in each worker process)."""
        with self._claimed.get_lock():
            self._slot = self._claimed.value
            self._claimed.value += 1
        self._cells[self._slot * _FIELDS + _PID] = os.getpid()

    def begin(self, seq: int) -> None:
        """This worker starts scoring record ``seq``."""
        base = self._slot * _FIELDS
        self._cells[base + _SEQ] = seq
        self._cells[base + _STARTED] = time.monotonic()

    def end(self) -> None:
        self._cells[self._slot * _FIELDS + _STARTED] = 0.0

    def busy(self) -> list[tuple[int, int, float]]:
        """``(pid, seq, seconds on it)`` for every worker in the middle of an article."""
        now, cells, out = time.monotonic(), self._cells, []
        for base in range(0, len(cells), _FIELDS):
            if cells[base + _STARTED]:
                out.append((int(cells[base + _PID]), int(cells[base + _SEQ]), now - cells[base + _STARTED]))
        return out


class Watchdog:
    """Decides which records fail without being scored again: those that stalled a worker past the hard
    limit, and those that were in progress when a worker died twice (a record that kills its worker
    deterministically is caught on the retry; the others in progress at that moment were bystanders)."""

    MAX_RESTARTS = 20

    def __init__(self, timeout: float | None) -> None:
        self.limit = hard_limit(timeout) if timeout else None
        self.failed: dict[int, ErrorCode] = {}
        self.restarts = 0
        self._killed: set[int] = set()
        self._suspects: Counter = Counter()

    def check(self, beats: Heartbeats) -> None:
        """SIGKILL every worker that has been on one article longer than the hard limit."""
        if self.limit is None:
            return
        for pid, seq, seconds in beats.busy():
            if seconds > self.limit and seq not in self.failed:
                self.failed[seq] = STALLED
                self._killed.add(seq)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def pool_broke(self, beats: Heartbeats) -> None:
        """Account for a broken pool before it is rebuilt; raises after too many restarts."""
        self.restarts += 1
        if self.restarts > self.MAX_RESTARTS:
            raise WorkersKeepDying(f"worker processes died {self.restarts} times in this run")
        in_progress = {seq for _, seq, _ in beats.busy()}
        if in_progress & self._killed:
            self._killed -= in_progress
            return
        for seq in in_progress:
            self._suspects[seq] += 1
            if self._suspects[seq] >= 2:
                self.failed.setdefault(seq, CRASHED)

    def failed_in(self, seqs: list[int]) -> dict[int, ErrorCode]:
        """The failed records among ``seqs`` (what a chunk's worker must not score)."""
        return {s: self.failed[s] for s in seqs if s in self.failed}
