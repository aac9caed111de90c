"""Batch inputs: JSONL (also ``.gz``), CSV, Parquet, WARC (``.warc``/``.warc.gz``) and folders.

Every article-bearing input record becomes one :class:`BatchRecord` with its identity (file, record
number, URL); unreadable rows and files become error records, never silent gaps. WARC records that
are not articles (requests, metadata, non-HTML or non-2xx responses) and folder files of unknown
type are not rows: they are counted in ``skipped``.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import math
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import INPUT_FIELDS, ArticleInput, InputRecord, read_file, read_jsonl

TEXT_SUFFIXES = (".html", ".htm", ".txt")
_EXTRA = "\0extra"  # DictReader key for surplus fields of a malformed row
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """One input record and where it came from: file, 1-based record number (line/row/WARC record), URL."""

    input_file: str
    record: int
    url: str | None
    item: InputRecord


def _kind(path: Path) -> str:
    """Input format from the file name (``.gz`` looked through)."""
    name = path.name.lower().removesuffix(".gz")
    for kind, suffixes in (
        ("jsonl", (".jsonl", ".ndjson", ".json")),
        ("csv", (".csv",)),
        ("parquet", (".parquet",)),
        ("warc", (".warc", ".arc")),
        ("file", TEXT_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return "other"


def _unreadable(path: Path, record: int, exc: BaseException) -> BatchRecord:
    message = f"cannot read {path} at record {record}: {type(exc).__name__}: {exc}"
    item = InputRecord.failed(f"{path.name}:{record}", ErrorCode.UNREADABLE_INPUT, message, str(path))
    return BatchRecord(str(path), record, None, item)


def _missing(value: Any) -> bool:
    """None, NA, NaT, NaN or an empty string: an absent field."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value


def payload_from_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The article fields of a table row: empty cells and NaN absent, dates as ISO text."""
    payload = {}
    for key in INPUT_FIELDS:
        value = row.get(key)
        if _missing(value):
            continue
        payload[key] = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
    return payload


def _from_fields(path: Path, number: int, row: dict[str, Any]) -> BatchRecord:
    """A record from a CSV/Parquet row; id defaults to ``<file name>:<row>``."""
    payload = payload_from_fields(row)
    item = InputRecord.from_mapping(payload, f"{path.name}:{number}", f"{path}:{number}")
    url = payload.get("url") if isinstance(payload.get("url"), str) else None
    return BatchRecord(str(path), number, url, item)


def _open_text(path: Path) -> TextIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")
    return path.open("r", encoding="utf-8", errors="replace", newline="")


def _jsonl(path: Path) -> Iterator[BatchRecord]:
    with _open_text(path) as fh:
        for item in read_jsonl(fh, path.name):
            number = int(item.origin.rsplit(":", 1)[1])
            yield BatchRecord(str(path), number, item.article.url if item.article else None, item)


def _csv(path: Path) -> Iterator[BatchRecord]:
    with _open_text(path) as fh:
        reader = csv.DictReader(fh, restkey=_EXTRA)
        for number, row in enumerate(reader, start=1):
            if _EXTRA in row or None in row.values():
                message = (
                    f"CSV row {number} has {'more' if _EXTRA in row else 'fewer'} fields than the header"
                )
                item = InputRecord.failed(
                    f"{path.name}:{number}", ErrorCode.INVALID_RECORD, message, str(path)
                )
                yield BatchRecord(str(path), number, None, item)
            else:
                yield _from_fields(path, number, row)


def _parquet(path: Path) -> Iterator[BatchRecord]:
    import pyarrow.parquet as pq

    number = 0
    parquet = pq.ParquetFile(path)
    columns = [name for name in parquet.schema_arrow.names if name in INPUT_FIELDS]
    for batch in parquet.iter_batches(batch_size=1024, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _from_fields(path, number, row)


def _decode(body: bytes, content_type: str) -> str:
    charset = "utf-8"
    for part in content_type.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ")
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _warc(path: Path, skipped: Counter) -> Iterator[BatchRecord]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        for number, rec in enumerate(ArchiveIterator(fh, arc2warc=True), start=1):
            if rec.rec_type not in ("response", "resource"):
                skipped[f"warc {rec.rec_type} record"] += 1
                continue
            headers = rec.http_headers or rec.rec_headers
            content_type = headers.get_header("Content-Type") or ""
            status = rec.http_headers.get_statuscode() if rec.http_headers else "200"
            if "html" not in content_type.lower():
                skipped["warc non-HTML response"] += 1
                continue
            if not str(status).startswith("2"):
                skipped[f"warc HTTP {status} response"] += 1
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or None
            article = ArticleInput(html=_decode(rec.content_stream().read(), content_type), url=url)
            item = InputRecord(f"{path.name}:{number}", article, None, f"{path}:{number}")
            yield BatchRecord(str(path), number, url, item)


def _single(path: Path) -> Iterator[BatchRecord]:
    for item in read_file(path):
        yield BatchRecord(str(path), 1, None, item)


def _guarded(path: Path, records: Iterator[BatchRecord]) -> Iterator[BatchRecord]:
    """Pass records through; a file that breaks mid-way (truncated gzip, corrupt WARC) ends with an
    error row."""
    last = 0
    try:
        for rec in records:
            last = rec.record
            yield rec
    except Exception as exc:
        yield _unreadable(path, last + 1, exc)


def read_path(path: Path, skipped: Counter) -> Iterator[BatchRecord]:
    """Records of one input path: a file by its format, or every known file under a folder (sorted)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if _kind(child) == "other":
                skipped["folder file of unknown type"] += 1
            else:
                yield from read_path(child, skipped)
        return
    kind = _kind(path)
    if kind in ("file", "other") or not path.exists():
        yield from _single(path)
    elif kind == "warc":
        yield from _guarded(path, _warc(path, skipped))
    else:
        yield from _guarded(path, {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[kind](path))


def iter_records(inputs: list[str], skipped: Counter | None = None) -> Iterator[BatchRecord]:
    """All records of all inputs, in a deterministic order (resume and dedup depend on it)."""
    counter = skipped if skipped is not None else Counter()
    for item in inputs:
        yield from read_path(Path(item), counter)
