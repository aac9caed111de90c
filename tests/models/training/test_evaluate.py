"""Evaluation helpers: variance shares add up, length and source checks measure what they say."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.models.training.data import TrainingData
from credibly.models.training.evaluate import (
    ece,
    length_correlation,
    reliability_diagram,
    source_agreement,
    top_reason_shares,
    variance_shares,
)


def _data(n: int = 60) -> TrainingData:
    rng = np.random.default_rng(0)
    publishers = np.array([f"p{i % 6}.com" for i in range(n)])
    return TrainingData(
        frame=pd.DataFrame({"topic": ["t"] * n}),
        X=np.zeros((n, 1)),
        names=["style.caps_rate"],
        grams=[[] for _ in range(n)],
        y=rng.integers(0, 2, n),
        publishers=publishers,
        corpora=np.array(["c"] * n),
        weights=np.ones(n),
        texts=[""] * n,
        word_counts=rng.integers(100, 2000, n).astype(float),
    )


def test_length_correlation_is_one_when_scores_follow_length_within_each_publisher():
    d = _data()
    rows = np.arange(60)
    p = d.word_counts / d.word_counts.max()
    assert length_correlation(d, rows, p)["weighted_mean_spearman"] == 1.0
    flat = length_correlation(d, rows, np.random.default_rng(1).random(60))
    assert abs(flat["weighted_mean_spearman"]) < 0.5


def test_source_agreement_ranks_publishers_against_their_ratings():
    d = _data()
    ratings = {f"p{i}.com": i / 5 for i in range(6)}
    p = np.array([int(pub[1]) / 10 + 0.2 for pub in d.publishers])
    out = source_agreement(d, np.arange(60), p, ratings, {})
    assert out["c"]["domain_rating_pc1_spearman"] == 1.0 and out["c"]["mbfc_factuality_publishers"] == 0


def test_top_reason_shares_count_the_largest_contribution_either_way():
    names = ["style.misspelling_rate", "style.boilerplate_rate", "attribution.attributed_share", TEXT_FEATURE]
    parts = np.array(
        [
            [-2.0, 0.0, 0.5, 1.0],  # a defect's cost is the first reason
            [0.1, -0.2, 0.3, 0.9],  # the text term
            [0.0, 0.0, 1.5, -1.0],  # attribution
            [0.0, -0.5, 0.0, -0.6],  # the text term, lowering the score
        ]
    )
    assert top_reason_shares(parts, names) == {"attribution": 0.25, "style": 0.25, "text": 0.5}


def test_variance_shares_add_up_to_one_over_the_components():
    rng = np.random.default_rng(2)
    names = ["style.misspelling_rate", "hedging.hedges_per_sentence", TEXT_FEATURE]
    parts = rng.normal(size=(200, 3)) * [1.0, 0.5, 2.0]
    shares = variance_shares(parts, names)
    assert sum(shares[f] for f in ("hedging", "style", "text")) == pytest.approx(1.0, abs=0.002)
    assert shares["signal families"] == pytest.approx(shares["hedging"] + shares["style"], abs=0.001)
    assert shares["text"] > shares["style"] > shares["hedging"]


def test_calibration_of_perfectly_calibrated_bins_is_zero():
    y = np.array([0, 1] * 50)
    p = np.full(100, 0.5)
    assert ece(y, p) == 0.0 and reliability_diagram(y, p)[0]["observed"] == 0.5


def test_readme_evaluation_tables_are_generated_from_the_report():
    import json

    from support import ROOT

    from credibly.models.runtime.paths import REPORT_DIR
    from credibly.models.training.evaluate import readme_summary

    report = json.loads((REPORT_DIR / "evaluation.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- evaluation:start -->\n", 1)[1].split("<!-- evaluation:end -->", 1)[0]
    assert table == readme_summary(report), "regenerate: python -m credibly.models.training.evaluate"
