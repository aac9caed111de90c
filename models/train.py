"""`credibly train`: fit the shipped model on all labelled corpora and write it with its model card.

Deterministic (fixed seeds, fixed data order), so re-running it on the same data and library
versions reproduces the artifact byte for byte; the card records the sha256 to check that.
"""

from __future__ import annotations

import platform
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import sklearn
import textstat

from features.pipeline import feature_names
from models import artifact
from models.datasets import __doc__ as LABEL_MAPPING_DOC
from models.evaluate import load_eval_data, metrics, out_of_fold, pooled_grouped
from models.paths import DEFAULT_MODEL
from models.training import CLIP, SEED, C, fit, reliable_quantiles

MODEL_NAME = "credibly-signals-logreg-v1"


def _data_summary(frame: pd.DataFrame) -> dict:
    by = frame.groupby("corpus")["label"].agg(["size", "sum"])
    return {
        corpus: {"articles": int(row["size"]), "reliable": int(row["sum"]), "unreliable": int(row["size"] - row["sum"]),
                 "publishers": int(frame.loc[frame["corpus"] == corpus, "source"].nunique())}
        for corpus, row in by.iterrows()
    }


def train(data_dir: Path, out_path: Path = DEFAULT_MODEL) -> dict:
    """Fit on every labelled article, save bundle + card, and return the card."""
    d = load_eval_data(data_dir)
    names = feature_names()
    pipe = fit(d.X, d.y, d.weights)
    idx, p = out_of_fold(d, list(pooled_grouped(d)), lambda dd, tr, te: fit(dd.X[tr], dd.y[tr], dd.weights[tr]).predict_proba(dd.X[te])[:, 1])
    bundle = {
        "name": MODEL_NAME,
        "pipeline": pipe,
        "feature_names": names,
        "reliable_quantiles": reliable_quantiles(d.X, d.y, names),
    }
    coef = pipe.named_steps["logreg"].coef_[0]
    card = {
        "name": MODEL_NAME,
        "task": "probability that a news article is reliable (1) rather than unreliable (0)",
        "model": f"StandardScaler -> clip to ±{CLIP} SD -> LogisticRegression(C={C}), corpus-balanced sample weights",
        "explanation": "exact: logit = intercept + sum(coef_i * clipped standardised value_i)",
        "seed": SEED,
        "data": _data_summary(d.frame),
        "label_mapping": LABEL_MAPPING_DOC,
        "excluded": "hyperpartisan (proxy label), BuzzFeed-Webis 'no factual content', Horne satire; exact and "
                    "near (same normalised title) duplicates",
        "domain_ratings": "not used as labels or weights; used only to check per-host mean scores (see evaluation)",
        "features": names,
        "coefficients": {n: round(float(c), 4) for n, c in zip(names, coef)},
        "intercept": round(float(pipe.named_steps["logreg"].intercept_[0]), 4),
        "metrics": {"pooled_publisher_grouped_5fold": metrics(d.y[idx], p)},
        "metrics_note": "see models/reports/evaluation.md for all protocols and baselines on the same folds",
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__, "pandas": pd.__version__, "joblib": joblib.__version__,
                     "textstat": textstat.__version__},
    }
    return artifact.save(bundle, card, out_path)
