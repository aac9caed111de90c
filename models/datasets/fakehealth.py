"""FakeHealth (Dai et al. 2020) article content: health news (HealthStory) and press releases
(HealthRelease), `fakehealth/fakehealth_content.jsonl.gz`.

No labels (the review ratings were not obtainable): `label` is NaN. The host comes from the URL,
unwrapping web.archive.org snapshots; hosts can be joined to the domain ratings.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.hosts import normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR, clean_text, make_frame, unknown_source

CORPUS = "fakehealth"
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/(?P<url>.+)$", re.IGNORECASE)


def load_fakehealth(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Load every FakeHealth article into the common schema (unlabelled)."""
    path = Path(data_dir) / "fakehealth" / "fakehealth_content.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return make_frame(_record(n, json.loads(line)) for n, line in enumerate(fh))


def original_url(url: str | None) -> str | None:
    """The archived page's own URL for a web.archive.org snapshot, else the URL itself."""
    if not url:
        return None
    m = _ARCHIVED.match(url.strip())
    return m.group("url") if m else url.strip()


def _published(value: object) -> str | None:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=UTC).date().isoformat()
    return None


def _record(n: int, item: dict[str, Any]) -> dict[str, Any]:
    text = clean_text(item.get("text"))
    url = original_url(item.get("url"))
    host = normalise_host(url)
    return {
        "id": f"fh:{item.get('news_id') or n}",
        "text": text,
        "html": None,
        "title": clean_text(item.get("title")),
        "url": url,
        "source": host or unknown_source(CORPUS, text),
        "source_known": bool(host),
        "corpus": CORPUS,
        "subset": item.get("subset") or "",
        "published": _published(item.get("publish_date")),
        "label": float("nan"),
        "label_raw": "",
        "label_kind": "none",
    }
