"""The dated-sentence report: per-corpus means by label and the share's AUC where both labels exist."""

from __future__ import annotations

import numpy as np
import pytest

from credibly.models.signal_eval.dated import by_corpus


def test_by_corpus_reports_each_label_and_the_auc_only_with_both_labels() -> None:
    shares = np.array([0.2, 0.1, 0.0, 0.05, 0.0, 0.3])
    labels = np.array([1, 1, 0, 0, 1, 1])
    corpora = np.array(["a", "a", "a", "a", "health", "health"])
    report = by_corpus(shares, labels, corpora)
    assert report["a"]["reliable"] == {
        "articles": 2,
        "mean_share": pytest.approx(0.15),
        "share_with_one": 1.0,
    }
    assert report["a"]["unreliable"]["share_with_one"] == 0.5
    assert report["a"]["roc_auc"] == 1.0
    assert "roc_auc" not in report["health"] and "unreliable" not in report["health"]
    assert report["health"]["reliable"]["share_with_one"] == 0.5


def test_a_share_that_runs_the_wrong_way_has_an_auc_below_half() -> None:
    report = by_corpus(np.array([0.0, 0.1, 0.2, 0.3]), np.array([1, 1, 0, 0]), np.array(["c"] * 4))
    assert report["c"]["roc_auc"] == 0.0
