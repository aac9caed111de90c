"""Reading ``credibly score`` inputs: JSONL files, stdin JSONL, ``.txt`` and ``.html`` files.

Every physical input row becomes exactly one :class:`InputRecord`; rows that cannot be read carry
an error instead of a payload, so no row is ever dropped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from scoring.result import ScoreError


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One article to score (``payload``) or one unreadable row (``error``), with its identity."""

    id: str
    payload: dict[str, Any] | None
    error: ScoreError | None = None
    origin: str = ""


def _record_from_line(line: str, origin: str, default_id: str) -> InputRecord:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return InputRecord(default_id, None, ScoreError("invalid_json", f"line is not valid JSON: {exc}"), origin)
    if not isinstance(obj, dict):
        return InputRecord(
            default_id, None, ScoreError("invalid_record", f"expected a JSON object, got {type(obj).__name__}"), origin
        )
    raw_id = obj.get("id")
    rid = default_id if raw_id is None or isinstance(raw_id, (dict, list)) else str(raw_id)
    return InputRecord(rid, obj, None, origin)


def read_jsonl(stream: TextIO, name: str) -> Iterator[InputRecord]:
    """One record per non-blank line; ids default to ``<name>:<line number>``."""
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        yield _record_from_line(line, f"{name}:{lineno}", f"{name}:{lineno}")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def read_file(path: Path) -> Iterator[InputRecord]:
    """Records from one input file, by extension: ``.jsonl``/``.json`` lines, ``.html``/``.htm``, else text."""
    name = path.name
    try:
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            with path.open("r", encoding="utf-8", errors="replace") as fh:
                yield from read_jsonl(fh, name)
            return
        data = _decode(path.read_bytes())
    except OSError as exc:
        yield InputRecord(name, None, ScoreError("unreadable_input", f"cannot read {path}: {exc.strerror}"), str(path))
        return
    key = "html" if path.suffix.lower() in (".html", ".htm") else "text"
    yield InputRecord(name, {"id": name, key: data}, None, str(path))


def read_inputs(inputs: list[str], stdin: TextIO | None = None) -> Iterator[InputRecord]:
    """All records from the CLI's INPUT arguments in order; ``-`` (or no argument) reads stdin JSONL."""
    for item in inputs or ["-"]:
        if item == "-":
            yield from read_jsonl(stdin or sys.stdin, "stdin")
        else:
            yield from read_file(Path(item))
