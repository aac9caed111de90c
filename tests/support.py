"""Paths shared by the tests (``tests/`` is on ``sys.path`` through the pytest configuration)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "scoring" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
