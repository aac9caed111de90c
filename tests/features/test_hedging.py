"""Behaviour of the hedging extractor: offsets, senses, negation, robustness, WikiWeasel F1."""

from __future__ import annotations

import math

import pytest

from credibly.features.document import parse
from credibly.features.hedging import FEATURE_NAMES, SIGNAL, extract


def spans(text: str, kind: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every evidence span, optionally of one kind."""
    return [(e.start, e.end, e.kind) for e in extract(parse(text)).evidence if kind in (None, e.kind)]


def test_hedge_weasel_booster_offsets() -> None:
    text = "The mayor reportedly resigned. Some people say it is believed. It is clearly false."
    assert spans(text) == [
        (10, 20, "hedge"),
        (31, 46, "weasel"),
        (47, 61, "weasel"),
        (69, 76, "booster"),
    ]


def test_multiword_longest_match_and_case() -> None:
    assert spans("IT APPEARS TO be true, according to some.") == [(0, 10, "hedge"), (23, 40, "weasel")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It is not clearly wrong.", [(10, 17, "hedge")]),
        ("We can't be certain.", [(9, 19, "hedge")]),
        ("It is not likely.", [(10, 16, "hedge")]),
        ("I am not sure.", [(5, 13, "hedge")]),
        ("There is no doubt about it.", [(0, 17, "booster")]),
        ("He won without a doubt.", [(7, 22, "booster")]),
        ("Prices are not always higher.", [(15, 21, "hedge")]),
        ("Clearly, no one came.", [(0, 7, "booster")]),
    ],
)
def test_negation(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The law passed in May 2016.",
        "On May 5 the vote was held.",
        "Theresa May spoke on Tuesday.",
        "May 2016 was wet.",
        "Russia showed its military might.",
        "They pushed with all their might.",
        "Some 300 people attended.",
        "Harvard studies show the effect.",
        "He worked there for many years.",
    ],
)
def test_non_cue_senses(text: str) -> None:
    assert [s for s in spans(text) if s[2] != "booster"] == []


def test_modal_may_is_its_own_kind() -> None:
    result = extract(parse("Prices may rise."))
    assert [(e.start, e.end, e.kind, e.note) for e in result.evidence] == [(7, 10, "modal", "weak modal")]
    assert result.features["modal_hedges_per_sentence"] == 1.0
    assert result.features["hedges_per_sentence"] == 0.0


def test_features_and_quoted_share() -> None:
    doc = parse('"It might rain," she said. The storm will clearly hit. Experts say it may be worse.')
    f = extract(doc).features
    assert tuple(f) == FEATURE_NAMES
    assert f["hedges_per_sentence"] == 0.0
    assert f["modal_hedges_per_sentence"] == pytest.approx(2 / 3)
    assert f["weasels_per_sentence"] == pytest.approx(1 / 3)
    assert f["boosters_per_sentence"] == pytest.approx(1 / 3)
    assert f["hedged_sentence_share"] == pytest.approx(1 / 3)
    assert f["hedge_booster_balance"] == pytest.approx((1 - 1) / (1 + 1 + 1))
    assert f["quoted_hedge_share"] == 0.0
    quoted = extract(parse('"It is reportedly true," she said. Experts say it is.')).features
    assert quoted["quoted_hedge_share"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00",
        "may",
        "MAY",
        "Might.",
        "no doubt",
        "İstanbul may ’reportedly’ “some say”",
        "\n\n\t",
        "x" * 10_000,
        "数据可能 allegedly 不清楚",
        "not " * 500 + "clearly",
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    doc = parse(text)
    result = extract(doc)
    assert result.signal == SIGNAL
    assert set(result.features) == set(FEATURE_NAMES)
    assert all(isinstance(v, float) and math.isfinite(v) for v in result.features.values())
    for e in result.evidence:
        assert e.text == doc.text[e.start : e.end]


def test_evidence_spans_valid_on_mixed_text() -> None:
    text = (
        "Officials reportedly said ‘it is unclear’. "
        "Critics claim it’s undeniably flawed; it isn’t clearly so.\n" * 3
    )
    doc = parse(text)
    evidence = extract(doc).evidence
    assert evidence
    for e in evidence:
        assert e.signal == SIGNAL and e.note
        assert e.text == doc.text[e.start : e.end]


@pytest.mark.shared
def test_shipped_lexicon_finds_most_uncertain_wikiweasel_sentences(shared_data) -> None:
    """A regression floor on the train split, which labels generalisations, vague quantifiers and
    peacock terms less often than the held-out splits do: recall is what the categories are for."""
    from credibly.features.hedging import LEXICON
    from credibly.models.signal_eval.hedging import load_wikiweasel, predict, scores

    docs, gold = load_wikiweasel(shared_data)
    result = scores(predict(LEXICON, docs), gold)
    assert result["recall"] >= 0.75 and result["f1"] >= 0.55


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in extract(parse(text)).evidence]


def test_categories_from_editorial_guidance() -> None:
    text = (
        "The gunman is believed to have acted alone. Critics generally argue the so-called plan is one of "
        "the most important reforms, and the legendary mayor may agree. It is clearly true."
    )
    assert _kinds(text) == [
        ("hedge", "is believed"),
        ("weasel", "Critics"),
        ("generalisation", "generally"),
        ("weasel", "so-called"),
        ("peacock", "one of the most"),
        ("peacock", "legendary"),
        ("modal", "may"),
        ("booster", "clearly"),
    ]


def test_vague_attribution_is_a_weasel_and_the_month_may_is_not_a_modal() -> None:
    assert _kinds("Reports say growing calls came in May.") == [
        ("weasel", "Reports say"),
        ("weasel", "growing calls"),
    ]


def test_generalisations_and_peacocks_have_their_own_rates() -> None:
    features = extract(parse("It is often said. This is a world-famous and iconic bridge.")).features
    assert features["generalisations_per_sentence"] == 0.5
    assert features["peacocks_per_sentence"] == 1.0
