"""Rate sources from the scores of their articles: ``credibly sources RESULTS``.

Per normalised host: article count, mean score, a 90% interval for the host's mean shrunk toward
the global mean (empirical-Bayes style with a prior worth ``PRIOR_ARTICLES`` articles, so a host
seen twice is not rated on two articles alone), the share of articles labelled low, and the
reasons that recur most often.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from credibly.hosts import normalise_host
from credibly.scoring.errors import UsageError
from credibly.scoring.inputs import is_unicode_text
from credibly.scoring.reasons_text import label

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger("credibly")
PRIOR_ARTICLES = 10.0
Z90 = 1.645
TOP_REASONS = 3


def shrunk_interval(
    n: int, mean: float, sd: float, global_mean: float, global_sd: float, prior: float = PRIOR_ARTICLES
) -> tuple[float, float, float]:
    """(shrunk mean, low, high): the mean pulled toward ``global_mean`` with weight ``prior``, and a
    90% interval whose width uses the host's spread blended with the global one, clipped to 0-100."""
    shrunk = (n * mean + prior * global_mean) / (n + prior)
    var = (n * sd * sd + prior * global_sd * global_sd) / (n + prior)
    half = Z90 * math.sqrt(var / (n + prior))
    return shrunk, max(0.0, shrunk - half), min(100.0, shrunk + half)


def host_of(row: dict[str, Any]) -> str:
    """The row's publisher: its ``source`` if given, else the host of its ``url``, else 'unknown'."""
    for key in ("source", "url"):
        value = row.get(key)
        if isinstance(value, str) and value.strip() and is_unicode_text(value):
            host = normalise_host(value)
            if host:
                return host
    return "unknown"


def is_number(value: object) -> TypeGuard[int | float]:
    """A finite number (not a boolean; an integer of any size, compared without converting it)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and -math.inf < value < math.inf


def is_score(value: object) -> TypeGuard[int | float]:
    """A usable score: a number on the 0-100 scale (anything else was not written by credibly)."""
    return is_number(value) and 0 <= value <= 100


def _reason_keys(row: dict[str, Any]) -> list[str]:
    """``"<label> (raises|lowers)"`` for each well-formed reason of a row (others are ignored)."""
    explanation = row.get("explanation") or []
    if isinstance(explanation, str):
        try:
            explanation = json.loads(explanation or "[]")
        except json.JSONDecodeError:
            return []
    keys = []
    for reason in explanation if isinstance(explanation, list) else []:
        if (
            isinstance(reason, dict)
            and isinstance(reason.get("feature"), str)
            and is_number(reason.get("points", 0))
        ):
            direction = "raises" if reason.get("points", 0) > 0 else "lowers"
            keys.append(f"{label(reason['feature'])} ({direction})")
    return keys


def aggregate_sources(rows: Iterable[dict[str, Any]], prior: float = PRIOR_ARTICLES) -> pd.DataFrame:
    """One row per host (scored rows only), sorted by article count then host."""
    import pandas as pd

    scored = [r for r in rows if is_score(r.get("score")) and not r.get("error")]
    columns = [
        "host",
        "articles",
        "mean_score",
        "shrunk_score",
        "low90",
        "high90",
        "share_low",
        "top_reasons",
    ]
    if not scored:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "host": [host_of(r) for r in scored],
            "score": [float(r["score"]) for r in scored],
            "low": [r.get("label") == "low" for r in scored],
        }
    )
    global_mean = float(frame["score"].mean())
    global_sd = float(frame["score"].std(ddof=0)) if len(frame) > 1 else 0.0
    reasons: dict[str, Counter] = {}
    for host, row in zip(frame["host"], scored):
        reasons.setdefault(host, Counter()).update(_reason_keys(row))
    out = []
    for host, part in frame.groupby("host", sort=False):
        n = len(part)
        mean = float(part["score"].mean())
        sd = float(part["score"].std(ddof=0)) if n > 1 else global_sd
        shrunk, lo, hi = shrunk_interval(n, mean, sd, global_mean, global_sd, prior)
        top = "; ".join(f"{k} ×{v}" for k, v in reasons[host].most_common(TOP_REASONS))
        out.append(
            [
                host,
                n,
                round(mean, 1),
                round(shrunk, 1),
                round(lo, 1),
                round(hi, 1),
                round(float(part["low"].mean()), 3),
                top,
            ]
        )
    table = pd.DataFrame(out, columns=columns)
    return table.sort_values(["articles", "host"], ascending=[False, True]).reset_index(drop=True)


def read_results(path: Path) -> list[dict[str, Any]]:
    """Scored rows from a ``credibly score`` JSONL file or a ``credibly batch`` Parquet file.

    A file that cannot be read is a :class:`UsageError`; JSONL lines that are not result objects are
    skipped with a warning that counts them."""
    try:
        if path.suffix == ".parquet":
            import pandas as pd

            return pd.read_parquet(path).to_dict("records")
        rows, bad = [], []
        with path.open(encoding="utf-8", errors="replace") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (json.JSONDecodeError, RecursionError):
                    row = None
                if isinstance(row, dict):
                    rows.append(row)
                else:
                    bad.append(lineno)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # pyarrow's errors for a file that is not Parquet
        raise UsageError(f"{path} is not a readable Parquet file: {exc}") from exc
    if bad:
        log.warning(
            "skipped %d line(s) of %s that are not result objects (first: line %d)", len(bad), path, bad[0]
        )
    return rows
