"""Property-based API tests generated from the OpenAPI schema (schemathesis), bounded in examples."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings

from credibly.scoring.api.app import create_app
from credibly.scoring.api.config import Settings

APP = create_app(
    Settings(db_path=str(Path(tempfile.mkdtemp(prefix="credibly-api-")) / "api.sqlite3"), rate_per_second=0)
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
