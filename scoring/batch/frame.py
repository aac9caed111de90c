"""``score_frame``: score a pandas DataFrame of articles, one output row per input row, in order.

A pure function over frames, so any engine that maps pandas batches (Spark ``mapInPandas``, Dask,
Ray) can scale it out; the scorer loads lazily, once per process.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

from credibly.scoring.batch.limits import score_with_limit
from credibly.scoring.batch.readers import payload_from_fields
from credibly.scoring.batch.rows import FRAME_SCHEMA, result_row
from credibly.scoring.engine import Scorer, default_scorer
from credibly.scoring.inputs import INPUT_FIELDS, InputRecord


def score_frame(
    frame: pd.DataFrame, scorer: Scorer | None = None, timeout: float | None = None
) -> pd.DataFrame:
    """Score columns id/text/html/title/url/published/source (any subset; id defaults to the index label).

    Output columns follow ``FRAME_SCHEMA`` (id, url, score, label, probability, JSON-string signals,
    explanation, evidence, error_code, error_message, title, source, model, warnings, text).
    """
    scorer = scorer or default_scorer()
    records = frame[[c for c in INPUT_FIELDS if c in frame.columns]].to_dict("records")
    rows: list[dict[str, Any]] = []
    for label, row in zip(frame.index, records, strict=True):
        payload = payload_from_fields(row)
        result = score_with_limit(scorer, InputRecord.from_mapping(payload, str(label)), timeout)
        url = payload.get("url")
        rows.append({**result_row(result), "url": url if isinstance(url, str) else result.url})
    return pa.Table.from_pylist(rows, schema=FRAME_SCHEMA).to_pandas()
