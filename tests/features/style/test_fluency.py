"""Disfluent clauses: exact spans on ungrammatical clauses, none on edited prose."""

from __future__ import annotations

import pytest

from credibly.features.document import parse
from credibly.features.style.fluency import (
    agreement_out_of_reach,
    find_disfluencies,
    fluency_model,
    padded,
    shipped_weights,
    token_features,
)


def _spans(text: str) -> list[str]:
    return [text[d.start : d.end] for d in find_disfluencies(parse(text))]


def test_an_agreement_slip_is_marked_on_its_clause() -> None:
    text = "Some residents said they was never warned about the fire at the plant."
    assert _spans(text) == ["they was never"]
    assert 0.5 < find_disfluencies(parse(text))[0].probability <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The council voted 7-2 on Wednesday to approve a plan to repair three bridges over the river.",
        "Residents were allowed to return at 10 a.m. on Thursday, the county emergency office said.",
        "The company did not say what caused the fire, and a spokesman declined to comment further.",
        "Mayor Linda Park said the city would ask the state to review the plant's storage permits.",
    ],
)
def test_edited_news_sentences_are_not_flagged(text: str) -> None:
    assert _spans(text) == []


# Real sentences from reliable articles the classifier flagged before agreement out of its two-token
# reach was set aside: the verb agrees with a head further left, or the clause is subjunctive.
@pytest.mark.parametrize(
    "text",
    [
        "Results of the study are scheduled to be published in the March issue of the journal.",
        "Both the sisters and the teen girl have been fighting their case in court for months.",
        "Steroids are a standard treatment for pregnant women likely to deliver early.",
        "Berger said it was unnecessary to shut down elective procedures, which are a vital source of "
        "revenue for hospitals.",
        "The lead author said that if he were a woman he would get screened every year.",
        "Left-wing critics like Bernie Sanders are equally dour about the trade pact.",
        "Patients in the study were not randomly assigned to receive the drug, the authors said.",
        "However, financial analysts who track the biotech sector are not optimistic about its prospects.",
        "There were a myriad of ways that Mills herself violated the law, the report said.",
    ],
)
def test_agreement_with_a_head_out_of_reach_is_not_flagged(text: str) -> None:
    assert _spans(text) == []


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("Results of the study are published", "are", True),
        ("the sisters and the teen girl have been", "have", True),
        ("procedures , which are a source", "are", True),
        ("if he were a woman", "were", True),
        ("Steroids are a treatment", "are", True),
        ("The study are published", "are", False),
        ("Sanders is running", "is", False),
        ("he were a woman", "were", False),
        ("the soldiers was killed", "was", False),
        ("analysts who track the sector are", "are", True),
        ("There are a number of theories", "are", True),
        ("There are a problem", "are", False),
    ],
)
def test_agreement_out_of_reach(text: str, verb: str, expected: bool) -> None:
    doc = parse(text)
    lowers = [doc.lower[t.start : t.end] for t in doc.tokens]
    assert agreement_out_of_reach(doc.tokens, lowers, lowers.index(verb)) is expected


def test_a_slip_beside_a_head_out_of_reach_is_still_flagged() -> None:
    assert _spans("The soldiers was killed in the attack on Tuesday, the ministry said in a statement.") == [
        "soldiers was killed"
    ]
    assert _spans("The study are scheduled to be published in the March issue of the journal.") != []
    assert _spans("There are a problem with the new plan, the mayor told the council on Monday.") != []


def test_quotations_and_short_sentences_are_not_judged() -> None:
    assert _spans('"They was never told," she said.') == []
    assert _spans("They was here.") == []


def test_fast_scores_equal_the_sum_of_each_feature_weight() -> None:
    model = fluency_model()
    assert model is not None
    weights = shipped_weights()["weights"]
    doc = parse("The ministry said the soldiers was killed in the attack on Tuesday, with Turkey denies it.")
    tokens = doc.tokens
    classes, words = padded(
        tokens, [doc.lower[t.start : t.end] for t in tokens], model.closed, model.vocabulary
    )
    slow = [
        model.bias + sum(weights.get(f, 0.0) for f in token_features(classes, words, j))
        for j in range(2, len(classes) - 2)
    ]
    assert model.sentence_scores(classes, words) == pytest.approx(slow, abs=1e-9)
