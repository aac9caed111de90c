"""`credibly train`: fit the shipped model on every labelled corpus and write it with its model card.

Deterministic (fixed seeds, fixed data order, single-threaded BLAS), so re-running it on the same data
and library versions reproduces the runtime model and card.
"""

from __future__ import annotations

import platform
from importlib.metadata import version
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from credibly.models.datasets import __doc__ as LABEL_MAPPING_DOC
from credibly.models.runtime import artifact
from credibly.models.runtime.additive import FULL_EVIDENCE_WORDS
from credibly.models.runtime.paths import DEFAULT_MODEL
from credibly.models.runtime.specs import model_specs
from credibly.models.training.additive import (
    SPREAD_QUANTILES,
    STRAIGHT_SPREAD_QUANTILES,
    STRAIGHT_ZERO_INFLATED_QUANTILES,
    ZERO_INFLATED_QUANTILES,
    ZERO_SHARE,
)
from credibly.models.training.data import TOPICS, TrainingData, load_training_data
from credibly.models.training.model import (
    MIN_DEFECT_COST,
    SEED,
    USE_TEXT_TERM,
    C,
    fit_model,
    reliable_quantiles,
    to_scorer,
)

MODEL_NAME = "credibly-signals-additive-v2"
# Terms as stated in ../shared/data/README.md (the corpora are never copied into the repository).
LICENCES = {
    "buzzfeed_webis": "BuzzFeed-Webis 2016 (Potthast et al. 2018), Zenodo 1239675; research use",
    "fakenewsnet": "FakeNewsNet v1 (Shu et al. 2018); research data release",
    "horne2017": "Horne & Adali 2017; BSD-style, upstream notice kept",
    "recovery": "ReCOVery (Zhou et al. 2020); CC BY-NC-SA 4.0; labels are the publisher's rating",
    "hyperpartisan": "SemEval-2019 Task 4 by-article set; research use; labels from domain ratings",
    "fakehealth": "FakeHealth (Dai et al. 2020); research data, no licence file; labels from domain ratings",
    "domain_ratings": "Lin et al. 2023 (PNAS Nexus) news-domain quality ratings; reuse permitted, cite",
}


def _data_summary(d: TrainingData) -> dict:
    out = {}
    for corpus in sorted(set(d.corpora)):
        mask = d.corpora == corpus
        out[corpus] = {
            "articles": int(mask.sum()),
            "reliable": int(d.y[mask].sum()),
            "unreliable": int((1 - d.y[mask]).sum()),
            "publishers": len(set(d.publishers[mask])),
            "topic": TOPICS.get(corpus, "other"),
            "total_weight_share": round(float(d.weights[mask].sum() / d.weights.sum()), 3),
            "licence": LICENCES.get(corpus, "see ../shared/data/README.md"),
        }
    return out


def train(data_dir: Path, out_path: Path = DEFAULT_MODEL, cache_dir: Path | None = None) -> dict:
    """Fit on every labelled article, save bundle + card, and return the card.

    BLAS runs single-threaded: multi-threaded reductions change summation order and so the last
    bits of the fitted parameters, which would break reproduction."""
    with threadpool_limits(limits=1):
        return _train(load_training_data(data_dir, cache_dir), out_path)


def _train(d: TrainingData, out_path: Path) -> dict:
    grams = d.grams if USE_TEXT_TERM else None
    model = fit_model(d.X, d.y, d.weights, d.names, d.publishers, d.corpora, grams)
    quantiles = reliable_quantiles(d.X, d.y, d.names)
    scorer = to_scorer(model, MODEL_NAME, {"reliable_quantiles": quantiles})
    baseline = 100.0 / (1.0 + np.exp(-scorer.baseline_logit))
    shapes = {
        name: {
            "knots": [round(k, 6) for k in s.knots],
            "slopes": [round(v, 4) for v in s.slopes],
            "reference": s.reference,
        }
        for name, s in zip(scorer.feature_names, scorer.shapes)
        if s.knots
    }
    card = {
        "name": MODEL_NAME,
        "task": "probability that a news article is written and sourced like reliable reporting (1) "
        "rather than unreliable (0); it rates writing and sourcing practice, not whether claims are true",
        "model": "additive logistic model: one monotone piecewise-linear shape per signal (knots at "
        f"quantiles {list(ZERO_INFLATED_QUANTILES)} of the positive values for features that are 0 in >= "
        f"{ZERO_SHARE:.0%} of articles, reference 0; else at quantiles {list(SPREAD_QUANTILES)}, reference "
        "the median; one straight segment, knots at quantiles "
        f"{list(STRAIGHT_ZERO_INFLATED_QUANTILES)} and {list(STRAIGHT_SPREAD_QUANTILES)}, where the "
        f"direction is learned), slopes bounded to each feature's declared direction, L2 (C={C}) on "
        "standardised segments, fitted by L-BFGS-B with sample weights (equal per corpus, publishers "
        "damped to the square root of their size, equal per label); defect features' slopes floored at "
        f"{MIN_DEFECT_COST} logit per occurrence in a 500-word article up to their last knot"
        + ("; plus a capped, l1-normalised masked-n-gram text term" if USE_TEXT_TERM else ""),
        "explanation": "exact: logit = baseline + sum of per-feature contributions g(x) - g(reference)",
        "short_texts": f"at scoring time the contributions of a text under {FULL_EVIDENCE_WORDS} words are "
        f"scaled by sqrt(words / {FULL_EVIDENCE_WORDS}) (less evidence, nearer mid-scale); nothing fitted",
        "baseline_score": round(float(baseline), 1),
        "baseline_note": "score of an article with every feature at its reference (no evidence either way)",
        "seed": SEED,
        "data": _data_summary(d),
        "label_mapping": LABEL_MAPPING_DOC,
        "excluded": "BuzzFeed-Webis 'no factual content', Horne satire, publishers rated between the "
        "distant-label thresholds; exact duplicates and near-duplicates (>50% shared 6-word shingles)",
        "features": list(scorer.feature_names),
        "feature_specs": [spec.to_dict() for spec in model_specs()],
        "shapes": shapes,
        "unused_features": [n for n, s in zip(scorer.feature_names, scorer.shapes) if not any(s.slopes)],
        "training_articles": len(d.y),
        "metrics_note": "see models/reports/evaluation.md (make evaluate) for every protocol and baseline",
        "versions": {
            "python": platform.python_version(),
            **{
                pkg: version(pkg)
                for pkg in ("scikit-learn", "numpy", "pandas", "joblib", "textstat", "scipy")
            },
        },
    }
    bundle = {
        "name": MODEL_NAME,
        "estimator": model.additive,
        "text_term": model.text_term,
        "feature_names": list(model.names),
    }
    return artifact.save(bundle, scorer, card, out_path)
