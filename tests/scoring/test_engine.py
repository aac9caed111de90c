"""The engine's warm-up (the tables built on first use are built before the first real article, then
frozen out of the garbage collector's sight) and its short-text evidence weight."""

from __future__ import annotations

import gc
import math

from support import model_features

from credibly.features import words
from credibly.features.article import prepare
from credibly.features.style.fluency import fluency_model
from credibly.scoring.engine import Scorer, default_scorer


def test_warm_up_builds_the_lazily_built_tables() -> None:
    words._neighbour_targets.cache_clear()
    words.common_neighbour.cache_clear()
    fluency_model.cache_clear()
    result = Scorer().warm_up()
    assert result.error is None and result.score is not None
    assert words._neighbour_targets.cache_info().currsize == 1  # the typo targets
    assert fluency_model.cache_info().currsize == 1
    assert {"misspelling", "cue", "quote", "ngram"} <= {e.kind for e in result.evidence}


def test_warm_up_takes_the_loaded_tables_out_of_the_collectors_sight() -> None:
    gc.unfreeze()
    scorer = Scorer()
    assert gc.get_freeze_count() == 0
    scorer.warm_up()
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # leave the test process as it was
    assert frozen > 10_000, "the model, lexicons and indexes should be frozen"


SHORT = "Officials said on Monday the bridge would reopen, and the mayer told reporters it was safe."


def _unweighted_score(scorer: Scorer, text: str) -> float:
    """The score with every contribution counted in full, whatever the text's length."""
    return scorer.model.explain(model_features(scorer.model, prepare(text=text).doc)).score


def test_a_short_text_is_pulled_towards_the_middle_and_says_why() -> None:
    scorer = default_scorer()
    result = scorer.score({"text": SHORT})
    assert result.error is None and result.score is not None
    full = _unweighted_score(scorer, SHORT)
    assert abs(result.score - 50.0) < abs(full - 50.0)
    assert (result.score - 50.0) * (full - 50.0) > 0  # the evidence still points the same way
    assert any(w.startswith("short text (16 words)") for w in result.warnings)
    assert math.isclose(
        50.0 + sum(r["points"] for r in result.to_dict()["explanation"]), result.score, abs_tol=0.3
    )


def test_an_article_of_full_length_counts_its_evidence_in_full() -> None:
    scorer = default_scorer()
    text = " ".join([SHORT] * 6)  # 96 words
    result = scorer.score({"text": text})
    assert result.score is not None and not any(w.startswith("short text") for w in result.warnings)
    assert result.score == round(_unweighted_score(scorer, text), 1)


def test_invisible_characters_neither_lower_nor_raise_a_score():
    scorer = default_scorer()
    text = (
        "The council said on Monday that the bridge would reopen in May, according to a statement from "
        "the mayor's office. Officials said the repairs cost $2 million and took six months. "
    ) * 3
    clean = scorer.score({"text": text}).to_dict()
    hidden = scorer.score({"text": "\u200b".join(text)}).to_dict()  # a zero-width space after every character
    assert hidden["score"] == clean["score"] and hidden["text"] == text
    assert any("invisible" in w for w in hidden["warnings"])
