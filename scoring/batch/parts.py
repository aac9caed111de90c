"""Resumable output: one atomically written Parquet file per chunk, a manifest, and the final merge.

A part file exists only once its chunk is complete (written to a temporary name, then renamed), so
the set of part files is the truth about what is done; the manifest pins the job's configuration so
a re-run with other inputs or chunk size cannot mix results.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from credibly.scoring.batch.rows import BATCH_SCHEMA, PART_SCHEMA, REUSED_FIELDS, contract_row
from credibly.scoring.errors import UsageError
from credibly.scoring.outputs import make_output_folder

log = logging.getLogger("credibly")
MANIFEST = "manifest.json"
OWNER = "credibly batch"  # the manifest's mark that its folder was created by batch
_OWN_FILE = re.compile(r"(?:manifest\.json|part-\d{6,}\.parquet)(?:\.tmp-\d+)?")


class JobMismatch(UsageError):
    """The parts folder belongs to a job with other inputs or another chunk size."""


class NotOurFolder(UsageError):
    """The parts folder exists with files ``credibly batch`` did not write: it is never used or deleted."""


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


def fingerprint(inputs: list[str], chunk_size: int, chunk_bytes: int) -> dict[str, Any]:
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
    return {"chunk_size": chunk_size, "chunk_bytes": chunk_bytes, "inputs": files}


def _is_ours(name: str) -> bool:
    """A file ``credibly batch`` writes in a parts folder: the manifest, parts, their temporary files."""
    return _OWN_FILE.fullmatch(name) is not None


def _foreign_files(parts_dir: Path) -> list[str]:
    """Names in ``parts_dir`` that are not ours; all of them when it has no manifest of ours (then even
    part-like names are someone else's)."""
    names = sorted(os.listdir(parts_dir))
    try:
        owned = json.loads((parts_dir / MANIFEST).read_text(encoding="utf-8")).get("owner") == OWNER
    except (OSError, ValueError, AttributeError):
        owned = False
    return [n for n in names if not (owned and _is_ours(n))]


def open_job(parts_dir: Path, job: dict[str, Any]) -> None:
    """Create the parts folder and its manifest (the mark that the folder is ours), or check that an
    existing one is ours and belongs to the same job; stale temporary files of a killed run are removed.

    A folder with anything else in it stops the run (:class:`NotOurFolder`): batch deletes its parts
    folder when done, and must never delete what it did not create. An empty folder is taken over."""
    if parts_dir.exists() and not parts_dir.is_dir():
        raise NotOurFolder(f"{parts_dir} exists and is not a folder; move it away or choose another output")
    if parts_dir.is_dir():
        foreign = _foreign_files(parts_dir)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" ..." if len(foreign) > 5 else "")
            raise NotOurFolder(
                f"{parts_dir} already exists and holds files credibly batch did not write ({shown}). "
                "Batch keeps its resumable chunks in this folder and deletes it when done, so it will not "
                "use a folder it did not create: move the folder away or choose another output."
            )
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


def remove_parts(parts_dir: Path) -> None:
    """Delete the parts folder after the merge: only the files batch wrote, then the folder itself
    (left in place, with a warning, if something else appeared in it meanwhile)."""
    for path in parts_dir.iterdir():
        if _is_ours(path.name):
            path.unlink(missing_ok=True)
    try:
        parts_dir.rmdir()
    except OSError:
        log.warning("kept %s: it holds files credibly batch did not write", parts_dir)


def write_manifest(parts_dir: Path, job: dict[str, Any], done: set[int], chunks: int | None = None) -> None:
    """Record the job, its completed chunks and (once known) the number of chunks."""
    body = json.dumps({"owner": OWNER, "job": job, "chunks": chunks, "completed": sorted(done)}, indent=1)
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
    make_output_folder(output)
    _atomic_write(output, lambda tmp: write(tmp, batches))
    return stats
