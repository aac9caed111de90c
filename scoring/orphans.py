"""Worker processes die with the process that started them, even when it is killed with SIGKILL.

Workers are forked by a forkserver, from its only thread: :func:`die_with_parent` uses Linux's
parent-death signal (``prctl(PR_SET_PDEATHSIG)``), so the kernel kills a worker the moment the
forkserver exits, whatever the worker is doing (one stuck in a C call too). That signal follows the
*thread* that created a process, and a forkserver may be started from any thread (a web framework's
lifespan thread, say), so the forkserver itself follows its parent *process* with
:func:`exit_with_parent_process`. Off Linux both do nothing.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1
# What a forkserver imports before forking workers, for every user in a process (a process has one
# forkserver, and the first user's list wins): the module that ties the forkserver's life to this
# process, the batch worker, and the warmed-up shipped model for API scoring workers. A module whose
# extra is not installed is skipped by the forkserver.
FORKSERVER_PRELOAD = [
    "credibly.scoring.forkserver_preload",
    "credibly.scoring.batch.worker",
    "credibly.scoring.api.preload_model",
]


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


def exit_with_parent_process() -> None:
    """Exit this process as soon as its parent process exits: a daemon thread waits on a pidfd of the
    parent (which becomes readable when the parent process ends, whichever thread started this one)."""
    if sys.platform != "linux":
        return
    parent = os.getppid()
    try:
        pidfd = os.pidfd_open(parent)
    except ProcessLookupError:  # already gone
        os._exit(1)

    def wait() -> None:
        select.select([pidfd], [], [])
        os._exit(1)

    threading.Thread(target=wait, name="exit-with-parent", daemon=True).start()
