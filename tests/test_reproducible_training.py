"""`credibly train` reproduces the shipped artifact byte for byte (needs ../shared/data; slow)."""

from __future__ import annotations

import pytest

from models import artifact
from models.train import train


@pytest.mark.shared
@pytest.mark.slow
def test_training_reproduces_the_shipped_artifact(shared_data, tmp_path):
    shipped = artifact.read_card()
    card = train(shared_data, tmp_path / artifact.DEFAULT_MODEL.name)
    assert card["sha256"] == shipped["sha256"], "features or training changed: run `make train` and commit"
    assert card["runtime_sha256"] == shipped["runtime_sha256"]
    assert artifact.load(tmp_path / artifact.DEFAULT_MODEL.name).name == shipped["name"]
