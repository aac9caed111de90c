"""The flat output row of ``credibly batch`` (Parquet schema) and its ``credibly score``-style JSONL form.

Nested result fields (signals, explanation, evidence, warnings) are JSON strings in Parquet so the
schema stays flat and stable across chunks; the JSONL form turns them back into objects.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from scoring.result import ScoreResult

JSON_FIELDS = ("signals", "explanation", "evidence", "warnings")
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
    """The result fields of one scored article as flat, Parquet-ready values."""
    return {
        "id": result.id,
        "score": result.score,
        "label": result.label,
        "probability": result.probability,
        "signals": json.dumps(result.signals, ensure_ascii=False),
        "explanation": json.dumps(result.explanation, ensure_ascii=False),
        "evidence": json.dumps(result.evidence, ensure_ascii=False),
        "error_code": result.error.code if result.error else None,
        "error_message": result.error.message if result.error else None,
        "title": result.title,
        "source": result.source,
        "model": result.model,
        "warnings": json.dumps(result.warnings, ensure_ascii=False) if result.warnings else None,
        "text": result.text,
    }


def contract_row(row: dict[str, Any]) -> dict[str, Any]:
    """A flat batch row as a ``credibly score`` JSON object plus identity and ``duplicate_of``."""
    out: dict[str, Any] = {"input_file": row["input_file"], "record": row["record"], "url": row.get("url")}
    for key in ("id", "score", "label", "probability"):
        out[key] = row.get(key)
    for key in ("signals", "explanation", "evidence"):
        out[key] = json.loads(row[key]) if row.get(key) else ({} if key == "signals" else [])
    code = row.get("error_code")
    out["error"] = {"code": code, "message": row.get("error_message") or ""} if code else None
    for key in ("text", "title", "source", "model"):
        if row.get(key):
            out[key] = row[key]
    if row.get("warnings"):
        out["warnings"] = json.loads(row["warnings"])
    out["duplicate_of"] = row.get("duplicate_of")
    return out
