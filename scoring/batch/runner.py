"""The parallel, resumable batch engine behind ``credibly batch``.

The coordinating process reads inputs in a fixed order, marks duplicates, cuts the stream into
chunks (bounded in records and in bytes, see :func:`plan_chunks`) and hands every chunk whose part
file does not exist yet to a pool of worker processes (forkserver); workers write parts, and the
parts are merged into the output.
A watchdog (:mod:`credibly.scoring.batch.watchdog`) replaces workers that die or stall inside one C call.
"""

from __future__ import annotations

import glob
import multiprocessing as mp
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Self

from credibly.scoring.batch.dedup import Deduplicator
from credibly.scoring.batch.parts import (
    completed_chunks,
    fingerprint,
    merge,
    open_job,
    remove_parts,
    write_manifest,
)
from credibly.scoring.batch.readers import BatchRecord, iter_records
from credibly.scoring.batch.watchdog import Heartbeats, Watchdog
from credibly.scoring.batch.worker import ChunkDone, Item, init_worker, peak_rss_mb, score_chunk
from credibly.scoring.engine import Scorer, default_scorer
from credibly.scoring.inputs import ArticleInput, InputRecord
from credibly.scoring.orphans import FORKSERVER_PRELOAD

# Characters of article content per chunk: with two chunks in flight per worker, this bounds the
# coordinator's memory whatever the page sizes (about 4 x workers x this, counting pickled copies).
DEFAULT_CHUNK_BYTES = 16_000_000


@dataclass(slots=True)
class BatchConfig:
    """One ``credibly batch`` job; ``workers=0`` scores in this process (debugging, tests)."""

    inputs: list[str]
    output: Path
    workers: int = 2
    chunk_size: int = 500
    chunk_bytes: int = DEFAULT_CHUNK_BYTES
    timeout: float | None = 30.0
    fmt: str = "parquet"
    scorer_factory: Callable[[], Scorer] = default_scorer
    progress: bool = False


@dataclass(slots=True)
class _Tally:
    """Live counts of this run for the progress bar and the summary."""

    rows: int = 0
    errors: int = 0
    worker_seconds: float = 0.0
    rss_mb: dict[int, float] = field(default_factory=dict)


def parts_dir_for(output: Path) -> Path:
    return output.with_name(output.name + ".parts")


def _items(records: Iterator[BatchRecord]) -> Iterator[Item]:
    """Number records globally and mark duplicates (duplicates carry no text to the workers)."""
    dedup = Deduplicator()
    for seq, rec in enumerate(records):
        article = rec.item.article
        primary = dedup.check(seq, rec.item.id, rec.url, article)
        if primary is None or article is None:
            yield Item(seq, rec)
        else:
            slim = InputRecord(
                rec.item.id, ArticleInput(text="", source=article.source), None, rec.item.origin
            )
            yield Item(seq, BatchRecord(rec.input_file, rec.record, rec.url, slim), primary)


def _chars(item: Item) -> int:
    """Characters of article content an item carries to its worker (its share of a chunk's bytes)."""
    article = item.record.item.article
    if article is None:
        return 0
    return sum(len(v) for v in (article.text, article.html, article.title) if v)


