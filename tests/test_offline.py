"""The whole engine scores with networking disabled (no nltk.download, no hub, no URL fetch)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter so nothing was imported (or cached) before sockets are disabled.
SCRIPT = r"""
import socket
def _refuse(*a, **k):
    raise OSError("network access attempted")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
import nltk
nltk.download = _refuse
from credibly.scoring.engine import Scorer
res = Scorer().score({"id": "x", "title": "Officials confirm new bridge plan",
    "text": "The mayor said on Monday that the council approved the plan. Readability needs syllables, "
            "so this sentence exercises the English pronunciation dictionary thoroughly.",
    "url": "https://example.com/a"})
assert res.error is None, res.error
assert res.signals["style"]["flesch_reading_ease"] != 0
print("OK", res.score)
"""


def test_scoring_needs_no_network():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("OK")


def test_socket_is_untouched_in_this_process():
    assert socket.socket.connect.__name__ == "connect"
