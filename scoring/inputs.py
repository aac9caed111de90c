"""What an article to score looks like (:class:`ArticleInput`, the one field list every entry point
shares) and reading ``credibly score`` inputs: JSONL files, stdin JSONL, ``.txt`` and ``.html`` files.

Every physical input row becomes exactly one :class:`InputRecord`; rows that cannot be read carry
an error instead of an article, so no row is ever dropped.

Ids: a string ``id`` is used as given and an integer as its decimal form; a missing (or null) id
defaults to ``<file>:<line>`` (the API: a content hash). Any other type (float, boolean, list,
object) makes the row an ``invalid_type`` error under the default id, rather than a guessed id.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO

from credibly.scoring.errors import ErrorCode, ScoreError


def _field(description: str, max_length: int | None = None) -> Any:
    return field(default=None, metadata={"description": description, "max_length": max_length})


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article to score. ``text`` wins over ``html`` when both are given; ``url`` is metadata only
    and is never fetched."""

    text: str | None = _field("plain article text (give this or `html`)")
    html: str | None = _field("raw HTML of the page; the main text is extracted")
    title: str | None = _field("headline", 2000)
    url: str | None = _field("page URL: cache key and publisher, never fetched", 4096)
    published: str | None = _field("publication date, ISO 8601", 200)
    source: str | None = _field("publisher host when there is no URL", 500)
    id: str | None = _field("echoed as the result id", 500)

    @classmethod
    def from_mapping(cls, obj: Mapping[str, Any]) -> ArticleInput:
        """Validate a JSON object or table row; raises :class:`InputError` on a wrong type or no text.
        Unknown keys are ignored."""
        values = {name: obj.get(name) for name in INPUT_FIELDS}
        values["id"] = _id_value(values["id"])
        return cls(**values).checked()

    def checked(self) -> ArticleInput:
        """This article, or :class:`InputError` when a field has the wrong type or there is no text."""
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                message = f"field `{name}` must be a string, got {type(value).__name__}"
                raise InputError(ErrorCode.INVALID_TYPE, message)
            if value is not None and not is_unicode_text(value):
                raise InputError(ErrorCode.INVALID_TYPE, surrogates_message(name))
        if self.text is None and self.html is None:
            raise InputError(ErrorCode.MISSING_TEXT, "record has neither `text` nor `html`")
        return self

    def to_dict(self) -> dict[str, str]:
        """The fields that are set, in declaration order."""
        return {f: v for f in INPUT_FIELDS if (v := getattr(self, f)) is not None}


INPUT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ArticleInput))
_TEXT_FIELDS = tuple(f for f in INPUT_FIELDS if f != "id")


class InputError(ValueError):
    """An input that cannot become an :class:`ArticleInput`; carries the row-level error code."""

    def __init__(self, code: ErrorCode, message: str):
        super().__init__(message)
        self.error = ScoreError(code, message)


def is_unicode_text(value: str) -> bool:
    """False when ``value`` has unpaired surrogates: JSON escapes allow them ("\\ud800"), but they are
    not Unicode text, and UTF-8 output (JSONL, Parquet, SQLite) cannot hold them."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def surrogates_message(name: str) -> str:
    return f"field `{name}` contains unpaired surrogates (not valid Unicode text)"


def _id_value(value: object) -> str | None:
    """The id rule: strings as given, integers in decimal, None absent; anything else is an error."""
    if isinstance(value, str) and not is_unicode_text(value):
        raise InputError(ErrorCode.INVALID_TYPE, surrogates_message("id"))
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(
        ErrorCode.INVALID_TYPE, f"field `id` must be a string or an integer, got {type(value).__name__}"
    )


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One article to score (``article``) or one unreadable row (``error``), with its identity."""

    id: str
    article: ArticleInput | None
    error: ScoreError | None = None
    origin: str = ""

    @classmethod
    def from_mapping(cls, obj: Mapping[str, Any], default_id: str, origin: str = "") -> InputRecord:
        """A record for a JSON object or table row: its article, or the validation error (under its own
        id when that is valid, else the default id)."""
        try:
            rid = _id_value(obj.get("id")) or default_id
        except InputError as exc:
            return cls(default_id, None, exc.error, origin)
        try:
            return cls(rid, ArticleInput.from_mapping(obj), None, origin)
        except InputError as exc:
            return cls(rid, None, exc.error, origin)

    @classmethod
    def failed(cls, id: str, code: ErrorCode, message: str, origin: str = "") -> InputRecord:
        return cls(id, None, ScoreError(code, message), origin)


