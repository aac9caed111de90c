"""The text term: publisher-filtered masked vocabulary, parity with scikit-learn, evidence spans."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from support import masked_ngram_spans

from credibly.features.document import parse
from credibly.features.wording import KEPT_WORDS, masked_ngrams
from credibly.models.runtime.text_term import TextTerm
from credibly.models.training.text_term import fit_text_term, l1_scale, publisher_vocabulary

RELIABLE = "Officials said the council approved the budget on Tuesday, according to the minutes."
UNRELIABLE = "You will not believe this shocking secret they do not want you to know!"
DOCS = [RELIABLE, UNRELIABLE] * 6
PUBLISHERS = [f"pub{i}" for i in range(12)]
Y = np.array([1, 0] * 6)
SHAPES = {"C", "A", "G", "D", "L", "S", "W", "N", "U", "P"} | set(",.;:!?()\"'-")


def _grams(text: str) -> list[str]:
    return masked_ngrams(parse(text))


def test_vocabulary_needs_enough_distinct_publishers():
    grams = [["cnn", "said"], ["cnn", "said"], ["said"], ["said"], ["said"]]
    pubs = ["cnn.com", "cnn.com", "a", "b", "c"]
    assert publisher_vocabulary(grams, pubs, min_publishers=3) == ["said"]
    assert publisher_vocabulary(grams, pubs, min_publishers=4) == ["said"]
    assert publisher_vocabulary(grams, pubs, min_publishers=5) == []


def test_logit_matches_scikit_learn_decision_function():
    gram_lists = [_grams(t) for t in DOCS]
    term = fit_text_term(gram_lists, Y, np.ones(len(Y)), PUBLISHERS)
    vocab = sorted(term.vocabulary, key=term.vocabulary.get)
    vec = TfidfVectorizer(
        analyzer=lambda g: g, vocabulary=vocab, sublinear_tf=True, norm="l1", lowercase=False
    )
    vec.fit(gram_lists)
    probe = _grams("The council said it was a shocking secret, officials said.")
    expected = vec.transform([probe]) * term.scale @ term.coef + term.intercept
    assert abs(term.logit(probe) - float(expected[0])) < 1e-9
    assert term.logit(_grams(RELIABLE)) > 0 > term.logit(_grams(UNRELIABLE))


def test_logit_does_not_grow_with_the_number_of_ngrams():
    """An article made of grams that all lean one way gets the same logit however many it has (an
    l2-normalised term grows with the square root of their number, i.e. with length)."""
    vocabulary = {f"g{i}": i for i in range(300)}
    term = TextTerm(vocabulary, np.ones(300), np.full(300, 0.5), intercept=0.1, scale=4.0)
    short, long = term.logit(["g0", "g1", "g2"]), term.logit([f"g{i}" for i in range(300)])
    assert math.isclose(short, long) and math.isclose(short, 0.1 + 0.5 * 4.0)


def test_l1_scale_is_the_median_ratio_of_row_norms():
    from scipy.sparse import csr_matrix

    rows = csr_matrix(np.array([[3.0, 4.0], [1.0, 0.0], [0.0, 0.0], [2.0, 2.0]]))
    assert math.isclose(l1_scale(rows), float(np.median([7 / 5, 1.0, 4 / math.sqrt(8)])))


def test_evidence_points_at_the_strongest_ngrams():
    term = fit_text_term([_grams(t) for t in DOCS], Y, np.ones(len(Y)), PUBLISHERS)
    doc = parse(UNRELIABLE)
    logit, evidence = term.evaluate(doc)
    assert abs(logit - term.logit(_grams(UNRELIABLE))) < 1e-12
    assert evidence and all(e.signal == "text" and e.kind == "ngram" for e in evidence)
    assert all(doc.text[e.start : e.end] == e.text for e in evidence)
    assert all(e.note.endswith(("reliable articles", "unreliable articles")) for e in evidence)


SPAN_TEXTS = [
    'Mr. Smith said, "the city grew". They left 3 times!\nNew para here. Smith said the city grew.',
    "Officials said the council approved the budget. The council said the budget grew, officials said.",
    "One. Two three, four!\n\nFive six seven -- eight nine nine nine.",
    "You will not believe this shocking secret they do not want you to know!",
]


def _reference_evaluate(term, doc):
    """The straightforward evaluation: per-gram formula over the counted n-grams, every contribution
    sorted, spans from a walk over the text in order."""
    from collections import Counter

    counts = Counter(g for g in masked_ngrams(doc) if g in term.vocabulary)
    weights = {g: (1.0 + math.log(c)) * float(term.idf[term.vocabulary[g]]) for g, c in counts.items()}
    norm = sum(weights.values()) / term.scale or 1.0
    contributions = {g: w / norm * float(term.coef[term.vocabulary[g]]) for g, w in weights.items()}
    top = []
    for sign in (1, -1):
        side = [(g, v) for g, v in contributions.items() if v * sign > 0]
        top += sorted(side, key=lambda kv: -abs(kv[1]))[:6]
    first: dict[str, tuple[int, int]] = {}
    for g, s, e in masked_ngram_spans(doc):
        first.setdefault(g, (s, e))
    return term.intercept + sum(contributions.values()), sorted((first[g], v) for g, v in top)


def test_evaluate_matches_the_straightforward_computation():
    term = fit_text_term(
        [_grams(t) for t in DOCS + SPAN_TEXTS * 5],
        np.array([1, 0] * 6 + [1, 0, 1, 0] * 5),
        np.ones(32),
        PUBLISHERS + [f"extra{i}" for i in range(20)],
    )
    for text in [*SPAN_TEXTS, RELIABLE, UNRELIABLE]:
        doc = parse(text)
        logit, evidence = term.evaluate(doc)
        expected_logit, expected = _reference_evaluate(term, doc)
        assert math.isclose(logit, expected_logit, rel_tol=1e-12, abs_tol=1e-12)
        assert sorted(((e.start, e.end), e.note) for e in evidence) == [
            (
                span,
                f"phrasing pattern more common in {'reliable' if v > 0 else 'unreliable'} articles",
            )
            for span, v in expected
        ]


@pytest.fixture
def shipped_term():
    """The shipped model's text term (the test skips without a model or a text term)."""
    from credibly.models.runtime.artifact import DEFAULT_MODEL
    from credibly.models.runtime.registry import load_default_model

    if not DEFAULT_MODEL.exists():
        pytest.skip("no model")
    term = load_default_model().text_term
    if term is None:
        pytest.skip("the shipped model has no text term")
    return term


