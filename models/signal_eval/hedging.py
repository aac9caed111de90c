"""Measure the hedging lexicon on WikiWeasel (CoNLL-2010) sentences it was never tuned on, + timing.

The lexicon is written from editorial guidance by category (hedges, agentless passives,
generalisations, weasels, vague quantifiers, controversy framing, peacock terms), not selected by
precision on a corpus split: WikiWeasel's train split labels some of these categories less often
than its other splits, so curating on it would drop them. The whole train split is scored once,
with a bootstrap interval, per category as well.

Run ``python -m credibly.models.signal_eval.hedging [--data DIR]``; writes ``models/reports/hedging.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from credibly.features.document import Document, parse
from credibly.features.hedging import LEXICON, MODAL, HedgeLexicon, extract
from credibly.models.runtime.paths import DEFAULT_DATA_DIR, REPORT_DIR

REPORT = REPORT_DIR / "hedging.json"
FOLDS, SEED = 5, 13
BOOTSTRAP = 1000
WORDS_PER_TIMED_TEXT = 300

_PTB = (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"), ("-LCB-", "{"), ("-RCB-", "}"))
_PTB_RULES = (
    (re.compile(r"\\ n|\\(?=,)"), " "),  # escaped newlines and backslashed commas
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"`\s*"), "'"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"\s+([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{])\s+"), r"\1"),
)


def detokenise(text: str) -> str:
    """Undo Penn-Treebank tokenisation (-LRB-, ``, " n't", space before punctuation) to raw text."""
    for token, char in _PTB:
        text = text.replace(token, char)
    for pattern, repl in _PTB_RULES:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def load_wikiweasel(data: Path) -> tuple[list[Document], np.ndarray]:
    """Parsed, detokenised WikiWeasel training sentences and their 0/1 uncertainty labels."""
    with open(data / "wikiweasel" / "train.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [parse(detokenise(r["text"])) for r in rows], np.array([int(r["label"]) for r in rows])


def predict(lexicon: HedgeLexicon, docs: list[Document], with_modals: bool = False) -> np.ndarray:
    """1 where a sentence holds a hedge, generalisation, weasel or peacock cue (weak modals only when
    ``with_modals``)."""
    return np.array(
        [any(c.is_uncertainty or (with_modals and c.kind == MODAL) for c in lexicon.cues(d)) for d in docs]
    )


def bootstrap_f1(pred: np.ndarray, gold: np.ndarray, seed: int = SEED) -> tuple[float, float]:
    """95% percentile interval of sentence F1 over bootstrap resamples of the sentences."""
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(BOOTSTRAP):
        idx = rng.integers(0, len(gold), len(gold))
        values.append(scores(pred[idx], gold[idx])["f1"])
    low, high = np.percentile(values, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def by_category(lexicon: HedgeLexicon, docs: list[Document], gold: np.ndarray) -> dict[str, dict[str, float]]:
    """Sentences holding each cue category and the share of them labelled uncertain (precision)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for doc, label in zip(docs, gold):
        for key in {f"{c.kind}:{c.category or '-'}" for c in lexicon.cues(doc)}:
            counts[key][0] += 1
            counts[key][1] += int(label)
    return {k: {"sentences": n, "precision": round(pos / n, 3)} for k, (n, pos) in sorted(counts.items())}


def scores(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class."""
    tp = float(np.sum(pred & (gold == 1)))
    p = tp / max(float(pred.sum()), 1.0)
    r = tp / max(float(gold.sum()), 1.0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def time_extract(docs: list[Document], repeats: int = 20) -> dict[str, float]:
    """Mean extract() time on ~300-word texts built by concatenating consecutive sentences."""
    texts, buf, words = [], [], 0
    for doc in docs:
        buf.append(doc.text)
        words += doc.word_count
        if words >= WORDS_PER_TIMED_TEXT:
            texts.append(" ".join(buf))
            buf, words = [], 0
    parsed = [parse(t) for t in texts]
    start = time.perf_counter()
    for _ in range(repeats):
        for doc in parsed:
            extract(doc)
    per_doc = (time.perf_counter() - start) / (repeats * len(parsed))
    return {
        "texts": len(parsed),
        "mean_words": statistics.mean(d.word_count for d in parsed),
        "mean_ms": per_doc * 1000,
    }


def evaluate(data: Path) -> dict:
    """All figures for the report: protocol, sentence P/R/F1 with an interval, per category, timing."""
    docs, gold = load_wikiweasel(data)
    pred = predict(LEXICON, docs)
    return {
        "dataset": "WikiWeasel (CoNLL-2010) train.csv, Penn-Treebank tokenisation undone",
        "sentences": len(gold),
        "positives": int(gold.sum()),
        "base_rate": round(float(gold.mean()), 4),
        "protocol": (
            "The shipped lexicon (written from editorial guidance, not tuned on this data) scores every "
            "sentence once: a sentence is predicted uncertain when it holds a hedge, generalisation, weasel "
            "or peacock cue (weak modals may/could/might excluded, and reported with them as a variant). "
            f"F1 interval: 95% percentile bootstrap over {BOOTSTRAP} resamples of the sentences."
        ),
        "shipped": {**scores(pred, gold), "f1_interval_95": bootstrap_f1(pred, gold)},
        "shipped_with_weak_modals": scores(predict(LEXICON, docs, with_modals=True), gold),
        "by_category": by_category(LEXICON, docs, gold),
        "timing": time_extract(docs),
    }


def main(argv: list[str] | None = None) -> int:
    """CLI entry: print the figures and write the JSON report; exit 0 with a message if data is absent."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="path to ../shared/data")
    args = ap.parse_args(argv)
    if not (args.data / "wikiweasel" / "train.csv").is_file():
        print(f"WikiWeasel not found under {args.data}; nothing to evaluate.")
        return 0
    report = evaluate(args.data)
    for name in ("shipped", "shipped_with_weak_modals"):
        s = report[name]
        print(f"{name}: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    for key, v in report["by_category"].items():
        print(f"  {key}: {v['sentences']} sentences, precision {v['precision']}")
    t = report["timing"]
    print(f"extract(): {t['mean_ms']:.3f} ms per text ({t['texts']} texts, {t['mean_words']:.0f} words mean)")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
