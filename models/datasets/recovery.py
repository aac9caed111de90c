"""ReCOVery (Zhou et al. 2020): COVID-19 news, Jan-May 2020, `recovery/recovery-news-data.csv.gz`.

Labels are the publisher's (NewsGuard score and MBFC factuality of the site), not the article's:
reliability 1 -> 1, 0 -> 0, with `label_kind="source"`. Source is the URL's host (the publisher
names are also given; hosts match the other corpora and the domain ratings). `news_id` restarts per
publisher, so ids are row numbers. Drudge Report's rows link to other outlets' articles (axios.com,
...): its label rates the aggregator, not the linked article's writing, so they are excluded
(`label_raw="aggregator"`).
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.hosts import normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR, clean_text, make_frame, unknown_source

CORPUS = "recovery"
LABELS: dict[str, float] = {"1": 1.0, "0": 0.0}
AGGREGATORS = frozenset({"Drudge Report"})


def load_recovery(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Load every ReCOVery article into the common schema."""
    path = Path(data_dir) / "recovery" / "recovery-news-data.csv.gz"
    csv.field_size_limit(sys.maxsize)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        return make_frame(_record(n, row) for n, row in enumerate(csv.DictReader(fh)))


def _record(n: int, row: dict[str, str]) -> dict[str, Any]:
    text = clean_text(row.get("body_text"))
    host = normalise_host(row.get("url"))
    aggregator = row.get("publisher") in AGGREGATORS
    label_raw = "aggregator" if aggregator else (row.get("reliability") or "").strip()
    return {
        "id": f"rc:{n}",
        "text": text,
        "html": None,
        "title": clean_text(row.get("title")),
        "url": row.get("url") or None,
        "source": host or unknown_source(CORPUS, text),
        "source_known": bool(host),
        "corpus": CORPUS,
        "subset": row.get("publisher") or "",
        "published": row.get("publish_date") or None,
        "label": LABELS.get(label_raw, float("nan")),
        "label_raw": label_raw,
        "label_kind": "source",
    }