def _record_from_line(line: str, origin: str) -> InputRecord:
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return InputRecord.failed(origin, ErrorCode.INVALID_JSON, f"line is not valid JSON: {exc}", origin)
    if not isinstance(obj, dict):
        message = f"expected a JSON object, got {type(obj).__name__}"
        return InputRecord.failed(origin, ErrorCode.INVALID_RECORD, message, origin)
    return InputRecord.from_mapping(obj, origin, origin)


def read_jsonl(stream: TextIO, name: str) -> Iterator[InputRecord]:
    """One record per non-blank line; ids default to ``<name>:<line number>``. A byte-order mark
    opening the stream (Windows editors write one) is not part of the first record."""
    for lineno, line in enumerate(stream, start=1):
        if lineno == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        yield _record_from_line(line, f"{name}:{lineno}")


def _decode(data: bytes) -> str:
    """A text file's content: UTF-8 (a byte-order mark dropped), UTF-16 when it opens with its
    byte-order mark, else Windows-1252, the usual encoding of text that is not UTF-8 (curly quotes and
    dashes kept rather than replaced by U+FFFD; its five unassigned bytes are replaced)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_json_document(path: Path) -> list[InputRecord] | None:
    """The records of a ``.json`` file holding one JSON document: an array of articles (one record
    per element, ids defaulting to ``<file>:<index>``, from 1) or a single article object; None when
    the file is not one JSON document (then it is read as JSON lines)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    items = document if isinstance(document, list) else [document]
    records = []
    for number, obj in enumerate(items, start=1):
        origin = f"{path.name}:{number}"
        if isinstance(obj, dict):
            records.append(InputRecord.from_mapping(obj, origin, origin))
        else:
            message = f"expected a JSON object, got {type(obj).__name__}"
            records.append(InputRecord.failed(origin, ErrorCode.INVALID_RECORD, message, origin))
    return records


def read_file(path: Path) -> Iterator[InputRecord]:
    """Records from one input file, by extension: ``.jsonl``/``.ndjson`` lines, ``.json`` as one
    document (an array of articles or one article) or else as lines, ``.html``/``.htm``, else plain
    text."""
    name = path.name
    try:
        if path.suffix.lower() == ".json":
            document = _read_json_document(path)
            if document is not None:
                yield from document
                return
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            with path.open("r", encoding="utf-8", errors="replace") as fh:
                yield from read_jsonl(fh, name)
            return
        data = _decode(path.read_bytes())
    except OSError as exc:
        yield InputRecord.failed(
            name, ErrorCode.UNREADABLE_INPUT, f"cannot read {path}: {exc.strerror}", str(path)
        )
        return
    is_html = path.suffix.lower() in (".html", ".htm")
    article = ArticleInput(html=data, id=name) if is_html else ArticleInput(text=data, id=name)
    yield InputRecord(name, article, None, str(path))


def read_inputs(inputs: list[str], stdin: TextIO | None = None) -> Iterator[InputRecord]:
    """All records from the CLI's INPUT arguments in order; ``-`` (or no argument) reads stdin JSONL."""
    for item in inputs or ["-"]:
        if item == "-":
            yield from read_jsonl(stdin or sys.stdin, "stdin")
        else:
            yield from read_file(Path(item))
