"""Train the per-token attribution cue classifier on PolNeAR train and write its weights as JSON.

Run ``python -m credibly.models.training.attribution_cues [--data DIR]``. Candidate words, C and the
probability
threshold are chosen on a held-out fifth of train (split by text, fixed seed); the final model is
refit on all of train. Writes ``features/data/attribution_cue_weights.json`` (feature -> weight,
bias, threshold, candidate words); exits cleanly when the shared data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from credibly.features.attribution.cues import Candidate, find_candidates, select_cues
from credibly.features.attribution.index import DocIndex
from credibly.features.words import FUNCTION_WORDS, SUBJECT_VERB_GAP_WORDS
from credibly.models.runtime.paths import FEATURE_DATA_DIR
from credibly.models.signal_eval.attribution import DEFAULT_DATA, Counts, Text, load_split

OUT = FEATURE_DATA_DIR / "attribution_cue_weights.json"
SEED = 13
HELD_OUT = 0.2
MIN_NEW_CUES = 3  # a candidate word must be the first candidate in >= this many gold cues
MIN_CUE_RATE = 0.15  # ... and overlap a gold cue in >= this share of its occurrences
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.2 + 0.02 * i, 2) for i in range(31))
MIN_FEATURE_COUNT = 3  # features seen fewer times on the fit data get no weight
MIN_WEIGHT = 0.02  # weights smaller than this (in absolute value) are dropped from the JSON
DIGITS = 4


@dataclass
class Example:
    """One text's candidates (over the widest vocabulary), their gold labels and the gold cue spans."""

    text: Text
    candidates: list[Candidate]
    labels: list[int]


def _cue_tokens(text: Text) -> list[set[int]]:
    """Token indices of each gold cue, over the union of every annotator's Cue spans."""
    ends = [t.end for t in text.doc.tokens]
    out = []
    for span in sorted({span for ann in text.annotations for span in ann["Cue"]}):
        toks: set[int] = set()
        for start, end in span:
            i = bisect_right(ends, start)
            while i < len(ends) and text.doc.tokens[i].start < end:
                toks.add(i)
                i += 1
        out.append(toks)
    return out


def _cue_rates(texts: list[Text]) -> tuple[dict[str, float], list[list[str]]]:
    """Share of each word's occurrences inside a gold cue (words reaching MIN_CUE_RATE) and the
    words of every gold cue."""
    total: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    cue_words: list[list[str]] = []
    for text in texts:
        doc = text.doc
        low = [doc.lower[t.start : t.end] for t in doc.tokens]
        # Words inside a quotation are the quoted speaker's content, never a cue of their own
        # (PolNeAR gives each token one attribution), so only occurrences outside quotations count.
        outside = [not (doc.quotes and doc.in_quote(t.start)) for t in doc.tokens]
        total.update(w for w, out in zip(low, outside) if out)
        cues = _cue_tokens(text)
        in_cue.update(low[i] for i in set().union(*cues) if outside[i])
        cue_words.extend([low[i] for i in sorted(toks)] for toks in cues)
    rates = {w: n / total[w] for w, n in in_cue.items() if n >= MIN_CUE_RATE * total[w] and can_be_cue(w)}
    return rates, cue_words


# Words that sit inside multi-word gold cues ("also said", "officially announced", "footage shows")
# but report nothing themselves: function words, auxiliaries and adverbs, hedges ("seems", which
# belong to the hedging family) and a few event nouns and verbs.
_REPORTING_FUNCTION_WORDS = frozenset({"said", "says", "say", "according"})
_NOT_REPORTING = frozenset({"footage", "launched", "launching"})


def can_be_cue(word: str) -> bool:
    """True for a word the classifier may consider as a reporting cue on its own."""
    if word == ":" or word in _REPORTING_FUNCTION_WORDS:
        return True
    return not (
        word in FUNCTION_WORDS
        or word in SUBJECT_VERB_GAP_WORDS
        or word.endswith("ly")
        or word.startswith(("seem", "appear"))
        or word in _NOT_REPORTING
    )


def eligible_words(texts: list[Text]) -> frozenset[str]:
    """Every word that was ever inside a gold cue often enough (a superset of any chosen vocabulary)."""
    return frozenset(_cue_rates(texts)[0])


def choose_vocabulary(texts: list[Text]) -> frozenset[str]:
    """Greedy cover of gold cues: words by cue rate, kept when they reach enough not-yet-covered cues."""
    rate, cue_words = _cue_rates(texts)
    containing: dict[str, list[int]] = {}
    for n, words in enumerate(cue_words):
        for w in set(words):
            containing.setdefault(w, []).append(n)
    covered = [False] * len(cue_words)
    chosen = set()
    for w in sorted(rate, key=lambda w: (-rate[w], w)):
        new = [n for n in containing.get(w, []) if not covered[n]]
        if len(new) >= MIN_NEW_CUES:
            chosen.add(w)
            for n in new:
                covered[n] = True
    return frozenset(chosen)


