"""Resumable output: one atomically written Parquet file per chunk, a manifest, and the final merge.

A part file exists only once its chunk is complete (written to a temporary name, then renamed), so
the set of part files is the truth about what is done; the manifest pins the job's configuration so
a re-run with other inputs or chunk size cannot mix results.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from credibly.scoring.batch.rows import BATCH_SCHEMA, PART_SCHEMA, REUSED_FIELDS, contract_row

MANIFEST = "manifest.json"


class JobMismatch(RuntimeError):
    """The parts folder belongs to a job with other inputs or another chunk size."""


def part_path(parts_dir: Path, index: int) -> Path:
    return parts_dir / f"part-{index:06d}.parquet"


def _atomic_write(path: Path, write: Callable[[Path], Any]) -> None:
    """Call ``write(tmp_path)`` then rename over ``path``: readers see the old file or the whole new one."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    write(tmp)
    os.replace(tmp, path)


def write_part(parts_dir: Path, index: int, rows: list[dict[str, Any]]) -> None:
    """Write one chunk's rows as its part file, atomically."""
    table = pa.Table.from_pylist(rows, schema=PART_SCHEMA)
    _atomic_write(part_path(parts_dir, index), lambda tmp: pq.write_table(table, tmp))


def completed_chunks(parts_dir: Path) -> set[int]:
    """Indexes of chunks whose part file exists (complete by construction)."""
    return {int(p.stem.split("-")[1]) for p in parts_dir.glob("part-*.parquet")}


def fingerprint(inputs: list[str], chunk_size: int) -> dict[str, Any]:
    """What must not change between a killed run and its resumption."""
    files = []
    for item in inputs:
        path = Path(item).resolve()
        stat = path.stat() if path.exists() else None
        files.append(
            {
                "path": str(path),
                "size": stat.st_size if stat else None,
                "mtime_ns": stat.st_mtime_ns if stat else None,
            }
        )
    return {"chunk_size": chunk_size, "inputs": files}


def open_job(parts_dir: Path, job: dict[str, Any]) -> None:
    """Create the parts folder and manifest, or check that an existing one belongs to the same job;
    stale temporary files of a killed run are removed."""
    parts_dir.mkdir(parents=True, exist_ok=True)
    for stale in parts_dir.glob("*.tmp-*"):
        stale.unlink(missing_ok=True)
    manifest = parts_dir / MANIFEST
    if manifest.exists():
        previous = json.loads(manifest.read_text(encoding="utf-8"))["job"]
        if previous != job:
            raise JobMismatch(
                f"{parts_dir} holds a job with other inputs or chunk size; delete it to start over"
            )
    else:
        write_manifest(parts_dir, job, set())


def write_manifest(parts_dir: Path, job: dict[str, Any], done: set[int], chunks: int | None = None) -> None:
    """Record the job, its completed chunks and (once known) the number of chunks."""
    body = json.dumps({"job": job, "chunks": chunks, "completed": sorted(done)}, indent=1)
    _atomic_write(parts_dir / MANIFEST, lambda tmp: tmp.write_text(body, encoding="utf-8"))


@dataclass(slots=True)
class MergeStats:
    """Counts over the merged output (all chunks, whichever run wrote them)."""

    rows: int = 0
    errors: Counter = field(default_factory=Counter)
    duplicates: int = 0


def _reused(parts: list[Path]) -> dict[int, dict[str, Any]]:
    """Result fields of every primary that some duplicate points at, by sequence number."""
    wanted: set[int] = set()
    for path in parts:
        wanted.update(
            v for v in pq.read_table(path, columns=["_dup_seq"]).column(0).to_pylist() if v is not None
        )
    found: dict[int, dict[str, Any]] = {}
    for path in parts if wanted else []:
        for row in pq.read_table(path, columns=["_seq", *REUSED_FIELDS]).to_pylist():
            if row["_seq"] in wanted:
                found[row.pop("_seq")] = row
    return found


def _filled(parts: list[Path], stats: MergeStats) -> Iterator[list[dict[str, Any]]]:
    """Rows of each part in order, duplicates filled from their primary, counted into ``stats``."""
    reused = _reused(parts)
    for path in parts:
        rows = pq.read_table(path).to_pylist()
        for row in rows:
            if row["_dup_seq"] is not None:
                row.update(reused[row["_dup_seq"]])
                stats.duplicates += 1
            if row["error_code"]:
                stats.errors[row["error_code"]] += 1
        stats.rows += len(rows)
        yield rows


def _write_parquet(tmp: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    with pq.ParquetWriter(tmp, BATCH_SCHEMA) as writer:
        for rows in batches:
            writer.write_table(pa.Table.from_pylist(rows, schema=BATCH_SCHEMA))


def _write_jsonl(tmp: Path, batches: Iterator[list[dict[str, Any]]]) -> None:
    with tmp.open("w", encoding="utf-8") as fh:
        for rows in batches:
            fh.writelines(json.dumps(contract_row(row), ensure_ascii=False) + "\n" for row in rows)


def merge(parts_dir: Path, chunks: int, output: Path, fmt: str) -> MergeStats:
    """Concatenate parts 0..chunks-1 in order into ``output`` (Parquet or JSONL, atomically)."""
    stats = MergeStats()
    batches = _filled([part_path(parts_dir, i) for i in range(chunks)], stats)
    write = _write_parquet if fmt == "parquet" else _write_jsonl
    output.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(output, lambda tmp: write(tmp, batches))
    return stats
