"""The command line every signal measurement shares: ``--data`` and ``--out``, and a clean skip
when the shared corpora are absent."""

from __future__ import annotations

import argparse
from pathlib import Path

from credibly.models.runtime.paths import DEFAULT_DATA_DIR


def report_args(description: str | None, out: Path, argv: list[str] | None) -> argparse.Namespace | None:
    """Parsed ``--data``/``--out`` arguments, or None (after saying so) when the data is absent."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="shared data directory")
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"shared data not found at {args.data}; nothing to evaluate")
        return None
    return args
