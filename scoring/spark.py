"""Spark adapter (optional extra ``[spark]``): score a Spark DataFrame of articles with ``mapInPandas``.

Each executor's Python worker imports credibly and loads the model once, lazily, on its first batch
(``credibly.scoring.engine.default_scorer``); the rows of each Arrow batch go through ``score_frame``.
Run as a job: ``spark-submit scoring/spark.py INPUT OUTPUT`` (Parquet, or JSON lines for
``.json``/``.jsonl`` inputs).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from credibly.scoring.batch.frame import score_frame
from credibly.scoring.batch.rows import FRAME_SCHEMA
from credibly.scoring.inputs import INPUT_FIELDS

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

_SPARK_TYPES = {pa.string(): "string", pa.float64(): "double", pa.int64(): "bigint"}


def spark_schema() -> str:
    """The output schema of :func:`score_frame` as a Spark DDL string."""
    return ", ".join(f"`{f.name}` {_SPARK_TYPES[f.type]}" for f in FRAME_SCHEMA)


def _score_batches(batches: Iterator[pd.DataFrame], timeout: float | None) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield score_frame(batch, timeout=timeout)


def score_spark(frame: DataFrame, timeout: float | None = 30.0) -> DataFrame:
    """One scored row per input row (columns of ``FRAME_SCHEMA``); input needs ``text`` or ``html``."""
    columns = [c for c in INPUT_FIELDS if c in frame.columns]
    return frame.select(*columns).mapInPandas(partial(_score_batches, timeout=timeout), schema=spark_schema())


def main(argv: list[str] | None = None) -> int:
    """``spark-submit scoring/spark.py INPUT OUTPUT [--timeout S]``: read, score, write Parquet."""
    from pyspark.sql import SparkSession

    parser = argparse.ArgumentParser(prog="credibly-spark", description=__doc__.splitlines()[0])
    parser.add_argument("input", help="Parquet folder/file, or JSON lines (.json/.jsonl)")
    parser.add_argument("output", help="output Parquet folder")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per article, 0 = no limit")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("credibly-score").getOrCreate()
    reader = spark.read.json if args.input.endswith((".json", ".jsonl")) else spark.read.parquet
    score_spark(reader(args.input), timeout=args.timeout or None).write.mode("overwrite").parquet(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
