"""Measure dated sentences (``attribution.dated_sentence_share``) on the training corpora, per corpus
and label: how often reliable and unreliable articles say which day the events happened.

A signal that transfers separates the labels the same way in every corpus; one that flips measures a
corpus, not writing. Run ``python -m credibly.models.signal_eval.dated [--data DIR]``; writes
``models/reports/dated.json``. Skips cleanly when the shared data directory is absent.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

from credibly.features.attribution import extract
from credibly.features.transformer import as_document
from credibly.models.runtime.paths import REPORT_DIR
from credibly.models.signal_eval.cli import report_args

REPORT = REPORT_DIR / "dated.json"
FEATURE = "dated_sentence_share"


def by_corpus(shares: np.ndarray, labels: np.ndarray, corpora: np.ndarray) -> dict[str, dict]:
    """Per corpus: each label's mean share and share of articles with a dated sentence, and the
    ROC-AUC of the share alone for the reliable label (where the corpus has both labels)."""
    out: dict[str, dict] = {}
    for corpus in sorted(set(corpora.tolist())):
        mask = corpora == corpus
        row: dict = {}
        for label, name in ((1, "reliable"), (0, "unreliable")):
            values = shares[mask & (labels == label)]
            if len(values):
                row[name] = {
                    "articles": len(values),
                    "mean_share": round(float(values.mean()), 4),
                    "share_with_one": round(float((values > 0).mean()), 3),
                }
        if len(set(labels[mask].tolist())) == 2:
            row["roc_auc"] = round(float(roc_auc_score(labels[mask], shares[mask])), 3)
        out[corpus] = row
    return out


def evaluate(data: Path) -> dict:
    """Extract the share for every training article (labels as the model is trained on them)."""
    from credibly.models.training.data import records, training_frame

    frame = training_frame(data)
    t0 = time.perf_counter()
    shares = np.array([extract(as_document(r)).features[FEATURE] for r in records(frame)])
    return {
        "protocol": (
            "every training article (labelled and distantly labelled corpora, duplicates removed); "
            "unweighted per-corpus figures; ROC-AUC of the share alone, reliable = positive"
        ),
        "articles": len(shares),
        "by_corpus": by_corpus(shares, frame["label"].to_numpy(dtype=int), frame["corpus"].to_numpy()),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurement, print one line per corpus and write the JSON report."""
    args = report_args(__doc__, REPORT, argv)
    if args is None:
        return 0
    report = evaluate(args.data)
    for corpus, row in report["by_corpus"].items():
        means = ", ".join(f"{k} {v['mean_share']:.3f}" for k, v in row.items() if isinstance(v, dict))
        print(f"{corpus:16} {means}  AUC {row.get('roc_auc', '-')}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
