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
import io
import math
import sys
import zlib
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import pandas as pd

from credibly.scoring.errors import ErrorCode
from credibly.scoring.inputs import INPUT_FIELDS, ArticleInput, InputRecord, read_file, read_jsonl

TEXT_SUFFIXES = (".html", ".htm", ".txt")
# A quoted field spans at most this many lines; an unbalanced quote is an error past it.
_MAX_RECORD_LINES = 2_000
_GZIP_BLOCK = 1 << 16  # compressed bytes read at a time
_END_OF_DATA = "unexpected end of data"  # the csv module's error for input ending inside a quoted field
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


def _unreadable(path: Path, record: int, exc: BaseException, reason: str = "") -> BatchRecord:
    """An ``unreadable_input`` row for record ``record`` of ``path``; ``reason`` says in words what
    ``exc`` (often a library's internal error) means."""
    cause = f"{type(exc).__name__}: {exc}"
    message = f"cannot read {path} at record {record}: " + (f"{reason} ({cause})" if reason else cause)
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
    """A JSONL or CSV file (gzipped or not) as UTF-8 text; a byte-order mark (spreadsheet exports
    write one) is dropped."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="replace", newline="")
    return path.open("r", encoding="utf-8-sig", errors="replace", newline="")


def _jsonl(path: Path) -> Iterator[BatchRecord]:
    with _open_text(path) as fh:
        for item in read_jsonl(fh, path.name):
            number = int(item.origin.rsplit(":", 1)[1])
            yield BatchRecord(str(path), number, item.article.url if item.article else None, item)


def _parse_lines(lines: list[str], first: int) -> tuple[list[tuple[int, list[str]]], int | None, str]:
    """CSV records in ``lines`` (physical lines numbered from ``first``) as ``(line, fields)``, parsed
    strictly; on a quoting error also the line where the failing record starts and the error."""
    reader = csv.reader(io.StringIO("".join(lines)), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = first
    try:
        for fields in reader:
            rows.append((start, fields))
            start = first + reader.line_num
    except csv.Error as exc:
        return rows, start, str(exc)
    return rows, None, ""


def csv_records(lines: Iterator[str]) -> Iterator[tuple[int, list[str] | str]]:
    """``(line number, fields)`` per CSV record, or ``(line number, message)`` for a line whose quoting
    is broken (an unterminated quote would otherwise swallow the records after it into one field).

    Physical lines are gathered until their quote marks balance (a quoted field may span lines), then
    parsed strictly; when that fails, the first gathered line becomes the error and the lines after it
    are read again as records of their own. A record spans at most ``_MAX_RECORD_LINES`` lines."""
    pending: deque[str] = deque()
    buffer: list[str] = []
    first, quotes = 1, 0
    while True:
        line = pending.popleft() if pending else next(lines, None)
        more = line is not None
        if line is not None:
            buffer.append(line)
            quotes += line.count('"')
            more = len(buffer) < _MAX_RECORD_LINES
            if quotes % 2 and more:
                continue
        if not buffer:
            return
        rows, failed_at, error = _parse_lines(buffer, first)
        if error == _END_OF_DATA and more:  # a quoted field goes on in the next lines
            continue
        yield from rows
        if failed_at is None:
            first += len(buffer)
        else:
            yield failed_at, f"quoting error ({error})"
            pending.extendleft(reversed(buffer[failed_at - first + 1 :]))
            first = failed_at + 1
        buffer, quotes = [], 0


def _csv(path: Path) -> Iterator[BatchRecord]:
    """Rows as records numbered from 1 (blank lines skipped); malformed rows become error rows."""
    with _open_text(path) as fh:
        records = (r for r in csv_records(iter(fh)) if r[1] != [])
        header = next(records, None)
        if header is None:
            return
        names = header[1]
        for number, (line, fields) in enumerate(records, start=1):
            problem = None
            if isinstance(names, str):  # the header itself is malformed: no row can be read by column
                problem = f"CSV header (line {header[0]}): {names}; no row can be matched to its columns"
            elif isinstance(fields, str):
                problem = f"CSV line {line}: {fields}; the lines after it are read as rows of their own"
            elif len(fields) != len(names):
                more = "more" if len(fields) > len(names) else "fewer"
                problem = f"CSV row {number} (line {line}) has {more} fields than the header"
            if problem is not None:
                item = InputRecord.failed(
                    f"{path.name}:{number}", ErrorCode.INVALID_RECORD, problem, str(path)
                )
                yield BatchRecord(str(path), number, None, item)
            else:
                yield _from_fields(path, number, dict(zip(names, fields)))


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


def _warc_article(path: Path, number: int, rec: Any, skipped: Counter) -> BatchRecord | None:
    """The article of one WARC record (None when it is not one: counted in ``skipped``); a record with
    fewer bytes than its Content-Length (a cut file) becomes an error row instead of a partial page."""
    if rec.rec_type not in ("response", "resource"):
        skipped[f"warc {rec.rec_type} record"] += 1
        return None
    headers = rec.http_headers or rec.rec_headers
    content_type = headers.get_header("Content-Type") or ""
    status = rec.http_headers.get_statuscode() if rec.http_headers else "200"
    if "html" not in content_type.lower():
        skipped["warc non-HTML response"] += 1
        return None
    if not str(status).startswith("2"):
        skipped[f"warc HTTP {status} response"] += 1
        return None
    body = rec.content_stream().read()
    if rec.raw_stream.limit:  # bytes the record's Content-Length promised but the file does not hold
        missing = EOFError(f"the record is cut short: {rec.raw_stream.limit} of {rec.length} bytes missing")
        return _unreadable(path, number, missing)
    url = rec.rec_headers.get_header("WARC-Target-URI") or None
    article = ArticleInput(html=_decode(body, content_type), url=url)
    return BatchRecord(
        str(path), number, url, InputRecord(f"{path.name}:{number}", article, None, f"{path}:{number}")
    )


def _warc(path: Path, skipped: Counter) -> Iterator[BatchRecord]:
    """Article records of a WARC file; a broken or cut file ends with an error row at the record it
    breaks in (a ``.gz`` is decompressed by Python's gzip, which notices a cut member, unlike warcio)."""
    from warcio.archiveiterator import ArchiveIterator

    number = 1
    with path.open("rb") as raw:
        fh = _GzipReader(raw) if path.name.lower().endswith(".gz") else raw
        found: BatchRecord | None = None
        try:
            for rec in ArchiveIterator(fh, arc2warc=True):
                found = _warc_article(path, number, rec, skipped)
                if found is not None:
                    yield found
                number += 1
        except Exception as exc:
            reason = "" if isinstance(exc, OSError) else "not a valid WARC record (malformed or cut short)"
            yield _unreadable(path, number, exc, reason)
            return
        cut_reported = found is not None and found.item.error is not None
        if isinstance(fh, _GzipReader) and fh.error is not None and not cut_reported:
            yield _unreadable(path, number, fh.error)
        elif number == 1:  # no record at all, not even one that is no article: say so
            skipped["warc file with no records"] += 1


class _GzipReader:
    """Gzip decoding (member after member, as WARC files are written) that remembers a cut file: warcio
    takes any exception from its stream for the end of the archive, so a cut would pass unnoticed,
    and Python's gzip module drops the bytes it decoded in the call that meets the cut."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._member = zlib.decompressobj(wbits=31)
        self._in_member = False  # bytes of the current member were read and it has not ended yet
        self._buffer = bytearray()
        self._done = False
        self.error: EOFError | None = None

    def read(self, size: int = -1) -> bytes:
        while (size < 0 or len(self._buffer) < size) and not self._done:
            data = self._raw.read(_GZIP_BLOCK)
            if not data:
                self._done = True
                if self._in_member:
                    self.error = EOFError("the gzip file is cut: its last member ends early")
            while data:
                if self._member.eof:
                    self._member = zlib.decompressobj(wbits=31)
                self._buffer += self._member.decompress(data)
                self._in_member = not self._member.eof
                data = self._member.unused_data if self._member.eof else b""
        size = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out


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
        yield from _warc(path, skipped)
    else:
        yield from _guarded(path, {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[kind](path))


def iter_records(inputs: list[str], skipped: Counter | None = None) -> Iterator[BatchRecord]:
    """All records of all inputs, in a deterministic order (resume and dedup depend on it)."""
    counter = skipped if skipped is not None else Counter()
    for item in inputs:
        yield from read_path(Path(item), counter)
