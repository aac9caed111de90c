"""Batch throughput: ``credibly batch`` with 1 and 2 worker processes on real articles.

Text path: BuzzFeed-Webis texts trimmed to ~300 words. HTML path: hyperpartisan articles as HTML
pages. Also measured: each worker's peak RSS and, in one process, the share of the HTML-path cost
spent in main-text extraction. 1 and 2 workers alternate over three rounds; medians are reported.
Writes ``bench/results/batch.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.bench_score import TARGET_WORDS, _trim
from credibly.models.runtime.paths import DEFAULT_DATA_DIR
from credibly.scoring.batch.runner import BatchConfig, run_batch

RESULTS = Path(__file__).resolve().parent / "results"
ROUNDS = 3  # 1 and 2 workers alternate; medians over rounds, since one run on a shared machine is noisy


def text_records(data_dir: Path, n: int) -> list[dict[str, Any]]:
    """Distinct BuzzFeed-Webis articles of at least 200 words, trimmed to about 300."""
    from credibly.models.datasets import load_buzzfeed_webis

    out = []
    for row in load_buzzfeed_webis(data_dir).itertuples():
        text = _trim(row.text or "")
        if len(text.split()) >= 200:
            out.append({"id": row.id, "text": text, "title": row.title, "url": row.url, "source": row.source})
    return out[:n]


def html_records(data_dir: Path, n: int) -> list[dict[str, Any]]:
    """Hyperpartisan articles as whole HTML pages (title in <head>, paragraphs in <article>)."""
    from credibly.models.datasets import load_hyperpartisan

    frame = load_hyperpartisan(data_dir)
    return [
        {
            "id": row.id,
            "url": row.url,
            "html": (
                f"<html><head><title>{row.title}</title></head>"
                f"<body><article>{row.html}</article></body></html>"
            ),
        }
        for row in frame.head(n).itertuples()
    ]


def _batch(records: list[dict[str, Any]], workers: int, chunk_size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return run_batch(
            BatchConfig(
                [str(src)], Path(tmp) / "out.parquet", workers=workers, chunk_size=chunk_size, timeout=30.0
            )
        )


def _run(records: list[dict[str, Any]], workers: int, chunk_size: int) -> dict[str, Any]:
    """One timed run, plus a run of ``workers`` records to measure the fixed cost (pool, model, merge)."""
    fixed = _batch(records[:workers], workers, 1)["seconds"]
    summary = _batch(records, workers, chunk_size)
    scored = summary["rows"] - summary["duplicates"]
    return {
        "workers": workers,
        "rows": summary["rows"],
        "scored_rows": scored,
        "errors": summary["errors"],
        "duplicates": summary["duplicates"],
        "wall_seconds": summary["seconds"],
        "fixed_seconds": round(fixed, 2),
        "articles_per_second_end_to_end": summary["articles_per_second"],
        "articles_per_second_steady": round(summary["rows"] / max(summary["seconds"] - fixed, 1e-9), 1),
        "articles_per_second_per_busy_worker": round(scored / summary["worker_seconds"], 1),
        "worker_max_rss_mb": sorted(summary["worker_max_rss_mb"].values()),
    }


def extraction_share(records: list[dict[str, Any]]) -> dict[str, float]:
    """In one process: seconds in ``extract_html`` over seconds of full HTML scoring, same pages."""
    from credibly.features.html import extract_html
    from credibly.scoring.engine import Scorer

    scorer = Scorer()
    scorer.warm_up()
    t0 = time.perf_counter()
    for r in records:
        extract_html(r["html"], url=r["url"])
    extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in records:
        scorer.score(r)
    total = time.perf_counter() - t0
    return {
        "extract_ms_per_article": round(1000 * extract / len(records), 2),
        "score_ms_per_article": round(1000 * total / len(records), 2),
        "extraction_share": round(extract / total, 3),
    }


def run(data_dir: Path, n_text: int, n_html: int, chunk_size: int) -> dict[str, Any]:
    texts, pages = text_records(data_dir, n_text), html_records(data_dir, n_html)
    report: dict[str, Any] = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "chunk_size": chunk_size,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],  # a shared machine skews figures
        "text_path": {
            "articles": len(texts),
            "mean_words": round(sum(len(r["text"].split()) for r in texts) / len(texts), 1),
            "source": f"BuzzFeed-Webis, trimmed to ~{TARGET_WORDS} words",
        },
        "html_path": {"articles": len(pages), "source": "SemEval-2019 hyperpartisan, as HTML pages"},
    }
    for key, records in (("text_path", texts), ("html_path", pages)):
        rounds = [[_run(records, workers, chunk_size) for workers in (1, 2)] for _ in range(ROUNDS)]
        report[key]["rounds"] = rounds
        for i, workers in enumerate((1, 2)):
            report[key][f"workers_{workers}"] = {
                stat: statistics.median(r[i][stat] for r in rounds)
                for stat in ("articles_per_second_steady", "articles_per_second_per_busy_worker")
            }
        per_round = [r[1]["articles_per_second_steady"] / r[0]["articles_per_second_steady"] for r in rounds]
        report[key]["scaling_2_over_1_steady"] = round(statistics.median(per_round), 2)
        report[key]["scaling_per_round"] = [round(x, 2) for x in per_round]
    report["html_path"].update(extraction_share(pages[:200]))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "batch.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--n-text", type=int, default=2000)
    parser.add_argument("--n-html", type=int, default=645)
    parser.add_argument("--chunk-size", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(run(args.data, args.n_text, args.n_html, args.chunk_size), indent=2))


if __name__ == "__main__":
    main()
