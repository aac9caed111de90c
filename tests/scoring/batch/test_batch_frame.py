"""``score_frame`` (pure, one row per input row) and its Spark adapter in local mode."""

from __future__ import annotations

import shutil
import sys

import numpy as np
import pandas as pd
import pytest
from batch_fixtures import article, html_page

from credibly.scoring.batch.frame import score_frame
from credibly.scoring.batch.rows import FRAME_SCHEMA


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [article(1), None, np.nan, article(2)],
            "html": [None, html_page("Bridge reopens", article(3)), None, None],
            "url": ["https://a.example.com/1", None, None, "https://b.example.org/2"],
            "published": [pd.Timestamp("2020-01-02"), pd.NaT, None, None],
            "extra": [1, 2, 3, 4],
        },
        index=[10, 11, 12, 13],
    )


def test_score_frame_one_row_per_input_row_in_order():
    out = score_frame(_frame())
    assert list(out.columns) == FRAME_SCHEMA.names
    assert list(out["id"]) == ["10", "11", "12", "13"]  # ids default to the index label
    assert out["error_code"].isna().tolist() == [True, True, False, True]
    assert out.loc[2, "error_code"] == "missing_text" and pd.isna(out.loc[2, "score"])
    assert out.loc[0, "url"] == "https://a.example.com/1"
    assert out.loc[1, "text"]  # extracted from the HTML, the offsets' reference
    assert score_frame(_frame().iloc[:0]).shape == (0, len(FRAME_SCHEMA))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
def test_spark_adapter_in_local_mode(monkeypatch):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark")
    from pyspark.sql import SparkSession

    from credibly.scoring.spark import score_spark

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("credibly-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        frame = pd.DataFrame(
            {
                "id": [f"s{i}" for i in range(6)],
                "text": [article(i) for i in range(5)] + [""],
                "url": [f"https://h{i % 2}.example.com/{i}" for i in range(6)],
            }
        )
        scored = score_spark(spark.createDataFrame(frame).repartition(2)).toPandas()
    finally:
        spark.stop()
    expected = score_frame(frame)
    scored = scored.set_index("id").loc[expected["id"]].reset_index()
    assert len(scored) == len(frame)
    assert scored["score"].tolist()[:5] == expected["score"].tolist()[:5]
    assert (
        scored["error_code"].tolist()[5] == expected["error_code"].tolist()[5] == "missing_text"
    )  # "" = absent
