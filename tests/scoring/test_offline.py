"""The whole engine scores with networking disabled (no nltk.download, no hub, no URL fetch)."""

from __future__ import annotations

import subprocess
import sys

# Runs in a fresh interpreter so nothing was imported (or cached) before sockets are disabled.
SCRIPT = r"""
import socket
attempts = []
def _refuse(*a, **k):
    attempts.append(a)
    raise OSError("network access attempted")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
try:
    import nltk
    nltk.download = _refuse
except ImportError:  # textstat's NLTK is never imported by credibly; without it nothing can download
    pass
from credibly.scoring.engine import Scorer
res = Scorer().score({"id": "x", "title": "Officials confirm new bridge plan",
    "text": "The mayor said on Monday that the council approved the plan. Readability needs syllables, "
            "so this sentence exercises the English pronunciation dictionary thoroughly.",
    "url": "https://example.com/a"})
assert res.error is None, res.error
assert res.signals["style"]["flesch_reading_ease"] != 0
assert attempts == [], attempts
try:  # the guard itself works: a deliberate connection is refused and recorded
    socket.create_connection(("example.com", 80))
except OSError:
    pass
assert len(attempts) == 1
print("OK", res.score)
"""


def test_scoring_needs_no_network(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("OK")
