"""The command line shared by the builders of data files shipped in ``features/data`` (the fluency
weights, the two-word name list): where the corpora are, where the file goes."""

from __future__ import annotations

import argparse
from pathlib import Path

from credibly.models.runtime.paths import DEFAULT_DATA_DIR, FEATURE_DATA_DIR


def parse_args(doc: str, file_name: str, argv: list[str] | None) -> argparse.Namespace:
    """``--data`` (default the shared corpora) and ``--out`` (default ``features/data/file_name``)
    for a builder whose module docstring is ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=FEATURE_DATA_DIR / file_name)
    return parser.parse_args(argv)


def corpora_found(data: Path, corpus: str) -> bool:
    """True when ``data/corpus`` exists; otherwise says there is nothing to build."""
    if (data / corpus).is_dir():
        return True
    print(f"corpora not found under {data}; nothing to build")
    return False
