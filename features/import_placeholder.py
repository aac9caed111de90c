"""Import a library without one of its unused heavy dependencies."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def placeholder_module(name: str) -> Iterator[None]:
    """While the block runs, ``import name`` yields an empty placeholder module; afterwards the name
    is unregistered so a later real ``import name`` elsewhere is unaffected. No-op if already loaded."""
    if name in sys.modules:
        yield
        return
    stub = types.ModuleType(name, f"placeholder: {name} is not needed by credibly")
    sys.modules[name] = stub
    try:
        yield
    finally:
        if sys.modules.get(name) is stub:
            del sys.modules[name]
