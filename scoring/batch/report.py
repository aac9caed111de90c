"""``credibly batch-report``: totals, errors and the score distributions of the largest hosts.

Per-host figures come from :func:`credibly.scoring.sources.aggregate_sources` (shrunk 90% intervals, share
low, recurring reasons). A duplicate counts once per host: a syndicated story counts for every
host that ran it, the same page crawled twice counts once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from credibly.scoring.errors import UsageError
from credibly.scoring.outputs import make_output_folder
from credibly.scoring.sources import PRIOR_ARTICLES, aggregate_sources, host_of, read_results

REPORT_COLUMNS = ["id", "url", "source", "score", "label", "error_code", "duplicate_of", "explanation"]


def load_rows(results: Path) -> list[dict[str, Any]]:
    """Rows of a batch output; from Parquet only the columns the report needs (nulls stay None)."""
    if results.suffix != ".parquet":
        return read_results(results)
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(results, columns=REPORT_COLUMNS).to_pylist()
    except (pa.ArrowException, KeyError) as exc:
        raise UsageError(f"{results} is not a `credibly batch` Parquet output: {exc}") from exc


def _error_code(row: dict[str, Any]) -> str | None:
    error = row.get("error")
    return row.get("error_code") or (error.get("code") if isinstance(error, dict) else None)


def per_host_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Scored rows with each (host, original article) pair kept once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in rows:
        if row.get("score") is None or _error_code(row):
            continue
        key = (host_of(row), str(row.get("duplicate_of") or row.get("id")))
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _plot(rows: list[dict[str, Any]], hosts: list[str], path: Path) -> None:
    """Histogram of all scores beside one box plot per host (largest first)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores = [float(r["score"]) for r in rows]
    by_host: dict[str, list[float]] = {h: [] for h in hosts}
    for row in rows:
        host = host_of(row)
        if host in by_host:
            by_host[host].append(float(row["score"]))
    fig, (ax_all, ax_hosts) = plt.subplots(1, 2, figsize=(12, max(4.0, 0.45 * len(hosts) + 1.5)))
    ax_all.hist(scores, bins=40, range=(0, 100), color="#4c72b0")
    for cut in (40, 65):
        ax_all.axvline(cut, color="grey", linestyle="--", linewidth=1)
    ax_all.set(title=f"All scored articles (n={len(scores)})", xlabel="score (0-100)", ylabel="articles")
    labels = [f"{h} (n={len(by_host[h])})" for h in reversed(hosts)]
    ax_hosts.boxplot([by_host[h] for h in reversed(hosts)], orientation="horizontal", tick_labels=labels)
    ax_hosts.set(
        title="Score distribution by host (largest at the top)", xlabel="score (0-100)", xlim=(0, 100)
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _table(frame: Any) -> str:
    head = (
        "| host | articles | mean | shrunk mean (90% interval) | share low | top reasons |\n"
        "|---|---|---|---|---|---|"
    )
    lines = [
        f"| {r.host} | {r.articles} | {r.mean_score} | {r.shrunk_score} ({r.low90}-{r.high90}) | "
        f"{r.share_low:.0%} | {r.top_reasons} |"
        for r in frame.itertuples()
    ]
    return "\n".join([head, *lines])


def write_report(results: Path, output: Path, top: int = 12) -> None:
    """Write ``output`` (Markdown) and ``<output stem>.png`` for a batch output file."""
    rows = load_rows(results)
    errors = Counter(code for code in map(_error_code, rows) if code)
    duplicates = sum(1 for r in rows if r.get("duplicate_of"))
    scored = per_host_rows(rows)
    sources = aggregate_sources(scored)
    hosts = list(sources["host"].head(top))
    labels = Counter(r.get("label") for r in rows if r.get("score") is not None and not _error_code(r))
    png = output.with_suffix(".png")
    make_output_folder(output)
    if scored:
        _plot(scored, hosts, png)
    error_text = ", ".join(f"`{code}` {n}" for code, n in errors.most_common()) or "none"
    label_text = ", ".join(f"{name} {labels.get(name, 0)}" for name in ("low", "mixed", "high"))
    parts = [
        f"# Batch report: `{results.name}`",
        "",
        f"- rows: {len(rows)}; scored: {len(rows) - sum(errors.values())}; labels: {label_text}",
        f"- errors: {sum(errors.values())} ({error_text})",
        f"- duplicates (scored once, result reused): {duplicates}",
        f"- hosts: {len(sources)}; per-host figures count each article once per host",
        "",
        f"## The {len(hosts)} largest hosts",
        "",
        (
            f"Shrunk mean: the host mean pulled toward the global mean with a prior worth "
            f"{PRIOR_ARTICLES:g} articles, so small hosts are not judged on a handful of pages."
        ),
        "",
        _table(sources.head(top)),
        "",
    ]
    if scored:
        parts += [f"![score distributions]({png.name})", ""]
    output.write_text("\n".join(parts), encoding="utf-8")
