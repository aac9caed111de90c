"""Training weights: every corpus the same total, big publishers damped, both labels balanced."""

from __future__ import annotations

import numpy as np

from credibly.models.training.data import near_duplicate_mask, sample_weights

CORPORA = ["a"] * 90 + ["b"] * 10
PUBLISHERS = ["big"] * 80 + ["small"] * 10 + ["b1"] * 5 + ["b2"] * 5
Y = [1] * 80 + [0] * 10 + [1] * 5 + [0] * 5


def test_weights_have_mean_one_and_balance_the_labels():
    w = sample_weights(CORPORA, PUBLISHERS, Y)
    y = np.array(Y)
    assert np.isclose(w.mean(), 1.0)
    assert np.isclose(w[y == 1].sum(), w[y == 0].sum())


def test_a_big_publisher_counts_with_the_square_root_of_its_size():
    w = sample_weights(["a"] * 90, ["big"] * 80 + ["small"] * 10, [1] * 45 + [0] * 45)
    big, small = w[:80].sum(), w[80:].sum()
    # Before label balancing the totals would be sqrt(80) : sqrt(10); balancing moves them, but a
    # publisher with 8x the articles still has far less than 8x the weight.
    assert big / small < 8 / 1.5


def test_corpora_weigh_the_same_before_label_balance():
    w = sample_weights(["a"] * 4 + ["b"] * 2, ["p", "q", "p", "q", "r", "s"], [1, 0, 1, 0, 1, 0])
    assert np.isclose(w[:4].sum(), w[4:].sum())


def test_near_duplicates_are_dropped_after_the_first_copy():
    base = "the council approved the budget on tuesday after a long debate about roads and bridges " * 3
    texts = [base, base + " one more sentence at the end.", "something else entirely " * 10]
    assert near_duplicate_mask(texts).tolist() == [False, True, False]
