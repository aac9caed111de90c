"""Worker processes die with the process that started them, even when it is killed with SIGKILL.

Linux's parent-death signal (``prctl(PR_SET_PDEATHSIG)``) has the kernel kill a process the moment
its parent exits, whatever the parent's state and without the child's cooperation (a worker stuck
in a C call is killed too). Elsewhere :func:`die_with_parent` does nothing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Have this process killed (SIGKILL) when its parent exits; exit at once if it already has.

    ``parent`` is the pid the parent must have (default: the parent now), which closes the window in
    which the parent could die before the request: this process would then already be someone else's."""
    if sys.platform != "linux":
        return
    expected = os.getppid() if parent is None else parent
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != expected:  # the parent exited before the request took effect
        os._exit(1)
