"""Scorers without a model for tests that run scoring in worker processes (importable there: ``tests/``
is on the path of every process the test session starts)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from credibly.scoring.result import ScoreResult


class SpinScorer:
    """Instant, except for a text starting ``SPIN <path>``: it writes its pid to ``<path>`` and then
    spins in Python forever (a deliberately slow article), and ``SLEEP <seconds>``: it takes that long.
    Texts over 100,000 characters come back in the result (a large reply)."""

    model = SimpleNamespace(name="fake-model")

    def score(self, article: Any, default_id: str = "") -> ScoreResult:
        text = article.text or ""
        if text.startswith("SPIN "):
            # Written whole or not at all: the process may be replaced between creating and writing.
            pid_file = Path(text.split()[1])
            partial = pid_file.with_name(f"{pid_file.name}.{os.getpid()}.tmp")
            partial.write_text(str(os.getpid()))
            partial.replace(pid_file)
            while True:
                pass
        if text.startswith("SLEEP "):
            time.sleep(float(text.split()[1]))
        echo = text if len(text) > 100_000 else None
        return ScoreResult(
            id=article.id or default_id, score=float(len(text) % 100), label="mixed", text=echo
        )