def _examples(texts: list[Text], vocabulary: frozenset[str]) -> list[Example]:
    """Candidates and labels (overlap with any annotator's cue) for every text."""
    out = []
    for text in texts:
        gold = set().union(*_cue_tokens(text))
        candidates = find_candidates(text.doc, DocIndex(text.doc), vocabulary)
        labels = [int(c.tok in gold) for c in candidates]
        out.append(Example(text, candidates, labels))
    return out


def _restrict(examples: list[Example], vocabulary: frozenset[str]) -> list[Example]:
    """The same examples with candidates outside ``vocabulary`` dropped (lexicon phrases kept)."""
    out = []
    for ex in examples:
        low = ex.text.doc.lower
        keep = [
            k
            for k, c in enumerate(ex.candidates)
            if c.lexical or low[ex.text.doc.tokens[c.tok].start : ex.text.doc.tokens[c.tok].end] in vocabulary
        ]
        out.append(Example(ex.text, [ex.candidates[k] for k in keep], [ex.labels[k] for k in keep]))
    return out


def _fit(examples: list[Example], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    """L2 logistic regression over binary feature strings seen at least MIN_FEATURE_COUNT times."""
    seen = Counter(f for ex in examples for cand in ex.candidates for f in cand.features)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(
        {f: 1 for f in cand.features if seen[f] >= MIN_FEATURE_COUNT}
        for ex in examples
        for cand in ex.candidates
    )
    y = np.array([label for ex in examples for label in ex.labels])
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x, y)
    return vectorizer, model


def _probabilities(vectorizer: DictVectorizer, model: LogisticRegression, ex: Example) -> list[float]:
    if not ex.candidates:
        return []
    x = vectorizer.transform(dict.fromkeys(cand.features, 1) for cand in ex.candidates)
    return model.predict_proba(x)[:, 1].tolist()


def cue_f1(examples: list[Example], probabilities: list[list[float]], threshold: float) -> float:
    """Per-annotation-file micro overlap F1 of the selected cues (the evaluation's headline figure)."""
    counts = Counts()
    for ex, probs in zip(examples, probabilities):
        predicted = [(c.start, c.end) for c in select_cues(ex.text.doc, ex.candidates, probs, threshold)]
        for ann in ex.text.annotations:
            counts.add(predicted, ann["Cue"])
    return float(counts.scores()["f1"])


def tune(fit: list[Text], held: list[Example]) -> tuple[frozenset[str], float, float, float]:
    """Vocabulary from the fit part; C and threshold maximising held-out cue F1."""
    vocabulary = choose_vocabulary(fit)
    fit_examples = _examples(fit, vocabulary)
    held = _restrict(held, vocabulary)
    best = (-1.0, 0.0, 0.0)
    for c in C_GRID:
        vectorizer, model = _fit(fit_examples, c)
        probs = [_probabilities(vectorizer, model, ex) for ex in held]
        for threshold in THRESHOLDS:
            f1 = cue_f1(held, probs, threshold)
            print(f"C={c:<4} threshold={threshold:.2f} held-out cue F1={f1:.4f}")
            best = max(best, (f1, c, threshold))
    return vocabulary, best[1], best[2], best[0]


def to_json(
    vocabulary: frozenset[str],
    vectorizer: DictVectorizer,
    model: LogisticRegression,
    threshold: float,
    meta: dict,
) -> dict:
    """The shipped layout: rounded, pruned weights sorted by feature name."""
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), DIGITS) for name, w in zip(names, model.coef_[0]) if abs(w) >= MIN_WEIGHT
    }
    return {
        **meta,
        "threshold": threshold,
        "bias": round(float(model.intercept_[0]), DIGITS),
        "candidates": sorted(vocabulary),
        "weights": dict(sorted(weights.items())),
    }


def main(argv: list[str] | None = None) -> int:
    """Tune on a held-out part of train, refit on all of train and write the weights JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    polnear = args.data / "polnear"
    if not (polnear / "train").is_dir():
        print(f"PolNeAR train not found under {args.data}; nothing to train.")
        return 0
    texts = load_split(polnear, "train")
    order = list(range(len(texts)))
    random.Random(SEED).shuffle(order)
    n_held = round(HELD_OUT * len(texts))
    held = [texts[i] for i in sorted(order[:n_held])]
    fit = [texts[i] for i in sorted(order[n_held:])]
    widest = eligible_words(texts)
    vocabulary, c, threshold, f1 = tune(fit, _examples(held, widest))
    print(
        f"chosen C={c} threshold={threshold} held-out cue F1={f1:.4f} "
        f"({len(vocabulary)} words on the fit part)"
    )
    vocabulary = choose_vocabulary(texts)
    vectorizer, model = _fit(_examples(texts, vocabulary), c)
    meta = {
        "origin": "models/training/attribution_cues.py on PolNeAR train (Newell et al. 2018); "
        "C and threshold chosen on a held-out fifth of train",
        "C": c,
        "held_out_cue_f1": f1,
    }
    args.out.write_text(
        json.dumps(to_json(vocabulary, vectorizer, model, threshold, meta), indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
