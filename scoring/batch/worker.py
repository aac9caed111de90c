"""What a worker process does: load the scorer once (initializer), then score whole chunks.

Each chunk is written by the worker itself as one atomic part file, so only a small
:class:`ChunkDone` travels back to the coordinating process.
"""

from __future__ import annotations

import os
import resource
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credibly.scoring.batch.dedup import Primary
from credibly.scoring.batch.limits import score_with_limit
from credibly.scoring.batch.parts import write_part
from credibly.scoring.batch.readers import BatchRecord
from credibly.scoring.batch.rows import result_row
from credibly.scoring.batch.watchdog import MESSAGES, Heartbeats
from credibly.scoring.engine import WARM_UP, Scorer
from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import InputRecord
from credibly.scoring.orphans import die_with_parent
from credibly.scoring.result import ScoreResult


@dataclass(frozen=True, slots=True)
class Item:
    """One row of a chunk: the record to score, or (``dup`` set) a duplicate that reuses a primary's
    result."""

    seq: int
    record: BatchRecord
    dup: Primary | None = None


@dataclass(slots=True)
class ChunkDone:
    """What the coordinator learns about a finished chunk (for progress and the summary)."""

    index: int
    rows: int
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    pid: int = 0
    max_rss_mb: float = 0.0


_STATE: dict[str, Any] = {}


def init_worker(
    scorer_factory: Callable[[], Scorer], timeout: float | None, beats: Heartbeats | None = None
) -> None:
    """Pool initializer: die with the forkserver (so with the coordinator), load the model, then score
    the engine's warm-up article so the lazily built tables are built here, once per worker process,
    and not inside the first article's time limit."""
    if beats is not None:  # a worker process, forked by the forkserver (not the in-process stand-in)
        from credibly.scoring.forkserver_preload import FORKSERVER_PID

        die_with_parent(FORKSERVER_PID)
    scorer = scorer_factory()
    scorer.score_record(InputRecord("warm-up", WARM_UP))
    if beats is not None:
        beats.claim()
    _STATE.update(scorer=scorer, timeout=timeout, beats=beats)


def _score(item: Item, failed: ErrorCode | None) -> ScoreResult:
    """The item's result; a record the watchdog gave up on (``failed``) is not scored again."""
    record = item.record.item
    if failed is not None:
        return ScoreResult.failed(record.id, failed, MESSAGES[failed])
    beats: Heartbeats | None = _STATE["beats"]
    if beats is None:
        return score_with_limit(_STATE["scorer"], record, _STATE["timeout"])
    beats.begin(item.seq)
    try:
        return score_with_limit(_STATE["scorer"], record, _STATE["timeout"])
    finally:
        beats.end()


def _row(item: Item, failed: ErrorCode | None = None) -> dict[str, Any]:
    rec = item.record
    identity = {"input_file": rec.input_file, "record": rec.record, "_seq": item.seq}
    if item.dup is not None:
        source = rec.item.article.source if rec.item.article else None
        return {
            **identity,
            "url": rec.url,
            "id": rec.item.id,
            "source": source,
            "duplicate_of": item.dup.id,
            "_dup_seq": item.dup.seq,
        }
    result = _score(item, failed)
    return {**identity, "url": rec.url or result.url, **result_row(result)}


def score_chunk(
    index: int, items: list[Item], parts_dir: str, failed: dict[int, ErrorCode] | None = None
) -> ChunkDone:
    """Score one chunk in order and write it as ``part-<index>.parquet``; records in ``failed``
    (``seq -> error code``, from the coordinator's watchdog) become error rows without scoring."""
    start = time.perf_counter()
    failed = failed or {}
    rows = [_row(item, failed.get(item.seq)) for item in items]
    write_part(Path(parts_dir), index, rows)
    errors = Counter(row["error_code"] for row in rows if row.get("error_code"))
    return ChunkDone(index, len(rows), errors, time.perf_counter() - start, os.getpid(), peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: ``VmHWM`` on Linux (``ru_maxrss`` keeps the peak of
    the image a process was started from across ``exec``, e.g. a large parent's), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