def plan_chunks(items: Iterator[Item], cfg: BatchConfig) -> tuple[int, Iterator[list[Item]]]:
    """The chunk size for this job and its chunks: at most that many records and ``cfg.chunk_bytes``
    characters of content each (a larger record makes a chunk alone), so the coordinator's memory stays
    bounded whatever the page sizes. A job smaller than one chunk per worker is cut into one chunk per
    worker, so a small job uses every worker. Deterministic for given inputs (resumption relies on it)."""
    workers = max(cfg.workers, 1)
    head: list[Item] = []
    head_chars = 0
    for item in items:
        head.append(item)
        head_chars += _chars(item)
        if len(head) >= workers * cfg.chunk_size or head_chars >= workers * cfg.chunk_bytes:
            size = cfg.chunk_size
            break
    else:  # the whole job is in ``head``
        size = min(cfg.chunk_size, max(1, -(-len(head) // workers)))
    return size, _cut(chain(head, items), size, cfg.chunk_bytes)


def _cut(items: Iterator[Item], size: int, max_chars: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    chars = 0
    for item in items:
        item_chars = _chars(item)
        if chunk and chars + item_chars > max_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += item_chars
        if len(chunk) == size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


class _InProcess(Executor):
    """A synchronous stand-in for the pool when ``workers=0``."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


class _Pool:
    """The worker processes plus their watchdog: sends chunks, rebuilds the pool when a worker dies
    (or is killed for stalling) and sends the unfinished chunks again."""

    def __init__(self, cfg: BatchConfig, parts_dir: Path) -> None:
        self._cfg, self._parts_dir = cfg, str(parts_dir)
        self._watchdog = Watchdog(cfg.timeout if cfg.workers else None)
        self._pending: dict[Future, tuple[int, list[Item]]] = {}
        self._beats: Heartbeats | None = None
        self._executor = self._start()

    def _start(self) -> Executor:
        cfg = self._cfg
        if cfg.workers == 0:
            init_worker(cfg.scorer_factory, cfg.timeout)
            return _InProcess()
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(FORKSERVER_PRELOAD)
        self._beats = Heartbeats(ctx, cfg.workers)
        return ProcessPoolExecutor(
            cfg.workers,
            mp_context=ctx,
            initializer=init_worker,
            initargs=(cfg.scorer_factory, cfg.timeout, self._beats),
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, index: int, chunk: list[Item]) -> None:
        failed = self._watchdog.failed_in([item.seq for item in chunk])
        future = self._executor.submit(score_chunk, index, chunk, self._parts_dir, failed)
        self._pending[future] = (index, chunk)

    def collect(self, at_most: int) -> list[ChunkDone]:
        """Wait until no more than ``at_most`` chunks are in flight; the chunks that finished meanwhile."""
        done: list[ChunkDone] = []
        while len(self._pending) > at_most:
            finished, _ = wait(self._pending, timeout=1.0, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in finished):
                self._restart(done)
                continue
            for future in finished:
                done.append(future.result())
                del self._pending[future]
            if self._beats is not None:
                self._watchdog.check(self._beats)
        return done

    def _restart(self, done: list[ChunkDone]) -> None:
        """Keep what finished before the pool broke, rebuild it and send the rest again."""
        assert self._beats is not None
        self._watchdog.pool_broke(self._beats)
        self._executor.shutdown(wait=True, cancel_futures=True)
        unfinished: list[tuple[int, list[Item]]] = []
        for future, sent in self._pending.items():
            if future.cancelled() or future.exception() is not None:
                unfinished.append(sent)
            else:
                done.append(future.result())
        self._pending = {}
        self._executor = self._start()
        for index, chunk in unfinished:
            self.submit(index, chunk)


def run_batch(cfg: BatchConfig) -> dict[str, Any]:
    """Score every input record into ``cfg.output`` (resuming a killed run); returns the summary."""
    from tqdm import tqdm

    start = time.perf_counter()
    parts_dir = parts_dir_for(cfg.output)
    skipped: Counter = Counter()
    chunk_size, chunks_of_job = plan_chunks(_items(iter_records(cfg.inputs, skipped)), cfg)
    job = fingerprint(cfg.inputs, chunk_size, cfg.chunk_bytes)
    open_job(parts_dir, job)
    for stale in cfg.output.parent.glob(glob.escape(cfg.output.name) + ".tmp-*"):  # a merge killed mid-way
        stale.unlink(missing_ok=True)
    done = completed_chunks(parts_dir)
    total = sum(1 for _ in iter_records(cfg.inputs)) if cfg.progress else None
    bar = tqdm(total=total, unit="art", disable=not cfg.progress, file=sys.stderr, dynamic_ncols=True)
    tally, resumed, chunks = _Tally(), 0, 0
    in_flight = max(1, 2 * cfg.workers)

    def finish(results: list[ChunkDone]) -> None:
        if not results:
            return
        for result in results:
            done.add(result.index)
            tally.rows += result.rows
            tally.errors += sum(result.errors.values())
            tally.worker_seconds += result.seconds
            tally.rss_mb[result.pid] = max(tally.rss_mb.get(result.pid, 0.0), result.max_rss_mb)
            bar.update(result.rows)
            bar.set_postfix(errors=tally.errors, refresh=False)
        write_manifest(parts_dir, job, done)

    with _Pool(cfg, parts_dir) as pool:
        for index, chunk in enumerate(chunks_of_job):
            chunks = index + 1
            if index in done:
                resumed += 1
                bar.update(len(chunk))
                continue
            pool.submit(index, chunk)
            finish(pool.collect(in_flight - 1))
        finish(pool.collect(0))
    bar.close()
    write_manifest(parts_dir, job, done, chunks)
    stats = merge(parts_dir, chunks, cfg.output, cfg.fmt)
    remove_parts(parts_dir)
    seconds = time.perf_counter() - start
    return {
        "output": str(cfg.output),
        "rows": stats.rows,
        "errors": dict(stats.errors.most_common()),
        "duplicates": stats.duplicates,
        "skipped": dict(skipped),
        "chunks": chunks,
        "chunks_resumed": resumed,
        "scored_this_run": tally.rows,
        "seconds": round(seconds, 3),
        "articles_per_second": round(tally.rows / seconds, 1) if seconds else 0.0,
        "worker_seconds": round(tally.worker_seconds, 3),
        "worker_max_rss_mb": {str(pid): round(mb, 1) for pid, mb in sorted(tally.rss_mb.items())},
        "coordinator_max_rss_mb": round(peak_rss_mb(), 1),
        "chunk_size": chunk_size,
    }


def format_summary(summary: dict[str, Any]) -> str:
    """One human paragraph for stderr."""
    errors = ", ".join(f"{code} {n}" for code, n in summary["errors"].items()) or "none"
    skipped = ", ".join(f"{why} {n}" for why, n in summary["skipped"].items())
    lines = [
        f"credibly batch: {summary['rows']} rows -> {summary['output']}",
        f"  errors: {sum(summary['errors'].values())} ({errors}); duplicates: {summary['duplicates']}",
        (
            f"  {summary['scored_this_run']} rows scored this run in {summary['seconds']} s "
            f"({summary['articles_per_second']} articles/s); chunks {summary['chunks']}, "
            f"resumed from a previous run {summary['chunks_resumed']}"
        ),
    ]
    if skipped:
        lines.append(f"  not articles (no row): {skipped}")
    return "\n".join(lines)
