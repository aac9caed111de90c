"""The flat output row of ``credibly batch`` (Parquet schema) and its ``credibly score``-style JSONL form.

Nested result fields (signals, explanation, evidence, warnings) are JSON strings in Parquet so the
schema stays flat and stable across chunks; the JSONL form turns them back into objects.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from credibly.scoring.result import ALWAYS, WHEN_SET, ScoreResult, contract

# Nested contract fields, stored as JSON strings so the Parquet schema stays flat.
NESTED = ("signals", "explanation", "evidence", "warnings")
RESULT_FIELDS: list[tuple[str, pa.DataType]] = [
    ("id", pa.string()),
    ("score", pa.float64()),
    ("label", pa.string()),
    ("probability", pa.float64()),
    ("signals", pa.string()),
    ("explanation", pa.string()),
    ("evidence", pa.string()),
    ("error_code", pa.string()),
    ("error_message", pa.string()),
    ("title", pa.string()),
    ("source", pa.string()),
    ("model", pa.string()),
    ("warnings", pa.string()),
    ("text", pa.string()),
]
IDENTITY_FIELDS: list[tuple[str, pa.DataType]] = [
    ("input_file", pa.string()),
    ("record", pa.int64()),
    ("url", pa.string()),
]
BATCH_SCHEMA = pa.schema([*IDENTITY_FIELDS, *RESULT_FIELDS, ("duplicate_of", pa.string())])
# Chunk files also carry the global sequence number and, for duplicates, the primary's.
PART_SCHEMA = pa.schema([*BATCH_SCHEMA, pa.field("_seq", pa.int64()), pa.field("_dup_seq", pa.int64())])
FRAME_SCHEMA = pa.schema([RESULT_FIELDS[0], ("url", pa.string()), *RESULT_FIELDS[1:]])
# Filled from the primary row when a duplicate reuses its result (identity and source stay its own).
REUSED_FIELDS = tuple(name for name, _ in RESULT_FIELDS if name not in ("id", "source"))


def result_row(result: ScoreResult) -> dict[str, Any]:
    """The result fields of one scored article as flat, Parquet-ready values (nested ones as JSON)."""
    obj = result.to_dict()
    error = obj["error"] or {}
    row = {name: obj.get(name) for name, _ in RESULT_FIELDS}
    for key in NESTED:
        row[key] = json.dumps(obj[key], ensure_ascii=False) if key in obj else None
    row["error_code"], row["error_message"] = error.get("code"), error.get("message")
    return row


def contract_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat batch row as identity (file, record) + the ``credibly score`` object + ``duplicate_of``."""
    values = {name: row.get(name) for name in (*ALWAYS, *WHEN_SET)}
    for key in NESTED:
        values[key] = json.loads(row[key]) if row.get(key) else ({} if key == "signals" else [])
    code = row.get("error_code")
    values["error"] = {"code": code, "message": row.get("error_message") or ""} if code else None
    return {
        "input_file": row["input_file"],
        "record": row["record"],
        **contract(values),
        "duplicate_of": row.get("duplicate_of"),
    }
