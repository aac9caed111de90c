"""Reasons a reader can trust: signed like what they show, citing words that push their way."""

from __future__ import annotations

import json

import pytest
from support import EXAMPLES, FIXTURES

from credibly.features.attribution import NO_CREDIT_NOTE
from credibly.features.evidence import Evidence
from credibly.models.runtime.registry import load_default_model
from credibly.models.runtime.specs import spec_for
from credibly.models.runtime.text_term import TEXT_FEATURE
from credibly.scoring.engine import Scorer
from credibly.scoring.explain import _supporting, percentile
from credibly.scoring.reasons_text import SOURCING_CREDIT, STATEMENT, evidence_kinds, percentile_phrase
from credibly.scoring.result import ScoreResult

ARTICLES = [
    *map(json.loads, (EXAMPLES / "examples.jsonl").read_text(encoding="utf-8").splitlines()),
    json.loads((FIXTURES / "every_evidence_kind.json").read_text(encoding="utf-8")),
]


def assert_trustworthy(result: ScoreResult) -> None:
    """Every reason's words, sign and cited spans agree with each other and with the model."""
    model = load_default_model()
    shapes = dict(zip(model.feature_names, model.shapes))
    for reason in result.explanation:
        raises = reason.points > 0
        assert reason.conclusion.startswith("raises" if raises else "lowers"), reason
        assert "logit" not in reason.text and "p=" not in reason.text and "per 100" not in reason.text
        if reason.feature == TEXT_FEATURE:
            assert ("closer to reliable" in reason.measured) == raises, reason
        else:
            spec = spec_for(reason.feature)
            shape = shapes[reason.feature]
            if spec.direction is not None:
                # The value sits on the side of the reference that the declared direction says
                # pushes the score the way the reason does.
                assert (reason.value - shape.reference) * spec.direction * reason.points > 0, reason
            quantiles = model.metadata["reliable_quantiles"][reason.feature]
            median = quantiles[len(quantiles) // 2]
            if "more than in" in reason.measured:
                assert reason.value > median, reason
            if "less than in" in reason.measured:
                assert reason.value < median, reason
        for i in reason.evidence:
            span = result.evidence[i]
            if reason.feature == TEXT_FEATURE:
                side = "reliable articles" if raises else "unreliable articles"
                assert span.note.endswith(" " + side), (reason, span)
            else:
                assert span.signal == reason.signal and span.kind in evidence_kinds(reason.feature, raises)
                if reason.feature in SOURCING_CREDIT:
                    assert not span.note.endswith(NO_CREDIT_NOTE), (reason, span)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.get("id", "fixture"))
def test_reasons_are_signed_like_what_they_show_and_cite_words_that_push_their_way(article):
    result = Scorer().score(article)
    assert result.error is None and result.explanation
    assert_trustworthy(result)


def test_a_vague_sources_verb_is_never_shown_as_sourcing():
    evidence = [
        Evidence("attribution", "cue", 0, 4, "said", "reporting verb"),
        Evidence("attribution", "cue", 20, 23, "say", f"reporting verb {NO_CREDIT_NOTE}"),
        Evidence("attribution", "vague_source", 12, 19, "reports", "vague source: nobody in particular"),
    ]
    assert _supporting("attribution.cues_per_sentence", True, evidence) == [0]
    assert _supporting("attribution.vague_source_share", False, evidence) == [2]


def test_absent_things_earn_no_credit_and_a_missing_title_is_unknown():
    article = next(a for a in ARTICLES if a.get("id") == "careful-report")
    with_title = Scorer().score(article)
    without = Scorer().score({**article, "title": None})
    features = {r.feature for r in without.explanation}
    assert (
        "style.clickbait_score" not in features and "consistency.headline_unsupported_share" not in features
    )
    # No defects found: no defect feature may appear as a reason raising the score.
    for result in (with_title, without):
        for reason in result.explanation:
            if spec_for(reason.feature).direction == -1:
                assert reason.points < 0, reason


def test_percentiles_are_phrased_for_people():
    assert percentile_phrase("style.misspelling_rate", 97.0, raises=False) == (
        "more than in 97% of reliable articles"
    )
    assert percentile_phrase("attribution.cues_per_sentence", 10.0, raises=False) == (
        "less than in 90% of reliable articles"
    )
    assert percentile_phrase("style.misspelling_rate", 55.0, raises=False) == ""
    assert percentile_phrase("style.misspelling_rate", 100.0, raises=False).startswith("more than in 99%")
    assert percentile(0.5, [0.0, 0.25, 0.5, 0.75]) == 62.5


def test_the_statement_says_what_the_score_does_not_measure():
    assert "not whether its claims are true" in STATEMENT


@pytest.mark.shared
def test_top_reasons_cite_words_on_real_articles(shared_data):
    from credibly.models.datasets import load_buzzfeed_webis
    from credibly.models.datasets.recovery import load_recovery

    frames = [load_buzzfeed_webis(shared_data).iloc[::16], load_recovery(shared_data).iloc[::14]]
    scorer = Scorer()
    top, citing = 0, 0
    for frame in frames:
        for text, title in zip(frame["text"], frame["title"]):
            if not isinstance(text, str) or len(text.split()) < 50:
                continue
            result = scorer.score({"text": text, "title": title if isinstance(title, str) else None})
            if result.error is not None:
                continue
            assert_trustworthy(result)
            for reason in result.explanation[:3]:
                top += 1
                citing += bool(reason.evidence)
    assert top >= 200 and citing / top >= 0.8, (citing, top)