def test_shipped_text_term_has_no_topic_name_or_outlet_words(shipped_term):
    term = shipped_term
    for gram in term.vocabulary:
        for token in gram.split(" "):
            assert token in KEPT_WORDS or token in SHAPES, gram


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.5]) | st.floats(-3, 3), max_size=20),
    st.integers(1, 8),
)
def test_strongest_each_way_resolve_ties_like_a_stable_sort(values, k):
    from credibly.models.runtime.text_term import _strongest_each_way

    expected = []
    for side in (1.0, -1.0):
        signed = [(i, v) for i, v in enumerate(values) if v * side > 0]
        expected += [i for i, _ in sorted(signed, key=lambda kv: -abs(kv[1]))[:k]]
    assert sorted(_strongest_each_way(np.asarray(values, dtype=float), k)) == sorted(expected)


def test_scoring_path_gives_exactly_the_logit_of_the_ngram_strings(shipped_term):
    import json

    from support import EXAMPLES

    term = shipped_term
    texts = [json.loads(line)["text"] for line in (EXAMPLES / "examples.jsonl").read_text().splitlines()]
    texts += [*SPAN_TEXTS, "Wait... what?!! Really!!! 'Yes' -- he said ... 100% (sure)."]
    for text in texts:
        doc = parse(text)
        assert term.evaluate(doc)[0] == term.logit(masked_ngrams(doc))
