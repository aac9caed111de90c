"""The engine's warm-up: the tables built on first use are built before the first real article."""

from __future__ import annotations

from credibly.features import words
from credibly.features.style.fluency import fluency_model
from credibly.scoring.engine import Scorer


def test_warm_up_builds_the_lazily_built_tables() -> None:
    words._neighbour_targets.cache_clear()
    words.common_neighbour.cache_clear()
    fluency_model.cache_clear()
    result = Scorer().warm_up()
    assert result.error is None and result.score is not None
    assert words._neighbour_targets.cache_info().currsize == 1  # the typo targets
    assert fluency_model.cache_info().currsize == 1
    assert {"misspelling", "cue", "quote", "ngram"} <= {e.kind for e in result.evidence}
