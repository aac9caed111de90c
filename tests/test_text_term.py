"""The text term: publisher-filtered vocabulary, exact parity with scikit-learn, evidence spans."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from features.document import parse
from features.wording import word_ngrams
from models.text_term import fit_text_term, publisher_vocabulary

RELIABLE = "Officials said the council approved the budget on Tuesday, according to the minutes."
UNRELIABLE = "You will not believe this shocking secret they do not want you to know!"
DOCS = [RELIABLE, UNRELIABLE] * 6
PUBLISHERS = [f"pub{i}" for i in range(12)]
Y = np.array([1, 0] * 6)


def _grams(text: str) -> list[str]:
    return [g for g, _, _ in word_ngrams(parse(text))]


def test_ngrams_are_lowercase_words_with_spans_and_no_cross_sentence_bigrams():
    doc = parse("Mr. Smith said. They left 3 times!")
    grams = word_ngrams(doc)
    assert ("smith said", 4, 14) in grams
    assert all(doc.lower[s:e] == g for g, s, e in grams)
    assert not any(g == "said they" for g, _, _ in grams)
    assert not any(any(c.isdigit() for c in g) for g, _, _ in grams)


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
    vec = TfidfVectorizer(analyzer=lambda g: g, vocabulary=vocab, sublinear_tf=True, norm="l2")
    vec.fit(gram_lists)
    probe = _grams("The council said it was a shocking secret, officials said.")
    expected = vec.transform([probe]) @ term.coef + term.intercept
    assert abs(term.logit(probe) - float(expected[0])) < 1e-9
    assert term.logit(_grams(RELIABLE)) > 0 > term.logit(_grams(UNRELIABLE))


def test_evidence_points_at_the_strongest_ngrams():
    term = fit_text_term([_grams(t) for t in DOCS], Y, np.ones(len(Y)), PUBLISHERS)
    doc = parse(UNRELIABLE)
    logit, evidence = term.evaluate(doc)
    assert abs(logit - term.logit(_grams(UNRELIABLE))) < 1e-12
    assert evidence and all(e.signal == "text" and e.kind == "ngram" for e in evidence)
    assert all(doc.text[e.start : e.end] == e.text for e in evidence)
    assert all("unreliable" in e.note for e in evidence if e.note.endswith(")") and "-" in e.note)


def test_fast_ngram_strings_match_the_spanned_ngrams():
    from collections import Counter

    from features.wording import ngram_strings

    doc = parse('Mr. Smith said, "the city grew". They left 3 times!\nNew para here. Smith said the city grew.')
    assert Counter(ngram_strings(doc)) == Counter(g for g, _, _ in word_ngrams(doc))
