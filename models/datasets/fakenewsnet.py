"""FakeNewsNet v1 (Shu et al. 2018): `<Subset>/<Fake|Real>NewsContent/<Subset>_<Fake|Real>_<n>-Webpage.json`.

Labels are article-level fact-checks: real -> 1, fake -> 0. Source is the JSON `source` site; publisher
shorteners (politi.co, cnn.it, abcn.ws) are aliased to the publisher, generic shorteners (goo.gl, fb.me)
fall back to the canonical link's host. The 39 items stored with only `text` and `title` get an
`unknown:` group per distinct text (`source_known=False`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.hosts import is_generic_shortener, normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR, clean_text, make_frame, unknown_source

CORPUS = "fakenewsnet"
LABELS: dict[str, float] = {"real": 1.0, "fake": 0.0}


def load_fakenewsnet(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Load every FakeNewsNet v1 news-content JSON file into the common schema."""
    root = Path(data_dir) / "fakenewsnet_v1"
    files = sorted(root.glob("*/*NewsContent/*-Webpage.json"))
    if not files:
        raise FileNotFoundError(f"no FakeNewsNet JSON files under {root}")
    return make_frame(_record(path) for path in files)


def _record(path: Path) -> dict[str, Any]:
    """One article record from one JSON file; subset and label come from the folder names."""
    item = json.loads(path.read_text(encoding="utf-8"))
    subset = path.parent.parent.name
    label_raw = "fake" if path.parent.name.startswith("Fake") else "real"
    text = clean_text(item.get("text"))
    source = _source_host(item)
    return {
        "id": f"fnn:{path.name.removesuffix('-Webpage.json')}",
        "text": text,
        "html": None,
        "title": clean_text(item.get("title")),
        "url": item.get("url") or None,
        "source": source or unknown_source(CORPUS, text),
        "source_known": bool(source),
        "corpus": CORPUS,
        "subset": subset,
        "published": _published(item.get("publish_date")),
        "label": LABELS[label_raw],
        "label_raw": label_raw,
        "label_kind": "article",
    }


def _source_host(item: dict[str, Any]) -> str:
    """Publisher host: `source`, unless it is a generic shortener; then the canonical link or url."""
    for field in ("source", "canonical_link", "url"):
        value = item.get(field)
        if value and not is_generic_shortener(value):
            return normalise_host(value)
    return ""


def _published(value: Any) -> str | None:
    """ISO date from the Mongo-style `{"$date": epoch_ms}` value, None when absent."""
    if isinstance(value, dict) and isinstance(value.get("$date"), int | float):
        return datetime.fromtimestamp(value["$date"] / 1000, tz=UTC).date().isoformat()
    return None
