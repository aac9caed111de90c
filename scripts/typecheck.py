"""Run mypy on the installed ``credibly`` namespace.

The repository keeps ``features/``, ``models/`` and ``scoring/`` at the top level and setuptools maps
them into ``credibly.*``; mypy does not follow an editable install's import hook, so this builds the
same layout out of symbolic links under ``build/typecheck`` and checks ``-p credibly`` there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "typecheck"
MAPPING = {"": "credibly", "features": "features", "models": "models", "scoring": "scoring"}


def main() -> int:
    shutil.rmtree(TREE, ignore_errors=True)
    package = TREE / "credibly"
    package.mkdir(parents=True)
    for item in (ROOT / "credibly").iterdir():
        if item.suffix in (".py", ".typed"):
            (package / item.name).symlink_to(item)
    for name in ("features", "models", "scoring"):
        (package / name).symlink_to(ROOT / name, target_is_directory=True)
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "-p", "credibly"]
    return subprocess.call(command, cwd=TREE)


if __name__ == "__main__":
    raise SystemExit(main())
