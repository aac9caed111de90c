"""Measure the hedging lexicon on WikiWeasel (CoNLL-2010): cross-validated lexicon curation + timing.

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
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold

from credibly.features.document import Document, parse
from credibly.features.hedging import BOOSTER, HEDGE, LEXICON, HedgeLexicon, extract, lexicon_entries
from credibly.models.runtime.paths import DEFAULT_DATA_DIR, REPORT_DIR

REPORT = REPORT_DIR / "hedging.json"
FOLDS, SEED = 5, 13
MIN_SUPPORT = 10  # k: training sentences a phrase must occur in before the data may judge it
MIN_PRECISION = 0.5  # theta: training precision an external-list phrase needs to be added
EXTERNAL_LISTS = ("lexicons/words-hedges/data.txt", "lexicons/hedging-lrec/hedge_words.txt")
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
    """1 where a sentence holds a hedge or weasel cue (weak modals only when ``with_modals``)."""
    return np.array(
        [any(c.is_uncertainty or (with_modals and c.kind == HEDGE) for c in lexicon.cues(d)) for d in docs]
    )


def scores(pred: np.ndarray, gold: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of the positive class."""
    tp = float(np.sum(pred & (gold == 1)))
    p = tp / max(float(pred.sum()), 1.0)
    r = tp / max(float(gold.sum()), 1.0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def external_candidates(data: Path, shipped: set[str]) -> list[str]:
    """Phrases from the reference hedge lists that the shipped lexicon does not already hold."""
    out: set[str] = set()
    for rel in EXTERNAL_LISTS:
        for line in (data / rel).read_text(encoding="utf-8").splitlines():
            phrase = " ".join(line.lower().split())
            if phrase and phrase[0] not in "%#" and phrase not in shipped:
                out.add(phrase)
    return sorted(out)


def phrase_hits(entries: list[tuple[str, str]], docs: list[Document]) -> dict[str, set[int]]:
    """Sentence indices each phrase matches on its own (nested matches kept, sense rules applied)."""
    lexicon = HedgeLexicon(entries)
    hits: dict[str, set[int]] = defaultdict(set)
    for i, doc in enumerate(docs):
        for cue in lexicon.cues(doc, longest=False):
            hits[cue.phrase].add(i)
    return hits


def select(
    entries: list[tuple[str, str]],
    external: set[str],
    hits: dict[str, set[int]],
    gold: np.ndarray,
    train: set[int],
) -> list[tuple[str, str]]:
    """Curation rule on training sentences: drop a shipped hedge/weasel phrase if support >= k and
    precision < base rate; add an external phrase if support >= k and precision >= theta."""
    base = float(np.mean([gold[i] for i in train]))
    kept = []
    for phrase, tag in entries:
        idx = hits.get(phrase, set()) & train
        prec = float(np.mean([gold[i] for i in idx])) if idx else 0.0
        judged = len(idx) >= MIN_SUPPORT
        uncertainty = not tag.startswith(BOOSTER) and tag.split(":")[1] in ("", "quantifier", "unnamed")
        if phrase in external:
            ok = judged and prec >= MIN_PRECISION
        else:
            ok = not (uncertainty and judged and prec < base)
        if ok:
            kept.append((phrase, tag))
    return kept


def cross_validate(docs: list[Document], gold: np.ndarray, data: Path) -> dict:
    """Stratified k-fold: curate on training folds, score 'has hedge or weasel cue' on held-out."""
    shipped = lexicon_entries()
    external = external_candidates(data, {p for p, _ in shipped})
    entries = shipped + [(p, f"{HEDGE}:") for p in external]
    hits = phrase_hits(entries, docs)
    folds = []
    splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for k, (tr, te) in enumerate(splitter.split(np.zeros(len(gold)), gold)):
        kept = select(entries, set(external), hits, gold, set(tr.tolist()))
        names = {p for p, _ in kept}
        fold: dict[str, Any] = {**scores(predict(HedgeLexicon(kept), [docs[i] for i in te]), gold[te])}
        fold.update(
            fold=k, added=sorted(names & set(external)), dropped=sorted({p for p, _ in shipped} - names)
        )
        folds.append(fold)
    full = select(entries, set(external), hits, gold, set(range(len(gold))))
    full_names = {p for p, _ in full}
    summary = {
        m: {"mean": statistics.mean(f[m] for f in folds), "std": statistics.stdev(f[m] for f in folds)}
        for m in ("precision", "recall", "f1")
    }
    return {
        "folds": folds,
        "summary": summary,
        "candidates": {"shipped": len(shipped), "external": len(external)},
        "all_data_selection": {
            "would_add": sorted(full_names & set(external)),
            "would_drop": sorted({p for p, _ in shipped} - full_names),
        },
    }


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
    """All figures for the report: protocol, per-fold CV, in-sample shipped lexicon, timing."""
    docs, gold = load_wikiweasel(data)
    return {
        "dataset": "WikiWeasel (CoNLL-2010) train.csv, Penn-Treebank tokenisation undone",
        "sentences": len(gold),
        "positives": int(gold.sum()),
        "protocol": (
            f"{FOLDS}-fold stratified CV (shuffle, seed {SEED}); task: sentence has a hedge or weasel cue "
            "(weak modals may/could excluded). Candidates: the shipped lexicon plus the words-hedges and "
            "hedging-lrec hedge lists. On training folds only: a shipped hedge/weasel phrase is dropped if "
            f"support >= {MIN_SUPPORT} and precision < the fold's base rate; an external phrase is added if "
            f"support >= {MIN_SUPPORT} and precision >= {MIN_PRECISION}. "
            "Held-out fold scored with the curated "
            "lexicon through the full detector (sense, mask and negation rules)."
        ),
        "cross_validated": cross_validate(docs, gold, data),
        "shipped_in_sample": scores(predict(LEXICON, docs), gold),
        "shipped_in_sample_with_weak_modals": scores(predict(LEXICON, docs, with_modals=True), gold),
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
    cv = report["cross_validated"]
    for f in cv["folds"]:
        print(f"fold {f['fold']}: P={f['precision']:.3f} R={f['recall']:.3f} F1={f['f1']:.3f}")
    for m, v in cv["summary"].items():
        print(f"CV {m}: {v['mean']:.3f} ± {v['std']:.3f}")
    for name in ("shipped_in_sample", "shipped_in_sample_with_weak_modals"):
        s = report[name]
        print(f"{name}: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    print(f"all-data selection: {cv['all_data_selection']}")
    t = report["timing"]
    print(f"extract(): {t['mean_ms']:.3f} ms per text ({t['texts']} texts, {t['mean_words']:.0f} words mean)")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
