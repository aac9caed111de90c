"""`credibly train` reproduces the shipped model exactly (needs ../shared/data; slow).

The runtime JSON (what scoring loads) and the model card must match byte for byte, and every
fitted parameter of the joblib pipeline must be equal. The joblib file's own bytes are not compared:
pickle memoises by object identity (e.g. shared strings), which depends on the process's history,
so equal models can pickle to different bytes.
"""

from __future__ import annotations

import numpy as np
import pytest

from models import artifact
from models.train import train


def _parameters(bundle: dict) -> list[np.ndarray]:
    pipe, term = bundle["pipeline"], bundle["text_term"]
    return [pipe.named_steps["scale"].mean_, pipe.named_steps["scale"].scale_, pipe.named_steps["logreg"].coef_,
            pipe.named_steps["logreg"].intercept_, term.idf, term.coef, np.array([term.intercept])]


@pytest.mark.shared
@pytest.mark.slow
def test_training_reproduces_the_shipped_model(shared_data, tmp_path):
    shipped = artifact.read_card()
    path = tmp_path / artifact.DEFAULT_MODEL.name
    card = train(shared_data, path)
    assert card["runtime_sha256"] == shipped["runtime_sha256"], "features or training changed: `make train`"
    assert {k: v for k, v in card.items() if k != "sha256"} == {k: v for k, v in shipped.items() if k != "sha256"}
    ours, theirs = artifact.load_pipeline(path), artifact.load_pipeline()
    assert ours["feature_names"] == theirs["feature_names"]
    assert ours["text_term"].vocabulary == theirs["text_term"].vocabulary
    assert all(np.array_equal(a, b) for a, b in zip(_parameters(ours), _parameters(theirs)))
