"""The engine's warm-up: the tables built on first use are built before the first real article, then
frozen out of the garbage collector's sight."""

from __future__ import annotations

import gc

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


def test_warm_up_takes_the_loaded_tables_out_of_the_collectors_sight() -> None:
    gc.unfreeze()
    scorer = Scorer()
    assert gc.get_freeze_count() == 0
    scorer.warm_up()
    frozen = gc.get_freeze_count()
    gc.unfreeze()  # leave the test process as it was
    assert frozen > 10_000, "the model, lexicons and indexes should be frozen"
