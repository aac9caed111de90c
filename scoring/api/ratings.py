"""Trusted ratings from the operator's own results: ``credibly import-sources`` and ``serve --sources``.

Reads ``credibly score`` JSONL, ``credibly batch`` JSONL or Parquet; every scored row with a publisher
host becomes one rating (keyed by canonical URL, else host and id, so importing a file twice changes
nothing). A batch duplicate counts once per host: a story syndicated to another host counts there too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from credibly.hosts import is_host
from credibly.scoring.api.service import item_key
from credibly.scoring.api.store import Rating, Store
from credibly.scoring.sources import host_of, is_score, read_results


def ratings_from(path: Path) -> Iterator[Rating]:
    """One rating per scored row of a results file that names a publisher host."""
    origin = f"import:{path.name}"
    host_by_id: dict[str, str] = {}
    for row in read_results(path):
        score, rid = row.get("score"), str(row.get("id") or "")
        if not is_score(score) or row.get("error") or row.get("error_code"):
            continue
        host = host_of(row)
        if not is_host(host):
            continue
        primary = row.get("duplicate_of")
        if primary and host_by_id.get(str(primary)) == host:
            continue
        host_by_id.setdefault(rid, host)
        url = row.get("url") if isinstance(row.get("url"), str) else None
        yield Rating(item_key(url, host, rid), host, float(score), origin)


def import_results(db_path: str, paths: list[Path]) -> dict[str, int]:
    """Load the ratings of every file into the store at ``db_path``; ``{file name: ratings}``."""
    store = Store(db_path)
    try:
        return {path.name: store.rate(ratings_from(path)) for path in paths}
    finally:
        store.close()
