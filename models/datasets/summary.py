"""`python -m credibly.models.datasets`: per-corpus counts printed as a table and written to
models/reports/datasets.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.models.datasets._common import DEFAULT_DATA_DIR
from credibly.models.datasets.combine import combine, load_corpora
from credibly.models.datasets.domain_ratings import load_domain_ratings, rating_lookup

REPORT_PATH: Path = Path(__file__).resolve().parents[1] / "reports" / "datasets.json"

LABEL_MAPPING: dict[str, dict[str, str]] = {
    "buzzfeed_webis": {
        "mostly true": "1",
        "mostly false": "0",
        "mixture of true and false": "0",
        "no factual content": "excluded",
        "label_kind": "article",
    },
    "fakenewsnet": {"real": "1", "fake": "0", "label_kind": "article"},
    "horne2017": {
        "real": "1",
        "fake": "0",
        "satire": "excluded (satire is not presented as news)",
        "label_kind": "article (Buzzfeed subset), source (Random subset, outlet lists)",
    },
    "hyperpartisan": {
        "hyperpartisan": "0 with include_proxy, else excluded",
        "not-hyperpartisan": "1 with include_proxy, else excluded",
        "label_kind": "proxy",
    },
}

GROUPING: dict[str, str] = {
    "buzzfeed_webis": "source = the Facebook publisher (portal, 9) as its host: leave-one-publisher-out; "
    "url keeps the linked article",
    "fakenewsnet": "source = `source` host (publisher shorteners aliased; generic shorteners -> "
    "canonical link); "
    "39 items without source: unknown:<corpus>:<text hash>, source_known=False",
    "horne2017": "outlet unknown per item (source_known=False); Random: one group per label folder "
    "(label-confounded: evaluate separately); Buzzfeed: one group per distinct text",
    "hyperpartisan": "source = ground-truth url host",
    "unknown_sources": "one group per distinct text hash: copies share a group, no giant group",
}


def corpus_summary(frame: pd.DataFrame, ratings: dict[str, float]) -> dict[str, Any]:
    """Counts for one loaded corpus: items, labels, exclusions, sources, rating coverage."""
    rated = frame["source_known"] & frame["source"].isin(ratings)
    return {
        "items": len(frame),
        "label_raw": {str(k): int(v) for k, v in frame["label_raw"].value_counts().items()},
        "label_1": int((frame["label"] == 1).sum()),
        "label_0": int((frame["label"] == 0).sum()),
        "excluded": int(frame["label"].isna().sum()),
        "empty_text": int((frame["text"].str.strip() == "").sum()),
        "sources": int(frame["source"].nunique()),
        "sources_known": int(frame.loc[frame["source_known"], "source"].nunique()),
        "share_source_known": round(float(frame["source_known"].mean()), 3),
        "share_rated": round(float(rated.mean()), 3),
    }


def build_report(data_dir: Path) -> dict[str, Any]:
    """The full report: per-corpus summaries and `load_all` step counts without and with the proxy."""
    ratings = rating_lookup(load_domain_ratings(data_dir))
    corpora = load_corpora(data_dir, include_proxy=True)
    with_proxy = combine(corpora, ratings).attrs["stats"]
    without = combine({k: v for k, v in corpora.items() if k != "hyperpartisan"}, ratings).attrs["stats"]
    per_corpus = {name: corpus_summary(frame, ratings) for name, frame in corpora.items()}
    for name, summary in per_corpus.items():
        summary["duplicates_removed"] = with_proxy["duplicates"]["removed"].get(name, 0)
        summary["kept_by_load_all_with_proxy"] = with_proxy["kept"].get(name, 0)
    return {
        "data_dir": str(data_dir),
        "label_mapping": LABEL_MAPPING,
        "grouping": GROUPING,
        "rated_hosts": len(ratings),
        "corpora": per_corpus,
        "load_all": {"include_proxy=False": without, "include_proxy=True": with_proxy},
    }


def format_table(report: dict[str, Any]) -> str:
    """Fixed-width table of the per-corpus summaries."""
    header = f"{'corpus':<15}{'items':>6}{'y=1':>6}{'y=0':>6}{'excl':>6}{'empty':>6}{'srcs':>6}{'known':>7}"
    header += f"{'rated':>7}{'dups':>6}{'kept':>6}"
    rows = [header]
    for name, s in report["corpora"].items():
        rows.append(
            f"{name:<15}{s['items']:>6}{s['label_1']:>6}{s['label_0']:>6}{s['excluded']:>6}{s['empty_text']:>6}"
            f"{s['sources']:>6}{s['share_source_known']:>7.2f}{s['share_rated']:>7.2f}"
            f"{s['duplicates_removed']:>6}{s['kept_by_load_all_with_proxy']:>6}"
        )
    rows.append("(hyperpartisan counted with include_proxy=True; without it every row is excluded)")
    for option, stats in report["load_all"].items():
        rows.append(f"load_all({option}): {stats['kept']['total']} rows; duplicates {stats['duplicates']}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Print the summary table and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=REPORT_PATH)
    args = parser.parse_args(argv)
    report = build_report(args.data_dir)
    print(format_table(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
