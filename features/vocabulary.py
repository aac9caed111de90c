"""The offline English word-frequency list (shipped inside ``pyspellchecker``), loaded once per process.

Spelling uses it as its vocabulary and the consistency detectors use it to tell ordinary words from
names; both read this one copy.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources


@cache
def english_frequencies() -> dict[str, int]:
    """``word -> frequency`` from pyspellchecker's ``en.json.gz`` (empty if the file is missing).
    Shared and cached: callers must not mutate it."""
    try:
        raw = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
        return json.loads(gzip.decompress(raw))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return {}
