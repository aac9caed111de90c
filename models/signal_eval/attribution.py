"""Measure the attribution extractor against PolNeAR gold Cue and Source spans (overlap F1).

Run ``python -m credibly.models.signal_eval.attribution [--data DIR] [--split dev]``; writes
``models/reports/attribution.json``. Skips cleanly when the shared data directory is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from credibly.features.attribution import extract
from credibly.features.document import Document, parse
from credibly.models.runtime.paths import DEFAULT_DATA_DIR, REPORT_DIR

DEFAULT_DATA = DEFAULT_DATA_DIR
REPORT = REPORT_DIR / "attribution.json"
Span = tuple[tuple[int, int], ...]  # one gold span: its (start, end) segments

PROTOCOL = (
    "PolNeAR {split}: a predicted span is a true positive when it overlaps a gold span of the same "
    "label (Cue or Source; discontinuous gold spans match on any segment). precision = matched "
    "predicted / all predicted, recall = matched gold / all gold. 'per_annotation' scores the "
    "prediction against each annotation file of a text separately and micro-averages over files "
    "(a text with two annotators counts twice); 'union' scores each text once against the union "
    "of all its annotators' spans (identical spans deduplicated). Cues come from a per-token "
    "logistic classifier (models/training/attribution_cues.py) trained on PolNeAR train only, with "
    "labels = candidate overlaps any annotator's Cue (words inside quotations are never "
    "candidates); candidate words, C and the probability "
    "threshold were chosen on a held-out fifth of train (split by text, fixed seed), the final "
    "model refit on all of train, and {split} scored once with the shipped weights. The cue "
    "lexicon used as a feature was curated on train only."
)


@dataclass
class Counts:
    """Overlap counts for one label, summed over documents."""

    predicted: int = 0
    predicted_matched: int = 0
    gold: int = 0
    gold_matched: int = 0

    def add(self, predicted: list[tuple[int, int]], gold: list[Span]) -> None:
        """Add one document's predicted and gold spans."""
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.predicted_matched += sum(any(_overlaps(p, g) for g in gold) for p in predicted)
        self.gold_matched += sum(any(_overlaps(p, g) for p in predicted) for g in gold)

    def scores(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the raw counts."""
        p = self.predicted_matched / self.predicted if self.predicted else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), **self.__dict__}


@dataclass
class Text:
    """One PolNeAR text with its gold spans per annotation file, keyed by label."""

    doc: Document
    annotations: list[dict[str, list[Span]]] = field(default_factory=list)


def _overlaps(pred: tuple[int, int], gold: Span) -> bool:
    return any(pred[0] < e and s < pred[1] for s, e in gold)


def _read_ann(path: Path) -> dict[str, list[Span]]:
    """Gold Cue and Source spans of one brat standoff file."""
    spans: dict[str, list[Span]] = {"Cue": [], "Source": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        label, _, ranges = parts[1].partition(" ")
        if label in spans:
            segments = [r.split() for r in ranges.split(";")]
            spans[label].append(tuple((int(a), int(b)) for a, b in segments))
    return spans


def load_split(polnear: Path, split: str) -> list[Text]:
    """Parse every text of a PolNeAR split with all its annotation files."""
    texts: dict[str, Text] = {}
    for ann in sorted((polnear / split / "attributions").glob("*.ann")):
        text_id = ann.stem.rsplit("_", 1)[0]
        if text_id not in texts:
            raw = (polnear / split / "text" / f"{text_id}.txt").read_text(encoding="utf-8")
            texts[text_id] = Text(parse(raw))
        texts[text_id].annotations.append(_read_ann(ann))
    return list(texts.values())


def _union(annotations: list[dict[str, list[Span]]], label: str) -> list[Span]:
    return sorted({span for a in annotations for span in a[label]})


def evaluate(texts: list[Text]) -> dict:
    """Cue and Source overlap scores (per annotation file and against the union) plus timing."""
    counts = {(label, mode): Counts() for label in ("Cue", "Source") for mode in ("per_annotation", "union")}
    for text in texts:
        result = extract(text.doc)
        predicted = {
            "Cue": [(e.start, e.end) for e in result.evidence if e.kind == "cue"],
            "Source": [(e.start, e.end) for e in result.evidence if e.kind in ("source", "vague_source")],
        }
        for label in ("Cue", "Source"):
            for ann in text.annotations:
                counts[label, "per_annotation"].add(predicted[label], ann[label])
            counts[label, "union"].add(predicted[label], _union(text.annotations, label))
    return {
        "cue": {mode: counts["Cue", mode].scores() for mode in ("per_annotation", "union")},
        "source": {mode: counts["Source", mode].scores() for mode in ("per_annotation", "union")},
        "texts": len(texts),
        "annotation_files": sum(len(t.annotations) for t in texts),
        **time_extract([t.doc for t in texts]),
    }


def time_extract(docs: list[Document], repeats: int = 5) -> dict[str, float]:
    """Mean extract() time per document and per 300 words (best of ``repeats`` passes)."""
    best = min(_one_pass(docs) for _ in range(repeats))
    words = sum(d.word_count for d in docs)
    return {
        "extract_ms_per_doc": round(1000 * best / max(len(docs), 1), 4),
        "extract_ms_per_300_words": round(1000 * best * 300 / max(words, 1), 4),
        "mean_words_per_doc": round(words / max(len(docs), 1), 1),
    }


def _one_pass(docs: list[Document]) -> float:
    t0 = time.perf_counter()
    for doc in docs:
        extract(doc)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """Evaluate on one split, print the figures and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--split", default="dev", choices=("train", "dev"))
    parser.add_argument("--out", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    polnear = args.data / "polnear"
    if not (polnear / args.split).is_dir():
        print(f"PolNeAR not found under {args.data}; nothing to evaluate.")
        return 0
    report = {
        "split": args.split,
        "protocol": PROTOCOL.format(split=args.split),
        **evaluate(load_split(polnear, args.split)),
    }
    for label in ("cue", "source"):
        for mode, s in report[label].items():
            print(f"{label:6} {mode:14} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    print(
        f"extract: {report['extract_ms_per_doc']} ms/doc, "
        f"{report['extract_ms_per_300_words']} ms per 300 words"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
