"""Measure the fluency detector on publishers it never saw: injected errors and clean edited text.

Run ``python -m credibly.models.signal_eval.fluency [--data DIR]``; writes
``models/reports/fluency.json``. Sentences come from the reliable-side articles of the held-out
publishers (``credibly.models.training.fluency.held_out``), the half not used to set the threshold.
Each sentence gets one corrupted copy of each kind, made as in training: an agreement slip (is/are,
was/were, has/have, a verb's -s), a dropped closed-class word, two adjacent words swapped, a verb in
another form ("with Turkey denies"); and one of a kind it was never trained on, an article inserted
where edited prose has none ("follow the suit"), reported apart. Recall is the share of corrupted
copies flagged (overall: of the trained kinds); precision is measured against the clean sentences at
an equal number (1:1), and flags per 1,000 words are counted on the clean held-out articles. A
precision at recall curve over thresholds is reported beside the shipped threshold.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

from credibly.features.document import parse
from credibly.features.style.fluency import fluency_model
from credibly.models.runtime.paths import DEFAULT_DATA_DIR, REPORT_DIR
from credibly.models.training.fluency import (
    KINDS,
    UNTRAINED_KINDS,
    corrupt,
    held_out,
    reliable_articles,
    sentence_max_logit,
    sentences,
)

REPORT = REPORT_DIR / "fluency.json"
SEED = 7
MAX_SENTENCES = 3000


def _precision_recall(clean: list[float], corrupted: list[float], logit: float) -> tuple[float, float]:
    tp = sum(s >= logit for s in corrupted)
    fp = sum(s >= logit for s in clean) * len(corrupted) / max(1, len(clean))
    return tp / max(1e-9, tp + fp), tp / max(1, len(corrupted))


def evaluate(data: Path) -> dict:
    model = fluency_model()
    assert model is not None, "no shipped fluency model: run credibly.models.training.fluency"
    frame = reliable_articles(data)
    held = frame[frame["source"].map(held_out)]
    docs = [parse(t) for t in held["text"].iloc[1::2]]
    words = sum(d.word_count for d in docs)
    flags = sum(len(model.disfluencies(d)) for d in docs)
    rng = random.Random(SEED)
    pool = list(sentences(docs))
    rng.shuffle(pool)
    pool = pool[:MAX_SENTENCES]
    clean = [sentence_max_logit(model, s) for s in pool]
    limit = math.log(model.threshold / (1 - model.threshold))
    by_kind = {}
    all_corrupted: list[float] = []
    for kind in KINDS + UNTRAINED_KINDS:
        scores = [sentence_max_logit(model, c[0]) for s in pool if (c := corrupt(s, rng, kind)) is not None]
        if kind in KINDS:
            all_corrupted += scores
        precision, recall = _precision_recall(clean, scores, limit)
        by_kind[kind] = {
            "sentences": len(scores),
            "recall": round(recall, 3),
            "precision": round(precision, 3),
            "trained_on": kind in KINDS,
        }
    curve = []
    for q in (0.5, 0.8, 0.9, 0.95, 0.98, 0.99):
        logit = sorted(clean)[int(q * (len(clean) - 1))]
        p, r = _precision_recall(clean, all_corrupted, logit)
        curve.append(
            {"clean_sentences_flagged": round(1 - q, 3), "precision": round(p, 3), "recall": round(r, 3)}
        )
    shipped_p, shipped_r = _precision_recall(clean, all_corrupted, limit)
    return {
        "protocol": __doc__.split("\n\n", 1)[1].replace("\n", " ").strip(),
        "threshold": model.threshold,
        "held_out_articles": len(docs),
        "held_out_words": words,
        "flags_per_1000_words": round(1000 * flags / max(1, words), 3),
        "clean_sentences": len(pool),
        "clean_sentences_flagged": round(sum(s >= limit for s in clean) / max(1, len(clean)), 4),
        "shipped_threshold": {"precision": round(shipped_p, 3), "recall": round(shipped_r, 3)},
        "injected": by_kind,
        "precision_at_recall": curve,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)
    if not (args.data / "buzzfeed_webis_2016").is_dir():
        print(f"corpora not found under {args.data}; nothing to evaluate")
        return 0
    report = evaluate(args.data)
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "protocol"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
