"""Where a command may write: never onto one of its inputs.

Paths are compared after resolving symbolic links and relative parts, and as files (hard links to an
input count as the input); an output inside an input folder is refused too, since a folder input is
read while the output is being written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from credibly.scoring.errors import UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _is_stdin(path: Path) -> bool:
    """True when ``path`` is the file this process's standard input reads (``< file`` redirection)."""
    try:
        return os.path.samestat(os.fstat(0), os.stat(path))
    except (OSError, ValueError):
        return False


def clashing_input(output: str | Path, inputs: Iterable[str | Path]) -> Path | None:
    """The input that ``output`` would overwrite or land in (None when it is safe); ``-`` (or no
    input at all) is standard input, which clashes when it is redirected from ``output``."""
    out = Path(output).resolve()
    for item in list(inputs) or ["-"]:
        if str(item) == "-":
            if _is_stdin(out):
                return Path("-")
            continue
        source = Path(item).resolve()
        if out == source or _same_file(out, source) or (source.is_dir() and out.is_relative_to(source)):
            return Path(item)
    return None


def refuse_output_on_input(command: str, output: str | Path | None, inputs: Iterable[str | Path]) -> None:
    """Raise :class:`UsageError` when ``output`` is one of ``inputs`` (or inside an input folder)."""
    if output is None or str(output) == "-":
        return
    clash = clashing_input(output, inputs)
    if clash is not None:
        if str(clash) == "-":
            where = "the file standard input is redirected from"
        else:
            where = f"{'inside the input folder' if Path(clash).is_dir() else 'the input file'} {clash}"
        raise UsageError(
            f"the output {output} is {where}; refusing to write over an input "
            f"(nothing was written). Choose another output path for `credibly {command}`."
        )


def make_output_folder(output: str | Path) -> None:
    """Create the folder ``output`` goes in; a :class:`UsageError` naming the file in the way when a
    part of that path is a file ("File exists" from ``mkdir`` would not say which)."""
    folder = Path(output).parent
    for part in (folder, *folder.parents):
        if part.exists() and not part.is_dir():
            raise UsageError(f"cannot write {output}: {part} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)
