"""`credibly train`: fit the shipped model on all labelled corpora and write it with its model card.

Deterministic (fixed seeds, fixed data order, single-threaded BLAS), so re-running it on the same data
and library versions reproduces the runtime model and card byte for byte and every fitted parameter.
"""

from __future__ import annotations

import platform
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from credibly.features.pipeline import feature_names
from credibly.models.datasets import __doc__ as LABEL_MAPPING_DOC
from credibly.models.runtime import artifact
from credibly.models.runtime.paths import DEFAULT_MODEL
from credibly.models.runtime.specs import model_specs
from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.models.training.evaluate import (
    MAIN,
    MODELS,
    load_eval_data,
    metrics,
    out_of_fold,
    pooled_grouped,
)
from credibly.models.training.model import (
    CLIP,
    SEED,
    C,
    cross_fitted_text_logits,
    fit,
    reliable_quantiles,
    to_scorer,
)
from credibly.models.training.text_term import MIN_PUBLISHERS, fit_text_term

MODEL_NAME = "credibly-signals-logreg-v1"


def _data_summary(frame: pd.DataFrame) -> dict:
    by = frame.groupby("corpus")["label"].agg(["size", "sum"])
    return {
        corpus: {
            "articles": int(row["size"]),
            "reliable": int(row["sum"]),
            "unreliable": int(row["size"] - row["sum"]),
            "publishers": int(frame.loc[frame["corpus"] == corpus, "source"].nunique()),
        }
        for corpus, row in by.iterrows()
    }


def train(data_dir: Path, out_path: Path = DEFAULT_MODEL) -> dict:
    """Fit on every labelled article, save bundle + card, and return the card.

    BLAS runs single-threaded here: multi-threaded reductions change summation order and so the last
    bits of the coefficients (seen: 1e-17), which would break byte-for-byte reproduction."""
    with threadpool_limits(limits=1):
        return _train(data_dir, out_path)


def _train(data_dir: Path, out_path: Path) -> dict:
    d = load_eval_data(data_dir)
    names = [*feature_names(), TEXT_FEATURE]
    column = cross_fitted_text_logits(d.grams, d.y, d.weights, d.groups)
    X = np.column_stack([d.X, column])
    pipe = fit(X, d.y, d.weights)
    text_term = fit_text_term(d.grams, d.y, d.weights, d.groups)
    idx, p = out_of_fold(d, list(pooled_grouped(d)), MODELS[MAIN])
    bundle = {
        "name": MODEL_NAME,
        "pipeline": pipe,
        "text_term": text_term,
        "feature_names": names,
        "reliable_quantiles": reliable_quantiles(X, d.y, names),
    }
    coef = pipe.named_steps["logreg"].coef_[0]
    card = {
        "name": MODEL_NAME,
        "task": "probability that a news article is reliable (1) rather than unreliable (0)",
        "model": f"StandardScaler -> clip to ±{CLIP} SD -> sign-consistent LogisticRegression(C={C}), "
        "corpus-balanced sample "
        f"weights, over the signals plus one text term ({TEXT_FEATURE}: tf-idf word uni/bigrams used by >= "
        f"{MIN_PUBLISHERS} publishers -> logistic logit, cross-fitted on publisher-grouped inner folds)",
        "vocabulary_size": len(text_term.vocabulary),
        "explanation": "exact: logit = intercept + sum(coef_i * clipped standardised value_i)",
        "seed": SEED,
        "data": _data_summary(d.frame),
        "label_mapping": LABEL_MAPPING_DOC,
        "excluded": "hyperpartisan (proxy label), BuzzFeed-Webis 'no factual content', Horne satire; exact "
        "duplicates and near-duplicates (>50% shared 6-word shingles; FakeNewsNet's BuzzFeed/real items "
        "are largely BuzzFeed-Webis articles re-crawled)",
        "domain_ratings": "not used as labels or weights; "
        "used only to check per-host mean scores (see evaluation)",
        "features": names,
        "feature_specs": [spec.to_dict() for spec in model_specs()],
        "coefficients": {n: round(float(c), 4) for n, c in zip(names, coef)},
        "inactive_features": [n for n, a in zip(names, pipe.named_steps["logreg"].active_) if not a],
        "inactive_note": "measured and reported in `signals`, but given weight 0: "
        "their fitted sign contradicted "
        "their own association with the label (collinearity), so they cannot explain honestly",
        "intercept": round(float(pipe.named_steps["logreg"].intercept_[0]), 4),
        "metrics": {"pooled_publisher_grouped_5fold": metrics(d.y[idx], p)},
        "training_articles": len(d.y),
        "metrics_note": "see models/reports/evaluation.md for all protocols and baselines on the same folds",
        "versions": {
            "python": platform.python_version(),
            **{pkg: version(pkg) for pkg in ("scikit-learn", "numpy", "pandas", "joblib", "textstat")},
        },
    }
    scorer = to_scorer(
        pipe, names, MODEL_NAME, {"reliable_quantiles": bundle["reliable_quantiles"]}, text_term
    )
    return artifact.save(bundle, scorer, card, out_path)
